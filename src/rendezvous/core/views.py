"""Sign-in pages; the rules (links, rate limits, second factor) are in services.py."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import i18n, second_factor, security_keys, services
from .forms import OrganiserSignInForm, SecondFactorCodeForm, SignInLinkForm

# The session remembers which organiser link may finish the sign-in started with a password in this browser.
PENDING_SECOND_FACTOR = "rendezvous_pending_second_factor"


def _client_ip(request) -> str | None:
    return services.client_ip(request.META)


@never_cache
def sign_in(request):
    next_url = services.safe_next_url(request.POST.get("next") or request.GET.get("next"))
    form = SignInLinkForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_sign_in_link(form.cleaned_data["email"], ip=_client_ip(request), next_url=next_url)
        except services.RateLimited as error:
            return render(request, "core/sign_in.html", {"form": form, "error": str(error)}, status=429)
        return render(request, "core/check_mail.html", {"email": form.cleaned_data["email"], "organiser": False})
    return render(request, "core/sign_in.html", {"form": form})


@never_cache
@sensitive_post_parameters("password")
def organiser_sign_in(request):
    # Organisers land on their own pages (the organise app's home); the admin is for platform staff only.
    next_url = services.safe_next_url(request.POST.get("next") or request.GET.get("next") or "/organise/")
    form = OrganiserSignInForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        try:
            pending_id = services.start_organiser_sign_in(
                form.cleaned_data["email"],
                form.cleaned_data["password"],
                ip=_client_ip(request),
                next_url=next_url,
                request=request,
            )
        except services.RateLimited as error:
            return render(request, "core/organiser_sign_in.html", {"form": form, "error": str(error)}, status=429)
        except services.SignInError as error:
            return render(request, "core/organiser_sign_in.html", {"form": form, "error": str(error)}, status=400)
        request.session[PENDING_SECOND_FACTOR] = pending_id
        if services.pending_sign_in_uses_code(pending_id):
            return redirect("core:sign_in_code")
        return render(request, "core/check_mail.html", {"email": form.cleaned_data["email"], "organiser": True})
    return render(request, "core/organiser_sign_in.html", {"form": form})


@never_cache
@sensitive_post_parameters("code")
def sign_in_code(request):
    """The organiser's second step when a strong device is enrolled: an app's code or a security key, not a link."""
    pending_id = request.session.get(PENDING_SECOND_FACTOR)
    user = services.pending_device_user(pending_id)
    if user is None:
        return redirect("core:organiser_sign_in")
    form = SecondFactorCodeForm(request.POST or None)
    context = {
        "form": form,
        "has_app": second_factor.has_authenticator_app(user),
        "has_keys": bool(security_keys.keys_of(user)),
    }
    if request.method == "POST" and form.is_valid():
        try:
            result = services.complete_sign_in_with_code(pending_id, form.cleaned_data["code"])
        except services.SignInError as error:
            return render(request, "core/sign_in_code.html", {**context, "error": str(error)}, status=400)
        login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        otp_login(request, result.device)
        request.session.pop(PENDING_SECOND_FACTOR, None)
        return redirect(result.next_url)
    return render(request, "core/sign_in_code.html", context)


@never_cache
@login_required
def account_security(request):
    """Enrol or remove authenticator apps; organisers of an edition that requires one are sent here."""
    if not services.is_organiser_account(request.user):
        # Participants sign in by e-mailed link only; a device would never be asked for.
        raise PermissionDenied(_("Authenticator apps are for organisers' accounts."))
    next_url = services.safe_next_url(request.POST.get("next") or request.GET.get("next") or "")
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                second_factor.start_enrolment(request.user, name=request.POST.get("name", ""))
            elif action == "confirm":
                form = SecondFactorCodeForm(request.POST)
                if not form.is_valid():
                    raise second_factor.SecondFactorError(_("Enter the six digits your app shows."))
                device = second_factor.confirm_enrolment(request.user, form.cleaned_data["code"])
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up: sign-in will ask for its code."))
                return redirect(next_url if next_url != "/" else reverse("core:account_security"))
            elif action == "remove":
                second_factor.remove_device(request.user, int(request.POST.get("device", "0") or 0))
                messages.success(request, _("The authenticator app was removed."))
            elif action == "remove_key":
                second_factor.remove_security_key(request.user, int(request.POST.get("key", "0") or 0))
                messages.success(request, _("The security key was removed."))
            return redirect(
                reverse("core:account_security") + (f"?{urlencode({'next': next_url})}" if next_url != "/" else "")
            )
        except (second_factor.SecondFactorError, ValueError) as failure:
            error = str(failure) if isinstance(failure, second_factor.SecondFactorError) else _("Choose a device.")
    pending = second_factor.pending_enrolment(request.user)
    context = {
        "devices": second_factor.confirmed_devices(request.user),
        "keys": security_keys.keys_of(request.user),
        "pending": pending,
        "qr_svg": second_factor.provisioning_qr_svg(pending) if pending else "",
        "secret": second_factor.secret_for_typing(pending) if pending else "",
        "form": SecondFactorCodeForm(),
        "error": error,
        "next": next_url if next_url != "/" else "",
        "required": second_factor.requires_strong_second_factor(request.user),
        "has_strong_factor": second_factor.has_strong_device(request.user),
    }
    return render(request, "core/account_security.html", context, status=400 if error else 200)


def admin_login(request):
    """The admin's own login page would accept a password alone; send organisers through the two-step sign-in."""
    next_url = services.safe_next_url(request.GET.get("next") or "/admin/")
    return redirect(reverse("core:organiser_sign_in") + "?" + urlencode({"next": next_url}))


@never_cache
def sign_in_confirm(request, token):
    """GET shows a confirm button and changes nothing (mail scanners fetch links); POST uses the link."""
    pending_id = request.session.get(PENDING_SECOND_FACTOR)
    if request.method == "POST":
        try:
            result = services.complete_sign_in(token, pending_second_factor_id=pending_id)
        except services.SignInError as error:
            return render(request, "core/sign_in_confirm.html", {"error": str(error)}, status=400)
        # login() rotates the session key, so a session fixed before sign-in is worthless afterwards.
        login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.pop(PENDING_SECOND_FACTOR, None)
        return redirect(result.next_url)
    try:
        row = services.check_sign_in_token(token, pending_second_factor_id=pending_id)
    except services.SignInError as error:
        return render(request, "core/sign_in_confirm.html", {"error": str(error)}, status=400)
    return render(request, "core/sign_in_confirm.html", {"email": row.email})


@require_POST
def sign_out(request):
    logout(request)
    return redirect("/")


# Security keys (WebAuthn): JSON endpoints called by static/rendezvous/webauthn.js.
ENROL_CHALLENGE = "rendezvous_webauthn_enrol_challenge"
SIGN_IN_CHALLENGE = "rendezvous_webauthn_sign_in_challenge"


def _json_body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


@never_cache
@login_required
@require_POST
def security_key_options(request):
    """Start enrolling a security key: options for navigator.credentials.create()."""
    if not services.is_organiser_account(request.user):
        return JsonResponse({"error": _("Security keys are for organisers' accounts.")}, status=403)
    options, challenge = security_keys.registration_options(request.user)
    request.session[ENROL_CHALLENGE] = challenge
    return HttpResponse(options, content_type="application/json")


@never_cache
@login_required
@require_POST
def security_key_register(request):
    """Finish enrolling: verify the key's answer and keep it."""
    if not services.is_organiser_account(request.user):
        return JsonResponse({"error": _("Security keys are for organisers' accounts.")}, status=403)
    body = _json_body(request)
    try:
        security_keys.register(
            request.user,
            body.get("credential"),
            challenge=request.session.pop(ENROL_CHALLENGE, None),
            name=str(body.get("name") or ""),
        )
    except security_keys.SecurityKeyError as error:
        return JsonResponse({"error": str(error)}, status=400)
    messages.success(request, _("Your security key is set up: sign-in will ask for it."))
    next_url = services.safe_next_url(str(body.get("next") or ""))
    return JsonResponse({"redirect": next_url if next_url != "/" else reverse("core:account_security")})


@never_cache
@require_POST
def sign_in_key_options(request):
    """Options for navigator.credentials.get(), for the organiser whose password step is pending in this browser."""
    user = services.pending_device_user(request.session.get(PENDING_SECOND_FACTOR))
    if user is None:
        return JsonResponse({"error": _("Sign in with your password again.")}, status=400)
    options, challenge = security_keys.authentication_options(user)
    request.session[SIGN_IN_CHALLENGE] = challenge
    return HttpResponse(options, content_type="application/json")


@never_cache
@require_POST
def sign_in_key(request):
    """Finish the organiser's sign-in with the security key's answer."""
    pending_id = request.session.get(PENDING_SECOND_FACTOR)
    try:
        result = services.complete_sign_in_with_key(
            pending_id, _json_body(request).get("credential"), challenge=request.session.pop(SIGN_IN_CHALLENGE, None)
        )
    except services.SignInError as error:
        return JsonResponse({"error": str(error)}, status=400)
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.pop(PENDING_SECOND_FACTOR, None)
    return JsonResponse({"redirect": result.next_url})


# No CSRF token: the switcher is on every page, and a token in it would make otherwise identical pages differ (the
# sign-in answers must be byte-identical for known and unknown addresses). A forged request can only change the
# display language of the person's own pages, which they can change back with one click.
@csrf_exempt
@require_POST
def set_language(request):
    """Django's `set_language` (cookie, back to the page), and the choice kept in the signed-in person's profile."""
    response = i18n_views.set_language(request)
    chosen = request.POST.get("language", "")
    if settings.LANGUAGE_COOKIE_NAME in response.cookies:
        i18n.remember(request.user, chosen)
    return response
