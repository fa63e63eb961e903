"""What the accessibility tests need besides the browser: axe-core, and the list of pages taken from the URL conf.

axe-core is vendored (tests/e2e/axe/axe.min.js, its licence beside it, version in AXE_VERSION) rather than fetched at
test time: the tests then run offline and always against the same rules. To update it: `npm pack axe-core@<version>`,
copy package/axe.min.js and package/LICENSE here, and change AXE_VERSION and AXE_SHA256.

The Content-Security-Policy refuses inline scripts without the page's nonce, so `page.add_script_tag(content=...)`
would be blocked (and reported as a CSP violation). `page.evaluate(source)` instead runs the source through the
DevTools protocol in the page's main world: that is not a script element, the policy does not apply to it, and the
page's own policy stays fully on for everything the page itself loads. axe-core needs neither eval nor inline styles.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_FILE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
# The rules of WCAG 2.0 and 2.1, levels A and AA: the target the issue names.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    source = AXE_FILE.read_bytes()
    assert hashlib.sha256(source).hexdigest() == AXE_SHA256, f"{AXE_FILE} is not axe-core {AXE_VERSION}"
    return source.decode()


RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({target: node.target.join(' '), summary: node.failureSummary})),
  }));
}"""


def run_axe(page, source: str) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"      {node['target']}: {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


# Who looks at a page: the test signs the browser in as this person (None: nobody).
ANONYMOUS = None
PARTICIPANT, ORGANISER, CHECKIN = "participant", "organiser", "checkin"
# On the hub: an applicant organisation's representative, a programme owner's representative, a selecting officer.
REPRESENTATIVE, PROGRAMME_OWNER, OFFICER = "representative", "programme owner", "officer"


@dataclass
class Objects:
    """One of each thing a page's URL names, from the demo data (see test_accessibility.build_site)."""

    edition: str
    session: str
    session_id: int
    contribution_id: int
    registration_id: int
    email_kind: str
    paragraph_id: int
    visa_letter_id: int
    series: str
    hub_programme: str
    call: str
    application_id: int
    post_id: int
    certificate_reference: str
    invitation_edition: str
    invitation_token: str
    sign_in_token: str
    unsubscribe_token: str
    publisher_id: int


# Every HTML page a person reads, by URL name, with who reads it and the URL's arguments.
PAGES = {
    "events:home": (ANONYMOUS, lambda o: {}),
    "events:edition": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "programme:programme": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "programme:session": (ANONYMOUS, lambda o: {"slug": o.edition, "session_slug": o.session}),
    "programme:speakers": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "programme:materials": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "registration:register": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "registration:redeem": (ANONYMOUS, lambda o: {"slug": o.invitation_edition, "token": o.invitation_token}),
    "outcomes:document": (ANONYMOUS, lambda o: {"slug": o.edition}),
    "outcomes:history": (ORGANISER, lambda o: {"slug": o.edition}),
    "documents:verify": (ANONYMOUS, lambda o: {"reference": o.certificate_reference}),
    "core:sign_in": (ANONYMOUS, lambda o: {}),
    "core:organiser_sign_in": (ANONYMOUS, lambda o: {}),
    "core:sign_in_confirm": (ANONYMOUS, lambda o: {"token": o.sign_in_token}),
    "partnerships:programmes": (ANONYMOUS, lambda o: {}),
    "partnerships:search": (ANONYMOUS, lambda o: {}),
    "partnerships:programme": (ANONYMOUS, lambda o: {"slug": o.hub_programme}),
    "partnerships:call": (ANONYMOUS, lambda o: {"slug": o.call}),
    "partnerships:board": (ANONYMOUS, lambda o: {}),
    "partnerships:post": (ANONYMOUS, lambda o: {"pk": o.post_id}),
    "partnerships:unsubscribe": (ANONYMOUS, lambda o: {"token": o.unsubscribe_token}),
    # A participant's own pages.
    "registration:mine": (PARTICIPANT, lambda o: {"slug": o.edition}),
    "registration:my_registrations": (PARTICIPANT, lambda o: {}),
    "programme:my_materials": (PARTICIPANT, lambda o: {"slug": o.edition}),
    "documents:my_data": (PARTICIPANT, lambda o: {}),
    "documents:my_visa_letter": (PARTICIPANT, lambda o: {"slug": o.edition}),
    "outcomes:amend": (PARTICIPANT, lambda o: {"slug": o.edition, "pk": o.paragraph_id}),
    "partnerships:my_hub": (PARTICIPANT, lambda o: {}),
    "partnerships:represent": (PARTICIPANT, lambda o: {}),
    # The hub's applicants, representatives and selecting officers.
    "partnerships:apply": (REPRESENTATIVE, lambda o: {"slug": o.call}),
    "partnerships:application": (REPRESENTATIVE, lambda o: {"pk": o.application_id}),
    "partnerships:edit_application": (REPRESENTATIVE, lambda o: {"pk": o.application_id}),
    "partnerships:new_post": (REPRESENTATIVE, lambda o: {}),
    "partnerships:edit_post": (REPRESENTATIVE, lambda o: {"pk": o.post_id}),
    "partnerships:followers": (PROGRAMME_OWNER, lambda o: {"slug": o.hub_programme}),
    "webhooks:publisher_webhooks": (PROGRAMME_OWNER, lambda o: {"organisation_id": o.publisher_id}),
    "partnerships:representation_requests": (REPRESENTATIVE, lambda o: {}),
    "partnerships:selection": (OFFICER, lambda o: {"slug": o.call}),
    # The check-in desk.
    "participation:check_in": (CHECKIN, lambda o: {"slug": o.edition}),
    # Organisers.
    "organise:home": (ORGANISER, lambda o: {}),
    "organise:new_edition": (ORGANISER, lambda o: {"series_slug": o.series}),
    "organise:clone": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:staff": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:details": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:venues": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:bodies": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:audit": (ORGANISER, lambda o: {"slug": o.edition}),
    "organise:outbox": (ORGANISER, lambda o: {"slug": o.edition}),
    "events:organise": (ORGANISER, lambda o: {"slug": o.edition}),
    "programme:timetable_check": (ORGANISER, lambda o: {"slug": o.edition}),
    "programme:organise_programme": (ORGANISER, lambda o: {"slug": o.edition}),
    "programme:new_session": (ORGANISER, lambda o: {"slug": o.edition}),
    "programme:edit_session": (ORGANISER, lambda o: {"slug": o.edition, "session_id": o.session_id}),
    "programme:new_contribution": (ORGANISER, lambda o: {"slug": o.edition, "session_id": o.session_id}),
    "programme:edit_contribution": (ORGANISER, lambda o: {"slug": o.edition, "contribution_id": o.contribution_id}),
    "programme:organise_materials": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_queue": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_import_registrations": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_registration": (ORGANISER, lambda o: {"slug": o.edition, "pk": o.registration_id}),
    "registration:organise_policy": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_invitations": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_messages": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_email_texts": (ORGANISER, lambda o: {"slug": o.edition}),
    "registration:organise_email_text": (ORGANISER, lambda o: {"slug": o.edition, "kind": o.email_kind}),
    "reports:statistics": (ORGANISER, lambda o: {"slug": o.edition}),
    "reports:report_texts": (ORGANISER, lambda o: {"slug": o.edition}),
    "reports:organisation_duplicates": (ORGANISER, lambda o: {}),
    "outcomes:manage": (ORGANISER, lambda o: {"slug": o.edition}),
    "webhooks:webhooks": (ORGANISER, lambda o: {"slug": o.edition}),
    "documents:organise_certificates": (ORGANISER, lambda o: {"slug": o.edition}),
    "documents:organise_settings": (ORGANISER, lambda o: {"slug": o.edition}),
    "documents:visa_queue": (ORGANISER, lambda o: {"slug": o.edition}),
    "documents:visa_request": (ORGANISER, lambda o: {"slug": o.edition, "pk": o.visa_letter_id}),
    "documents:organise_erasure": (ORGANISER, lambda o: {"slug": o.edition}),
    "core:account_security": (ORGANISER, lambda o: {}),
    "api_tokens": (ORGANISER, lambda o: {}),
}

# URLs that are not pages: files, feeds, machine interfaces, and form actions that only answer a POST (their pages
# are the ones above that hold the form, and an error they show is that page again).
NOT_PAGES = {
    "health_live": "health check (plain text)",
    "health_ready": "health check (plain text)",
    "metrics": "Prometheus metrics (plain text)",
    "set_language": "POST action of the language switcher",
    "core:security_key_options": "WebAuthn JSON",
    "core:security_key_register": "WebAuthn JSON",
    "core:sign_in_key_options": "WebAuthn JSON",
    "core:sign_in_key": "WebAuthn JSON",
    "core:sign_out": "POST action",
    # Reached only in the middle of an organiser's sign-in with an authenticator app (password accepted, code
    # pending); tests/e2e/test_second_factor.py goes through it. Not yet checked by axe.
    "core:sign_in_code": "second step of the organiser sign-in",
    "programme:programme_ics": "iCalendar file",
    "programme:session_ics": "iCalendar file",
    "programme:schedule_xml": "XML export",
    "programme:schedule_json": "JSON export",
    "programme:material_download": "file download",
    "programme:delete_session": "POST action of the programme editor",
    "programme:add_chair": "POST action of the programme editor",
    "programme:remove_chair": "POST action of the programme editor",
    "programme:move_contribution": "POST action of the programme editor",
    "programme:delete_contribution": "POST action of the programme editor",
    "programme:add_speaker": "POST action of the programme editor",
    "programme:remove_speaker": "POST action of the programme editor",
    "registration:organise_nomination_letter": "file download",
    "registration:organise_capacity": "POST action of the registrations page (its capacity form)",
    "registration:organise_import_invitations": "POST action of the invitations page",
    "registration:organise_revoke_invitation": "POST action of the invitations page",
    "registration:organise_resend_invitation": "POST action of the invitations page",
    "participation:undo_check_in": "POST action of the check-in desk",
    "participation:badge": "PDF",
    "participation:badge_sheet": "PDF",
    "participation:join": "redirect to the online meeting",
    "organise:choose_password": "one-time link from an e-mail (Django's password form)",
    "organise:status": "POST action of the dashboard",
    "organise:remove_staff": "POST action of the staff page",
    "organise:change_venue": "POST action of the venues page",
    "organise:delete_venue": "POST action of the venues page",
    "organise:add_room": "POST action of the venues page",
    "organise:change_room": "POST action of the venues page",
    "organise:delete_room": "POST action of the venues page",
    "organise:change_body": "POST action of the organising bodies page",
    "organise:remove_body": "POST action of the organising bodies page",
    "organise:send_again": "POST action of the outbox page",
    "reports:attendance_txt": "text download",
    "reports:attendance_json": "JSON download",
    "reports:attendance_docx": "DOCX download",
    "reports:full_report": "DOCX download",
    "reports:full_report_pdf": "PDF download",
    "reports:chart_csv": "CSV download",
    "reports:participants_csv": "CSV download",
    "reports:participants_xlsx": "XLSX download",
    "outcomes:docx": "DOCX download",
    "outcomes:edit_paragraph": "POST action of the secretariat's desk",
    "outcomes:decide": "POST action of the secretariat's desk",
    "partnerships:call_ics": "iCalendar file",
    "partnerships:attachment": "file download",
    # These answer a GET by going back to the page that holds their form (the post, programme, call or "My hub").
    "partnerships:contact_post": "POST action of a board post's page",
    "partnerships:report_post": "POST action of a board post's page",
    "partnerships:withdraw_post": "POST action of a board post's page",
    "partnerships:follow_programme": "POST action of a programme's page",
    "partnerships:follow_call": "POST action of a call's page",
    "partnerships:regenerate_feed": "POST action of the My hub page",
    "partnerships:decide_representation": "POST action of the representation requests page",
    "partnerships:feed": "iCalendar feed",
    "documents:my_data_download": "JSON download",
    "documents:my_visa_letter_pdf": "PDF",
    "documents:my_certificate": "PDF",
    "documents:visa_letter_pdf": "PDF",
    "documents:visa_officer": "POST action of the Staff page (grant or revoke)",
}


def url_names() -> set[str]:
    """Every named URL of the site outside the Django admin and the JSON API (each has its own tests)."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name in {"admin"} or str(pattern.pattern).startswith("api/"):
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if str(pattern.pattern).startswith("admin/"):
                    continue
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, None))


def page_paths(objects: Objects) -> list[tuple[str, str, str | None]]:
    """(URL name, path, who reads it) for every page in PAGES."""
    return [(name, reverse(name, kwargs=kwargs(objects)), role) for name, (role, kwargs) in PAGES.items()]
