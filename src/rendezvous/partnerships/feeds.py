"""A person's calendar feed: the deadlines of the calls they follow, in each call's own time zone (RFC 5545).

Follows the style of programme/exports.py: stable UIDs (a calendar client updates an event rather than duplicating
it), DTSTAMP from stored data so the same data gives the same bytes, and only the time-zone transitions around the
deadlines. A submission deadline is a timed event at the deadline; an announcement is a date, so an all-day event.
"""

import datetime
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import StageKind

# Reminders a calendar shows before each deadline: a week and a day ahead.
ALARMS = (datetime.timedelta(days=7), datetime.timedelta(days=1))
DEADLINE_NAMES = {
    StageKind.LETTER_OF_INTEREST: gettext_lazy("letters of interest"),
    StageKind.FULL_PROPOSAL: gettext_lazy("full proposals"),
}


def _alarms(event, what: str) -> None:
    for before in ALARMS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -before)
        days = before.days
        left = ngettext("{days} day left", "{days} days left", days).format(days=days)
        alarm.add("description", f"{what}: {left}")
        event.add_component(alarm)


PRODID = "-//Rendezvous//Partnership hub deadlines//EN"
ALL_DAY_STAGES = (StageKind.ANNOUNCEMENT, StageKind.SELECTION)


def stage_uid(stage) -> str:
    host = urlparse(settings.SITE_URL).hostname or "rendezvous"
    return f"hub-call-{stage.call_id}-{stage.kind}@{host}"


def build_deadlines_ics(user, calls, *, name: str = "Partnership hub: deadlines of the calls I follow") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    dates = []
    for call in calls:
        url = f"{settings.SITE_URL}{call.get_absolute_url()}"
        for stage in call.stages.all():
            local = timezone.localtime(stage.deadline, call.zone)
            event = icalendar.Event()
            event.add("uid", stage_uid(stage))
            event.add("dtstamp", stage.deadline.astimezone(datetime.UTC))
            if stage.kind in ALL_DAY_STAGES:
                event.add("dtstart", local.date())
                event.add("dtend", local.date() + datetime.timedelta(days=1))
                event.add("summary", f"{stage.get_kind_display()}: {call.title}")
            else:
                # A deadline is a moment: no DTEND, so the event ends when it starts (RFC 5545, 3.6.1).
                event.add("dtstart", local)
                what = str(DEADLINE_NAMES.get(stage.kind, stage.get_kind_display().lower()))
                event.add("summary", _("Deadline — {what}: {title}").format(what=what, title=call.title))
                _alarms(event, _("Deadline for {what}: {title}").format(what=what, title=call.title))
            event.add("description", f"{call.programme.name}. {stage.get_kind_display()} ({call.timezone}).\n{url}")
            event.add("url", url)
            event.add("categories", ["Partnership hub"])
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
            dates.append(local.date())
    if dates:
        calendar.add_missing_timezones(
            first_date=min(dates) - datetime.timedelta(days=366), last_date=max(dates) + datetime.timedelta(days=366)
        )
    return calendar.to_ical()
