"""The public registration page and the "application received" page for anonymous applicants, rendered once and
served from the cache.

Under a burst thousands of applicants load the same page: the same rules, country step and form, in a handful of
languages and countries. Only two things in it belong to one applicant: the CSRF token and the form token that makes
a re-sent form idempotent. The page is rendered once with a marker in place of each, kept under a key that digests
everything else it shows (see `views._fragment_key`, plus the edition and the address), and each request fills in its
own tokens: no template runs, whatever the number of countries, organisations or applicants.

What the key does not digest (the data retention periods, the organisation suggestions) is at most PAGE_SECONDS old.
A page is kept as the bytes it is sent as, and its tokens are filled in as bytes: the page names countries in their
own spelling, and filling and encoding 30 KiB of such text for each applicant cost three times as much.

The page a submission answers with is the same for every applicant whose application got the same status and
attendance mode: only the address it was sent from (and the CSRF token) is theirs (`received`).
"""

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from rendezvous.core import front_door, randomness

PAGE_SECONDS = 60
# Kept pages are bytes (a release that kept text under the same keys must not hand them to this one).
KEY_PREFIX = "registration:page-bytes:"
RECEIVED_KEY_PREFIX = "registration:received-bytes:"
# Letters only, so that escaping leaves them as they are; nobody types them into a registration page.
CSRF_MARKER = "rendezvousCsrfTokenMarker"
FORM_TOKEN_MARKER = "rendezvousFormTokenMarker"
EMAIL_MARKER = "rendezvousEmailAddressMarker"
_CSRF_MARKER, _FORM_TOKEN_MARKER, _EMAIL_MARKER = (
    marker.encode() for marker in (CSRF_MARKER, FORM_TOKEN_MARKER, EMAIL_MARKER)
)


def address_applies(request, country: str) -> bool:
    """GETs whose address carries nothing but a valid country code as written (so that nobody fills the cache with
    pages for made-up addresses)."""
    return (
        request.method == "GET"
        and set(request.GET) <= {"country"}
        and request.GET.getlist("country") in ([], [country])
    )


def applies_to(request, country: str) -> bool:
    """`address_applies`, for an anonymous visitor with no message waiting to be shown."""
    return address_applies(request, country) and not request.user.is_authenticated and not len(get_messages(request))


def key_for(request, edition, fragment_key: str) -> str:
    shown = (fragment_key, edition.pk, edition.updated_at.isoformat(), request.get_full_path())
    return KEY_PREFIX + hashlib.sha256(repr(shown).encode()).hexdigest()


def with_tokens(request, skeleton: bytes) -> bytes:
    """The page (UTF-8) with this visitor's CSRF token and a new form token in place of the markers."""
    page = skeleton.replace(_CSRF_MARKER, get_token(request).encode())
    return page.replace(_FORM_TOKEN_MARKER, str(randomness.uuid4()).encode()) if _FORM_TOKEN_MARKER in page else page


def _filled(request, skeleton: bytes, *, email: str = "") -> HttpResponse:
    body = with_tokens(request, skeleton)
    # Escaped as the template escapes it.
    return HttpResponse(body.replace(_EMAIL_MARKER, escape(email).encode()) if email else body)


def _skeleton(response: HttpResponse) -> bytes:
    # The markers are ASCII, so they are found in the page's bytes as they are in its text.
    return response.content.decode(response.charset).encode()


def cached(request, key: str) -> HttpResponse | None:
    skeleton = cache.get(key)
    return None if skeleton is None else front_door.offer(_filled(request, skeleton), key, skeleton)


def store(request, key: str, response: HttpResponse) -> HttpResponse:
    """Keep a page rendered with the markers; answer this request with its own tokens filled in."""
    skeleton = _skeleton(response)
    cache.set(key, skeleton, PAGE_SECONDS)
    return front_door.offer(_filled(request, skeleton), key, skeleton)


def received(request, edition, registration, email: str, render_page: Callable[..., HttpResponse]) -> HttpResponse:
    """The page answering a submission: `render_page(email, **context)` renders it, `registration` is what it shows
    of the application (None when the sender may not learn its status). Anonymous applicants with no message waiting
    get it from the cache, with their address filled in."""
    if request.user.is_authenticated or len(get_messages(request)):
        return render_page(email)
    shown = (
        "received",
        edition.pk,
        edition.updated_at.isoformat(),
        request.get_full_path(),
        get_language(),
        registration and (registration.status, registration.attendance),
    )
    key = RECEIVED_KEY_PREFIX + hashlib.sha256(repr(shown).encode()).hexdigest()
    skeleton = cache.get(key)
    if skeleton is None:
        response = render_page(EMAIL_MARKER, csrf_token=CSRF_MARKER)
        skeleton = _skeleton(response)
        cache.set(key, skeleton, PAGE_SECONDS)
    return _filled(request, skeleton, email=email)
