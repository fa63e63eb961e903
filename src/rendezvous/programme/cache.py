"""The one home of the programme's cache: the version, the cached state, every page and export key.

Every public page and feed of an edition is cached under a key that starts with what decides whether it is still
current, in one format:

    programme:<edition uuid>:<programme version>:<edition saved at, µs>:<what>:<details...>

    what      details                                   kept for
    page      <page>:<language>:<parts>  (publication   PAGE_SECONDS  a whole anonymous page (bytes)
    body      <page>:<language>:<parts>   epoch first)  PAGE_SECONDS  a page's body, for visitors with a session
    export    <format>:<session uuid or "all">          EXPORT_SECONDS  a feed (bytes and ETag)
    plan      -                                         PLAN_SECONDS  the files that are or will become public

plus one small entry per edition slug, `programme:state:<slug>`, that lets an anonymous visit find the current
version without the database (see STATE_SECONDS).

Nothing is ever deleted to invalidate a page: any change to what the programme shows bumps the edition's
programme_version (bump_programme_version; programme/signals.py calls it on every programme write), so the next
request asks for a new key and old entries age out. uuid rather than id, because a database rebuilt from scratch
reuses ids while a shared cache may outlive it; the edition's save time guards against an Edition.save() racing a
programme change. Time is the one input no write announces: a file becomes public when its session ends, so page
keys also carry the publication epoch (how many of those instants have passed; see publication.py).

The cache is the configured default (settings.CACHE_URL): local memory in one process, or Redis or memcached
shared by several web servers. Nothing here assumes it is private to one process.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from rendezvous.events.models import Edition, EditionStatus

from .publication import PublicationPlan, build_plan

PAGE_SECONDS = 60 * 60
EXPORT_SECONDS = 24 * 60 * 60
PLAN_SECONDS = 2 * 60 * 60  # longer than the pages it keys, so a page never outlives its plan

# Anonymous page views read the programme state from the cache for up to this long, so most of them never touch the
# database (with SQLite, opening a connection costs more than serving the page). A bump deletes the entry, at once
# and again when its transaction commits, so every process sharing the cache sees a change at once; the delay only
# bounds what no bump announces (an edition deleted, or changed by a raw query update).
STATE_SECONDS = 1


# --- The version -------------------------------------------------------------------------------------------------


def bump_programme_version(edition) -> None:
    """Mark the edition's programme as changed, so every cached page and feed of it is rebuilt.

    An F() update rather than save(): it is atomic under concurrent edits and sends no save signal,
    so calling it from Edition's own post_save cannot recurse.
    """
    edition_id = edition if isinstance(edition, int) else edition.pk
    bump_programme_versions_where(Q(pk=edition_id))


def bump_programme_versions_where(condition: Q) -> None:
    """Bump every edition matching a condition (e.g. all those showing a person whose name changed)."""
    editions = list(Edition.objects.filter(condition).values_list("pk", "slug").distinct())
    if not editions:
        return
    Edition.objects.filter(pk__in=[pk for pk, _slug in editions]).update(programme_version=F("programme_version") + 1)
    keys = [state_key(slug) for _pk, slug in editions]
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        # Until the commit, another process may read the old row and cache it again; forget it once more then.
        transaction.on_commit(lambda: cache.delete_many(keys))


# --- The state ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeState:
    """What decides whether a cached page of an edition is still current."""

    uuid: object
    status: str
    version: int
    updated_at: object

    @property
    def is_public(self) -> bool:
        return self.status in (EditionStatus.PUBLISHED, EditionStatus.ARCHIVED)

    @property
    def stamp(self) -> str:
        """The start of every key of this state: programme:<uuid>:<version>:<saved at, µs>."""
        saved = int(self.updated_at.timestamp() * 1_000_000) if self.updated_at else 0
        return f"programme:{self.uuid}:{self.version}:{saved}"


def state_key(slug: str) -> str:
    return f"programme:state:{slug}"


def programme_state(slug: str) -> ProgrammeState | None:
    """The edition's cache-relevant state: from the cache, or in one small query (no model instance)."""
    key = state_key(slug)
    cached = cache.get(key)
    if cached is None:
        row = Edition.objects.filter(slug=slug).values_list("uuid", "status", "programme_version", "updated_at").first()
        cached = row or ()
        cache.set(key, cached, STATE_SECONDS)
    return ProgrammeState(*cached) if cached else None


def programme_state_of(edition: Edition) -> ProgrammeState:
    return ProgrammeState(edition.uuid, edition.status, edition.programme_version, edition.updated_at)


# --- Materials: the publication plan and epoch -------------------------------------------------------------------


# A plan never changes under its key (any change gives a new stamp), so each process also keeps the plans it has
# read: every anonymous page view needs one for its key, and a shared cache (Redis) would cost a round trip and an
# unpickling each time. Bounded: emptied when it holds this many.
PLANS_KEPT_IN_PROCESS = 64
_plans_in_process: dict[str, PublicationPlan] = {}


def publication_plan(state: ProgrammeState) -> PublicationPlan:
    """The edition's plan for one programme version: from this process, the cache, or in one query."""
    key = f"{state.stamp}:plan"
    plan = _plans_in_process.get(key)
    if plan is not None:
        return plan
    plan = cache.get(key)
    if plan is None:
        plan = build_plan(state.uuid)
        cache.set(key, plan, PLAN_SECONDS)
    if len(_plans_in_process) >= PLANS_KEPT_IN_PROCESS:
        _plans_in_process.clear()
    _plans_in_process[key] = plan
    return plan


def publication_epoch(state: ProgrammeState, now=None) -> int:
    """How many of the edition's publication instants have passed: part of every cached programme page's key."""
    return publication_plan(state).epoch(now or timezone.now())


def public_materials_by_contribution(edition: Edition, now=None) -> dict[int, list]:
    """The files to list under each contribution on the cached pages (shared by everyone, so public ones only).

    From the same plan as the page's key, so a page lists exactly the files its epoch says are public.
    """
    return publication_plan(programme_state_of(edition)).public_by_contribution(now or timezone.now())


# --- Pages -------------------------------------------------------------------------------------------------------


def _page_key(state: ProgrammeState, what: str, page: str, language: str, parts) -> str:
    suffix = ":".join(str(part) for part in parts)
    return f"{state.stamp}:{what}:{publication_epoch(state)}:{page}:{language}:{suffix}"


def page_key(state: ProgrammeState, page: str, language: str, parts) -> str:
    """The key of a whole page as an anonymous visitor gets it."""
    return _page_key(state, "page", page, language, parts)


def cached_page(state: ProgrammeState, page: str, language: str, parts) -> bytes | None:
    """A whole page as an anonymous visitor gets it, if one is cached for the current state."""
    return cache.get(page_key(state, page, language, parts))


def store_page(state: ProgrammeState, page: str, language: str, parts, content: bytes) -> None:
    cache.set(page_key(state, page, language, parts), content, PAGE_SECONDS)


def cached_body(state: ProgrammeState, page: str, language: str, parts, build: Callable[[], tuple]) -> tuple:
    """A page's (title, body), built by `build()` on a miss."""
    key = _page_key(state, "body", page, language, parts)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, PAGE_SECONDS)
    return body


# --- Exports -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    content: bytes
    etag: str


def cached_export(edition: Edition, fmt: str, build: Callable[[], bytes | str], *, session=None) -> Export:
    """The export from the cache, built by `build()` on a miss.

    The frab feeds list the public files as attachments, so their key carries the publication epoch (a file
    becoming public at the end of its session changes them); the calendar lists none. The ETag is a hash of the
    bytes, so it changes exactly when they do.
    """
    session_part = session.uuid if session is not None else "all"
    state = programme_state_of(edition)
    epoch = publication_epoch(state) if fmt != "ics" else 0
    key = f"{state.stamp}:export:{fmt}:{session_part}:{epoch}"
    hit = cache.get(key)
    if hit is not None:
        return Export(*hit)
    content = build()
    if isinstance(content, str):
        content = content.encode("utf-8")
    etag = '"' + hashlib.sha256(content).hexdigest()[:40] + '"'
    cache.set(key, (content, etag), EXPORT_SECONDS)
    return Export(content, etag)
