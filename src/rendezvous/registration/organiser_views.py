"""Organisers' registration pages: the moderation queue, one application with its audit trail, capacity, and
invitations. Thin: each page is an `organiser_page`, then calls `services`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rendezvous.core import i18n, uploads
from rendezvous.core.audit import trail_for
from rendezvous.events.models import Edition
from rendezvous.events.permissions import organiser_page

from . import services
from .models import Attendance, Invitation, InvitationState, Registration, Role, Status
from .organiser_forms import (
    CapacityForm,
    DecisionForm,
    InvitationCSVForm,
    InviteForm,
    QueueFilterForm,
    RegistrationCSVForm,
)
from .services.invitations import CSV_COLUMNS

PAGE_SIZE = 50
FILTER_NAMES = ("q", "status", "country", "organisation_type", "attendance", "role")


def _filter_query(params) -> str:
    """The queue's filters (and page) as a query string, without anything else a request carried."""
    kept = QueryDict(mutable=True)
    for name in (*FILTER_NAMES, "page"):
        value = params.get(name, "")
        if value:
            kept[name] = value
    return kept.urlencode()


def _queue_url(edition: Edition, query: str = "") -> str:
    url = reverse("registration:organise_queue", kwargs={"slug": edition.slug})
    return f"{url}?{query}" if query else url


# ---------------------------------------------------------------------------------------------------------------------
# The queue


@organiser_page
@require_http_methods(["GET", "POST"])
def queue(request, edition):
    """Filtered, searchable applications with seats per mode; POST approves or rejects the selected ones."""
    if request.method == "POST":
        _decide(request, edition, DecisionForm(request.POST))
        return redirect(_queue_url(edition, _filter_query(request.GET)))

    filter_form = QueueFilterForm(request.GET, edition=edition)
    filters = filter_form.filters()
    registrations = services.registrations_for_review(edition, **filters)
    if filters["status"] != Status.PENDING:
        # Pending applications are reviewed first come, first served; every other view shows the latest first.
        registrations = registrations.order_by("-created_at", "-id")
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    for registration in page:
        registration.can_approve = Status.APPROVED in services.TRANSITIONS[registration.status]
        registration.can_reject = Status.REJECTED in services.TRANSITIONS[registration.status]
    policy = services.get_policy(edition)
    query = _filter_query(request.GET)
    context = {
        "edition": edition,
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "page": page,
        "seats": seat_summary(edition),
        "decision_form": DecisionForm(),
        "capacity_form": CapacityForm(
            initial={"in_person": policy.in_person_capacity, "online": policy.online_capacity, "query": query}
        ),
        "query": query,
        "page_query": _filter_query({name: request.GET.get(name, "") for name in FILTER_NAMES}),
        "current": "queue",
    }
    return render(request, "registration/organise/queue.html", context)


def seat_summary(edition: Edition) -> list[dict]:
    """Per attendance mode: approved participants, pending ones (who hold a place too), capacity, free, waiting."""
    approved = dict(
        Registration.objects.approved()
        .filter(edition=edition, role=Role.PARTICIPANT)
        .order_by()
        .values_list("attendance")
        .annotate(Count("id"))
    )
    return [
        {
            "attendance": mode.attendance,
            "label": Attendance(mode.attendance).label,
            "approved": approved.get(mode.attendance, 0),
            "pending": mode.held - approved.get(mode.attendance, 0),
            "capacity": mode.capacity,
            "free": mode.free,
            "waiting": mode.waiting,
        }
        for mode in services.seats(edition).values()
    ]


def _decide(request, edition: Edition, form: DecisionForm) -> None:
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    bulk = services.approve_registrations if action == "approve" else services.reject_registrations
    try:
        result = bulk(edition, form.selected_ids, actor=request.user, reason=reason)
    except services.RegistrationError as error:  # e.g. RegistrationBusy: the seat lock was not free in time
        messages.error(request, str(error))
        return
    message = describe_decisions(result, action)
    if not result.changed and not result.skipped:
        messages.error(request, gettext("None of the selected applications belongs to this edition."))
    elif result.skipped:
        messages.warning(request, message)
    else:
        messages.success(request, message)


def describe_decisions(result: services.BulkResult, action: str) -> str:
    """'12 approved, 2 moved to the waiting list, 1 could not be approved: Ana Lima (No free in-person seat).'"""
    approving = action == "approve"
    by_status: dict[str, int] = {}
    for registration in result.changed:
        by_status[registration.status] = by_status.get(registration.status, 0) + 1
    parts = []
    done = by_status.get(Status.APPROVED if approving else Status.REJECTED, 0)
    if done or not result.skipped:
        decided = (
            ngettext("%(count)s approved", "%(count)s approved", done)
            if approving
            else ngettext("%(count)s rejected", "%(count)s rejected", done)
        )
        parts.append(decided % {"count": done})
    waitlisted = by_status.get(Status.WAITLISTED, 0)
    if waitlisted:
        parts.append(
            ngettext("%(count)s moved to the waiting list", "%(count)s moved to the waiting list", waitlisted)
            % {"count": waitlisted}
        )
    if result.skipped:
        reasons = "; ".join(f"{registration.full_name} ({why.rstrip('.')})" for registration, why in result.skipped)
        skipped = len(result.skipped)
        refused = (
            ngettext(
                "%(count)s could not be approved: %(reasons)s", "%(count)s could not be approved: %(reasons)s", skipped
            )
            if approving
            else ngettext(
                "%(count)s could not be rejected: %(reasons)s", "%(count)s could not be rejected: %(reasons)s", skipped
            )
        )
        parts.append(refused % {"count": skipped, "reasons": reasons})
    summary = i18n.comma().join(parts)
    return pgettext("the end of a summary", "%(summary)s.") % {"summary": summary}


@organiser_page
@require_POST
def capacity(request, edition):
    """Change both capacities; waiting applications get the seats that opened."""
    form = CapacityForm(request.POST)
    query = _filter_query(QueryDict(request.POST.get("query", "")))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(errors)
            if label:
                text = pgettext("a form field's label and its errors", "%(label)s: %(errors)s") % {
                    "label": label,
                    "errors": text,
                }
            messages.error(request, text)
        return redirect(_queue_url(edition, query))
    in_person, online = form.cleaned_data["in_person"], form.cleaned_data["online"]
    try:
        promoted = services.set_capacity(edition, in_person=in_person, online=online, actor=request.user)
    except services.RegistrationError as error:
        messages.error(request, str(error))
        return redirect(_queue_url(edition, query))

    def shown(value):
        return gettext("unlimited") if value is None else str(value)

    text = gettext("Capacity saved: in person %(in_person)s, online %(online)s.") % {
        "in_person": shown(in_person),
        "online": shown(online),
    }
    count = len(promoted)
    if count:
        text += " " + ngettext(
            "%(count)s application moved from the waiting list into the places that opened.",
            "%(count)s applications moved from the waiting list into the places that opened.",
            count,
        ) % {"count": count}
    else:
        text += " " + gettext("Nobody moved from the waiting list.")
    messages.success(request, text)
    return redirect(_queue_url(edition, query))


# ---------------------------------------------------------------------------------------------------------------------
# One application


@organiser_page
@require_http_methods(["GET", "POST"])
def registration_detail(request, edition, pk):
    """One application with everything it says and its audit trail; approve or reject it with a reason."""
    registration = get_object_or_404(
        Registration.objects.select_related("organisation", "invitation", "edition"), pk=pk, edition=edition
    )
    back = _queue_url(edition, _filter_query(request.GET))
    if request.method == "POST":
        form = DecisionForm(request.POST)
        form.selected_ids = [registration.pk]
        if form.is_valid():
            approve = form.cleaned_data["action"] == "approve"
            step = services.approve_registration if approve else services.reject_registration
            try:
                registration = step(registration, actor=request.user, reason=form.cleaned_data["reason"])
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    pgettext("a person and the status they now have", "%(full_name)s: %(status)s.")
                    % {"full_name": registration.full_name, "status": registration.get_status_display().lower()},
                )
        else:
            for error in form.errors.values():
                messages.error(request, " ".join(error))
        return redirect(request.get_full_path())
    trail = trail_for(registration)
    return render(
        request,
        "registration/organise/registration.html",
        {
            "edition": edition,
            "registration": registration,
            "trail": trail,
            "decision_form": DecisionForm(),
            "back": back,
            "can_approve": Status.APPROVED in services.TRANSITIONS[registration.status],
            "can_reject": Status.REJECTED in services.TRANSITIONS[registration.status],
            "current": "queue",
        },
    )


@organiser_page
def nomination_letter(request, edition, pk):
    """The applicant's nomination letter, shown to organisers only (the file is not under a public URL)."""
    registration = get_object_or_404(Registration, pk=pk, edition=edition)
    if not registration.nomination_letter:
        raise Http404(gettext("No nomination letter."))
    content_type = uploads.content_type_of_name(registration.nomination_letter.name)
    response = uploads.serve(
        registration.nomination_letter.open("rb"),
        content_type=content_type,
        filename=f"nomination-letter-{registration.pk}.{uploads.EXTENSIONS.get(content_type, 'bin')}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------------------------------
# Invitations


def invitation_status(invitation: Invitation, now) -> str:
    """What the list shows: 'sent', 'used', 'revoked' or 'expired' (an open invitation past its expiry)."""
    if invitation.state == InvitationState.OPEN:
        return "expired" if invitation.expires_at <= now else "sent"
    return invitation.state


INVITATION_STATUS_LABELS = {
    "sent": pgettext_lazy("an invitation's status", "Sent"),
    "used": pgettext_lazy("an invitation's status", "Used"),
    "revoked": pgettext_lazy("an invitation's status", "Revoked"),
    "expired": pgettext_lazy("an invitation's status", "Expired"),
}


def _invitations_page(request, edition, *, invite_form=None, csv_form=None, status=200):
    page = Paginator(Invitation.objects.filter(edition=edition).order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    for invitation in page:
        invitation.display_status = invitation_status(invitation, now)
        invitation.display_status_label = INVITATION_STATUS_LABELS[invitation.display_status]
        invitation.can_change = invitation.display_status in ("sent", "expired")
    context = {
        "edition": edition,
        "page": page,
        "invite_form": invite_form or InviteForm(),
        "csv_form": csv_form or InvitationCSVForm(),
        "columns": ",".join(CSV_COLUMNS),
        "current": "invitations",
    }
    return render(request, "registration/organise/invitations.html", context, status=status)


@organiser_page
@require_http_methods(["GET", "POST"])
def invitations(request, edition):
    """The edition's invitations; POST invites one person. The link itself is mailed, never shown."""
    if request.method == "GET":
        return _invitations_page(request, edition)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite(edition, actor=request.user, **form.cleaned_data)
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if invitation.send_count > 1:
                sent = gettext("Invitation sent again to %(email)s as %(role)s.")
            else:
                sent = gettext("Invitation sent to %(email)s as %(role)s.")
            messages.success(request, sent % {"email": invitation.email, "role": invitation.get_role_display().lower()})
            return redirect("registration:organise_invitations", slug=edition.slug)
    return _invitations_page(request, edition, invite_form=form, status=400)


@organiser_page
@require_POST
def import_invitations(request, edition):
    """Invite everyone in an uploaded CSV file, or nobody (every bad line is listed)."""
    form = InvitationCSVForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            invited = services.import_invitations(edition, form.cleaned_data["file"], actor=request.user)
        except services.ImportFailed as error:
            form.add_error("file", [gettext("Nothing was imported."), *error.errors])
        else:
            count = len(invited)
            messages.success(
                request,
                ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", count) % {"count": count},
            )
            return redirect("registration:organise_invitations", slug=edition.slug)
    return _invitations_page(request, edition, csv_form=form, status=400)


@organiser_page
@require_http_methods(["GET", "POST"])
def import_registrations(request, edition):
    """Registrations collected elsewhere, from a CSV file: everyone imported, or nobody (every bad line is listed).
    They keep the status the file gives them and nobody is e-mailed."""
    form = RegistrationCSVForm(request.POST, request.FILES) if request.method == "POST" else RegistrationCSVForm()
    if form.is_bound and form.is_valid():
        try:
            count = services.import_registration_file(edition, form.cleaned_data["file"], actor=request.user)
        except services.ImportFailed as error:
            form.add_error("file", [gettext("Nothing was imported."), *error.errors])
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s registration imported; nobody was e-mailed.",
                    "%(count)s registrations imported; nobody was e-mailed.",
                    count,
                )
                % {"count": count},
            )
            return redirect("registration:organise_queue", slug=edition.slug)
    context = {
        "edition": edition,
        "form": form,
        "columns": ",".join(services.IMPORT_COLUMNS),
        "guide": services.column_guide(),
        "current": "queue",
    }
    status = 400 if form.is_bound else 200
    return render(request, "registration/organise/import_registrations.html", context, status=status)


def _invitation_step(step, done):
    """A view taking `step` on one invitation; `done` is the message saying it is done (lazy: translated per
    request), with %(email)s."""

    @organiser_page
    @require_POST
    def view(request, edition, pk):
        invitation = get_object_or_404(Invitation, pk=pk, edition=edition)
        try:
            step(invitation, actor=request.user)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(done) % {"email": invitation.email})
        url = reverse("registration:organise_invitations", kwargs={"slug": edition.slug})
        page = request.POST.get("page", "")
        return redirect(f"{url}?{urlencode({'page': page})}" if page.isdigit() else url)

    view.__doc__ = f"POST only: {step.__name__.replace('_', ' ')}."
    return view


revoke_invitation = _invitation_step(services.revoke_invitation, gettext_lazy("Invitation to %(email)s revoked."))
resend_invitation = _invitation_step(
    services.resend_invitation, gettext_lazy("Invitation to %(email)s sent again with a new link.")
)
