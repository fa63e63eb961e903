"""The organisers' registration pages through Django's test client: who may see them, the queue's filters and search,
single and bulk decisions with their audit entries, capacity, one application's history, invitations."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rendezvous.core.models import AuditEntry, Organisation, OutboxMessage, User
from rendezvous.events.models import EditionStaff
from rendezvous.registration import services
from rendezvous.registration.models import Invitation, InvitationState, Registration, Role, Status
from rendezvous.registration.organiser_views import describe_decisions
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import policy_for
from tests.support.uploads import PDF as REAL_PDF

pytestmark = pytest.mark.django_db

QUEUE = "/events/queue-test/organise/registrations/"
INVITATIONS = "/events/queue-test/organise/invitations/"


def make_organiser(edition, email="organiser@example.org") -> User:
    user = User.objects.create_user(email, is_staff=True)
    EditionStaff.objects.create(edition=edition, user=user, role="organiser")
    return user


def make_registration(edition, given_name, **fields) -> Registration:
    """An application straight in the database: these tests are about the pages, the services have their own."""
    values = {
        "family_name": "Tester",
        "email": f"{given_name.lower()}@example.org",
        "country": "FR",
        "organisation_type": "space_agency",
        "position": "Engineer",
        "attendance": "in_person",
        "status": Status.PENDING,
    }
    values.update(fields)
    organisation = values.pop("organisation", None)
    if isinstance(organisation, str):
        organisation, _ = Organisation.objects.get_or_create(name=organisation)
    return Registration.objects.create(edition=edition, given_name=given_name, organisation=organisation, **values)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Nomination letters written by these tests land in a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def edition():
    edition = EditionFactory(slug="queue-test", timezone="Asia/Shanghai")
    policy_for(edition, moderated=True, in_person=3, online=None)
    return edition


@pytest.fixture
def organiser(edition):
    return make_organiser(edition)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def names_in(response) -> list[str]:
    return re.findall(r'class="org-name"[^>]*>([^<]+)<', response.content.decode())


# ---------------------------------------------------------------------------------------------------------------------
# Who may see and do what


ORGANISER_URLS = [
    ("get", QUEUE),
    ("post", QUEUE),
    ("post", QUEUE + "capacity/"),
    ("get", QUEUE + "import/"),
    ("post", QUEUE + "import/"),
    ("get", QUEUE + "{pk}/"),
    ("post", QUEUE + "{pk}/"),
    ("get", QUEUE + "{pk}/nomination-letter/"),
    ("get", INVITATIONS),
    ("post", INVITATIONS),
    ("post", INVITATIONS + "import/"),
    ("post", INVITATIONS + "{invitation}/revoke/"),
    ("post", INVITATIONS + "{invitation}/resend/"),
]


@pytest.fixture
def targets(edition):
    registration = make_registration(edition, "Ana", nomination_letter=SimpleUploadedFile("letter.pdf", REAL_PDF))
    invitation = services.invite(edition, email="guest@example.org")
    return {"pk": registration.pk, "invitation": invitation.pk}


@pytest.mark.parametrize("method,url", ORGANISER_URLS)
def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, edition, targets, method, url):
    url = url.format(**targets)
    response = getattr(client, method)(url, {"ids": [targets["pk"]], "action": "approve", "in_person": "9"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/sign-in/?next={quote(url)}")
    assert Registration.objects.get(pk=targets["pk"]).status == Status.PENDING
    assert services.get_policy(edition).in_person_capacity == 3


@pytest.mark.parametrize("method,url", ORGANISER_URLS)
def test_signed_in_people_who_do_not_organise_this_edition_are_refused(client, edition, targets, method, url):
    url = url.format(**targets)
    participant = User.objects.create_user("participant@example.org")
    other_organiser = make_organiser(EditionFactory(slug="another-edition"), email="other@example.org")
    staff_without_role = User.objects.create_user("staff@example.org", is_staff=True)
    for user in (participant, other_organiser, staff_without_role):
        client.force_login(user)
        response = getattr(client, method)(url, {"ids": [targets["pk"]], "action": "approve", "in_person": "9"})
        assert response.status_code == 403, (user, url)
    assert Registration.objects.get(pk=targets["pk"]).status == Status.PENDING
    assert Invitation.objects.get(pk=targets["invitation"]).state == InvitationState.OPEN
    assert services.get_policy(edition).in_person_capacity == 3


def test_decisions_need_the_csrf_token(edition, organiser):
    from django.test import Client

    registration = make_registration(edition, "Ana")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(organiser)
    assert strict.post(QUEUE, {"ids": [registration.pk], "action": "approve"}).status_code == 403
    assert strict.post(QUEUE + "capacity/", {"in_person": "9"}).status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING


def test_another_editions_registration_is_not_found_through_this_edition(organiser_client, edition):
    elsewhere = make_registration(EditionFactory(slug="elsewhere"), "Bruno")
    assert organiser_client.get(f"{QUEUE}{elsewhere.pk}/").status_code == 404
    organiser_client.post(QUEUE, {"ids": [elsewhere.pk], "action": "approve"})
    assert Registration.objects.get(pk=elsewhere.pk).status == Status.PENDING


# ---------------------------------------------------------------------------------------------------------------------
# The queue


def test_queue_shows_each_application_with_its_facts_and_the_seats(organiser_client, edition):
    make_registration(
        edition,
        "Ana",
        country="BO",
        organisation="Agencia Boliviana Espacial",
        position="Director",
        head_of_agency=True,
        nomination_letter=SimpleUploadedFile("letter.pdf", REAL_PDF),
    )
    make_registration(edition, "Chen", status=Status.APPROVED, attendance="online", organisation_type="academia")
    make_registration(edition, "Dana", status=Status.WAITLISTED)
    body = organiser_client.get(QUEUE).content.decode()
    assert "Bolivia (Plurinational State of)" in body
    assert "Agencia Boliviana Espacial" in body and "Space agency" in body and "Director" in body
    assert "Head of agency" in body and "Nomination letter (PDF)" in body
    assert "ana@example.org" in body and 'data-status="waitlisted"' in body
    assert "Asia/Shanghai" in body
    seats = re.search(r'data-mode="in_person".*?</div>', body, re.S).group(0)
    assert re.search(r'data-figure="approved">0<', seats) and re.search(r'data-figure="capacity">3<', seats)
    assert re.search(r'data-figure="waiting">1<', seats)
    online = re.search(r'data-mode="online".*?</div>', body, re.S).group(0)
    assert re.search(r'data-figure="approved">1<', online) and "unlimited" in online


def test_filters_narrow_the_queue(organiser_client, edition):
    make_registration(edition, "Ana", country="BO", organisation_type="government")
    make_registration(edition, "Chen", country="CN", attendance="online", status=Status.APPROVED)
    make_registration(edition, "Dana", country="FR", role=Role.SPEAKER, organisation_type="academia")
    assert names_in(organiser_client.get(QUEUE, {"status": "approved"})) == ["Chen Tester"]
    assert names_in(organiser_client.get(QUEUE, {"country": "BO"})) == ["Ana Tester"]
    assert names_in(organiser_client.get(QUEUE, {"organisation_type": "academia"})) == ["Dana Tester"]
    assert names_in(organiser_client.get(QUEUE, {"attendance": "online"})) == ["Chen Tester"]
    assert names_in(organiser_client.get(QUEUE, {"role": "speaker"})) == ["Dana Tester"]
    assert names_in(organiser_client.get(QUEUE, {"country": "FR", "status": "approved"})) == []
    # An unknown value is ignored rather than an error page.
    assert len(names_in(organiser_client.get(QUEUE, {"status": "nonsense"}))) == 3


def test_country_filter_offers_only_the_countries_applicants_come_from(organiser_client, edition):
    make_registration(edition, "Ana", country="TR")
    body = organiser_client.get(QUEUE).content.decode()
    assert '<option value="TR">Türkiye</option>' in body
    assert 'value="DE"' not in body


def test_search_by_name_email_and_organisation(organiser_client, edition):
    make_registration(edition, "Ana", family_name="Quispe", organisation="Agencia Boliviana Espacial")
    make_registration(edition, "Chen", email="chen.li@cnsa.example", organisation="China National Space Administration")
    assert names_in(organiser_client.get(QUEUE, {"q": "quispe"})) == ["Ana Quispe"]
    assert names_in(organiser_client.get(QUEUE, {"q": "cnsa.example"})) == ["Chen Tester"]
    assert names_in(organiser_client.get(QUEUE, {"q": "boliviana"})) == ["Ana Quispe"]
    assert names_in(organiser_client.get(QUEUE, {"q": "nobody-like-this"})) == []


def test_pending_oldest_first_otherwise_newest_first(organiser_client, edition):
    for name in ("First", "Second", "Third"):
        make_registration(edition, name)
    assert names_in(organiser_client.get(QUEUE, {"status": "pending"})) == [
        "First Tester",
        "Second Tester",
        "Third Tester",
    ]
    assert names_in(organiser_client.get(QUEUE)) == ["Third Tester", "Second Tester", "First Tester"]


def test_queue_pages_by_fifty_and_keeps_the_filters(organiser_client, edition):
    Registration.objects.bulk_create(
        Registration(edition=edition, given_name=f"P{n:02d}", email=f"p{n}@example.org", country="FR")
        for n in range(51)
    )
    first = organiser_client.get(QUEUE, {"status": "pending"})
    assert len(names_in(first)) == 50 and "Page 1 of 2" in first.content.decode()
    assert "?status=pending&amp;page=2" in first.content.decode()
    second = organiser_client.get(QUEUE, {"status": "pending", "page": 2})
    assert names_in(second) == ["P50"]


def test_the_queue_costs_the_same_number_of_queries_for_one_or_three_applications(client, edition):
    organiser = make_organiser(edition)
    client.force_login(organiser)
    letter = SimpleUploadedFile("letter.pdf", REAL_PDF)
    make_registration(edition, "Ana", organisation="Agency A", nomination_letter=letter)
    client.get(QUEUE)  # warm the session and the policy row
    with CaptureQueriesContext(connection) as one:
        assert client.get(QUEUE).status_code == 200
    make_registration(edition, "Bo", organisation="Agency B", country="TR", status=Status.APPROVED)
    make_registration(edition, "Cy", organisation="Agency C", attendance="online", role=Role.SPEAKER)
    with CaptureQueriesContext(connection) as three:
        response = client.get(QUEUE)
    assert len(names_in(response)) == 3
    assert len(three) == len(one), [query["sql"] for query in three.captured_queries]


# ---------------------------------------------------------------------------------------------------------------------
# Decisions


def test_bulk_approve_changes_status_records_audit_and_keeps_the_filters(organiser_client, organiser, edition):
    a = make_registration(edition, "Ana")
    b = make_registration(edition, "Bo")
    untouched = make_registration(edition, "Cy")
    response = organiser_client.post(f"{QUEUE}?status=pending&q=o", {"ids": [a.pk, b.pk], "action": "approve"})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?q=o&status=pending"
    assert {r.status for r in Registration.objects.filter(pk__in=[a.pk, b.pk])} == {Status.APPROVED}
    assert Registration.objects.get(pk=untouched.pk).status == Status.PENDING
    entries = AuditEntry.objects.filter(action="registration.approved", actor=organiser)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted([str(a.pk), str(b.pk)])
    page = organiser_client.get(response["Location"])
    assert "2 approved." in page.content.decode()
    assert OutboxMessage.objects.filter(kind="registration.approved").count() == 2


def test_bulk_approve_reports_what_could_not_be_done(organiser_client, edition):
    services.set_capacity(edition, in_person=1, online=None)
    seated = make_registration(edition, "Ana")
    waiting = make_registration(edition, "Bo", status=Status.WAITLISTED)
    response = organiser_client.post(QUEUE, {"ids": [seated.pk, waiting.pk], "action": "approve"}, follow=True)
    body = response.content.decode()
    assert "1 approved, 1 could not be approved: Bo Tester (No free in person seat: raise the capacity" in body
    assert "message-warning" in body
    assert Registration.objects.get(pk=waiting.pk).status == Status.WAITLISTED


def test_bulk_reject_with_a_reason(organiser_client, organiser, edition):
    a = make_registration(edition, "Ana")
    b = make_registration(edition, "Bo", status=Status.APPROVED)
    response = organiser_client.post(
        QUEUE, {"ids": [a.pk, b.pk], "action": "reject", "reason": "Not in the field of the workshop"}, follow=True
    )
    assert "2 rejected." in response.content.decode()
    for registration in Registration.objects.filter(pk__in=[a.pk, b.pk]):
        assert registration.status == Status.REJECTED
        assert registration.decision_reason == "Not in the field of the workshop"
    entry = AuditEntry.objects.filter(action="registration.rejected", object_id=str(a.pk)).get()
    assert entry.actor == organiser and entry.data["reason"] == "Not in the field of the workshop"


def test_nothing_selected_is_an_error_and_changes_nothing(organiser_client, edition):
    a = make_registration(edition, "Ana")
    response = organiser_client.post(QUEUE, {"action": "approve"}, follow=True)
    assert "Select at least one application first." in response.content.decode()
    assert Registration.objects.get(pk=a.pk).status == Status.PENDING


def test_a_rows_own_button_decides_that_row_only(organiser_client, organiser, edition):
    a = make_registration(edition, "Ana")
    b = make_registration(edition, "Bo")
    # The row's button wins over any ticked boxes.
    organiser_client.post(QUEUE, {"one": f"reject:{a.pk}", "ids": [b.pk], "action": "approve", "reason": "Duplicate"})
    assert Registration.objects.get(pk=a.pk).status == Status.REJECTED
    assert Registration.objects.get(pk=a.pk).decision_reason == "Duplicate"
    assert Registration.objects.get(pk=b.pk).status == Status.PENDING


def test_detail_page_decides_and_shows_the_history(organiser_client, organiser, edition):
    registration = make_registration(edition, "Ana", nomination_letter=SimpleUploadedFile("l.pdf", REAL_PDF))
    url = f"{QUEUE}{registration.pk}/"
    assert "Approve" in organiser_client.get(url).content.decode()
    response = organiser_client.post(url, {"action": "approve", "reason": "Nominated by the agency"}, follow=True)
    body = response.content.decode()
    assert "Ana Tester: approved." in body
    assert 'data-action="registration.approved"' in body and organiser.email in body
    assert "Nominated by the agency" in body
    assert Registration.objects.get(pk=registration.pk).status == Status.APPROVED
    # An illegal step is explained, not a crash.
    services.cancel_registration(registration)
    response = organiser_client.post(url, {"action": "approve"}, follow=True)
    assert "cannot become approved" in response.content.decode()


def test_the_decision_is_confirmed_with_the_readers_punctuation(organiser_client, edition):
    registration = make_registration(edition, "Ana")
    organiser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = organiser_client.post(f"{QUEUE}{registration.pk}/", {"action": "approve"}, follow=True)
    with translation.override("zh-hans"):
        approved = str(Status.APPROVED.label).lower()
    assert approved != "approved" and f"Ana Tester：{approved}。" in response.content.decode()


def test_the_nomination_letter_is_served_to_organisers(organiser_client, edition):
    registration = make_registration(edition, "Ana", nomination_letter=SimpleUploadedFile("l.pdf", REAL_PDF))
    response = organiser_client.get(f"{QUEUE}{registration.pk}/nomination-letter/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert "no-store" in response["Cache-Control"]
    without = make_registration(edition, "Bo")
    assert organiser_client.get(f"{QUEUE}{without.pk}/nomination-letter/").status_code == 404


def test_raising_the_capacity_promotes_the_waiting_list_and_says_so(organiser_client, organiser, edition):
    services.set_capacity(edition, in_person=1, online=None)
    make_registration(edition, "Ana")
    waiting = make_registration(edition, "Bo", status=Status.WAITLISTED)
    response = organiser_client.post(
        QUEUE + "capacity/", {"in_person": "2", "online": "", "query": "status=waitlisted"}, follow=False
    )
    assert response["Location"] == f"{QUEUE}?status=waitlisted"
    body = organiser_client.get(response["Location"]).content.decode()
    assert "Capacity saved: in person 2, online unlimited." in body
    assert "1 application moved from the waiting list" in body
    assert Registration.objects.get(pk=waiting.pk).status == Status.PENDING  # moderated: it now awaits review
    assert AuditEntry.objects.filter(action="registration.capacity_changed", actor=organiser).exists()


def test_a_bad_capacity_is_refused_and_changes_nothing(organiser_client, edition):
    response = organiser_client.post(QUEUE + "capacity/", {"in_person": "-4", "online": "x"}, follow=True)
    body = response.content.decode()
    assert "In-person places:" in body and "Online places:" in body
    assert services.get_policy(edition).in_person_capacity == 3


# ---------------------------------------------------------------------------------------------------------------------
# Invitations


def mailed_link(email) -> str:
    body = OutboxMessage.objects.filter(to=email, kind="registration.invited").latest("id").body
    return re.search(r"https?://\S+/register/invitation/\S+", body).group(0)


def test_invite_one_speaker_without_showing_the_link(organiser_client, organiser, edition):
    response = organiser_client.post(
        INVITATIONS, {"email": "Speaker@Example.org", "given_name": "Li", "family_name": "Wei", "role": "speaker"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(edition=edition)
    assert invitation.email == "speaker@example.org" and invitation.role == Role.SPEAKER
    assert invitation.invited_by == organiser
    body = organiser_client.get(INVITATIONS).content.decode()
    assert "Invitation sent to speaker@example.org as speaker." in body
    assert 'data-status="sent"' in body and "Speaker" in body
    link = mailed_link("speaker@example.org")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link not in body and token not in body and invitation.token_hash not in body
    assert "/register/invitation/" not in body


def test_inviting_someone_already_registered_explains_and_keeps_the_input(organiser_client, edition):
    make_registration(edition, "Ana")
    response = organiser_client.post(INVITATIONS, {"email": "ana@example.org", "given_name": "Ana", "role": "speaker"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "ana@example.org has already registered for this edition." in body
    assert 'value="ana@example.org"' in body
    assert re.search(r'value="speaker"[^>]*checked', body)
    assert not Invitation.objects.exists()


def test_list_shows_sent_used_revoked_and_expired(organiser_client, edition):
    sent = services.invite(edition, email="sent@example.org")
    revoked = services.revoke_invitation(services.invite(edition, email="revoked@example.org"))
    expired = services.invite(edition, email="expired@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=expired.created_at)
    used = services.invite(edition, email="used@example.org")
    Invitation.objects.filter(pk=used.pk).update(state=InvitationState.USED, used_at=used.created_at)
    body = organiser_client.get(INVITATIONS).content.decode()
    for invitation, status in ((sent, "sent"), (revoked, "revoked"), (expired, "expired"), (used, "used")):
        row = re.search(rf'data-invitation="{invitation.pk}".*?</tr>', body, re.S).group(0)
        assert f'data-status="{status}"' in row
        assert ("/revoke/" in row) == (status in ("sent", "expired"))


def test_invitations_are_listed_and_confirmed_in_the_organisers_language(organiser_client, edition):
    organiser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    invitation = services.invite(edition, email="guest@example.org")
    row = re.search(
        rf'data-invitation="{invitation.pk}".*?</tr>', organiser_client.get(INVITATIONS).content.decode(), re.S
    )
    assert 'data-status="sent">Envoyée</span>' in row.group(0)
    response = organiser_client.post(f"{INVITATIONS}{invitation.pk}/resend/", follow=True)
    assert "Invitation de guest@example.org envoyée de nouveau avec un nouveau lien." in response.content.decode()
    response = organiser_client.post(INVITATIONS, {"email": "guest@example.org", "role": "speaker"}, follow=True)
    assert "Invitation envoyée de nouveau à guest@example.org comme " in response.content.decode()


def test_revoke_and_resend(organiser_client, organiser, edition):
    invitation = services.invite(edition, email="guest@example.org")
    first_link = mailed_link("guest@example.org")
    response = organiser_client.post(f"{INVITATIONS}{invitation.pk}/resend/", follow=True)
    assert "Invitation to guest@example.org sent again with a new link." in response.content.decode()
    assert mailed_link("guest@example.org") != first_link
    assert Invitation.objects.get(pk=invitation.pk).send_count == 2

    response = organiser_client.post(f"{INVITATIONS}{invitation.pk}/revoke/", follow=True)
    assert "Invitation to guest@example.org revoked." in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).state == InvitationState.REVOKED
    assert AuditEntry.objects.filter(action="invitation.revoked", actor=organiser).exists()

    response = organiser_client.post(f"{INVITATIONS}{invitation.pk}/resend/", follow=True)
    assert "it cannot be re-sent" in response.content.decode()
    assert organiser_client.get(f"{INVITATIONS}{invitation.pk}/revoke/").status_code == 405


def test_another_editions_invitation_cannot_be_revoked_from_here(organiser_client, edition):
    elsewhere = services.invite(EditionFactory(slug="elsewhere"), email="guest@example.org")
    assert organiser_client.post(f"{INVITATIONS}{elsewhere.pk}/revoke/").status_code == 404
    assert Invitation.objects.get(pk=elsewhere.pk).state == InvitationState.OPEN


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 approved, 1 moved to the waiting list, 1 could not be approved: Bo Tester (No seat)."),
        ("fr", "2 approuvées, 1 placée sur la liste d’attente, 1 n’a pas pu être approuvée : Bo Tester (No seat)."),
        ("zh-hans", "已批准 2 份，1 份移入候补名单，1 份无法批准：Bo Tester (No seat)。"),
    ],
)
def test_the_summary_of_a_decision_on_many_is_in_the_organisers_language(language, expected):
    seated, waiting = Registration(status=Status.APPROVED), Registration(status=Status.WAITLISTED)
    result = services.BulkResult(
        changed=[seated, Registration(status=Status.APPROVED), waiting],
        skipped=[(Registration(given_name="Bo", family_name="Tester"), "No seat.")],
    )
    with translation.override(language):
        assert describe_decisions(result, "approve") == expected
