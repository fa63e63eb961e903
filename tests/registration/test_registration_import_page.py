"""The organisers' page for importing registrations from the registration CSV (docs/csv-formats.md): all or
nothing, every bad line named by its number, nobody e-mailed, and only this edition's organisers."""

import functools

import pytest
from django.conf import settings

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.registration.models import Registration, Status
from rendezvous.registration.services import IMPORT_COLUMNS
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import make_organiser, policy_for
from tests.support.uploads import csv_upload

pytestmark = pytest.mark.django_db

QUEUE = "/events/import-page/organise/registrations/"
IMPORT = QUEUE + "import/"
HEADER = ",".join(IMPORT_COLUMNS) + "\n"
AMINA = "Amina,Diallo,amina.diallo@example.org,female,SN,Example Space Agency,space_agency,speaker,online,approved,"
AMINA += "yes\n"
LI = "Li,Wei,li.wei@example.org,male,CN,Example Academy,academia,participant,in_person,waitlisted,no\n"


@pytest.fixture
def edition():
    edition = EditionFactory(slug="import-page")
    policy_for(edition)
    return edition


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, email="organiser@example.org")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


csv_file = functools.partial(csv_upload, name="registrations.csv")


def test_the_page_explains_the_file_and_is_linked_from_the_registrations(organiser_client):
    assert IMPORT in organiser_client.get(QUEUE).content.decode()
    page = organiser_client.get(IMPORT).content.decode()
    assert "<h1>Import registrations</h1>" in page
    for column in IMPORT_COLUMNS:
        assert f'<code lang="en" dir="ltr" translate="no">{column}</code>' in page
    assert "pending, approved, waitlisted, rejected, cancelled" in page


def test_a_good_file_imports_everyone_with_their_status_and_mails_nobody(organiser_client, organiser, edition):
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + AMINA + LI)}, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert "2 registrations imported; nobody was e-mailed." in response.content.decode()
    statuses = dict(Registration.objects.filter(edition=edition).values_list("email", "status"))
    assert statuses == {"amina.diallo@example.org": Status.APPROVED, "li.wei@example.org": Status.WAITLISTED}
    assert all(Registration.objects.filter(edition=edition).values_list("imported", flat=True))
    assert not OutboxMessage.objects.exists()
    entry = AuditEntry.objects.get(action="registration.imported")
    assert (entry.actor, entry.edition) == (organiser, edition)


def test_a_bad_line_imports_nothing_and_every_bad_line_is_named(organiser_client, edition):
    bad = "Bo,,not-an-address,robot,XX,Org,academia,participant,in_person,approved,yes\n"
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + AMINA + bad + LI.replace("male", "mole"))})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert "line 3: " in page and "line 4: " in page and "line 2: " not in page
    assert "unknown gender &#x27;robot&#x27;" in page and "unknown gender &#x27;mole&#x27;" in page
    assert not Registration.objects.filter(edition=edition).exists()


@pytest.mark.parametrize(
    ("upload", "said"),
    [
        (csv_file(b"%PDF-1.4\x00\x01binary", name="registrations.csv"), "the file is not text"),
        (csv_file("given_name\n".encode("utf-16")), "the file is not text"),
        (csv_file("given_name,family_name\nJos\xe9,X\n".encode("latin-1")), "the file is not UTF-8 text"),
        (csv_file(HEADER + AMINA, name="registrations.xlsx", content_type="application/vnd.ms-excel"), "(.csv)"),
        (csv_file("given_name,email\nA,a@example.org\n"), "line 1: missing column(s) family_name"),
    ],
)
def test_a_file_that_is_not_the_registration_csv_is_refused_by_its_content(organiser_client, edition, upload, said):
    response = organiser_client.post(IMPORT, {"file": upload})
    assert response.status_code == 400 and said in response.content.decode()
    assert not Registration.objects.filter(edition=edition).exists()


def test_no_file_is_asked_for_again(organiser_client):
    response = organiser_client.post(IMPORT, {})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


def test_the_page_and_its_errors_speak_the_organisers_language(organiser_client, edition):
    organiser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "<h1>Importer des inscriptions</h1>" in organiser_client.get(IMPORT).content.decode()
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + LI.replace("male", "mole"))})
    page = response.content.decode()
    assert "Rien n’a été importé." in page and "ligne 2 : " in page and "line 2:" not in page
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + AMINA)}, follow=True)
    assert "1 inscription importée ; personne n’a reçu d’e-mail." in response.content.decode()


def test_an_organiser_of_another_edition_cannot_import_here(client, edition):
    client.force_login(make_organiser(EditionFactory(slug="elsewhere"), email="other@example.org"))
    assert client.post(IMPORT, {"file": csv_file(HEADER + AMINA)}).status_code == 403
    assert not Registration.objects.exists()


def test_a_field_over_the_csv_modules_limit_is_a_numbered_line_not_a_server_error(organiser_client, edition):
    huge = AMINA.replace("Example Space Agency", "x" * 131_073)
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + LI.replace("male", "mole") + huge)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "line 2: unknown gender" in page and "line 3: a field is longer than 131,072 characters" in page
    assert not Registration.objects.filter(edition=edition).exists()


def test_an_address_registered_in_other_letters_is_a_numbered_line_not_a_server_error(organiser_client, edition):
    Registration.objects.create(edition=edition, given_name="Amina", email="Amina.Diallo@Example.org", country="SN")
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + LI + AMINA)})
    assert response.status_code == 400
    assert "line 3: amina.diallo@example.org" in response.content.decode()
    assert Registration.objects.filter(edition=edition).count() == 1


def test_a_value_longer_than_its_column_is_a_numbered_line_not_a_server_error(organiser_client, edition):
    long_name = LI.replace("Li,Wei,", "Li," + "W" * 151 + ",")
    long_organisation = AMINA.replace("Example Space Agency", "E" * 256)
    response = organiser_client.post(IMPORT, {"file": csv_file(HEADER + long_name + long_organisation)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "line 2: family_name is longer than 150 characters" in page
    assert "line 3: organization is longer than 255 characters" in page
    assert not Registration.objects.filter(edition=edition).exists()
