"""Participation pages: the check-in desk, badge downloads, the personal join link. Thin: rules are in `services`."""

import datetime
import functools

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

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
    result = None
    if request.method == "POST":
        try:
            outcome = services.check_in(edition, request.POST.get("code", ""), day=day, by=request.user)
            result = {"ok": True, "message": outcome.message}
        except services.ParticipationError as error:
            result = {"ok": False, "message": str(error)}
    context = {
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
