"""Messages to a filtered list of participants; the automatic e-mails' own wording, the approval's calendar file,
and a promotion that says what happened."""

import email
import email.policy

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.core.outbox import deliver_pending, queue_email
from rendezvous.events.models import EditionStaff, StaffRole
from rendezvous.registration import notifications, services
from rendezvous.registration.models import EmailText, RegistrationPolicy, Status
from rendezvous.registration.services import messages as message_services
from tests.factories import EditionFactory, RegistrationFactory, VenueFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory(
        slug="haikou-2022",
        title="Second Global Partnership Workshop",
        short_title="Haikou 2022",
        online_platform="Zoom",
        online_meeting_url="https://zoom.example/j/secret",
    )
    VenueFactory(edition=edition, name="Haikou International Convention Center", city="Haikou", country="CN")
    return edition


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "secretariat@example.org")


@pytest.fixture
def people(edition):
    return {
        "fr_in_person": RegistrationFactory(edition=edition, email="amina@example.org", country="FR"),
        "fr_online": RegistrationFactory(edition=edition, email="luc@example.org", country="FR", attendance="online"),
        "cn_in_person": RegistrationFactory(edition=edition, email="li@example.cn", country="CN", given_name="Li"),
        "fr_pending": RegistrationFactory(edition=edition, email="zoe@example.org", country="FR", status="pending"),
        "other_edition": RegistrationFactory(email="elsewhere@example.org", country="FR"),
    }


def url(name, edition, **kwargs):
    return reverse(f"registration:{name}", kwargs={"slug": edition.slug, **kwargs})


# --- Messages ----------------------------------------------------------------------------------------------------


def test_a_message_goes_to_exactly_the_filtered_people_personalised_and_audited(edition, organiser, people):
    filters = {"status": "approved", "country": "FR", "attendance": "in_person"}
    count, (subject, body) = message_services.preview(edition, "Visa for {given_name}", "Dear {full_name}", **filters)
    assert count == 1 and subject == "Visa for Amina"

    sent = message_services.send_message(
        organiser,
        edition,
        subject="Visa for {given_name}",
        body="Dear {full_name},\n{link}",
        expected_count=1,
        **filters,
    )

    assert sent == 1
    [message] = OutboxMessage.objects.filter(kind="registration.message")
    assert message.to == "amina@example.org" and message.subject == "Visa for Amina"
    assert "/events/haikou-2022/my-registration/" in message.body
    entry = AuditEntry.objects.get(action="registration.message_sent")
    assert entry.actor == organiser and entry.edition == edition
    assert entry.data["recipients"] == ["amina@example.org"] and entry.data["filters"]["country"] == "FR"


def test_a_list_that_changed_since_the_preview_is_not_sent(edition, organiser, people):
    with pytest.raises(services.RegistrationError, match="changed since the preview: it now has 4 people"):
        message_services.send_message(organiser, edition, subject="S", body="B", expected_count=3)
    assert not OutboxMessage.objects.filter(kind="registration.message").exists()


def test_unknown_placeholders_and_empty_texts_are_refused(edition, organiser, people):
    with pytest.raises(services.RegistrationError, match=r"Unknown placeholder\(s\): \{password\}"):
        message_services.preview(edition, "Hello", "Your {password}")
    with pytest.raises(services.RegistrationError, match="subject"):
        message_services.preview(edition, " ", "Body")
    # Placeholders are looked up, never evaluated: no attribute access through them.
    with pytest.raises(services.RegistrationError, match="Unknown placeholder"):
        message_services.preview(edition, "x", "{given_name.__class__}{__class__}")


def test_only_the_editions_organisers_write_to_participants(edition, people):
    checkin = make_user("desk@example.org")
    EditionStaff.objects.create(edition=edition, user=checkin, role=StaffRole.CHECKIN)
    for intruder in (checkin, make_organiser(EditionFactory()), make_user()):
        with pytest.raises(PermissionDenied):
            message_services.send_message(intruder, edition, subject="S", body="B", expected_count=4)
        with pytest.raises(PermissionDenied):
            message_services.save_email_text(intruder, edition, "approved", subject="S", body="B")
    assert not OutboxMessage.objects.exists()


def test_the_page_previews_counts_then_sends_on_confirmation(client, edition, organiser, people):
    client.force_login(organiser)
    data = {"status": "approved", "country": "FR", "attendance": "", "role": "", "subject": "Hello {given_name}"}
    data["body"] = "See you in Haikou."

    preview = client.post(url("organise_messages", edition), {**data, "action": "preview"})
    page = preview.content.decode()
    assert "2 recipients" in page and "Send to 2 people" in page and "Hello Amina" in page
    assert not OutboxMessage.objects.filter(kind="registration.message").exists()

    sent = client.post(
        url("organise_messages", edition), {**data, "expected_count": "2", "action": "send"}, follow=True
    )
    assert "The message is on its way to 2 people." in sent.content.decode()
    assert sorted(OutboxMessage.objects.filter(kind="registration.message").values_list("to", flat=True)) == [
        "amina@example.org",
        "luc@example.org",
    ]


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": ""},
        {"body": ""},
        {"subject": "s" * 201},
        {"body": "b" * 20001},
        {"status": "party"},
        {"country": "XX"},
        {"expected_count": "99999999999999999999", "action": "send"},
        {"expected_count": "-1", "action": "send"},
        {"expected_count": "two", "action": "send"},
        {"body": "{nope}"},
    ],
)
def test_bad_message_input_gets_a_message_not_a_500(client, edition, organiser, people, overrides):
    client.force_login(organiser)
    data = {"status": "", "country": "", "attendance": "", "role": "", "subject": "S", "body": "B", "action": "preview"}
    response = client.post(url("organise_messages", edition), {**data, **overrides})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not OutboxMessage.objects.filter(kind="registration.message").exists()


def test_checkin_staff_and_other_organisers_get_no_message_pages(client, edition, people):
    checkin = make_user("desk@example.org")
    EditionStaff.objects.create(edition=edition, user=checkin, role=StaffRole.CHECKIN)
    data = {"subject": "S", "body": "B", "expected_count": "4", "action": "send"}
    for intruder in (checkin, make_organiser(EditionFactory())):
        client.force_login(intruder)
        assert client.get(url("organise_messages", edition)).status_code == 403
        assert client.post(url("organise_messages", edition), data).status_code == 403
        assert client.get(url("organise_email_texts", edition)).status_code == 403
        assert (
            client.post(url("organise_email_text", edition, kind="approved"), {**data, "action": "save"}).status_code
            == 403
        )
    assert not OutboxMessage.objects.exists() and not EmailText.objects.exists()


# --- The automatic e-mails ---------------------------------------------------------------------------------------


def test_an_edition_rewords_an_email_and_can_go_back_to_the_default(client, edition, organiser):
    client.force_login(organiser)
    page = client.get(url("organise_email_text", edition, kind="approved")).content.decode()
    assert "Your registration is approved." in page  # the default, previewed
    data = {"subject": "Welcome to {edition_short}", "body": "Dear {given_name}, see you on {dates} at {venue}."}

    preview = client.post(url("organise_email_text", edition, kind="approved"), {**data, "action": "preview"})
    assert (
        "Dear Amina, see you on 21–24 November 2022 at Haikou International Convention Center, Haikou, China."
        in preview.content.decode()
    )
    assert not EmailText.objects.exists()

    client.post(url("organise_email_text", edition, kind="approved"), {**data, "action": "save"})
    registration = RegistrationFactory(edition=edition, status="pending", given_name="Kofi", email="kofi@example.org")
    services.approve_registration(registration)
    message = OutboxMessage.objects.get(to="kofi@example.org", kind="registration.approved")
    assert message.subject == "Welcome to Haikou 2022"
    assert message.body.startswith("Dear Kofi, see you on 21–24 November 2022")
    assert AuditEntry.objects.filter(action="registration.email_text_changed").exists()

    client.post(url("organise_email_text", edition, kind="approved"), {"action": "reset"})
    assert not EmailText.objects.exists()
    other = RegistrationFactory(edition=edition, status="pending", email="ama@example.org")
    services.approve_registration(other)
    assert "Your registration is approved." in OutboxMessage.objects.get(to="ama@example.org").body


@pytest.mark.parametrize(
    "data", [{"subject": "", "body": "B"}, {"subject": "S", "body": "{secret}"}, {"subject": "S" * 201, "body": "B"}]
)
def test_bad_wording_gets_a_message(client, edition, organiser, data):
    client.force_login(organiser)
    response = client.post(url("organise_email_text", edition, kind="approved"), {**data, "action": "save"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not EmailText.objects.exists()
    assert client.get(url("organise_email_text", edition, kind="nonsense")).status_code == 404


def test_the_approval_carries_dates_venue_and_a_calendar_file(edition):
    registration = RegistrationFactory(edition=edition, status="pending", email="amina@example.org")
    services.approve_registration(registration)
    message = OutboxMessage.objects.get(kind="registration.approved")
    assert "Dates: 21–24 November 2022" in message.body
    assert "Where: Haikou International Convention Center, Haikou, China" in message.body
    [attachment] = message.attachments
    assert attachment["filename"] == "haikou-2022.ics" and attachment["content_type"] == "text/calendar"
    assert "DTSTART;VALUE=DATE:20221121" in attachment["content"]
    assert "DTEND;VALUE=DATE:20221125" in attachment["content"]  # exclusive: the day after the last day
    assert "SUMMARY:Second Global Partnership Workshop" in attachment["content"]

    online = RegistrationFactory(edition=edition, status="pending", attendance="online", email="luc@example.org")
    services.approve_registration(online)
    body = OutboxMessage.objects.get(to="luc@example.org").body
    assert "Where: Online, on Zoom" in body and "zoom.example" not in body


def test_the_outbox_delivers_attachments(edition, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_SEND_ON_COMMIT = False
    queue_email(
        to="amina@example.org",
        subject="With a file",
        body="See attached.",
        attachments=[notifications.calendar_file(edition)],
    )
    assert deliver_pending() == 1
    [sent] = mail.outbox
    [(filename, content, content_type)] = sent.attachments
    assert filename == "haikou-2022.ics" and content_type == "text/calendar"
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    [part] = list(parsed.iter_attachments())
    assert part.get_content_type() == "text/calendar" and "BEGIN:VEVENT" in part.get_content()
    with pytest.raises(TypeError):
        queue_email(
            to="a@example.org",
            subject="s",
            body="b",
            attachments=[{"filename": "x", "content_type": "t", "content": b"x"}],
        )


@pytest.mark.parametrize(
    ("moderated", "status", "says", "never"),
    [
        (True, Status.PENDING, "is held for you while the organisers review", "your registration is approved"),
        (False, Status.APPROVED, "it is yours: your registration is approved", "held for you"),
    ],
)
def test_a_promotion_says_what_happened_never_both(edition, moderated, status, says, never):
    RegistrationPolicy.objects.update_or_create(
        edition=edition, defaults={"moderated": moderated, "in_person_capacity": 1}
    )
    seated = RegistrationFactory(edition=edition, email="first@example.org")
    waiting = RegistrationFactory(edition=edition, status="waitlisted", email="second@example.org")
    waiting.queued_at = waiting.created_at
    waiting.save()

    services.cancel_registration(seated)

    waiting.refresh_from_db()
    assert waiting.status == status
    message = OutboxMessage.objects.get(to="second@example.org", kind="registration.promoted")
    assert says in message.body and never not in message.body
    assert bool(message.attachments) == (status == Status.APPROVED)
