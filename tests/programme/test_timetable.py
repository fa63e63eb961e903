"""The timetable check: each kind of clash, the clean case, query count, and who may see the page."""

import pytest
from django.urls import reverse
from django.utils import translation

from rendezvous.programme.models import Session
from rendezvous.programme.timetable import ClashKind, detect_clashes, find_clashes
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
def edition():
    return EditionFactory(slug="haikou-test")


def kinds(clashes):
    return [clash.kind for clash in clashes]


def test_a_clean_timetable_has_no_clashes(edition):
    room = RoomFactory(venue__edition=edition)
    person = PersonFactory()
    first = SessionFactory(edition=edition, room=room, start=local(22, 9), end=local(22, 10))
    # Back to back in the same room, with the same chair: touching is not overlapping.
    second = SessionFactory(edition=edition, room=room, start=local(22, 10), end=local(22, 11))
    add_chair(first, person=person)
    add_chair(second, person=person)
    # The same person as chair and speaker of one session is fine.
    add_speaker(second, person=person)

    assert find_clashes(edition) == []


def test_one_person_in_two_overlapping_sessions_is_reported(edition):
    person = PersonFactory(title="Dr.", given_name="Wu", family_name="Yanhua")
    morning = SessionFactory(edition=edition, title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30))
    parallel = SessionFactory(edition=edition, title="Space law", start=local(22, 10), end=local(22, 11))
    add_chair(morning, person=person)
    add_speaker(parallel, person=person)

    [clash] = find_clashes(edition)

    assert clash.kind == ClashKind.PERSON
    assert clash.message == (
        "Dr. Wu Yanhua is in two places at once: chairs “Lunar exploration” (Tue 22 Nov 2022, 09:00–10:30) "
        "and speaks in “Space law” (Tue 22 Nov 2022, 10:00–11:00), times in Asia/Shanghai."
    )
    assert [url for _, url in clash.admin_links] == [
        reverse("admin:programme_session_change", args=[morning.pk]),
        reverse("admin:programme_session_change", args=[parallel.pk]),
    ]


def test_the_clashes_are_told_in_the_organisers_language(edition):
    person = PersonFactory(title="Dr.", given_name="Wu", family_name="Yanhua")
    room = RoomFactory(venue__edition=edition, name="Salle A")
    morning = SessionFactory(edition=edition, code="3", title="Lunar exploration", room=room)
    morning.start, morning.end = local(22, 9), local(22, 10, 30)
    morning.save()
    parallel = SessionFactory(edition=edition, title="Space law", room=room, start=local(22, 10), end=local(22, 11))
    add_chair(morning, person=person)
    add_speaker(parallel, person=person)
    with translation.override("fr"):
        messages = {clash.kind: clash.message for clash in find_clashes(edition)}
    assert messages[ClashKind.PERSON].startswith(
        "Dr. Wu Yanhua est à deux endroits à la fois : préside « Séance 3. Lunar exploration » ("
    )
    assert messages[ClashKind.ROOM].startswith(f"{room} est réservée deux fois : « Séance 3. Lunar exploration » (")
    assert messages[ClashKind.ROOM].endswith(", heures de Asia/Shanghai.")


def test_an_organisation_in_parallel_sessions_is_not_a_clash(edition):
    agency = OrganisationFactory(name="China National Space Administration")
    first = SessionFactory(edition=edition, start=local(22, 9), end=local(22, 10, 30))
    second = SessionFactory(edition=edition, start=local(22, 10), end=local(22, 11))
    add_chair(first, organisation=agency)
    add_speaker(second, organisation=agency)

    assert find_clashes(edition) == []


def test_a_double_booked_room_is_reported(edition):
    room = RoomFactory(venue__edition=edition, name="Hall A")
    SessionFactory(edition=edition, room=room, title="Panel", start=local(23, 14), end=local(23, 16))
    SessionFactory(edition=edition, room=room, title="Side event", start=local(23, 15, 30), end=local(23, 17))
    SessionFactory(edition=edition, room=RoomFactory(venue=room.venue), start=local(23, 14), end=local(23, 16))

    [clash] = find_clashes(edition)

    assert clash.kind == ClashKind.ROOM
    assert clash.message.startswith("Hall A, Haikou International Convention Center is double-booked: “Panel”")
    assert "(Wed 23 Nov 2022, 15:30–17:00)" in clash.message
    assert len(clash.sessions) == 2


def test_three_overlapping_sessions_in_one_room_give_each_pair(edition):
    room = RoomFactory(venue__edition=edition)
    for hour in (9, 10, 11):
        SessionFactory(edition=edition, room=room, start=local(22, 9), end=local(22, hour + 3))

    assert kinds(find_clashes(edition)) == [ClashKind.ROOM] * 3


def test_a_session_outside_the_editions_dates_in_its_zone_is_reported(edition):
    # 20 November 23:00 UTC is already 21 November 07:00 in Haikou: inside.
    SessionFactory(edition=edition, start=local(21, 7), end=local(21, 8))
    # Ending at midnight after the last day still belongs to the last day.
    SessionFactory(edition=edition, start=local(24, 22), end=local(25, 0))
    SessionFactory(edition=edition, title="Too early", start=local(20, 23), end=local(21, 1))

    [clash] = find_clashes(edition)

    assert clash.kind == ClashKind.OUTSIDE_DATES
    assert clash.message == (
        "“Too early” (Sun 20 Nov 2022, 23:00 to Mon 21 Nov 2022, 01:00) falls outside the edition's dates "
        "(Mon 21 Nov 2022 to Thu 24 Nov 2022), times in Asia/Shanghai."
    )


def test_a_session_that_ends_before_it_starts_is_reported(edition):
    # The database refuses such rows (a check constraint), so the rule is checked on unsaved sessions.
    backwards = Session(id=1, edition=edition, title="Backwards", start=local(22, 10), end=local(22, 9))
    empty = Session(id=2, edition=edition, title="Empty", start=local(22, 11), end=local(22, 11))

    clashes = detect_clashes(edition, [backwards, empty], [])

    assert kinds(clashes) == [ClashKind.BAD_TIMES, ClashKind.BAD_TIMES]
    assert "“Backwards” ends (Tue 22 Nov 2022, 09:00) before it starts (Tue 22 Nov 2022, 10:00)" in clashes[0].message
    assert "at the moment it starts" in clashes[1].message


def test_other_editions_are_not_mixed_in(edition):
    other = EditionFactory()
    person = PersonFactory()
    add_chair(SessionFactory(edition=edition), person=person)
    add_chair(SessionFactory(edition=other), person=person)

    assert find_clashes(edition) == []


def test_the_check_takes_the_same_two_queries_however_big_the_programme(edition, django_assert_num_queries):
    def grow(count):
        room = RoomFactory(venue__edition=edition)
        for _ in range(count):
            session = SessionFactory(edition=edition, room=room)
            add_chair(session, person=PersonFactory())
            add_speaker(session, person=PersonFactory())

    grow(1)
    with django_assert_num_queries(2):
        find_clashes(edition)
    grow(3)
    with django_assert_num_queries(2):
        assert len(find_clashes(edition)) == 3  # three sessions at one time in the new room: three pairs


# The page.


def test_anonymous_visitors_are_sent_to_sign_in(client, edition):
    url = reverse("programme:timetable_check", kwargs={"slug": edition.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign_in"))


def test_signed_in_non_organisers_are_refused(client, edition):
    other_edition = EditionFactory()
    client.force_login(make_user("organiser-elsewhere@example.org", staff=True, organiser_of=other_edition))
    response = client.get(reverse("programme:timetable_check", kwargs={"slug": edition.slug}))
    assert response.status_code == 403


def test_organisers_see_no_clashes_on_a_clean_timetable(client, edition):
    SessionFactory(edition=edition)
    client.force_login(make_user("secretariat@example.org", staff=True, organiser_of=edition))
    response = client.get(reverse("programme:timetable_check", kwargs={"slug": edition.slug}))
    assert response.status_code == 200
    assert "No clashes found" in response.content.decode()


def test_organisers_see_each_clash_with_links_to_the_sessions(client, edition):
    room = RoomFactory(venue__edition=edition, name="Hall <A>")
    first = SessionFactory(edition=edition, room=room)
    second = SessionFactory(edition=edition, room=room)
    client.force_login(make_user("admin@example.org", superuser=True))

    page = client.get(reverse("programme:timetable_check", kwargs={"slug": edition.slug})).content.decode()

    assert "Room double-booked" in page
    assert "Hall &lt;A&gt;" in page
    assert reverse("admin:programme_session_change", args=[first.pk]) in page
    assert reverse("admin:programme_session_change", args=[second.pk]) in page
    assert "No clashes found" not in page


def test_an_unknown_edition_is_not_found(client):
    client.force_login(make_user("admin@example.org", superuser=True))
    assert client.get(reverse("programme:timetable_check", kwargs={"slug": "nowhere"})).status_code == 404


def test_pages_show_a_sessions_code_in_the_readers_language_and_data_keep_english(edition):
    session = SessionFactory(edition=edition, code="3", title="Lunar exploration")
    with translation.override("zh-hans"):
        assert session.shown_title != session.display_title
        assert session.shown_title.endswith(" Lunar exploration") and "Session" not in session.shown_title
        assert session.display_title == "Session 3. Lunar exploration"
    session.code = ""
    assert session.shown_title == session.display_title == "Lunar exploration"
