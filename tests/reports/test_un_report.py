"""Issue 13: the demo reproduces A/AC.105/1294's Attendance chapter, and the report reads as the UN issues it.

The seed report sits beside the repository (../shared/seeds), on developer machines and in CI alike.
"""

import datetime
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from docx import Document
from docx.shared import Mm

from rendezvous.core.models import AuditEntry, Organisation, Person, User
from rendezvous.demo.loader import load_demo
from rendezvous.events.models import Edition, EditionStaff
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session
from rendezvous.registration.models import Registration
from rendezvous.reports import docx as report_docx
from rendezvous.reports import services, unstyle
from rendezvous.reports.models import ReportSection, ReportText
from tests.factories import EditionFactory, OrganisationFactory, RegistrationFactory, make_organiser

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "report-A-AC.105-1294.txt"
PAGE_FURNITURE = re.compile(r"A/AC\.105/1294\s+\d+/12 V\.23-06731\s+")

# The differences between the demo's paragraphs 8-10 and the report's, each following from a rule (docs/report.md):
# agencies and organizations are named from their records ("Name (ACRONYM)"), national agencies ordered by the UN
# name of their country (the Republic of Korea after Pakistan), lists without the report's serial and stray commas.
REPORT_AGENCIES = (
    "Argentina National Commission on Space Activities Commission (CONAE), CNSA, Egypt Space Agency, National "
    "Centre for Space Studies (CNES) of France, Korea Aerospace Research Institute (KARI), Nigeria National "
    "Space Research and Development Agency, Pakistan Space and Upper Atmosphere Research Commission "
    "(SUPARCO), State Space Corporation (ROSCOSMOS) of the Russian Federation, Turkish Space Agency, National "
    "Aeronautics and Space Administration (NASA) of the United States, Bolivarian Agency for Space "
    "Activities, (ABAE) of the Bolivarian Republic of Venezuela, and European Space Agency (ESA)"
)
DEMO_AGENCIES = (
    "National Commission on Space Activities (CONAE), China National Space Administration (CNSA), Egyptian Space "
    "Agency (EgSA), National Centre for Space Studies (CNES), National Space Research and Development Agency (NASRDA), "
    "Pakistan Space and Upper Atmosphere Research Commission (SUPARCO), Korea Aerospace Research Institute (KARI), "
    "State Space Corporation ROSCOSMOS, Turkish Space Agency (TUA), National Aeronautics and Space Administration "
    "(NASA), Bolivarian Agency for Space Activities (ABAE) and European Space Agency (ESA)"
)
DOCUMENTED_DIFFERENCES = [
    (REPORT_AGENCIES, DEMO_AGENCIES),
    ("Asia Pacific Space Cooperation Organization", "Asia-Pacific Space Cooperation Organization"),
]


def normalise(text: str) -> str:
    """Whitespace and typographic quotes only."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def seed_attendance() -> list[str]:
    """Paragraphs 8-10 of the seed report, with its page furniture and the following chapter heading removed."""
    assert SEED.exists(), f"the seed report is expected at {SEED}"
    lines = SEED.read_text(encoding="utf-8").split("\n")
    paragraphs = [PAGE_FURNITURE.sub("", line).split("   IV. Programme")[0] for line in lines[8:11]]
    expected = [normalise(paragraph) for paragraph in paragraphs]
    for report, ours in DOCUMENTED_DIFFERENCES:
        expected = [paragraph.replace(normalise(report), normalise(ours)) for paragraph in expected]
    return expected


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def haikou(demo, db):
    return Edition.objects.get(slug="haikou-2022")


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- the demo shows the headline result ---


def test_demo_attendance_is_paragraphs_8_to_10_of_the_report(haikou):
    generated = [normalise(paragraph) for paragraph in run("attendance", "haikou-2022").strip().split("\n\n")]
    assert generated == seed_attendance()


def test_full_report_numbers_attendance_8_to_10_and_opens_session_1a_as_the_report(haikou):
    text = run("full", "haikou-2022")  # without --output: the text
    numbered = {line.split(".\t", 1)[0]: line.split(".\t", 1)[1] for line in text.split("\n") if ".\t" in line}
    assert [normalise(numbered[number]) for number in ("8", "9", "10")] == seed_attendance()
    assert (
        "19.\tEleven speakers representing nine space agencies – CNSA, CNES, ROSCOSMOS, SUPARCO, NASA, ESA, CONAE, "
        "KARI and ABAE – made presentations in session 1(a).\n"
    ) in text
    assert "UNOOSA" not in text


def test_statistics_page_shows_the_demo_figures(haikou, client):
    client.force_login(make_organiser(haikou, email="stats@example.org"))
    page = client.get("/events/haikou-2022/organise/statistics/").content.decode()
    assert 'data-figure="registered">520<' in page
    assert 'data-figure="speakers">68<' in page
    assert "More than 200 people attended the Workshop in person, while another 200 participated online via Zoom." in (
        page
    )
    assert "<svg" in page and 'data-empty="charts"' not in page


def test_json_keeps_its_fields_and_adds_the_international_organizations(haikou):
    figures = json.loads(run("attendance", "haikou-2022", "--format", "json"))
    for key in (
        "edition",
        "registered",
        "countries",
        "women",
        "women_per_cent",
        "speakers",
        "speakers_women",
        "speakers_women_per_cent",
        "space_agencies",
        "space_agency_names",
        "heads_of_agency",
        "heads_of_agency_names",
        "in_person",
        "online",
        "attended_in_person",
        "attended_online",
    ):
        assert key in figures, key
    assert figures["international_organizations"] == [
        "Asia-Pacific Space Cooperation Organization (APSCO)",
        "Committee on Space Research (COSPAR)",
        "Regional Centre for Space Science and Technology Education in Asia and the Pacific (China)",
        "Secure World Foundation (SWF)",
        "Space Generation Advisory Council (SGAC)",
    ]
    assert (figures["attended_in_person"], figures["attended_online"]) == (236, 214)
    assert figures["space_agency_names"][-1] == "European Space Agency (ESA)"


def test_load_demo_again_adds_no_registration_check_in_or_join(haikou):
    counts = (
        Registration.objects.filter(edition=haikou).count(),
        CheckIn.objects.count(),
        OnlineJoin.objects.count(),
        ReportSection.objects.count(),
    )
    load_demo()
    assert counts == (
        Registration.objects.filter(edition=haikou).count(),
        CheckIn.objects.count(),
        OnlineJoin.objects.count(),
        ReportSection.objects.count(),
    )
    assert counts[0] == 520 and counts[3] == 8


# --- the report as a UN document ---


def test_docx_is_a4_with_heading_styles_heading_block_and_chapters_in_order(haikou, tmp_path):
    target = tmp_path / "report.docx"
    run("full", "haikou-2022", "--format", "docx", "--output", str(target))
    document = Document(str(target))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert lines[:5] == [
        "United Nations\tA/AC.105/1294",
        "General Assembly\tDistr.: General",
        "\t12 April 2023",
        "\tOriginal: English",
        "Committee on the Peaceful Uses of Outer Space",
    ]
    title = document.paragraphs[5]
    assert title.style.name == "Title"
    assert title.text == (
        "Report on the United Nations/China Second Global Partnership Workshop on Space Exploration and Innovation"
    )
    assert lines[6] == "(Haikou, China, 21–24 November 2022)"
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters == [
        "I. Introduction",
        "II. Background and objectives",
        "III. Attendance",
        "IV. Programme",
        "V. Conclusions and recommendations",
        "Annex",
    ]
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [heading.split(".")[0] for heading in sections[:8]] == list("ABCDEFGH")
    assert sections[6] == "G. Side events and a special event"
    numbers = [int(text.split(".\t")[0]) for text in lines if re.match(r"^\d+\.\t", text)]
    body = numbers[: numbers.index(1, 1)] if 1 in numbers[1:] else numbers  # the annex numbers its own paragraphs
    assert body == list(range(1, len(body) + 1))
    assert lines[lines.index("III. Attendance") + 1].startswith("8.\tThe Workshop was attended by")
    assert "Hainan Initiative" in lines[lines.index("Annex") + 1]
    assert not document.inline_shapes  # charts only in the statistics annex, which the demo does not include


def test_statistics_annex_only_when_the_organisers_include_it(haikou):
    ReportText.objects.filter(edition=haikou).update(include_statistics_annex=True)
    document = report_docx.build_full_report(haikou)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["Annex", "Statistics annex"]
    assert len(document.inline_shapes) == len(report_docx.DOCUMENT_CHARTS)


def test_pdf_is_the_same_report_on_a4(haikou, tmp_path):
    assert shutil.which("soffice"), "LibreOffice is installed by .ci/run (libreoffice-writer-nogui)"
    target = tmp_path / "report.pdf"
    run("full", "haikou-2022", "--format", "pdf", "--output", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout  # noqa: S607
    assert "(A4)" in info
    text = normalise(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout)  # noqa: S607
    assert "A/AC.105/1294" in text and "Distr.: General" in text
    assert "More than 200 people attended the Workshop in person, while another 200 participated online via Zoom." in (
        text
    )
    assert "III. Attendance" in text and "Hainan Initiative" in text


# --- the rules, with small editions ---


@pytest.mark.django_db
def test_a_programme_speaker_without_a_registration_counts_and_a_registered_one_counts_once():
    edition = EditionFactory()
    start = datetime.datetime(2022, 11, 21, 1, tzinfo=datetime.UTC)
    session = Session.objects.create(
        edition=edition, code="1", title="Talks", slug="talks", start=start, end=start + datetime.timedelta(hours=1)
    )
    talk = Contribution.objects.create(session=session, title="Talk", order=1)
    unregistered = Person.objects.create(given_name="Ada", family_name="Lovelace", gender="female")
    registered = Person.objects.create(given_name="Chen", family_name="Wei", email="CHEN@example.org")
    ContributionSpeaker.objects.create(contribution=talk, person=unregistered, order=1)
    ContributionSpeaker.objects.create(contribution=talk, person=registered, order=2)
    ContributionSpeaker.objects.create(contribution=talk, organisation=OrganisationFactory(), order=3)
    RegistrationFactory(edition=edition, email="chen@example.org", given_name="Chen", role="speaker", gender="male")
    figures = services.attendance_figures(edition)
    assert (figures["speakers"], figures["speakers_women"]) == (2, 1)
    assert "Of the two speakers who presented their activities, 50 per cent were women." in (
        services.attendance_text(figures)
    )


@pytest.mark.django_db
def test_check_ins_without_joins_keep_the_online_registrations():
    edition = EditionFactory(format="hybrid", online_platform="Zoom")
    present = [RegistrationFactory(edition=edition, attendance="in_person") for _ in range(2)]
    for _ in range(3):
        RegistrationFactory(edition=edition, attendance="online")
    for registration in present:
        CheckIn.objects.create(registration=registration, day=edition.start_date)
    paragraphs = services.attendance_text(services.attendance_figures(edition)).split("\n\n")
    assert paragraphs[-1] == (
        "A total of two people attended the Workshop in person, while three registered to participate online."
    )


@pytest.mark.django_db
def test_attendance_rounds_down_and_names_the_platform():
    figures = {"attended_in_person": 236, "attended_online": 214, "in_person": 260, "online": 260}
    assert unstyle.attendance_paragraphs({**_empty(), **figures, "registered": 520, "online_platform": "Zoom"})[-1] == (
        "More than 200 people attended the Workshop in person, while another 200 participated online via Zoom."
    )
    exact = {**_empty(), "registered": 300, "attended_in_person": 150, "attended_online": 120, "online_platform": ""}
    assert unstyle.attendance_paragraphs(exact)[-1] == (
        "A total of 150 people attended the Workshop in person, while more than 100 people participated online."
    )


def _empty() -> dict:
    return {
        "registered": 0,
        "countries": [],
        "women": 0,
        "speakers": 0,
        "speakers_women": 0,
        "space_agencies": 0,
        "heads_of_agency": 0,
        "in_person": 0,
        "online": 0,
        "attended_in_person": 0,
        "attended_online": 0,
    }


@pytest.mark.django_db
def test_an_edition_with_no_participants(client, tmp_path):
    edition = EditionFactory(slug="empty-workshop")
    client.force_login(make_organiser(edition))
    page = client.get("/events/empty-workshop/organise/statistics/").content.decode()
    assert 'data-empty="charts"' in page and "No participants yet." in page
    assert "<svg" not in page
    assert run("attendance", "empty-workshop").strip() == "No participants registered for the event."
    ReportText.objects.create(edition=edition, include_statistics_annex=True)
    document = report_docx.build_full_report(edition)
    texts = [p.text for p in document.paragraphs]
    assert "No participants yet." in texts and not document.inline_shapes
    target = tmp_path / "attendance.docx"
    call_command(
        "report", "attendance", "empty-workshop", "--format", "docx", "--output", str(target), stderr=io.StringIO()
    )
    assert not Document(str(target)).inline_shapes


def test_numbers_opening_a_sentence_are_words():
    assert [unstyle.sentence_start_number(n) for n in (1, 10, 11, 21, 68, 99)] == [
        "One",
        "Ten",
        "Eleven",
        "Twenty-one",
        "Sixty-eight",
        "Ninety-nine",
    ]
    assert services.SessionSummary("S", "technical", 10, []).sentence() == "Ten presentations were made in the session."
    with pytest.raises(ValueError, match="Rephrase"):
        unstyle.sentence_start_number(100)


@pytest.mark.django_db
def test_lead_sentences_group_sessions_and_name_the_office_in_full():
    edition = EditionFactory()
    start = datetime.datetime(2022, 11, 21, 1, tzinfo=datetime.UTC)
    office, _ = Organisation.objects.get_or_create(
        name="Office for Outer Space Affairs", defaults={"acronym": "UNOOSA", "type": "intergovernmental"}
    )
    university = OrganisationFactory(type="academia")
    sessions = []
    for index, organisation in enumerate((office, university)):
        session = Session.objects.create(
            edition=edition,
            kind="side_event",
            title=f"Side event {index}",
            slug=f"side-{index}",
            start=start + datetime.timedelta(hours=index),
            end=start + datetime.timedelta(hours=index + 1),
        )
        talk = Contribution.objects.create(session=session, title="Talk", order=1)
        ContributionSpeaker.objects.create(contribution=talk, organisation=organisation)
        sessions.append(session)
    section = ReportSection.objects.create(edition=edition, order=1, heading="Side events", summary="Summary.")
    section.sessions.set(sessions)
    [grouped] = services.programme_sections(edition)
    assert grouped.heading == "Side events"
    assert grouped.lead == (
        "Two speakers from academia and international organizations made presentations during these events."
    )
    assert unstyle.organisation_in_text(office.name, office.acronym) == "the Office for Outer Space Affairs"


# --- the organisers' page for the report texts ---


@pytest.mark.django_db
def test_organisers_edit_the_report_texts_and_the_change_is_audited(client):
    edition = EditionFactory(slug="texts-workshop")
    organiser = make_organiser(edition)
    client.force_login(organiser)
    url = "/events/texts-workshop/organise/report/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "text-issued_on": "2023-04-12",
            "text-introduction": "First.\n\nSecond.",
            "text-background": "",
            "text-programme_introduction": "",
            "text-conclusions": "# Conclusions\n\nThird.",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-order": "1",
            "sections-0-heading": "Opening ceremony",
            "sections-0-summary": "Words.",
            "sections-0-lead_sentence": "on",
        },
    )
    assert response.status_code == 302
    text = ReportText.objects.get(edition=edition)
    assert text.introduction == "First.\n\nSecond." and text.issued_on == datetime.date(2023, 4, 12)
    assert ReportSection.objects.get(edition=edition).heading == "Opening ceremony"
    assert AuditEntry.objects.filter(action="report.texts_saved", actor=organiser).exists()
    document = report_docx.build_full_report(edition)
    lines = [p.text for p in document.paragraphs]
    assert "1.\tFirst." in lines and "2.\tSecond." in lines
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"][-1] == "Conclusions"


@pytest.mark.django_db
def test_only_organisers_may_change_the_report_texts(client):
    edition = EditionFactory(slug="guarded-workshop")
    url = "/events/guarded-workshop/organise/report/"
    assert client.post(url, {"text-introduction": "x"}).status_code == 302  # to sign in
    door = User.objects.create_user(email="door@example.org", is_staff=True)
    EditionStaff.objects.create(edition=edition, user=door, role="checkin")
    client.force_login(door)
    assert client.post(url, {"text-introduction": "x"}).status_code == 403
    assert not ReportText.objects.filter(edition=edition).exists()
    with pytest.raises(PermissionDenied, match="organisers"):
        services.save_report_texts(door, edition, None, None)
