"""Public programme pages: the programme by day, one session, and the index of speakers and organisations.

The heavy part of each page (the body) is cached per programme version. Anonymous visitors without a session
get the whole page from the cache after at most one small query for the programme version (see
cache.STATE_SECONDS); everyone else gets the cached body inside a shell (sign-in link, CSRF token,
messages) rendered for them alone.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from rendezvous.core import front_door
from rendezvous.events.models import Edition
from rendezvous.events.services import date_range_label, get_visible_edition, zone_label

from . import cache as programme_cache
from . import services

INDENTATION = re.compile(r"\n\s+")


def _visitor_has_own_state(request) -> bool:
    """Whether the page could carry something personal: a session (user, messages) or a messages cookie.

    Only cookies are read: without a session cookie nobody is signed in, and touching request.user would cost time.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def _cached_page(content: bytes) -> HttpResponse:
    response = HttpResponse(content)
    patch_vary_headers(response, ["Cookie"])
    return response


def front_door_key(request, slug: str, page: str, *parts) -> str | None:
    """The key under which the front door may keep this anonymous page (see core.front_door): the cache's own."""
    state = programme_cache.programme_state(slug)
    if state is None or not state.is_public:
        return None
    return programme_cache.page_key(state, page, get_language(), parts)


def render_programme_page(request, slug: str, page: str, build_context: Callable[[Edition], dict], *key):
    """Render a public programme page, reusing the cached body (and, for anonymous visitors, the whole page).

    build_context(edition) returns the body's context with a "page_title"; the body is programme/_<page>_body.html.
    The anonymous path costs a cache hit and at most one small query (the programme version; see STATE_SECONDS).
    """
    language = get_language()
    shareable = not _visitor_has_own_state(request)
    if shareable:
        state = programme_cache.programme_state(slug)
        if state is not None and state.is_public:
            content = programme_cache.cached_page(state, page, language, key)
            if content is not None:
                page_key = programme_cache.page_key(state, page, language, key)
                return front_door.offer(_cached_page(content), page_key, content)

    edition = get_visible_edition(request.user, slug)
    state = programme_cache.programme_state_of(edition)

    def build_body() -> tuple[str, str]:
        context = {"edition": edition, **build_context(edition)}
        # Rendered without the request: the body cannot see the user or the CSRF token, so it is the same for all.
        html = render_to_string(f"programme/_{page}_body.html", context)
        # Template indentation is a tenth of the page; HTML reads a newline alone the same, and the body has no <pre>.
        return context["page_title"], INDENTATION.sub("\n", html)

    page_title, body = programme_cache.cached_body(state, page, language, key, build_body)
    response = render(
        request,
        "programme/page.html",
        # The body is our own template's output, escaped when it was rendered.
        {"edition": edition, "page_title": page_title, "body": mark_safe(body)},  # noqa: S308
    )
    # A page that handed out a CSRF token, or was built for someone signed in, is personal: never share it.
    personal = request.user.is_authenticated or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if shareable and edition.is_public and not personal:
        programme_cache.store_page(state, page, language, key, response.content)
        front_door.offer(response, programme_cache.page_key(state, page, language, key), response.content)
    patch_vary_headers(response, ["Cookie"])
    return response


def _edition_facts(edition: Edition) -> dict:
    return {
        "zone_label": zone_label(edition),
        "date_label": date_range_label(edition.start_date, edition.end_date),
    }


def programme(request, slug):
    def context(edition):
        return {
            "page_title": gettext("Programme — %(title)s") % {"title": edition.title},
            "days": services.programme_by_day(edition),
            **_edition_facts(edition),
        }

    return render_programme_page(request, slug, "programme", context)


def session_detail(request, slug, session_slug):
    def context(edition):
        # Raises Http404 for an unknown session before anything is cached.
        session = services.get_session_detail(edition, session_slug)
        return {
            "page_title": f"{session.shown_title} \u2014 {edition.title}",
            "session": session,
            **_edition_facts(edition),
        }

    return render_programme_page(request, slug, "session", context, session_slug)


def speakers(request, slug):
    def context(edition):
        people, organisations = services.speakers_index(edition)
        return {
            "page_title": gettext("Speakers and organisations — %(title)s") % {"title": edition.title},
            "people": people,
            "organisations": organisations,
            **_edition_facts(edition),
        }

    return render_programme_page(request, slug, "speakers", context)
