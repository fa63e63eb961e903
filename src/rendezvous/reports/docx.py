"""The official report as Word documents: the Attendance section alone, and the full report as the UN issues it.

The full report follows A/AC.105/1294: A4 pages, the heading block (United Nations, the document symbol, General
Assembly, Distr.: General, the date of issue, Original: English, the Committee), the title "Report on the ..." with
place and dates beneath, chapters I-V in Word's heading styles (so the document has a navigation pane and an
accessible structure), paragraphs numbered continuously from chapter I to chapter V, and the adopted outcome document
as Annex. Charts and the country table are not part of the UN document: they go to a statistics annex the organisers
may include.

Paragraph numbers are written as text ("9.<tab>"), as in the UN's reports, so they survive copy-and-paste into the
secretariat's own template.
"""

import io
import itertools

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Mm, Pt, RGBColor

from rendezvous.core.countries import un_name
from rendezvous.core.docx import as_bytes, centred, new_document, numbered
from rendezvous.events.models import Edition
from rendezvous.outcomes.docx import append_outcome_document
from rendezvous.outcomes.services import adopted_outcome

from . import charts, services, unstyle

# Charts that go into the statistics annex, in this order (the time series and type breakdown stay on the page).
DOCUMENT_CHARTS = ("countries", "regions", "women", "space-agencies", "attendance")
COMMITTEE = "Committee on the Peaceful Uses of Outer Space"
ROMAN = ("I", "II", "III", "IV", "V")
TEXT_WIDTH = Cm(16)
NO_PARTICIPANTS = gettext_lazy("No participants yet.")


def _a4(document) -> None:
    """A4 with the UN's margins: Vienna documents are A4, python-docx's default template is US Letter."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)


def _style_headings(document) -> None:
    """Word's own heading styles, in the report's type: black Times New Roman, bold."""
    for name, size in (("Title", 16), ("Heading 1", 12), ("Heading 2", 11), ("Heading 3", 11)):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def new_report(title: str):
    document = new_document(title)
    _a4(document)
    _style_headings(document)
    return document


def _heading(document, text: str, *, level: int = 1):
    return document.add_heading(text, level=level)


def _two_sides(document, left: str, right: str, *, bold_left: bool = False, bold_right: bool = False, size=None):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    first = paragraph.add_run(left)
    first.bold = bold_left
    second = paragraph.add_run(f"\t{right}")
    second.bold = bold_right
    if size:
        second.font.size = Pt(size)
    return paragraph


def un_date(day) -> str:
    """'12 April 2023'."""
    return f"{day.day} {day:%B %Y}"


def date_range(start, end) -> str:
    """'21–24 November 2022', '30 November–2 December 2022', '30 December 2022–2 January 2023' (en dashes)."""
    if start == end:
        return un_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{un_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{un_date(end)}"
    return f"{un_date(start)}–{un_date(end)}"


def place_and_dates(edition: Edition) -> str:
    """'(Haikou, China, 21–24 November 2022)'."""
    country = un_name(edition.country.code) if edition.country else ""
    parts = [part for part in (edition.city, country, date_range(edition.start_date, edition.end_date)) if part]
    return f"({', '.join(parts)})"


def _original_language(edition: Edition) -> str:
    languages = [part.strip() for part in (edition.working_languages or "").split(",") if part.strip()]
    return languages[0] if languages else "English"


def heading_block(document, edition: Edition, issued_on) -> None:
    """United Nations / symbol, General Assembly / Distr.: General, date of issue, Original, the Committee."""
    _two_sides(document, "United Nations", edition.document_symbol, bold_left=True, bold_right=True, size=14)
    _two_sides(document, "General Assembly", "Distr.: General", bold_left=True)
    if issued_on:
        _two_sides(document, "", un_date(issued_on))
    _two_sides(document, "", f"Original: {_original_language(edition)}")
    committee = document.add_paragraph()
    committee.paragraph_format.space_before = Pt(12)
    committee.paragraph_format.space_after = Pt(18)
    committee.add_run(COMMITTEE).bold = True


def _placeholder(document, number: int, text: str) -> int:
    paragraph = numbered(document, number, text)
    paragraph.runs[0].italic = True
    return number + 1


def _texts(document, number: int, text: str, *, level: int = 2) -> int:
    """The secretariat's paragraphs, numbered on from `number`; '# ...' paragraphs become subheadings."""
    for block in (part.strip() for part in text.replace("\r\n", "\n").split("\n\n")):
        if not block:
            continue
        if block.startswith("# "):
            _heading(document, block[2:].strip(), level=level)
            continue
        numbered(document, number, " ".join(block.split()))
        number += 1
    return number


def _chapter(document, index: int, title: str) -> None:
    _heading(document, f"{ROMAN[index]}. {title}", level=1)


def append_attendance_paragraphs(document, statistics: services.EditionStatistics, first_number: int) -> int:
    number = first_number
    for text in unstyle.attendance_paragraphs(statistics.figures()):
        numbered(document, number, text)
        number += 1
    return number


def append_statistics(document, statistics: services.EditionStatistics) -> None:
    """The charts and the participants-by-country table; one line when nobody has registered yet."""
    if not statistics.registered:
        centred(document, str(NO_PARTICIPANTS), space_after=12)
        return
    drawn = charts.edition_charts(statistics, half=600, full=760)
    for name in DOCUMENT_CHARTS:
        chart = drawn[name]
        document.add_picture(io.BytesIO(charts.png(chart)), width=Cm(16))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = centred(document, chart.title, space_after=12)
        caption.runs[0].italic = True
        caption.runs[0].font.size = Pt(9)
    _participants_by_country(document, statistics)


def _participants_by_country(document, statistics: services.EditionStatistics) -> None:
    _heading(document, _("Participants by country"), level=2)
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
    """The Attendance section as a Word document of its own, with its charts and table."""
    edition = statistics.edition
    document = new_report(f"Attendance — {edition.title}")
    document.add_heading(_("Report on the %(title)s") % {"title": edition.title}, level=0)
    centred(document, place_and_dates(edition), space_after=18)
    _heading(document, "Attendance", level=1)
    append_attendance_paragraphs(document, statistics, 1)
    append_statistics(document, statistics)
    return as_bytes(document)


def build_full_report(edition: Edition):
    """The report as a python-docx Document (see the module's docstring)."""
    texts = services.report_text(edition)
    statistics = services.edition_statistics(edition)
    document = new_report(_("Report on the %(title)s") % {"title": edition.title})
    heading_block(document, edition, texts.issued_on)
    document.add_heading(_("Report on the %(title)s") % {"title": edition.title}, level=0)
    centred(document, place_and_dates(edition), space_after=18)
    missing = _("[To be written by the secretariat on the report page of the edition.]")

    number = 1
    _chapter(document, 0, _("Introduction"))
    number = (
        _texts(document, number, texts.introduction)
        if texts.introduction.strip()
        else _placeholder(document, number, missing)
    )
    _chapter(document, 1, _("Background and objectives"))
    number = (
        _texts(document, number, texts.background)
        if texts.background.strip()
        else _placeholder(document, number, missing)
    )
    _chapter(document, 2, _("Attendance"))
    number = append_attendance_paragraphs(document, statistics, number)
    _chapter(document, 3, _("Programme"))
    number = _texts(document, number, texts.programme_introduction, level=3)
    sections = services.programme_sections(edition)
    if not sections:
        number = _placeholder(document, number, _("No programme has been recorded for this edition."))
    for letter, section in zip(_letters(), sections, strict=False):
        _heading(document, f"{letter}. {section.heading}", level=2)
        if section.lead:
            numbered(document, number, section.lead)
            number += 1
        number = _texts(document, number, section.summary, level=3)
    _chapter(document, 4, _("Conclusions and recommendations"))
    number = (
        _texts(document, number, texts.conclusions)
        if texts.conclusions.strip()
        else _placeholder(document, number, missing)
    )

    outcome = adopted_outcome(edition)
    if outcome is not None:
        annex = _heading(document, _("Annex"), level=1)
        annex.paragraph_format.page_break_before = True
        append_outcome_document(document, outcome, annex_heading=None)
    if texts.include_statistics_annex:
        annex = _heading(document, _("Statistics annex"), level=1)
        annex.paragraph_format.page_break_before = True
        append_statistics(document, statistics)
    return document


def _letters():
    """A, B, ..., Z, AA, AB, ...: a programme may have more sections than the alphabet."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    yield from alphabet
    for first, second in itertools.product(alphabet, repeat=2):
        yield first + second


def full_report_docx(edition: Edition) -> bytes:
    return as_bytes(build_full_report(edition))
