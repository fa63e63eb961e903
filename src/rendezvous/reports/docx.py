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

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from rendezvous.core.countries import un_name
from rendezvous.core.docx import as_bytes, centred, new_document, numbered
from rendezvous.events.models import Edition
from rendezvous.outcomes.docx import append_outcome_document
from rendezvous.outcomes.services import adopted_outcome

from . import charts, languages, services
from .languages import document as furniture

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


def place_and_dates(edition: Edition, language: str = "en") -> str:
    """'(Haikou, China, 21–24 November 2022)'; in another UN language as its documents write it."""
    if language != "en":
        code = edition.country.code if edition.country else ""
        return furniture.place_and_dates(edition.city, code, edition.start_date, edition.end_date, language)
    country = un_name(edition.country.code) if edition.country else ""
    parts = [part for part in (edition.city, country, date_range(edition.start_date, edition.end_date)) if part]
    return f"({', '.join(parts)})"


def _original_language(edition: Edition) -> str:
    languages = [part.strip() for part in (edition.working_languages or "").split(",") if part.strip()]
    return languages[0] if languages else "English"


def heading_block(document, edition: Edition, issued_on, language: str = "en") -> None:
    """United Nations / symbol, General Assembly / Distr.: General, date of issue, Original, the Committee."""
    if language != "en":
        _heading_block_in(document, edition, issued_on, language)
        return
    _two_sides(document, "United Nations", edition.document_symbol, bold_left=True, bold_right=True, size=14)
    _two_sides(document, "General Assembly", "Distr.: General", bold_left=True)
    if issued_on:
        _two_sides(document, "", un_date(issued_on))
    _two_sides(document, "", f"Original: {_original_language(edition)}")
    committee = document.add_paragraph()
    committee.paragraph_format.space_before = Pt(12)
    committee.paragraph_format.space_after = Pt(18)
    committee.add_run(COMMITTEE).bold = True


def _heading_block_in(document, edition: Edition, issued_on, language: str) -> None:
    words = furniture.HEADING[language]
    _two_sides(document, words["united_nations"], edition.document_symbol, bold_left=True, bold_right=True, size=14)
    _two_sides(document, words["general_assembly"], words["distribution"], bold_left=True)
    if issued_on:
        _two_sides(document, "", furniture.issue_date(issued_on, language))
    _two_sides(document, "", words["version"])
    _two_sides(document, "", words["original"])
    committee = document.add_paragraph()
    committee.paragraph_format.space_before = Pt(12)
    committee.paragraph_format.space_after = Pt(18)
    committee.add_run(words["committee"]).bold = True


def _title(edition: Edition, language: str) -> str:
    if language == "en":
        return _("Report on the %(title)s") % {"title": edition.title}
    return furniture.REPORT_ON[language].format(title=edition.title)


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


def append_attendance_paragraphs(
    document, statistics: services.EditionStatistics, first_number: int, language: str = "en"
) -> int:
    number = first_number
    for text in services.attendance_paragraphs(statistics, language):
        numbered(document, number, text)
        number += 1
    return number


def append_statistics(document, statistics: services.EditionStatistics, language: str = "en") -> None:
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
    _participants_by_country(document, statistics, language)


def _participants_by_country(document, statistics: services.EditionStatistics, language: str = "en") -> None:
    _heading(document, _("Participants by country"), level=2)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0].cells
    header[0].text, header[1].text = furniture.COUNTRY_TABLE_HEADINGS[language]
    for cell in header:
        cell.paragraphs[0].runs[0].bold = True
    for country in statistics.countries_in(language) if language != "en" else statistics.countries:
        cells = table.add_row().cells
        cells[0].text = country.name
        cells[1].text = furniture.table_figure(country.count, language)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total = centred(
        document, furniture.total_line(statistics.registered, len(statistics.countries), language), space_after=12
    )
    total.runs[0].font.size = Pt(9)


def attendance_docx(statistics: services.EditionStatistics, language: str = "en") -> bytes:
    """The Attendance section as a Word document of its own, with its charts and table, in one of the UN's six
    languages (English by default)."""
    edition = statistics.edition
    with translation.override(languages.django_language(language)):
        attendance = "Attendance" if language == "en" else furniture.ATTENDANCE[language]
        document = new_report(f"{attendance} — {edition.title}")
        _set_language(document, language)
        document.add_heading(_title(edition, language), level=0)
        centred(document, place_and_dates(edition, language), space_after=18)
        _heading(document, attendance, level=1)
        append_attendance_paragraphs(document, statistics, 1, language)
        append_statistics(document, statistics, language)
    return as_bytes(document)


def _set_language(document, language: str) -> None:
    """Word's proofing language (and right-to-left paragraphs for Arabic) on the Normal style, which the others
    inherit: the text then spell-checks and, in Arabic, reads right to left."""
    if language == "en":
        return
    tag = {"fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN", "ar": "ar-SA"}[language]
    normal = document.styles["Normal"].element
    run_properties = normal.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        # Inserted where the schema puts it (Word refuses a file whose properties are out of order).
        lang = run_properties.insert_element_before(
            OxmlElement("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath"
        )
    lang.set(qn({"ar": "w:bidi", "zh": "w:eastAsia"}.get(language, "w:val")), tag)
    if language == "ar":
        normal.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


# The paragraph properties that follow w:bidi in the schema's sequence.
_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def build_full_report(edition: Edition, language: str = "en"):
    """The report as a python-docx Document (see the module's docstring), in one of the UN's six languages: the
    generated chapters in that language, the secretariat's texts as entered for it (else the working language's)."""
    with translation.override(languages.django_language(language)):
        return _build_full_report(edition, language)


def _build_full_report(edition: Edition, language: str):
    texts = services.report_texts_in(edition, language)
    statistics = services.edition_statistics(edition)
    document = new_report(_title(edition, language))
    _set_language(document, language)
    heading_block(document, edition, texts.issued_on, language)
    document.add_heading(_title(edition, language), level=0)
    centred(document, place_and_dates(edition, language), space_after=18)
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
    _chapter(document, 2, _("Attendance") if language == "en" else furniture.ATTENDANCE[language])
    number = append_attendance_paragraphs(document, statistics, number, language)
    _chapter(document, 3, _("Programme"))
    number = _texts(document, number, texts.programme_introduction, level=3)
    sections = services.programme_sections(edition, language)
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
        append_statistics(document, statistics, language)
    return document


def _letters():
    """A, B, ..., Z, AA, AB, ...: a programme may have more sections than the alphabet."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    yield from alphabet
    for first, second in itertools.product(alphabet, repeat=2):
        yield first + second


def full_report_docx(edition: Edition, language: str = "en") -> bytes:
    return as_bytes(build_full_report(edition, language))
