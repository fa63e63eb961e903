"""The official report as Word documents: the Attendance section alone, and the full report with its annex.

Paragraphs are numbered as text ("9.<tab>"), as in the UN's reports and in the outcome document's annex, so the
numbers survive copy-and-paste into the secretariat's own template.
"""

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from rendezvous.core.docx import as_bytes, centred, new_document, numbered
from rendezvous.events.models import Edition
from rendezvous.outcomes.docx import append_outcome_document
from rendezvous.outcomes.services import adopted_outcome

from . import charts, services, unstyle

# Charts that go into the Word document, in this order (the time series and type breakdown stay on the page).
DOCUMENT_CHARTS = ("countries", "regions", "women", "space-agencies", "attendance")


def _heading(document, text: str, *, level: int = 1):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    if level == 1:
        run.font.size = Pt(12)
    return paragraph


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _title_block(document, edition: Edition, heading: str) -> None:
    if edition.document_symbol:
        symbol = document.add_paragraph()
        symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        symbol.add_run(edition.document_symbol).bold = True
    centred(document, heading, bold=True, size=14, space_after=6)
    centred(document, edition.title, bold=True, size=12, space_after=6)
    place = ", ".join(part for part in (edition.city, edition.country.name if edition.country else "") if part)
    dates = f"{_day(edition.start_date)} to {_day(edition.end_date)}"
    centred(document, f"{place}, {dates}" if place else dates, space_after=18)


def append_attendance_section(
    document, statistics: services.EditionStatistics, *, heading: str = "Attendance", first_number: int = 1
) -> int:
    """The Attendance section: numbered paragraphs, charts and the participants-by-country table.

    Returns the next paragraph number, so the full report numbers on from here.
    """
    _heading(document, heading)
    number = first_number
    for text in unstyle.attendance_paragraphs(statistics.figures()):
        numbered(document, number, text)
        number += 1
    drawn = charts.edition_charts(statistics, half=600, full=760)
    for name in DOCUMENT_CHARTS:
        chart = drawn[name]
        document.add_picture(io.BytesIO(charts.png(chart)), width=Cm(16))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = centred(document, chart.title, space_after=12)
        caption.runs[0].italic = True
        caption.runs[0].font.size = Pt(9)
    _participants_by_country(document, statistics)
    return number


def _participants_by_country(document, statistics: services.EditionStatistics) -> None:
    _heading(document, "Participants by country", level=2)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0].cells
    header[0].text, header[1].text = "Country", "Participants"
    for cell in header:
        cell.paragraphs[0].runs[0].bold = True
    for country in statistics.countries:
        cells = table.add_row().cells
        cells[0].text = country.name
        cells[1].text = f"{country.count:,}"
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total = centred(
        document,
        f"Total: {statistics.registered:,} participants from {len(statistics.countries)} countries.",
        space_after=12,
    )
    total.runs[0].font.size = Pt(9)


def attendance_docx(statistics: services.EditionStatistics) -> bytes:
    """The Attendance section as a Word document of its own."""
    edition = statistics.edition
    document = new_document(f"Attendance — {edition.title}")
    _title_block(document, edition, "Attendance")
    append_attendance_section(document, statistics, heading="Attendance")
    return as_bytes(document)


CONCLUSIONS_PLACEHOLDER = (
    "[Conclusions and recommendations of the workshop, to be drafted by the secretariat: the observations made by "
    "participants, the recommendations addressed to the Committee, and the arrangements for the next workshop.]"
)


def full_report_docx(edition: Edition) -> bytes:
    """The report on the edition: attendance, programme by session, a conclusions placeholder, the outcome as annex."""
    statistics = services.edition_statistics(edition)
    document = new_document(f"Report on the {edition.title}")
    _title_block(document, edition, "Report")
    number = append_attendance_section(document, statistics, heading="I. Attendance")
    _heading(document, "II. Programme")
    summaries = services.programme_summary(edition)
    if not summaries:
        numbered(document, number, "No programme has been recorded for this edition.")
        number += 1
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for index, summary in enumerate(summaries):
        prefix = f"{letters[index]}. " if index < len(letters) else ""
        _heading(document, f"{prefix}{summary.title}", level=2)
        numbered(document, number, summary.sentence())
        number += 1
    _heading(document, "III. Conclusions and recommendations")
    placeholder = numbered(document, number, CONCLUSIONS_PLACEHOLDER)
    placeholder.runs[0].italic = True
    outcome = adopted_outcome(edition)
    if outcome is not None:
        append_outcome_document(document, outcome, annex_heading="Annex")
    return as_bytes(document)
