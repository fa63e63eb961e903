"""Public programme pages: content, time zones, escaping, drafts, caching and query counts."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from rendezvous.core.models import User
from rendezvous.events.models import Edition
from rendezvous.programme.cache import bump_programme_version
from tests.factories import AffiliatedPersonFactory as PersonFactory
from tests.factories import PageOrganisationFactory as OrganisationFactory
from tests.factories import PublicContributionFactory as ContributionFactory
from tests.factories import PublicContributionSpeakerFactory as ContributionSpeakerFactory
from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import PublicRoomFactory as RoomFactory
from tests.factories import PublicSessionChairFactory as SessionChairFactory
from tests.factories import PublicSessionFactory as SessionFactory
from tests.factories import full_session, haikou

pytestmark = pytest.mark.django_db


def programme_url(edition):
    return reverse("programme:programme", kwargs={"slug": edition.slug})


def session_url(session):
    return reverse("programme:session", kwargs={"slug": session.edition.slug, "session_slug": session.slug})


def speakers_url(edition):
    return reverse("programme:speakers", kwargs={"slug": edition.slug})


@pytest.fixture
def edition():
    return EditionFactory()


# --- What the programme shows -------------------------------------------------------------------------


def test_programme_shows_sessions_by_local_day_with_everything_a_reader_needs(client, edition):
    room = RoomFactory(venue__edition=edition, name="Main Hall")
    session = SessionFactory(
        edition=edition, code="1(a)", title="Space exploration perspective", kind="technical", room=room
    )
    chair_org = OrganisationFactory(name="China National Space Administration", acronym="CNSA")
    SessionChairFactory(session=session, person=PersonFactory(given_name="Li", family_name="Guoping", title="Dr."))
    SessionChairFactory(session=session, person=None, organisation=chair_org)
    keynote = ContributionFactory(session=session, title="Lunar exploration plans", kind="keynote", order=1)
    at_the_time = OrganisationFactory(name="Korea Aerospace Research Institute", acronym="KARI")
    later = OrganisationFactory(name="Somewhere Else Entirely")
    ContributionSpeakerFactory(
        contribution=keynote,
        person=PersonFactory(given_name="Ada", family_name="Kim", organisation=later),
        organisation=at_the_time,
        position="Director",
    )
    video = ContributionFactory(session=session, title="Future of exploration", delivery="pre_recorded", order=2)
    cnes = OrganisationFactory(name="National Centre for Space Studies", acronym="CNES")
    ContributionSpeakerFactory(contribution=video, person=None, organisation=cnes)
    SessionFactory(edition=edition, title="Closing ceremony", kind="closing", start=haikou(24, 16), end=haikou(24, 17))

    html = client.get(programme_url(edition)).content.decode()

    assert "Monday, 21 November 2022" in html
    assert "Thursday, 24 November 2022" in html
    assert '<time datetime="2022-11-21T01:00:00Z" data-tz-format="time">09:00</time>' in html
    assert '<time datetime="2022-11-21T02:30:00Z" data-tz-format="time">10:30</time>' in html
    assert "Session 1(a)." in html and "Space exploration perspective" in html
    assert "Technical session" in html and "Closing ceremony" in html
    assert html.count("Closing ceremony") == 1  # no badge repeating the title
    assert "Main Hall" in html
    assert "Dr. Li Guoping" in html and "China National Space Administration (CNSA)" in html
    assert "Keynote speech" in html
    assert "Ada Kim" in html and "Director, Korea Aerospace Research Institute (KARI)" in html
    assert "Somewhere Else Entirely" not in html  # the affiliation at the time wins over today's
    assert "Pre-recorded video" in html
    assert "National Centre for Space Studies (CNES)" in html
    assert html.index("Lunar exploration plans") < html.index("Future of exploration")
    assert "Asia/Shanghai (UTC+08:00)" in html
    assert reverse("programme:programme_ics", kwargs={"slug": edition.slug}) in html
    assert reverse("programme:schedule_xml", kwargs={"slug": edition.slug}) in html
    assert reverse("programme:schedule_json", kwargs={"slug": edition.slug}) in html
    assert "rendezvous/timezones.js" in html


def test_days_follow_the_editions_clock_not_utc(client, edition):
    # 07:30 in Haikou on the 22nd is still the 21st in UTC.
    SessionFactory(edition=edition, title="Late", start=haikou(21, 22), end=haikou(21, 23))
    SessionFactory(edition=edition, title="Early", start=haikou(22, 7, 30), end=haikou(22, 8, 30))

    html = client.get(programme_url(edition)).content.decode()

    assert html.count('class="day-heading"') == 2
    assert html.index("Monday, 21 November 2022") < html.index("Late") < html.index("Tuesday, 22 November 2022")
    assert html.index("Tuesday, 22 November 2022") < html.index("Early")


def test_titles_are_escaped(client, edition):
    session = SessionFactory(edition=edition, title="<script>alert('session')</script>")
    contribution = ContributionFactory(session=session, title="<script>alert('talk')</script>")
    ContributionSpeakerFactory(contribution=contribution, person__given_name="<b>Bold</b>")

    for url in (programme_url(edition), session_url(session), speakers_url(edition)):
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url
        assert "<b>Bold</b>" not in html, url


def test_online_meeting_link_never_appears_on_public_pages(client, edition):
    session = full_session(edition, 0)
    for url in (programme_url(edition), session_url(session), speakers_url(edition)):
        assert "secret-meeting-123" not in client.get(url).content.decode()


# --- Session and speakers pages -----------------------------------------------------------------------


def test_session_page_shows_the_session_and_its_calendar_link(client, edition):
    session = full_session(edition, 0, room=RoomFactory(venue__edition=edition, name="Room 3"))
    contribution = session.contributions.first()
    contribution.abstract = "Water purification for crewed missions."
    contribution.save()

    html = client.get(session_url(session)).content.decode()

    assert session.title in html
    assert "Monday, 21 November 2022" in html and ">09:00</time>" in html
    assert "Room 3, Haikou International Convention Center" in html
    assert "Water purification for crewed missions." in html
    assert "Pre-recorded video" in html
    assert reverse("programme:session_ics", kwargs={"slug": edition.slug, "session_slug": session.slug}) in html
    assert "Add to calendar" in html


def test_session_page_404s_for_an_unknown_session_or_one_of_another_edition(client, edition):
    other = SessionFactory()
    assert client.get(reverse("programme:session", args=[edition.slug, "nope"])).status_code == 404
    assert client.get(reverse("programme:session", args=[edition.slug, other.slug])).status_code == 404


def test_speakers_index_lists_people_and_organisations_with_their_contributions(client, edition):
    session = SessionFactory(edition=edition, code="2", title="International rules")
    zulu = OrganisationFactory(name="Zulu Institute")
    ecole = OrganisationFactory(name="École polytechnique")
    alpha = OrganisationFactory(name="Alpha University")
    talk = ContributionFactory(session=session, title="Space law in a new era")
    ContributionSpeakerFactory(
        contribution=talk, person=PersonFactory(given_name="Yuki", family_name="Aoki", organisation=zulu)
    )
    ContributionSpeakerFactory(contribution=ContributionFactory(session=session), person=None, organisation=ecole)
    ContributionSpeakerFactory(contribution=ContributionFactory(session=session), person=None, organisation=alpha)
    SessionChairFactory(session=session, person=PersonFactory(given_name="Bo", family_name="Zhang"))
    other_edition_talk = ContributionFactory(title="Elsewhere")
    ContributionSpeakerFactory(contribution=other_edition_talk)

    html = client.get(speakers_url(edition)).content.decode()

    people, organisations = html.split('id="organisations-heading"')
    assert organisations.index("Alpha University") < organisations.index("École polytechnique")
    assert organisations.index("École polytechnique") < organisations.index("Zulu Institute")
    assert people.index("Yuki Aoki") < people.index("Bo Zhang")
    assert "Zulu Institute" in people  # Yuki Aoki's affiliation
    assert "Space law in a new era" in html
    assert session_url(session) in html
    assert "Chair" in html
    assert "Elsewhere" not in html


def test_the_speakers_index_and_a_session_page_speak_the_readers_language(client, edition):
    session = SessionFactory(edition=edition, code="2", title="International rules")
    SessionChairFactory(session=session, person=PersonFactory(given_name="Bo", family_name="Zhang"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    index = client.get(speakers_url(edition)).content.decode()
    assert '<span class="appearance-role">Président(e)</span>' in index
    assert ">Séance 2. International rules</a>" in index
    assert "<h1>Séance 2. International rules</h1>" in client.get(session_url(session)).content.decode()


# --- Who may see what -----------------------------------------------------------------------------------


def test_draft_editions_are_not_found_by_the_public(client):
    draft = EditionFactory(status="draft")
    session = full_session(draft, 0)
    for url in (programme_url(draft), session_url(session), speakers_url(draft)):
        assert client.get(url).status_code == 404, url


def test_draft_editions_are_visible_to_their_organisers(client):
    draft = EditionFactory(status="draft")
    full_session(draft, 0)
    client.force_login(User.objects.create_superuser("organiser@example.org", "a-long-password-123"))
    response = client.get(programme_url(draft))
    assert response.status_code == 200
    assert "visible to organisers only" in response.content.decode()


# --- Caching ------------------------------------------------------------------------------------------


def test_a_cached_anonymous_request_costs_at_most_one_small_query(client, edition, django_assert_num_queries):
    full_session(edition, 0)
    first = client.get(programme_url(edition))
    with django_assert_num_queries(0):  # the programme version was read moments ago
        second = client.get(programme_url(edition))
    cache.delete(f"programme:state:{edition.slug}")  # as when STATE_SECONDS have passed
    with django_assert_num_queries(1):
        third = client.get(programme_url(edition))
    assert first.content == second.content == third.content
    assert "Cookie" in second["Vary"]


def test_an_unpublished_edition_disappears_at_once(client, edition):
    full_session(edition, 0)
    assert client.get(programme_url(edition)).status_code == 200
    edition.status = "draft"
    edition.save()
    assert client.get(programme_url(edition)).status_code == 404


def test_programme_changes_show_at_once(client, edition):
    session = full_session(edition, 0)
    assert session.title in client.get(programme_url(edition)).content.decode()

    session.title = "Renamed session"
    session.save()
    assert "Renamed session" in client.get(programme_url(edition)).content.decode()

    speaker = session.contributions.first().speakers.first()
    speaker.person.family_name = "Renamedperson"
    speaker.person.save()
    assert "Renamedperson" in client.get(programme_url(edition)).content.decode()

    session.contributions.last().delete()
    assert "Pre-recorded video" not in client.get(programme_url(edition)).content.decode()


def test_edition_edits_bump_the_version_once_without_recursing(edition):
    version = Edition.objects.get(pk=edition.pk).programme_version
    edition.title = "New title"
    edition.save()
    assert Edition.objects.get(pk=edition.pk).programme_version == version + 1
    assert edition.programme_version == version + 1
    bump_programme_version(edition)
    assert Edition.objects.get(pk=edition.pk).programme_version == version + 2


def test_saving_a_stale_edition_never_rewinds_the_version(edition):
    stale = Edition.objects.get(pk=edition.pk)
    full_session(edition, 0)
    after_programme_change = Edition.objects.get(pk=edition.pk).programme_version
    stale.title = "Edited from an old copy"
    stale.save()
    assert Edition.objects.get(pk=edition.pk).programme_version == after_programme_change + 1


def test_every_programme_model_bumps_the_version(edition):
    def version():
        return Edition.objects.get(pk=edition.pk).programme_version

    start = version()
    room = RoomFactory(venue__edition=edition)  # venue + room
    session = full_session(edition, 0, room=room)  # session, chair, 2 contributions, 2 speakers
    assert version() > start
    for obj in (room, session.chairs.first(), session.contributions.first().speakers.first()):
        before = version()
        obj.save()
        assert version() == before + 1, type(obj).__name__
    before = version()
    session.delete()
    assert version() > before


def test_signed_in_pages_are_never_served_to_anonymous_visitors_or_the_reverse(client, edition):
    full_session(edition, 0)
    anonymous = client.get(programme_url(edition)).content.decode()
    assert "Sign in" in anonymous and "Sign out" not in anonymous

    client.force_login(User.objects.create_user("reader@example.org", "a-long-password-123"))
    signed_in = client.get(programme_url(edition)).content.decode()
    assert "Sign out" in signed_in and "csrfmiddlewaretoken" in signed_in

    client.logout()
    again = client.get(programme_url(edition)).content.decode()
    assert "Sign out" not in again and "csrfmiddlewaretoken" not in again


def test_visitors_with_a_session_get_their_own_page_shell(client, edition, django_assert_num_queries):
    full_session(edition, 0)
    client.get(programme_url(edition))  # warms the cache
    client.cookies["sessionid"] = "someone-elses-session"
    response = client.get(programme_url(edition))
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


# --- Queries do not grow with the programme -----------------------------------------------------------


@pytest.mark.parametrize("sessions", [1, 3])
def test_programme_queries_do_not_grow_with_sessions(client, edition, sessions, django_assert_num_queries):
    room = RoomFactory(venue__edition=edition)
    for index in range(sessions):
        full_session(edition, index, room=room)
    cache.clear()
    # cache check (programme version), edition, materials publication plan, series, sessions with rooms, chairs,
    # contributions, speakers, calls for cooperation announced in the edition
    with django_assert_num_queries(9):
        client.get(programme_url(edition))


@pytest.mark.parametrize("contributions", [1, 3])
def test_session_page_queries_do_not_grow_with_contributions(client, edition, contributions, django_assert_num_queries):
    session = SessionFactory(edition=edition, room=RoomFactory(venue__edition=edition))
    SessionChairFactory(session=session)
    for _ in range(contributions):
        ContributionSpeakerFactory(contribution=ContributionFactory(session=session))
    cache.clear()
    # cache check, edition, materials publication plan, series, session with room, chairs, contributions, speakers,
    # calls announced
    with django_assert_num_queries(9):
        client.get(session_url(session))


@pytest.mark.parametrize("sessions", [1, 3])
def test_speakers_page_queries_do_not_grow_with_sessions(client, edition, sessions, django_assert_num_queries):
    for index in range(sessions):
        full_session(edition, index)
    cache.clear()
    # cache check, edition, materials publication plan (part of every page key), series, speakers, chairs
    with django_assert_num_queries(6):
        client.get(speakers_url(edition))
