"""An organiser in a real browser: filters the moderation queue, approves two applications at once, invites a speaker
and revokes the invitation."""

import pytest
from playwright.sync_api import expect

from rendezvous.core.models import Organisation, User
from rendezvous.events.models import EditionStaff
from rendezvous.registration.models import Invitation, InvitationState, Registration, Status
from tests.conftest import ARTIFACTS
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import policy_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edition():
    edition = EditionFactory(slug="haikou-moderation", title="Second Global Partnership Workshop on Space Exploration")
    policy_for(edition, moderated=True, in_person=200, online=200)
    agency = Organisation.objects.create(name="Agencia Boliviana Espacial", type="space_agency")
    academia = Organisation.objects.create(name="Universidad Mayor de San Andrés", type="academia")
    rows = [
        ("Ana", "Quispe", "BO", agency, "space_agency", Status.PENDING, True),
        ("Luis", "Mamani", "BO", academia, "academia", Status.PENDING, False),
        ("Chen", "Li", "CN", None, "government", Status.APPROVED, False),
        ("Jeanne", "Martin", "FR", None, "space_agency", Status.PENDING, False),
    ]
    for given, family, country, organisation, kind, status, head in rows:
        Registration.objects.create(
            edition=edition,
            given_name=given,
            family_name=family,
            email=f"{given.lower()}@example.org",
            country=country,
            organisation=organisation,
            organisation_type=kind,
            position="Director" if head else "Researcher",
            head_of_agency=head,
            status=status,
        )
    return edition


def sign_in_as_organiser(client, page, live_server, edition):
    user = User.objects.create_user("organiser@unoosa.example", is_staff=True)
    EditionStaff.objects.create(edition=edition, user=user, role="organiser")
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def snapshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"moderation_{name}.png"), full_page=True)


def test_organiser_filters_bulk_approves_invites_and_revokes(client, page, live_server, edition):
    sign_in_as_organiser(client, page, live_server, edition)
    page.goto(f"{live_server.url}/events/haikou-moderation/organise/registrations/")
    page.wait_for_selector("h1:has-text('Registrations')")
    assert page.locator(".org-name").count() == 4

    page.select_option("select[name=country]", "BO")
    page.select_option("select[name=status]", "pending")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**status=pending**")
    assert sorted(page.locator(".org-name").all_inner_texts()) == ["Ana Quispe", "Luis Mamani"]
    assert "Bolivia (Plurinational State of)" in page.content()
    snapshot(page, "queue_filtered")

    page.check("input[aria-label='Select Ana Quispe']")
    page.check("input[aria-label='Select Luis Mamani']")
    page.fill("input[name=reason]", "Nominated by the national agency")
    page.click("button:has-text('Approve selected')")
    page.wait_for_selector(".message-success")
    assert "2 approved." in page.inner_text(".message-success")
    # The filters survived the action: pending Bolivians are all decided now.
    assert page.locator("select[name=status]").input_value() == "pending"
    assert page.locator(".org-name").count() == 0

    page.select_option("select[name=status]", "approved")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**status=approved**")
    assert sorted(page.locator(".org-name").all_inner_texts()) == ["Ana Quispe", "Luis Mamani"]
    assert page.locator("[data-status=approved]").count() == 2
    snapshot(page, "queue_approved")
    assert Registration.objects.filter(country="BO", status=Status.APPROVED).count() == 2
    assert Registration.objects.get(email="jeanne@example.org").status == Status.PENDING

    page.click("text=Ana Quispe")
    page.wait_for_selector("h2:has-text('History')")
    assert "organiser@unoosa.example" in page.inner_text(".org-trail")
    snapshot(page, "registration_detail")

    page.click(".org-tabs >> text=Invitations")
    page.wait_for_selector("h1:has-text('Invitations')")
    page.fill("input[name=email]", "wu.yanhua@cnsa.example")
    page.fill("input[name=given_name]", "Yanhua")
    page.fill("input[name=family_name]", "Wu")
    page.check("input[name=role][value=speaker]")
    page.click("button:has-text('Send the invitation')")
    page.wait_for_selector(".message-success")
    row = page.locator("tr", has_text="wu.yanhua@cnsa.example")
    expect(row.locator("[data-status=sent]")).to_be_visible()
    assert "Speaker" in row.inner_text()
    assert "/register/invitation/" not in page.content()
    snapshot(page, "invitations_sent")

    row.locator("button:has-text('Revoke')").click()
    page.wait_for_selector("text=Invitation to wu.yanhua@cnsa.example revoked.")
    expect(page.locator("tr", has_text="wu.yanhua@cnsa.example").locator("[data-status=revoked]")).to_be_visible()
    assert Invitation.objects.get(email="wu.yanhua@cnsa.example").state == InvitationState.REVOKED
    snapshot(page, "invitations_revoked")


IMPORT_HEADER = "given_name,family_name,email,gender,country,organization,organization_type,role,attendance,status,"
IMPORT_HEADER += "head_of_agency\n"
IMPORT_ROW = "Amina,Diallo,amina.diallo@example.org,female,SN,Agence spatiale sénégalaise,space_agency,speaker,online,"
IMPORT_ROW += "approved,yes\n"


def test_organiser_imports_registrations_from_a_csv_file(client, page, live_server, edition):
    sign_in_as_organiser(client, page, live_server, edition)
    page.goto(f"{live_server.url}/events/haikou-moderation/organise/registrations/")
    page.get_by_role("link", name="Import from a CSV file").click()
    page.wait_for_selector("h1:has-text('Import registrations')")
    upload = page.get_by_label("CSV file")

    # A wrong line: nothing is imported and the line is named.
    wrong = IMPORT_HEADER + IMPORT_ROW + IMPORT_ROW.replace("amina.diallo", "moussa").replace("female", "robot")
    upload.set_input_files(files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": wrong.encode()}])
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".org-import-errors")).to_contain_text("line 3: unknown gender 'robot'")
    expect(page.locator(".org-import-errors")).to_contain_text("Nothing was imported.")
    assert not Registration.objects.filter(email="amina.diallo@example.org").exists()
    snapshot(page, "import_refused")

    upload = page.get_by_label("CSV file")
    upload.set_input_files(
        files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": (IMPORT_HEADER + IMPORT_ROW).encode()}]
    )
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("1 registration imported; nobody was e-mailed.")
    expect(page.locator(".org-name", has_text="Amina Diallo")).to_be_visible()
    assert Registration.objects.get(email="amina.diallo@example.org").status == Status.APPROVED

    # On a phone, in Arabic: the page reads right to left and its table scrolls inside its frame.
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/events/haikou-moderation/organise/registrations/import/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("استيراد التسجيلات")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    snapshot(page, "import_phone_ar")
