"""Presentation materials: who may upload, what is accepted, and who may see each file when.

The publication rule (the report: "all presentations were made available on the website, except pre-recorded
videos"): a file follows its edition's policy unless an organiser set an override.
- Slides and papers are for registered participants until their session ends, then public
  (MaterialPolicy.publish_slides_after_session; off: participants only for good).
- Pre-recorded videos — a video file, or any file of a contribution delivered as a pre-recorded video — are for
  organisers only, never published (MaterialPolicy.publish_videos; on: treated like slides).

Caching: the public programme pages are cached per programme version (services.programme_cache_key). Every change
made here bumps the version. Time is the other input: a file becomes public when its session ends, with no write.
So the page key also carries a publication epoch — how many of the edition's publication instants have passed
(publication_epoch) — read from a per-version plan kept in the cache. The plan also gives the pages their lists,
so the programme page pays one query per version for materials, and none while the cache is warm.
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from rendezvous.core import audit
from rendezvous.core.permissions import is_organiser

from . import materials
from .models import (
    Contribution,
    ContributionSpeaker,
    Delivery,
    Material,
    MaterialKind,
    MaterialPolicy,
    MaterialVisibility,
)
from .services import bump_programme_version

MB = 1024 * 1024
DEFAULT_MAX_BYTES = {MaterialKind.SLIDES: 50 * MB, MaterialKind.PAPER: 20 * MB, MaterialKind.VIDEO: 500 * MB}
ACCEPTED_TYPES = {
    MaterialKind.SLIDES: (materials.PDF, materials.PPTX),
    MaterialKind.PAPER: (materials.PDF,),
    MaterialKind.VIDEO: (materials.MP4,),
}
PLAN_SECONDS = 2 * 60 * 60  # longer than the pages it keys (views.CACHE_SECONDS), so a page never outlives its plan


class MaterialError(ValueError):
    """A file cannot be added or changed as asked; the message says why."""


# --- The publication rule -------------------------------------------------------------------------------------


def policy_for(edition) -> MaterialPolicy:
    """The edition's policy, or the defaults (an unsaved policy) when the organisers never set one."""
    return MaterialPolicy.objects.filter(edition=edition).first() or MaterialPolicy(edition=edition)


def is_pre_recorded_video(kind: str, delivery: str) -> bool:
    return kind == MaterialKind.VIDEO or delivery == Delivery.PRE_RECORDED


def _policy_publishes(kind: str, delivery: str, policy: MaterialPolicy) -> bool:
    if is_pre_recorded_video(kind, delivery):
        return policy.publish_videos
    return policy.publish_slides_after_session


def effective_visibility(material: Material, *, policy: MaterialPolicy, now: datetime.datetime | None = None) -> str:
    """Who may see the file now: the organisers' override, or else what the edition's policy says at `now`."""
    if material.visibility_override:
        return material.visibility_override
    contribution = material.contribution
    if is_pre_recorded_video(material.kind, contribution.delivery) and not policy.publish_videos:
        return MaterialVisibility.ORGANISERS
    ended = contribution.session.end <= (now or timezone.now())
    if ended and _policy_publishes(material.kind, contribution.delivery, policy):
        return MaterialVisibility.PUBLIC
    return MaterialVisibility.PARTICIPANTS


ALWAYS = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def public_from(
    kind: str, delivery: str, session_end: datetime.datetime, override: str | None, policy: MaterialPolicy
) -> datetime.datetime | None:
    """When a file becomes public (ALWAYS if it already is by override), or None if never. Same rule as above."""
    if override:
        return ALWAYS if override == MaterialVisibility.PUBLIC else None
    return session_end if _policy_publishes(kind, delivery, policy) else None


def public_condition(policy: MaterialPolicy, now: datetime.datetime) -> Q:
    """The rule above as a database filter, for lists that must not load every file to keep a few."""
    video = Q(kind=MaterialKind.VIDEO) | Q(contribution__delivery=Delivery.PRE_RECORDED)
    ended = Q(contribution__session__end__lte=now)
    by_policy = []
    if policy.publish_slides_after_session:
        by_policy.append(~video & ended)
    if policy.publish_videos:
        by_policy.append(video & ended)
    condition = Q(visibility_override=MaterialVisibility.PUBLIC)
    for branch in by_policy:
        condition |= Q(visibility_override__isnull=True) & branch
    return condition


# --- Who may do what ------------------------------------------------------------------------------------------


def _speaker_condition(user) -> Q:
    """A speaker is known by their Person: linked to the account, or carrying the account's e-mail address."""
    condition = Q(person__user=user)
    if user.email:
        condition |= Q(person__email__iexact=user.email.strip())
    return condition


def is_speaker_of(user, contribution: Contribution) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ContributionSpeaker.objects.filter(_speaker_condition(user), contribution=contribution).exists()


def contributions_of_speaker(user, edition):
    """The contributions in the edition where the signed-in user is a speaker, with their files."""
    if not getattr(user, "is_authenticated", False):
        return Contribution.objects.none()
    speaker_of = ContributionSpeaker.objects.filter(_speaker_condition(user), contribution__session__edition=edition)
    return (
        Contribution.objects.filter(pk__in=speaker_of.values("contribution_id"))
        .select_related("session")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("uploaded_at", "id")))
        .order_by("session__start", "order", "id")
    )


def can_upload(user, contribution: Contribution, edition) -> bool:
    """Organisers for any contribution of their edition; speakers for their own contributions only."""
    return is_organiser(user, edition) or is_speaker_of(user, contribution)


def _is_approved_participant(user, edition) -> bool:
    from rendezvous.registration.services import registration_for

    registration = registration_for(edition, user)
    return registration is not None and registration.is_approved


def can_download(user, material: Material, edition, *, policy: MaterialPolicy, now=None) -> bool:
    """Public files for anyone; participants' files for approved registrants; the rest for organisers.

    A contribution's own speakers may always fetch its files (they uploaded them, or need to check them).
    """
    visibility = effective_visibility(material, policy=policy, now=now)
    if visibility == MaterialVisibility.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if is_organiser(user, edition) or is_speaker_of(user, material.contribution):
        return True
    return visibility == MaterialVisibility.PARTICIPANTS and _is_approved_participant(user, edition)


def can_delete(user, material: Material, edition) -> bool:
    """Organisers may remove any file; a speaker only a file they uploaded to their own contribution."""
    if is_organiser(user, edition):
        return True
    return material.uploaded_by_id == getattr(user, "pk", None) and is_speaker_of(user, material.contribution)


# --- Changes --------------------------------------------------------------------------------------------------


def max_bytes(kind: str) -> int:
    """The size limit for a kind of file: settings.MATERIAL_MAX_BYTES (by kind) over the defaults."""
    configured = getattr(settings, "MATERIAL_MAX_BYTES", {}) or {}
    return int(configured.get(str(kind), DEFAULT_MAX_BYTES[kind]))


def _size_label(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def check_upload(upload, kind: str) -> materials.Detected:
    """The file's real type, if this kind of material accepts it and it is within the kind's size limit."""
    if kind not in ACCEPTED_TYPES:
        raise MaterialError("Choose what the file is: slides, a paper or a video.")
    if upload is None or not upload.size:
        raise MaterialError("Choose a file to upload; the one sent was empty.")
    limit = max_bytes(kind)
    label = MaterialKind(kind).label.lower()
    if upload.size > limit:
        raise MaterialError(
            f"The file is {_size_label(upload.size)}; {label} may be at most {_size_label(limit)}. "
            "Please compress it or upload a smaller version."
        )
    try:
        detected = materials.detect_content_type(upload)
    except materials.NotRecognised as error:
        raise MaterialError(f"{error} Its name does not matter: the content is checked.") from None
    accepted = ACCEPTED_TYPES[kind]
    if detected.content_type not in accepted:
        names = " or ".join(materials.TYPE_NAMES[content_type] for content_type in accepted)
        raise MaterialError(f"This file is a {detected.label}; {label} must be {names}.")
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
    if not can_upload(actor, contribution, edition):
        raise PermissionDenied("Only the edition's organisers and the contribution's speakers may add files to it.")
    if visibility_override and not is_organiser(actor, edition):
        raise PermissionDenied("Only organisers may choose who sees a file.")
    if visibility_override and visibility_override not in MaterialVisibility.values:
        raise MaterialError("Choose who may see the file: the public, registered participants or organisers only.")
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
    if not is_organiser(actor, edition):
        raise PermissionDenied("Only organisers may choose who sees a file.")
    if visibility and visibility not in MaterialVisibility.values:
        raise MaterialError("Choose who may see the file: the public, registered participants or organisers only.")
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
    if not can_delete(actor, material, edition):
        raise PermissionDenied("Only organisers, or the speaker who uploaded it, may remove this file.")
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
    if not is_organiser(actor, edition):
        raise PermissionDenied("Only organisers may change the publication policy.")
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


# --- The public programme pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedMaterial:
    """What the public pages show of one file (plain values, so the plan can be cached)."""

    uuid: str
    contribution_id: int
    title: str
    kind_label: str
    type_label: str
    size_label: str
    public_from: datetime.datetime


@dataclass(frozen=True)
class PublicationPlan:
    """Every file of an edition that is or will become public, and the instants at which that happens."""

    materials: tuple = ()
    instants: tuple = field(default=())

    def epoch(self, now: datetime.datetime) -> int:
        return bisect.bisect_right(self.instants, now)

    def public_by_contribution(self, now: datetime.datetime) -> dict[int, list[PlannedMaterial]]:
        listed: dict[int, list[PlannedMaterial]] = defaultdict(list)
        for material in self.materials:
            if material.public_from <= now:
                listed[material.contribution_id].append(material)
        return listed


def _plan_key(edition_uuid, version: int) -> str:
    return f"materials:plan:{edition_uuid}:{version}"


def _build_plan(edition_uuid) -> PublicationPlan:
    """One query: the edition's files that may become public, with their session's end and the policy's flags."""
    policy_path = "contribution__session__edition__material_policy__"
    rows = (
        Material.objects.filter(contribution__session__edition__uuid=edition_uuid)
        .exclude(visibility_override__in=[MaterialVisibility.PARTICIPANTS, MaterialVisibility.ORGANISERS])
        .annotate(
            delivery=F("contribution__delivery"),
            session_end=F("contribution__session__end"),
            policy_slides=F(policy_path + "publish_slides_after_session"),
            policy_videos=F(policy_path + "publish_videos"),
        )
        .order_by("contribution__order", "contribution_id", "uploaded_at", "id")
        .values(
            "uuid",
            "contribution_id",
            "title",
            "original_filename",
            "kind",
            "content_type",
            "size",
            "visibility_override",
            "delivery",
            "session_end",
            "policy_slides",
            "policy_videos",
        )
    )
    planned = []
    for row in rows:
        policy = MaterialPolicy(
            publish_slides_after_session=True if row["policy_slides"] is None else row["policy_slides"],
            publish_videos=bool(row["policy_videos"]),
        )
        moment = public_from(row["kind"], row["delivery"], row["session_end"], row["visibility_override"], policy)
        if moment is None:
            continue
        planned.append(
            PlannedMaterial(
                uuid=str(row["uuid"]),
                contribution_id=row["contribution_id"],
                title=row["title"] or row["original_filename"],
                kind_label=MaterialKind(row["kind"]).label,
                type_label=materials.TYPE_NAMES.get(row["content_type"], "File"),
                size_label=_size_label(row["size"]),
                public_from=moment,
            )
        )
    instants = sorted({material.public_from for material in planned if material.public_from is not ALWAYS})
    return PublicationPlan(materials=tuple(planned), instants=tuple(instants))


def publication_plan(edition_uuid, version: int) -> PublicationPlan:
    """The edition's plan for one programme version: from the cache, or in one query."""
    key = _plan_key(edition_uuid, version)
    plan = cache.get(key)
    if plan is None:
        plan = _build_plan(edition_uuid)
        cache.set(key, plan, PLAN_SECONDS)
    return plan


def publication_epoch(state, now: datetime.datetime | None = None) -> int:
    """How many of the edition's publication instants have passed: part of every cached programme page's key."""
    return publication_plan(state.uuid, state.version).epoch(now or timezone.now())


def public_materials_by_contribution(edition, now: datetime.datetime | None = None) -> dict[int, list]:
    """The files to list under each contribution on the public pages (shared by everyone, so public ones only)."""
    return publication_plan(edition.uuid, edition.programme_version).public_by_contribution(now or timezone.now())


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
        sessions[material.contribution.session.slug] = material.contribution.session.display_title

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
        material.type_label = materials.TYPE_NAMES.get(material.content_type, "File")
        material.size_label = _size_label(material.size)
        entry.listed_materials.append(material)
    return MaterialsIndex(
        sessions=[(session, list(contributions.values())) for session, contributions in grouped.values()],
        count=count,
        session_choices=list(sessions.items()),
        speaker_choices=sorted(people.items(), key=lambda item: item[1].casefold()),
        organisation_choices=sorted(organisations.items(), key=lambda item: item[1].casefold()),
    )
