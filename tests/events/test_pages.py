"""The home page and an edition's home page."""

import datetime

import pytest
from django.urls import reverse

from rendezvous.events.services import date_range_label, format_label
from tests.factories import PageOrganisationFactory as OrganisationFactory
from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import PublicEditionOrganiserFactory as EditionOrganiserFactory
from tests.factories import PublicVenueFactory as VenueFactory
from tests.factories import SeriesFactory, full_session

pytestmark = pytest.mark.django_db


def test_home_lists_public_editions_upcoming_first_then_past(client):
    series = SeriesFactory(name="Global Partnership Workshops")
    today = datetime.date.today()
    amman = EditionFactory(
        series=series,
        title="Amman workshop",
        start_date=datetime.date(2019, 3, 25),
        end_date=datetime.date(2019, 3, 28),
    )
    haikou = EditionFactory(series=series, title="Haikou workshop", status="archived")
    third = EditionFactory(
        series=series,
        title="Third workshop",
        start_date=today + datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=63),
    )
    EditionFactory(series=series, title="Secret draft", status="draft")

    html = client.get(reverse("events:home")).content.decode()

    assert "Global Partnership Workshops" in html
    assert html.index("Third workshop") < html.index("Haikou workshop") < html.index("Amman workshop")
    assert "Secret draft" not in html
    for edition in (amman, haikou, third):
        assert f'href="{edition.get_absolute_url()}"' in html
    assert "21–24 November 2022" in html


def test_edition_home_says_what_when_where_how_and_who(client):
    edition = EditionFactory(working_languages="English, Chinese", how_to_take_part="Register online by 1 November.")
    EditionOrganiserFactory(edition=edition, organisation=OrganisationFactory(name="Office for Outer Space Affairs"))
    EditionOrganiserFactory(
        edition=edition, organisation=OrganisationFactory(name="Government of Hainan Province"), role="co_organiser"
    )
    VenueFactory(edition=edition, name="Haikou International Convention Center")
    full_session(edition, 0)

    html = client.get(edition.get_absolute_url()).content.decode()

    assert edition.title in html
    assert "A platform for stakeholders" in html and "Raise awareness" in html
    assert "21–24 November 2022" in html
    assert "Haikou" in html and "China" in html and "Haikou International Convention Center" in html
    assert "Hybrid: in person in Haikou and online via Zoom" in html
    assert "secret-meeting-123" not in html
    assert "English, Chinese" in html
    assert "Office for Outer Space Affairs" in html
    assert "Co-organisers" in html and "Government of Hainan Province" in html
    assert "Register online by 1 November." in html
    assert f'href="/events/{edition.slug}/register/"' in html
    assert reverse("programme:programme", kwargs={"slug": edition.slug}) in html
    assert reverse("programme:speakers", kwargs={"slug": edition.slug}) in html
    assert reverse("programme:programme_ics", kwargs={"slug": edition.slug}) in html
    assert "1 session over 1 day, with 2 contributions" in html


def test_upcoming_edition_invites_registration(client):
    start = datetime.date.today() + datetime.timedelta(days=30)
    edition = EditionFactory(start_date=start, end_date=start + datetime.timedelta(days=3))
    html = client.get(edition.get_absolute_url()).content.decode()
    assert f'href="/events/{edition.slug}/register/"' in html
    assert "Register to take part" in html


def test_edition_text_is_escaped(client):
    edition = EditionFactory(title="<script>alert(1)</script>", summary="<img src=x onerror=alert(2)>")
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def test_draft_edition_is_not_found_by_the_public(client):
    draft = EditionFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/events/no-such-edition/").status_code == 404


def test_date_ranges_read_as_the_united_nations_print_them():
    assert date_range_label(datetime.date(2022, 11, 21), datetime.date(2022, 11, 24)) == "21–24 November 2022"
    assert date_range_label(datetime.date(2022, 11, 30), datetime.date(2022, 12, 2)) == "30 November – 2 December 2022"
    assert (
        date_range_label(datetime.date(2022, 12, 30), datetime.date(2023, 1, 2)) == "30 December 2022 – 2 January 2023"
    )
    assert date_range_label(datetime.date(2019, 3, 25), datetime.date(2019, 3, 25)) == "25 March 2019"


def test_format_names_the_platform_but_never_the_link():
    assert format_label(EditionFactory.build(format="online")) == "Online via Zoom"
    assert format_label(EditionFactory.build(format="in_person", city="Amman")) == "In person in Amman"
    assert "zoom.example.org" not in format_label(EditionFactory.build())
