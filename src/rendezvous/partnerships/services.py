"""Rules of the partnership hub: who may see and do what, deadlines in the call's zone, budgets, selection."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Q
from django.utils import timezone

from rendezvous.core.audit import record

from . import selection
from .models import (
    Application,
    ApplicationStatus,
    Call,
    CallRole,
    CallStage,
    CallStatus,
    OrganisationMember,
    PlatformBudget,
    ResourceRequest,
    Result,
    Review,
    Selection,
    StageKind,
)


class HubError(Exception):
    """A request the hub's rules refuse; the message says why in plain words."""


STAGE_CLOSED = {
    StageKind.LETTER_OF_INTEREST: "Letters of interest closed on {when}.",
    StageKind.FULL_PROPOSAL: "Full proposals closed on {when}.",
}


# --- who is who ---


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def represented_organisations(user):
    """Organisations `user` may act for on the hub."""
    from rendezvous.core.models import Organisation

    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(hub_members__user=user).distinct()


def is_representative(user, organisation) -> bool:
    return _signed_in(user) and OrganisationMember.objects.filter(user=user, organisation=organisation).exists()


def has_call_role(user, call: Call, *roles: str) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return call.team.filter(user=user, role__in=roles or CallRole.values).exists()


def is_reviewer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.REVIEWER)


def is_selecting_officer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.SELECTING_OFFICER)


def can_view_application(user, application: Application) -> bool:
    """Only the applicant organisation's representatives and the call's team; never another applicant."""
    return is_representative(user, application.organisation) or has_call_role(user, application.call)


def visible_applications(user, call: Call):
    """The applications of `call` that `user` may see."""
    applications = call.applications.select_related("organisation").prefetch_related("requests__platform")
    if has_call_role(user, call):
        return applications
    if not _signed_in(user):
        return applications.none()
    return applications.filter(organisation__hub_members__user=user).distinct()


def require_view(user, application: Application) -> None:
    if not can_view_application(user, application):
        raise PermissionDenied("Only the applicant organisation and the call's reviewers may see this application.")


# --- deadlines ---


def local_deadline(call: Call, stage: CallStage) -> str:
    """'1 February 2023 at 23:59 (Asia/Shanghai)': the deadline as the call states it."""
    moment = timezone.localtime(stage.deadline, call.zone)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M} ({call.timezone})"


def submission_stage(call: Call, kind: str = StageKind.LETTER_OF_INTEREST) -> CallStage:
    stage = call.stages.filter(kind=kind).first()
    if stage is None:
        raise HubError(f"This call does not take {StageKind(kind).label.lower()}s.")
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
        raise HubError("This call is not open for applications.")
    if now > stage.deadline:
        raise HubError(STAGE_CLOSED[stage.kind].format(when=local_deadline(call, stage)))


# --- applications ---


@dataclass
class RequestedResources:
    """What an application asks of one platform, as entered."""

    platform: PlatformBudget
    mass_kg: Decimal
    power_w: Decimal | None = None
    data_mb: Decimal | None = None


def check_eligibility(call: Call, organisation) -> None:
    if call.eligible_organisation_types and organisation.type not in call.eligible_organisation_types:
        raise HubError(f"This call is not open to organisations of the type {organisation.get_type_display()}.")
    if call.eligible_countries and organisation.country not in call.eligible_countries:
        raise HubError("This call is not open to organisations based in your country.")


def check_requests(call: Call, requests: list[RequestedResources]) -> None:
    """Refuse a request that alone exceeds a platform's budget, or a payload call without any platform."""
    if call.kind == "payload_hosting" and not any(r.mass_kg for r in requests):
        raise HubError("Say which platform your payload needs and its mass.")
    budgets = {}
    for platform in call.budgets.all():
        for code, capacity in platform.limits().items():
            budgets[(platform.platform, code)] = capacity
    for request in requests:
        if request.platform.call_id != call.pk:
            raise HubError(f"{request.platform.platform} is not a platform of this call.")
        if any(amount is not None and amount < 0 for amount in (request.mass_kg, request.power_w, request.data_mb)):
            raise HubError("Requested resources cannot be negative.")
    candidate = selection.Candidate(
        id="new",
        score=Decimal(0),
        requests={
            (r.platform.platform, code): amount
            for r in requests
            for code, amount in (("mass_kg", r.mass_kg), ("power_w", r.power_w), ("data_mb", r.data_mb))
            if amount
        },
    )
    try:
        selection.check_selection([candidate], budgets)
    except selection.SelectionError as error:
        raise HubError(f"This application alone exceeds the call's budget. {error}") from None


def _save_requests(application: Application, requests: list[RequestedResources]) -> None:
    application.requests.all().delete()
    ResourceRequest.objects.bulk_create(
        ResourceRequest(
            application=application,
            platform=r.platform,
            mass_kg=r.mass_kg,
            power_w=r.power_w,
            data_mb=r.data_mb,
        )
        for r in requests
        if r.mass_kg or r.power_w or r.data_mb
    )


@transaction.atomic
def submit_application(
    call: Call,
    organisation,
    user,
    *,
    title: str,
    summary: str,
    team: str = "",
    countries=(),
    requests: list[RequestedResources] = (),
    stage: str = StageKind.LETTER_OF_INTEREST,
    now=None,
) -> Application:
    """Submit a letter of interest or a proposal for `organisation`, before the stage's deadline."""
    if not is_representative(user, organisation):
        raise PermissionDenied("Only a representative of the organisation may apply on its behalf.")
    require_stage_open(call, submission_stage(call, stage), now)
    check_eligibility(call, organisation)
    requests = list(requests)
    check_requests(call, requests)
    application = Application.objects.create(
        call=call,
        organisation=organisation,
        stage=stage,
        title=title,
        summary=summary,
        team=team,
        countries=list(countries),
        submitted_by=user,
    )
    _save_requests(application, requests)
    record("hub.application_submitted", application, actor=user, summary=f"{organisation.short_name}: {title}")
    return application


@transaction.atomic
def update_application(
    application: Application, user, *, title, summary, team="", countries=(), requests=(), now=None
) -> Application:
    """Edit an application until its stage's deadline; only its organisation's representatives may."""
    if not is_representative(user, application.organisation):
        raise PermissionDenied("Only a representative of the applicant organisation may edit this application.")
    call = application.call
    require_stage_open(call, submission_stage(call, application.stage), now)
    if application.status != ApplicationStatus.SUBMITTED:
        raise HubError("This application can no longer be edited.")
    requests = list(requests)
    check_requests(call, requests)
    application.title, application.summary, application.team = title, summary, team
    application.countries = list(countries)
    application.save()
    _save_requests(application, requests)
    record("hub.application_updated", application, actor=user, summary=title)
    return application


# --- review and selection ---


@transaction.atomic
def score_application(application: Application, reviewer, score, comment: str = "") -> Review:
    if not is_reviewer(reviewer, application.call):
        raise PermissionDenied("Only the call's reviewers may score its applications.")
    score = Decimal(score)
    if not 0 <= score <= 10:
        raise HubError("A score is between 0 and 10.")
    review, _ = Review.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"score": score, "comment": comment}
    )
    return review


def budgets_of(call: Call) -> dict[selection.BudgetKey, Decimal]:
    return {
        (platform.platform, code): capacity
        for platform in call.budgets.all()
        for code, capacity in platform.limits().items()
    }


def candidates_of(call: Call) -> list[selection.Candidate]:
    """Each submitted application with its mean review score (0 if not yet reviewed) and its requests."""
    applications = (
        call.applications.filter(~Q(status=ApplicationStatus.WITHDRAWN))
        .annotate(mean_score=Avg("reviews__score"))
        .select_related("organisation")
        .prefetch_related("requests__platform")
    )
    candidates = []
    for application in applications:
        requests = {}
        for request in application.requests.all():
            for code in ("mass_kg", "power_w", "data_mb"):
                amount = getattr(request, code)
                if amount:
                    requests[(request.platform.platform, code)] = amount
        score = Decimal(application.mean_score or 0).quantize(Decimal("0.01"))
        candidates.append(
            selection.Candidate(
                id=application.pk,
                score=score,
                requests=requests,
                label=f"{application.title} ({application.organisation.short_name})",
            )
        )
    return candidates


def propose(call: Call) -> selection.Proposal:
    return selection.propose_selection(candidates_of(call), budgets_of(call))


@transaction.atomic
def select_applications(call: Call, officer, application_ids) -> Selection:
    """Record the selecting officer's choice, refusing any set that exceeds a platform's budget."""
    if not is_selecting_officer(officer, call):
        raise PermissionDenied("Only the call's selecting officer may select applications.")
    if call.results_published:
        raise HubError("The results of this call are already published.")
    wanted = {int(pk) for pk in application_ids}
    candidates = [c for c in candidates_of(call) if c.id in wanted]
    if len(candidates) != len(wanted):
        raise HubError("Some of the chosen applications are not applications to this call.")
    try:
        selection.check_selection(candidates, budgets_of(call))
    except selection.SelectionError as error:
        raise HubError(f"This selection exceeds the call's budget. {error}") from None
    chosen, _ = Selection.objects.update_or_create(
        call=call,
        defaults={"decided_by": officer, "total_score": sum((c.score for c in candidates), Decimal(0))},
    )
    chosen.applications.set(wanted)
    record("hub.selection_made", chosen, actor=officer, summary=f"{len(wanted)} applications", ids=sorted(wanted))
    return chosen


@transaction.atomic
def publish_results(call: Call, officer, now=None) -> list[Result]:
    """Publish the selection on the call's page; applicants learn whether they were selected."""
    if not is_selecting_officer(officer, call):
        raise PermissionDenied("Only the call's selecting officer may publish results.")
    chosen = Selection.objects.filter(call=call).first()
    if chosen is None:
        raise HubError("Select applications before publishing results.")
    if call.results_published:
        raise HubError("The results of this call are already published.")
    selected = list(chosen.applications.select_related("organisation").order_by("title"))
    call.applications.exclude(status=ApplicationStatus.WITHDRAWN).update(status=ApplicationStatus.NOT_SELECTED)
    call.applications.filter(pk__in=[a.pk for a in selected]).update(status=ApplicationStatus.SELECTED)
    results = Result.objects.bulk_create(
        Result(call=call, application=a, title=a.title, partner=a.organisation.short_name, order=order)
        for order, a in enumerate(selected, start=1)
    )
    call.results_published_at = now or timezone.now()
    call.status = CallStatus.CLOSED
    call.save(update_fields=["results_published_at", "status"])
    record("hub.results_published", call, actor=officer, summary=f"{len(results)} selected")
    return results


# --- finding programmes ---


def find_programmes(*, q="", destination="", phase="", cooperation="", country="", region=""):
    """Programmes matching the public filters, owners and calls loaded."""
    from rendezvous.core.countries import REGIONAL_GROUPS

    from .models import Programme

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
        programmes = programmes.filter(owners__country__in=sorted(REGIONAL_GROUPS.get(region, ())))
    programmes = list(programmes.distinct())
    if cooperation:
        # A short list of lists: filtered here, since SQLite has no JSON containment lookup.
        programmes = [p for p in programmes if cooperation in p.cooperation_forms]
    return programmes
