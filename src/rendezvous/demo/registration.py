"""The demo edition's registration policy: the seed announcement's rules.

"Participants based inside China are invited only"; everyone else registers online, moderated; in-person and online
places are limited. The real window opened on 1 September 2022 and closed on 18 November 2022 (Asia/Shanghai). The demo
keeps the opening date but leaves the closing date empty, so the form can be tried today; an organiser can set the
closing date in the admin to see the "registration closed" page. Idempotent: running it again resets the same policy.
"""

import csv
import datetime
import zoneinfo
from pathlib import Path

from rendezvous.core.models import Organisation
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule, Route

from . import data

IN_PERSON_CAPACITY = 250
ONLINE_CAPACITY = 300
OPENS = datetime.datetime(2022, 9, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
CLOSES = datetime.datetime(2022, 11, 18, 0, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))

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
    load_participants(edition)
    return policy


# ---------------------------------------------------------------------------------------------------------------------
# The report's 520 participants

SEED_CSV = Path(__file__).with_name("seed") / "haikou-2022-registrations.csv"

# The seed file names the report's agencies and organizations as paragraph 10 writes them; the demo's registrations
# belong to the demo's own records of those organisations (data.ORGANISATIONS), so each is counted once.
SEED_ORGANISATIONS = {
    "Argentina National Commission on Space Activities Commission (CONAE)": "CONAE",
    "CNSA": "CNSA",
    "Egypt Space Agency": "EGSA",
    "National Centre for Space Studies (CNES) of France": "CNES",
    "Korea Aerospace Research Institute (KARI)": "KARI",
    "Nigeria National Space Research and Development Agency": "NASRDA",
    "Pakistan Space and Upper Atmosphere Research Commission (SUPARCO)": "SUPARCO",
    "State Space Corporation (ROSCOSMOS) of the Russian Federation": "ROSCOSMOS",
    "Turkish Space Agency": "TUA",
    "National Aeronautics and Space Administration (NASA) of the United States": "NASA",
    "Bolivarian Agency for Space Activities (ABAE) of the Bolivarian Republic of Venezuela": "ABAE",
    "European Space Agency (ESA)": "ESA",
    "Asia Pacific Space Cooperation Organization (APSCO)": "APSCO",
    "Committee on Space Research (COSPAR)": "COSPAR",
    "Regional Centre for Space Science and Technology Education in Asia and the Pacific (China)": "RCSSTEAP",
    "Secure World Foundation (SWF)": "SWF",
    "Space Generation Advisory Council (SGAC)": "SGAC",
}

# The people the programme names (data.PEOPLE) registered too: three of the seed's speaker rows carry their names, so
# a speaker who presented and registered is counted once. (given name, family name, e-mail, gender of the row taken)
NAMED_SPEAKERS = [
    ("Liu He", "", "liu.he@example.org", "male"),
    ("Yaping", "Wang", "yaping.wang@example.org", "female"),
    ("Anna", "Kikina", "anna.kikina@example.org", "female"),
]


def seed_rows() -> list[dict[str, str]]:
    """The seed file's rows, with the named speakers' names put on the first speaker rows of matching gender."""
    with SEED_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    taken: set[int] = set()
    for given, family, email, gender in NAMED_SPEAKERS:
        index = next(
            i for i, row in enumerate(rows) if i not in taken and row["role"] == "speaker" and row["gender"] == gender
        )
        taken.add(index)
        rows[index] = {**rows[index], "given_name": given, "family_name": family, "email": email}
    return rows


def _organisations(rows: list[dict[str, str]]) -> dict[str, Organisation]:
    """Each organisation of the file by its name there: the demo's record, or one created (in one query) for the
    file's synthetic organisations ("Example University KE-1")."""
    names = {row["organization"] for row in rows}
    known = {name: data.ORGANISATIONS[key]["name"] for name, key in SEED_ORGANISATIONS.items() if name in names}
    others = {row["organization"]: row for row in rows if row["organization"] not in known}
    existing = set(Organisation.objects.filter(name__in=[*others, *known.values()]).values_list("name", flat=True))
    # The demo's own records normally exist already (load_demo loads them first); alone, this loader adds them.
    demo_records = {
        entry["name"]: entry for key, entry in data.ORGANISATIONS.items() if key in SEED_ORGANISATIONS.values()
    }
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, type=row["organization_type"], country=row["country"])
            for name, row in others.items()
            if name not in existing
        ]
        + [
            Organisation(
                name=name,
                acronym=demo_records[name].get("acronym", ""),
                type=demo_records[name]["type"],
                country=demo_records[name].get("country", ""),
            )
            for name in set(known.values()) - existing
        ]
    )
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=[*others, *known.values()])}
    return {name: by_name[known.get(name, name)] for name in names}


def load_participants(edition) -> int:
    """The report's 520 approved registrations (see tests/data/make_haikou_csv.py), created in a few bulk queries;
    rows whose e-mail the edition already has are left alone, so a second run adds nothing. Returns how many were
    added. Applications arrive over the real registration window (1 September to 18 November 2022)."""
    rows = seed_rows()
    taken = set(Registration.objects.filter(edition=edition).values_list("email", flat=True))
    missing = [(index, row) for index, row in enumerate(rows) if row["email"] not in taken]
    if not missing:
        return 0
    organisations = _organisations([row for _, row in missing])
    decided = CLOSES
    Registration.objects.bulk_create(
        [
            Registration(
                edition=edition,
                given_name=row["given_name"],
                family_name=row["family_name"],
                email=row["email"],
                gender=row["gender"],
                country=row["country"],
                organisation=organisations[row["organization"]],
                organisation_type=row["organization_type"],
                role=row["role"],
                attendance=row["attendance"],
                status=row["status"],
                head_of_agency=row["head_of_agency"] == "yes",
                imported=True,
                decided_at=decided,
            )
            for _, row in missing
        ],
        batch_size=500,
    )
    # created_at is set on insert; one UPDATE per day of the window spreads the applications over it.
    window_days = (CLOSES - OPENS).days
    by_day: dict[int, list[str]] = {}
    for index, row in missing:
        by_day.setdefault(index * window_days // len(rows), []).append(row["email"])
    for day, emails in by_day.items():
        Registration.objects.filter(edition=edition, email__in=emails).update(
            created_at=OPENS + datetime.timedelta(days=day, hours=9)
        )
    return len(missing)
