"""What an uploaded presentation file really is, judged by its content (never by its name), and where it is stored.

Pure functions with no database access: the rules that use them live in material_services and publication.
"""

import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MP4 = "video/mp4"

EXTENSIONS = {PDF: "pdf", PPTX: "pptx", MP4: "mp4"}
TYPE_NAMES = {PDF: "PDF", PPTX: "PowerPoint (PPTX)", MP4: "MP4 video"}

# ISO base media file format brands that mean "an MP4 video a browser or player can open".
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"mmp4"}
)
# A real presentation has a few hundred parts; a ZIP with more is not one we want to open.
MAX_ZIP_ENTRIES = 20_000
PPTX_PARTS = ("[Content_Types].xml", "ppt/presentation.xml")


class NotRecognised(ValueError):
    """The content is none of the types we accept."""


@dataclass(frozen=True)
class Detected:
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def label(self) -> str:
        return TYPE_NAMES[self.content_type]


def detect_content_type(upload) -> Detected:
    """PDF, PPTX or MP4 by their bytes; anything else (HTML or SVG renamed .pdf, a Word file...) is refused.

    `upload` is any seekable binary file (Django's UploadedFile, an open file). Reads at most a few kilobytes,
    plus the ZIP central directory for a PPTX; it never decompresses anything.
    """
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    # Strictly at offset 0: a file that starts with anything else may be read as something else by some reader.
    if head.startswith(b"%PDF-"):
        return Detected(PDF)
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return Detected(MP4)
    if head.startswith(b"PK\x03\x04") and _is_pptx(upload):
        return Detected(PPTX)
    raise NotRecognised("The file is not a PDF, a PowerPoint presentation (PPTX) or an MP4 video.")


def _is_pptx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return False
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False
    finally:
        upload.seek(0)
    return all(part in names for part in PPTX_PARTS)


_UNSAFE = re.compile(r"[^\w.\- ()]+")


def clean_filename(name: str, extension: str) -> str:
    """A display and download name: no directories, no control or shell characters, the detected extension.

    "../../etc/passwd" → "passwd.pdf"; "Mission update (final).PDF" → "Mission update (final).pdf".
    """
    base = os.path.basename(name.replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    stem = os.path.splitext(base)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:120] or "material"
    return f"{stem}.{extension}"


def upload_to(instance, filename: str) -> str:
    """FileField.upload_to: a random name, so nobody can guess a file's address or overwrite another file.

    Only the extension of `filename` is kept; the services pass one chosen from the detected type.
    """
    extension = os.path.splitext(filename)[1].lstrip(".").lower()
    if extension not in EXTENSIONS.values():
        extension = "bin"
    return f"materials/{secrets.token_hex(2)}/{secrets.token_hex(16)}.{extension}"
