"""Site-wide request handling: security headers, the organisers' idle timeout, "busy" while the database is away."""

import logging
import sys
import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import defaults

from . import randomness
from .services import is_organiser_account

logger = logging.getLogger(__name__)

# Why camera=(self): the check-in desk may scan QR codes with the device camera; nothing else is used.
PERMISSIONS_POLICY = (
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), fullscreen=(self), "
    "publickey-credentials-get=(self), interest-cohort=()"
)


def content_security_policy(nonce: str) -> str:
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; "
        "img-src 'self' data:; "
        "form-action 'self'; "
        "base-uri 'none'; "
        "frame-ancestors 'none'; "
        "object-src 'none'"
    )


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy and a Permissions-Policy on every HTML answer.

    Inline scripts need the per-request nonce (`<script nonce="{{ request.csp_nonce }}">`; the attribute name is the
    one django-csp and django-ninja's API docs page use). An answer that sets its own policy (a sandboxed download)
    keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: randomness.token_urlsafe(18))
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            if "Content-Security-Policy" not in response:
                response["Content-Security-Policy"] = content_security_policy(str(request.csp_nonce))
            response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


SESSION_SEEN_KEY = "_rendezvous_seen"
# Why a minute: refreshing the idle clock on every request would write the session row on every page view.
SEEN_RESOLUTION_SECONDS = 60


class SessionIdleTimeoutMiddleware:
    """Organisers are signed out after ORGANISER_SESSION_IDLE_SECONDS without a request; participants keep the
    session cookie's age (SESSION_COOKIE_AGE, 14 days). Placed after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_organiser_account(user):
            idle = settings.ORGANISER_SESSION_IDLE_SECONDS
            now = int(time.time())
            seen = request.session.get(SESSION_SEEN_KEY)
            if seen is not None and now - seen > idle:
                # The request goes on as an anonymous visitor, so pages that need sign-in send them to sign in.
                logout(request)
            elif seen is None or now - seen >= SEEN_RESOLUTION_SECONDS:
                request.session[SESSION_SEEN_KEY] = now
                # The stored session also expires after the idle time, so a copied cookie dies with it.
                request.session.set_expiry(idle)
        return self.get_response(request)


DATABASE_AWAY = (OperationalError, InterfaceError)


def busy_response(request) -> HttpResponse:
    """503 "busy, try again" with Retry-After: JSON for the API, a short page for people."""
    message = _("The site is busy for a moment. Please try again in a few seconds.")
    retry_after = str(getattr(settings, "DATABASE_RETRY_AFTER_SECONDS", 5))
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # A plain template without the database: the base layout reads the signed-in user, which would fail again.
        response = HttpResponse(
            render_to_string("core/busy.html", {"message": message}), status=503, content_type="text/html"
        )
    response["Retry-After"] = retry_after
    return response


def _drop_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            if connection.in_atomic_block:
                continue
            connection.close()
        except DATABASE_AWAY:
            pass
    close_old_connections()


class DatabaseUnavailableMiddleware:
    """A lost database connection (restart, failover) answers 503 "busy, try again" instead of 500.

    A safe request (GET, HEAD) is retried once on a fresh connection first, so a connection that died while idle costs
    the visitor nothing. Errors raised outside the view (session saving) reach `server_error` below (handler500), which
    answers the same 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_AWAY):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
        _drop_broken_connections()
        match = getattr(request, "resolver_match", None)
        if request.method in ("GET", "HEAD") and match is not None and not getattr(request, "_db_retried", False):
            request._db_retried = True
            try:
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                return response
            except DATABASE_AWAY:
                _drop_broken_connections()
        return busy_response(request)


def server_error(request, *args, **kwargs):
    """handler500: a database that went away outside the view still answers 503, anything else the usual 500."""
    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        _drop_broken_connections()
        return busy_response(request)
    return defaults.server_error(request, *args, **kwargs)
