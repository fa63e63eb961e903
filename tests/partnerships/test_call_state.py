"""Stages tell the truth: a call's state is derived from its stages, the same on its page, its badge and the lists,
with deadlines in the call's zone and the reader's, and what happens after the last stage."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from rendezvous.demo.loader import load_demo
from rendezvous.partnerships import services
from rendezvous.partnerships.models import CallStatus
from tests.factories import HubUserFactory as UserFactory
from tests.factories.partnerships import LOI_DEADLINE, payload_call

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def test_just_before_the_deadline_the_call_is_open_until_it_in_the_calls_zone():
    call = payload_call()
    state = services.call_state(call, now=LOI_DEADLINE - MINUTE)
    assert state.code == "open" and state.badge == "Open" and state.is_open
    assert state.text == "Letters of interest open until 1 February 2023, 23:59 (Asia/Shanghai)."


def test_the_deadline_is_also_stated_in_the_readers_zone():
    call = payload_call()
    before = LOI_DEADLINE - MINUTE
    paris = services.call_state(call, now=before, reader_zone="Europe/Paris").text
    assert paris == (
        "Letters of interest open until 1 February 2023, 23:59 (Asia/Shanghai) \u2014 "
        "1 February, 16:59 in your time zone (Europe/Paris)."
    )
    los_angeles = services.call_state(call, now=before, reader_zone="America/Los_Angeles").text
    assert "\u2014 1 February, 07:59 in your time zone (America/Los_Angeles)." in los_angeles
    samoa = services.call_state(call, now=before, reader_zone="Pacific/Pago_Pago").text
    assert "\u2014 1 February, 04:59 in your time zone (Pacific/Pago_Pago)." in samoa
    # The call's own zone, or a zone the server does not know, adds nothing.
    for zone in ("Asia/Shanghai", "Mars/Olympus_Mons", "x" * 200):
        assert "your time zone" not in services.call_state(call, now=before, reader_zone=zone).text


def test_just_after_the_deadline_selection_is_under_way_and_results_are_expected():
    call = payload_call()
    state = services.call_state(call, now=LOI_DEADLINE + MINUTE)
    assert state.code == "selecting" and state.badge == "Selection under way" and not state.is_open
    assert state.text == (
        "Letters of interest closed on 1 February 2023 at 23:59 (Asia/Shanghai). Selection under way. "
        "Results are expected on 2 May 2023."
    )


def test_after_the_announcement_date_the_page_says_results_were_expected():
    call = payload_call()
    later = LOI_DEADLINE + datetime.timedelta(days=120)
    assert services.call_state(call, now=later).text.endswith("Results were expected on 2 May 2023.")


def test_without_an_announcement_stage_the_page_says_so():
    call = payload_call()
    call.stages.filter(kind="announcement").delete()
    text = services.call_state(call, now=LOI_DEADLINE + MINUTE).text
    assert text.endswith("The call does not say when results will be published.")


def test_results_published_and_calls_without_a_deadline():
    call = payload_call()
    call.results_published_at = LOI_DEADLINE + datetime.timedelta(days=60)
    call.status = CallStatus.CLOSED
    call.save()
    state = services.call_state(call)
    assert state.code == "results" and state.badge == "Results published"
    assert state.text == "Results published on 2 April 2023, 23:59 (Asia/Shanghai)."
    announced = payload_call()
    announced.stages.all().delete()
    assert services.call_state(announced).text == "No deadline has been announced yet; follow the call to hear of one."


def test_the_list_the_badge_and_the_page_agree(client):
    call = payload_call()  # letters of interest closed in 2023
    page = client.get(call.get_absolute_url()).content.decode()
    assert 'hub-state hub-state-selecting">Selection under way</span>' in page
    assert "Letters of interest closed on 1 February 2023 at 23:59 (Asia/Shanghai). Selection under way." in page
    assert ">Open<" not in page
    listing = client.get("/hub/").content.decode()
    assert "Selection under way" in listing and "Open call" not in listing
    programme = client.get(call.programme.get_absolute_url()).content.decode()
    assert "Selection under way" in programme

    call.stages.filter(kind="letter_of_interest").update(deadline=timezone.now() + datetime.timedelta(days=3))
    page = client.get(call.get_absolute_url()).content.decode()
    assert 'hub-state hub-state-open badge-ok">Open</span>' in page and "Letters of interest open until" in page
    assert 'badge-ok" title="' in client.get("/hub/").content.decode()


def test_the_page_states_deadlines_in_the_zone_the_browser_named(client):
    call = payload_call()
    client.cookies["rendezvous_tz"] = "Europe/Paris"
    page = client.get(call.get_absolute_url()).content.decode()
    assert "1 February 2023 at 23:59 (Asia/Shanghai) \u2014 1 February, 16:59 in your time zone (Europe/Paris)" in page
    client.cookies["rendezvous_tz"] = "<script>alert(1)</script>"
    page = client.get(call.get_absolute_url()).content.decode()
    assert "your time zone (" not in page and "<script>alert(1)" not in page


def test_the_public_never_reads_the_internal_note_about_the_report(client):
    load_demo()
    page = client.get("/hub/calls/deep-space-scientific-questions/").content.decode()
    assert "The report gives no deadline and no budget" not in page
    assert "No deadline has been announced yet" in page


# --- reminders ---


def test_the_call_calendar_has_alarms_a_week_and_a_day_before_and_grammatical_summaries(client):
    call = payload_call(title="Chang\u2019e-7 payloads")
    response = client.get(f"/hub/calls/{call.slug}/deadlines.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    deadline = events["Deadline \u2014 letters of interest: Chang\u2019e-7 payloads"]
    triggers = sorted(alarm["TRIGGER"].dt for alarm in deadline.walk("VALARM"))
    assert triggers == [-datetime.timedelta(days=7), -datetime.timedelta(days=1)]
    assert {str(alarm["ACTION"]) for alarm in deadline.walk("VALARM")} == {"DISPLAY"}
    assert "letter of interests" not in response.content.decode()
    announcement = events["Announcement: Chang\u2019e-7 payloads"]
    assert not announcement.walk("VALARM")  # a date, not a deadline


def test_the_personal_feed_carries_the_same_alarms(client):
    call = payload_call()
    user = UserFactory()
    services.follow(user, call, consent=False)
    calendar = icalendar.Calendar.from_ical(client.get(f"/hub/feeds/{services.feed_token(user)}.ics").content)
    alarms = [alarm for event in calendar.walk("VEVENT") for alarm in event.walk("VALARM")]
    assert sorted(alarm["TRIGGER"].dt for alarm in alarms) == [-datetime.timedelta(days=7), -datetime.timedelta(days=1)]
