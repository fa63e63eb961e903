"""The six languages in a real browser: a French-speaking applicant registers entirely in French and is written to
in French; the Arabic pages read right to left (screenshots kept in test-artifacts/ for a person to look at)."""

import pytest

from rendezvous.core.models import OutboxMessage
from rendezvous.registration.models import Registration, Status
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import EditionFactory, UpcomingEditionFactory, make_organiser
from tests.factories.registration import policy_for
from tests.factories.reports import import_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_in(browser):
    contexts = []

    def open_page(locale: str, **options):
        context = browser.new_context(locale=locale, **{"viewport": {"width": 1280, "height": 900}, **options})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_french_speaking_applicant_registers_in_french_and_gets_french_mail(browser_in, live_server):
    edition = UpcomingEditionFactory(slug="haikou-fr", title="Second Global Partnership Workshop on Space Exploration")
    policy_for(edition, moderated=True, in_person=10, online=None)
    page = browser_in("fr-FR")

    page.goto(f"{live_server.url}/events/haikou-fr/register/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "S’inscrire"
    page.select_option("select[name=country]", "FR")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Prénom").fill("Jeanne")
    page.get_by_label("Nom de famille").fill("Martin")
    page.get_by_label("Adresse électronique").fill("jeanne.martin@example.fr")
    page.fill("input[name=organisation_name]", "Centre national d'études spatiales")
    page.select_option("select[name=organisation_type]", "space_agency")
    page.fill("input[name=position]", "Ingénieure mission")
    page.check("input[name=gender][value=female]")
    page.check("input[name=attendance][value=in_person]")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.get_by_role("heading", name="Demande reçue").wait_for()
    page.screenshot(path=str(ARTIFACTS / "fr-application-received.png"), full_page=True)

    registration = Registration.objects.get(email="jeanne.martin@example.fr")
    assert registration.status == Status.PENDING
    assert registration.language == "fr"
    mail = OutboxMessage.objects.get(to="jeanne.martin@example.fr", kind="registration.received")
    assert mail.subject.startswith("Demande reçue")
    assert "Bonjour Jeanne Martin," in mail.body
    assert "Nous avons bien reçu votre demande." in mail.body
    assert "We have received" not in mail.body


def test_the_language_switcher_changes_the_language_and_remembers_it(browser_in, live_server):
    EditionFactory(slug="haikou-switch", title="Workshop")
    page = browser_in("en-GB")
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="العربية").click()
    page.wait_for_selector("html[lang=ar][dir=rtl]")
    page.goto(f"{live_server.url}/events/haikou-switch/register/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "التسجيل"


def test_arabic_pages_read_right_to_left(browser_in, live_server):
    from rendezvous.demo.loader import load_demo

    edition = load_demo()
    page = browser_in("ar")
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/events/{edition.slug}/programme/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    main = page.locator("main").bounding_box()
    heading = page.locator("main h1, main h2").first.bounding_box()
    # Right to left: the first heading hugs the right edge of the main column, not the left.
    assert (main["x"] + main["width"]) - (heading["x"] + heading["width"]) < heading["x"] - main["x"]
    page.screenshot(path=str(ARTIFACTS / "ar-programme.png"), full_page=False)

    page.goto(f"{live_server.url}/events/{edition.slug}/register/?country=EG")
    page.screenshot(path=str(ARTIFACTS / "ar-registration-form.png"), full_page=True)
    assert page.locator("h1").inner_text() == "التسجيل"

    statistics_edition = EditionFactory(slug="haikou-ar-stats", title="United Nations/China Workshop")
    import_seed(statistics_edition)
    sign_in_browser(page, live_server, make_organiser(statistics_edition))
    page.goto(f"{live_server.url}/events/haikou-ar-stats/organise/statistics/")
    assert page.locator("h1").inner_text() == "الإحصاءات"
    page.screenshot(path=str(ARTIFACTS / "ar-statistics.png"), full_page=False)


def overflows_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def test_arabic_on_a_phone_and_at_the_desk_and_the_hub(browser_in, live_server):
    """The programme and the registration form on a phone, the check-in desk and the hub, in Arabic: right to left,
    nothing wider than the screen, tables starting at the right."""
    from rendezvous.demo.loader import load_demo

    edition = load_demo()
    ARTIFACTS.mkdir(exist_ok=True)
    phone = browser_in("ar", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for path, name in ((f"/events/{edition.slug}/programme/", "programme"), ("/hub/", "hub")):
        phone.goto(f"{live_server.url}{path}")
        assert phone.locator("html").get_attribute("dir") == "rtl"
        assert not overflows_sideways(phone), path
        phone.screenshot(path=str(ARTIFACTS / f"ar-phone-{name}.png"), full_page=False)
    phone.goto(f"{live_server.url}/events/{edition.slug}/register/?country=EG")
    assert not overflows_sideways(phone)
    phone.screenshot(path=str(ARTIFACTS / "ar-phone-registration-form.png"), full_page=True)

    desk = browser_in("ar", viewport={"width": 1280, "height": 900})
    sign_in_browser(desk, live_server, make_organiser(edition))
    desk.goto(f"{live_server.url}/events/{edition.slug}/check-in/")
    assert desk.locator("html").get_attribute("dir") == "rtl"
    desk.screenshot(path=str(ARTIFACTS / "ar-check-in.png"), full_page=False)
    desk.goto(f"{live_server.url}/events/{edition.slug}/organise/registrations/")
    table = desk.locator("main table").first
    first_header = table.locator("th").first.bounding_box()
    last_header = table.locator("th").last.bounding_box()
    assert first_header["x"] > last_header["x"]  # the first column is the rightmost one
    desk.screenshot(path=str(ARTIFACTS / "ar-registrations.png"), full_page=False)
