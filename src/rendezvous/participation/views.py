"""Participation pages: the check-in desk, badge downloads, the personal join link. Thin: rules are in `services`."""

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rendezvous.core.permissions import is_organiser
from rendezvous.events.models import Edition
from rendezvous.events.permissions import checkin_staff_page, organiser_page
from rendezvous.registration.models import Registration

from . import badges, services


def _signed_in_edition(view):
    """Anonymous visitors go to sign in and come back; the view gets the edition and checks the role itself."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, get_object_or_404(Edition, slug=slug), *args, **kwargs)

    return wrapper


def _chosen_day(edition: Edition, value: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return services.default_check_in_day(edition)
    return day if day in services.edition_days(edition) else services.default_check_in_day(edition)


@never_cache
@require_http_methods(["GET", "POST"])
@checkin_staff_page
def check_in_desk(request, edition):
    """The check-in desk: type or scan a badge code, see a green or red banner and the day's count."""
    day = _chosen_day(edition, request.POST.get("day") or request.GET.get("day"))
    today = services.local_today(edition)
    outside_dates = today not in services.edition_days(edition)
    result = None
    query = (request.GET.get("q") or "")[: services.MAX_SEARCH_LENGTH]
    if request.method == "POST":
        # The page marks its forms when today is not a day of the edition; such a check-in needs the tick.
        if request.POST.get("outside_dates") and not request.POST.get("confirm_outside_dates"):
            result = {
                "ok": False,
                "message": _(
                    "Today (%(today)s) is not a day of this edition: tick the confirmation to check in for "
                    "day %(number)d anyway."
                )
                % {"today": today.isoformat(), "number": services.day_number(edition, day)},
            }
        else:
            try:
                if request.POST.get("registration", "").isdigit():
                    outcome = services.check_in_by_search(
                        edition, int(request.POST["registration"]), day=day, by=request.user
                    )
                else:
                    outcome = services.check_in(edition, request.POST.get("code", ""), day=day, by=request.user)
                result = {"ok": True, "message": outcome.message, "check_in": outcome.check_in}
            except services.ParticipationError as error:
                result = {"ok": False, "message": str(error)}
    context = {
        "query": query,
        "found": services.find_participants(edition, query) if query else None,
        "outside_dates": outside_dates,
        "today": today,
        "edition": edition,
        "day": day,
        "days": [(d, services.day_number(edition, d)) for d in services.edition_days(edition)],
        "day_number": services.day_number(edition, day),
        "result": result,
        "counts": services.day_counts(edition, day),
        "recent": services.recent_check_ins(edition, day),
        "is_organiser": is_organiser(request.user, edition),
    }
    template = "participation/_desk_update.html" if request.htmx else "participation/check_in.html"
    return render(request, template, context)


@require_POST
@checkin_staff_page
def undo_check_in(request, edition, pk):
    """Take back a wrong check-in (audited), then back to the desk for the same day."""
    try:
        entry = services.undo_check_in(edition, pk, by=request.user)
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return redirect("participation:check_in", edition.slug)
    messages.success(request, _("Check-in of %(name)s undone.") % {"name": entry.registration.full_name})
    return redirect(reverse("participation:check_in", args=[edition.slug]) + f"?day={entry.day.isoformat()}")


def _pdf_response(file, filename: str) -> FileResponse:
    response = FileResponse(file, content_type="application/pdf", filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@_signed_in_edition
def badge(request, edition, pk):
    """One badge, for its owner (the registration's e-mail is the user's) or an organiser; anyone else gets 404."""
    registration = get_object_or_404(
        Registration.objects.select_related("organisation", "edition"), pk=pk, edition=edition
    )
    is_owner = registration.email == (request.user.email or "").strip().lower()
    if not is_owner and not is_organiser(request.user, edition):
        raise Http404(gettext("No such badge."))
    if not services.has_badge(registration):
        return render(
            request, "participation/no_badge.html", {"edition": edition, "registration": registration}, status=404
        )
    return _pdf_response(badges.single_badge_pdf(registration), f"badge-{edition.slug}-{registration.pk}.pdf")


@require_GET
@organiser_page
def badge_sheet(request, edition):
    """Every approved in-person badge, 2 × 4 to an A4 page, for organisers to print."""
    registrations = services.badge_registrations(edition)
    services.ensure_passes(registrations)
    pdf = badges.badge_sheet_pdf(edition, registrations.iterator(chunk_size=200))
    return _pdf_response(pdf, f"badges-{edition.slug}.pdf")


@never_cache
@require_GET
def join(request, slug, secret):
    """A personal join link: record the join, then forward to the meeting. Refusals say why and never show the link."""
    edition = get_object_or_404(Edition, slug=slug)
    try:
        meeting_url = services.record_join(edition, secret, session_slug=request.GET.get("session", ""))
    except services.JoinRefused as error:
        return render(
            request, "participation/join_refused.html", {"edition": edition, "reason": str(error)}, status=403
        )
    return HttpResponseRedirect(meeting_url)
