"""Reviewing and selecting: scores by the call's reviewers, the proposal within the platform budgets, the selecting
officer's choice and the published results. The choosing itself is plain data in `partnerships.selection`."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core.audit import record

from .. import selection
from ..models import Application, ApplicationStatus, Call, CallStatus, Result, Review, Selection
from ..permissions import require_publish_results, require_review, require_select
from .errors import HubError
from .happenings import selection_published


@transaction.atomic
def score_application(application: Application, reviewer, score, comment: str = "") -> Review:
    require_review(reviewer, application.call)
    score = Decimal(score)
    if not 0 <= score <= 10:
        raise HubError(_("A score is between 0 and 10."))
    review, _created = Review.objects.update_or_create(
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
    require_select(officer, call)
    if call.results_published:
        raise HubError(_("The results of this call are already published."))
    wanted = {int(pk) for pk in application_ids}
    candidates = [c for c in candidates_of(call) if c.id in wanted]
    if len(candidates) != len(wanted):
        raise HubError(_("Some of the chosen applications are not applications to this call."))
    try:
        selection.check_selection(candidates, budgets_of(call))
    except selection.SelectionError as error:
        raise HubError(_("This selection exceeds the call's budget. {reason}").format(reason=error)) from None
    chosen, _created = Selection.objects.update_or_create(
        call=call,
        defaults={"decided_by": officer, "total_score": sum((c.score for c in candidates), Decimal(0))},
    )
    chosen.applications.set(wanted)
    record("hub.selection_made", chosen, actor=officer, summary=f"{len(wanted)} applications", ids=sorted(wanted))
    return chosen


@transaction.atomic
def publish_results(call: Call, officer, now=None) -> list[Result]:
    """Publish the selection on the call's page; applicants learn whether they were selected."""
    require_publish_results(officer, call)
    chosen = Selection.objects.filter(call=call).first()
    if chosen is None:
        raise HubError(_("Select applications before publishing results."))
    if call.results_published:
        raise HubError(_("The results of this call are already published."))
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
    selection_published(call, results)
    return results
