"""Public pages answered at the front of the middleware stack, for anonymous visitors.

A few pages take the whole load of a moment: an edition's programme while its workshop runs, the registration page
when registration opens. For an anonymous visitor they are the same for everyone reading the same language, and
their apps already keep them whole in the cache. Yet each visit still went through every middleware, the URL
resolver and the view to fetch that page: as much CPU again as the page itself, and about twice a static file from
the same server. The front door answers those visits right after the security middlewares, as WhiteNoise answers
static files.

- An app registers a `Door` for its URL: a function that, with the visitor's language active, gives the cache key of
  the page as it is now (None: let the stack answer). Computing that key is what the view does first anyway.
- The view offers the page it answered with (`offer`) under that key. The front door keeps its body and the headers
  the stack gave it (never a cookie) in this process, for at most the door's `seconds`.
- A later visit whose door gives a key with a kept page gets it. A door with `fill` hands out the tokens of one
  visitor (a CSRF token, with its cookie as Django's CSRF middleware sets it; a form token); nothing else of a kept
  page differs between visitors.

Only visits that cannot carry anything personal come in: a GET with no session or messages cookie (so nobody is
signed in and no message waits), not an htmx request. A page is kept only if the stack set no cookie but the CSRF
one. Everything else, and every miss, goes through the whole stack as before.
"""

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation

# How many pages a process keeps at most (per language, country and page of each edition); the oldest go first.
MAX_KEPT = 512
# What a view offers, on the response it returns.
_OFFER = "_front_door_offer"
# Headers the kept page must not repeat: the outer middlewares set them afresh per answer, and cookies belong to
# one visitor.
_NOT_KEPT = {"set-cookie", "content-length", "x-request-id", "content-security-policy", "permissions-policy"}


@dataclass(frozen=True)
class Door:
    """`pattern` matches the path; its named groups are passed to `key` with the request."""

    name: str
    pattern: re.Pattern
    key: Callable[..., str | None]
    # Fills one visitor's tokens into the kept page (a str then); the CSRF cookie is handled around it.
    fill: Callable[..., str] | None = None
    seconds: float = 10


@dataclass(frozen=True)
class _Kept:
    body: bytes | str
    headers: tuple[tuple[str, str], ...]
    until: float


_doors: list[Door] = []
_kept: dict[str, _Kept] = {}
_keeping = threading.Lock()
# Django's own CSRF middleware reads the visitor's cookie and sets a new one exactly as it does further in.
_csrf = CsrfViewMiddleware(lambda request: None)


def register(door: Door) -> None:
    """Called from an app's ready()."""
    if all(existing.name != door.name for existing in _doors):
        _doors.append(door)


def offer(response: HttpResponse, key: str, body: bytes | str) -> HttpResponse:
    """Offer the page `response` answers with as the page of `key` (`body` is what the door's `fill` fills in, or
    the content itself)."""
    setattr(response, _OFFER, (key, body))
    return response


def forget_all() -> None:
    """Drop every kept page of this process (tests)."""
    _kept.clear()


def _may_enter(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HX-Request" not in request.headers
    )


def _door_for(path: str) -> tuple[Door, dict] | None:
    for door in _doors:
        match = door.pattern.match(path)
        if match:
            return door, match.groupdict()
    return None


def _answer(request, door: Door, arguments: dict) -> HttpResponse | None:
    try:
        key = door.key(request, **arguments)
    except Exception:  # noqa: BLE001  the stack answers, and reports, whatever went wrong here
        return None
    kept = _kept.get(key) if key is not None else None
    if kept is None or kept.until < time.monotonic():
        return None
    if door.fill is None:
        response = HttpResponse(kept.body)
    else:
        _csrf.process_request(request)
        response = HttpResponse(door.fill(request, kept.body))
    for name, value in kept.headers:
        response[name] = value
    # As CommonMiddleware sets it further in (without it, a keep-alive answer would be sent in chunks).
    response["Content-Length"] = str(len(response.content))
    if door.fill is not None:
        _csrf.process_response(request, response)
    response.from_front_door = True
    return response


def _keep(request, response: HttpResponse, door: Door) -> None:
    key, body = getattr(response, _OFFER)
    other_cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    if response.status_code != 200 or other_cookies or response.streaming:
        return
    headers = tuple((name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT)
    with _keeping:
        while len(_kept) >= MAX_KEPT:
            del _kept[next(iter(_kept))]
        _kept[key] = _Kept(body, headers, time.monotonic() + door.seconds)


class FrontDoorMiddleware:
    """Place right after the security middlewares (before WhiteNoise): see the module's documentation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = _door_for(request.path_info) if _may_enter(request) else None
        if found is None:
            return self.get_response(request)
        door, arguments = found
        # The language LocaleMiddleware would choose: the language cookie, then the browser's.
        with translation.override(translation.get_language_from_request(request)):
            response = _answer(request, door, arguments)
        if response is not None:
            return response
        response = self.get_response(request)
        if hasattr(response, _OFFER):
            _keep(request, response, door)
        return response
