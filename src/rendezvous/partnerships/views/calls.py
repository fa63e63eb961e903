"""Pages of calls for partnership: public programmes and calls, applications, review and selection."""

from urllib.parse import unquote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from rendezvous.core import ratelimit, uploads

from .. import permissions, services
from .. import search as hub_search
from ..feeds import build_deadlines_ics
from ..forms import ApplicationForm, HubSearchForm, ProgrammeFilterForm, ReviewForm
from ..models import Application, Attachment, Call, Programme, Resource, Selection
from ..selection import describe
from ..services import HubError, matches
from ..services.calls import in_reader_zone
from .connect import follow_context

# The browser names its time zone here (static/rendezvous/hub.js), so that deadlines also show in the reader's zone.
READER_ZONE_COOKIE = "rendezvous_tz"


def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programmes = services.find_programmes(**{k: v for k, v in filters.items() if v})
    return render(
        request,
        "partnerships/programme_list.html",
        {"form": form, "programmes": programmes, "q": filters.get("q", "")},
    )


def search_page(request):
    form = HubSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request, "partnerships/search.html", {"form": form, "q": q, "hits": hub_search.search(q) if q else []}
    )


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.prefetch_related("owners"), slug=slug)
    contributions = programme.contributions.select_related("session__edition").order_by("session__start", "order")
    calls = services.public_calls().filter(programme=programme).prefetch_related("stages")
    return render(
        request,
        "partnerships/programme_detail.html",
        {
            "programme": programme,
            "contributions": contributions,
            "calls": calls,
            "follow_url": reverse("partnerships:follow_programme", kwargs={"slug": programme.slug}),
            "may_see_followers": permissions.can_see_followers(request.user, programme),
            "matches": matches.matches_for_programme(programme),
            **follow_context(request, programme),
        },
    )


def call_detail(request, slug):
    call = get_object_or_404(
        services.public_calls().select_related("programme", "organisation", "announced_in__session__edition"),
        slug=slug,
    )
    reader_zone = unquote(request.COOKIES.get(READER_ZONE_COOKIE, ""))
    stages = [
        {"stage": stage, "when": services.local_deadline(call, stage) + in_reader_zone(call, stage, reader_zone)}
        for stage in call.stages.all()
    ]
    stage_open = services.open_stage(call)
    taking_part = services.taking_part(request.user, call)
    return render(
        request,
        "partnerships/call_detail.html",
        {
            "call": call,
            "stages": stages,
            "budgets": call.budgets.all(),
            "results": call.results.all() if call.results_published else [],
            "stage_open": stage_open,
            "state": services.call_state(call, reader_zone=reader_zone),
            "reader_zone_known": services.reader_timezone(reader_zone) is not None,
            "taking_part": taking_part,
            "may_apply": taking_part.can_apply_now,
            "my_applications": services.visible_applications(request.user, call),
            "is_team": permissions.can_see_all_applications(request.user, call),
            "is_officer": permissions.can_select(request.user, call),
            "follow_url": reverse("partnerships:follow_call", kwargs={"slug": call.slug}),
            "may_see_followers": permissions.can_see_followers(request.user, call.programme),
            "matches": matches.matches_for_call(call),
            **follow_context(request, call),
        },
    )


def _requests_initial(application):
    initial = {}
    for request in application.requests.all():
        for code in Resource.values:
            initial[f"{code}_{request.platform_id}"] = getattr(request, code)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("hub_application")
def apply(request, slug):
    call = get_object_or_404(services.public_calls().select_related("programme"), slug=slug)
    try:
        permissions.require_apply(request.user, call)
    except PermissionDenied as denial:
        # The reason and the way forward, rather than a bare "403 Forbidden".
        return render(
            request,
            "partnerships/refused.html",
            {"call": call, "reason": str(denial), "taking_part": services.taking_part(request.user, call)},
            status=403,
        )
    organisations = permissions.represented_organisations(request.user)
    stage = services.open_stage(call)
    form = ApplicationForm(request.POST or None, request.FILES or None, call=call, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            if stage is None:
                services.require_stage_open(call, services.submission_stage(call))
            application = services.submit_application(
                call,
                form.cleaned_data["organisation"],
                request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                team=form.cleaned_data["team"],
                countries=form.cleaned_data["countries"],
                requests=form.requests(),
                stage=stage.kind,
                attachment=form.cleaned_data.get("attachment"),
            )
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, gettext("Your %(lower)s was submitted.") % {"lower": application.get_stage_display().lower()}
            )
            return redirect("partnerships:application", pk=application.pk)
    closed = None
    if stage is None and call.stages.filter(kind__in=list(services.STAGE_CLOSED)).exists():
        try:
            services.require_stage_open(call, services.submission_stage(call))
        except HubError as error:
            closed = str(error)
    return render(
        request,
        "partnerships/apply.html",
        {"call": call, "form": form, "stage": stage, "closed": closed, "editing": False},
    )


def _visible_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call__programme", "organisation", "submitted_by"), pk=pk
    )
    permissions.require_view_application(request.user, application)
    return application


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = _visible_application(request, pk)
    call = application.call
    review = application.reviews.filter(reviewer=request.user).first()
    review_form = ReviewForm(
        request.POST or None, initial={"score": review.score, "comment": review.comment} if review else None
    )
    if request.method == "POST":
        permissions.require_review(request.user, call)
        if review_form.is_valid():
            services.score_application(
                application, request.user, review_form.cleaned_data["score"], review_form.cleaned_data["comment"]
            )
            messages.success(request, gettext("Your score was saved."))
            return redirect("partnerships:application", pk=application.pk)
    stage = call.stages.filter(kind=application.stage).first()
    may_edit = permissions.can_edit_application(request.user, application) and services.open_stage(call) == stage
    return render(
        request,
        "partnerships/application_detail.html",
        {
            "application": application,
            "call": call,
            "requests": application.requests.select_related("platform"),
            "attachments": application.attachments.all(),
            "deadline": services.local_deadline(call, stage) if stage else "",
            "may_edit": may_edit,
            "may_review": permissions.can_review(request.user, call),
            "review_form": review_form,
            "reviews": application.reviews.select_related("reviewer")
            if permissions.can_see_all_applications(request.user, call)
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_application(request, pk):
    application = _visible_application(request, pk)
    call = application.call
    permissions.require_edit_application(request.user, application)
    initial = {
        "title": application.title,
        "summary": application.summary,
        "team": application.team,
        "countries": [str(c) for c in application.countries],
        **_requests_initial(application),
    }
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        call=call,
        organisations=permissions.represented_organisations(request.user),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(
                application,
                request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                team=form.cleaned_data["team"],
                countries=form.cleaned_data["countries"],
                requests=form.requests(),
                attachment=form.cleaned_data.get("attachment"),
            )
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your changes were saved."))
            return redirect("partnerships:application", pk=application.pk)
    return render(
        request,
        "partnerships/apply.html",
        {"call": call, "form": form, "application": application, "editing": True},
    )


@require_http_methods(["GET", "POST"])
def selection_page(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    permissions.require_select(request.user, call)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                services.publish_results(call, request.user)
                messages.success(request, gettext("The results are published on the call's page."))
                return redirect(call.get_absolute_url())
            services.select_applications(call, request.user, request.POST.getlist("application"))
            messages.success(request, gettext("Your selection was saved; it fits every budget."))
        except HubError as error:
            messages.error(request, str(error))
        return redirect("partnerships:selection", slug=call.slug)
    candidates = services.candidates_of(call)
    proposal = services.propose(call)
    current = Selection.objects.filter(call=call).first()
    chosen_now = set(current.applications.values_list("pk", flat=True)) if current else set()
    applications = {
        a.pk: a for a in call.applications.select_related("organisation").prefetch_related("requests__platform")
    }
    rows = [
        {
            "application": applications[c.id],
            "score": c.score,
            "proposed": c.id in proposal.chosen,
            "selected": c.id in chosen_now,
            "excluded": proposal.excluded.get(c.id, ""),
        }
        for c in candidates
    ]
    leftover = [
        {
            "platform": key[0],
            "resource": describe(key, amount),
            "capacity": describe(key, services.budgets_of(call)[key]),
        }
        for key, amount in proposal.leftover.items()
    ]
    return render(
        request,
        "partnerships/selection.html",
        {
            "call": call,
            "rows": rows,
            "proposal": proposal,
            "proposed_rows": [r for r in rows if r["proposed"]],
            "leftover": leftover,
            "has_selection": current is not None,
        },
    )


@login_required
def attachment(request, pk, attachment_pk):
    """Attachments are served only through here, to those who may see the application (never as public media)."""
    application = _visible_application(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return uploads.serve(
        item.file.open("rb"), content_type=uploads.content_type_of_name(item.file.name), filename=item.filename
    )


def call_ics(request, slug):
    """The call's deadlines as a calendar file, with reminders a week and a day before each."""
    call = get_object_or_404(services.public_calls().select_related("programme").prefetch_related("stages"), slug=slug)
    response = HttpResponse(
        build_deadlines_ics(request.user, [call], name=call.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{call.slug}.ics"'
    return response
