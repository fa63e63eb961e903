"""The outcome document as DOCX: standalone, or appended as an annex to the official report.

Operative numbers are written as text ("1.<tab>") rather than as Word list numbering, so the numbers survive
copy-and-paste into other drafts and read back exactly as the report shows them.
"""

from docx.shared import Cm, Pt

from rendezvous.core.docx import as_bytes, centred, new_document, numbered

from .models import OutcomeDocument, ParagraphKind
from .services import numbered_paragraphs


def append_outcome_document(document, outcome: OutcomeDocument, *, annex_heading: str | None = "Annex"):
    """Append `outcome` to a python-docx Document (as the report's annex when `annex_heading` is given)."""
    if annex_heading:
        heading = document.add_paragraph()
        heading.paragraph_format.page_break_before = True
        heading.paragraph_format.space_after = Pt(12)
        heading.add_run(annex_heading).bold = True
    centred(document, outcome.title, bold=True, size=14, space_after=12)
    heading_line = " ".join(part for part in (outcome.subtitle, outcome.adoption_line) if part)
    if not outcome.is_adopted:
        heading_line = " ".join(part for part in (heading_line, "(draft, not adopted)") if part)
    if heading_line:
        centred(document, heading_line, bold=True, space_after=18)
    for item in numbered_paragraphs(outcome):
        if item.kind == ParagraphKind.OPERATIVE:
            paragraph = numbered(document, item.number)
        else:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(6)
            if item.kind == ParagraphKind.PREAMBULAR:
                paragraph.paragraph_format.first_line_indent = Cm(1)
        opening, rest = item.opening, item.rest
        if opening:
            paragraph.add_run(opening).italic = True
        paragraph.add_run(rest)
    return document


def render_outcome_docx(outcome: OutcomeDocument) -> bytes:
    """The outcome document alone, as the bytes of a .docx file."""
    document = new_document(outcome.title)
    append_outcome_document(document, outcome, annex_heading=None)
    return as_bytes(document)
