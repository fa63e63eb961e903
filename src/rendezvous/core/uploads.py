"""Uploaded files are what they claim: one facility for every upload site (nomination letters, hub attachments,
presentation materials).

A file's type is decided by parsing its content, never by its name or the browser's claim: a PDF must start with
`%PDF-` at offset 0 *and* open in pypdf; an image must decode with Pillow; a PPTX must be a ZIP holding the parts of a
presentation; an MP4 must carry an ISO media brand. Active content that a browser would run (HTML, SVG, XML, scripts)
is refused outright with a clear message. Accepted files are stored under a random name with the detected type's
extension, and served with the detected type, a Content-Disposition, `nosniff` and a sandboxing CSP, so that even a
file that slipped through could not run script in the site's origin.
"""

import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MP4 = "video/mp4"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", PPTX: "pptx", MP4: "mp4"}
TYPE_NAMES = {
    PDF: gettext_lazy("PDF"),
    PNG: gettext_lazy("PNG image"),
    JPEG: gettext_lazy("JPEG image"),
    PPTX: gettext_lazy("PowerPoint (PPTX)"),
    MP4: gettext_lazy("MP4 video"),
}


def type_name(content_type: str) -> str:
    """The file type in the reader's language ("PDF", "MP4 video"...); "File" for a type not (or no longer) known."""
    name = TYPE_NAMES.get(content_type)
    return str(name) if name is not None else _("File")


# Served to the browser with every uploaded file: no script, no plugin, no form, not even a same-origin fetch.
SANDBOX_CSP = "sandbox; default-src 'none'"

# ISO base media file format brands that mean "an MP4 video a browser or player can open".
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"mmp4"}
)
# A real presentation has a few hundred parts; a ZIP with more is not one we want to open.
MAX_ZIP_ENTRIES = 20_000
PPTX_PARTS = ("[Content_Types].xml", "ppt/presentation.xml")
# Pillow refuses to decode images larger than this many pixels (a decompression bomb).
MAX_IMAGE_PIXELS = 50_000_000

# Markup a browser may render as a page or run as script, whatever name or type the file is served under.
_ACTIVE_MARKERS = (b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script", b"<head", b"<body", b"<iframe", b"<!--")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class UploadRefused(ValueError):
    """The file is not one of the accepted types; the message can be shown to the person who uploaded it."""


@dataclass(frozen=True)
class Detected:
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def label(self) -> str:
        return type_name(self.content_type)


def _head(upload, size: int = 1024) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def looks_active(head: bytes) -> bool:
    """HTML, SVG, XML or script markup near the start, as a browser's sniffer would see it."""
    text = head
    for bom in _BOMS:
        if text.startswith(bom):
            text = text[len(bom) :]
    text = text.replace(b"\x00", b"").lstrip().lower()
    return text.startswith(b"<") or any(marker in text for marker in _ACTIVE_MARKERS)


def _pdf_parses(upload) -> bool:
    upload.seek(0)
    try:
        # strict: a truncated or junk-padded file fails instead of being "repaired" into something readable.
        reader = PdfReader(upload, strict=True)
        return len(reader.pages) >= 1
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError, RecursionError):
        return False
    finally:
        upload.seek(0)


def _image_type(upload) -> str | None:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            kind = image.format
            image.load()  # decodes every pixel: a truncated or corrupt image fails here
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    return {"PNG": PNG, "JPEG": JPEG}.get(kind)


def _is_pptx(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return False
            names = {entry.filename for entry in entries}
            return all(part in names for part in PPTX_PARTS)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, RuntimeError):
        return False
    finally:
        upload.seek(0)


def detect(upload) -> Detected:
    """The real type of `upload` (any seekable binary file), or UploadRefused with a message for the uploader."""
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        if _pdf_parses(upload):
            return Detected(PDF)
        raise UploadRefused(_("The file starts like a PDF but cannot be read as one; it may be damaged or incomplete."))
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return Detected(MP4)
    if head.startswith(b"PK\x03\x04") and _is_pptx(upload):
        return Detected(PPTX)
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        image_type = _image_type(upload)
        if image_type:
            return Detected(image_type)
        raise UploadRefused(_("The file starts like an image but cannot be decoded; it may be damaged or incomplete."))
    if looks_active(head):
        raise UploadRefused(
            _("Web pages, SVG, XML and script files are not accepted, whatever their name; upload a PDF instead.")
        )
    raise UploadRefused(_("The type of this file could not be recognised from its content."))


def check(upload, accepted: tuple[str, ...] | frozenset[str], *, max_bytes: int | None = None) -> Detected:
    """Detect `upload`'s type and insist that it is one of `accepted` (and at most `max_bytes` long).

    Raises UploadRefused with a message that names what is accepted.
    """
    if upload is None or not getattr(upload, "size", 0):
        raise UploadRefused(_("Choose a file to upload; the one sent was empty."))
    if max_bytes is not None and upload.size > max_bytes:
        raise UploadRefused(
            _("The file is %(size).1f MB; the limit is %(limit).0f MB.")
            % {"size": upload.size / 1_048_576, "limit": max_bytes / 1_048_576}
        )
    detected = detect(upload)
    if detected.content_type not in accepted:
        names = _(" or ").join(type_name(content_type) for content_type in accepted)
        raise UploadRefused(
            _("This file is a %(found)s; only %(accepted)s is accepted here.")
            % {"found": detected.label, "accepted": names}
        )
    return detected


def generated_name(folder: str, detected_or_extension: "Detected | str") -> str:
    """A storage name nobody can guess or choose: `folder/<uuid>.<extension of the detected type>`."""
    extension = (
        detected_or_extension.extension if isinstance(detected_or_extension, Detected) else detected_or_extension
    )
    extension = extension.lstrip(".").lower()
    if extension not in EXTENSIONS.values():
        extension = "bin"
    return f"{folder.strip('/')}/{uuid.uuid4().hex}.{extension}"


_UNSAFE = re.compile(r"[^\w.\- ()]+")


def safe_filename(name: str, extension: str, *, default: str = "file") -> str:
    """A download name: no directories, no control or shell characters, and the detected extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    stem = os.path.splitext(base)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:120] or default
    return f"{stem}.{extension}"


def content_type_of_name(name: str) -> str:
    """The type a stored file was accepted as, from the extension its generated name carries."""
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    for content_type, known in EXTENSIONS.items():
        if known == extension:
            return content_type
    return "application/octet-stream"


def serve(handle, *, content_type: str, filename: str) -> FileResponse:
    """A response for a stored upload: PDFs and images may open in the browser, anything else is a download.

    Every response carries `nosniff` (the browser must not guess HTML from the bytes) and a sandboxing CSP (even a
    file rendered as a page runs no script and reaches nothing), and Cross-Origin-Resource-Policy same-origin.
    """
    inline = content_type in (PDF, PNG, JPEG)
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
