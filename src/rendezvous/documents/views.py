"""Pages of participants' documents and personal data. Thin: the rules are in the service modules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rendezvous.core.ratelimit import check_request, ip_of
from rendezvous.events.permissions import edition_role_page, organiser_page
from rendezvous.events.services import get_visible_edition
from rendezvous.registration.services import registration_for

from . import certificates, erasure, pdf, personal_data, retention, visa
from .certificates import DocumentError
from .forms import DeclineForm, DocumentSettingsForm, RevokeForm, VisaLetterForm
from .models import Certificate, DocumentSettings, ErasureRequest, VisaLetterRequest, VisaLetterStatus
from .permissions import can_review_visa_letters


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
def verify(request, reference):
    """Public: the name, the edition and whether the document is valid. Rate-limited per address, so that guessing
    references is slow on top of hopeless."""
    denied = check_request(request, "document_verification", ip_of(request))
    if denied is not None:
        return denied
    found = certificates.verify(reference)
    if found is None:
        return render(request, "documents/verify.html", {"found": False}, status=404)
    kind, name, edition, valid = found
    return render(
        request,
        "documents/verify.html",
        {"found": True, "kind": kind, "name": name, "edition": edition, "valid": valid},
    )


def _own_registration(request, slug):
    edition = get_visible_edition(request.user, slug)
    registration = registration_for(edition, request.user)
    if registration is None:
        raise Http404(_("You have no registration for this event."))
    return edition, registration


@login_required
@require_GET
def my_certificate(request, slug):
    edition, registration = _own_registration(request, slug)
    certificate = certificates.certificate_of(registration, actor=request.user)
    if certificate is None:
        raise Http404(_("No certificate has been issued to you for this event yet."))
    return _pdf(pdf.certificate_pdf(certificate), f"certificate-{edition.slug}.pdf")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_visa_letter(request, slug):
    edition, registration = _own_registration(request, slug)
    letter = VisaLetterRequest.objects.filter(registration=registration).first()
    if not visa.may_request(registration) and letter is None:
        messages.error(
            request, _("Only approved participants attending in person can request a visa invitation letter.")
        )
        return redirect("registration:mine", slug=edition.slug)
    form = VisaLetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = visa.PassportDetails(**{name: data[name] for name in visa.PASSPORT_FIELDS})
        try:
            visa.request_letter(
                registration,
                details,
                needed_from=data["needed_from"],
                needed_until=data["needed_until"],
                actor=request.user,
            )
        except DocumentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request is sent. You will receive an e-mail once it is reviewed."))
            return redirect("documents:my_visa_letter", slug=edition.slug)
    can_request = letter is None or letter.status == VisaLetterStatus.DECLINED
    return render(
        request,
        "documents/my_visa_letter.html",
        {"edition": edition, "registration": registration, "letter": letter, "form": form, "can_request": can_request},
    )


@login_required
@require_GET
def my_visa_letter_pdf(request, slug):
    edition, registration = _own_registration(request, slug)
    letter = VisaLetterRequest.objects.filter(registration=registration).first()
    if letter is None or not letter.is_valid:
        raise Http404(_("You have no approved visa invitation letter."))
    details = visa.passport_details(letter, actor=request.user)
    if details is None:
        raise Http404(_("The passport details of this letter have been erased."))
    return _pdf(pdf.visa_letter_pdf(letter, details), f"visa-letter-{edition.slug}.pdf")


@never_cache
@require_http_methods(["GET", "POST"])
@organiser_page
def organise_certificates(request, edition):
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "issue_all":
                issued = certificates.issue_all(edition, actor=request.user)
                messages.success(request, _("%(count)d certificate(s) issued.") % {"count": len(issued)})
            elif action == "issue":
                certificates.issue_one(edition, _int(request.POST.get("registration")), actor=request.user)
                messages.success(request, _("Certificate issued."))
            elif action == "revoke":
                form = RevokeForm(request.POST)
                reason = form.cleaned_data["reason"] if form.is_valid() else ""
                certificates.revoke(edition, _int(request.POST.get("certificate")), actor=request.user, reason=reason)
                messages.success(request, _("Certificate revoked."))
        except DocumentError as error:
            messages.error(request, str(error))
        return redirect("documents:organise_certificates", slug=edition.slug)
    issued = {c.registration_id: c for c in Certificate.objects.filter(edition=edition)}
    rows = [(registration, issued.get(registration.pk)) for registration in certificates.attendees(edition)]
    return render(
        request,
        "documents/organise_certificates.html",
        {
            "edition": edition,
            "rows": rows,
            "missing": sum(1 for _registration, certificate in rows if certificate is None),
            "can_review_visa": can_review_visa_letters(request.user, edition),
        },
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DocumentError(_("Choose a person from the list.")) from None


@never_cache
@require_http_methods(["GET", "POST"])
@organiser_page
def organise_settings(request, edition):
    instance = DocumentSettings.objects.filter(edition=edition).first() or DocumentSettings(edition=edition)
    form = DocumentSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("documents:organise_settings", slug=edition.slug)
    return render(request, "documents/organise_settings.html", {"edition": edition, "form": form})


visa_officer_page = edition_role_page(
    can_review_visa_letters,
    gettext_lazy("Only the organisers named to handle visa letters may see visa letter requests."),
)


@require_POST
@organiser_page
def visa_officer(request, edition, user_id):
    """Grant or revoke handling the edition's visa letters, from the organisers' staff page."""
    try:
        if request.POST.get("action") == "grant":
            officer = visa.grant_officer(edition, user_id, actor=request.user)
            messages.success(request, _("%(email)s now handles visa letters.") % {"email": officer.user.email})
        else:
            visa.revoke_officer(edition, user_id, actor=request.user)
            messages.success(request, _("They no longer handle visa letters."))
    except DocumentError as error:
        messages.error(request, str(error))
    return redirect("organise:staff", edition.slug)


@never_cache
@require_GET
@visa_officer_page
def visa_queue(request, edition):
    return render(
        request,
        "documents/visa_queue.html",
        {"edition": edition, "letters": visa.queue(edition, actor=request.user)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@visa_officer_page
def visa_request(request, edition, pk):
    letter = get_object_or_404(VisaLetterRequest.objects.select_related("registration"), edition=edition, pk=pk)
    decline_form = DeclineForm(request.POST or None) if request.POST.get("action") == "decline" else DeclineForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                visa.approve(edition, letter.pk, actor=request.user)
                messages.success(request, _("Approved: the participant can download the letter."))
                return redirect("documents:visa_request", slug=edition.slug, pk=letter.pk)
            if decline_form.is_valid():
                visa.decline(edition, letter.pk, actor=request.user, reason=decline_form.cleaned_data["reason"])
                messages.success(request, _("Declined: the participant is told why."))
                return redirect("documents:visa_queue", slug=edition.slug)
        except DocumentError as error:
            messages.error(request, str(error))
    details = visa.passport_details(letter, actor=request.user)
    return render(
        request,
        "documents/visa_request.html",
        {"edition": edition, "letter": letter, "details": details, "decline_form": decline_form},
    )


@require_GET
@visa_officer_page
def visa_letter_pdf(request, edition, pk):
    letter = get_object_or_404(VisaLetterRequest.objects.select_related("registration"), edition=edition, pk=pk)
    details = visa.passport_details(letter, actor=request.user)
    if not letter.is_valid or details is None:
        raise Http404(_("There is no letter to download."))
    return _pdf(pdf.visa_letter_pdf(letter, details), f"visa-letter-{edition.slug}-{letter.pk}.pdf")


@never_cache
@require_http_methods(["GET", "POST"])
@organiser_page
def organise_erasure(request, edition):
    if request.method == "POST":
        try:
            erasure.erase_for_organiser(edition, _int(request.POST.get("registration")), actor=request.user)
            messages.success(request, _("The person's data is erased."))
        except (DocumentError, PermissionDenied) as error:
            messages.error(request, str(error))
        return redirect("documents:organise_erasure", slug=edition.slug)
    pending = erasure.pending_requests(edition, actor=request.user)
    registrations = {r.email: r for r in edition.registrations.filter(email__in=[p.user.email for p in pending])}
    rows = [(request_row, registrations.get(request_row.user.email)) for request_row in pending]
    return render(
        request,
        "documents/organise_erasure.html",
        {"edition": edition, "rows": rows, "periods": retention.periods(edition)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    if request.method == "POST" and request.POST.get("action") == "erase" and request.POST.get("sure"):
        erasure.request_erasure(request.user, actor=request.user)
        messages.success(request, _("Your request is recorded. The organisers will erase your data and tell you."))
        return redirect("documents:my_data")
    pending = ErasureRequest.objects.filter(user=request.user, completed_at__isnull=True).first()
    return render(request, "documents/my_data.html", {"pending": pending})


@never_cache
@login_required
@require_GET
def my_data_download(request):
    try:
        archive = personal_data.export(request.user, actor=request.user)
    except personal_data.FreshSignInRequired as error:
        messages.info(request, str(error))
        return redirect(reverse("core:sign_in") + "?" + urlencode({"next": reverse("documents:my_data")}))
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
