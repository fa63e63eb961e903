"""The programme as feeds: iCalendar for calendar clients, frab XML and JSON for conference apps.

Calendar clients poll these URLs often, so the bytes come from the cache (rebuilt once per programme version) and
an unchanged feed is answered with 304 Not Modified.
"""

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from rendezvous.events.services import get_visible_edition

from . import cache as programme_cache
from . import exports
from .models import Session

PUBLIC_MAX_AGE = 300


def _feed_response(request, edition, fmt, build, *, session=None, attachment=False):
    export = programme_cache.cached_export(edition, fmt, build, session=session)
    response = HttpResponse(export.content, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "attachment" if attachment else "inline"
    filename = exports.export_filename(edition, fmt, session)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = export.etag
    if edition.is_public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        # A draft is seen by its organisers only: no shared cache may keep it.
        patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=export.etag, response=response)


@require_safe
def programme_ics(request, slug):
    edition = get_visible_edition(request.user, slug)
    return _feed_response(request, edition, "ics", lambda: exports.build_programme_ics(edition), attachment=True)


@require_safe
def session_ics(request, slug, session_slug):
    edition = get_visible_edition(request.user, slug)
    try:
        session = Session.objects.select_related("edition").get(edition=edition, slug=session_slug)
    except Session.DoesNotExist:
        raise Http404(gettext("No such session.")) from None
    return _feed_response(
        request, edition, "ics", lambda: exports.build_session_ics(session), session=session, attachment=True
    )


@require_safe
def schedule_xml(request, slug):
    edition = get_visible_edition(request.user, slug)
    return _feed_response(request, edition, "frab-xml", lambda: exports.build_frab_xml(edition))


@require_safe
def schedule_json(request, slug):
    edition = get_visible_edition(request.user, slug)
    return _feed_response(request, edition, "json", lambda: exports.build_frab_json(edition))
