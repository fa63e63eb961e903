"""The demo edition's registration policy: the seed announcement's rules.

"Participants based inside China are invited only"; everyone else registers online, moderated; in-person and online
places are limited. The real window opened on 1 September 2022 and closed on 18 November 2022 (Asia/Shanghai). The demo
keeps the opening date but leaves the closing date empty, so the form can be tried today; an organiser can set the
closing date in the admin to see the "registration closed" page. Idempotent: running it again resets the same policy.
"""

import datetime
import zoneinfo

from rendezvous.registration.models import RegistrationPolicy, RegistrationRule, Route

IN_PERSON_CAPACITY = 250
ONLINE_CAPACITY = 300
OPENS = datetime.datetime(2022, 9, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))

PRIVACY_NOTICE = (
    "The organisers keep your application to run the workshop and to count participation for the official report "
    "(by country, gender, organisation type and attendance mode). Only the organisers see your details; the report "
    "shows totals only. Ask the organisers to delete your data at any time."
)


def load(edition) -> RegistrationPolicy:
    policy, _ = RegistrationPolicy.objects.update_or_create(
        edition=edition,
        defaults={
            "opens_at": OPENS,
            "closes_at": None,
            "moderated": True,
            "in_person_capacity": IN_PERSON_CAPACITY,
            "online_capacity": ONLINE_CAPACITY,
            "privacy_notice": PRIVACY_NOTICE,
        },
    )
    policy.rules.all().delete()
    RegistrationRule.objects.create(
        policy=policy,
        order=1,
        countries=["CN"],
        route=Route.INVITATION,
        allowed_modes="in_person",  # the report: "based in China attended in person at the main venue in Haikou"
        note="Participants based in China are invited by the China National Space Administration.",
    )
    # "... while participants outside China participated using the online platform Zoom".
    RegistrationRule.objects.create(
        policy=policy, order=2, all_other_countries=True, route=Route.OPEN, allowed_modes="online"
    )
    return policy
