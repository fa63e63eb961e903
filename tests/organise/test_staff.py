"""Organisers add and remove organisers and check-in staff by e-mail; the audit trail and the outbox are theirs to
read; nobody reaches another edition's."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import AuditEntry, OutboxMessage, OutboxStatus
from rendezvous.events.models import EditionStaff, StaffRole
from rendezvous.organise import staff
from tests.factories import EditionFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(slug="third-2026")


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "lead@example.org")


def test_a_new_person_gets_an_account_and_an_invitation(edition, organiser):
    added = staff.add_staff(edition, " Desk@Example.org ", StaffRole.CHECKIN, actor=organiser)
    assert added.user.email == "desk@example.org" and not added.user.is_staff
    mail = OutboxMessage.objects.get(kind="staff_invitation", to="desk@example.org")
    assert "/events/third-2026/check-in/" in mail.body or "check-in" in mail.body
    entry = AuditEntry.objects.get(action="staff.added")
    assert entry.actor == organiser and entry.edition == edition and "desk@example.org" in entry.summary


def test_a_new_organiser_chooses_a_password_then_signs_in(client, edition, organiser):
    staff.add_staff(edition, "colleague@example.org", StaffRole.ORGANISER, actor=organiser)
    colleague = get_user_model().objects.get(email="colleague@example.org")
    assert colleague.is_staff and not colleague.has_usable_password()
    body = OutboxMessage.objects.get(to="colleague@example.org").body
    link = next(word for word in body.split() if "/organise/welcome/" in word)
    page = client.get(link[link.index("/organise/") :], follow=True)
    assert page.status_code == 200
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "a long Pass phrase 42", "new_password2": "a long Pass phrase 42"}
    )
    assert response.status_code == 302 and response.url == reverse("core:organiser_sign_in")
    colleague.refresh_from_db()
    assert colleague.check_password("a long Pass phrase 42")


def test_duplicates_and_bad_addresses_are_refused(edition, organiser):
    staff.add_staff(edition, "desk@example.org", StaffRole.CHECKIN, actor=organiser)
    with pytest.raises(staff.StaffError, match="already"):
        staff.add_staff(edition, "DESK@example.org", StaffRole.CHECKIN, actor=organiser)
    for bad in ("", "no-at-sign", "x" * 250 + "@example.org"):
        with pytest.raises(staff.StaffError):
            staff.add_staff(edition, bad, StaffRole.CHECKIN, actor=organiser)
    with pytest.raises(staff.StaffError, match="Unknown role"):
        staff.add_staff(edition, "a@example.org", "admin", actor=organiser)


def test_the_last_organiser_stays(edition, organiser):
    mine = EditionStaff.objects.get(user=organiser)
    with pytest.raises(staff.StaffError, match="last organiser"):
        staff.remove_staff(edition, mine.pk, actor=organiser)
    other = staff.add_staff(edition, "second@example.org", StaffRole.ORGANISER, actor=organiser)
    staff.remove_staff(edition, mine.pk, actor=organiser)
    assert list(EditionStaff.objects.filter(edition=edition)) == [other]
    assert AuditEntry.objects.filter(action="staff.removed", edition=edition).count() == 1


def test_organisers_of_another_edition_and_check_in_staff_change_nothing(edition, organiser):
    other_organiser = make_organiser(EditionFactory(), "elsewhere@example.org")
    desk = staff.add_staff(edition, "desk@example.org", StaffRole.CHECKIN, actor=organiser).user
    for actor in (other_organiser, desk):
        with pytest.raises(PermissionDenied):
            staff.add_staff(edition, "x@example.org", StaffRole.ORGANISER, actor=actor)
        with pytest.raises(PermissionDenied):
            staff.remove_staff(edition, EditionStaff.objects.get(user=organiser).pk, actor=actor)


# Pages ------------------------------------------------------------------------------------------------------------


def test_staff_page_adds_and_removes(client, edition, organiser):
    client.force_login(organiser)
    url = reverse("organise:staff", args=[edition.slug])
    response = client.post(url, {"email": "desk@example.org", "role": "checkin"}, follow=True)
    assert b"desk@example.org" in response.content and b"we e-mailed them" in response.content
    desk = EditionStaff.objects.get(user__email="desk@example.org")
    response = client.post(reverse("organise:remove_staff", args=[edition.slug, desk.pk]), follow=True)
    assert b"Role removed" in response.content
    last = EditionStaff.objects.get(user=organiser)
    response = client.post(reverse("organise:remove_staff", args=[edition.slug, last.pk]), follow=True)
    assert b"last organiser" in response.content and EditionStaff.objects.filter(pk=last.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "", "role": ""},
        {"email": "a" * 300 + "@example.org", "role": "checkin"},
        {"email": "not an address", "role": "checkin"},
        {"email": "a@example.org", "role": "superuser"},
        {"email": ["a@example.org", "b@example.org"], "role": 12345678901234567890},
    ],
)
def test_staff_page_answers_bad_input_with_a_message(client, edition, organiser, data):
    client.force_login(organiser)
    response = client.post(reverse("organise:staff", args=[edition.slug]), data)
    assert response.status_code == 400 and b"errorlist" in response.content
    assert EditionStaff.objects.filter(edition=edition).count() == 1


def test_organiser_pages_of_one_edition_refuse_another_editions_organiser(client, edition, organiser):
    message = OutboxMessage.objects.create(to="x@example.org", subject="s", body="b", edition=edition, status="failed")
    desk = staff.add_staff(edition, "desk@example.org", StaffRole.CHECKIN, actor=organiser)
    urls = [
        reverse("organise:staff", args=[edition.slug]),
        reverse("organise:audit", args=[edition.slug]),
        reverse("organise:outbox", args=[edition.slug]),
        reverse("registration:organise_policy", args=[edition.slug]),
        reverse("events:organise", args=[edition.slug]),
    ]
    posts = [
        reverse("organise:remove_staff", args=[edition.slug, desk.pk]),
        reverse("organise:send_again", args=[edition.slug, message.pk]),
    ]
    for person in (make_organiser(EditionFactory(), "b@example.org"), desk.user, make_user("p@example.org")):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        for url in posts:
            assert client.post(url).status_code == 403, (person, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302
    assert EditionStaff.objects.filter(pk=desk.pk).exists()


def test_audit_trail_and_outbox_with_send_again(client, edition, organiser):
    staff.add_staff(edition, "desk@example.org", StaffRole.CHECKIN, actor=organiser)
    OutboxMessage.objects.filter(edition=edition).update(status=OutboxStatus.FAILED, last_error="SMTP down")
    other = OutboxMessage.objects.create(
        to="secret@example.org", subject="Other edition", body="b", edition=EditionFactory()
    )
    client.force_login(organiser)
    trail = client.get(reverse("organise:audit", args=[edition.slug]))
    assert b"staff.added" in trail.content and b"lead@example.org" in trail.content
    outbox = client.get(reverse("organise:outbox", args=[edition.slug]))
    assert b"desk@example.org" in outbox.content and b"SMTP down" in outbox.content
    assert b"secret@example.org" not in outbox.content
    message = OutboxMessage.objects.get(edition=edition)
    response = client.post(reverse("organise:send_again", args=[edition.slug, message.pk]), follow=True)
    assert b"will be sent again" in response.content
    assert AuditEntry.objects.filter(action="outbox.resent", edition=edition).exists()
    response = client.post(reverse("organise:send_again", args=[edition.slug, other.pk]), follow=True)
    assert b"No such message" in response.content
