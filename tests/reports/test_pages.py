"""The statistics page, chart CSVs, report downloads and participants exports: organisers only, and what they hold."""

import csv
import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from rendezvous.core.models import User
from rendezvous.events.models import EditionStaff
from rendezvous.reports.services import CHARTS
from tests.factories import HaikouEditionFactory as EditionFactory
from tests.factories import ReportRegistrationFactory as RegistrationFactory
from tests.factories import make_organiser

pytestmark = pytest.mark.django_db

SLUG = "stats-workshop"
BASE = f"/events/{SLUG}/organise"
PRIVATE_URLS = [
    f"{BASE}/statistics/",
    *(f"{BASE}/statistics/{chart}.csv" for chart in CHARTS),
    f"{BASE}/statistics/attendance.txt",
    f"{BASE}/statistics/attendance.json",
    f"{BASE}/statistics/attendance.docx",
    f"{BASE}/statistics/report.docx",
    f"{BASE}/statistics/report.pdf",
    f"{BASE}/report/",
    f"{BASE}/participants.csv",
    f"{BASE}/participants.xlsx",
]


@pytest.fixture
def edition():
    edition = EditionFactory(slug=SLUG)
    RegistrationFactory(
        edition=edition, given_name="Ana", family_name="Quispe", email="ana@example.org", country="BO", role="speaker"
    )
    RegistrationFactory(edition=edition, given_name="Chen", email="chen@example.org", country="CN", gender="male")
    RegistrationFactory(
        edition=edition,
        given_name="Dana",
        email="dana@example.org",
        country="KE",
        status="pending",
        attendance="online",
    )
    return edition


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(make_organiser(edition))
    return client


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, edition, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/") or "login" in response["Location"]
    assert "chen@example.org" not in response.content.decode()


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_people_who_do_not_organise_this_edition_are_refused(client, edition, url):
    participant = User.objects.create_user(email="ana@example.org")
    other_organiser = make_organiser(EditionFactory(slug="another-edition"), email="other@example.org")
    checkin_staff = User.objects.create_user(email="door@example.org", is_staff=True)
    EditionStaff.objects.create(edition=edition, user=checkin_staff, role="checkin")
    for user in (participant, other_organiser, checkin_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403, (user, url)
        assert b"chen@example.org" not in response.content


def test_the_page_shows_figures_charts_and_links_but_no_personal_data(organiser_client):
    response = organiser_client.get(f"{BASE}/statistics/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert body.count("<svg") == len(CHARTS)
    for chart in CHARTS:
        assert f'href="{BASE}/statistics/{chart}.csv"' in body
    assert "A total of two participants from two countries registered for the event." in body
    for private in ("ana@example.org", "chen@example.org", "Quispe"):
        assert private not in body


def test_chart_csv_holds_the_charts_numbers(organiser_client):
    response = organiser_client.get(f"{BASE}/statistics/countries.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-countries.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["iso2", "country", "participants"],
        ["BO", "Bolivia (Plurinational State of)", "1"],
        ["CN", "China", "1"],
    ]
    assert organiser_client.get(f"{BASE}/statistics/pie.csv").status_code == 404


def test_report_downloads(organiser_client):
    text = organiser_client.get(f"{BASE}/statistics/attendance.txt").content.decode()
    # After the composition sentence (issue 13).
    assert text.startswith("The Workshop was attended by") and "A total of two participants from two countries" in text
    figures = json.loads(organiser_client.get(f"{BASE}/statistics/attendance.json").content)
    assert figures["registered"] == 2 and figures["speakers"] == 1
    for url in (f"{BASE}/statistics/attendance.docx", f"{BASE}/statistics/report.docx"):
        document = Document(io.BytesIO(organiser_client.get(url).content))
        assert "A total of two participants" in "\n".join(p.text for p in document.paragraphs)


def _csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_participants_csv_streams_with_the_queues_filters(organiser_client):
    response = organiser_client.get(f"{BASE}/participants.csv")
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["email"] for row in _csv_rows(response)] == ["ana@example.org", "chen@example.org", "dana@example.org"]
    approved = _csv_rows(organiser_client.get(f"{BASE}/participants.csv", {"status": "approved"}))
    assert [row["given_name"] for row in approved] == ["Ana", "Chen"]
    assert approved[0]["country_name"] == "Bolivia (Plurinational State of)" and approved[0]["role"] == "speaker"
    searched = _csv_rows(organiser_client.get(f"{BASE}/participants.csv", {"q": "quispe", "role": "speaker"}))
    assert [row["given_name"] for row in searched] == ["Ana"]
    assert (
        _csv_rows(organiser_client.get(f"{BASE}/participants.csv", {"country": "KE", "attendance": "in_person"})) == []
    )


def test_participants_xlsx_has_the_same_rows(organiser_client):
    response = organiser_client.get(f"{BASE}/participants.xlsx", {"status": "approved"})
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook["Participants"].values)
    assert rows[0][:3] == ("given_name", "family_name", "email")
    assert [row[0] for row in rows[1:]] == ["Ana", "Chen"]
