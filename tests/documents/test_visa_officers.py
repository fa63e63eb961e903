"""Visa letter officers are named by the edition's organisers on the Staff page (not only in the Django admin): only
organisers of that edition grant or revoke the role, and only to one of its organisers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import AuditEntry
from rendezvous.documents import visa
from rendezvous.documents.certificates import DocumentError
from rendezvous.documents.models import VisaLetterOfficer
from rendezvous.documents.permissions import can_review_visa_letters
from rendezvous.events.models import StaffRole
from tests.factories import EditionFactory, make_organiser, make_user
from tests.factories.events import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(slug="visa-2026")


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "lead@example.org")


@pytest.fixture
def colleague(edition):
    return make_organiser(edition, "colleague@example.org")


def officer_url(edition, user) -> str:
    return reverse("documents:visa_officer", args=[edition.slug, user.pk])


def test_an_organiser_lets_a_colleague_handle_visa_letters_then_revokes_it(edition, organiser, colleague):
    assert not can_review_visa_letters(colleague, edition)
    visa.grant_officer(edition, colleague.pk, actor=organiser)
    assert can_review_visa_letters(colleague, edition)
    visa.grant_officer(edition, colleague.pk, actor=organiser)  # granting twice changes nothing
    assert VisaLetterOfficer.objects.filter(edition=edition, user=colleague).count() == 1
    visa.revoke_officer(edition, colleague.pk, actor=organiser)
    assert not can_review_visa_letters(colleague, edition)
    trail = AuditEntry.objects.filter(action__startswith="visa_officer.").order_by("pk")
    assert [(entry.action, entry.actor) for entry in trail] == [
        ("visa_officer.granted", organiser),
        ("visa_officer.revoked", organiser),
    ]


def test_only_an_organiser_of_the_same_edition_can_be_named(edition, organiser):
    desk = staff(edition, StaffRole.CHECKIN)
    other_organiser = make_organiser(EditionFactory(), "elsewhere@example.org")
    for person in (desk, other_organiser, make_user("someone@example.org")):
        with pytest.raises(DocumentError, match="Only an organiser of this edition"):
            visa.grant_officer(edition, person.pk, actor=organiser)
    with pytest.raises(DocumentError, match="does not handle visa letters"):
        visa.revoke_officer(edition, desk.pk, actor=organiser)
    assert not VisaLetterOfficer.objects.exists()


def test_non_organisers_grant_and_revoke_nothing(edition, colleague):
    VisaLetterOfficer.objects.create(edition=edition, user=colleague)
    other_organiser = make_organiser(EditionFactory(), "elsewhere@example.org")
    for outsider in (other_organiser, staff(edition, StaffRole.CHECKIN), make_user("someone@example.org")):
        with pytest.raises(PermissionDenied):
            visa.grant_officer(edition, colleague.pk, actor=outsider)
        with pytest.raises(PermissionDenied):
            visa.revoke_officer(edition, colleague.pk, actor=outsider)
    assert VisaLetterOfficer.objects.filter(edition=edition, user=colleague).exists()


def test_the_staff_page_grants_and_revokes(client, edition, organiser, colleague):
    client.force_login(organiser)
    page = client.get(reverse("organise:staff", args=[edition.slug])).content.decode()
    assert "Let colleague@example.org handle visa letters" in page

    granted = client.post(officer_url(edition, colleague), {"action": "grant"}, follow=True)
    assert "colleague@example.org now handles visa letters." in granted.content.decode()
    assert "Stop colleague@example.org handling visa letters" in granted.content.decode()
    assert VisaLetterOfficer.objects.filter(edition=edition, user=colleague).exists()

    desk = staff(edition, StaffRole.CHECKIN)
    refused = client.post(officer_url(edition, desk), {"action": "grant"}, follow=True)
    assert "Only an organiser of this edition can handle its visa letters" in refused.content.decode()

    revoked = client.post(officer_url(edition, colleague), {"action": "revoke"}, follow=True)
    assert "They no longer handle visa letters." in revoked.content.decode()
    assert not VisaLetterOfficer.objects.exists()
    assert client.get(officer_url(edition, colleague)).status_code == 405


def test_the_staff_page_refuses_non_organisers(client, edition, colleague):
    other_edition = EditionFactory(slug="other-2026")
    other_organiser = make_organiser(other_edition, "elsewhere@example.org")
    for outsider in (other_organiser, staff(edition, StaffRole.CHECKIN)):
        client.force_login(outsider)
        assert client.post(officer_url(edition, colleague), {"action": "grant"}).status_code == 403
    assert not VisaLetterOfficer.objects.exists()
    client.logout()
    anonymous = client.post(officer_url(edition, colleague), {"action": "grant"})
    assert anonymous.status_code == 302 and not VisaLetterOfficer.objects.exists()
