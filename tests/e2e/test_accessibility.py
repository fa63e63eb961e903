"""WCAG 2.1 AA in a real browser: axe-core finds no violation on any page of the site (listed from the URL conf), in
English, Arabic (right to left, at a phone's width) and French; and a registration form is completed with the
keyboard alone.

One browser, one context per configuration and person, one visit per page and configuration: the whole run takes a
few minutes. How axe-core gets into pages despite the Content-Security-Policy: see tests/e2e/accessibility.py.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from rendezvous.core import services as core_services
from rendezvous.core.models import OutboxMessage, User
from rendezvous.core.publishers import managed_publishers
from rendezvous.demo import data as demo_data
from rendezvous.demo.loader import load_demo
from rendezvous.demo.partnerships import DEMO_CNSA_REPRESENTATIVE, DEMO_OFFICER, DEMO_REPRESENTATIVE
from rendezvous.documents import certificates, visa
from rendezvous.documents.models import VisaLetterOfficer
from rendezvous.events.models import Edition, StaffRole
from rendezvous.outcomes.models import Paragraph
from rendezvous.partnerships.models import Application, BoardPost, OrganisationMember, Programme
from rendezvous.partnerships.services import digest
from rendezvous.programme.models import Contribution, Session
from rendezvous.registration import services as registration_services
from rendezvous.registration.models import Registration, Status
from tests.conftest import ARTIFACTS
from tests.e2e import accessibility
from tests.factories import UpcomingEditionFactory, make_user
from tests.factories.events import staff
from tests.factories.registration import policy_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}  # a common phone's CSS pixels
# (language, viewport): every language once, half of them at a phone's width (Arabic among them, where a
# right-to-left layout is the most likely to break, and Chinese).
CONFIGURATIONS = [("en", DESKTOP), ("ar", PHONE), ("fr", DESKTOP), ("es", PHONE), ("ru", DESKTOP), ("zh-hans", PHONE)]


def test_every_url_is_either_checked_or_not_a_page():
    """A new URL must be added to PAGES (and so checked by axe) or to NOT_PAGES with the reason it is no page."""
    names = accessibility.url_names()
    assert sorted(names - set(accessibility.PAGES) - set(accessibility.NOT_PAGES)) == []
    assert sorted((set(accessibility.PAGES) | set(accessibility.NOT_PAGES)) - names) == []
    assert not set(accessibility.PAGES) & set(accessibility.NOT_PAGES)


def build_site() -> tuple[accessibility.Objects, dict[str, User]]:
    """The demo workshop, plus one of each thing a page needs that the demo lacks, and the people who read them."""
    edition = load_demo()
    organiser = User.objects.get(email=demo_data.ORGANISER["email"])
    VisaLetterOfficer.objects.create(edition=edition, user=organiser)
    participant = make_user("amina.diallo@example.org", first_name="Amina", last_name="Diallo")
    registration = Registration.objects.create(
        edition=edition, given_name="Amina", family_name="Diallo", email=participant.email, country="SN",
        status=Status.APPROVED, attendance="in_person",
    )  # fmt: skip
    # A second registration (the demo's earlier workshop), so "My registrations" lists them instead of redirecting.
    Registration.objects.create(
        edition=Edition.objects.exclude(pk=edition.pk).first(), given_name="Amina", family_name="Diallo",
        email=participant.email, country="SN", status=Status.APPROVED,
    )  # fmt: skip
    letter = visa.request_letter(
        registration,
        visa.PassportDetails(
            passport_name="DIALLO Amina",
            nationality="Senegalese",
            date_of_birth=datetime.date(1988, 3, 2),
            passport_number="A01234567",
            passport_expiry=datetime.date(2032, 1, 1),
            consulate="Embassy of China, Dakar",
        ),  # fmt: skip
        needed_from=edition.start_date - datetime.timedelta(days=3),
        needed_until=edition.end_date + datetime.timedelta(days=2),
        actor=participant,
    )
    certificate = certificates.issue_one(edition, certificates.attendees(edition).first().pk, actor=organiser)
    invitee = "invited.speaker@example.org"
    # An edition still to come: an ended edition's invitations cannot be used.
    invited_to = UpcomingEditionFactory(slug="invited-2030", title="Invitation Workshop")
    policy_for(invited_to, moderated=True, in_person=100, online=None)
    registration_services.invite(invited_to, email=invitee, given_name="Ines", family_name="Moreau", actor=organiser)
    invitation_mail = OutboxMessage.objects.get(to=invitee, kind="registration.invited")
    token = invitation_mail.body.split("/register/invitation/")[1].split("/")[0]
    policy_for(edition, moderated=True, in_person=100, online=None)

    session = Session.objects.filter(edition=edition, contributions__isnull=False).distinct().first()
    representative = User.objects.get(email=DEMO_REPRESENTATIVE)
    programme_owner = User.objects.get(email=DEMO_CNSA_REPRESENTATIVE)
    owned_programme = Programme.objects.filter(owners__in=organisations_of(programme_owner)).first()
    application = Application.objects.filter(organisation__in=organisations_of(representative)).first()
    objects = accessibility.Objects(
        edition=edition.slug,
        session=session.slug,
        session_id=session.pk,
        contribution_id=Contribution.objects.filter(session=session).first().pk,
        registration_id=registration.pk,
        email_kind="received",
        paragraph_id=Paragraph.objects.filter(document__edition=edition).first().pk,
        visa_letter_id=letter.pk,
        series=edition.series.slug,
        hub_programme=owned_programme.slug,
        call=application.call.slug,
        application_id=application.pk,
        post_id=BoardPost.objects.filter(author=representative).first().pk,
        certificate_reference=certificate.reference,
        invitation_edition=invited_to.slug,
        invitation_token=token,
        sign_in_token=core_services.sign_in_link(participant.email).rstrip("/").rsplit("/", 1)[1],
        unsubscribe_token=digest.unsubscribe_token(representative),
        publisher_id=managed_publishers(programme_owner).first().pk,
    )
    people = {
        accessibility.PARTICIPANT: participant,
        accessibility.ORGANISER: organiser,
        accessibility.CHECKIN: staff(edition, StaffRole.CHECKIN),
        accessibility.REPRESENTATIVE: representative,
        accessibility.PROGRAMME_OWNER: programme_owner,
        accessibility.OFFICER: User.objects.get(email=DEMO_OFFICER),
    }
    return objects, people


def organisations_of(user: User):
    return OrganisationMember.objects.filter(user=user).values("organisation")


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_no_page_has_an_axe_violation_in_any_language_nor_on_a_phone(browser, live_server):
    objects, people = build_site()
    cookies = {role: session_cookie(user) for role, user in people.items()}
    source = accessibility.axe_source()
    failures, wrong_pages, csp_violations = [], [], []

    for language, viewport in CONFIGURATIONS:
        pages = {}

        def page_for(role, language=language, viewport=viewport, pages=pages):
            if role not in pages:
                context = browser.new_context(
                    locale=language, viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE
                )
                context.add_cookies(
                    [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                )
                if role is not None:
                    context.add_cookies(
                        [{"name": settings.SESSION_COOKIE_NAME, "value": cookies[role], "url": live_server.url}]
                    )
                page = context.new_page()
                page.set_default_timeout(20_000)
                page.on(
                    "console",
                    lambda message, page=page: (
                        csp_violations.append(f"{page.url}: {message.text}")
                        if message.type == "error" and "Content Security Policy" in message.text
                        else None
                    ),
                )
                pages[role] = page
            return pages[role]

        for name, path, role in accessibility.page_paths(objects):
            page = page_for(role)
            response = page.goto(live_server.url + path)
            where = f"{name} {path} ({language}, {viewport['width']}px, {role or 'anonymous'})"
            if response.status >= 400 or page.url.split("?")[0] != live_server.url + path:
                wrong_pages.append(f"{where}: answered {response.status} at {page.url}")
            assert page.locator("html").get_attribute("lang") == language, where
            violations = accessibility.run_axe(page, source)
            if violations:
                failures.append(f"{where}\n{accessibility.describe(violations)}")
        ARTIFACTS.mkdir(exist_ok=True)
        pages[accessibility.ANONYMOUS if accessibility.ANONYMOUS in pages else next(iter(pages))].screenshot(
            path=str(ARTIFACTS / f"a11y-last-page-{language}-{viewport['width']}.png")
        )
        for page in pages.values():
            page.context.close()

    report = []
    if failures:
        report.append(f"axe-core {accessibility.AXE_VERSION} (WCAG 2.1 AA) found:\n" + "\n\n".join(failures))
    if wrong_pages:
        report.append("Pages that did not show what the test meant to check:\n" + "\n".join(wrong_pages))
    if csp_violations:
        report.append("Refused by the Content-Security-Policy:\n" + "\n".join(csp_violations))
    assert not report, "\n\n".join(report)


def test_an_applicant_registers_with_the_keyboard_alone(page, live_server):
    """Tab to each field, type, choose options with the arrow keys and the space bar, send with Enter."""

    edition = UpcomingEditionFactory(slug="keyboard-2026", title="Keyboard Workshop")
    policy_for(edition, moderated=True, in_person=10, online=None)
    page.goto(f"{live_server.url}/events/keyboard-2026/register/")

    def tab_to(selector: str, limit: int = 60) -> None:
        """Press Tab until the element matching `selector` has the focus (as a person scanning the form would)."""
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("selector => document.activeElement.matches(selector)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    # Step 1: the country, then "Continue" with Enter.
    tab_to("#where_country")
    page.keyboard.type("France")  # a focused <select> jumps to the option typed
    assert page.locator("#where_country").input_value() == "FR"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Continue"
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=given_name]")

    # Step 2: the application form, each field reached with Tab in reading order.
    for name, text in [
        ("given_name", "Jeanne"),
        ("family_name", "Martin"),
        ("email", "jeanne.keyboard@example.fr"),
    ]:
        tab_to(f"input[name={name}]")
        page.keyboard.type(text)
    tab_to("input[name=organisation_name]")
    page.keyboard.type("Centre national d'études spatiales")
    tab_to("select[name=organisation_type]")
    page.keyboard.type("Space agency")
    assert page.locator("select[name=organisation_type]").input_value() == "space_agency"
    tab_to("input[name=position]")
    page.keyboard.type("Mission engineer")
    # A radio group is one Tab stop; the arrow keys move the choice within it.
    tab_to("input[name=gender]")
    page.keyboard.press("Space")
    first_gender = page.locator("input[name=gender]:checked").get_attribute("value")
    assert first_gender is not None
    tab_to("input[name=attendance]")
    page.keyboard.press("Space")
    assert page.locator("input[name=attendance]:checked").get_attribute("value") == "in_person"
    tab_to("input[name=consent]")
    page.keyboard.press("Space")
    assert page.locator("input[name=consent]").is_checked()
    tab_to("form.reg-form button[type=submit]")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Application received").wait_for()
    registration = Registration.objects.get(email="jeanne.keyboard@example.fr")
    assert (registration.given_name, registration.family_name, registration.country) == ("Jeanne", "Martin", "FR")
    assert registration.organisation_type == "space_agency" and registration.attendance == "in_person"
