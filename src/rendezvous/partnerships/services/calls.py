"""Programmes and calls as the public finds them: the programme filters, a call's stages and deadlines in the call's
own time zone, and the calls announced in an edition's programme."""

import zoneinfo
from dataclasses import dataclass

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import search
from ..models import Call, CallStage, CallStatus, Programme, SearchKind, StageKind
from .errors import HubError
from .regions import countries_in_region

STAGE_CLOSED = {
    StageKind.LETTER_OF_INTEREST: gettext_lazy("Letters of interest closed on {when}."),
    StageKind.FULL_PROPOSAL: gettext_lazy("Full proposals closed on {when}."),
}


def public_calls():
    """Every call but drafts: what the public pages and the board may show."""
    return Call.objects.exclude(status=CallStatus.DRAFT)


# --- finding programmes ---


def find_programmes(*, q="", destination="", phase="", cooperation="", country="", region=""):
    """Programmes matching the public filters, owners and calls loaded."""
    programmes = Programme.objects.prefetch_related("owners", "calls__stages")
    ranking = {}
    if q:
        # Words typed as people type them (case, accents, apostrophes ignored): the programme itself, its calls, or
        # its owners may match; the best match comes first.
        ranking = search.ranked_objects(q, SearchKind.PROGRAMME)
        for owner_id, rank in search.ranked_objects(q, SearchKind.ORGANISATION).items():
            for programme_id in Programme.objects.filter(owners=owner_id).values_list("pk", flat=True):
                ranking[programme_id] = max(ranking.get(programme_id, rank), rank)
        for call_id, rank in search.ranked_objects(q, SearchKind.CALL).items():
            for programme_id in Call.objects.filter(pk=call_id).values_list("programme_id", flat=True):
                ranking[programme_id] = max(ranking.get(programme_id, rank), rank)
        programmes = programmes.filter(pk__in=list(ranking))
    if destination:
        programmes = programmes.filter(destination=destination)
    if phase:
        programmes = programmes.filter(phase=phase)
    if country:
        programmes = programmes.filter(owners__country=country)
    if region:
        programmes = programmes.filter(owners__country__in=countries_in_region(region))
    programmes = list(programmes.distinct())
    if ranking:
        programmes.sort(key=lambda programme: -ranking[programme.pk])
    if cooperation:
        # A short list of lists: filtered here, since SQLite has no JSON containment lookup.
        programmes = [p for p in programmes if cooperation in p.cooperation_forms]
    return programmes


# --- deadlines ---


def local_deadline(call: Call, stage: CallStage) -> str:
    """'1 February 2023 at 23:59 (Asia/Shanghai)': the deadline as the call states it."""
    moment = timezone.localtime(stage.deadline, call.zone)
    return _("%(day)s at %(time)s (%(zone)s)") % {
        "day": formats.date_format(moment, "DATE_FORMAT"),
        "time": f"{moment:%H:%M}",
        "zone": call.timezone,
    }


def submission_stage(call: Call, kind: str = StageKind.LETTER_OF_INTEREST) -> CallStage:
    stage = call.stages.filter(kind=kind).first()
    if stage is None:
        raise HubError(_("This call does not take {stages}s.").format(stages=StageKind(kind).label.lower()))
    return stage


def open_stage(call: Call, now=None) -> CallStage | None:
    """The submission stage that takes applications now, if any."""
    now = now or timezone.now()
    if call.status != CallStatus.OPEN:
        return None
    return call.stages.filter(kind__in=list(STAGE_CLOSED), deadline__gte=now).order_by("deadline").first()


def closed_message(call: Call, now=None) -> str:
    """Why an open call takes no application now ('Letters of interest closed on ...'), or '' if it does."""
    now = now or timezone.now()
    if call.status != CallStatus.OPEN or open_stage(call, now) is not None:
        return ""
    last = call.stages.filter(kind__in=list(STAGE_CLOSED), deadline__lt=now).order_by("-deadline").first()
    return STAGE_CLOSED[last.kind].format(when=local_deadline(call, last)) if last else ""


def require_stage_open(call: Call, stage: CallStage, now=None) -> None:
    now = now or timezone.now()
    if call.status != CallStatus.OPEN:
        raise HubError(_("This call is not open for applications."))
    if now > stage.deadline:
        raise HubError(STAGE_CLOSED[stage.kind].format(when=local_deadline(call, stage)))


# --- what state a call is in, derived from its stages ---

STAGE_OPEN_UNTIL = {
    StageKind.LETTER_OF_INTEREST: gettext_lazy("Letters of interest open until {when}"),
    StageKind.FULL_PROPOSAL: gettext_lazy("Full proposals open until {when}"),
}


def stated_moment(moment, zone: zoneinfo.ZoneInfo, *, year: bool = True) -> str:
    """'1 February 2023, 23:59': a moment in `zone`, UN style (day month year, 24-hour clock)."""
    local = timezone.localtime(moment, zone)
    date = formats.date_format(local, "DATE_FORMAT" if year else "MONTH_DAY_FORMAT")  # each language's order
    return f"{date}, {local:%H:%M}"


def stated_deadline(call: Call, stage: CallStage, reader_zone: str = "") -> str:
    """'1 February 2023, 23:59 (Asia/Shanghai) — 1 February, 16:59 in your time zone': the call's zone, then the
    reader's when it is known and differs."""
    return f"{stated_moment(stage.deadline, call.zone)} ({call.timezone}){in_reader_zone(call, stage, reader_zone)}"


def in_reader_zone(call: Call, stage: CallStage, reader_zone: str = "") -> str:
    """' — 1 February, 16:59 in your time zone (Europe/Paris)', or '' if the reader's zone is unknown or the call's."""
    zone = reader_timezone(reader_zone)
    if zone is None or zone.key == call.timezone:
        return ""
    local = stated_moment(stage.deadline, zone, year=False)
    return " \u2014 " + _("{when} in your time zone ({zone})").format(when=local, zone=zone.key)


def reader_timezone(name: str) -> zoneinfo.ZoneInfo | None:
    """The reader's zone as their browser named it, or None if it is not a zone this server knows."""
    if not name or len(name) > 64 or name not in zoneinfo.available_timezones():
        return None
    return zoneinfo.ZoneInfo(name)


@dataclass(frozen=True)
class CallState:
    """What a call's badge, list entry and page all say about where it stands."""

    code: str  # draft, announced, open, selecting, results
    badge: str
    text: str
    deadline: object = None  # the open stage's deadline (UTC), for the reader's zone in the browser
    results_expected: str = ""

    @property
    def is_open(self) -> bool:
        return self.code == "open"


def call_state(call: Call, now=None, reader_zone: str = "") -> CallState:
    """The call's state from its stages: open until a deadline, closed with selection under way (and when results are
    expected), or results published. The same answer for the list, the badge and the page."""
    now = now or timezone.now()
    if call.results_published:
        when = f"{stated_moment(call.results_published_at, call.zone)} ({call.timezone})"
        return CallState("results", _("Results published"), _("Results published on {when}.").format(when=when))
    if call.status == CallStatus.DRAFT:
        return CallState("draft", _("Draft"), _("This call is not published yet."))
    stages = list(call.stages.all())
    submission = [s for s in stages if s.kind in STAGE_CLOSED]
    announcement = next((s for s in stages if s.kind == StageKind.ANNOUNCEMENT), None)
    expected = ""
    if announcement is not None:
        day = timezone.localtime(announcement.deadline, call.zone)
        day_text = formats.date_format(day, "DATE_FORMAT")
        expected = (
            _("Results are expected on {day}.")
            if announcement.deadline >= now
            else _("Results were expected on {day}.")
        ).format(day=day_text)
    if call.status == CallStatus.OPEN:
        upcoming = sorted((s for s in submission if s.deadline >= now), key=lambda s: s.deadline)
        if upcoming:
            stage = upcoming[0]
            text = STAGE_OPEN_UNTIL[stage.kind].format(when=stated_deadline(call, stage, reader_zone)) + "."
            return CallState("open", _("Open"), text, deadline=stage.deadline, results_expected=expected)
        if not submission:
            return CallState(
                "announced",
                _("Announced"),
                _("No deadline has been announced yet; follow the call to hear of one."),
                results_expected=expected,
            )
    passed = sorted((s for s in submission if s.deadline < now), key=lambda s: s.deadline)
    if passed:
        last = passed[-1]
        text = STAGE_CLOSED[last.kind].format(when=local_deadline(call, last)) + " " + _("Selection under way.")
    else:
        text = _("Closed; selection under way.")
    text = f"{text} {expected or _('The call does not say when results will be published.')}"
    return CallState("selecting", _("Selection under way"), text, results_expected=expected)


# --- results in the edition's programme ---


def announcements_by_contribution(edition) -> dict[int, list[Call]]:
    """Contribution id → the calls announced there, with their result count, for the edition's programme page."""
    announced: dict[int, list[Call]] = {}
    calls = (
        public_calls()
        .filter(announced_in__session__edition=edition)
        .annotate(result_count=Count("results"))
        .order_by("announced_in", "title")
    )
    for call in calls:
        announced.setdefault(call.announced_in_id, []).append(call)
    return announced
