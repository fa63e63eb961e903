"""Public reads: editions, the programme and registration routes; drafts stay hidden; the meeting link never shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rendezvous.events.models import EditionStatus
from tests.factories import PUBLIC_EDITION_MEETING_URL as MEETING_URL
from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import PublicEditionOrganiserFactory as EditionOrganiserFactory
from tests.factories import PublicRoomFactory as RoomFactory
from tests.factories import full_session, make_organiser, policy_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory(slug="haikou-api", working_languages="English, Chinese")
    EditionOrganiserFactory(edition=edition, organisation__name="Office for Outer Space Affairs", role="organiser")
    room = RoomFactory(venue__edition=edition, venue__name="Haikou Convention Center", name="Hall A")
    full_session(edition, 0, room=room)
    policy_for(edition)
    return edition


def test_editions_lists_published_and_archived_only(client, edition):
    EditionFactory(slug="amman-api", status=EditionStatus.ARCHIVED)
    EditionFactory(slug="draft-api", status=EditionStatus.DRAFT)

    response = client.get("/api/editions")

    assert response.status_code == 200
    by_slug = {item["slug"]: item for item in response.json()}
    assert set(by_slug) == {"haikou-api", "amman-api"}
    haikou = by_slug["haikou-api"]
    assert haikou["country"] == "CN" and haikou["country_name"] == "China"
    assert haikou["timezone"] == "Asia/Shanghai" and haikou["format"] == "hybrid"
    assert haikou["start_date"] == "2022-11-21" and haikou["url"] == "/events/haikou-api/"


def test_edition_detail(client, edition):
    response = client.get("/api/editions/haikou-api")

    assert response.status_code == 200
    data = response.json()
    assert data["working_languages"] == ["English", "Chinese"]
    assert data["organisers"] == [{"name": "Office for Outer Space Affairs", "acronym": "", "role": "organiser"}]
    assert data["venues"][0]["name"] == "Haikou Convention Center"
    assert data["venues"][0]["rooms"] == [{"name": "Hall A", "capacity": None}]
    assert data["online_platform"] == "Zoom"
    assert data["programme"] == {
        "page": "/events/haikou-api/programme/",
        "sessions": "/api/editions/haikou-api/sessions",
        "ics": "/events/haikou-api/programme.ics",
        "frab_xml": "/events/haikou-api/schedule.xml",
        "schedule_json": "/events/haikou-api/schedule.json",
    }


def test_draft_is_hidden_from_everyone_but_its_organisers(client):
    draft = EditionFactory(slug="draft-api", status=EditionStatus.DRAFT)
    full_session(draft, 0)

    for url in ("/api/editions/draft-api", "/api/editions/draft-api/sessions", "/api/editions/nowhere"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not Found"}

    client.force_login(make_organiser(draft))
    assert client.get("/api/editions/draft-api").json()["status"] == "draft"
    assert len(client.get("/api/editions/draft-api/sessions").json()) == 1


def test_sessions_carry_local_and_utc_times_contributions_and_speakers(client, edition):
    response = client.get("/api/editions/haikou-api/sessions")

    assert response.status_code == 200
    [session] = response.json()
    assert session["start"] == "2022-11-21T09:00:00+08:00"
    assert session["end"] == "2022-11-21T10:30:00+08:00"
    assert session["start_utc"] == "2022-11-21T01:00:00Z"
    assert session["end_utc"] == "2022-11-21T02:30:00Z"
    assert session["room"] == "Hall A" and session["venue"] == "Haikou Convention Center"
    assert len(session["chairs"]) == 1 and session["chairs"][0]["name"].startswith("Given")
    first, second = session["contributions"]
    assert first["speakers"][0]["name"].startswith("Given")
    assert first["speakers"][0]["affiliation"].startswith("Page Space Agency")
    assert second["delivery"] == "pre_recorded"
    assert second["speakers"][0]["name"].startswith("Page Space Agency")
    assert session["url"] == f"/events/haikou-api/sessions/{session['slug']}/"

    one = client.get(f"/api/editions/haikou-api/sessions/{session['slug']}")
    assert one.status_code == 200 and one.json() == session
    assert client.get("/api/editions/haikou-api/sessions/no-such-session").status_code == 404


def test_sessions_cost_the_same_queries_for_one_and_three(client):
    def queries_for(count: int) -> int:
        edition = EditionFactory()
        for index in range(count):
            full_session(edition, index)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/editions/{edition.slug}/sessions")
        assert len(response.json()) == count
        return len(captured.captured_queries)

    one, three = queries_for(1), queries_for(3)
    assert one == three
    assert one <= 6


def test_route_for_a_country(client, edition):
    # The edition is over: only a closing date the organisers set after its end keeps registration open.
    edition.registration_policy.closes_at = timezone.now() + datetime.timedelta(days=30)
    edition.registration_policy.save()
    open_route = client.get("/api/editions/haikou-api/registration/route?country=fr").json()
    assert open_route == {
        "country": "FR",
        "country_name": "France",
        "route": "open",
        "accepts_applications": True,
        "window": "open",
        "message": "Applicants based in this country may apply online.",
    }
    invitation = client.get("/api/editions/haikou-api/registration/route?country=CN").json()
    assert invitation["route"] == "invitation" and not invitation["accepts_applications"]
    assert invitation["message"].startswith("Participation for applicants based in this country is by invitation only")


def test_route_refuses_an_unknown_country(client, edition):
    response = client.get("/api/editions/haikou-api/registration/route?country=XX")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "country" and "unknown country code 'XX'" in error["msg"]
    assert client.get("/api/editions/haikou-api/registration/route").status_code == 422


def test_the_meeting_link_never_appears_in_a_public_response(client, edition):
    session_slug = edition.sessions.get().slug
    urls = [
        "/api/editions",
        "/api/editions/haikou-api",
        "/api/editions/haikou-api/sessions",
        f"/api/editions/haikou-api/sessions/{session_slug}",
        "/api/editions/haikou-api/registration/route?country=FR",
        "/api/openapi.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MEETING_URL not in response.content.decode(), url
        assert "secret-meeting" not in response.content.decode(), url
        assert "online_meeting_url" not in response.content.decode(), url
