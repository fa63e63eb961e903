"""Seats and the seat lock.

A participant whose application is pending or approved holds a seat in their attendance mode; speakers sit outside
the public capacity. Availability is counted from those rows, never kept in a counter. Every change that takes or
frees a seat runs in one transaction that first locks the edition's policy row (PostgreSQL: `SELECT ... FOR UPDATE`
with a short lock timeout; SQLite: the settings open every transaction with BEGIN IMMEDIATE, which takes the database
write lock), then re-counts, writes, queues its e-mail and audit entry, and commits.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.utils.translation import gettext

from rendezvous.core.compiled import CompiledQuery
from rendezvous.events.models import Edition

from ..models import HOLDS_SEAT, IS_WAITLISTED, Attendance, Registration, RegistrationPolicy, Role
from .errors import BUSY_MESSAGE, RegistrationBusy
from .policy import get_policy


@dataclass(frozen=True)
class ModeSeats:
    attendance: str
    capacity: int | None
    held: int
    waiting: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.held, 0)


# Run under the seat lock by every group a burst commits (see core.compiled).
_held_by_mode = CompiledQuery(
    lambda edition_id: (
        Registration.objects.holding_seats()
        .filter(edition_id=edition_id)
        .values_list("attendance")
        # COUNT(*), not of a column: the seat holders' index alone answers it (an index-only scan).
        .annotate(held=Count("*"))
        .order_by()
    )
)
# What the seats of a group are decided on: the policy's rules, not its texts.
SEAT_RULES = ("opens_at", "closes_at", "moderated", "in_person_capacity", "online_capacity")
_locked_seat_rules = CompiledQuery(
    lambda edition_id: (
        RegistrationPolicy.objects.select_for_update().filter(edition_id=edition_id).values_list(*SEAT_RULES)
    )
)


def held_by_mode(edition: Edition) -> dict[str, int]:
    """Seats held in each attendance mode."""
    held = dict.fromkeys(Attendance.values, 0)
    held.update(_held_by_mode.rows(edition.pk))
    return held


def has_free_seat(policy: RegistrationPolicy, attendance: str) -> bool:
    capacity = policy.capacity_for(attendance)
    return capacity is None or held_by_mode(policy.edition)[attendance] < capacity


def seats(edition: Edition) -> dict[str, ModeSeats]:
    """Capacity, seats held and waiting applications per attendance mode, for organisers' dashboards."""
    policy = get_policy(edition)
    rows = (
        Registration.objects.filter(edition=edition, role=Role.PARTICIPANT)
        .values("attendance")
        .annotate(
            held=Count("id", filter=HOLDS_SEAT),
            waiting=Count("id", filter=IS_WAITLISTED),
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


def full_modes(policy: RegistrationPolicy) -> set[str]:
    """The limited attendance modes whose seats are all held, for the public registration page.

    Reads at most `capacity` entries of the registration_seat_holders index per limited mode (the seat holders only,
    by edition and mode), never the edition's other registrations: the page costs the same with 200 applications as
    with 100,000. The figure is only shown; every seat decision counts again under the seat lock.
    """
    full = set()
    for mode in Attendance.values:
        capacity = policy.capacity_for(mode)
        if capacity is None:
            continue
        holders = Registration.objects.holding_seats().filter(edition_id=policy.edition_id, attendance=mode)
        if capacity == 0 or list(holders.order_by().values_list("pk", flat=True)[capacity - 1 : capacity]):
            full.add(mode)
    return full


def capacity_text(mode_seats: dict[str, ModeSeats]) -> str:
    """How limited participation is, per attendance mode, for the registration page."""
    capacities = {mode: seats_of_mode.capacity for mode, seats_of_mode in mode_seats.items()}
    full = {mode for mode, seats_of_mode in mode_seats.items() if seats_of_mode.free == 0}
    return capacity_text_of(capacities, full)


def policy_capacity_text(policy: RegistrationPolicy) -> str:
    """`capacity_text` for the public registration page, from `full_modes` rather than a count of every row."""
    return capacity_text_of({mode: policy.capacity_for(mode) for mode in Attendance.values}, full_modes(policy))


def capacity_text_of(capacities: dict[str, int | None], full: set[str]) -> str:
    # Whole phrases per mode, so that each language can word them (and agree them) its own way.
    unlimited = {
        "in_person": gettext("in-person places are not limited"),
        "online": gettext("online places are not limited"),
    }
    all_taken = {
        "in_person": gettext("in-person places are all taken, so new applications join the waiting list"),
        "online": gettext("online places are all taken, so new applications join the waiting list"),
    }
    limited = {"in_person": gettext("in-person places are limited"), "online": gettext("online places are limited")}
    phrases = []
    for mode, capacity in capacities.items():
        if capacity is None:
            phrases.append(unlimited.get(mode, mode))
        elif mode in full:
            phrases.append(all_taken.get(mode, mode))
        else:
            phrases.append(limited.get(mode, mode))
    if all(capacity is None for capacity in capacities.values()):
        return gettext("Places are not limited.")
    return gettext("Participation is limited: %(phrases)s.") % {"phrases": gettext("; ").join(phrases)}


def _is_lock_failure(error: OperationalError) -> bool:
    text = str(error).lower()
    return not is_deadlock(error) and ("lock" in text or "timeout" in text or "could not obtain" in text)


def is_deadlock(error: Exception) -> bool:
    """PostgreSQL ended this transaction to break a deadlock (SQLSTATE 40P01)."""
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


@contextmanager
def seat_transaction() -> Iterator[None]:
    """A transaction in which a lock that cannot be had quickly raises RegistrationBusy (the wait is bounded by the
    database settings: PostgreSQL's lock_timeout, SQLite's busy timeout)."""
    try:
        with transaction.atomic():
            yield
    except OperationalError as error:
        if _is_lock_failure(error):
            raise RegistrationBusy(gettext(BUSY_MESSAGE)) from error
        raise


def lock_policy(edition: Edition) -> RegistrationPolicy:
    """Take the edition's seat lock (call inside `seat_transaction`); returns the policy as it is now."""
    locked = RegistrationPolicy.objects.select_for_update().filter(edition=edition)
    policy = locked.first()
    if policy is None:
        # First use: create the (empty, closed) policy row, then lock it like any other.
        RegistrationPolicy.objects.get_or_create(edition=edition)
        policy = locked.get()
    policy.edition = edition
    return policy


def lock_seat_rules(edition: Edition) -> dict | None:
    """`lock_policy` for a group decided a moment ago: take the seat lock and return the policy's SEAT_RULES as
    they are now (None if the edition has no policy yet), without loading the whole policy."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("The seat lock is taken inside seat_transaction().")
    rows = _locked_seat_rules.rows(edition.pk)
    return dict(zip(SEAT_RULES, rows[0], strict=True)) if rows else None


@contextmanager
def seat_lock(edition: Edition) -> Iterator[RegistrationPolicy]:
    """One transaction holding the edition's seat lock; raises RegistrationBusy if it cannot be had quickly."""
    with seat_transaction():
        yield lock_policy(edition)
