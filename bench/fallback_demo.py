"""A small haikou-2022 edition for the bench, used only until `rendezvous load_demo` exists.

Run as `python -m bench.fallback_demo` with the bench environment (DATABASE_URL etc.).
"""

import datetime
import os
import zoneinfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rendezvous.settings")


def build() -> None:
    from django.db import transaction

    from rendezvous.core.models import Organisation, Person
    from rendezvous.events.models import Edition, Room, Venue
    from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair

    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    sessions = [
        (21, "09:00", "10:00", "opening", "", "Opening ceremony"),
        (21, "10:00", "12:00", "plenary", "", "Keynote speeches"),
        (21, "14:00", "15:30", "technical", "1(a)", "Lunar and deep space exploration"),
        (21, "16:00", "17:30", "technical", "1(b)", "Lunar research stations and international cooperation"),
        (22, "09:00", "10:30", "technical", "2", "Space science and exploration missions"),
        (22, "11:00", "12:30", "technical", "3", "Space technology and innovation"),
        (22, "14:00", "15:30", "panel", "", "Panel discussion: partnerships for exploration"),
        (22, "16:00", "17:30", "side_event", "", "Side event: emerging space nations"),
        (23, "09:00", "10:30", "technical", "4", "Space applications for sustainable development"),
        (23, "11:00", "12:30", "special_event", "", "Special event: youth and space"),
        (23, "14:00", "15:30", "plenary", "", "The Hainan Initiative"),
        (24, "09:00", "10:30", "closing", "", "Closing ceremony"),
    ]
    with transaction.atomic():
        if Edition.objects.filter(slug="haikou-2022").exists():
            return
        edition = Edition.objects.create(
            slug="haikou-2022",
            title="Second United Nations/China Global Partnership Workshop on Space Exploration and Innovation",
            short_title="Haikou 2022",
            start_date=datetime.date(2022, 11, 21),
            end_date=datetime.date(2022, 11, 24),
            timezone="Asia/Shanghai",
            status="published",
            city="Haikou",
            country="CN",
        )
        venue = Venue.objects.create(edition=edition, name="Haikou International Convention Center", country="CN")
        room = Room.objects.create(venue=venue, name="Main hall", capacity=400)
        agencies = [
            Organisation.objects.get_or_create(name=name, defaults={"type": "space_agency"})[0]
            for name in ("China National Space Administration", "European Space Agency", "Egyptian Space Agency")
        ]
        number = 0
        for day, start, end, kind, code, title in sessions:
            starts = datetime.datetime.combine(datetime.date(2022, 11, day), datetime.time.fromisoformat(start), zone)
            ends = datetime.datetime.combine(datetime.date(2022, 11, day), datetime.time.fromisoformat(end), zone)
            session = Session.objects.create(
                edition=edition,
                kind=kind,
                code=code,
                title=title,
                slug=f"s{number}",
                start=starts,
                end=ends,
                room=room,
            )
            for order in range(4):
                number += 1
                person = Person.objects.create(
                    given_name=f"Speaker{number}", family_name="Example", organisation=agencies[number % 3]
                )
                if order == 0:
                    SessionChair.objects.create(session=session, person=person)
                contribution = Contribution.objects.create(session=session, title=f"Presentation {number}", order=order)
                ContributionSpeaker.objects.create(contribution=contribution, person=person, order=0)


if __name__ == "__main__":
    import django

    django.setup()
    build()
