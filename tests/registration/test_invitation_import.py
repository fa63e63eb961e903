"""Invitations from a CSV file: the upload checks, all or nothing, and every bad line named by its number."""

import functools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rendezvous.core.models import OutboxMessage
from rendezvous.registration import services
from rendezvous.registration.models import Invitation, Registration, Role
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import make_organiser, policy_for
from tests.support.uploads import csv_upload

pytestmark = pytest.mark.django_db

IMPORT = "/events/import-test/organise/invitations/import/"
HEADER = "email,given_name,family_name,role\n"


@pytest.fixture
def edition():
    edition = EditionFactory(slug="import-test")
    policy_for(edition)
    return edition


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(make_organiser(edition, email="organiser@example.org"))
    return client


csv_file = functools.partial(csv_upload, name="invitations.csv")


def test_a_good_file_invites_everyone(organiser_client, edition):
    text = HEADER + "li.wei@cnsa.example,Li,Wei,speaker\nana@aee.example,Ana,Quispe,participant\nbo@example.org,,,\n"
    response = organiser_client.post(IMPORT, {"file": csv_file(text)}, follow=True)
    assert "3 invitations sent." in response.content.decode()
    roles = dict(Invitation.objects.filter(edition=edition).values_list("email", "role"))
    assert roles == {
        "li.wei@cnsa.example": Role.SPEAKER,
        "ana@aee.example": Role.PARTICIPANT,
        "bo@example.org": "participant",
    }
    assert OutboxMessage.objects.filter(kind="registration.invited").count() == 3
    assert Invitation.objects.get(email="ana@aee.example").family_name == "Quispe"


def test_columns_may_come_in_any_order_and_a_byte_order_mark_is_fine(organiser_client, edition):
    text = "\ufeffrole,email,family_name,given_name\r\nspeaker,li.wei@cnsa.example,Wei,Li\r\n"
    organiser_client.post(IMPORT, {"file": csv_file(text)})
    invitation = Invitation.objects.get(edition=edition)
    assert (invitation.email, invitation.role, invitation.given_name) == ("li.wei@cnsa.example", "speaker", "Li")


def test_a_bad_line_imports_nothing_and_names_every_bad_line(organiser_client, edition):
    Registration.objects.create(edition=edition, given_name="Cy", email="cy@example.org", country="FR")
    text = (
        HEADER
        + "good@example.org,Good,Person,speaker\n"  # line 2
        + "not-an-address,Bad,Address,participant\n"  # line 3
        + "other@example.org,Other,Person,chair\n"  # line 4
        + "cy@example.org,Cy,Tester,participant\n"  # line 5
        + "good@example.org,Again,Twice,speaker\n"  # line 6
    )
    response = organiser_client.post(IMPORT, {"file": csv_file(text)})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported." in body
    assert "line 3: bad e-mail address" in body
    assert "line 4: unknown role" in body
    assert "line 5: cy@example.org has already registered" in body
    assert "line 6: good@example.org appears twice" in body
    assert "line 2" not in body
    assert not Invitation.objects.exists() and not OutboxMessage.objects.filter(kind="registration.invited").exists()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("email,name\nx@example.org,X\n", "line 1: the header must be email,given_name,family_name,role"),
        ("", "The submitted file is empty."),  # Django's own check, before ours
        ("\n", "line 1: the header must be"),
        (HEADER, "the file has a header but no one to invite"),
        (HEADER + "a@example.org,A,B,speaker\nb@example.org,B,speaker\n", "line 3: expected 4 fields, found 3"),
        (HEADER + "a@example.org,A,B,speaker\n\nb@example.org,B,C,speaker\n", "line 3: empty line"),
        (HEADER + 'a@example.org,"A\nB",C,speaker\n', "line 3: a field spans several lines"),
    ],
)
def test_shape_errors_are_reported_with_their_line(organiser_client, edition, text, expected):
    response = organiser_client.post(IMPORT, {"file": csv_file(text)})
    assert expected in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "upload,expected",
    [
        (csv_file(b"%PDF-1.4 binary", name="list.pdf", content_type="application/pdf"), "must be a CSV text file"),
        (csv_file(HEADER, name="list.csv", content_type="image/png"), "must be a CSV text file"),
        (csv_file(HEADER.encode() + b"a@example.org,\x00,,\n"), "not text"),
        (csv_file(HEADER.encode() + "a@example.org,Zoë,,\n".encode("latin-1")), "not UTF-8"),
        (csv_file(HEADER + "a" * (1024 * 1024)), "the limit is 1 MB"),
    ],
)
def test_the_file_itself_is_checked(organiser_client, edition, upload, expected):
    response = organiser_client.post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Invitation.objects.exists()


def test_no_file_is_a_form_error(organiser_client, edition):
    response = organiser_client.post(IMPORT, {})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


def test_windows_browsers_excel_label_for_csv_is_accepted(edition):
    upload = csv_file(HEADER + "a@example.org,A,B,speaker\n", content_type="application/vnd.ms-excel")
    invited = services.import_invitations(edition, upload)
    assert [invitation.email for invitation in invited] == ["a@example.org"]


def test_an_existing_open_invitation_is_sent_again_not_duplicated(edition):
    services.invite(edition, email="a@example.org", role="speaker")
    services.import_invitations(edition, csv_file(HEADER + "a@example.org,A,B,speaker\n"))
    assert Invitation.objects.filter(edition=edition).count() == 1
    assert Invitation.objects.get().send_count == 2


def test_the_bad_lines_are_named_in_the_organisers_language(organiser_client, edition, settings):
    organiser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    text = HEADER + "not-an-address,Bad,Address,participant\nother@example.org,Other,Person,chair\n\n"
    body = organiser_client.post(IMPORT, {"file": csv_file(text)}).content.decode()
    assert "línea 3: función desconocida: &#x27;chair&#x27; (se esperaba participant o speaker)" in body
    assert "línea 2: dirección de correo electrónico no válida: &#x27;not-an-address&#x27;" in body
    assert "line 2" not in body and not Invitation.objects.exists()
    body = organiser_client.post(IMPORT, {"file": csv_file("email,name\nx@example.org,X\n")}).content.decode()
    assert "línea 1: el encabezado debe ser email,given_name,family_name,role" in body
    body = organiser_client.post(IMPORT, {"file": csv_file(b"email\n\x00\n")}).content.decode()
    assert "el archivo no es de texto" in body


def test_reading_a_file_takes_the_same_queries_however_many_lines_and_ignores_case(edition):
    Registration.objects.create(edition=edition, given_name="Cy", email="Cy@Example.org", country="FR")

    def queries_for(count: int) -> int:
        text = HEADER + "".join(f"person{n}@example.org,,,\n" for n in range(count)) + "cy@example.org,,,\n"
        with CaptureQueriesContext(connection) as queries, pytest.raises(services.ImportFailed) as failed:
            services.invite_from_csv(edition, text)
        assert failed.value.errors == [f"line {count + 2}: cy@example.org has already registered"]
        return len(queries)

    assert queries_for(2) == queries_for(30)
