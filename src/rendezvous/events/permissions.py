"""Edition pages by role: the decorators that look the edition up and ask `core.permissions` who may see the page.

They live in events, not core, because finding the edition the reader may see is an events rule
(`services.get_visible_edition`).
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from rendezvous.core import second_factor
from rendezvous.core.permissions import CHECKIN_STAFF_ONLY, ORGANISERS_ONLY, is_checkin_staff, is_organiser

from .services import get_visible_edition


def edition_role_page(is_allowed, denial: str, *, sign_in_anonymous: bool = True):
    """Decorate a view taking `(request, slug, ...)` so that it receives `(request, edition, ...)` instead.

    Anonymous visitors go to sign in and come back (or get 403 with `sign_in_anonymous=False`); an unknown edition,
    or a draft the reader may not see, is 404; a signed-in person for whom `is_allowed(user, edition)` is false
    gets 403 with `denial`.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if sign_in_anonymous and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            edition = get_visible_edition(request.user, slug)
            if not is_allowed(request.user, edition):
                raise PermissionDenied(denial)
            return view(request, edition, *args, **kwargs)

        return wrapper

    return decorate


def organiser_page(view):
    """An edition page for its organisers only (rules in `edition_role_page`).

    When the edition requires a strong second factor of its organisers, one without an authenticator app or security
    key is sent to enrol first and brought back here afterwards.
    """

    @functools.wraps(view)
    def enrolled_first(request, edition, *args, **kwargs):
        if second_factor.must_enrol_for(request.user, edition):
            return redirect(reverse("core:account_security") + "?" + urlencode({"next": request.get_full_path()}))
        return view(request, edition, *args, **kwargs)

    return edition_role_page(is_organiser, ORGANISERS_ONLY)(enrolled_first)


def checkin_staff_page(view):
    """An edition page for its check-in staff and organisers (rules in `edition_role_page`)."""
    return edition_role_page(is_checkin_staff, CHECKIN_STAFF_ONLY)(view)
