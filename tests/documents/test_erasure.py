"""Erasure on the demo edition keeps every figure identical; the person is gone from everywhere else; retention."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse

from rendezvous.core import schedule
from rendezvous.core.models import Person, SignInToken
from rendezvous.demo.loader import load_demo
from rendezvous.documents import certificates, erasure
from rendezvous.documents.models import Certificate, ErasureRecord, ErasureRequest
from rendezvous.partnerships.models import BoardPost, Follow
from rendezvous.registration.models import Registration
from rendezvous.reports.services import attendance_figures
from tests.factories import (
    EditionFactory,
    RegistrationFactory,
    UpcomingPublicEditionFactory,
    make_organiser,
    make_user,
    policy_for,
)
from tests.factories.partnerships import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_erasure_on_the_demo_edition_keeps_the_figures_identical(client):
    # The demo edition carries the report's 520 registrations and the attendance recorded at the desk and online.
    edition = load_demo()
    before = attendance_figures(edition)
    assert before["registered"] == 520 and before["attended_in_person"] > 200 and before["attended_online"] > 200
    organiser = make_organiser(edition)
    certificates.issue_all(edition, actor=organiser)
    attended = list(certificates.attendees(edition)[:3])
    speaker = Registration.objects.filter(edition=edition, role="speaker").exclude(pk__in=[r.pk for r in attended])
    women_heads = Registration.objects.filter(edition=edition, gender="female", head_of_agency=True)
    chosen = attended + [speaker.first(), women_heads.first() or speaker.last()]
    assert len({r.pk for r in chosen}) >= 4
    people = []
    for registration in chosen:
        user = make_user(registration.email)
        Follow.objects.create(user=user, programme=ProgrammeFactory())
        BoardPost.objects.create(
            author=user, kind="offer", title="Ground station time", text="Free slots", topic="ground_segment",
            organisation_type="academia", country="FR", expires_on=datetime.date(2100, 1, 1),
        )  # fmt: skip
        SignInToken.objects.create(
            email=registration.email,
            token_hash=f"h{registration.pk}",
            expires_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
        )
        people.append((registration, user))
    signed_in = people[0][1]
    client.force_login(signed_in)
    assert Session.objects.count() == 1

    for registration, user in people[:-1]:
        ErasureRequest.objects.create(user=user)
        erasure.erase_for_organiser(edition, registration.pk, actor=organiser)  # completes the person's request
    erasure.erase_person(people[-1][1], reason=ErasureRecord.Reason.REQUEST)

    assert attendance_figures(edition) == before
    emails = [registration.email for registration, _user in people]
    assert not Registration.objects.filter(email__in=emails).exists()
    assert not get_user_model().objects.filter(email__in=emails).exists()
    assert not Person.objects.filter(email__in=emails).exists()
    assert not Follow.objects.filter(user__in=[user for _r, user in people]).exists()
    assert not BoardPost.objects.filter(author__in=[user for _r, user in people]).exists()
    assert not SignInToken.objects.filter(email__in=emails).exists()
    assert not Certificate.objects.filter(registration__in=[r for r, _u in people]).exists()
    assert Session.objects.count() == 0
    assert client.get(reverse("documents:my_data")).status_code == 302  # signed out
    assert not ErasureRequest.objects.filter(completed_at__isnull=True).exists()
    records = ErasureRecord.objects.all()
    assert records.count() == len(people)
    for record in records:
        assert not any(email in str(record.counts) for email in emails)
    for registration, _user in people:
        registration.refresh_from_db()
        assert erasure.is_erased(registration) and registration.family_name == ""


def test_organiser_sees_pending_requests_and_erases_only_their_edition(client):
    edition, other_edition = EditionFactory(), EditionFactory()
    here = RegistrationFactory(edition=edition, email="ask@example.org", given_name="Asker")
    there = RegistrationFactory(edition=other_edition, email="ask@example.org")
    ErasureRequest.objects.create(user=make_user("ask@example.org"))
    stranger = RegistrationFactory(edition=other_edition, email="stranger@example.org")
    organiser = make_organiser(edition)
    client.force_login(organiser)
    page = client.get(reverse("documents:organise_erasure", args=[edition.slug])).content.decode()
    assert "Asker" in page
    client.post(reverse("documents:organise_erasure", args=[edition.slug]), {"registration": stranger.pk})
    stranger.refresh_from_db()
    assert not erasure.is_erased(stranger)  # another edition's person
    client.post(reverse("documents:organise_erasure", args=[edition.slug]), {"registration": here.pk})
    here.refresh_from_db()
    there.refresh_from_db()
    assert erasure.is_erased(here) and erasure.is_erased(there)  # they asked: everything goes
    client.force_login(make_user())
    assert client.get(reverse("documents:organise_erasure", args=[edition.slug])).status_code in (403, 404)


def test_retention_anonymises_closed_applications_after_six_months_and_others_after_five_years():
    today = datetime.date.today()
    ended_a_year_ago = EditionFactory(
        start_date=today - datetime.timedelta(days=368), end_date=today - datetime.timedelta(days=365)
    )
    rejected = RegistrationFactory(edition=ended_a_year_ago, status="rejected")
    approved = RegistrationFactory(edition=ended_a_year_ago, status="approved")
    ended_long_ago = EditionFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2015, 1, 3))
    old = RegistrationFactory(edition=ended_long_ago, status="approved")

    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "would remove" in out.getvalue()
    rejected.refresh_from_db()
    assert not erasure.is_erased(rejected)

    call_command("purge_personal_data", stdout=out)
    for registration in (rejected, approved, old):
        registration.refresh_from_db()
    assert erasure.is_erased(rejected) and not erasure.is_erased(approved) and erasure.is_erased(old)
    assert ErasureRecord.objects.filter(reason="retention").count() == 2
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert out.getvalue().strip() == "Nothing to remove."


def test_registration_form_states_the_retention_periods(client):
    edition = UpcomingPublicEditionFactory()
    policy_for(edition)
    content = client.get(reverse("registration:register", args=[edition.slug]) + "?country=FR").content.decode()
    assert "5 years" in content and "6 months" in content and "30 days" in content


def test_purge_is_a_daily_job():
    job = schedule.JOBS["purge-personal-data"]
    assert job.every == datetime.timedelta(days=1)
