"""An edition's policy as applicants meet it: the route their country takes, and the registration window."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from rendezvous.events.models import Edition

from ..models import Attendance, RegistrationPolicy, RegistrationRule, Route
from .errors import WindowClosed


@dataclass(frozen=True)
class RouteDecision:
    route: str
    rule: RegistrationRule | None
    message: str

    @property
    def accepts_applications(self) -> bool:
        return self.route == Route.OPEN

    @property
    def modes(self) -> list[str]:
        """The attendance modes this applicant may choose (both when no rule decides)."""
        return self.rule.modes if self.rule is not None else list(Attendance.values)

    def refusal(self, attendance: str) -> str | None:
        """Why an application in `attendance` mode is refused on this route, or None when it may go ahead."""
        if not self.accepts_applications:
            return self.message
        if attendance not in self.modes:
            return mode_refusal(self.modes)
        return None


def mode_refusal(modes: list[str]) -> str:
    names = ", ".join(str(Attendance(mode).label).lower() for mode in modes)
    return _("Applicants based in this country may attend %(modes)s only.") % {"modes": names}


def get_policy(edition: Edition) -> RegistrationPolicy:
    """The edition's policy, created empty (no rules: closed to everyone) the first time it is asked for."""
    policy, _ = RegistrationPolicy.objects.get_or_create(edition=edition)
    return policy


def route_for_country(edition: Edition, country: str, *, policy: RegistrationPolicy | None = None) -> RouteDecision:
    """The route of an applicant based in `country`: the first matching rule; no matching rule means closed."""
    policy = policy or get_policy(edition)
    return route_by_rules(policy.rules.all(), country)


def route_by_rules(rules: Iterable[RegistrationRule], country: str) -> RouteDecision:
    """The route the first of `rules` matching `country` gives; closed if none matches."""
    for rule in rules:
        if rule.matches(country):
            return RouteDecision(rule.route, rule, _route_message(rule.route, rule.note))
    return RouteDecision(Route.CLOSED, None, _route_message(Route.CLOSED, ""))


def _route_message(route: str, note: str) -> str:
    text = {
        Route.OPEN: gettext("Applicants based in this country may apply online."),
        Route.INVITATION: gettext(
            "Participation for applicants based in this country is by invitation only. If you have received an "
            "invitation, use the link in your invitation e-mail; otherwise you cannot apply online."
        ),
        Route.CLOSED: gettext("Registration is not open to applicants based in this country."),
    }[route]
    return f"{text} {note}".strip()


def _ended(policy: RegistrationPolicy, now: datetime) -> bool:
    """Whether the edition is over (its last day has passed in its own time zone) with no closing date set: an
    edition that has ended takes no more applications unless its policy sets a closing date after the end."""
    edition = policy.edition
    if policy.closes_at is not None or edition.end_date is None:
        return False
    return edition.end_date < timezone.localtime(now, edition.zone).date()


def window_state(policy: RegistrationPolicy, now: datetime | None = None) -> str:
    """'open', 'not_yet' or 'closed' (a closing date passed, or the edition ended without one)."""
    now = now or timezone.now()
    if policy.opens_at and now < policy.opens_at:
        return "not_yet"
    if policy.closes_at and now >= policy.closes_at:
        return "closed"
    if _ended(policy, now):
        return "closed"
    return "open"


def window_phase(policy: RegistrationPolicy, now: datetime | None = None) -> tuple[bool, bool, bool]:
    """What `window_state` and `window_text` depend on at `now` besides the policy: whether its opening date, its
    closing date and the edition's end have passed. Both are the same until one of them changes."""
    now = now or timezone.now()
    return (
        policy.opens_at is not None and policy.opens_at <= now,
        policy.closes_at is not None and policy.closes_at <= now,
        _ended(policy, now),
    )


def check_window(policy: RegistrationPolicy) -> None:
    """WindowClosed, saying when registration opens or closed, unless the window is open now."""
    now = timezone.now()
    state = window_state(policy, now)
    if state == "not_yet":
        raise WindowClosed(gettext("Registration opens on %(when)s.") % {"when": _when(policy, policy.opens_at)})
    if state == "closed" and _ended(policy, now):
        raise WindowClosed(_ended_text(policy))
    if state == "closed":
        raise WindowClosed(gettext("Registration closed on %(when)s.") % {"when": _when(policy, policy.closes_at)})


def _ended_text(policy: RegistrationPolicy) -> str:
    return gettext("Registration is closed: this edition ended on %(date)s.") % {
        "date": formats.date_format(policy.edition.end_date, "j F Y")
    }


def _when(policy: RegistrationPolicy, moment: datetime) -> str:
    local = timezone.localtime(moment, policy.edition.zone)
    # In the reader's language and its order (English: "1 September 2022, 00:00").
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({policy.edition.timezone})"


def window_text(policy: RegistrationPolicy, now: datetime | None = None) -> str:
    """The registration window in words, in the edition's time zone (participants read it from ~80 countries).

    The tense follows the clock: a date already past is said in the past ("opened on", "closed on")."""
    now = now or timezone.now()
    if _ended(policy, now):
        return _ended_text(policy)
    if policy.opens_at is None and policy.closes_at is None:
        return gettext("Registration has no opening or closing date.")
    # Whole sentences per tense, so each language can word them; a date already past is said in the past.
    opens = closes = None
    if policy.opens_at is not None:
        when = _when(policy, policy.opens_at)
        opens = (
            gettext("Registration opened on %(when)s")
            if policy.opens_at <= now
            else gettext("Registration opens on %(when)s")
        ) % {"when": when}
    if policy.closes_at is not None:
        when = _when(policy, policy.closes_at)
        if opens:
            closes = (gettext("closed on %(when)s") if policy.closes_at <= now else gettext("closes on %(when)s")) % {
                "when": when
            }
        else:
            closes = (
                gettext("Registration closed on %(when)s")
                if policy.closes_at <= now
                else gettext("Registration closes on %(when)s")
            ) % {"when": when}
    if opens and closes:
        return gettext("%(opens)s; %(closes)s.") % {"opens": opens, "closes": closes}
    if opens:
        return gettext("%(opens)s; no closing date is set.") % {"opens": opens}
    return gettext("%(closes)s.") % {"closes": closes}
