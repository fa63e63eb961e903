"""Programmes and calls as the public finds them: the programme filters, a call's stages and deadlines in the call's
own time zone, and the calls announced in an edition's programme."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Call, CallStage, CallStatus, Programme, StageKind
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
    programmes = Programme.objects.prefetch_related("owners", "calls")
    if q:
        programmes = programmes.filter(
            Q(name__icontains=q)
            | Q(acronym__icontains=q)
            | Q(summary__icontains=q)
            | Q(owners__name__icontains=q)
            | Q(owners__acronym__icontains=q)
        )
    if destination:
        programmes = programmes.filter(destination=destination)
    if phase:
        programmes = programmes.filter(phase=phase)
    if country:
        programmes = programmes.filter(owners__country=country)
    if region:
        programmes = programmes.filter(owners__country__in=countries_in_region(region))
    programmes = list(programmes.distinct())
    if cooperation:
        # A short list of lists: filtered here, since SQLite has no JSON containment lookup.
        programmes = [p for p in programmes if cooperation in p.cooperation_forms]
    return programmes


# --- deadlines ---


def local_deadline(call: Call, stage: CallStage) -> str:
    """'1 February 2023 at 23:59 (Asia/Shanghai)': the deadline as the call states it."""
    moment = timezone.localtime(stage.deadline, call.zone)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M} ({call.timezone})"


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
