"""Public reads: editions and their programme. Only published and archived editions, except for their organisers
(events.services.get_visible_edition decides); the programme comes from the same helpers as the programme pages."""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router

from rendezvous.core.countries import un_name
from rendezvous.events.models import Edition, EditionOrganiser, EditionStatus, Room
from rendezvous.programme import services as programme

from .auth import etag_of, identify, visible_edition
from .errors import PUBLIC, responses
from .schemas import EditionOut, EditionSummaryOut, RoomRefOut, SessionOut

router = Router(tags=["Editions and programme"])


def _country_name(code: str) -> str:
    return un_name(code) if code else ""


def edition_summary(edition: Edition) -> dict:
    return {
        "slug": edition.slug,
        "title": edition.title,
        "short_title": edition.short_title,
        "start_date": edition.start_date,
        "end_date": edition.end_date,
        "timezone": edition.timezone,
        "format": edition.format,
        "city": edition.city,
        "country": edition.country.code or "",
        "country_name": _country_name(edition.country.code),
        "status": edition.status,
        "url": edition.get_absolute_url(),
    }


def _edition_detail(edition: Edition) -> dict:
    links = EditionOrganiser.objects.filter(edition=edition).select_related("organisation")
    venues = edition.venues.prefetch_related("rooms")
    slug = {"slug": edition.slug}
    return {
        **edition_summary(edition),
        "series": edition.series.name if edition.series else "",
        "number": edition.number,
        "summary": edition.summary,
        "objectives": edition.objectives,
        "how_to_take_part": edition.how_to_take_part,
        "working_languages": edition.languages,
        "online_platform": edition.online_platform,
        "website": edition.website,
        "document_symbol": edition.document_symbol,
        "organisers": [
            {"name": link.organisation.name, "acronym": link.organisation.acronym, "role": link.role} for link in links
        ],
        "venues": [
            {
                "name": venue.name,
                "address": venue.address,
                "city": venue.city,
                "country": venue.country.code or "",
                "rooms": [{"name": room.name, "capacity": room.capacity} for room in venue.rooms.all()],
            }
            for venue in venues
        ],
        "programme": {
            "page": reverse("programme:programme", kwargs=slug),
            "sessions": reverse("api:edition_sessions", kwargs=slug),
            "ics": reverse("programme:programme_ics", kwargs=slug),
            "frab_xml": reverse("programme:schedule_xml", kwargs=slug),
            "schedule_json": reverse("programme:schedule_json", kwargs=slug),
        },
    }


def _people(annotated) -> list[dict]:
    """Chairs or speakers as programme.services annotated them (display_name, affiliation)."""
    return [{"name": person.display_name, "affiliation": person.affiliation} for person in annotated]


def _local_iso(moment: datetime.datetime, zone) -> str:
    return timezone.localtime(moment, zone).isoformat()


def session_data(session, edition: Edition) -> dict:
    """A session annotated by programme.services (programme_by_day, get_session_detail) as the API shows it."""
    zone = edition.zone
    room = session.room
    return {
        "uuid": str(session.uuid),
        "slug": session.slug,
        "code": session.code,
        "title": session.title,
        "display_title": session.display_title,
        "kind": session.kind,
        "kind_label": session.get_kind_display(),
        "description": session.description,
        "start": _local_iso(session.start, zone),
        "end": _local_iso(session.end, zone),
        "start_utc": session.start_iso,
        "end_utc": session.end_iso,
        "timezone": edition.timezone,
        "room": room.name if room else "",
        "room_id": room.pk if room else None,
        "venue": room.venue.name if room else "",
        "do_not_record": session.do_not_record,
        "recording_licence": session.recording_licence,
        "chairs": _people(session.chairs.all()),
        "contributions": [
            {
                "uuid": str(contribution.uuid),
                "title": contribution.title,
                "kind": contribution.kind,
                "kind_label": contribution.get_kind_display(),
                "delivery": contribution.delivery,
                "order": contribution.order,
                "abstract": contribution.abstract,
                "speakers": _people(contribution.speakers.all()),
            }
            for contribution in session.contributions.all()
        ],
        "url": reverse("programme:session", kwargs={"slug": edition.slug, "session_slug": session.slug}),
    }


@router.get(
    "/editions", response=responses({200: list[EditionSummaryOut]}, PUBLIC), summary="Published and archived editions"
)
def list_editions(request):
    """Latest first. Drafts are never listed, even for their organisers (ask for one by its slug)."""
    editions = Edition.objects.filter(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
    return [edition_summary(edition) for edition in editions.order_by("-start_date", "id")]


@router.get("/editions/{slug}", response=responses({200: EditionOut}, PUBLIC), summary="One edition")
def get_edition(request, slug: str):
    """An edition with its organisers, venues and working languages, and where its programme can be fetched.
    Drafts are found by their organisers only (with their token or session)."""
    identify(request)
    return _edition_detail(visible_edition(request, slug))


@router.get(
    "/editions/{slug}/sessions",
    response=responses({200: list[SessionOut]}, PUBLIC),
    url_name="edition_sessions",
    summary="The programme: sessions with their contributions and speakers",
)
def list_sessions(request, slug: str):
    """Sessions in time order, with times in the edition's zone (with offset) and in UTC."""
    identify(request)
    edition = visible_edition(request, slug)
    return [session_data(session, edition) for day in programme.programme_by_day(edition) for session in day.sessions]


@router.get(
    "/editions/{slug}/sessions/{session_slug}", response=responses({200: SessionOut}, PUBLIC), summary="One session"
)
def get_session(request, slug: str, session_slug: str, response: HttpResponse):
    """With an `ETag`: send it back as `If-Match` when updating the session, so that nobody's change is overwritten."""
    identify(request)
    edition = visible_edition(request, slug)
    data = session_data(programme.get_session_detail(edition, session_slug), edition)
    response["ETag"] = etag_of(data)
    return data


@router.get(
    "/editions/{slug}/rooms", response=responses({200: list[RoomRefOut]}, PUBLIC), summary="Rooms and their ids"
)
def list_rooms(request, slug: str):
    """The ids a session's `room_id` takes, venue by venue."""
    identify(request)
    edition = visible_edition(request, slug)
    rooms = Room.objects.filter(venue__edition=edition).select_related("venue").order_by("venue__name", "name", "id")
    return [{"id": room.pk, "name": room.name, "venue": room.venue.name, "capacity": room.capacity} for room in rooms]
