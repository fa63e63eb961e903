"""Sessions, contributions and materials (rendezvous.programme): one root factory per model, variants as subclasses,
and real file contents (PDF, PPTX, MP4 and impostors) for the upload rules."""

import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rendezvous.events.models import Edition, Room
from rendezvous.programme.models import Contribution, ContributionSpeaker, Material, Session, SessionChair
from tests.support.uploads import PDF as REAL_PDF

from .core import AffiliatedPersonFactory, PageOrganisationFactory, PersonFactory
from .events import EditionFactory, PublicEditionFactory, haikou


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Technical session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = haikou(22, 9)
    end = haikou(22, 10, 30)


class PublicSessionFactory(SessionFactory):
    """A coded technical session on 21 November at a public edition, as the programme pages list it."""

    edition = factory.SubFactory(PublicEditionFactory)
    kind = "technical"
    code = factory.Sequence(lambda n: f"{n}(a)")
    title = factory.Sequence(lambda n: f"Space exploration and innovation perspective {n}")
    start = haikou(21, 9)
    end = haikou(21, 10, 30)


class SessionChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionChair

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)


class PublicSessionChairFactory(SessionChairFactory):
    session = factory.SubFactory(PublicSessionFactory)
    person = factory.SubFactory(AffiliatedPersonFactory)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Presentation {n}")


class PublicContributionFactory(ContributionFactory):
    session = factory.SubFactory(PublicSessionFactory)
    kind = "technical"
    delivery = "in_person"


class ContributionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContributionSpeaker

    contribution = factory.SubFactory(ContributionFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")


class PublicContributionSpeakerFactory(ContributionSpeakerFactory):
    contribution = factory.SubFactory(PublicContributionFactory)
    person = factory.SubFactory(AffiliatedPersonFactory)


def add_chair(session, person=None, organisation=None) -> SessionChair:
    return SessionChair.objects.create(session=session, person=person, organisation=organisation)


def add_speaker(session, person=None, organisation=None) -> Contribution:
    """A new contribution to `session` given by `person` and/or `organisation`."""
    contribution = ContributionFactory(session=session)
    ContributionSpeaker.objects.create(contribution=contribution, person=person, organisation=organisation)
    return contribution


def full_session(edition: Edition, index: int, room: Room | None = None) -> Session:
    """A session with a chair and two contributions: one by a named speaker, one by an organisation alone."""
    session = PublicSessionFactory(
        edition=edition, room=room, start=haikou(21, 9 + 2 * index), end=haikou(21, 10 + 2 * index, 30)
    )
    PublicSessionChairFactory(session=session)
    first = PublicContributionFactory(session=session, order=1)
    PublicContributionSpeakerFactory(contribution=first)
    second = PublicContributionFactory(session=session, order=2, delivery="pre_recorded")
    PublicContributionSpeakerFactory(contribution=second, person=None, organisation=PageOrganisationFactory())
    return session


PDF_BYTES = REAL_PDF
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"
HTML_BYTES = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def zip_bytes(names: list[str]) -> bytes:
    """The same bytes on every run (a fixed date in each entry): pytest-xdist's workers must collect the same test
    ids, and parametrised ids are made from these bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 12, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


PPTX_BYTES = zip_bytes(["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/slides/slide1.xml"])
DOCX_BYTES = zip_bytes(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """As the browser sends it: the name and the declared type are the sender's claim, nothing more."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def ended_session(edition, **kwargs):
    """A public session that ended an hour ago."""
    end = timezone.now() - datetime.timedelta(hours=1)
    return PublicSessionFactory(edition=edition, start=end - datetime.timedelta(hours=1), end=end, **kwargs)


def future_session(edition, **kwargs):
    start = timezone.now() + datetime.timedelta(days=1)
    return PublicSessionFactory(edition=edition, start=start, end=start + datetime.timedelta(hours=1), **kwargs)


def contribution_by(session, person=None, **kwargs):
    contribution = PublicContributionFactory(session=session, **kwargs)
    person = person or AffiliatedPersonFactory()
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
