"""Registration rules as services: routes, window, seats and waiting lists, transitions, invitations, e-mail, audit."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rendezvous.core.models import AuditEntry, Organisation, OutboxMessage, SignInToken
from rendezvous.events.models import Edition
from rendezvous.registration import services
from rendezvous.registration.models import Attendance, InvitationState, Registration, Role, Route, Status
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import application, policy_for
from tests.support.uploads import PDF as REAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory()
    policy_for(edition, moderated=True, in_person=2, online=None)
    return edition


def kinds_sent_to(email):
    return list(OutboxMessage.objects.filter(to=email).order_by("id").values_list("kind", flat=True))


def test_routes_follow_the_ordered_rules(edition):
    assert services.route_for_country(edition, "CN").route == Route.INVITATION
    assert services.route_for_country(edition, "FR").route == Route.OPEN
    assert "invitation only" in services.route_for_country(edition, "CN").message


def test_no_rules_means_closed():
    edition = EditionFactory()
    decision = services.route_for_country(edition, "FR")
    assert decision.route == Route.CLOSED
    with pytest.raises(services.RouteRefused):
        services.submit_application(edition, application())


def test_applicant_based_in_china_without_invitation_is_refused(edition):
    with pytest.raises(services.RouteRefused, match="invitation only"):
        services.submit_application(edition, application(country="CN"))
    assert not edition.registrations.exists()


def test_moderated_application_is_pending_with_mail_audit_and_organisation(edition):
    data = application(email="Jeanne.Martin@Example.org", organisation_name="  European   Space Agency ")
    result = services.submit_application(edition, data)
    registration = result.registration
    assert result.created and registration.status == Status.PENDING
    assert registration.email == "jeanne.martin@example.org"
    assert registration.consent_at is not None
    assert registration.organisation.name == "European Space Agency"
    assert Organisation.objects.get(name="European Space Agency").type == "space_agency"
    assert kinds_sent_to(registration.email) == ["registration.received"]
    mail = OutboxMessage.objects.get(to=registration.email)
    # A link to the participant page (it asks for a sign-in), not a one-time sign-in link that expires in 20 minutes.
    assert f"/events/{edition.slug}/my-registration/" in mail.body and "/accounts/sign-in/link/" not in mail.body
    assert not SignInToken.objects.filter(email=registration.email).exists()
    assert AuditEntry.objects.filter(action="registration.submitted", object_id=str(registration.pk)).exists()


def test_unmoderated_application_within_capacity_is_approved_at_once():
    edition = EditionFactory()
    policy_for(edition, moderated=False, in_person=1)
    first = services.submit_application(edition, application()).registration
    second = services.submit_application(edition, application()).registration
    assert first.status == Status.APPROVED
    assert second.status == Status.WAITLISTED and second.queued_at is not None
    assert kinds_sent_to(second.email) == ["registration.waitlisted"]


def test_a_submission_holds_the_seat_lock_for_few_queries(edition, django_assert_num_queries):
    # The burst's throughput is bounded by how long each submission holds the lock: keep the work inside it small.
    # Before the lock: the repeat check, the route rules, the organisation. Inside: lock the policy, count the seats,
    # insert the application, its audit entry, its e-mail and the e-mail's delivery task (no sign-in token any more).
    # The lock timeout is set once per connection, not per transaction.
    services.submit_application(edition, application())
    with django_assert_num_queries(3 + 8) as captured:
        services.submit_application(edition, application())
    inserts = [query["sql"].split('"')[1] for query in captured.captured_queries if query["sql"].startswith("INSERT")]
    assert inserts == [
        "registration_registration",
        "core_auditentry",
        "core_outboxmessage",
        "django_tasks_database_dbtaskresult",
    ]


def test_second_submit_returns_the_same_application(edition):
    data = application()
    first = services.submit_application(edition, data)
    again = services.submit_application(edition, data)
    by_email = services.submit_application(edition, application(email=data.email.upper()))
    assert first.created and not again.created and not by_email.created
    assert again.registration.pk == first.registration.pk == by_email.registration.pk
    assert edition.registrations.count() == 1
    assert len(kinds_sent_to(data.email)) == 1


def test_window_not_yet_open_and_closed(edition):
    policy = edition.registration_policy
    policy.opens_at = timezone.now() + datetime.timedelta(days=1)
    policy.save()
    with pytest.raises(services.WindowClosed, match="opens on"):
        services.submit_application(edition, application())
    policy.opens_at, policy.closes_at = None, timezone.now() - datetime.timedelta(minutes=1)
    policy.save()
    with pytest.raises(services.WindowClosed, match="closed on"):
        services.submit_application(edition, application())


def test_full_mode_waitlists_and_a_cancellation_promotes_the_oldest(edition):
    a, b = (services.submit_application(edition, application()).registration for _ in range(2))
    c = services.submit_application(edition, application()).registration
    d = services.submit_application(edition, application()).registration
    assert [a.status, b.status, c.status, d.status] == ["pending", "pending", "waitlisted", "waitlisted"]
    services.cancel_registration(a, actor=None)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == Status.PENDING  # moderated: the promoted applicant keeps the seat while under review
    assert d.status == Status.WAITLISTED
    assert "registration.promoted" in kinds_sent_to(c.email)
    assert AuditEntry.objects.filter(action="registration.promoted", object_id=str(c.pk)).exists()


def test_rejecting_an_approved_seat_promotes(edition):
    a = services.submit_application(edition, application()).registration
    services.submit_application(edition, application())
    waiting = services.submit_application(edition, application()).registration
    services.approve_registration(a)
    services.reject_registration(a, reason="Duplicate person")
    waiting.refresh_from_db()
    a.refresh_from_db()
    assert a.status == Status.REJECTED and a.decision_reason == "Duplicate person"
    assert waiting.status == Status.PENDING
    assert "Reason: Duplicate person" in OutboxMessage.objects.filter(to=a.email, kind="registration.rejected")[0].body


def test_raising_capacity_promotes_in_order(edition):
    regs = [services.submit_application(edition, application()).registration for _ in range(5)]
    promoted = services.set_capacity(edition, in_person=4, online=None)
    assert [r.pk for r in promoted] == [regs[2].pk, regs[3].pk]
    regs[4].refresh_from_db()
    assert regs[4].status == Status.WAITLISTED


def test_illegal_transition_is_a_clear_error(edition):
    registration = services.submit_application(edition, application()).registration
    services.cancel_registration(registration)
    with pytest.raises(services.IllegalTransition, match="cancelled cannot become approved"):
        services.approve_registration(registration)


def test_waitlisted_cannot_be_approved_beyond_capacity(edition):
    for _ in range(2):
        services.submit_application(edition, application())
    waiting = services.submit_application(edition, application()).registration
    with pytest.raises(services.CapacityReached, match="raise the capacity"):
        services.approve_registration(waiting)


def test_bulk_approve_and_reject_report_skips(edition):
    regs = [services.submit_application(edition, application()).registration for _ in range(3)]
    other_edition = EditionFactory()
    policy_for(other_edition)
    stranger = services.submit_application(other_edition, application()).registration
    result = services.approve_registrations(edition, [r.pk for r in regs] + [stranger.pk], reason="Welcome")
    assert [r.pk for r in result.changed] == [regs[0].pk, regs[1].pk]
    assert [(r.pk, "raise the capacity" in why) for r, why in result.skipped] == [(regs[2].pk, True)]
    stranger.refresh_from_db()
    assert stranger.status == Status.PENDING  # another edition's application is out of reach
    result = services.reject_registrations(edition, [regs[0].pk])
    assert len(result.changed) == 1
    regs[2].refresh_from_db()
    assert regs[2].status == Status.PENDING


def test_review_queryset_filters(edition):
    services.submit_application(edition, application(country="KE", organisation_type="academia", given_name="Wanjiru"))
    services.submit_application(edition, application(country="FR", attendance=Attendance.ONLINE))
    assert services.registrations_for_review(edition, country="ke").count() == 1
    assert services.registrations_for_review(edition, organisation_type="academia").count() == 1
    assert services.registrations_for_review(edition, attendance="online").count() == 1
    assert services.registrations_for_review(edition, search="wanj").count() == 1
    assert services.registrations_for_review(edition, status="pending").count() == 2


def test_change_attendance_rechecks_capacity(edition):
    policy = edition.registration_policy
    policy.online_capacity = 1
    policy.save()
    online = services.submit_application(edition, application(attendance=Attendance.ONLINE)).registration
    person = services.submit_application(edition, application()).registration
    with pytest.raises(services.CapacityReached, match="keep your in person seat"):
        services.change_attendance(person, Attendance.ONLINE)
    services.cancel_registration(online)
    moved = services.change_attendance(person, Attendance.ONLINE)
    assert moved.attendance == Attendance.ONLINE and moved.status == Status.PENDING


def test_waitlisted_change_of_mode_promotes_the_next_in_the_old_mode(edition):
    services.submit_application(edition, application())
    services.submit_application(edition, application())
    first_waiting = services.submit_application(edition, application()).registration
    second_waiting = services.submit_application(edition, application()).registration
    moved = services.change_attendance(first_waiting, Attendance.ONLINE)  # online is unlimited
    assert moved.status == Status.PENDING
    second_waiting.refresh_from_db()
    assert second_waiting.status == Status.WAITLISTED


def test_confirmation_only_once_approved(edition):
    registration = services.submit_application(edition, application()).registration
    with pytest.raises(services.IllegalTransition):
        services.confirm_attendance(registration)
    services.approve_registration(registration)
    assert services.confirm_attendance(registration).confirmed_at is not None


def test_online_link_only_for_approved(edition):
    registration = services.submit_application(edition, application()).registration
    assert services.online_link_for(registration) == ""
    services.approve_registration(registration)
    registration.refresh_from_db()
    assert services.online_link_for(registration) == edition.online_meeting_url


def _token_from_mail(invitation):
    body = OutboxMessage.objects.filter(to=invitation.email, kind="registration.invited").latest("id").body
    url = next(line for line in body.splitlines() if "/register/invitation/" in line)
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_invitation_lets_china_based_applicant_register_once(edition):
    invitation = services.invite(edition, email="Li.Wei@example.cn", role=Role.PARTICIPANT)
    token = _token_from_mail(invitation)
    assert len(token) >= 40 and invitation.token_hash != token
    data = application(country="CN", email="li.wei@example.cn")
    registration = services.submit_application(edition, data, invitation_token=token).registration
    assert registration.status == Status.APPROVED  # invited: no moderation
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.USED and registration.invitation == invitation
    with pytest.raises(services.InvitationInvalid, match="already been used"):
        services.find_invitation(edition, token)


def test_an_invitation_cannot_be_used_once_its_edition_has_ended(edition):
    invitation = services.invite(edition, email="li.wei@example.cn")
    token = _token_from_mail(invitation)
    Edition.objects.filter(pk=edition.pk).update(
        start_date=datetime.date(2022, 11, 21), end_date=datetime.date(2022, 11, 24)
    )
    edition.refresh_from_db()

    with pytest.raises(services.InvitationInvalid, match="ended on 24 November 2022"):
        services.find_invitation(edition, token)
    with pytest.raises(services.InvitationInvalid, match="ended on 24 November 2022"):
        services.submit_application(
            edition, application(country="CN", email="li.wei@example.cn"), invitation_token=token
        )
    assert not Registration.objects.filter(edition=edition).exists()


def test_invitation_is_for_its_address_only(edition):
    invitation = services.invite(edition, email="li.wei@example.cn")
    token = _token_from_mail(invitation)
    with pytest.raises(services.InvitationInvalid, match="for li.wei@example.cn"):
        services.submit_application(edition, application(country="CN"), invitation_token=token)


def test_guessed_revoked_expired_and_resent_invitations(edition):
    with pytest.raises(services.InvitationInvalid, match="not valid"):
        services.find_invitation(edition, "guessed-token")
    invitation = services.invite(edition, email="a@example.org")
    old_token = _token_from_mail(invitation)
    services.resend_invitation(invitation)
    new_token = _token_from_mail(invitation)
    assert new_token != old_token
    with pytest.raises(services.InvitationInvalid, match="not valid"):
        services.find_invitation(edition, old_token)
    assert services.find_invitation(edition, new_token).pk == invitation.pk
    other = EditionFactory()
    with pytest.raises(services.InvitationInvalid):
        services.find_invitation(other, new_token)  # a link works only for its own edition
    services.revoke_invitation(invitation)
    with pytest.raises(services.InvitationInvalid, match="withdrawn"):
        services.find_invitation(edition, new_token)
    with pytest.raises(services.IllegalTransition):
        services.resend_invitation(invitation)
    expiring = services.invite(edition, email="b@example.org", lifetime=datetime.timedelta(seconds=-1))
    with pytest.raises(services.InvitationInvalid, match="expired"):
        services.find_invitation(edition, _token_from_mail(expiring))


def test_speakers_sit_outside_public_capacity(edition):
    for _ in range(2):
        services.submit_application(edition, application())
    invitation = services.invite(edition, email="speaker@example.org", role=Role.SPEAKER)
    speaker = services.submit_application(
        edition, application(email="speaker@example.org"), invitation_token=_token_from_mail(invitation)
    ).registration
    assert speaker.role == Role.SPEAKER and speaker.status == Status.APPROVED
    assert services.seats(edition)["in_person"].held == 2
    assert services.submit_application(edition, application()).registration.status == Status.WAITLISTED


def test_invite_from_csv_is_all_or_nothing(edition):
    bad = "email,given_name,role\nok@example.org,Ok,speaker\nnot-an-address,X,participant\nz@example.org,Z,chair\n"
    with pytest.raises(services.ImportFailed) as failure:
        services.invite_from_csv(edition, bad)
    assert failure.value.errors == [
        "line 3: bad e-mail address 'not-an-address'",
        "line 4: unknown role 'chair' (expected participant or speaker)",
    ]
    assert not edition.invitations.exists()
    invitations = services.invite_from_csv(edition, "email,role\nok@example.org,speaker\nalso@example.org,\n")
    assert [(i.email, i.role) for i in invitations] == [
        ("ok@example.org", "speaker"),
        ("also@example.org", "participant"),
    ]


def test_nomination_letter_must_be_a_small_pdf(edition):
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(services.InvalidDocument, match="must be a PDF"):
        services.submit_application(edition, application(nomination_letter=fake))
    huge = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(services.InvalidDocument, match="limit is 5 MB"):
        services.submit_application(edition, application(nomination_letter=huge))
    good = SimpleUploadedFile("letter.pdf", REAL_PDF, content_type="application/pdf")
    registration = services.submit_application(edition, application(nomination_letter=good)).registration
    assert registration.nomination_letter.name.endswith(".pdf")
    registration.nomination_letter.delete(save=False)


def test_consent_and_country_are_required(edition):
    with pytest.raises(services.RegistrationError, match="privacy notice"):
        services.submit_application(edition, application(consent=False))
    with pytest.raises(services.RegistrationError, match="Unknown country"):
        services.submit_application(edition, application(country="XX"))


def test_form_token_reuse_across_addresses_returns_first(edition):
    token = uuid.uuid4()
    first = services.submit_application(edition, application(form_token=token)).registration
    again = services.submit_application(edition, application(form_token=token)).registration
    assert again.pk == first.pk


def test_demo_policy_is_the_seeds_and_idempotent():
    from rendezvous.demo import registration as demo

    edition = EditionFactory()
    demo.load(edition)
    policy = demo.load(edition)
    assert policy.rules.count() == 2
    assert services.route_for_country(edition, "CN").route == Route.INVITATION
    assert services.route_for_country(edition, "BR").route == Route.OPEN
    assert (policy.moderated, policy.in_person_capacity, policy.online_capacity) == (True, 250, 300)
    assert services.window_state(policy) == "open"


def test_window_and_capacity_read_in_the_editions_zone():
    import datetime
    import zoneinfo

    from rendezvous.events.models import Edition
    from rendezvous.registration.models import RegistrationPolicy
    from rendezvous.registration.services import ModeSeats, capacity_text, window_text

    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    edition = Edition(slug="w", title="W", timezone="Asia/Shanghai")
    policy = RegistrationPolicy(edition=edition, opens_at=datetime.datetime(2022, 9, 1, tzinfo=shanghai))
    before = datetime.datetime(2022, 8, 1, tzinfo=shanghai)  # read before the window: the dates are ahead
    assert window_text(policy, now=before) == (
        "Registration opens on 1 September 2022, 00:00 (Asia/Shanghai); no closing date is set."
    )
    policy.closes_at = datetime.datetime(2022, 11, 18, 23, 59, tzinfo=shanghai)
    assert window_text(policy, now=before).endswith("closes on 18 November 2022, 23:59 (Asia/Shanghai).")
    full = {"in_person": ModeSeats("in_person", 2, 2, 1), "online": ModeSeats("online", None, 5, 0)}
    assert capacity_text(full) == (
        "Participation is limited: in-person places are all taken, so new applications join the waiting list; "
        "online places are not limited."
    )
    assert capacity_text({"online": ModeSeats("online", None, 0, 0)}) == "Places are not limited."
