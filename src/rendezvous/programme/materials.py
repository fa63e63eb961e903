"""What an uploaded presentation file really is, judged by its content (never by its name), and where it is stored.

Pure functions with no database access: the rules that use them live in material_services and publication.
"""

import os
import secrets
from dataclasses import dataclass

from django.utils.translation import gettext

from rendezvous.core import uploads

PDF = uploads.PDF
PPTX = uploads.PPTX
MP4 = uploads.MP4

EXTENSIONS = {PDF: "pdf", PPTX: "pptx", MP4: "mp4"}


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
        return uploads.type_name(self.content_type)


def detect_content_type(upload) -> Detected:
    """PDF, PPTX or MP4 by their bytes; anything else (HTML or SVG renamed .pdf, a Word file...) is refused.

    `upload` is any seekable binary file (Django's UploadedFile, an open file); core.uploads.detect says how.
    """
    # core.uploads parses the file (a PDF must open, not merely start with %PDF-) and refuses active content.
    try:
        detected = uploads.detect(upload)
    except uploads.UploadRefused as error:
        raise NotRecognised(
            gettext("The file is not a PDF, a PowerPoint presentation (PPTX) or an MP4 video. %(error)s")
            % {"error": error}
        ) from None
    if detected.content_type not in EXTENSIONS:
        raise NotRecognised(gettext("The file is not a PDF, a PowerPoint presentation (PPTX) or an MP4 video."))
    return Detected(detected.content_type)


def clean_filename(name: str, extension: str) -> str:
    """A display and download name: no directories, no control or shell characters, the detected extension.

    "../../etc/passwd" → "passwd.pdf"; "Mission update (final).PDF" → "Mission update (final).pdf".
    """
    return uploads.safe_filename(name, extension, default="material")


def upload_to(instance, filename: str) -> str:
    """FileField.upload_to: a random name, so nobody can guess a file's address or overwrite another file.

    Only the extension of `filename` is kept; the services pass one chosen from the detected type.
    """
    extension = os.path.splitext(filename)[1].lstrip(".").lower()
    if extension not in EXTENSIONS.values():
        extension = "bin"
    return f"materials/{secrets.token_hex(2)}/{secrets.token_hex(16)}.{extension}"
