"""Every page a person reads, with who reads it, taken from the URL conf: the language tests render each of them.

`every_page(edition)` lists (reader, path) for the demo edition; `NOT_PAGES` names the URLs that are not pages a
person reads (files, feeds, POST-only actions, one-time tokens, the API) with the reason. A URL that is in neither
fails `test_every_page_of_the_url_conf_is_checked_for_translation`, so a new page cannot skip the language checks.
"""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from rendezvous.core.publishers import managed_publishers
from rendezvous.documents.models import Certificate, VisaLetterOfficer, VisaLetterRequest
from rendezvous.events.models import Edition, EditionStaff, StaffRole
from rendezvous.outcomes.models import Amendment, OutcomeDocument, Paragraph
from rendezvous.partnerships.models import (
    Application,
    BoardPost,
    Call,
    CallRole,
    CallTeamMember,
    OrganisationMember,
    Programme,
)
from rendezvous.programme.models import Contribution, Session
from rendezvous.registration.models import Attendance, Registration, Status

ORGANISER = "organiser@rendezvous.localhost"
REPRESENTATIVE = "hub.representative@rendezvous.localhost"
SECOND_ORGANISER, SECOND_PASSWORD = "second.organiser@example.org", "a-long-enough-password-2022"
PARTICIPANT_EMAIL: list[str] = []  # set by `readers`

# URL names that are not pages a person reads, and why.
NOT_PAGES = {
    "health_live": "a probe for the orchestrator",
    "health_ready": "a probe for the orchestrator",
    "metrics": "Prometheus text",
    "set_language": "POST only: the switcher's target",
    "api_tokens": None,  # a page: listed below (None = not excluded, kept here so the list reads as a whole)
    "core:sign_in_confirm": "a one-time link that signs in and redirects",
    "core:security_key_options": "JSON for the browser's WebAuthn call",
    "core:security_key_register": "JSON for the browser's WebAuthn call",
    "core:sign_in_key_options": "JSON for the browser's WebAuthn call",
    "core:sign_in_key": "JSON for the browser's WebAuthn call",
    "core:sign_out": "POST only",
    "programme:programme_ics": "an iCalendar feed",
    "programme:session_ics": "an iCalendar file",
    "programme:schedule_xml": "the frab XML format",
    "programme:schedule_json": "the frab JSON format",
    "programme:material_download": "a file download",
    "programme:delete_session": "POST only",
    "programme:add_chair": "POST only",
    "programme:remove_chair": "POST only",
    "programme:move_contribution": "POST only",
    "programme:delete_contribution": "POST only",
    "programme:add_speaker": "POST only",
    "programme:remove_speaker": "POST only",
    "registration:redeem": "a one-time invitation link (its page is the registration form, checked above)",
    "registration:organise_nomination_letter": "a file download",
    "registration:organise_capacity": "POST only (the form is on the moderation queue)",
    "registration:organise_import_invitations": "POST only (the form is on the invitations page)",
    "registration:organise_revoke_invitation": "POST only",
    "registration:organise_resend_invitation": "POST only",
    "participation:undo_check_in": "POST only",
    "participation:badge": "a PDF (its texts are checked by the badge tests)",
    "participation:badge_sheet": "a PDF",
    "participation:join": "redirects to the online meeting",
    "organise:choose_password": "a one-time link from the welcome e-mail",
    "organise:status": "POST only",
    "organise:remove_staff": "POST only",
    "organise:change_venue": "POST only (edited on the venues page)",
    "organise:delete_venue": "POST only",
    "organise:add_room": "POST only",
    "organise:change_room": "POST only",
    "organise:delete_room": "POST only",
    "organise:change_body": "POST only",
    "organise:remove_body": "POST only",
    "organise:send_again": "POST only",
    "reports:attendance_txt": "the report's text, written by reports/unstyle.py (issue 14 item 7)",
    "reports:attendance_json": "JSON",
    "reports:attendance_docx": "a DOCX file",
    "reports:full_report": "a DOCX file",
    "reports:full_report_pdf": "a PDF file",
    "reports:chart_csv": "CSV data",
    "reports:participants_csv": "CSV data",
    "reports:participants_xlsx": "an Excel file",
    "outcomes:decide": "POST only (the amendments are decided on the manage page)",
    "outcomes:docx": "a DOCX file of the outcome document, which keeps its own language",
    "partnerships:call_ics": "an iCalendar file",
    "partnerships:attachment": "a file download",
    "partnerships:follow_programme": "POST only",
    "partnerships:follow_call": "POST only",
    "partnerships:withdraw_post": "POST only",
    "partnerships:decide_representation": "POST only",
    "partnerships:regenerate_feed": "POST only",
    "partnerships:contact_post": "POST only (the form is on the post's page)",
    "partnerships:report_post": "POST only (the form is on the post's page)",
    "partnerships:feed": "an iCalendar feed",
    "partnerships:unsubscribe": "a one-time link from the digest e-mail",
    "documents:my_data_download": "a JSON download",
    "documents:my_certificate": "a PDF (documents/pdf.py, its texts marked in Python)",
    "documents:my_visa_letter_pdf": "a PDF",
    "documents:visa_letter_pdf": "a PDF",
    "documents:verify": None,
    "documents:visa_officer": "POST action of the Staff page (grant or revoke)",
}
NOT_PAGES = {name: reason for name, reason in NOT_PAGES.items() if reason}


def url_names() -> set[str]:
    """Every named URL outside the admin and the API (whose error texts are checked by the API tests)."""
    names: set[str] = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern) in ("admin/", "api/"):
                    continue
                walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


def view_name(path: str) -> str:
    return resolve(path.split("?")[0]).view_name


def readers(edition) -> dict[str, object]:
    """The people who read the pages: signed-in users for each role (None: nobody signed in)."""
    User = get_user_model()
    organiser = User.objects.get(email=ORGANISER)
    checkin = User.objects.create_user("desk@example.org")
    EditionStaff.objects.create(edition=edition, user=checkin, role=StaffRole.CHECKIN)
    registration = (
        Registration.objects.filter(edition=edition, status=Status.APPROVED, attendance=Attendance.IN_PERSON)
        .order_by("pk")
        .first()
    )
    participant = User.objects.filter(email__iexact=registration.email).first() or User.objects.create_user(
        registration.email
    )
    PARTICIPANT_EMAIL[:] = [registration.email]
    # What the demo does not have but pages show: a second edition of the participant's (the list of registrations),
    # a certificate, a visa letter request, an amendment to decide, and the organiser as visa letter officer.
    other = Edition.objects.exclude(pk=edition.pk).order_by("pk").first()
    Registration.objects.create(
        edition=other, given_name=registration.given_name, family_name=registration.family_name,
        email=registration.email, country=registration.country, status=Status.APPROVED,
    )  # fmt: skip
    Certificate.objects.create(
        edition=edition, registration=registration, reference="c" * 43, holder_name=registration.full_name,
        mode="in_person",
    )  # fmt: skip
    VisaLetterRequest.objects.create(
        edition=edition, registration=registration, needed_from=edition.start_date, needed_until=edition.end_date
    )
    VisaLetterOfficer.objects.create(edition=edition, user=organiser)
    document = OutcomeDocument.objects.get(edition=edition)
    paragraph = Paragraph.objects.filter(document=document).order_by("pk").first()
    # bulk_create: the adopted document refuses changes through save(), and the page shows an old amendment anyway.
    Amendment.objects.bulk_create([Amendment(
        document=document, paragraph=paragraph, paragraph_label="1", original_text=paragraph.text,
        proposer=participant, action="replace", proposed_text="…", reason="…",
    )])  # fmt: skip
    officer = CallTeamMember.objects.filter(role=CallRole.SELECTING_OFFICER).select_related("user").first().user
    representative = User.objects.get(email=REPRESENTATIVE)
    platform_staff = User.objects.get(email="admin@rendezvous.localhost")
    # An organiser with an authenticator app, whose sign-in asks for a code after the password.
    second = User.objects.create_user(SECOND_ORGANISER, SECOND_PASSWORD, is_staff=True)
    EditionStaff.objects.create(edition=edition, user=second, role=StaffRole.ORGANISER)
    TOTPDevice.objects.create(user=second, name="Phone", confirmed=True)
    owner = owner_of_a_programme()
    return {
        "anonymous": None,
        "signing-in": "signing-in",
        "organiser": organiser,
        "checkin": checkin,
        "participant": participant,
        "officer": officer,
        "representative": representative,
        "platform": platform_staff,
        "owner": owner,
        "publisher": publisher_manager(),
    }


def publisher_manager():
    """A representative of an organisation that publishes calls (who manages its webhooks)."""
    return next(
        member.user
        for member in OrganisationMember.objects.select_related("user").order_by("pk")
        if managed_publishers(member.user).exists()
    )


def owner_of_a_programme():
    return OrganisationMember.objects.filter(organisation__hub_programmes__isnull=False).order_by("pk").first().user


def client_for(user, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user == "signing-in":  # half-way through the organiser's sign-in: the password is right, the code comes next
        client.post("/accounts/sign-in/organiser/", {"email": SECOND_ORGANISER, "password": SECOND_PASSWORD})
    elif user is not None:
        client.force_login(user)
    return client


def every_page(edition) -> list[tuple[str, str]]:
    """(reader, path) of every page, with the demo's objects in the paths (`readers` must have run first)."""
    e = f"/events/{edition.slug}"
    session = Session.objects.filter(edition=edition).order_by("start", "pk").first()
    contribution = Contribution.objects.filter(session__edition=edition).order_by("pk").first()
    registration = Registration.objects.filter(edition=edition).order_by("pk").first()
    document = OutcomeDocument.objects.filter(edition=edition).first()
    paragraph = Paragraph.objects.filter(document=document).order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    representative_orgs = OrganisationMember.objects.filter(user__email=REPRESENTATIVE).values("organisation")
    owned = Programme.objects.filter(owners__hub_members__user=owner_of_a_programme()).order_by("pk").first()
    call = Call.objects.order_by("pk").first()
    officer_call = CallTeamMember.objects.filter(role=CallRole.SELECTING_OFFICER).order_by("pk").first().call
    application = Application.objects.filter(call=officer_call).order_by("pk").first()
    own_application = Application.objects.filter(organisation__in=representative_orgs).order_by("pk").first()
    post = BoardPost.objects.order_by("pk").first()
    own_post = BoardPost.objects.filter(author__email=REPRESENTATIVE).first() or post
    certificate = Certificate.objects.get(edition=edition, registration__email__iexact=PARTICIPANT_EMAIL[0])
    visa = VisaLetterRequest.objects.get(edition=edition)
    pages = [
        ("anonymous", "/"),
        ("anonymous", f"{e}/"),
        ("anonymous", f"{e}/programme/"),
        ("anonymous", session.get_absolute_url()),
        ("anonymous", f"{e}/speakers/"),
        ("anonymous", f"{e}/materials/"),
        ("anonymous", f"{e}/register/"),
        ("anonymous", f"{e}/register/?country=FR"),
        ("anonymous", f"{e}/outcome/"),
        ("anonymous", "/accounts/sign-in/"),
        ("anonymous", "/accounts/sign-in/organiser/"),
        ("signing-in", "/accounts/sign-in/code/"),
        ("anonymous", "/hub/"),
        ("anonymous", "/hub/search/?q=satellite"),
        ("anonymous", f"/hub/programmes/{programme.slug}/"),
        ("anonymous", f"/hub/calls/{call.slug}/"),
        ("anonymous", "/hub/board/"),
        ("anonymous", f"/hub/board/{post.pk}/"),
        ("participant", "/my-registrations/"),
        ("participant", f"{e}/my-registration/"),
        ("participant", f"{e}/my-materials/"),
        ("participant", f"{e}/my-registration/visa-letter/"),
        ("participant", "/accounts/my-data/"),
        ("participant", "/accounts/api-tokens/"),
        ("participant", "/hub/represent/"),
        ("participant", f"{e}/outcome/paragraphs/{paragraph.pk}/amend/"),
        ("representative", f"/hub/calls/{call.slug}/apply/"),
        ("representative", "/hub/board/new/"),
        ("representative", f"/hub/board/{own_post.pk}/edit/"),
        ("representative", "/hub/me/"),
        ("publisher", f"/hub/organisations/{managed_publishers(publisher_manager()).first().pk}/webhooks/"),
        ("owner", f"/hub/programmes/{owned.slug}/followers/"),
        ("officer", f"/hub/calls/{officer_call.slug}/selection/"),
        ("officer", f"/hub/applications/{application.pk}/"),
        ("representative", f"/hub/applications/{own_application.pk}/edit/"),
        ("platform", "/hub/represent/requests/"),
        ("platform", "/organise/organisations/duplicates/"),
        ("checkin", f"{e}/check-in/"),
        ("organiser", "/organise/"),
        ("organiser", f"/organise/series/{edition.series.slug}/new/"),
        ("organiser", "/accounts/security/"),
        ("organiser", f"{e}/organise/"),
        ("organiser", f"{e}/organise/registrations/"),
        ("organiser", f"{e}/organise/registrations/import/"),
        ("organiser", f"{e}/organise/registrations/{registration.pk}/"),
        ("organiser", f"{e}/organise/registration-policy/"),
        ("organiser", f"{e}/organise/invitations/"),
        ("organiser", f"{e}/organise/messages/"),
        ("organiser", f"{e}/organise/emails/"),
        ("organiser", f"{e}/organise/emails/approved/"),
        ("organiser", f"{e}/organise/timetable-check/"),
        ("organiser", f"{e}/organise/programme/"),
        ("organiser", f"{e}/organise/programme/sessions/new/"),
        ("organiser", f"{e}/organise/programme/sessions/{session.pk}/"),
        ("organiser", f"{e}/organise/programme/sessions/{session.pk}/contributions/new/"),
        ("organiser", f"{e}/organise/programme/contributions/{contribution.pk}/"),
        ("organiser", f"{e}/organise/materials/"),
        ("organiser", f"{e}/check-in/"),
        ("organiser", f"{e}/organise/clone/"),
        ("organiser", f"{e}/organise/staff/"),
        ("organiser", f"{e}/organise/details/"),
        ("organiser", f"{e}/organise/venues/"),
        ("organiser", f"{e}/organise/organising-bodies/"),
        ("organiser", f"{e}/organise/audit/"),
        ("organiser", f"{e}/organise/outbox/"),
        ("organiser", f"{e}/organise/statistics/"),
        ("organiser", f"{e}/organise/report/"),
        ("organiser", f"{e}/outcome/manage/"),
        ("organiser", f"{e}/outcome/versions/"),
        ("organiser", f"{e}/outcome/manage/paragraphs/{paragraph.pk}/"),
        ("organiser", f"{e}/organise/webhooks/"),
        ("organiser", f"{e}/organise/certificates/"),
        ("organiser", f"{e}/organise/documents/settings/"),
        ("organiser", f"{e}/organise/visa-letters/"),
        ("organiser", f"{e}/organise/erasure/"),
    ]
    pages += [
        ("anonymous", f"/documents/verify/{certificate.reference}/"),
        ("organiser", f"{e}/organise/visa-letters/{visa.pk}/"),
    ]
    return pages
