"""Presentation materials: what is accepted, and the changes organisers and speakers make.

Who may do what is in permissions.py (each change here calls its `require_...` for the actor); when a file becomes
public is in publication.py; every change bumps the programme version, so the cached pages follow (cache.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from rendezvous.core import audit, uploads

from . import materials
from .cache import bump_programme_version
from .models import Contribution, ContributionSpeaker, Material, MaterialKind, MaterialPolicy, MaterialVisibility
from .permissions import (
    require_choose_visibility,
    require_delete,
    require_set_policy,
    require_upload,
    speaker_condition,
)
from .publication import MB, policy_for, public_condition, size_label

DEFAULT_MAX_BYTES = {MaterialKind.SLIDES: 50 * MB, MaterialKind.PAPER: 20 * MB, MaterialKind.VIDEO: 500 * MB}
ACCEPTED_TYPES = {
    MaterialKind.SLIDES: (materials.PDF, materials.PPTX),
    MaterialKind.PAPER: (materials.PDF,),
    MaterialKind.VIDEO: (materials.MP4,),
}


class MaterialError(ValueError):
    """A file cannot be added or changed as asked; the message says why."""


# --- Who is a speaker ------------------------------------------------------------------------------------------


def contributions_of_speaker(user, edition):
    """The contributions in the edition where the signed-in user is a speaker, with their files."""
    if not getattr(user, "is_authenticated", False):
        return Contribution.objects.none()
    speaker_of = ContributionSpeaker.objects.filter(speaker_condition(user), contribution__session__edition=edition)
    return (
        Contribution.objects.filter(pk__in=speaker_of.values("contribution_id"))
        .select_related("session")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("uploaded_at", "id")))
        .order_by("session__start", "order", "id")
    )


# --- Changes --------------------------------------------------------------------------------------------------


def max_bytes(kind: str) -> int:
    """The size limit for a kind of file: settings.MATERIAL_MAX_BYTES (by kind) over the defaults."""
    configured = getattr(settings, "MATERIAL_MAX_BYTES", {}) or {}
    return int(configured.get(str(kind), DEFAULT_MAX_BYTES[kind]))


def check_upload(upload, kind: str) -> materials.Detected:
    """The file's real type, if this kind of material accepts it and it is within the kind's size limit."""
    if kind not in ACCEPTED_TYPES:
        raise MaterialError(gettext("Choose what the file is: slides, a paper or a video."))
    if upload is None or not upload.size:
        raise MaterialError(gettext("Choose a file to upload; the one sent was empty."))
    limit = max_bytes(kind)
    label = MaterialKind(kind).label.lower()
    if upload.size > limit:
        raise MaterialError(
            gettext(
                "The file is %(size_label)s; %(label)s may be at most %(size_label2)s. Please compress it "
                "or upload a smaller version."
            )
            % {"size_label": size_label(upload.size), "label": label, "size_label2": size_label(limit)}
        )
    try:
        detected = materials.detect_content_type(upload)
    except materials.NotRecognised as error:
        raise MaterialError(
            gettext("%(error)s Its name does not matter: the content is checked.") % {"error": error}
        ) from None
    accepted = ACCEPTED_TYPES[kind]
    if detected.content_type not in accepted:
        names = gettext(" or ").join(uploads.type_name(content_type) for content_type in accepted)
        raise MaterialError(
            gettext("This file is a %(label)s; %(label2)s must be %(names)s.")
            % {"label": detected.label, "label2": label, "names": names}
        )
    return detected


def add_material(
    contribution: Contribution,
    upload,
    *,
    kind: str,
    actor,
    title: str = "",
    visibility_override: str | None = None,
) -> Material:
    """Attach a checked file to a contribution; only organisers may set a visibility override."""
    edition = contribution.session.edition
    require_upload(actor, contribution)
    if visibility_override:
        require_choose_visibility(actor, edition)
    if visibility_override and visibility_override not in MaterialVisibility.values:
        raise MaterialError(
            gettext("Choose who may see the file: the public, registered participants or organisers only.")
        )
    detected = check_upload(upload, kind)
    material = Material(
        contribution=contribution,
        kind=kind,
        title=title.strip()[:300],
        original_filename=materials.clean_filename(upload.name or "", detected.extension),
        content_type=detected.content_type,
        size=upload.size,
        uploaded_by=actor,
        visibility_override=visibility_override or None,
    )
    upload.seek(0)
    # The storage write happens first (it may be a remote bucket); if the row cannot be written, the file goes.
    material.file.save(f"material.{detected.extension}", upload, save=False)
    try:
        with transaction.atomic():
            material.save()
            bump_programme_version(edition)
            audit.record(
                "material.added",
                material,
                actor=actor,
                edition=edition,
                summary=f"{material.get_kind_display()} added to “{contribution.title}”",
                content_type=detected.content_type,
                size=material.size,
            )
    except Exception:
        material.file.delete(save=False)
        raise
    return material


def set_visibility_override(material: Material, visibility: str | None, *, actor) -> Material:
    """An organiser decides who sees one file; None returns it to the edition's policy."""
    edition = material.contribution.session.edition
    require_choose_visibility(actor, edition)
    if visibility and visibility not in MaterialVisibility.values:
        raise MaterialError(
            gettext("Choose who may see the file: the public, registered participants or organisers only.")
        )
    with transaction.atomic():
        material.visibility_override = visibility or None
        material.save(update_fields=["visibility_override"])
        bump_programme_version(edition)
        audit.record(
            "material.visibility",
            material,
            actor=actor,
            edition=edition,
            summary=f"Visibility of “{material.display_title}”: {visibility or 'edition policy'}",
        )
    return material


def delete_material(material: Material, *, actor) -> None:
    edition = material.contribution.session.edition
    require_delete(actor, material)
    file_name = material.file.name
    storage = material.file.storage
    with transaction.atomic():
        audit.record(
            "material.deleted", material, actor=actor, edition=edition, summary=f"Removed “{material.display_title}”"
        )
        material.delete()
        bump_programme_version(edition)
        # Only once the row is surely gone: a rolled-back removal must not lose the file.
        transaction.on_commit(lambda: storage.delete(file_name))


def set_policy(edition, *, publish_slides_after_session: bool, publish_videos: bool, actor) -> MaterialPolicy:
    require_set_policy(actor, edition)
    with transaction.atomic():
        policy, _ = MaterialPolicy.objects.update_or_create(
            edition=edition,
            defaults={"publish_slides_after_session": publish_slides_after_session, "publish_videos": publish_videos},
        )
        bump_programme_version(edition)
        audit.record(
            "material.policy",
            policy,
            actor=actor,
            edition=edition,
            summary="Materials publication policy changed",
            publish_slides_after_session=publish_slides_after_session,
            publish_videos=publish_videos,
        )
    return policy


# --- The materials index --------------------------------------------------------------------------------------


@dataclass
class IndexFilters:
    session: str = ""
    speaker: str = ""
    organisation: str = ""


@dataclass
class MaterialsIndex:
    sessions: list  # [(session, [contribution with .listed_materials, ...]), ...] after filtering
    count: int
    session_choices: list
    speaker_choices: list
    organisation_choices: list


def materials_index(edition, filters: IndexFilters, now: datetime.datetime | None = None) -> MaterialsIndex:
    """The edition's public files by session and contribution, filtered by session, speaker or organisation.

    Three queries whatever the number of files: the policy, the files with their contribution and session, and
    the contributions' speakers (with people and organisations). The choice lists hold only sessions and people
    that have public files.
    """
    now = now or timezone.now()
    policy = policy_for(edition)
    speakers = ContributionSpeaker.objects.select_related("person__organisation", "organisation").order_by(
        "order", "id"
    )
    found = list(
        Material.objects.filter(public_condition(policy, now), contribution__session__edition=edition)
        .select_related("contribution__session")
        .prefetch_related(Prefetch("contribution__speakers", queryset=speakers))
        .order_by("contribution__session__start", "contribution__order", "contribution_id", "uploaded_at", "id")
    )
    sessions, people, organisations = {}, {}, {}
    for material in found:
        for speaker in material.contribution.speakers.all():
            if speaker.person:
                people[str(speaker.person.pk)] = speaker.person.full_name
            organisation = speaker.organisation or (speaker.person.organisation if speaker.person else None)
            if organisation:
                organisations[str(organisation.pk)] = str(organisation)
        sessions[material.contribution.session.slug] = material.contribution.session.shown_title

    def wanted(material) -> bool:
        contribution = material.contribution
        if filters.session and contribution.session.slug != filters.session:
            return False
        speakers = contribution.speakers.all()
        if filters.speaker and not any(str(s.person_id) == filters.speaker for s in speakers):
            return False
        return not filters.organisation or any(
            str(s.organisation_id) == filters.organisation
            or (s.person is not None and str(s.person.organisation_id) == filters.organisation)
            for s in speakers
        )

    grouped: dict[int, tuple] = {}
    count = 0
    for material in found:
        if not wanted(material):
            continue
        count += 1
        contribution = material.contribution
        contribution.session.edition = edition  # for its link, without a query per session
        session_entry = grouped.setdefault(contribution.session_id, (contribution.session, {}))
        entry = session_entry[1].setdefault(contribution.pk, contribution)
        if not hasattr(entry, "listed_materials"):
            entry.listed_materials = []
        material.type_label = uploads.type_name(material.content_type)
        material.size_label = size_label(material.size)
        entry.listed_materials.append(material)
    return MaterialsIndex(
        sessions=[(session, list(contributions.values())) for session, contributions in grouped.values()],
        count=count,
        session_choices=list(sessions.items()),
        speaker_choices=sorted(people.items(), key=lambda item: item[1].casefold()),
        organisation_choices=sorted(organisations.items(), key=lambda item: item[1].casefold()),
    )
