"""Registration rules: routes by country, the window, capacity and waiting lists, moderation, invitations.

Seats (pretix's recipe). A participant whose application is pending or approved holds a seat in their attendance mode;
speakers sit outside the public capacity. Availability is counted from those rows, never kept in a counter. Every
change that takes or frees a seat runs in one transaction that first locks the edition's policy row (PostgreSQL:
`SELECT ... FOR UPDATE` with a short lock timeout; SQLite: the settings open every transaction with BEGIN IMMEDIATE,
which takes the database write lock), then re-counts, writes, queues its e-mail and audit entry, and commits. A freed
seat (cancellation, rejection, a move to the other mode, a raised capacity) goes to the oldest waiting application of
that mode at once, in the same transaction.

Bursts. When registration opens, thousands apply within minutes. Open-route applications that reach one server process
at the same moment are grouped (`rendezvous.core.group_commit`): one transaction stores the whole group, its audit
entries and its e-mails, decided on the current seat counts and checked again under the seat lock just before the
commit (`_store_open_group`), so the lock is held for two statements however large the group. Every applicant still
gets their own answer, only after their group has committed.

Organiser-facing functions take `actor` for the audit trail and do not check permissions: views call
`rendezvous.core.permissions.require_organiser` first.
"""

import csv
import hashlib
import io
import secrets
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from rendezvous.core import audit, uploads
from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.group_commit import GroupCommit, GroupCommitTimeout
from rendezvous.core.models import AuditEntry, Gender, Organisation, OrganisationType
from rendezvous.core.outbox import queue_email, queue_emails
from rendezvous.core.validators import validate_email
from rendezvous.events.models import Edition

from . import notifications
from .models import (
    SEAT_HOLDING_STATUSES,
    Attendance,
    Invitation,
    InvitationState,
    Registration,
    RegistrationPolicy,
    RegistrationRule,
    Role,
    Route,
    Status,
)

BUSY_MESSAGE = "Many people are registering right now. Please try again in a moment."
MAX_NOMINATION_BYTES = 5 * 1024 * 1024
INVITATION_LIFETIME = timedelta(days=30)
# Only the concurrency test's control case switches this off, to show that the race is real without the lock.
_UNLOCKED_RACE_PAUSE = 0.05

# Who may move an application from one status to another. Anything else raises IllegalTransition.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED, Status.WAITLISTED, Status.CANCELLED}),
    Status.APPROVED: frozenset({Status.REJECTED, Status.CANCELLED}),
    Status.WAITLISTED: frozenset({Status.PENDING, Status.APPROVED, Status.REJECTED, Status.CANCELLED}),
    Status.REJECTED: frozenset({Status.APPROVED}),
    Status.CANCELLED: frozenset(),
}


class RegistrationError(Exception):
    """A registration step that cannot go on; the message can be shown to the person as it is."""


class RegistrationBusy(RegistrationError):
    """Another submission holds the seat lock for too long: try again in a moment."""


class RouteRefused(RegistrationError):
    """The applicant's country takes a route that does not accept open applications (invitation only or closed)."""


class WindowClosed(RegistrationError):
    """Registration has not opened yet or has closed."""


class CapacityReached(RegistrationError):
    """No free seat in the requested attendance mode."""


class IllegalTransition(RegistrationError):
    """The status change is not in the transition table."""


class InvitationInvalid(RegistrationError):
    """The invitation link is unknown, revoked, used or expired."""


class InvalidDocument(RegistrationError):
    """The nomination letter is not a PDF or is too large."""


class ImportFailed(RegistrationError):
    """A CSV import found bad rows and imported nothing; `errors` holds 'line N: reason' strings."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors[:5]) + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""))


# ---------------------------------------------------------------------------------------------------------------------
# Policy, routes and the window


@dataclass(frozen=True)
class RouteDecision:
    route: str
    rule: RegistrationRule | None
    message: str

    @property
    def accepts_applications(self) -> bool:
        return self.route == Route.OPEN


def get_policy(edition: Edition) -> RegistrationPolicy:
    """The edition's policy, created empty (no rules: closed to everyone) the first time it is asked for."""
    policy, _ = RegistrationPolicy.objects.get_or_create(edition=edition)
    return policy


def route_for_country(edition: Edition, country: str, *, policy: RegistrationPolicy | None = None) -> RouteDecision:
    """The route of an applicant based in `country`: the first matching rule; no matching rule means closed."""
    policy = policy or get_policy(edition)
    return _route_by_rules(policy.rules.all(), country)


def _route_by_rules(rules: Iterable[RegistrationRule], country: str) -> RouteDecision:
    for rule in rules:
        if rule.matches(country):
            return RouteDecision(rule.route, rule, _route_message(rule.route, rule.note))
    return RouteDecision(Route.CLOSED, None, _route_message(Route.CLOSED, ""))


def _route_message(route: str, note: str) -> str:
    text = {
        Route.OPEN: "Applicants based in this country may apply online.",
        Route.INVITATION: (
            "Participation for applicants based in this country is by invitation only. If you have received an "
            "invitation, use the link in your invitation e-mail; otherwise you cannot apply online."
        ),
        Route.CLOSED: "Registration is not open to applicants based in this country.",
    }[route]
    return f"{text} {note}".strip()


def window_state(policy: RegistrationPolicy, now: datetime | None = None) -> str:
    """'open', 'not_yet' or 'closed'."""
    now = now or timezone.now()
    if policy.opens_at and now < policy.opens_at:
        return "not_yet"
    if policy.closes_at and now >= policy.closes_at:
        return "closed"
    return "open"


def _check_window(policy: RegistrationPolicy) -> None:
    state = window_state(policy)
    if state == "not_yet":
        raise WindowClosed(f"Registration opens on {_when(policy, policy.opens_at)}.")
    if state == "closed":
        raise WindowClosed(f"Registration closed on {_when(policy, policy.closes_at)}.")


def _when(policy: RegistrationPolicy, moment: datetime) -> str:
    local = timezone.localtime(moment, policy.edition.zone)
    return f"{local.day} {local:%B %Y, %H:%M} ({policy.edition.timezone})"


def window_text(policy: RegistrationPolicy) -> str:
    """The registration window in words, in the edition's time zone (participants read it from ~80 countries)."""
    if policy.opens_at is None and policy.closes_at is None:
        return "Registration has no opening or closing date."
    parts = []
    if policy.opens_at is not None:
        parts.append(f"Registration opens on {_when(policy, policy.opens_at)}")
    if policy.closes_at is not None:
        parts.append(
            f"closes on {_when(policy, policy.closes_at)}"
            if parts
            else f"Registration closes on {_when(policy, policy.closes_at)}"
        )
    elif parts:
        parts.append("no closing date is set")
    return "; ".join(parts) + "."


def capacity_text(mode_seats: dict[str, "ModeSeats"]) -> str:
    """How limited participation is, per attendance mode, for the registration page."""
    labels = {"in_person": "in-person", "online": "online"}
    phrases = []
    for mode, seats_of_mode in mode_seats.items():
        label = labels.get(mode, mode)
        if seats_of_mode.capacity is None:
            phrases.append(f"{label} places are not limited")
        elif seats_of_mode.free == 0:
            phrases.append(f"{label} places are all taken, so new applications join the waiting list")
        else:
            phrases.append(f"{label} places are limited")
    if all(seats_of_mode.capacity is None for seats_of_mode in mode_seats.values()):
        return "Places are not limited."
    return "Participation is limited: " + "; ".join(phrases) + "."


# ---------------------------------------------------------------------------------------------------------------------
# Seats


@dataclass(frozen=True)
class ModeSeats:
    attendance: str
    capacity: int | None
    held: int
    waiting: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.held, 0)


# Who holds a seat: participants whose application is pending or approved (speakers sit outside capacity).
SEAT_HOLDERS = Q(role=Role.PARTICIPANT, status__in=SEAT_HOLDING_STATUSES)


def _held_by_mode(edition: Edition) -> dict[str, int]:
    rows = Registration.objects.filter(SEAT_HOLDERS, edition=edition).values("attendance").annotate(held=Count("id"))
    held = dict.fromkeys(Attendance.values, 0)
    held.update((row["attendance"], row["held"]) for row in rows.order_by())
    return held


def _has_free_seat(policy: RegistrationPolicy, attendance: str) -> bool:
    capacity = policy.capacity_for(attendance)
    return capacity is None or _held_by_mode(policy.edition)[attendance] < capacity


def seats(edition: Edition) -> dict[str, ModeSeats]:
    """Capacity, seats held and waiting applications per attendance mode, for organisers' dashboards."""
    policy = get_policy(edition)
    rows = (
        Registration.objects.filter(edition=edition, role=Role.PARTICIPANT)
        .values("attendance")
        .annotate(
            held=Count("id", filter=Q(status__in=SEAT_HOLDING_STATUSES)),
            waiting=Count("id", filter=Q(status=Status.WAITLISTED)),
        )
    )
    by_mode = {row["attendance"]: row for row in rows}
    return {
        mode: ModeSeats(
            mode,
            policy.capacity_for(mode),
            by_mode.get(mode, {}).get("held", 0),
            by_mode.get(mode, {}).get("waiting", 0),
        )
        for mode in Attendance.values
    }


def _is_lock_failure(error: OperationalError) -> bool:
    text = str(error).lower()
    return not is_deadlock(error) and ("lock" in text or "timeout" in text or "could not obtain" in text)


def is_deadlock(error: Exception) -> bool:
    """PostgreSQL ended this transaction to break a deadlock (SQLSTATE 40P01)."""
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


@contextmanager
def _seat_transaction() -> Iterator[None]:
    """A transaction in which a lock that cannot be had quickly raises RegistrationBusy (the wait is bounded by the
    database settings: PostgreSQL's lock_timeout, SQLite's busy timeout)."""
    try:
        with transaction.atomic():
            yield
    except OperationalError as error:
        if _is_lock_failure(error):
            raise RegistrationBusy(BUSY_MESSAGE) from error
        raise


def _lock_policy(edition: Edition) -> RegistrationPolicy:
    """Take the edition's seat lock (call inside `_seat_transaction`); returns the policy as it is now."""
    locked = RegistrationPolicy.objects.select_for_update().filter(edition=edition)
    policy = locked.first()
    if policy is None:
        # First use: create the (empty, closed) policy row, then lock it like any other.
        RegistrationPolicy.objects.get_or_create(edition=edition)
        policy = locked.get()
    policy.edition = edition
    return policy


@contextmanager
def _seat_lock(edition: Edition) -> Iterator[RegistrationPolicy]:
    """One transaction holding the edition's seat lock; raises RegistrationBusy if it cannot be had quickly."""
    with _seat_transaction():
        yield _lock_policy(edition)


def _promote_waiting(policy: RegistrationPolicy, attendance: str, *, actor=None) -> list[Registration]:
    """Give free seats of `attendance` to the oldest waiting applications. Call with the seat lock held."""
    capacity = policy.capacity_for(attendance)
    waiting = Registration.objects.filter(
        edition=policy.edition, role=Role.PARTICIPANT, attendance=attendance, status=Status.WAITLISTED
    ).order_by("queued_at", "created_at", "id")
    if capacity is not None:
        free = capacity - _held_by_mode(policy.edition)[attendance]
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting.select_related("edition"):
        # A promoted applicant under moderation keeps the seat while an organiser reviews the application.
        target = Status.PENDING if policy.moderated and registration.invitation_id is None else Status.APPROVED
        _set_status(registration, target, actor=actor, action="registration.promoted", notify="promoted")
        promoted.append(registration)
    return promoted


# ---------------------------------------------------------------------------------------------------------------------
# Submitting an application


@dataclass
class ApplicationData:
    """What the form (or the API) collected. Validation of single fields is the form's job; rules are ours."""

    given_name: str
    family_name: str
    email: str
    gender: str
    country: str
    organisation_name: str
    organisation_type: str
    position: str
    head_of_agency: bool
    attendance: str
    consent: bool
    nomination_letter: object | None = None
    form_token: uuid.UUID | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionResult:
    registration: Registration
    created: bool


def check_nomination_letter(upload) -> None:
    """A nomination letter must really be a PDF (parsed, not judged by its name) and at most 5 MB."""
    if upload is None:
        return
    if upload.size > MAX_NOMINATION_BYTES:
        raise InvalidDocument(
            f"The nomination letter is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_NOMINATION_BYTES // 1_048_576} MB."
        )
    try:
        uploads.check(upload, (uploads.PDF,))
    except uploads.UploadRefused as error:
        raise InvalidDocument(f"The nomination letter must be a PDF file. {error}") from None


def _check_application(data: ApplicationData) -> None:
    if not data.consent:
        raise RegistrationError("Please accept the privacy notice: we cannot keep your application without it.")
    if not is_valid_iso2(data.country):
        raise RegistrationError(f"Unknown country code: {data.country!r}.")
    if data.attendance not in Attendance.values:
        raise RegistrationError(f"Unknown attendance mode: {data.attendance!r}.")
    if data.gender not in Gender.values:
        raise RegistrationError(f"Unknown gender value: {data.gender!r}.")
    if data.organisation_type not in OrganisationType.values:
        raise RegistrationError(f"Unknown organisation type: {data.organisation_type!r}.")
    try:
        validate_email(data.email)
    except ValidationError:
        raise RegistrationError(f"Not a valid e-mail address: {data.email!r}.") from None
    check_nomination_letter(data.nomination_letter)


def _organisation(
    name: str, organisation_type: str, country: str = "", *, known: Organisation | None = None
) -> Organisation | None:
    """The organisation called `name` (any case), created if new; `known` is one already looked up by that name."""
    name = _clean_name(name)
    if not name:
        return None
    organisation = known or _find_organisation(name)
    if organisation is None:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"type": organisation_type, "country": country}
        )
    return organisation


def _find_organisation(name: str) -> Organisation | None:
    name = _clean_name(name)
    return Organisation.objects.filter(name__iexact=name).first() if name else None


def submit_application(
    edition: Edition,
    data: ApplicationData,
    *,
    invitation_token: str | None = None,
    actor=None,
    _lock: bool = True,
) -> SubmissionResult:
    """Apply to `edition`. Returns the application and whether it is new.

    A second submit of the same form (same `form_token`) or by the same e-mail address returns the existing
    application (created=False) instead of an error. The route of the applicant's country decides whether they may
    apply without `invitation_token`; an invitation also waives the window. Within capacity the application is
    approved at once (unmoderated route, or an invitation) or pending; beyond it, waitlisted. Speakers, who come by
    invitation, are outside the public capacity.

    Raises RouteRefused, WindowClosed, InvitationInvalid, InvalidDocument, RegistrationBusy or RegistrationError.
    """
    data.email = data.email.strip().lower()
    data.country = (data.country or "").strip().upper()
    _check_application(data)
    if _lock and invitation_token is None and _group_commit_applies():
        # Resolved here: another request's thread may run the batch, and a lazy request.user belongs to this one.
        actor = actor if getattr(actor, "is_authenticated", False) else None
        try:
            return _open_submissions.run((edition, data, actor))
        except GroupCommitTimeout:
            raise RegistrationBusy(BUSY_MESSAGE) from None
    return _submit_one(edition, data, invitation_token, actor, lock=_lock)


def _submit_one(
    edition: Edition, data: ApplicationData, invitation_token: str | None, actor, *, lock: bool = True
) -> SubmissionResult:
    """`submit_application` for one checked application, in a transaction of its own."""
    existing = _existing_many(edition, [data]).get(0)
    if existing is not None:
        return SubmissionResult(existing, False)
    with _letters_saved_once([data]):
        return _submit_new(edition, data, invitation_token, actor, lock=lock)


def _submit_new(edition: Edition, data: ApplicationData, invitation_token: str | None, actor, *, lock: bool):
    # Read before taking the seat lock, to hold it for as short a time as possible: the route rules (configuration,
    # not seats; the decision is still raised after the window check, as before) and an existing organisation.
    ready = _Prepared(
        route=None
        if invitation_token
        else _route_by_rules(RegistrationRule.objects.filter(policy__edition=edition), data.country),
        organisation=_find_organisation(data.organisation_name),
    )

    try:
        if lock:
            with _seat_lock(edition) as policy:
                return _submit_locked(policy, data, invitation_token, actor, ready, decided_status=None)
        # Control case for the concurrency test only: decide outside the lock, so racing requests all see a free seat.
        policy = get_policy(edition)
        invitation = _usable_invitation(edition, invitation_token) if invitation_token else None
        decided = _initial_status(policy, data, invitation)
        time.sleep(_UNLOCKED_RACE_PAUSE)
        with transaction.atomic():
            return _submit_locked(policy, data, invitation_token, actor, ready, decided_status=decided)
    except IntegrityError:
        # A twin request won the race on the unique e-mail or form token: return what it created.
        existing = _existing_many(edition, [data]).get(0)
        if existing is None:
            raise
        return SubmissionResult(existing, False)


def _group_commit_applies() -> bool:
    # Inside a caller's transaction the batch would commit (or roll back) other people's applications with it.
    return settings.REGISTRATION_GROUP_COMMIT and not connection.in_atomic_block


def _submit_open_batch(items: list[tuple[Edition, ApplicationData, object]]) -> list[SubmissionResult | Exception]:
    """The group commit's work: open-route applications that arrived together, one transaction per edition."""
    outcomes: list[SubmissionResult | Exception | None] = [None] * len(items)
    by_edition: dict[int, list[int]] = {}
    for index, (edition, _data, _actor) in enumerate(items):
        by_edition.setdefault(edition.pk, []).append(index)
    for indexes in by_edition.values():
        edition = items[indexes[0]][0]
        entries = [(items[index][1], items[index][2]) for index in indexes]
        try:
            group_outcomes = _submit_open_group(edition, entries)
        except Exception as error:  # this edition's applicants hear why; other editions' batches go on
            group_outcomes = [error] * len(indexes)
        for index, outcome in zip(indexes, group_outcomes, strict=True):
            outcomes[index] = outcome
    return outcomes


def _submit_open_group(edition: Edition, entries: list[tuple[ApplicationData, object]]) -> list:
    """Submit applications to one edition in one seat transaction, with the outcomes `submit_application` gives one
    by one.

    Repeats (an application already stored, or a twin in this very group) get the existing application. A refused
    route is that applicant's outcome; a closed window or a busy lock is the outcome of every new application. If a
    twin sent to another server process wins a race on a unique constraint, the transaction rolls back and each
    application is submitted on its own.
    """
    outcomes: list = [None] * len(entries)
    stored = _existing_many(edition, [data for data, _actor in entries])
    # Configuration, not seats: read before the seat transaction.
    rules = list(RegistrationRule.objects.filter(policy__edition=edition))
    refused: dict[int, RouteRefused] = {}
    first_by_key: dict[object, int] = {}
    twins: dict[int, int] = {}
    fresh: list[int] = []
    for index, (data, _actor) in enumerate(entries):
        if index in stored:
            outcomes[index] = SubmissionResult(stored[index], False)
            continue
        route = _route_by_rules(rules, data.country)
        if not route.accepts_applications:
            refused[index] = RouteRefused(route.message)
            continue
        keys = [data.email] + ([data.form_token] if data.form_token else [])
        twin = next((first_by_key[key] for key in keys if key in first_by_key), None)
        if twin is not None:
            twins[index] = twin
            continue
        first_by_key.update(dict.fromkeys(keys, index))
        fresh.append(index)
    window_closed = None
    if fresh:
        group = [entries[index] for index in fresh]
        with _letters_saved_once([data for data, _actor in group]):
            try:
                created = _store_open_group(edition, group, _organisations_for([data for data, _actor in group]))
            except (IntegrityError, OperationalError) as error:
                # A twin sent to the other server process won a race on a unique constraint, or the two groups
                # inserted the same people in opposite orders and PostgreSQL broke the deadlock: one by one, each
                # application finds its twin.
                if isinstance(error, OperationalError) and not is_deadlock(error):
                    raise
                created = [_outcome_of(_submit_one, edition, data, None, actor) for data, actor in group]
            except RegistrationError as error:
                created = [error] * len(group)
                window_closed = error if isinstance(error, WindowClosed) else None
        for index, outcome in zip(fresh, created, strict=True):
            outcomes[index] = outcome
    elif refused:
        window_closed = _outcome_of(_check_window, get_policy(edition))
    for index, refusal in refused.items():
        # One by one, the window is checked before the route.
        outcomes[index] = window_closed or refusal
    for index, twin in twins.items():
        first = outcomes[twin]
        outcomes[index] = SubmissionResult(first.registration, False) if isinstance(first, SubmissionResult) else first
    return outcomes


@contextmanager
def _letters_saved_once(applications: list[ApplicationData]) -> Iterator[None]:
    """Save uploaded nomination letters before the transaction that stores their applications.

    A file field writes its file when the row is inserted, so an attempt that is rolled back or decided again would
    leave a copy of a person's document that no application points to. Saved first, every attempt stores only the
    name; afterwards any letter that no application holds is deleted.
    """
    field = Registration._meta.get_field("nomination_letter")
    saved = []
    for data in applications:
        upload = data.nomination_letter
        if upload is not None and not isinstance(upload, str):
            name = uploads.generated_name("registration/nominations", "pdf")
            data.nomination_letter = field.storage.save(name, upload, max_length=field.max_length)
            saved.append(data.nomination_letter)
    try:
        yield
    finally:
        if saved:
            held = set(
                Registration.objects.filter(nomination_letter__in=saved).values_list("nomination_letter", flat=True)
            )
            for name in saved:
                if name not in held:
                    field.storage.delete(name)


def _outcome_of(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except RegistrationError as error:
        return error


def _existing_many(edition: Edition, applications: list[ApplicationData]) -> dict[int, Registration]:
    """The applications these submits repeat (same form token, or same person for this edition), by index in
    `applications`. One narrow query finds the repeats (rare); only those are then loaded whole.
    """
    # lower(email) is what the unique constraint indexes; a plain email = ... would scan the edition's rows.
    emails = {data.email for data in applications}
    tokens = {data.form_token for data in applications if data.form_token}
    same = Q(edition=edition, email_lower__in=emails)
    if tokens:
        same |= Q(form_token__in=tokens)
    keys = Registration.objects.alias(email_lower=Lower("email")).filter(same).order_by()
    keys = list(keys.values_list("pk", "form_token", "email", "edition_id"))
    if not keys:
        return {}
    by_token = {token: pk for pk, token, _email, _edition in keys if token}
    by_email = {email.lower(): pk for pk, _token, email, edition_id in keys if edition_id == edition.pk}
    rows = Registration.objects.in_bulk([pk for pk, *_rest in keys])
    found = {}
    for index, data in enumerate(applications):
        pk = by_token.get(data.form_token) or by_email.get(data.email)
        if pk is not None:
            found[index] = rows[pk]
    return found


class _SeatsTaken(Exception):
    """Seats decided before taking the lock no longer add up once it is held: decide again under the lock."""


def _store_open_group(
    edition: Edition, entries: list[tuple[ApplicationData, object]], organisations: dict[str, Organisation]
) -> list:
    """Decide and store a group of open-route applications, holding the seat lock as briefly as possible.

    The seat lock is held until the commit, and under a burst the time it is held, not the work, bounds throughput.
    So the group is first decided on the seat counts as they are, written, and only then is the lock taken and the
    counts read again, now including these rows and every application committed meanwhile. If they add up (no mode
    over capacity, nobody waitlisted in a mode with a free seat, the policy unchanged) the transaction commits with
    the lock held for two statements. If not, it rolls back and the group is decided again with the lock held
    throughout, as every other seat change is.
    """
    try:
        with _seat_transaction():
            policy, held = _policy_with_held_seats(edition)
            outcomes = _create_open(policy, held, entries, organisations)
            locked = _lock_policy(edition)
            if not _seats_add_up(policy, locked, _held_by_mode(edition), outcomes):
                raise _SeatsTaken
            return outcomes
    except _SeatsTaken:
        pass
    with _seat_lock(edition) as policy:
        return _create_open(policy, _held_by_mode(edition), entries, organisations)


def _seats_add_up(decided_on: RegistrationPolicy, locked: RegistrationPolicy, held: dict[str, int], outcomes) -> bool:
    """Whether a group decided on `decided_on` may commit, now that the lock is held and `held` (this group's rows
    included) counts every committed seat: the policy is unchanged, the group gave no seat beyond capacity, and it
    waitlisted nobody in a mode that still has a free seat."""
    rules_of_decision = ("opens_at", "closes_at", "moderated", "in_person_capacity", "online_capacity")
    if any(getattr(decided_on, name) != getattr(locked, name) for name in rules_of_decision):
        return False
    seated, waitlisted = set(), set()
    for outcome in outcomes:
        registration = outcome.registration
        (waitlisted if registration.status == Status.WAITLISTED else seated).add(registration.attendance)
    for mode in Attendance.values:
        capacity = locked.capacity_for(mode)
        if capacity is None:
            continue
        # Seats held beyond a capacity an organiser lowered are not this group's doing unless it gave one.
        if (mode in seated and held[mode] > capacity) or (mode in waitlisted and held[mode] < capacity):
            return False
    return True


def _create_open(
    policy: RegistrationPolicy,
    held: dict[str, int],
    entries: list[tuple[ApplicationData, object]],
    organisations: dict[str, Organisation],
) -> list:
    """Decide and store new applications on an open route, in arrival order, given the seats `held` per mode."""
    edition = policy.edition
    _check_window(policy)
    free = {mode: policy.capacity_for(mode) for mode in Attendance.values}
    for mode, capacity in free.items():
        if capacity is not None:
            free[mode] = capacity - held[mode]
    now = timezone.now()
    created: list[tuple[Registration, object]] = []
    for data, actor in entries:
        if free[data.attendance] is not None and free[data.attendance] <= 0:
            status = Status.WAITLISTED
        else:
            status = Status.PENDING if policy.moderated else Status.APPROVED
            if free[data.attendance] is not None:
                free[data.attendance] -= 1
        organisation = organisations.get(_organisation_key(data.organisation_name))
        created.append((_new_registration(edition, data, status, organisation, None, now), actor))
    Registration.objects.bulk_create([registration for registration, _actor in created])
    audit.record_all([_submission_audit(registration, actor) for registration, actor in created])
    queue_emails(
        [_transition_email(registration, SUBMISSION_EMAILS[registration.status]) for registration, _a in created]
    )
    return [SubmissionResult(registration, True) for registration, _actor in created]


def _policy_with_held_seats(edition: Edition) -> tuple[RegistrationPolicy, dict[str, int]]:
    """The policy and the seats held per mode, in one statement and without the lock."""
    annotated = RegistrationPolicy.objects.filter(edition=edition).annotate(**_held_seat_subqueries())
    # It exists: a group is only stored when one of the policy's rules opened the route.
    policy = annotated.get()
    policy.edition = edition
    return policy, {mode: getattr(policy, f"held_{mode}") for mode in Attendance.values}


def _held_seat_subqueries() -> dict[str, Coalesce]:
    """held_<mode> annotations for a policy row: seats held by participants of its edition in that mode."""
    annotations = {}
    for mode in Attendance.values:
        held = (
            Registration.objects.filter(SEAT_HOLDERS, edition=OuterRef("edition"), attendance=mode)
            .order_by()
            .values("edition")
            .annotate(n=Count("id"))
            .values("n")
        )
        annotations[f"held_{mode}"] = Coalesce(Subquery(held), 0)
    return annotations


def _clean_name(name: str) -> str:
    return " ".join(name.split())


def _organisation_key(name: str) -> str:
    return _clean_name(name).lower()


def _organisations_for(applications: list[ApplicationData]) -> dict[str, Organisation]:
    """The organisations the applications name, by `_organisation_key`; new names are created (as `_organisation`
    does, outside the seat lock: an organisation is not a seat)."""
    wanted = {_organisation_key(data.organisation_name) for data in applications} - {""}
    if not wanted:
        return {}
    found: dict[str, Organisation] = {}
    rows = Organisation.objects.alias(name_lower=Lower("name")).filter(name_lower__in=wanted).order_by("pk")
    for organisation in rows.only("pk", "name"):
        found.setdefault(organisation.name.lower(), organisation)
    for data in applications:
        key = _organisation_key(data.organisation_name)
        if key and key not in found:
            found[key] = _organisation(data.organisation_name, data.organisation_type, data.country)
    return found


_open_submissions = GroupCommit(_submit_open_batch)


@dataclass(frozen=True)
class _Prepared:
    """What a submission looks up before it takes the seat lock."""

    route: RouteDecision | None
    organisation: Organisation | None


def _initial_status(policy: RegistrationPolicy, data: ApplicationData, invitation: Invitation | None) -> str:
    if invitation is not None and invitation.role == Role.SPEAKER:
        return Status.APPROVED
    if not _has_free_seat(policy, data.attendance):
        return Status.WAITLISTED
    if invitation is not None or not policy.moderated:
        return Status.APPROVED
    return Status.PENDING


def _submit_locked(
    policy: RegistrationPolicy,
    data: ApplicationData,
    invitation_token: str | None,
    actor,
    ready: _Prepared,
    decided_status: str | None,
) -> SubmissionResult:
    # No second look for a twin submission here: the unique constraints turn a lost race into an IntegrityError,
    # which rolls this transaction back and makes submit_application return the twin's application.
    edition = policy.edition
    invitation = None
    if invitation_token:
        invitation = _usable_invitation(edition, invitation_token, for_update=True)
        if invitation.email.lower() != data.email:
            raise InvitationInvalid(f"This invitation is for {invitation.email}; please register with that address.")
    else:
        _check_window(policy)
        if not ready.route.accepts_applications:
            raise RouteRefused(ready.route.message)
    status = decided_status or _initial_status(policy, data, invitation)
    now = timezone.now()
    organisation = _organisation(data.organisation_name, data.organisation_type, data.country, known=ready.organisation)
    registration = _new_registration(edition, data, status, organisation, invitation, now)
    # A lost race on the unique e-mail or form token rolls the whole transaction back; the caller returns the winner.
    registration.save()
    if invitation is not None:
        invitation.state = InvitationState.USED
        invitation.used_at = now
        invitation.save(update_fields=["state", "used_at"])
    _submission_audit(registration, actor).save()
    _notify(registration, SUBMISSION_EMAILS[status])
    return SubmissionResult(registration, True)


SUBMISSION_EMAILS = {Status.PENDING: "received", Status.APPROVED: "approved", Status.WAITLISTED: "waitlisted"}


def _new_registration(
    edition: Edition,
    data: ApplicationData,
    status: str,
    organisation: Organisation | None,
    invitation: Invitation | None,
    now: datetime,
) -> Registration:
    registration = Registration(
        edition=edition,
        given_name=data.given_name.strip(),
        family_name=data.family_name.strip(),
        email=data.email,
        gender=data.gender,
        country=data.country,
        organisation=organisation,
        organisation_type=data.organisation_type,
        position=data.position.strip(),
        head_of_agency=data.head_of_agency,
        role=invitation.role if invitation else Role.PARTICIPANT,
        attendance=data.attendance,
        status=status,
        invitation=invitation,
        form_token=data.form_token,
        consent_at=now,
        queued_at=now if status == Status.WAITLISTED else None,
        decided_at=now if status == Status.APPROVED else None,
    )
    if data.nomination_letter is not None:
        registration.nomination_letter = data.nomination_letter
    return registration


def _submission_audit(registration: Registration, actor) -> AuditEntry:
    return audit.entry(
        "registration.submitted",
        registration,
        actor=actor,
        edition=registration.edition,
        summary=(
            f"{registration.full_name} applied ({registration.get_attendance_display().lower()}): {registration.status}"
        ),
        status=registration.status,
        attendance=registration.attendance,
        invitation=registration.invitation_id,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Status changes


def _set_status(
    registration: Registration, target: str, *, actor, action: str, notify: str | None, reason: str = ""
) -> None:
    if target not in TRANSITIONS[registration.status]:
        raise IllegalTransition(
            f"An application that is {registration.get_status_display().lower()} cannot become "
            f"{Status(target).label.lower()}."
        )
    previous = registration.status
    now = timezone.now()
    registration.status = target
    if target == Status.WAITLISTED:
        registration.queued_at = now
    if target in (Status.APPROVED, Status.REJECTED):
        registration.decided_at = now
        registration.decision_reason = reason
    registration.save(update_fields=["status", "queued_at", "decided_at", "decision_reason", "updated_at"])
    audit.record(
        action,
        registration,
        actor=actor,
        edition=registration.edition,
        summary=f"{registration.full_name}: {previous} → {target}" + (f" ({reason})" if reason else ""),
        previous=previous,
        status=target,
        reason=reason,
    )
    if notify:
        _notify(registration, notify, reason=reason)


def _locked_registration(registration: Registration) -> Registration:
    return Registration.objects.select_related("edition").get(pk=registration.pk)


def _approve_locked(policy: RegistrationPolicy, registration: Registration, actor, reason: str) -> Registration:
    """Approve; an applicant without a seat gets one if free, else joins the waiting list (and this says so)."""
    if registration.status == Status.APPROVED:
        return registration
    needs_seat = registration.role == Role.PARTICIPANT and not registration.holds_seat
    if needs_seat and not _has_free_seat(policy, registration.attendance):
        if registration.status == Status.WAITLISTED:
            raise CapacityReached(
                f"No free {registration.get_attendance_display().lower()} seat: raise the capacity to approve "
                f"{registration.full_name}."
            )
        if registration.status == Status.REJECTED:
            raise CapacityReached(f"No free {registration.get_attendance_display().lower()} seat.")
    _set_status(
        registration, Status.APPROVED, actor=actor, action="registration.approved", notify="approved", reason=reason
    )
    return registration


def approve_registration(registration: Registration, *, actor=None, reason: str = "") -> Registration:
    """Approve one application. Pending applications already hold their seat; others need a free one."""
    with _seat_lock(registration.edition) as policy:
        return _approve_locked(policy, _locked_registration(registration), actor, reason)


def _reject_locked(policy: RegistrationPolicy, registration: Registration, actor, reason: str) -> Registration:
    if registration.status == Status.REJECTED:
        return registration
    freed = registration.holds_seat
    _set_status(
        registration, Status.REJECTED, actor=actor, action="registration.rejected", notify="rejected", reason=reason
    )
    if freed:
        _promote_waiting(policy, registration.attendance, actor=actor)
    return registration


def reject_registration(registration: Registration, *, actor=None, reason: str = "") -> Registration:
    """Reject one application (also an approved one); a seat it held goes to the oldest waiting application."""
    with _seat_lock(registration.edition) as policy:
        return _reject_locked(policy, _locked_registration(registration), actor, reason)


@dataclass
class BulkResult:
    changed: list[Registration] = field(default_factory=list)
    skipped: list[tuple[Registration, str]] = field(default_factory=list)


def _bulk(edition: Edition, registration_ids: Iterable[int], step, actor, reason: str) -> BulkResult:
    result = BulkResult()
    with _seat_lock(edition) as policy:
        chosen = Registration.objects.filter(edition=edition, pk__in=list(registration_ids)).select_related("edition")
        for registration in chosen.order_by("created_at", "id"):
            try:
                # A savepoint per row: one refusal must not undo the others.
                with transaction.atomic():
                    step(policy, registration, actor, reason)
                result.changed.append(registration)
            except RegistrationError as error:
                result.skipped.append((registration, str(error)))
    return result


def approve_registrations(
    edition: Edition, registration_ids: Iterable[int], *, actor=None, reason: str = ""
) -> BulkResult:
    """Approve many at once (only this edition's); each refusal is reported in `skipped` with its reason."""
    return _bulk(edition, registration_ids, _approve_locked, actor, reason)


def reject_registrations(
    edition: Edition, registration_ids: Iterable[int], *, actor=None, reason: str = ""
) -> BulkResult:
    """Reject many at once (only this edition's); freed seats go to the waiting list."""
    return _bulk(edition, registration_ids, _reject_locked, actor, reason)


def cancel_registration(registration: Registration, *, actor=None) -> Registration:
    """The participant withdraws; a seat they held goes to the oldest waiting application."""
    with _seat_lock(registration.edition) as policy:
        registration = _locked_registration(registration)
        if registration.status == Status.CANCELLED:
            return registration
        freed = registration.holds_seat
        _set_status(registration, Status.CANCELLED, actor=actor, action="registration.cancelled", notify="cancelled")
        if freed:
            _promote_waiting(policy, registration.attendance, actor=actor)
        return registration


def change_attendance(registration: Registration, attendance: str, *, actor=None) -> Registration:
    """Move to the other attendance mode, re-checked against its capacity.

    Someone holding a seat keeps it unless the other mode has a free one (CapacityReached says so); someone waiting
    joins the end of the other mode's waiting list, or takes a free seat there. A freed seat is promoted.
    """
    if attendance not in Attendance.values:
        raise RegistrationError(f"Unknown attendance mode: {attendance!r}.")
    with _seat_lock(registration.edition) as policy:
        registration = _locked_registration(registration)
        if registration.attendance == attendance:
            return registration
        if registration.status in (Status.REJECTED, Status.CANCELLED):
            raise IllegalTransition("This application is closed; its attendance mode can no longer change.")
        previous = registration.attendance
        target_label = Attendance(attendance).label.lower()
        free = registration.role == Role.SPEAKER or _has_free_seat(policy, attendance)
        if registration.holds_seat and not free:
            raise CapacityReached(
                f"There is no free {target_label} seat; you keep your {previous.replace('_', ' ')} seat."
            )
        registration.attendance = attendance
        registration.save(update_fields=["attendance", "updated_at"])
        audit.record(
            "registration.attendance_changed",
            registration,
            actor=actor,
            edition=registration.edition,
            summary=f"{registration.full_name}: {previous} → {attendance}",
            previous=previous,
            attendance=attendance,
        )
        if registration.status == Status.WAITLISTED:
            if free:
                target = Status.PENDING if policy.moderated and registration.invitation_id is None else Status.APPROVED
                _set_status(registration, target, actor=actor, action="registration.promoted", notify="promoted")
            else:
                registration.queued_at = timezone.now()
                registration.save(update_fields=["queued_at"])
                _notify(registration, "waitlisted")
        if registration.role == Role.PARTICIPANT:
            _promote_waiting(policy, previous, actor=actor)
        return registration


def confirm_attendance(registration: Registration, *, actor=None) -> Registration:
    """An approved participant confirms they will come (or join online)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("edition").get(pk=registration.pk)
        if registration.status != Status.APPROVED:
            raise IllegalTransition("Only an approved registration can be confirmed.")
        if registration.confirmed_at is None:
            registration.confirmed_at = timezone.now()
            registration.save(update_fields=["confirmed_at", "updated_at"])
            audit.record(
                "registration.confirmed",
                registration,
                actor=actor,
                edition=registration.edition,
                summary=f"{registration.full_name} confirmed attendance",
            )
        return registration


def fill_free_seats(edition: Edition, *, actor=None) -> list[Registration]:
    """Promote waiting applications into any free seats (after capacity was raised); returns those promoted."""
    with _seat_lock(edition) as policy:
        promoted = []
        for mode in Attendance.values:
            promoted += _promote_waiting(policy, mode, actor=actor)
        return promoted


def set_capacity(edition: Edition, *, in_person: int | None, online: int | None, actor=None) -> list[Registration]:
    """Change both capacities (None = unlimited) and promote into seats that opened; returns those promoted.

    Lowering a capacity below the seats already held takes nobody's seat: it only stops new ones being given.
    """
    with _seat_lock(edition) as policy:
        previous = {"in_person": policy.in_person_capacity, "online": policy.online_capacity}
        policy.in_person_capacity, policy.online_capacity = in_person, online
        policy.save(update_fields=["in_person_capacity", "online_capacity", "updated_at"])
        audit.record(
            "registration.capacity_changed",
            policy,
            actor=actor,
            edition=edition,
            summary=f"Capacity in person {in_person}, online {online}",
            previous=previous,
            in_person=in_person,
            online=online,
        )
        promoted = []
        for mode in Attendance.values:
            promoted += _promote_waiting(policy, mode, actor=actor)
        return promoted


# ---------------------------------------------------------------------------------------------------------------------
# Queries for the participant and the organisers


def registration_for(edition: Edition, user) -> Registration | None:
    """The signed-in person's own application, found by their e-mail address; nobody else's."""
    if not getattr(user, "is_authenticated", False) or not user.email:
        return None
    return (
        Registration.objects.filter(edition=edition, email=user.email.strip().lower()).select_related("edition").first()
    )


def online_link_for(registration: Registration | None) -> str:
    """The edition's meeting link, for an approved registration only."""
    if registration is None or registration.status != Status.APPROVED:
        return ""
    return registration.edition.online_meeting_url


def registrations_for_review(
    edition: Edition,
    *,
    status: str = "",
    country: str = "",
    organisation_type: str = "",
    attendance: str = "",
    role: str = "",
    search: str = "",
) -> QuerySet[Registration]:
    """This edition's applications filtered as the moderation queue asks (empty filter = any), oldest first."""
    queryset = Registration.objects.filter(edition=edition).select_related("organisation", "invitation")
    if status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(country=country.upper())
    if organisation_type:
        queryset = queryset.filter(organisation_type=organisation_type)
    if attendance:
        queryset = queryset.filter(attendance=attendance)
    if role:
        queryset = queryset.filter(role=role)
    for word in search.split():
        queryset = queryset.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(position__icontains=word)
        )
    return queryset.order_by("created_at", "id")


def waiting_list(edition: Edition, attendance: str) -> QuerySet[Registration]:
    """The waiting list of one mode in promotion order."""
    return Registration.objects.filter(
        edition=edition, role=Role.PARTICIPANT, attendance=attendance, status=Status.WAITLISTED
    ).order_by("queued_at", "created_at", "id")


# ---------------------------------------------------------------------------------------------------------------------
# Invitations


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(edition: Edition, token: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + reverse("registration:redeem", kwargs={"slug": edition.slug, "token": token})


def find_invitation(edition: Edition, token: str) -> Invitation:
    """The usable invitation behind `token`, or InvitationInvalid saying why not."""
    return _usable_invitation(edition, token)


def _usable_invitation(edition: Edition, token: str, *, for_update: bool = False) -> Invitation:
    queryset = Invitation.objects.filter(edition=edition, token_hash=_token_hash(token or ""))
    if for_update:
        queryset = queryset.select_for_update()
    invitation = queryset.first()
    if invitation is None:
        raise InvitationInvalid("This invitation link is not valid. Please check the link in your e-mail.")
    if invitation.state == InvitationState.REVOKED:
        raise InvitationInvalid("This invitation has been withdrawn by the organisers.")
    if invitation.state == InvitationState.USED:
        raise InvitationInvalid("This invitation has already been used. Sign in to see your registration.")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("This invitation has expired. Please ask the organisers to send it again.")
    return invitation


def invite(
    edition: Edition,
    *,
    email: str,
    role: str = Role.PARTICIPANT,
    given_name: str = "",
    family_name: str = "",
    actor=None,
    lifetime: timedelta = INVITATION_LIFETIME,
) -> Invitation:
    """Invite one person (as participant or speaker) and e-mail them a single-use link valid for `lifetime`.

    An open invitation already sent to the same address for this edition is re-sent instead of duplicated.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationError(f"Not a valid e-mail address: {email!r}.") from None
    if role not in Role.values:
        raise RegistrationError(f"Unknown role: {role!r}.")
    with transaction.atomic():
        return _invite_locked(edition, email, role, given_name.strip(), family_name.strip(), actor, lifetime)


def _invite_locked(edition, email, role, given_name, family_name, actor, lifetime) -> Invitation:
    if Registration.objects.filter(edition=edition, email=email).exists():
        raise RegistrationError(f"{email} has already registered for this edition.")
    open_one = Invitation.objects.filter(edition=edition, email=email, state=InvitationState.OPEN).first()
    if open_one is not None:
        return _send_invitation(open_one, actor=actor, lifetime=lifetime, action="invitation.resent")
    invitation = Invitation(
        edition=edition,
        email=email,
        role=role,
        given_name=given_name,
        family_name=family_name,
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        token_hash="",
        expires_at=timezone.now() + lifetime,
    )
    return _send_invitation(invitation, actor=actor, lifetime=lifetime, action="invitation.created")


def _send_invitation(invitation: Invitation, *, actor, lifetime: timedelta, action: str) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _token_hash(token)
    invitation.expires_at = now + lifetime
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.save()
    audit.record(
        action,
        invitation,
        actor=actor,
        edition=invitation.edition,
        summary=f"Invitation to {invitation.email} as {invitation.role}",
        role=invitation.role,
    )
    subject, body = notifications.invitation(invitation, invitation_url(invitation.edition, token))
    queue_email(
        to=invitation.email, subject=subject, body=body, kind="registration.invited", edition=invitation.edition
    )
    return invitation


def resend_invitation(invitation: Invitation, *, actor=None, lifetime: timedelta = INVITATION_LIFETIME) -> Invitation:
    """Send a fresh link (the old one stops working) and extend the expiry."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("edition").get(pk=invitation.pk)
        if invitation.state != InvitationState.OPEN:
            raise IllegalTransition(
                f"This invitation is {invitation.get_state_display().lower()}: it cannot be re-sent."
            )
        return _send_invitation(invitation, actor=actor, lifetime=lifetime, action="invitation.resent")


def revoke_invitation(invitation: Invitation, *, actor=None) -> Invitation:
    """Withdraw an unused invitation: its link stops working at once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("edition").get(pk=invitation.pk)
        if invitation.state == InvitationState.REVOKED:
            return invitation
        if invitation.state == InvitationState.USED:
            raise IllegalTransition("This invitation has been used already; reject or cancel the registration instead.")
        invitation.state = InvitationState.REVOKED
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["state", "revoked_at"])
        audit.record(
            "invitation.revoked",
            invitation,
            actor=actor,
            edition=invitation.edition,
            summary=f"Invitation to {invitation.email} revoked",
        )
        return invitation


INVITATION_CSV_COLUMNS = ("email", "given_name", "family_name", "role")


def invite_from_csv(
    edition: Edition, csv_text: str, *, default_role: str = Role.PARTICIPANT, actor=None
) -> list[Invitation]:
    """Invite everyone in a CSV (header: email, and optionally given_name, family_name, role).

    All or nothing: any bad row raises ImportFailed with 'line N: reason' for every bad row and invites nobody.
    """
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    if not reader.fieldnames or "email" not in [name.strip() for name in reader.fieldnames]:
        raise ImportFailed(["line 1: the header must name at least the column 'email'"])
    rows, errors, seen = [], [], set()
    for line_number, raw in enumerate(reader, start=2):
        row = {(key or "").strip(): (value or "").strip() for key, value in raw.items()}
        email = row.get("email", "").lower()
        role = row.get("role") or default_role
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"line {line_number}: bad e-mail address {email!r}")
            continue
        if role not in Role.values:
            errors.append(f"line {line_number}: unknown role {role!r} (expected participant or speaker)")
            continue
        if email in seen:
            errors.append(f"line {line_number}: {email} appears twice")
            continue
        if Registration.objects.filter(edition=edition, email=email).exists():
            errors.append(f"line {line_number}: {email} has already registered")
            continue
        seen.add(email)
        rows.append((email, role, row.get("given_name", ""), row.get("family_name", "")))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        return [
            _invite_locked(edition, email, role, given, family, actor, INVITATION_LIFETIME)
            for email, role, given, family in rows
        ]


# ---------------------------------------------------------------------------------------------------------------------
# E-mail


def _notify(registration: Registration, kind: str, *, reason: str = "") -> None:
    """Queue the e-mail for a transition in the current transaction."""
    queue_email(**_transition_email(registration, kind, reason=reason))


def _transition_email(registration: Registration, kind: str, *, reason: str = "") -> dict:
    """The outbox message for a transition; it links to the participant's own page.

    Not a one-time sign-in link: those expire after 20 minutes and people read such mail hours later. The page asks
    them to sign in and mails a fresh link.
    """
    page = settings.SITE_URL + reverse("registration:mine", kwargs={"slug": registration.edition.slug})
    subject, body = notifications.transition(
        registration, kind, page_url=page if kind != "rejected" else "", reason=reason
    )
    return {
        "to": registration.email,
        "subject": subject,
        "body": body,
        "kind": f"registration.{kind}",
        "edition": registration.edition,
    }


# ---------------------------------------------------------------------------------------------------------------------
# Import (DESIGN.md's registration CSV)

IMPORT_COLUMNS = (
    "given_name",
    "family_name",
    "email",
    "gender",
    "country",
    "organization",
    "organization_type",
    "role",
    "attendance",
    "status",
    "head_of_agency",
)
_YES_NO = {"yes": True, "no": False}


def _choice_error(column: str, value: str, allowed: Iterable[str]) -> str:
    return f"unknown {column} {value!r} (expected one of {', '.join(allowed)})"


def _import_row(row: dict[str, str], seen: set[str], taken: set[str]) -> tuple[dict, list[str]]:
    problems = []
    email = row["email"].lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"bad e-mail address {row['email']!r}")
    else:
        if email in seen:
            problems.append(f"{email} appears twice in the file")
        elif email in taken:
            problems.append(f"{email} is already registered for this edition")
    if not row["given_name"]:
        problems.append("given_name is empty")
    if not is_valid_iso2(row["country"]):
        problems.append(f"unknown country code {row['country']!r} (expected ISO 3166-1 alpha-2, e.g. FR)")
    checks = (
        ("gender", Gender.values),
        ("organization_type", OrganisationType.values),
        ("role", Role.values),
        ("attendance", Attendance.values),
        ("status", Status.values),
        ("head_of_agency", list(_YES_NO)),
    )
    problems += [
        _choice_error(column, row[column], allowed) for column, allowed in checks if row[column] not in allowed
    ]
    return {**row, "email": email}, problems


def import_registrations(edition: Edition, csv_text: str, *, actor=None) -> int:
    """Import DESIGN.md's registration CSV into `edition`; return the number of rows imported.

    All or nothing: every row is checked first and any bad row raises ImportFailed listing 'line N: reason' (line
    numbers as in the file, the header is line 1) with nothing written. Imported rows keep the status in the file,
    whatever the capacity (they record decisions already taken), and no e-mail is sent. One audit entry records the
    import.
    """
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in IMPORT_COLUMNS if column not in header]
    if missing:
        raise ImportFailed([f"line 1: missing column(s) {', '.join(missing)}"])
    reader.fieldnames = header
    taken = set(Registration.objects.filter(edition=edition).values_list("email", flat=True))
    rows, errors, seen = [], [], set()
    for raw in reader:
        line_number = reader.line_num
        if None in raw:
            errors.append(f"line {line_number}: more values than columns")
            continue
        row = {column: (raw.get(column) or "").strip() for column in IMPORT_COLUMNS}
        row, problems = _import_row(row, seen, taken)
        errors += [f"line {line_number}: {problem}" for problem in problems]
        seen.add(row["email"])
        rows.append(row)
    if errors:
        raise ImportFailed(errors)
    now = timezone.now()
    with transaction.atomic():
        organisations: dict[tuple[str, str], Organisation | None] = {}
        registrations = []
        for row in rows:
            key = (row["organization"], row["organization_type"])
            if key not in organisations:
                organisations[key] = _organisation(row["organization"], row["organization_type"], row["country"])
            registrations.append(
                Registration(
                    edition=edition,
                    given_name=row["given_name"],
                    family_name=row["family_name"],
                    email=row["email"],
                    gender=row["gender"],
                    country=row["country"],
                    organisation=organisations[key],
                    organisation_type=row["organization_type"],
                    role=row["role"],
                    attendance=row["attendance"],
                    status=row["status"],
                    head_of_agency=_YES_NO[row["head_of_agency"]],
                    imported=True,
                    queued_at=now if row["status"] == Status.WAITLISTED else None,
                    decided_at=now if row["status"] in (Status.APPROVED, Status.REJECTED) else None,
                )
            )
        Registration.objects.bulk_create(registrations, batch_size=500)
        audit.record(
            "registration.imported",
            get_policy(edition),
            actor=actor,
            edition=edition,
            summary=f"{len(registrations)} registrations imported from CSV (no e-mail sent)",
            count=len(registrations),
        )
    return len(rows)
