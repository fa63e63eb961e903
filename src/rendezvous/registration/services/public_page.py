"""What the public registration page shows of an edition's policy, read once per process for a moment.

Every applicant of a burst loads this page; its policy, rules and seats' state are the same for all of them. A
process keeps what it read for at most `max_age` seconds, and forgets it at once when a policy, rule or edition is
saved or deleted in any process sharing the cache (a token in the cache is renewed, as for editions). The seats'
state may so be up to `max_age` seconds old on the page: it is only shown; every seat decision counts again under
the seat lock.
"""

import dataclasses
import time
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from rendezvous.events.models import Edition

from ..models import RegistrationPolicy, RegistrationRule
from .policy import get_policy
from .seating import full_modes

POLICY_TOKEN_KEY = "registration:policies-token"
# How old a state the registration page and the group commit take (a saved policy is read afresh at once).
RECENT_POLICY_SECONDS = 2
_recent: dict[int, tuple[float, str | None, "PageState"]] = {}


@dataclass(frozen=True)
class PageState:
    policy: RegistrationPolicy
    rules: list[RegistrationRule]
    full_modes: frozenset[str]
    # What a page derives from this state alone (a digest, say), kept with it by its callers for as long as the
    # state is: the same for every applicant until it is read again.
    derived: dict = field(default_factory=dict, compare=False, repr=False)
    # The venue lines and calendar files of the confirmation e-mails (emails.transition_emails' `places`), which
    # depend on the edition and its venue, never on seats: kept from one group to the next (services.burst).
    email_places: dict = field(default_factory=dict, compare=False, repr=False)


def _token() -> str | None:
    token = cache.get(POLICY_TOKEN_KEY)
    if token is None:
        cache.add(POLICY_TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(POLICY_TOKEN_KEY)
    return token


def _renew_token() -> None:
    cache.set(POLICY_TOKEN_KEY, uuid.uuid4().hex, None)


def page_state(edition: Edition, *, max_age: float = 0) -> PageState:
    """The edition's policy, rules and full attendance modes, as read at most `max_age` seconds ago."""
    token = _token() if max_age else None
    recent = _recent.get(edition.pk)
    if max_age and recent is not None and time.monotonic() - recent[0] < max_age and recent[1] == token:
        return recent[2]
    policy = get_policy(edition)
    policy.edition = edition
    state = PageState(policy, list(policy.rules.all()), frozenset(full_modes(policy)))
    if max_age:
        _recent[edition.pk] = (time.monotonic(), token, state)
    return state


def seats_counted(edition: Edition, held: dict[str, int] | None) -> None:
    """This process has just changed the edition's seats and counted them under the seat lock (`held` per mode, or
    None if it did not): the state it keeps shows them at once, so that the page read next in this process is not
    older than the change (other processes may show it up to `max_age` seconds late, as for any seat change)."""
    recent = _recent.get(edition.pk)
    if recent is None:
        return
    if held is None:
        _recent.pop(edition.pk, None)
        return
    when, token, state = recent
    capacities = {mode: state.policy.capacity_for(mode) for mode in held}
    full = frozenset(mode for mode, count in held.items() if capacities[mode] is not None and count >= capacities[mode])
    # What the page derived may depend on the seats; the e-mails' places are carried over.
    _recent[edition.pk] = (when, token, dataclasses.replace(state, full_modes=full, derived={}))


def forget_recent_policies(sender, **kwargs) -> None:
    """Signal receiver: a saved or deleted policy, rule or edition is read afresh next time, in every process."""
    _recent.clear()
    _renew_token()
    if transaction.get_connection().in_atomic_block:
        # Another process may read the old rows until the commit and remember them under the new token; renew again.
        transaction.on_commit(_renew_token)
