"""Pages of the partnership hub: public programmes and calls, applications, review and selection. Thin: the rules
are in services."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rendezvous.core import ratelimit

from . import services
from .feeds import build_deadlines_ics
from .forms import (
    ApplicationForm,
    BoardFilterForm,
    BoardPostForm,
    ContactForm,
    FollowForm,
    InviteForm,
    ProfileForm,
    ProgrammeFilterForm,
    ReviewForm,
)
from .models import Application, Attachment, BoardPost, Call, CallStatus, Programme, Resource, Selection
from .selection import describe
from .services import HubError


def _public_calls():
    return Call.objects.exclude(status=CallStatus.DRAFT)


def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programmes = services.find_programmes(**{k: v for k, v in filters.items() if v})
    return render(request, "partnerships/programme_list.html", {"form": form, "programmes": programmes})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.prefetch_related("owners"), slug=slug)
    contributions = programme.contributions.select_related("session__edition").order_by("session__start", "order")
    calls = _public_calls().filter(programme=programme)
    return render(
        request,
        "partnerships/programme_detail.html",
        {
            "programme": programme,
            "contributions": contributions,
            "calls": calls,
            "follow_url": reverse("partnerships:follow_programme", kwargs={"slug": programme.slug}),
            "may_see_followers": services.may_see_followers(request.user, programme),
            **_follow_context(request, programme),
        },
    )


def call_detail(request, slug):
    call = get_object_or_404(
        _public_calls().select_related("programme", "organisation", "announced_in__session__edition"), slug=slug
    )
    stages = [{"stage": stage, "when": services.local_deadline(call, stage)} for stage in call.stages.all()]
    stage_open = services.open_stage(call)
    representing = services.represented_organisations(request.user)
    return render(
        request,
        "partnerships/call_detail.html",
        {
            "call": call,
            "stages": stages,
            "budgets": call.budgets.all(),
            "results": call.results.all() if call.results_published else [],
            "stage_open": stage_open,
            "closed": services.closed_message(call),
            "may_apply": stage_open is not None and representing.exists(),
            "my_applications": services.visible_applications(request.user, call),
            "is_team": services.has_call_role(request.user, call),
            "is_officer": services.is_selecting_officer(request.user, call),
            "follow_url": reverse("partnerships:follow_call", kwargs={"slug": call.slug}),
            "may_see_followers": services.may_see_followers(request.user, call.programme),
            **_follow_context(request, call),
        },
    )


def _requests_initial(application):
    initial = {}
    for request in application.requests.all():
        for code in Resource.values:
            initial[f"{code}_{request.platform_id}"] = getattr(request, code)
    return initial


@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("hub_application")
def apply(request, slug):
    call = get_object_or_404(_public_calls().select_related("programme"), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = services.represented_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied("Only representatives of a registered organisation may apply.")
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
            messages.success(request, f"Your {application.get_stage_display().lower()} was submitted.")
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
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in to see applications.")
    services.require_view(request.user, application)
    return application


@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = _visible_application(request, pk)
    call = application.call
    may_review = services.is_reviewer(request.user, call)
    review = application.reviews.filter(reviewer=request.user).first()
    review_form = ReviewForm(
        request.POST or None, initial={"score": review.score, "comment": review.comment} if review else None
    )
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied("Only the call's reviewers may score its applications.")
        if review_form.is_valid():
            services.score_application(
                application, request.user, review_form.cleaned_data["score"], review_form.cleaned_data["comment"]
            )
            messages.success(request, "Your score was saved.")
            return redirect("partnerships:application", pk=application.pk)
    stage = call.stages.filter(kind=application.stage).first()
    may_edit = services.is_representative(request.user, application.organisation) and services.open_stage(call) == stage
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
            "may_review": may_review,
            "review_form": review_form,
            "reviews": application.reviews.select_related("reviewer")
            if services.has_call_role(request.user, call)
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def edit_application(request, pk):
    application = _visible_application(request, pk)
    call = application.call
    if not services.is_representative(request.user, application.organisation):
        raise PermissionDenied("Only a representative of the applicant organisation may edit this application.")
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
        organisations=services.represented_organisations(request.user),
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
            messages.success(request, "Your changes were saved.")
            return redirect("partnerships:application", pk=application.pk)
    return render(
        request,
        "partnerships/apply.html",
        {"call": call, "form": form, "application": application, "editing": True},
    )


@require_http_methods(["GET", "POST"])
def selection_page(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    if not services.is_selecting_officer(request.user, call):
        raise PermissionDenied("Only the call's selecting officer may select applications.")
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                services.publish_results(call, request.user)
                messages.success(request, "The results are published on the call's page.")
                return redirect(call.get_absolute_url())
            services.select_applications(call, request.user, request.POST.getlist("application"))
            messages.success(request, "Your selection was saved; it fits every budget.")
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


def attachment(request, pk, attachment_pk):
    """Attachments are served only through here, to those who may see the application (never as public media)."""
    application = _visible_application(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])


# --- connecting stakeholders: follows, followers, the board, the personal page and feed ---


def _follow_context(request, target) -> dict:
    follow = services.follow_of(request.user, target)
    return {"follow": follow, "follow_form": FollowForm(initial={"consent": bool(follow and follow.consent)})}


def _toggle_follow(request, target):
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    form = FollowForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow(request.user, target)
            messages.success(request, f"You no longer follow {target}.")
        else:
            follow = services.follow(request.user, target, consent=form.cleaned_data.get("consent", False))
            note = (
                "its owner may see that you follow it and contact you"
                if follow.consent
                else "its owner does not see you"
            )
            messages.success(request, f"You follow {target}; {note}.")
    except HubError as error:
        messages.error(request, str(error))
    return redirect(target.get_absolute_url())


@require_POST
def follow_programme(request, slug):
    return _toggle_follow(request, get_object_or_404(Programme, slug=slug))


@require_POST
def follow_call(request, slug):
    return _toggle_follow(request, get_object_or_404(_public_calls(), slug=slug))


@require_http_methods(["GET", "POST"])
def followers(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = services.owning_organisations(request.user, programme)
    listing = services.followers_of(request.user, programme)  # refuses anyone but the owners' representatives
    form = InviteForm(request.POST or None, organisations=organisations)
    inviting = None
    if request.method == "POST":
        inviting = request.POST.get("follow")
        if form.is_valid():
            try:
                services.invite_follower(
                    request.user,
                    int(inviting or 0),
                    programme,
                    message=form.cleaned_data["message"],
                    organisation=form.cleaned_data["organisation"],
                )
            except (HubError, ValueError) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your invitation is on its way.")
                return redirect("partnerships:followers", slug=programme.slug)
    return render(
        request,
        "partnerships/followers.html",
        {"programme": programme, "listing": listing, "form": form, "inviting": inviting},
    )


BOARD_FILTERS = ("q", "kind", "country", "region", "organisation_type", "topic")


def board(request):
    form = BoardFilterForm(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    page = Paginator(services.find_posts(**filters), services.POSTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnerships/board.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_post": services.may_post(request.user),
        },
    )


def post_detail(request, pk):
    post = get_object_or_404(BoardPost.objects.select_related("organisation", "programme", "call"), pk=pk)
    is_author = request.user.is_authenticated and post.author_id == request.user.pk
    live = services.live_posts().filter(pk=post.pk).exists()
    if not live and not is_author:
        raise Http404("This post is no longer on the board.")
    form = ContactForm()
    return render(
        request,
        "partnerships/post_detail.html",
        {"post": post, "is_author": is_author, "live": live, "form": form},
    )


def _post_fields(form) -> dict:
    return {name: form.cleaned_data.get(name) for name in form.fields}


@require_http_methods(["GET", "POST"])
def new_post(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    services.require_may_post(request.user)
    initial = services.post_defaults(request.user)
    call = _public_calls().filter(slug=request.GET.get("call", "")).first()
    if call is not None:
        initial["call"] = call.pk
    form = BoardPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(request.user, **_post_fields(form))
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your post is on the board.")
            return redirect(post.get_absolute_url())
    return render(request, "partnerships/post_form.html", {"form": form, "editing": False})


def _own_post(request, pk) -> BoardPost:
    post = get_object_or_404(BoardPost, pk=pk)
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in to change your posts.")
    services.require_author(request.user, post)
    return post


@require_http_methods(["GET", "POST"])
def edit_post(request, pk):
    post = _own_post(request, pk)
    initial = {name: getattr(post, name) for name in ("kind", "title", "text", "topic", "organisation_type")}
    initial |= {
        "organisation_name": post.organisation_label,
        "country": str(post.country),
        "call": post.call_id,
        "programme": post.programme_id,
        "expires_on": post.expires_on,
    }
    form = BoardPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(post, request.user, **_post_fields(form))
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your changes were saved.")
            return redirect(post.get_absolute_url())
    return render(request, "partnerships/post_form.html", {"form": form, "editing": True, "post": post})


@require_POST
def withdraw_post(request, pk):
    post = _own_post(request, pk)
    services.withdraw_post(post, request.user)
    messages.success(request, "Your post was withdrawn from the board.")
    return redirect("partnerships:my_hub")


@require_POST
@ratelimit.rate_limited("hub_contact_sender")
def contact_post(request, pk):
    post = get_object_or_404(BoardPost.objects.select_related("organisation", "programme", "call"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(post.get_absolute_url())
    if (denied := ratelimit.check_request(request, "hub_contact_recipient", f"user:{post.author_id}")) is not None:
        return denied
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_author(post, request.user, message=form.cleaned_data["message"])
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your message was passed on to the author.")
            return redirect(post.get_absolute_url())
    live = services.live_posts().filter(pk=post.pk).exists()
    return render(
        request,
        "partnerships/post_detail.html",
        {"post": post, "is_author": post.author_id == request.user.pk, "live": live, "form": form},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def my_hub(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = services.profile_of(request.user)
    form = ProfileForm(request.POST or None, initial={"offers": profile.offers, "seeks": profile.seeks})
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("partnerships:my_hub")
    token = services.feed_token(request.user)
    follows = request.user.hub_follows.select_related("programme", "call__programme").order_by("created_at")
    return render(
        request,
        "partnerships/my_hub.html",
        {
            "form": form,
            "follows": follows,
            "posts": request.user.hub_posts.order_by("-created_at"),
            "feed_url": request.build_absolute_uri(reverse("partnerships:feed", kwargs={"token": token})),
            "may_post": services.may_post(request.user),
            "card": services.person_card(request.user),
        },
    )


@require_POST
def regenerate_feed(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("partnerships:my_hub"))
    services.feed_token(request.user, regenerate=True)
    messages.success(request, "You have a new feed address; the old one no longer works.")
    return redirect("partnerships:my_hub")


def feed(request, token):
    user = services.user_for_feed(token)
    if user is None:
        raise Http404("No such feed.")
    response = HttpResponse(
        build_deadlines_ics(user, services.followed_calls(user)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hub-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
