"""The group-commit route for bursts of open-route applications.

When registration opens, thousands apply within minutes. Open-route applications that reach one server process at
the same moment are grouped (`rendezvous.core.group_commit`): one transaction stores the whole group, its audit
entries and its e-mails, decided on the current seat counts and checked again under the seat lock just before the
commit (`_store_open_group`), so the lock is held for two statements however large the group. Every applicant still
gets their own answer, only after their group has committed.
"""

import time

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext

from rendezvous.core import audit
from rendezvous.core.compiled import CompiledInsert, CompiledQuery
from rendezvous.core.group_commit import GroupCommit, GroupCommitTimeout
from rendezvous.core.models import Organisation
from rendezvous.core.outbox import queue_emails
from rendezvous.events.models import Edition

from ..models import Attendance, Registration, RegistrationPolicy, Status
from .application import (
    ApplicationData,
    SubmissionResult,
    existing_many,
    gives_way,
    letters_saved_once,
    new_registration,
    organisation_key,
    organisation_named,
    submission_audit,
)
from .emails import SUBMISSION_EMAILS, transition_emails
from .errors import BUSY_MESSAGE, RegistrationBusy, RegistrationError, RouteRefused, WindowClosed
from .policy import check_window, route_by_rules
from .public_page import RECENT_POLICY_SECONDS, page_state, seats_counted
from .seating import SEAT_RULES, held_by_mode, is_deadlock, lock_seat_rules, seat_lock, seat_transaction
from .single import submit_one
from .status import starting_status


def group_commit_applies() -> bool:
    """Whether an open-route application now goes through the group commit."""
    # Inside a caller's transaction the batch would commit (or roll back) other people's applications with it.
    return settings.REGISTRATION_GROUP_COMMIT and not connection.in_atomic_block


def submit_in_group(edition: Edition, data: ApplicationData, actor) -> SubmissionResult:
    """Submit a checked open-route application with the others arriving at this moment; RegistrationBusy if it is
    never taken into a group."""
    try:
        # The group is processed in the thread of whoever leads it, in that applicant's language: each applicant's
        # own language goes with the application, for the errors they are told.
        return _open_submissions.run((edition, data, actor, get_language()))
    except GroupCommitTimeout:
        raise RegistrationBusy(gettext(BUSY_MESSAGE)) from None


def _submit_open_batch(
    items: list[tuple[Edition, ApplicationData, object, str]],
) -> list[SubmissionResult | Exception]:
    """The group commit's work: open-route applications that arrived together, one transaction per edition."""
    outcomes: list[SubmissionResult | Exception | None] = [None] * len(items)
    by_edition: dict[int, list[int]] = {}
    for index, (edition, _data, _actor, _language) in enumerate(items):
        by_edition.setdefault(edition.pk, []).append(index)
    for indexes in by_edition.values():
        edition = items[indexes[0]][0]
        entries = [(items[index][1], items[index][2]) for index in indexes]
        try:
            group_outcomes = _submit_open_group(edition, entries, [items[index][3] for index in indexes])
        except Exception as error:  # this edition's applicants hear why; other editions' batches go on
            group_outcomes = [error] * len(indexes)
        for index, outcome in zip(indexes, group_outcomes, strict=True):
            outcomes[index] = outcome
    return outcomes


def _submit_open_group(
    edition: Edition, entries: list[tuple[ApplicationData, object]], languages: list[str] | None = None
) -> list:
    """Submit applications to one edition in one seat transaction, with the outcomes `submit_application` gives one
    by one.

    Repeats (an application already stored, or a twin in this very group) get the existing application. A refused
    route is that applicant's outcome; a closed window or a busy lock is the outcome of every new application. If a
    twin sent to another server process wins a race on a unique constraint, the transaction rolls back and each
    application is submitted on its own. Each error is worded in its applicant's language (`languages`, by entry;
    the current language if not given).
    """
    languages = languages or [get_language()] * len(entries)
    outcomes: list = [None] * len(entries)
    stored = existing_many(edition, [data for data, _actor in entries])
    # Configuration, not seats: read before the seat transaction, as the registration page reads it (a saved policy
    # or rule is read afresh at once, in every process; see public_page). The seats are decided on this policy only
    # if it is still the policy once the seat lock is held.
    state = page_state(edition, max_age=RECENT_POLICY_SECONDS)
    rules = state.rules
    refused: dict[int, RouteRefused] = {}
    first_by_key: dict[object, int] = {}
    twins: dict[int, int] = {}
    fresh: list[int] = []
    for index, (data, _actor) in enumerate(entries):
        if index in stored and not gives_way(stored[index], data, _actor):
            outcomes[index] = SubmissionResult(stored[index], False)
            continue
        route = route_by_rules(rules, data.country)
        refusal = route.refusal(data.attendance)
        if refusal:
            with translation.override(languages[index]):  # the route's words too are in the leader's language
                refused[index] = RouteRefused(route_by_rules(rules, data.country).refusal(data.attendance))
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
        with letters_saved_once([data for data, _actor in group]):
            try:
                organisations = _organisations_for([data for data, _actor in group])
                # The venue line and calendar file of the e-mails, kept with the state: a saved venue, edition or
                # policy is read afresh at once (public_page.forget_recent_policies).
                created = _store_open_group(edition, state.policy, group, organisations, state.email_places)
            except (IntegrityError, OperationalError) as error:
                # A twin sent to the other server process won a race on a unique constraint, or the two groups
                # inserted the same people in opposite orders and PostgreSQL broke the deadlock: one by one, each
                # application finds its twin.
                if isinstance(error, OperationalError) and not is_deadlock(error):
                    raise
                created = [
                    _in_language(languages[index], _outcome_of, submit_one, edition, data, None, actor)
                    for index, (data, actor) in zip(fresh, group, strict=True)
                ]
            except RegistrationError as error:
                created = [error] * len(group)
                window_closed = error if isinstance(error, WindowClosed) else None
        for index, outcome in zip(fresh, created, strict=True):
            outcomes[index] = outcome
    elif refused:
        window_closed = _outcome_of(check_window, state.policy)
    for index, refusal in refused.items():
        # One by one, the window is checked before the route.
        outcomes[index] = window_closed or refusal
    for index, twin in twins.items():
        first = outcomes[twin]
        outcomes[index] = SubmissionResult(first.registration, False) if isinstance(first, SubmissionResult) else first
    return [_worded_for(outcome, language, state.policy) for outcome, language in zip(outcomes, languages, strict=True)]


def _outcome_of(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except RegistrationError as error:
        return error


def _in_language(language: str, function, *args):
    with translation.override(language):
        return function(*args)


def _worded_for(outcome, language: str, policy: RegistrationPolicy):
    """An error decided once for the whole group (a closed window, a busy lock) was worded in the language of the
    applicant leading the group: word it again in this applicant's."""
    if not isinstance(outcome, (WindowClosed, RegistrationBusy)) or language == get_language():
        return outcome
    with translation.override(language):
        if isinstance(outcome, RegistrationBusy):
            return RegistrationBusy(gettext(BUSY_MESSAGE))
        # The window as this group saw it; if it was found closed only under the lock, the leader's words stand.
        return _outcome_of(check_window, policy) or outcome


# The seats held per mode as this process last counted them under the seat lock, after its last group committed, by
# edition: (when, counts). See _policy_with_held_seats.
_held_under_lock: dict[object, tuple[float, dict[str, int]]] = {}


class _SeatsTaken(Exception):
    """Seats decided before taking the lock no longer add up once it is held: decide again under the lock."""


def _store_open_group(
    edition: Edition,
    policy: RegistrationPolicy,
    entries: list[tuple[ApplicationData, object]],
    organisations: dict[str, Organisation],
    places: dict,
) -> list:
    """Decide and store a group of open-route applications, holding the seat lock as briefly as possible.

    The seat lock is held until the commit, and under a burst the time it is held, not the work, bounds throughput.
    So the group is first decided on `policy` (read a moment ago, never changed here) and the seat counts as they
    are, written, and only then is the lock taken and the counts read again, now including these rows and every
    application committed meanwhile. If they add up (no mode over capacity, nobody waitlisted in a mode with a free
    seat, the policy unchanged) the transaction commits with the lock held for two statements. If not, it rolls
    back and the group is decided again with the lock held throughout, as every other seat change is.
    """
    try:
        with seat_transaction():
            policy, held = _policy_with_held_seats(edition, policy)
            outcomes = _create_open(policy, held, entries, organisations, places)
            locked = lock_seat_rules(edition)
            held_now = held_by_mode(edition)
            if not _seats_add_up(policy, locked, held_now, outcomes):
                raise _SeatsTaken
        _held_under_lock[edition.uuid] = (time.monotonic(), held_now)
        seats_counted(edition, held_now)
        return outcomes
    except _SeatsTaken:
        pass
    _held_under_lock.pop(edition.uuid, None)
    with seat_lock(edition) as policy:
        outcomes = _create_open(policy, held_by_mode(edition), entries, organisations, places)
    seats_counted(edition, None)
    return outcomes


def _seats_add_up(decided_on: RegistrationPolicy, locked: dict | None, held: dict[str, int], outcomes) -> bool:
    """Whether a group decided on `decided_on` may commit, now that the lock is held, `locked` is the policy's
    SEAT_RULES and `held` (this group's rows included) counts every committed seat: the rules are unchanged, the group
    gave no seat beyond capacity, and it waitlisted nobody in a mode that still has a free seat."""
    if locked is None or any(getattr(decided_on, name) != locked[name] for name in SEAT_RULES):
        return False
    seated, waitlisted = set(), set()
    for outcome in outcomes:
        registration = outcome.registration
        (waitlisted if registration.status == Status.WAITLISTED else seated).add(registration.attendance)
    for mode in Attendance.values:
        capacity = decided_on.capacity_for(mode)
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
    places: dict,
) -> list:
    """Decide and store new applications on an open route, in arrival order, given the seats `held` per mode
    (`places`: see `emails.transition_emails`)."""
    edition = policy.edition
    check_window(policy)
    free = {mode: policy.capacity_for(mode) for mode in Attendance.values}
    for mode, capacity in free.items():
        if capacity is not None:
            free[mode] = capacity - held[mode]
    now = timezone.now()
    created: list[tuple[Registration, object]] = []
    for data, actor in entries:
        seat_free = free[data.attendance] is None or free[data.attendance] > 0
        status = starting_status(policy, seat_free=seat_free, invited=False)
        if seat_free and free[data.attendance] is not None:
            free[data.attendance] -= 1
        organisation = organisations.get(organisation_key(data.organisation_name))
        created.append((new_registration(edition, data, status, organisation, None, now), actor))
    _registration_rows.insert([registration for registration, _actor in created])
    audit.record_all([submission_audit(registration, actor) for registration, actor in created])
    transitions = [(registration, SUBMISSION_EMAILS[registration.status]) for registration, _actor in created]
    queue_emails(transition_emails(transitions, places=places))
    return [SubmissionResult(registration, True) for registration, _actor in created]


def _policy_with_held_seats(
    edition: Edition, recent_policy: RegistrationPolicy
) -> tuple[RegistrationPolicy, dict[str, int]]:
    """The policy to decide on (read a moment ago) and the seats held per mode, without the lock: neither need agree
    with what the lock finds, since the decision is checked again under it. The seats are those this process counted
    under the lock after its last group, if that was at most RECENT_POLICY_SECONDS ago: under a burst, groups follow
    each other within milliseconds, and a count other processes changed meanwhile only sends the group down the
    path that decides again under the lock."""
    remembered = _held_under_lock.get(edition.uuid)
    if remembered is not None and time.monotonic() - remembered[0] < RECENT_POLICY_SECONDS:
        return recent_policy, dict(remembered[1])
    return recent_policy, held_by_mode(edition)


# Run by every group a burst commits (see core.compiled).
_organisations_named = CompiledQuery(
    lambda names: (
        Organisation.objects.alias(name_lower=Lower("name"))
        .filter(name_lower__in=names)
        .order_by("pk")
        .values_list("pk", "name")
    ),
    [str],
)


def _organisations_for(applications: list[ApplicationData]) -> dict[str, Organisation]:
    """The organisations the applications name, by `organisation_key`; new names are created (as
    `organisation_named` does, outside the seat lock: an organisation is not a seat)."""
    wanted = [key for key in dict.fromkeys(organisation_key(data.organisation_name) for data in applications) if key]
    if not wanted:
        return {}
    found: dict[str, Organisation] = {}
    for pk, name in _organisations_named.rows(wanted):
        # As .only("pk", "name") would load it: any other field is read from the database when asked for.
        found.setdefault(name.lower(), Organisation.from_db(connection.alias, ["id", "name"], (pk, name)))
    for data in applications:
        key = organisation_key(data.organisation_name)
        if key and key not in found:
            found[key] = organisation_named(data.organisation_name, data.organisation_type, data.country)
    return found


# Written by every group a burst commits (see core.compiled).
_registration_rows = CompiledInsert(Registration)

_open_submissions = GroupCommit(_submit_open_batch)
