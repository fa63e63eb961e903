"""Pages that connect stakeholders: follows, followers, the partners-wanted board, the personal page and its feed.

The actions that only take a POST (follow, withdraw, answer, new feed address) also answer GET with the page the
action belongs to: `login_required` sends a visitor whose session ran out to sign in and back to the action's own
address, by GET.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rendezvous.core import ratelimit

from .. import permissions, services
from ..feeds import build_deadlines_ics
from ..forms import BoardFilterForm, BoardPostForm, ContactForm, FollowForm, InviteForm, ProfileForm, ReportForm
from ..models import BoardPost, Programme
from ..services import HubError, digest, matches

BOARD_FILTERS = ("q", "kind", "country", "region", "organisation_type", "topic")


def follow_context(request, target) -> dict:
    """What the follow box on a programme's or a call's page needs."""
    follow = services.follow_of(request.user, target)
    return {"follow": follow, "follow_form": FollowForm(initial={"consent": bool(follow and follow.consent)})}


def _toggle_follow(request, target):
    if request.method == "GET":
        return redirect(target.get_absolute_url())
    form = FollowForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow(request.user, target)
            messages.success(request, gettext("You no longer follow %(target)s.") % {"target": target})
        else:
            follow = services.follow(request.user, target, consent=form.cleaned_data.get("consent", False))
            note = (
                "its owner may see that you follow it and contact you"
                if follow.consent
                else "its owner does not see you"
            )
            messages.success(request, gettext("You follow %(target)s; %(note)s.") % {"target": target, "note": note})
    except HubError as error:
        messages.error(request, str(error))
    return redirect(target.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def follow_programme(request, slug):
    return _toggle_follow(request, get_object_or_404(Programme, slug=slug))


@login_required
@require_http_methods(["GET", "POST"])
def follow_call(request, slug):
    return _toggle_follow(request, get_object_or_404(services.public_calls(), slug=slug))


@login_required
@require_http_methods(["GET", "POST"])
def followers(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    organisations = permissions.owning_organisations(request.user, programme)
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
                messages.success(request, gettext("Your invitation is on its way."))
                return redirect("partnerships:followers", slug=programme.slug)
    return render(
        request,
        "partnerships/followers.html",
        {"programme": programme, "listing": listing, "form": form, "inviting": inviting},
    )


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
            "q": filters.get("q", ""),
            "may_post": permissions.can_post(request.user),
        },
    )


def post_detail(request, pk):
    post = get_object_or_404(BoardPost.objects.select_related("organisation", "programme", "call"), pk=pk)
    is_author = permissions.can_edit_post(request.user, post)
    live = services.live_posts().filter(pk=post.pk).exists()
    if not live and not is_author:
        raise Http404(gettext("This post is no longer on the board."))
    form = ContactForm()
    return render(
        request,
        "partnerships/post_detail.html",
        {
            "post": post,
            "is_author": is_author,
            "live": live,
            "form": form,
            "report_form": ReportForm(),
            "matches": matches.matches_for_post(post) if live else [],
        },
    )


def _post_fields(form) -> dict:
    return {name: form.cleaned_data.get(name) for name in form.fields}


@login_required
@require_http_methods(["GET", "POST"])
def new_post(request):
    if not permissions.can_post(request.user):
        # Who may post, and how to become someone who may, rather than a bare refusal.
        return render(request, "partnerships/post_form.html", {"form": None, "refused": True}, status=403)
    initial = services.post_defaults(request.user)
    call = services.public_calls().filter(slug=request.GET.get("call", "")).first()
    if call is not None:
        initial["call"] = call.pk
    form = BoardPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(request.user, **_post_fields(form))
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your post is on the board."))
            return redirect(post.get_absolute_url())
    return render(request, "partnerships/post_form.html", {"form": form, "editing": False})


def _own_post(request, pk) -> BoardPost:
    post = get_object_or_404(BoardPost, pk=pk)
    permissions.require_edit_post(request.user, post)
    return post


@login_required
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
            messages.success(request, gettext("Your changes were saved."))
            return redirect(post.get_absolute_url())
    return render(request, "partnerships/post_form.html", {"form": form, "editing": True, "post": post})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_post(request, pk):
    post = _own_post(request, pk)
    if request.method == "GET":
        return redirect(post.get_absolute_url())
    services.withdraw_post(post, request.user)
    messages.success(request, gettext("Your post was withdrawn from the board."))
    return redirect("partnerships:my_hub")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("hub_contact_sender")
def contact_post(request, pk):
    post = get_object_or_404(BoardPost.objects.select_related("organisation", "programme", "call"), pk=pk)
    if request.method == "GET":
        return redirect(post.get_absolute_url())
    if (denied := ratelimit.check_request(request, "hub_contact_recipient", f"user:{post.author_id}")) is not None:
        return denied
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_author(
                post, request.user, message=form.cleaned_data["message"], reply_to=form.cleaned_data["reply_to"]
            )
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your message was passed on to the author."))
            return redirect(post.get_absolute_url())
    live = services.live_posts().filter(pk=post.pk).exists()
    return render(
        request,
        "partnerships/post_detail.html",
        {
            "post": post,
            "is_author": permissions.can_edit_post(request.user, post),
            "live": live,
            "form": form,
            "report_form": ReportForm(),
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, pk):
    post = get_object_or_404(services.live_posts(), pk=pk)
    if request.method == "GET":
        return redirect(post.get_absolute_url())
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_post(post, request.user, reason=form.cleaned_data["reason"])
        except HubError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: the platform's staff will look at this post."))
    else:
        messages.error(request, _("Say what is wrong with this post."))
    return redirect(post.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def my_hub(request):
    profile = services.profile_of(request.user)
    form = ProfileForm(
        request.POST or None, initial={"offers": profile.offers, "seeks": profile.seeks, "digest": profile.digest}
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, **form.cleaned_data)
        messages.success(request, gettext("Saved."))
        return redirect("partnerships:my_hub")
    # An invalid form comes back with what was typed in both fields and the reason next to the field.
    status = 400 if request.method == "POST" else 200
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
            "may_post": permissions.can_post(request.user),
            "card": services.person_card(request.user),
            "represented": permissions.represented_organisations(request.user).order_by("name"),
            "publishers": permissions.managed_publishers(request.user).order_by("name"),
            "calls_for": [
                (organisation, matches.calls_for_organisation(organisation))
                for organisation in permissions.represented_organisations(request.user).order_by("name")
            ],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def regenerate_feed(request):
    if request.method == "GET":
        return redirect("partnerships:my_hub")
    services.feed_token(request.user, regenerate=True)
    messages.success(request, gettext("You have a new feed address; the old one no longer works."))
    return redirect("partnerships:my_hub")


def feed(request, token):
    user = services.user_for_feed(token)
    if user is None:
        raise Http404(gettext("No such feed."))
    response = HttpResponse(
        build_deadlines_ics(user, services.followed_calls(user)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hub-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The digest e-mail's link stops the digest without signing in, and the page offers to undo.

    Opening the link changes nothing: mail scanners and link previews open every link of a message, and would
    unsubscribe people who never asked. The page asks for one button press, which posts.
    """
    user = digest.user_for_token(token)
    if user is None:
        return render(request, "partnerships/unsubscribe.html", {"invalid": True}, status=404)
    done = None
    if request.method == "POST":
        if request.POST.get("action") == "resubscribe":
            digest.resubscribe(token)
            done = "resubscribed"
        else:
            digest.unsubscribe(token)
            done = "unsubscribed"
    return render(request, "partnerships/unsubscribe.html", {"done": done, "token": token})
