"""The demo edition's attendance: the check-ins and online joins that the report's paragraph 10 implies.

"More than 200 people attended the Workshop in person, while another 200 participated online via Zoom": of the 260
participants registered in person, 236 were checked in at the venue (all on the first day, fewer on the following
days); of the 260 registered online, 214 joined through their personal link. Any counts from 201 to 249 give the
report's sentence (see reports.unstyle.round_down). Created in bulk; a second run adds nothing.
"""

import datetime

from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.registration.models import Attendance, Registration

CHECKED_IN = 236
JOINED_ONLINE = 214
# How many of those checked in came back on days 2, 3 and 4.
RETURNING = (220, 205, 190)


def load(edition) -> tuple[int, int]:
    """Add the missing check-ins and joins; returns how many of each were created."""
    approved = Registration.objects.approved().filter(edition=edition).order_by("email")
    in_person = list(approved.filter(attendance=Attendance.IN_PERSON).values_list("id", flat=True)[:CHECKED_IN])
    online = list(approved.filter(attendance=Attendance.ONLINE).values_list("id", flat=True)[:JOINED_ONLINE])
    days = [edition.start_date + datetime.timedelta(days=n) for n in range(4)]
    wanted = {(pk, days[0]) for pk in in_person}
    for day, count in zip(days[1:], RETURNING, strict=True):
        wanted |= {(pk, day) for pk in in_person[:count]}
    existing = set(CheckIn.objects.filter(registration__edition=edition).values_list("registration_id", "day"))
    opening = datetime.time(8, 30)
    check_ins = [
        CheckIn(
            registration_id=pk,
            day=day,
            checked_in_at=datetime.datetime.combine(day, opening, tzinfo=edition.zone)
            + datetime.timedelta(seconds=pk % 3600),
        )
        for pk, day in sorted(wanted - existing, key=lambda item: (item[1], item[0]))
    ]
    CheckIn.objects.bulk_create(check_ins, batch_size=500)
    joined = set(
        OnlineJoin.objects.filter(registration_id__in=online).values_list("registration_id", flat=True).distinct()
    )
    start = datetime.datetime.combine(days[0], datetime.time(9, 0), tzinfo=edition.zone)
    joins = [
        OnlineJoin(registration_id=pk, joined_at=start + datetime.timedelta(seconds=pk % 1800))
        for pk in online
        if pk not in joined
    ]
    OnlineJoin.objects.bulk_create(joins, batch_size=500)
    return len(check_ins), len(joins)
