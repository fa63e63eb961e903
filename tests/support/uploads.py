"""Real file contents for upload tests: genuine PDFs and PNGs made here, and the impostors the attacks used."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes() -> bytes:
    """A genuine one-page PDF (header `%PDF-1.4` at offset 0) that pypdf can open."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.pdf_header = b"%PDF-1.4"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 60, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


PDF = pdf_bytes()
PNG = png_bytes()
# An HTML page that puts "%PDF-" in its first kilobyte, as the stored evil.html did.
HTML_AS_PDF = b"<!doctype html><html><!-- %PDF-1.4 --><body><script>alert(document.domain)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
# A real PDF behind a few bytes of junk: some readers open it, a browser sniffing the start sees something else.
POLYGLOT = b"<html><script>alert(1)</script>" + PDF
TRUNCATED_PDF = PDF[: len(PDF) // 2]


def csv_upload(text: str | bytes, name: str = "file.csv", content_type: str = "text/csv") -> SimpleUploadedFile:
    """A CSV file as a browser uploads it (text is encoded as UTF-8)."""
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type=content_type)
