"""Builders for the materials tests: real file contents (PDF, PPTX, MP4 and impostors), people and materials."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rendezvous.core.models import User
from rendezvous.programme.models import ContributionSpeaker, Material
from rendezvous.registration.models import Registration
from tests import factories
from tests.support.uploads import PDF as REAL_PDF

from .page_factories import ContributionFactory, PersonFactory, SessionFactory

PDF_BYTES = REAL_PDF
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"
HTML_BYTES = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def zip_bytes(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


PPTX_BYTES = zip_bytes(["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/slides/slide1.xml"])
DOCX_BYTES = zip_bytes(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """As the browser sends it: the name and the declared type are the sender's claim, nothing more."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_user(email: str, *, organiser_of=None) -> User:
    """An organiser of `organiser_of` (with the admin access `is_organiser` asks for), or anyone else."""
    return factories.make_user(email, staff=organiser_of is not None, organiser_of=organiser_of)


def register(edition, email: str, status: str = "approved", role: str = "participant") -> Registration:
    return Registration.objects.create(
        edition=edition, given_name="Amina", family_name="Diallo", email=email, country="SN", status=status, role=role
    )


def ended_session(edition, **kwargs):
    """A session that ended an hour ago."""
    end = timezone.now() - datetime.timedelta(hours=1)
    return SessionFactory(edition=edition, start=end - datetime.timedelta(hours=1), end=end, **kwargs)


def future_session(edition, **kwargs):
    start = timezone.now() + datetime.timedelta(days=1)
    return SessionFactory(edition=edition, start=start, end=start + datetime.timedelta(hours=1), **kwargs)


def contribution_by(session, person=None, **kwargs):
    contribution = ContributionFactory(session=session, **kwargs)
    person = person or PersonFactory()
    ContributionSpeaker.objects.create(contribution=contribution, person=person, organisation=person.organisation)
    return contribution


def material(contribution, *, kind="slides", content=PDF_BYTES, content_type="application/pdf", **kwargs) -> Material:
    """A stored file, written straight to the storage (the upload rules are tested on their own)."""
    extension = {"application/pdf": "pdf", "video/mp4": "mp4"}.get(content_type, "pptx")
    item = Material(
        contribution=contribution,
        kind=kind,
        original_filename=kwargs.pop("original_filename", f"file.{extension}"),
        content_type=content_type,
        size=len(content),
        **kwargs,
    )
    item.file.save(f"material.{extension}", io.BytesIO(content), save=False)
    item.save()
    return item
