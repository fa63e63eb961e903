"""The organisers' registration policy page: the window, moderation, capacities and the rules by country.

Everything is checked before anything is stored, and the whole policy is saved in one transaction under the seat lock
(capacity is compared with the seats held at that moment). Rules are mutually exclusive, so their order never decides
a route: a country sits in at most one rule, and "all other countries" covers exactly the countries no rule lists.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_countries import countries

from rendezvous.core import audit
from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.permissions import is_organiser
from rendezvous.events.models import Edition

from ..models import Attendance, RegistrationPolicy, RegistrationRule, Route
from .seating import seat_lock, seats
from .status import _promote_waiting

MAX_CAPACITY = 1_000_000
MAX_RULES = 50


class PolicyError(ValueError):
    """The policy cannot be saved as entered; `messages` says why, each in one line."""

    def __init__(self, messages: list[str], *, needs_confirmation: bool = False):
        super().__init__(" ".join(messages))
        self.messages = messages
        self.needs_confirmation = needs_confirmation


@dataclass
class RuleInput:
    countries: list[str] = field(default_factory=list)
    all_other_countries: bool = False
    route: str = Route.OPEN
    modes: list[str] = field(default_factory=lambda: list(Attendance.values))
    note: str = ""


def edition_end(edition: Edition) -> datetime.datetime:
    """The moment the edition ends: midnight after its last day, on its own clock."""
    return datetime.datetime.combine(edition.end_date + datetime.timedelta(days=1), datetime.time(), edition.zone)


def effective_closing(policy: RegistrationPolicy) -> datetime.datetime:
    return policy.closes_at or edition_end(policy.edition)


def _check_rules(rules: list[RuleInput]) -> list[str]:
    errors: list[str] = []
    if len(rules) > MAX_RULES:
        return [_("A policy has at most %(count)d rules.") % {"count": MAX_RULES}]
    owner: dict[str, int] = {}
    catch_all: int | None = None
    for number, rule in enumerate(rules, start=1):
        if rule.route not in Route.values:
            errors.append(_("Rule %(number)d: unknown route %(route)r.") % {"number": number, "route": rule.route})
        if not rule.modes or any(mode not in Attendance.values for mode in rule.modes):
            errors.append(_("Rule %(number)d: choose at least one attendance mode.") % {"number": number})
        if len(rule.note) > 300:
            errors.append(_("Rule %(number)d: the note has at most 300 characters.") % {"number": number})
        bad = [code for code in rule.countries if not is_valid_iso2(code)]
        if bad:
            errors.append(_("Rule %(number)d: unknown country code %(code)r.") % {"number": number, "code": bad[0]})
        if rule.all_other_countries:
            if rule.countries:
                errors.append(
                    _("Rule %(number)d lists countries and also “all other countries”; make it one or the other.")
                    % {"number": number}
                )
            if catch_all is not None:
                errors.append(
                    _("Rule %(number)d and rule %(other)d both cover “all other countries”.")
                    % {"number": number, "other": catch_all}
                )
            catch_all = catch_all or number
        elif not rule.countries:
            errors.append(
                _("Rule %(number)d covers no country: pick countries or “all other countries”.") % {"number": number}
            )
        for code in rule.countries:
            if code in owner and owner[code] != number:
                errors.append(
                    _("%(country)s is in rule %(other)d and in rule %(number)d: a country belongs to one rule only.")
                    % {"country": countries.name(code) or code, "other": owner[code], "number": number}
                )
            owner.setdefault(code, number)
    return errors


def save_policy(
    edition: Edition,
    *,
    actor,
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    moderated: bool,
    in_person_capacity: int | None,
    online_capacity: int | None,
    rules: list[RuleInput],
    privacy_notice: str | None = None,
    confirm_capacity: bool = False,
) -> RegistrationPolicy:
    """Replace the edition's policy with what the organiser entered; PolicyError lists every problem at once.

    No closing date means registration closes when the edition ends; a closing date after the edition's end is
    refused, so a past edition never takes registrations. Lowering a capacity below the seats already held takes
    nobody's seat, but needs `confirm_capacity` (the organiser saw the consequence).
    """
    if not is_organiser(actor, edition):
        raise PermissionDenied(_("Only the edition's organisers may change its registration policy."))
    errors = []
    end = edition_end(edition)
    if opens_at and closes_at and opens_at >= closes_at:
        errors.append(_("Registration must open before it closes."))
    if closes_at and closes_at > end:
        errors.append(_("Registration cannot close after the edition ends; leave the closing date empty for that."))
    if opens_at and opens_at >= end:
        errors.append(_("Registration cannot open after the edition has ended."))
    for label, value in ((_("In-person places"), in_person_capacity), (_("Online places"), online_capacity)):
        if value is not None and not 0 <= value <= MAX_CAPACITY:
            errors.append(
                _("%(label)s: a number from 0 to %(max)s, or empty for unlimited.")
                % {"label": label, "max": f"{MAX_CAPACITY:,}"}
            )
    errors += _check_rules(rules)
    if errors:
        raise PolicyError(errors)
    with seat_lock(edition) as policy:
        held = seats(edition)
        lowered = [
            (mode, capacity, held[mode].held)
            for mode, capacity in ((Attendance.IN_PERSON, in_person_capacity), (Attendance.ONLINE, online_capacity))
            if capacity is not None and capacity < held[mode].held
        ]
        if lowered and not confirm_capacity:
            raise PolicyError(
                [
                    _(
                        "%(mode)s: %(held)d seats are already held, more than the %(capacity)d you entered. Nobody "
                        "loses a seat, but no new one is given until enough are freed. Tick the confirmation to save."
                    )
                    % {"mode": Attendance(mode).label, "held": held_count, "capacity": capacity}
                    for mode, capacity, held_count in lowered
                ],
                needs_confirmation=True,
            )
        previous = _snapshot(policy)
        policy.opens_at = opens_at
        policy.closes_at = closes_at or end
        policy.moderated = moderated
        policy.in_person_capacity = in_person_capacity
        policy.online_capacity = online_capacity
        if privacy_notice is not None:
            policy.privacy_notice = privacy_notice
        policy.save()
        policy.rules.all().delete()
        RegistrationRule.objects.bulk_create(
            [
                RegistrationRule(
                    policy=policy,
                    order=index,
                    countries=sorted(set(rule.countries)),
                    all_other_countries=rule.all_other_countries,
                    route=rule.route,
                    allowed_modes=",".join(mode for mode in Attendance.values if mode in rule.modes),
                    note=rule.note.strip(),
                )
                # "All other countries" last: with exclusive rules the order only matters for reading.
                for index, rule in enumerate(sorted(rules, key=lambda rule: rule.all_other_countries))
            ]
        )
        audit.record(
            "registration.policy_changed",
            policy,
            actor=actor,
            edition=edition,
            summary=f"Registration policy saved ({len(rules)} rules)",
            previous=previous,
            current=_snapshot(policy),
        )
        for mode in Attendance.values:
            _promote_waiting(policy, mode, actor=actor)
    return policy


def _snapshot(policy: RegistrationPolicy) -> dict:
    return {
        "opens_at": policy.opens_at.isoformat() if policy.opens_at else None,
        "closes_at": policy.closes_at.isoformat() if policy.closes_at else None,
        "moderated": policy.moderated,
        "in_person_capacity": policy.in_person_capacity,
        "online_capacity": policy.online_capacity,
        "rules": [
            {
                "countries": [c.code for c in rule.countries],
                "all_other_countries": rule.all_other_countries,
                "route": rule.route,
                "modes": rule.modes,
            }
            for rule in policy.rules.all()
        ],
    }
