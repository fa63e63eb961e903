"""When presentation files become public: the rule, as a test on one file, as a database filter and as a plan.

The rule (the report: "all presentations were made available on the website, except pre-recorded videos"): a file
follows its edition's policy unless an organiser set an override.
- Slides and papers are for registered participants until their session ends, then public
  (MaterialPolicy.publish_slides_after_session; off: participants only for good).
- Pre-recorded videos (a video file, or any file of a contribution delivered as a pre-recorded video) are for
  organisers only, never published (MaterialPolicy.publish_videos; on: treated like slides).

A file becomes public when its session ends, with no write to announce it. The plan lists those instants, so the
cached programme pages can carry how many have passed in their key (see cache.publication_epoch).
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from rendezvous.core import uploads

from .models import Delivery, Material, MaterialKind, MaterialPolicy, MaterialVisibility

MB = 1024 * 1024
ALWAYS = datetime.datetime.min.replace(tzinfo=datetime.UTC)


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


def size_label(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# --- The plan ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedMaterial:
    """What the public pages show of one file (plain values, so the plan can be cached)."""

    uuid: str
    contribution_id: int
    title: str
    # The kind's value, not its label: a lazy label in a cached plan is unpickled on every page view, and each
    # unpickled lazy string builds a class of its own, garbage in a reference cycle that only a full collection
    # frees (75-160 ms per worker every second or two under load: the programme page's p99).
    kind: str
    content_type: str
    size_label: str
    public_from: datetime.datetime

    @property
    def kind_label(self) -> str:
        return MaterialKind(self.kind).label

    @property
    def type_label(self) -> str:
        return uploads.type_name(self.content_type)


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


def build_plan(edition_uuid) -> PublicationPlan:
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
                kind=row["kind"],
                content_type=row["content_type"],
                size_label=size_label(row["size"]),
                public_from=moment,
            )
        )
    instants = sorted({material.public_from for material in planned if material.public_from is not ALWAYS})
    return PublicationPlan(materials=tuple(planned), instants=tuple(instants))
