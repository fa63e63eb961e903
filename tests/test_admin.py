"""The platform staff's admin: every page opens, times show in the edition's zone, links lead to the timetable check."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from rendezvous.core.models import User
from rendezvous.events.models import Edition
from rendezvous.programme.models import Session
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    add_chair,
    add_speaker,
    make_user,
)
from tests.factories import (
    haikou as local,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("admin@example.org", superuser=True))
    return client


@pytest.fixture
def programme():
    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop")
    room = RoomFactory(venue__edition=edition, name="Hall A")
    session = SessionFactory(
        edition=edition, room=room, code="1(a)", title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30)
    )
    add_chair(session, person=PersonFactory(), organisation=OrganisationFactory())
    add_speaker(session, person=PersonFactory())
    return edition, session


def test_every_changelist_and_add_page_opens(superuser_client, programme):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(email="admin@example.org")
    ours = ("core", "events", "programme")
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ours:
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert superuser_client.get(reverse(f"{prefix}_changelist")).status_code == 200, prefix
        if model_admin.has_add_permission(request):  # the audit trail and the outbox are read-only
            assert superuser_client.get(reverse(f"{prefix}_add")).status_code == 200, prefix


def test_change_pages_open(superuser_client, programme):
    edition, session = programme
    for url in (
        reverse("admin:events_edition_change", args=[edition.pk]),
        reverse("admin:programme_session_change", args=[session.pk]),
        reverse("admin:programme_contribution_change", args=[session.contributions.get().pk]),
        reverse("admin:events_venue_change", args=[session.room.venue.pk]),
    ):
        assert superuser_client.get(url).status_code == 200, url


def test_edition_page_links_to_the_timetable_check(superuser_client, programme):
    edition, _ = programme
    page = superuser_client.get(reverse("admin:events_edition_change", args=[edition.pk])).content.decode()
    assert 'href="/events/haikou-2022/organise/timetable-check/">Timetable check</a>' in page


def test_session_list_shows_times_in_the_editions_zone_and_links_to_the_check(superuser_client, programme):
    edition, _ = programme
    url = reverse("admin:programme_session_changelist") + f"?edition__id__exact={edition.pk}"
    page = superuser_client.get(url).content.decode()
    # 09:00 in Haikou is 01:00 UTC.
    assert "Tue 22 Nov 2022, 09:00–10:30 (Asia/Shanghai)" in page
    assert 'href="/events/haikou-2022/organise/timetable-check/">Timetable check</a>' in page


def test_session_list_filters_by_local_day(superuser_client, programme):
    edition, session = programme
    # 07:00 on the 23rd in Haikou is still the 22nd in UTC: the filter must use Haikou's day.
    early = SessionFactory(edition=edition, title="Early bird", start=local(23, 7), end=local(23, 8))
    url = reverse("admin:programme_session_changelist")
    on_23rd = superuser_client.get(url, {"day": "2022-11-23"})
    assert list(on_23rd.context["cl"].queryset) == [early]
    on_22nd = superuser_client.get(url, {"day": "2022-11-22"})
    assert list(on_22nd.context["cl"].queryset) == [session]


def test_session_list_queries_do_not_grow_with_the_sessions(superuser_client, programme, django_assert_max_num_queries):
    edition, _ = programme
    url = reverse("admin:programme_session_changelist")
    with django_assert_max_num_queries(20) as few:
        superuser_client.get(url)
    for _ in range(5):
        SessionFactory(edition=edition, room=RoomFactory(venue__edition=edition))
    with django_assert_max_num_queries(len(few.captured_queries)):
        superuser_client.get(url)


def test_search_finds_people_and_organisations(superuser_client):
    PersonFactory(given_name="Simonetta", family_name="Di Pippo")
    OrganisationFactory(name="United Nations Office for Outer Space Affairs", acronym="UNOOSA")
    people = superuser_client.get(reverse("admin:core_person_changelist"), {"q": "pippo"})
    assert people.context["cl"].result_count == 1
    organisations = superuser_client.get(reverse("admin:core_organisation_changelist"), {"q": "unoosa"})
    assert organisations.context["cl"].result_count == 1


def test_a_user_is_added_by_email_address(superuser_client):
    response = superuser_client.post(
        reverse("admin:core_user_add"),
        {
            "email": "New.Organiser@Example.org",
            "usable_password": "true",
            "password1": "a-long-organiser-passphrase",
            "password2": "a-long-organiser-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.organiser@example.org")
    assert user.check_password("a-long-organiser-passphrase")


def test_a_second_account_with_the_same_address_in_other_case_is_refused(superuser_client):
    make_user("taken@example.org")
    response = superuser_client.post(
        reverse("admin:core_user_add"),
        {"email": "TAKEN@example.org", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "Someone already signs in with this e-mail address." in response.content.decode()


def test_an_organiser_with_hand_granted_permissions_is_still_refused(client, programme):
    # Issue 11: the admin is for platform staff. This test used to show an organiser (with model permissions granted
    # by hand) the changelists scoped to their own edition; now no model permission opens the admin to a non-superuser.
    edition, session = programme
    other = EditionFactory(title="Another workshop")
    SessionFactory(edition=other, title="Not yours")
    organiser = make_user("secretariat@example.org", staff=True, organiser_of=other)
    organiser.user_permissions.add(*_permissions("view_edition", "change_edition", "view_session"))
    client.force_login(organiser)

    assert client.get(reverse("admin:events_edition_changelist")).status_code == 403
    assert client.get(reverse("admin:events_edition_change", args=[other.pk])).status_code == 403
    assert client.get(reverse("admin:events_edition_change", args=[edition.pk])).status_code == 403
    assert client.get(reverse("admin:programme_session_changelist")).status_code == 403
    assert Edition.objects.count() == 2 and Session.objects.count() == 2


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=codenames)


def test_session_times_are_edited_in_the_editions_zone(superuser_client, programme):
    edition, session = programme
    url = reverse("admin:programme_session_change", args=[session.pk])
    form = superuser_client.get(url)
    page = form.content.decode()
    assert "Times are in Asia/Shanghai, the edition" in page
    assert 'value="09:00:00"' in page  # 01:00 UTC shown as Haikou time

    data = {
        "edition": edition.pk,
        "kind": "technical",
        "code": "1(a)",
        "title": "Lunar exploration",
        "slug": session.slug,
        "description": "",
        "start_0": "2022-11-22",
        "start_1": "14:00",
        "end_0": "2022-11-22",
        "end_1": "15:30",
        "room": session.room_id,
        **_inline_management(form.context),
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    session.refresh_from_db()
    assert session.start == local(22, 14) and session.end == local(22, 15, 30)


def _inline_management(context):
    """The inline formsets' management and existing rows, as the browser would send them back."""
    data = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.initial_forms:
            for field in form:
                value = field.value()
                if value is not None:
                    data[field.html_name] = value
    return data
