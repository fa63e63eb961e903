"""Business rules for outcome documents: drafting, amendments, versions, adoption.

Every change is one transaction that locks the document row, re-checks the rules, writes, and records a new
version when the text changed. Adopted documents refuse every change (`OutcomeLocked`), here and in the models.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.outbox import queue_email
from rendezvous.core.permissions import is_organiser, require_organiser

from .models import (
    Amendment,
    AmendmentAction,
    AmendmentStatus,
    DocumentVersion,
    OutcomeDocument,
    OutcomeLocked,
    OutcomeStatus,
    Paragraph,
    ParagraphKind,
)

__all__ = ["OutcomeError", "OutcomeLocked"]


class OutcomeError(Exception):
    """A rule of the drafting process was broken; the message says which, for the person who tried."""


# --- who may do what ------------------------------------------------------------------------------------------------


def has_approved_registration(user, edition) -> bool:
    """A signed-in user whose e-mail has an approved registration for the edition."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Imported here so that outcomes never needs registration to import. Until the registration models exist nobody
    # counts as registered (deny by default); tests/outcomes pins the approved case so a broken import shows up.
    try:
        from rendezvous.registration.models import Registration
    except ImportError:
        return False

    return Registration.objects.approved().filter(edition=edition, email__iexact=user.email).exists()


def can_propose_amendment(user, edition) -> bool:
    """Registered participants (approved registration) propose amendments; organisers may too."""
    return is_organiser(user, edition) or has_approved_registration(user, edition)


def can_view_draft(user, edition) -> bool:
    return can_propose_amendment(user, edition)


# --- reading --------------------------------------------------------------------------------------------------------

# UN opening phrases shown in italics; longest first so "Noting with appreciation also" wins over "Noting".
OPENING_PHRASES = sorted(
    [
        "Noting with appreciation also",
        "Noting with appreciation",
        "Noting also",
        "Noting further",
        "Noting",
        "Recalling also",
        "Recalling further",
        "Recalling",
        "Reaffirming also",
        "Reaffirming",
        "Recognizing also",
        "Recognizing",
        "Acknowledging",
        "Expressing their appreciation",
        "Expressing its appreciation",
        "Expressing",
        "Welcoming",
        "Bearing in mind",
        "Convinced",
        "Emphasizing",
        "Stressing",
        "Are convinced",
        "Emphasize",
        "Affirm",
        "Note",
        "Assert",
        "Reaffirm",
        "Encourage",
        "Recommend",
        "Invite",
        "Welcome",
        "Call upon",
        "Agree",
        "Decide",
        "Request",
        "Urge",
        "Recognize",
        "Express",
    ],
    key=len,
    reverse=True,
)


def split_opening(text: str, kind: str) -> tuple[str, str]:
    """(italic opening, rest) in UN style; the chapeau has no italic opening."""
    if kind == ParagraphKind.CHAPEAU:
        return "", text
    for phrase in OPENING_PHRASES:
        if text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalpha()):
            return phrase, text[len(phrase) :]
    first, space, rest = text.partition(" ")
    return first, space + rest


@dataclass
class NumberedParagraph:
    paragraph: Paragraph | None
    kind: str
    text: str
    number: int | None  # operative paragraphs only, 1-based
    label: str  # PP 3 / OP 2 / Chapeau: the drafting shorthand used in amendments and diffs

    @property
    def opening(self) -> str:
        return split_opening(self.text, self.kind)[0]

    @property
    def rest(self) -> str:
        return split_opening(self.text, self.kind)[1]


def _labelled(items: list[tuple[Paragraph | None, str, str]]) -> list[NumberedParagraph]:
    preambular = operative = 0
    result = []
    for paragraph, kind, text in items:
        number = None
        if kind == ParagraphKind.PREAMBULAR:
            preambular += 1
            label = f"PP {preambular}"
        elif kind == ParagraphKind.OPERATIVE:
            operative += 1
            number = operative
            label = f"OP {operative}"
        else:
            label = "Chapeau"
        result.append(NumberedParagraph(paragraph, kind, text, number, label))
    return result


def numbered_paragraphs(document: OutcomeDocument) -> list[NumberedParagraph]:
    return _labelled([(p, p.kind, p.text) for p in document.paragraphs.all()])


def paragraph_label(paragraph: Paragraph) -> str:
    for item in numbered_paragraphs(paragraph.document):
        if item.paragraph.pk == paragraph.pk:
            return item.label
    return ""


def adopted_outcome(edition) -> OutcomeDocument | None:
    """The edition's adopted outcome document, or None: what the official report annexes."""
    return OutcomeDocument.objects.filter(edition=edition, status=OutcomeStatus.ADOPTED).first()


# --- versions and diffs ---------------------------------------------------------------------------------------------


def _snapshot(document: OutcomeDocument) -> dict:
    return {
        "title": document.title,
        "subtitle": document.subtitle,
        "paragraphs": [{"id": p.pk, "kind": p.kind, "text": p.text} for p in document.paragraphs.all()],
    }


def _new_version(document: OutcomeDocument, actor, note: str) -> DocumentVersion:
    document.current_version += 1
    document.save(update_fields=["current_version", "updated_at"])
    return DocumentVersion.objects.create(
        document=document,
        number=document.current_version,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=_snapshot(document),
        note=note[:300],
    )


@dataclass
class DiffRow:
    label: str
    change: str  # "equal", "changed", "inserted", "deleted"
    html: SafeString


# Words, spaces and punctuation as separate tokens, so "stakeholders." → "stakeholders, and" marks only the change.
_TOKENS = re.compile(r"\s+|\w+(?:[-’'/.+]\w+)*|[^\w\s]")


def _word_diff(old: str, new: str) -> SafeString:
    """Word-level diff of two texts as escaped HTML with <del>/<ins> marks."""
    old_words, new_words = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()


def diff_snapshots(old: dict, new: dict) -> list[DiffRow]:
    """Paragraph-by-paragraph differences between two snapshots, readable by a delegate."""
    rows = []
    for field in ("title", "subtitle"):
        before, after = old.get(field, ""), new.get(field, "")
        if before != after:
            rows.append(DiffRow(field.capitalize(), "changed", _word_diff(before, after)))
    old_items = _labelled([(None, p["kind"], p["text"]) for p in old.get("paragraphs", [])])
    new_items = _labelled([(None, p["kind"], p["text"]) for p in new.get("paragraphs", [])])
    old_keys = [(p.kind, p.text) for p in old_items]
    new_keys = [(p.kind, p.text) for p in new_items]
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(DiffRow(item.label, "equal", escape(item.text)) for item in new_items[b1:b2])
            continue
        rows.extend(_align(old_items[a1:a2], new_items[b1:b2]))
    return rows


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio() >= 0.5


def _align(olds: list[NumberedParagraph], news: list[NumberedParagraph]) -> list[DiffRow]:
    """Within a changed stretch, pair each new paragraph with the next similar old one; the rest were added or cut."""
    rows, start = [], 0

    def deleted(item):
        return DiffRow(item.label, "deleted", mark_safe(f"<del>{escape(item.text)}</del>"))  # noqa: S308

    for after in news:
        match = next((k for k in range(start, len(olds)) if _similar(olds[k].text, after.text)), None)
        if match is None:
            rows.append(DiffRow(after.label, "inserted", mark_safe(f"<ins>{escape(after.text)}</ins>")))  # noqa: S308
            continue
        rows.extend(deleted(before) for before in olds[start:match])
        before = olds[match]
        label = after.label if before.label == after.label else f"{before.label} → {after.label}"
        rows.append(DiffRow(label, "changed", _word_diff(before.text, after.text)))
        start = match + 1
    rows.extend(deleted(before) for before in olds[start:])
    return rows


def amendment_preview(amendment: Amendment) -> SafeString:
    """The proposal as marked-up text against the paragraph as it read when proposed (escaped)."""
    if amendment.action == AmendmentAction.REPLACE:
        return _word_diff(amendment.original_text, amendment.proposed_text)
    if amendment.action == AmendmentAction.INSERT_AFTER:
        return mark_safe(f"<ins>{escape(amendment.proposed_text)}</ins>")  # noqa: S308
    return mark_safe(f"<del>{escape(amendment.original_text)}</del>")  # noqa: S308


def diff_versions(older: DocumentVersion, newer: DocumentVersion) -> list[DiffRow]:
    return diff_snapshots(older.snapshot, newer.snapshot)


# --- drafting (organisers) ------------------------------------------------------------------------------------------


def _locked_document(document: OutcomeDocument) -> OutcomeDocument:
    """Re-read the document under a row lock and refuse if it has been adopted meanwhile."""
    locked = OutcomeDocument.objects.select_for_update().select_related("edition").get(pk=document.pk)
    if locked.is_adopted:
        raise OutcomeLocked()
    return locked


def _clean_text(text: str, when_empty: str = "") -> str:
    """`text` stripped; OutcomeError(`when_empty`, by default the paragraph's message) if nothing is left. Each
    message is whole, so that a translation agrees with its subject."""
    text = (text or "").strip()
    if not text:
        raise OutcomeError(when_empty or gettext("The paragraph cannot be empty."))
    return text


def _renumber(document: OutcomeDocument) -> None:
    for order, paragraph in enumerate(document.paragraphs.all(), start=1):
        if paragraph.order != order:
            paragraph.order = order
            paragraph.save(update_fields=["order"])


@transaction.atomic
def create_document(edition, *, title: str, subtitle: str = "", actor) -> OutcomeDocument:
    require_organiser(actor, edition)
    if OutcomeDocument.objects.filter(edition=edition).exists():
        raise OutcomeError(gettext("This edition already has an outcome document."))
    document = OutcomeDocument.objects.create(
        edition=edition, title=_clean_text(title, gettext("The title cannot be empty.")), subtitle=subtitle.strip()
    )
    _new_version(document, actor, "Draft started")
    audit.record("outcome.created", document, actor=actor, edition=edition, summary=f"Draft “{document.title}”")
    return document


@transaction.atomic
def update_heading(document: OutcomeDocument, *, title: str, subtitle: str, actor) -> OutcomeDocument:
    document = _locked_document(document)
    require_organiser(actor, document.edition)
    title, subtitle = _clean_text(title, gettext("The title cannot be empty.")), subtitle.strip()
    if (title, subtitle) == (document.title, document.subtitle):
        return document
    document.title, document.subtitle = title, subtitle
    document.save(update_fields=["title", "subtitle", "updated_at"])
    _new_version(document, actor, "Title edited by the secretariat")
    return document


def _insert_paragraph(document: OutcomeDocument, *, kind: str, text: str, after: Paragraph | None) -> Paragraph:
    """Insert after `after` (or at the end) and renumber; the caller holds the document lock."""
    paragraphs = list(document.paragraphs.all())
    position = len(paragraphs) if after is None else next(i for i, p in enumerate(paragraphs) if p.pk == after.pk) + 1
    paragraph = Paragraph(document=document, kind=kind, text=text, order=0)
    paragraphs.insert(position, paragraph)
    for order, item in enumerate(paragraphs, start=1):
        if item.pk is None or item.order != order:
            item.order = order
            item.save()
    return paragraph


def _check_kind(kind: str) -> None:
    if kind not in ParagraphKind.values:
        raise OutcomeError(gettext("Unknown kind of paragraph: %(kind)s.") % {"kind": kind})


@transaction.atomic
def add_paragraph(document: OutcomeDocument, *, kind: str, text: str, actor, after: Paragraph | None = None):
    document = _locked_document(document)
    require_organiser(actor, document.edition)
    _check_kind(kind)
    if after is not None and after.document_id != document.pk:
        raise OutcomeError(gettext("That paragraph belongs to another document."))
    paragraph = _insert_paragraph(document, kind=kind, text=_clean_text(text), after=after)
    _new_version(document, actor, f"{paragraph_label(paragraph)} added by the secretariat")
    return paragraph


@transaction.atomic
def edit_paragraph(paragraph: Paragraph, *, text: str, actor, kind: str | None = None) -> Paragraph:
    document = _locked_document(paragraph.document)
    require_organiser(actor, document.edition)
    paragraph = Paragraph.objects.get(pk=paragraph.pk)
    text = _clean_text(text)
    kind = kind or paragraph.kind
    _check_kind(kind)
    if (text, kind) == (paragraph.text, paragraph.kind):
        return paragraph
    paragraph.text, paragraph.kind = text, kind
    paragraph.save(update_fields=["text", "kind"])
    _new_version(document, actor, f"{paragraph_label(paragraph)} edited by the secretariat")
    return paragraph


@transaction.atomic
def delete_paragraph(paragraph: Paragraph, *, actor) -> None:
    document = _locked_document(paragraph.document)
    require_organiser(actor, document.edition)
    label = paragraph_label(paragraph)
    Paragraph.objects.get(pk=paragraph.pk).delete()
    _renumber(document)
    _new_version(document, actor, f"{label} deleted by the secretariat")


def _set_status(document: OutcomeDocument, status: str, *, actor, allowed_from: set[str]) -> OutcomeDocument:
    document = _locked_document(document)
    require_organiser(actor, document.edition)
    if document.status not in allowed_from:
        raise OutcomeError(
            gettext("The document is %(lower)s; this step is not possible now.")
            % {"lower": document.get_status_display().lower()}
        )
    document.status = status
    document.save(update_fields=["status", "updated_at"])
    audit.record(f"outcome.{status}", document, actor=actor, edition=document.edition, summary=document.title)
    return document


@transaction.atomic
def open_for_amendments(document: OutcomeDocument, *, actor) -> OutcomeDocument:
    if not document.paragraphs.exists():
        raise OutcomeError(gettext("Add at least one paragraph before opening the draft for amendments."))
    return _set_status(
        document, OutcomeStatus.OPEN, actor=actor, allowed_from={OutcomeStatus.DRAFT, OutcomeStatus.CLOSED}
    )


@transaction.atomic
def close_for_amendments(document: OutcomeDocument, *, actor) -> OutcomeDocument:
    return _set_status(document, OutcomeStatus.CLOSED, actor=actor, allowed_from={OutcomeStatus.OPEN})


@transaction.atomic
def adopt(document: OutcomeDocument, *, adopted_on: datetime.date, actor) -> OutcomeDocument:
    """Freeze the text with its adoption date. Pending amendments must be decided first."""
    document = _locked_document(document)
    require_organiser(actor, document.edition)
    if not adopted_on:
        raise OutcomeError(gettext("Give the date of adoption."))
    _check_adoption_date(document.edition, adopted_on)
    if not document.paragraphs.exists():
        raise OutcomeError(gettext("An empty document cannot be adopted."))
    pending = document.amendments.filter(status=AmendmentStatus.PROPOSED).count()
    if pending:
        raise OutcomeError(
            gettext("Decide the %(pending)s pending amendment(s) before adoption.") % {"pending": pending}
        )
    document.status = OutcomeStatus.ADOPTED
    document.adopted_on = adopted_on
    document.save(update_fields=["status", "adopted_on", "updated_at"])
    audit.record(
        "outcome.adopted",
        document,
        actor=actor,
        edition=document.edition,
        summary=f"“{document.title}” {document.adoption_line}",
        version=document.current_version,
        adopted_on=adopted_on.isoformat(),
    )
    return document


def _check_adoption_date(edition, adopted_on: datetime.date) -> None:
    """A document is adopted at its workshop: a date outside the edition's dates is a typing mistake."""
    if not edition.start_date <= adopted_on <= edition.end_date:
        raise OutcomeError(
            _("The date of adoption must be within the edition's dates, %(start)s to %(end)s; %(day)s is not.")
            % {
                "start": f"{edition.start_date.day} {edition.start_date:%B %Y}",
                "end": f"{edition.end_date.day} {edition.end_date:%B %Y}",
                "day": f"{adopted_on.day} {adopted_on:%B %Y}",
            }
        )


@transaction.atomic
def correct_adoption_date(document: OutcomeDocument, *, adopted_on: datetime.date, reason: str, actor):
    """Correct a mistyped adoption date. The text stays frozen: only `adopted_on` changes, by a queryset update (the
    model refuses every save of an adopted document), and the correction is listed with the versions (history page,
    `adoption_history`) with who made it and why."""
    document = OutcomeDocument.objects.select_for_update().select_related("edition").get(pk=document.pk)
    require_organiser(actor, document.edition)
    if not document.is_adopted:
        raise OutcomeError(_("The document is not adopted yet; give the date when adopting it."))
    if not adopted_on:
        raise OutcomeError(_("Give the date of adoption."))
    _check_adoption_date(document.edition, adopted_on)
    if adopted_on == document.adopted_on:
        raise OutcomeError(_("That is already the date of adoption."))
    reason = _clean_text(reason, gettext("The reason cannot be empty."))
    if len(reason) > 500:
        raise OutcomeError(_("Keep the reason under 500 characters."))
    previous = document.adopted_on
    OutcomeDocument.objects.filter(pk=document.pk).update(adopted_on=adopted_on, updated_at=timezone.now())
    document.adopted_on = adopted_on
    audit.record(
        "outcome.adoption_date_corrected",
        document,
        actor=actor,
        edition=document.edition,
        summary=f"Adoption date corrected from {previous.isoformat() if previous else '-'} to {adopted_on.isoformat()}",
        previous=previous.isoformat() if previous else "",
        adopted_on=adopted_on.isoformat(),
        reason=reason,
        version=document.current_version,
    )
    return document


def adoption_history(document: OutcomeDocument):
    """The adoption and every later correction of its date, oldest first, for the version history."""
    return (
        audit.trail_for(document)
        .filter(action__in=["outcome.adopted", "outcome.adoption_date_corrected"])
        .order_by("at", "id")
    )


# --- amendments -----------------------------------------------------------------------------------------------------


@transaction.atomic
def propose_amendment(paragraph: Paragraph, *, actor, action: str, proposed_text: str = "", reason: str) -> Amendment:
    document = _locked_document(paragraph.document)
    if not can_propose_amendment(actor, document.edition):
        raise PermissionDenied(gettext("Only registered participants may propose amendments."))
    if document.status != OutcomeStatus.OPEN:
        raise OutcomeError(gettext("The document is not open for amendments."))
    if action not in AmendmentAction.values:
        raise OutcomeError(gettext("Unknown kind of amendment: %(action)s.") % {"action": action})
    proposed_text = (proposed_text or "").strip()
    if action == AmendmentAction.DELETE:
        proposed_text = ""
    else:
        _clean_text(proposed_text, gettext("The proposed text cannot be empty."))
    if action == AmendmentAction.REPLACE and proposed_text == paragraph.text:
        raise OutcomeError(gettext("The proposed text is the same as the current text."))
    return Amendment.objects.create(
        document=document,
        paragraph=paragraph,
        paragraph_label=paragraph_label(paragraph),
        original_text=paragraph.text,
        proposer=actor,
        action=action,
        proposed_text=proposed_text,
        reason=_clean_text(reason, gettext("The reason cannot be empty.")),
    )


def _pending_amendment(amendment: Amendment, actor) -> tuple[OutcomeDocument, Amendment]:
    document = _locked_document(amendment.document)
    require_organiser(actor, document.edition)
    amendment = Amendment.objects.select_related("paragraph").get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.PROPOSED:
        raise OutcomeError(
            gettext("Amendment %(pk)s has already been %(lower)s.")
            % {"pk": amendment.pk, "lower": amendment.get_status_display().lower()}
        )
    return document, amendment


def _tell_proposer(amendment: Amendment, document: OutcomeDocument) -> None:
    """The proposer hears the decision and the organiser's note, by an outbox mail in the deciding transaction."""
    proposer = amendment.proposer
    if not proposer.email:
        return
    edition = document.edition
    accepted = amendment.status == AmendmentStatus.ACCEPTED
    names = {"label": amendment.paragraph_label or _("a paragraph"), "document": document.title}
    lines = [
        _("Dear %(name)s,") % {"name": proposer.get_full_name() or proposer.email},
        "",
        (
            _("Your amendment to %(label)s of “%(document)s” has been accepted and is now part of the draft.")
            if accepted
            else _("Your amendment to %(label)s of “%(document)s” has been declined.")
        )
        % names,
    ]
    if amendment.decision_note:
        lines += ["", _("Note from the organisers:"), amendment.decision_note]
    lines += [
        "",
        _("The document and its history of versions:"),
        settings.SITE_URL + reverse("outcomes:document", kwargs={"slug": edition.slug}),
        "",
        _("The organisers"),
    ]
    subject = (_("Amendment accepted: %(document)s") if accepted else _("Amendment declined: %(document)s")) % names
    queue_email(
        to=proposer.email,
        subject=subject,
        body="\n".join(lines),
        kind="outcome.amendment_accepted" if accepted else "outcome.amendment_declined",
        edition=edition,
    )


def _decide(amendment: Amendment, status: str, actor, note: str) -> None:
    amendment.status = status
    amendment.decided_by = actor
    amendment.decided_at = timezone.now()
    amendment.decision_note = note.strip()
    amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def accept_amendment(amendment: Amendment, *, actor, note: str = "") -> Amendment:
    """Apply the amendment to the text and record a new version."""
    document, amendment = _pending_amendment(amendment, actor)
    paragraph = amendment.paragraph
    if paragraph is None:
        raise OutcomeError(gettext("The paragraph this amendment concerns has been deleted; decline it instead."))
    if amendment.action == AmendmentAction.REPLACE:
        paragraph.text = amendment.proposed_text
        paragraph.save(update_fields=["text"])
    elif amendment.action == AmendmentAction.INSERT_AFTER:
        kind = ParagraphKind.OPERATIVE if paragraph.kind == ParagraphKind.CHAPEAU else paragraph.kind
        _insert_paragraph(document, kind=kind, text=amendment.proposed_text, after=paragraph)
    else:
        amendment.paragraph = None  # the record keeps `original_text`; the row itself goes
        paragraph.delete()
        _renumber(document)
    _decide(amendment, AmendmentStatus.ACCEPTED, actor, note)
    _tell_proposer(amendment, document)
    _new_version(document, actor, f"Amendment {amendment.pk} accepted ({amendment.paragraph_label})")
    audit.record(
        "outcome.amendment_accepted",
        amendment,
        actor=actor,
        edition=document.edition,
        summary=f"Amendment {amendment.pk} to {amendment.paragraph_label} accepted",
        version=document.current_version,
        note=amendment.decision_note,
    )
    return amendment


@transaction.atomic
def decline_amendment(amendment: Amendment, *, actor, note: str = "") -> Amendment:
    document, amendment = _pending_amendment(amendment, actor)
    _decide(amendment, AmendmentStatus.DECLINED, actor, note)
    _tell_proposer(amendment, document)
    audit.record(
        "outcome.amendment_declined",
        amendment,
        actor=actor,
        edition=document.edition,
        summary=f"Amendment {amendment.pk} to {amendment.paragraph_label} declined",
        note=amendment.decision_note,
    )
    return amendment


# --- trusted loaders (demo data, imports) ---------------------------------------------------------------------------


@transaction.atomic
def import_adopted_document(
    edition, *, title: str, subtitle: str, paragraphs: list[tuple[str, str]], adopted_on: datetime.date, note: str
) -> OutcomeDocument:
    """Record a document adopted elsewhere (e.g. at a past workshop), for loaders that run without a signed-in user."""
    existing = OutcomeDocument.objects.filter(edition=edition).first()
    if existing is not None:
        return existing
    document = OutcomeDocument.objects.create(edition=edition, title=title, subtitle=subtitle)
    for order, (kind, text) in enumerate(paragraphs, start=1):
        _check_kind(kind)
        Paragraph.objects.create(document=document, kind=kind, order=order, text=text)
    _new_version(document, None, note)
    document.status = OutcomeStatus.ADOPTED
    document.adopted_on = adopted_on
    document.save(update_fields=["status", "adopted_on", "updated_at"])
    audit.record("outcome.adopted", document, edition=edition, summary=f"“{title}” imported as adopted", note=note)
    return document
