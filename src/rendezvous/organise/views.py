"""The secretariat's pages: editions created and cloned, staff, the audit trail and the outbox. Thin: rules are in
the services next to this file."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rendezvous.events import edition_pages
from rendezvous.events.models import Edition, EditionStaff, Series
from rendezvous.events.permissions import organiser_page
from rendezvous.events.services import EditionError, get_visible_edition

from . import records, staff
from .cloning import clone_edition
from .editions import create_edition_in_series, set_status
from .forms import CloneForm, EditionForm, StaffForm
from .permissions import require_clone, require_create_edition, series_run_by

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def home(request):
    """Everything this person runs: the series they may add editions to, and the editions they organise or staff."""
    user = request.user
    series_list = list(series_run_by(user).prefetch_related("editions"))
    roles = EditionStaff.objects.filter(user=user).select_related("edition").order_by("-edition__start_date")
    if user.is_superuser:
        editions = [(edition, "organiser", _("Platform staff")) for edition in Edition.objects.all()]
    else:
        editions = [(role.edition, role.role, role.get_role_display()) for role in roles]
    return render(request, "organise/home.html", {"series_list": series_list, "editions": editions})


@login_required
def new_edition(request, series_slug):
    series = get_object_or_404(Series, slug=series_slug)
    require_create_edition(request.user, series)
    form = EditionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = create_edition_in_series(series, actor=request.user, **form.cleaned_data)
        except EditionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft edition %(title)s created.") % {"title": edition.title})
            return redirect("events:organise", edition.slug)
    status = 400 if form.errors else 200
    return render(request, "organise/new_edition.html", {"form": form, "series": series}, status=status)


@login_required
def clone(request, slug):
    source = get_visible_edition(request.user, slug)
    require_clone(request.user, source)
    initial = {"title": source.title, "format": source.format}
    form = CloneForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edition = clone_edition(source, actor=request.user, **form.cleaned_data)
        except EditionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(title)s created as a draft from %(source)s.") % {"title": edition.title, "source": source.title},
            )
            return redirect("events:organise", edition.slug)
    status = 400 if form.errors else 200
    return render(request, "organise/clone.html", {"form": form, "source": source}, status=status)


@organiser_page
def staff_page(request, edition):
    form = StaffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            added = staff.add_staff(edition, form.cleaned_data["email"], form.cleaned_data["role"], actor=request.user)
        except staff.StaffError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(email)s is now %(role)s; we e-mailed them.")
                % {"email": added.user.email, "role": added.get_role_display().lower()},
            )
            return redirect("organise:staff", edition.slug)
    status = 400 if form.errors else 200
    context = {
        "edition": edition,
        "form": form,
        "staff": staff.staff_of(edition),
        "current": "staff",
        **edition_pages.parts_of(edition_pages.STAFF_PAGE, edition),
    }
    return render(request, "organise/staff.html", context, status=status)


@require_POST
@organiser_page
def remove_staff(request, edition, pk):
    try:
        staff.remove_staff(edition, pk, actor=request.user)
    except staff.StaffError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Role removed."))
    return redirect("organise:staff", edition.slug)


@organiser_page
def audit_page(request, edition):
    page = _page(request, records.audit_trail(edition, request.user))
    return render(request, "organise/audit.html", {"edition": edition, "page": page, "current": "audit"})


@organiser_page
def outbox_page(request, edition):
    page = _page(request, records.edition_outbox(edition, request.user))
    return render(request, "organise/outbox.html", {"edition": edition, "page": page, "current": "outbox"})


@require_POST
@organiser_page
def send_again(request, edition, pk):
    try:
        message = records.send_again(edition, pk, request.user)
    except records.ResendRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The message to %(to)s will be sent again.") % {"to": message.to})
    return redirect(reverse("organise:outbox", args=[edition.slug]))


@require_POST
@organiser_page
def change_status(request, edition):
    try:
        set_status(edition, request.POST.get("status", ""), actor=request.user)
    except EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The edition is now %(status)s.") % {"status": edition.get_status_display().lower()}
        )
    return redirect("events:organise", edition.slug)


class ChoosePassword(auth_views.PasswordResetConfirmView):
    """An invited organiser's first password (Django's reset-token checks); then the usual organiser sign-in."""

    template_name = "organise/choose_password.html"
    success_url = reverse_lazy("core:organiser_sign_in")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in with it now."))
        return super().form_valid(form)
