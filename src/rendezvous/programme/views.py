"""Public programme pages: the programme by day, one session, and the index of speakers and organisations.

The heavy part of each page (the body) is cached per programme version, so a request costs one small query
for the edition plus a cache hit. Anonymous visitors without a session get the whole page from cache; the
page shell (sign-in link, CSRF token, messages) is rendered per request for everyone else.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from rendezvous.events.models import Edition
from rendezvous.events.services import get_visible_edition

from . import services

CACHE_SECONDS = 60 * 60


def _visitor_has_own_state(request) -> bool:
    """Whether the page could carry something personal: a session (user, messages) or a messages cookie."""
    if request.user.is_authenticated:
        return True
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def render_programme_page(request, edition: Edition, page: str, build_context: Callable[[], dict], *key):
    """Render a public programme page, reusing the cached body (and, for anonymous visitors, the whole page).

    build_context returns the body's context with a "page_title"; the body is programme/_<page>_body.html.
    """
    language = get_language()
    whole_page_cacheable = edition.is_public and not _visitor_has_own_state(request)
    page_key = services.programme_cache_key(edition, f"{page}-page", language, *key)
    if whole_page_cacheable:
        content = cache.get(page_key)
        if content is not None:
            response = HttpResponse(content)
            patch_vary_headers(response, ["Cookie"])
            return response

    body_key = services.programme_cache_key(edition, f"{page}-body", language, *key)
    cached = cache.get(body_key)
    if cached is None:
        context = {"edition": edition, **build_context()}
        # Rendered without the request: the body cannot see the user or the CSRF token, so it is the same for all.
        cached = (context["page_title"], render_to_string(f"programme/_{page}_body.html", context))
        cache.set(body_key, cached, CACHE_SECONDS)
    page_title, body = cached
    response = render(
        request,
        "programme/page.html",
        # The body is our own template's output, escaped when it was rendered.
        {"edition": edition, "page_title": page_title, "body": mark_safe(body)},  # noqa: S308
    )
    # A page that handed out a CSRF token is personal: never share it.
    if whole_page_cacheable and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        cache.set(page_key, response.content, CACHE_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response


def _edition_facts(edition: Edition) -> dict:
    return {
        "zone_label": services.zone_label(edition),
        "date_label": services.date_range_label(edition.start_date, edition.end_date),
    }


def programme(request, slug):
    edition = get_visible_edition(request.user, slug)

    def context():
        return {
            "page_title": f"Programme \u2014 {edition.title}",
            "days": services.programme_by_day(edition),
            **_edition_facts(edition),
        }

    return render_programme_page(request, edition, "programme", context)


def session_detail(request, slug, session_slug):
    edition = get_visible_edition(request.user, slug)

    def context():
        # Raises Http404 for an unknown session before anything is cached.
        session = services.get_session_detail(edition, session_slug)
        return {
            "page_title": f"{session.display_title} \u2014 {edition.title}",
            "session": session,
            **_edition_facts(edition),
        }

    return render_programme_page(request, edition, "session", context, session_slug)


def speakers(request, slug):
    edition = get_visible_edition(request.user, slug)

    def context():
        people, organisations = services.speakers_index(edition)
        return {
            "page_title": f"Speakers and organisations \u2014 {edition.title}",
            "people": people,
            "organisations": organisations,
            **_edition_facts(edition),
        }

    return render_programme_page(request, edition, "speakers", context)
