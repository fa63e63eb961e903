"""The outcome document as DOCX: standalone, or appended as an annex to the official report.

Operative numbers are written as text ("1.<tab>") rather than as Word list numbering, so the numbers survive
copy-and-paste into other drafts and read back exactly as the report shows them.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .models import OutcomeDocument, ParagraphKind
from .services import numbered_paragraphs


def _centred(document, text: str, *, bold: bool = False, size: int | None = None, space_after: int = 6):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph


def append_outcome_document(document, outcome: OutcomeDocument, *, annex_heading: str | None = "Annex"):
    """Append `outcome` to a python-docx Document (as the report's annex when `annex_heading` is given)."""
    if annex_heading:
        heading = document.add_paragraph()
        heading.paragraph_format.page_break_before = True
        heading.paragraph_format.space_after = Pt(12)
        heading.add_run(annex_heading).bold = True
    _centred(document, outcome.title, bold=True, size=14, space_after=12)
    heading_line = " ".join(part for part in (outcome.subtitle, outcome.adoption_line) if part)
    if not outcome.is_adopted:
        heading_line = " ".join(part for part in (heading_line, "(draft, not adopted)") if part)
    if heading_line:
        _centred(document, heading_line, bold=True, space_after=18)
    for item in numbered_paragraphs(outcome):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(6)
        if item.kind == ParagraphKind.OPERATIVE:
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1))
            paragraph.add_run(f"{item.number}.\t")
        elif item.kind == ParagraphKind.PREAMBULAR:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        opening, rest = item.opening, item.rest
        if opening:
            paragraph.add_run(opening).italic = True
        paragraph.add_run(rest)
    return document


def render_outcome_docx(outcome: OutcomeDocument) -> bytes:
    """The outcome document alone, as the bytes of a .docx file."""
    document = Document()
    document.core_properties.title = outcome.title
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    append_outcome_document(document, outcome, annex_heading=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
