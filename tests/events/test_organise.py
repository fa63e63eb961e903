"""The organisers' dashboard leads to every organiser tool, and only organisers of the edition reach it."""

import pytest

from tests.factories import EditionFactory, make_user

pytestmark = pytest.mark.django_db


def test_dashboard_links_every_organiser_tool(client):
    edition = EditionFactory()
    client.force_login(make_user("organiser@example.org", staff=True, organiser_of=edition))
    response = client.get(f"/events/{edition.slug}/organise/")
    assert response.status_code == 200
    for path in (
        "organise/registrations/",
        "organise/invitations/",
        "organise/statistics/",
        "check-in/",
        "organise/badges.pdf",
        "organise/materials/",
        "organise/timetable-check/",
        "outcome/manage/",
        "organise/participants.csv",
    ):
        assert f"/events/{edition.slug}/{path}".encode() in response.content, path
    assert b"no clashes" in response.content


def test_edition_page_offers_the_dashboard_to_its_organisers_only(client):
    edition, other = EditionFactory(), EditionFactory()
    dashboard = f"/events/{edition.slug}/organise/".encode()
    assert dashboard not in client.get(f"/events/{edition.slug}/").content
    client.force_login(make_user("organiser@example.org", staff=True, organiser_of=other))
    assert dashboard not in client.get(f"/events/{edition.slug}/").content
    assert client.get(f"/events/{edition.slug}/organise/").status_code == 403
    client.force_login(make_user("mine@example.org", staff=True, organiser_of=edition))
    assert dashboard in client.get(f"/events/{edition.slug}/").content


def test_anonymous_visitors_are_sent_to_sign_in(client):
    edition = EditionFactory()
    response = client.get(f"/events/{edition.slug}/organise/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
