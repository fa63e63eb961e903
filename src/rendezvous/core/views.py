"""Sign-in pages; the rules (links, rate limits, second factor) are in services.py."""

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import services
from .forms import OrganiserSignInForm, SignInLinkForm

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
    next_url = services.safe_next_url(request.POST.get("next") or request.GET.get("next") or "/admin/")
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
        return render(request, "core/check_mail.html", {"email": form.cleaned_data["email"], "organiser": True})
    return render(request, "core/organiser_sign_in.html", {"form": form})


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
