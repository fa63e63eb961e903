"""`rendezvous report attendance|full` on the seed CSV: the text, figures and Word documents match A/AC.105/1294."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from tests.factories.reports import seeded_edition

pytestmark = pytest.mark.django_db

# Paragraph 9 of the report, verbatim.
REPORT_COUNTRIES = (
    "Afghanistan, Algeria, Argentina, Australia, Austria, Azerbaijan, Bahrain, Bangladesh, Benin, Bhutan, Bolivia "
    "(Plurinational State of), Botswana, Brazil, Bulgaria, Cameroon, Canada, Chile, China, Colombia, Congo, Costa "
    "Rica, Croatia, Ecuador, Egypt, Ethiopia, France, Germany, Ghana, Greece, Hungary, India, Indonesia, Iran (Islamic "
    "Republic of), Italy, Japan, Jordan, Kazakhstan, Kenya, Lao People’s Democratic Republic, Libya, Luxembourg, "
    "Malaysia, Mexico, Mongolia, Morocco, Namibia, Nepal, Netherlands (Kingdom of the), Nicaragua, Nigeria, Norway, "
    "Pakistan, Peru, Philippines, Poland, Portugal, Republic of Korea, Romania, Russian Federation, Rwanda, Saudi "
    "Arabia, Sierra Leone, Singapore, Slovenia, South Africa, Spain, Sri Lanka, Sudan, Sweden, Switzerland, Thailand, "
    "Tunisia, Türkiye, Ukraine, United Arab Emirates, United Kingdom of Great Britain and Northern Ireland, United "
    "Republic of Tanzania, United States of America, Uzbekistan, Venezuela (Bolivarian Republic of), Viet Nam and "
    "Zimbabwe"
)


@pytest.fixture(scope="module")
def haikou(django_db_setup, django_db_blocker):
    with seeded_edition(django_db_blocker, "haikou-report") as edition:
        yield edition


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_text_is_the_reports_attendance_section(haikou):
    text = run("attendance", haikou.slug, "--format", "text")
    assert "A total of 520 participants from 82 countries registered for the event." in text
    assert f"The following countries were represented: {REPORT_COUNTRIES}." in text
    assert "Among the registered participants, 226 were women, accounting for 43 per cent" in text
    assert "Of the 68 speakers who presented their activities, 33 per cent were women." in text
    assert "Representatives of 12 space agencies attended the workshop: " in text
    assert "Furthermore, nine space agencies were represented at the head of agency or director level." in text
    # No check-in or join recorded: the text says how people registered to attend instead of reporting zeros.
    assert "260 registered to attend in person and 260 to participate online" in text
    assert run("attendance", haikou.slug) == text  # text is the default


def test_json_has_the_fixed_keys_and_the_reports_figures(haikou):
    figures = json.loads(run("attendance", haikou.slug, "--format", "json"))
    expected = {
        "registered": 520,
        "women": 226,
        "women_per_cent": 43,
        "speakers": 68,
        "speakers_women": 23,
        "speakers_women_per_cent": 33,
        "space_agencies": 12,
        "heads_of_agency": 9,
        "in_person": 260,
        "online": 260,
        "attended_in_person": 0,
        "attended_online": 0,
    }
    assert {key: figures[key] for key in expected} == expected
    assert len(figures["countries"]) == 82
    assert ", ".join(c["name"] for c in figures["countries"][:-1]) + " and Zimbabwe" == REPORT_COUNTRIES
    assert sum(c["count"] for c in figures["countries"]) == 520
    assert figures["countries"][0] == {"iso2": "AF", "name": "Afghanistan", "count": figures["countries"][0]["count"]}
    assert "CNSA" in figures["space_agency_names"] and len(figures["heads_of_agency_names"]) == 9


def test_docx_reads_back_with_the_section_charts_and_country_table(haikou, tmp_path):
    target = tmp_path / "attendance.docx"
    run("attendance", haikou.slug, "--format", "docx", "--output", str(target))
    document = Document(str(target))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    # Paragraph 1 opens with the composition sentence, as paragraph 8 of the report does (issue 13).
    assert "1.\tThe Workshop was attended by scientists" in text
    assert "A total of 520 participants from 82 countries registered for the event." in text
    assert "nine space agencies were represented at the head of agency or director level" in text
    [table] = document.tables
    assert len(table.rows) == 82 + 1
    assert [cell.text for cell in table.rows[0].cells] == ["Country", "Participants"]
    assert table.rows[1].cells[0].text == "Afghanistan"
    assert table.rows[-1].cells[0].text == "Zimbabwe"
    assert len(document.inline_shapes) >= 1
    assert any(part.content_type == "image/png" for part in document.part.package.parts)


def test_full_report_has_attendance_programme_conclusions(haikou, tmp_path):
    target = tmp_path / "report.docx"
    run("full", haikou.slug, "--format", "docx", "--output", str(target))
    text = "\n".join(paragraph.text for paragraph in Document(str(target)).paragraphs)
    # The UN's chapters (issue 13): Attendance is chapter III.
    for heading in ("III. Attendance", "IV. Programme", "V. Conclusions and recommendations"):
        assert heading in text
    assert "No programme has been recorded for this edition." in text
    assert "Annex" not in text  # no adopted outcome document


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("summary", "haikou-report"), "Unknown report 'summary'"),
        (("attendance", "nowhere"), "No edition with slug 'nowhere'"),
        (("attendance", "haikou-report", "--format", "pdf"), "Unknown format 'pdf'"),
        (("attendance", "haikou-report", "--format", "docx"), "needs --output"),
        (("full", "haikou-report", "--format", "html", "--output", "x"), "Unknown format 'html'"),
    ],
)
def test_errors_say_what_is_wrong(haikou, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
