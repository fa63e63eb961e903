"""Word building blocks shared by the official report and the outcome document, so both read in the UN's style."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt


def new_document(title: str) -> Document:
    """An empty document in Times New Roman 11 pt, with `title` in its properties."""
    document = Document()
    document.core_properties.title = title
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    return document


def centred(document, text: str, *, bold: bool = False, size: int | None = None, space_after: int = 6):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph


def numbered(document, number: int, text: str = ""):
    """A paragraph whose number hangs in the margin ("1.<tab>"), written as text rather than as Word list numbering
    so that it survives copy-and-paste into other drafts; more runs may be added to the returned paragraph."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.left_indent = Cm(1)
    paragraph.paragraph_format.first_line_indent = Cm(-1)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    paragraph.add_run(f"{number}.\t{text}")
    return paragraph


def as_bytes(document) -> bytes:
    """The bytes of a .docx file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
