"""Loads the demo data of `data.py` by natural keys, writing only what differs, so a second run changes nothing.

Writing only differences matters beyond speed: every programme save bumps the edition's programme_version (and so
invalidates cached pages and feeds); an unchanged demo must leave it alone.
"""

import datetime
import importlib
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from rendezvous.core.models import Organisation, Person
from rendezvous.events.models import (
    Edition,
    EditionOrganiser,
    EditionStaff,
    Room,
    Series,
    SeriesSecretariat,
    StaffRole,
    Venue,
)
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair

from . import data


class DemoLoader:
    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}

    def sync(self, model, lookup: dict, values: dict):
        """The row `lookup` names, created or brought in line with `values`; saved only if something differs."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.counts["created"] += 1
            return model.objects.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(obj, _attname(model, name)) != _raw(value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.counts["updated"] += 1
        return obj

    def prune(self, queryset) -> None:
        """Delete demo rows the data no longer has (e.g. a fourth speaker removed from a contribution)."""
        deleted, _ = queryset.delete()
        self.counts["deleted"] += deleted

    # --- shared kernel ---

    def load_organisations(self) -> None:
        for key, entry in data.ORGANISATIONS.items():
            self.organisations[key] = self.sync(
                Organisation,
                {"name": entry["name"]},
                {
                    "acronym": entry.get("acronym", ""),
                    "type": entry["type"],
                    "country": entry.get("country", ""),
                },
            )

    def load_people(self) -> None:
        for key, entry in data.PEOPLE.items():
            organisation = entry.get("organisation")
            self.people[key] = self.sync(
                Person,
                {"given_name": entry["given_name"], "family_name": entry["family_name"]},
                {
                    "position": entry.get("position", ""),
                    "organisation": self.organisations[organisation] if organisation else None,
                    "country": entry.get("country", ""),
                    "gender": entry.get("gender", "undisclosed"),
                },
            )

    # --- series and editions ---

    def load_edition(self, series: Series, entry: dict) -> Edition:
        fields = {k: v for k, v in entry.items() if k not in ("slug", "organisers")}
        fields["start_date"] = datetime.date.fromisoformat(fields["start_date"])
        fields["end_date"] = datetime.date.fromisoformat(fields["end_date"])
        edition = self.sync(Edition, {"slug": entry["slug"]}, {"series": series, **fields})
        for order, (key, role) in enumerate(entry["organisers"], start=1):
            self.sync(
                EditionOrganiser,
                {"edition": edition, "organisation": self.organisations[key]},
                {"role": role, "order": order},
            )
        return edition

    def load_programme(self, edition: Edition) -> None:
        venue = self.sync(
            Venue,
            {"edition": edition, "name": data.VENUE["name"]},
            {k: v for k, v in data.VENUE.items() if k != "name"},
        )
        rooms = {key: self.sync(Room, {"venue": venue, "name": name}, {}) for key, name in data.ROOMS.items()}
        first_day = edition.start_date
        for entry in data.SESSIONS:
            day = first_day + datetime.timedelta(days=entry["day"] - 1)
            session = self.sync(
                Session,
                {"edition": edition, "slug": entry["slug"]},
                {
                    "kind": entry["kind"],
                    "code": entry.get("code", ""),
                    "title": entry["title"],
                    "description": entry.get("description", ""),
                    "start": _moment(day, entry["start"], edition),
                    "end": _moment(day, entry["end"], edition),
                    "room": rooms[entry["room"]] if entry["room"] else None,
                },
            )
            chairs = entry.get("chairs", [])
            for order, chair in enumerate(chairs, start=1):
                self.sync(SessionChair, {"session": session, "order": order}, self._who(chair, with_position=False))
            self.prune(SessionChair.objects.filter(session=session, order__gt=len(chairs)))

            contributions = entry.get("contributions", [])
            for order, item in enumerate(contributions, start=1):
                contribution = self.sync(
                    Contribution,
                    {"session": session, "order": order},
                    {
                        "kind": item["kind"],
                        "delivery": item["delivery"],
                        "title": item["title"],
                        "abstract": item["abstract"],
                    },
                )
                for position, speaker in enumerate(item["speakers"], start=1):
                    self.sync(
                        ContributionSpeaker,
                        {"contribution": contribution, "order": position},
                        self._who(speaker, with_position=True),
                    )
                self.prune(
                    ContributionSpeaker.objects.filter(contribution=contribution, order__gt=len(item["speakers"]))
                )
            self.prune(Contribution.objects.filter(session=session, order__gt=len(contributions)))

    def _who(self, entry: dict, *, with_position: bool) -> dict:
        """Person and organisation of a speaker or chair; a named person speaks with their own affiliation."""
        person = self.people[entry["person"]] if "person" in entry else None
        if person is not None:
            organisation = person.organisation
            position = entry.get("position", person.position)
        else:
            organisation = self.organisations[entry["organisation"]]
            position = entry.get("position", "")
        who = {"person": person, "organisation": organisation}
        if with_position:
            who["position"] = position
        return who

    # --- sign-ins ---

    def load_accounts(self, edition: Edition) -> None:
        User = get_user_model()
        organiser = User.objects.filter(email=data.ORGANISER["email"]).first()
        if organiser is None:
            organiser = User.objects.create_user(data.ORGANISER["email"], data.ORGANISER["password"], is_staff=True)
            self.counts["created"] += 1
        self.sync(EditionStaff, {"edition": edition, "user": organiser, "role": StaffRole.ORGANISER}, {})
        # The demo organiser is also the series' secretariat, so the third workshop can be created from the web.
        self.sync(SeriesSecretariat, {"series": edition.series, "user": organiser}, {})
        if not User.objects.filter(email=data.ADMIN["email"]).exists():
            User.objects.create_superuser(data.ADMIN["email"], data.ADMIN["password"])
            self.counts["created"] += 1


def load_demo(stdout=None) -> Edition:
    """Load the series, both editions and the Haikou programme, then each app's own demo data, in one transaction.

    Idempotent. Returns the Haikou edition. Writes one summary line to `stdout` if given.
    """
    loader = DemoLoader()
    with transaction.atomic():
        loader.load_organisations()
        loader.load_people()
        series = loader.sync(
            Series,
            {"slug": data.SERIES["slug"]},
            {"name": data.SERIES["name"], "description": data.SERIES["description"]},
        )
        loader.load_edition(series, data.AMMAN_2019)
        haikou = loader.load_edition(series, data.HAIKOU_2022)
        loader.load_programme(haikou)
        loader.load_accounts(haikou)
        extended = []
        for app in data.EXTENSION_APPS:
            module = _demo_module(app)
            if module is not None:
                module.load(haikou)
                extended.append(app)
    if stdout is not None:
        sessions = Session.objects.filter(edition=haikou)
        contributions = Contribution.objects.filter(session__edition=haikou)
        stdout.write(
            f"Demo loaded: {series.editions.count()} editions, {sessions.count()} sessions and "
            f"{contributions.count()} contributions in {haikou.slug}; {loader.counts['created']} rows created, "
            f"{loader.counts['updated']} updated, {loader.counts['deleted']} removed; "
            f"extra demo data from: {', '.join(extended) or 'none'}.\n"
        )
    return haikou


def _demo_module(app: str):
    """`rendezvous.demo.<app>`, the demo data of that app, or None while it has none yet."""
    name = f"rendezvous.demo.{app}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        # Only a missing demo module is expected; a broken import inside one must surface.
        if error.name is not None and (name == error.name or name.startswith(error.name + ".")):
            return None
        raise


def _moment(day: datetime.date, clock: str, edition: Edition) -> datetime.datetime:
    """An aware datetime for a local wall-clock time on `day` in the edition's zone."""
    return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), tzinfo=edition.zone)


def _attname(model, name: str) -> str:
    """Compare foreign keys by id, so checking for changes costs no queries."""
    field = model._meta.get_field(name)
    return field.attname


def _raw(value):
    return value.pk if hasattr(value, "_meta") else value
