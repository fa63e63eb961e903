"""The check-in desk finds people without their badge, undoes a wrong check-in, and asks before checking in on a day
that is not today's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rendezvous.core.models import AuditEntry
from rendezvous.events.models import EditionStaff, StaffRole
from rendezvous.participation import services
from rendezvous.participation.models import CheckIn
from tests.factories import EditionFactory, OrganisationFactory, RegistrationFactory, make_user

pytestmark = pytest.mark.django_db


def staff(edition, role):
    user = make_user()
    EditionStaff.objects.create(edition=edition, user=user, role=role)
    return user


@pytest.fixture
def edition():
    today = timezone.localdate(timezone=datetime.UTC)
    return EditionFactory(
        timezone="UTC", start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1)
    )


def test_find_by_name_organisation_or_code(edition):
    jeanne = RegistrationFactory(
        edition=edition, given_name="Jeanne", family_name="Martin", organisation=OrganisationFactory(name="CNES")
    )
    RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Online", attendance="online")
    RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Pending", status="pending")
    assert services.find_participants(edition, "jeanne martin") == [jeanne]
    assert services.find_participants(edition, "cnes") == [jeanne]
    code = services.pass_for(jeanne).badge_code
    assert services.find_participants(edition, services.format_badge_code(code)) == [jeanne]
    assert services.find_participants(edition, "j") == []
    assert services.find_participants(edition, "x" * 10_000) == []


def test_desk_checks_in_a_found_person_and_undoes_it(client, edition):
    jeanne = RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Martin")
    volunteer = staff(edition, StaffRole.CHECKIN)
    client.force_login(volunteer)
    desk = reverse("participation:check_in", args=[edition.slug])
    found = client.get(desk, {"q": "Martin"}).content.decode()
    assert "Check in Jeanne Martin" in found
    body = client.post(desk, {"registration": str(jeanne.pk)}).content.decode()
    assert "ci-ok" in body and "Checked in: Jeanne Martin" in body
    entry = CheckIn.objects.get()
    response = client.post(reverse("participation:undo_check_in", args=[edition.slug, entry.pk]), follow=True)
    assert b"undone" in response.content and not CheckIn.objects.exists()
    assert AuditEntry.objects.filter(action="participation.check_in_undone", actor=volunteer).exists()
    again = client.post(reverse("participation:undo_check_in", args=[edition.slug, entry.pk]), follow=True)
    assert b"already undone" in again.content


def test_desk_refuses_bad_input_and_other_editions(client, edition):
    registration = RegistrationFactory(edition=edition)
    entry = CheckIn.objects.create(registration=registration, day=edition.start_date)
    client.force_login(staff(EditionFactory(), StaffRole.CHECKIN))
    assert client.post(reverse("participation:undo_check_in", args=[edition.slug, entry.pk])).status_code == 403
    client.force_login(make_user())
    assert client.post(reverse("participation:undo_check_in", args=[edition.slug, entry.pk])).status_code == 403
    client.force_login(staff(edition, StaffRole.CHECKIN))
    desk = reverse("participation:check_in", args=[edition.slug])
    for data in ({"registration": "99999999999999999999"}, {"registration": "-1"}, {"code": "x" * 100_000}, {}):
        response = client.post(desk, data)
        assert response.status_code == 200 and b"ci-bad" in response.content
    assert client.get(desk, {"q": "x" * 100_000}).status_code == 200
    assert CheckIn.objects.count() == 1


def test_outside_the_editions_dates_the_desk_asks_first(client):
    past = EditionFactory()  # 2022
    registration = RegistrationFactory(edition=past)
    client.force_login(staff(past, StaffRole.CHECKIN))
    desk = reverse("participation:check_in", args=[past.slug])
    assert 'name="confirm_outside_dates"' in client.get(desk).content.decode()
    code = services.pass_for(registration).badge_code
    body = client.post(desk, {"code": code, "outside_dates": "1"}).content.decode()
    assert "is not a day of this edition" in body and not CheckIn.objects.exists()
    body = client.post(desk, {"code": code, "outside_dates": "1", "confirm_outside_dates": "1"}).content.decode()
    assert "ci-ok" in body and CheckIn.objects.count() == 1
