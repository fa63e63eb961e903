"""The hub as the report leaves it: programmes presented at Haikou, the Chang'e-6 results, the Chang'e-7 call and
the call for important scientific questions in deep space exploration.

Sources: A/AC.105/1294, paragraphs on sessions 1(a) and 4 and on the special event; the workshop announcement for
the space science missions of session 4 (CSST, eXTP, SMILE, SVOM). Where the seeds say nothing (phases, owners of
the Chinese science missions) the entry says what it assumes. The report gives the Chang'e-7 deadline as a date
only; the demo closes it at 23:59 Beijing time on that day; it gives no deadline for the scientific questions.
Applications to Chang'e-7 are invented and titled "Example: ..."; the Chang'e-6 results are the report's own words,
with no application behind them. Board posts are invented too ("Example: ..."), by demo representatives, one of whom
follows the Chang'e-7 call and lets CNSA contact them.

Idempotent: rows are found by natural keys (slugs, titles) and only brought in line.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from rendezvous.core.models import Organisation
from rendezvous.demo.data import ORGANISATIONS
from rendezvous.partnerships import search
from rendezvous.partnerships.models import (
    Application,
    BoardPost,
    Call,
    CallRole,
    CallStage,
    CallStatus,
    CallTeamMember,
    Follow,
    HubProfile,
    OrganisationMember,
    PlatformBudget,
    Programme,
    RepresentationRequest,
    RepresentationStatus,
    ResourceRequest,
    Result,
    Review,
)
from rendezvous.programme.models import Contribution

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
SPECIAL_EVENT = "special-event-lunar-deep-space"

# (session slug, contribution title prefix) → where a programme was presented.
CNSA_STRATEGY = ("session-1a", "China\u2019s deep space exploration missions")
CNSA_ILRS = (SPECIAL_EVENT, "Chinese lunar samples and scientific data")
CHANGE6_RESULTS = (SPECIAL_EVENT, "Results of the Chang\u2019e-6")
CHANGE7_CALL = (SPECIAL_EVENT, "Calls for cooperation: deep space science questions")
NASA_ARTEMIS = ("session-1a", "Exploring the Moon and Mars")
ESA_TERRAE_NOVAE = ("session-1a", "Terrae Novae")
KARI_KPLO = ("session-1a", "The Korea Pathfinder Lunar Orbiter")
IKI_MOON = ("session-4", "Lunar exploration, the International Lunar Research Station")
CAST_HEMPI = ("session-4", "The High Energy Multiband Spectral")
NSSC_SCIENCE = ("session-4", "The Chinese space science programme")

PROGRAMMES = [
    {
        "slug": "ilrs",
        "name": "International Lunar Research Station",
        "acronym": "ILRS",
        "owners": ["CNSA"],
        "destination": "moon",
        "phase": "in_development",
        "timeline": "Built with the Chang\u2019e-6, 7 and 8 missions of the fourth phase of lunar exploration",
        "summary": "A research station at the south pole of the Moon; the programme welcomes global participants. "
        "The Space Research Institute of the Russian Academy of Sciences presented its collaboration in it.",
        "forms": ["payloads", "data", "joint_research", "ground_segment"],
        "presented": [CNSA_STRATEGY, CNSA_ILRS, IKI_MOON],
    },
    {
        "slug": "change-6",
        "name": "Chang\u2019e-6",
        "owners": ["CNSA"],
        "destination": "moon",
        "phase": "in_development",
        "timeline": "Fourth phase of the Chinese Lunar Exploration Programme",
        "summary": "Lunar mission of the fourth phase; four international projects were selected to fly on it.",
        "forms": ["payloads", "data"],
        "presented": [CNSA_STRATEGY, CHANGE6_RESULTS],
    },
    {
        "slug": "change-7",
        "name": "Chang\u2019e-7",
        "owners": ["CNSA"],
        "destination": "moon",
        "phase": "in_development",
        "timeline": "Fourth phase of the Chinese Lunar Exploration Programme",
        "summary": "Lunar mission with a lander and an orbiter, offering hosting for 25 kg of science payloads.",
        "forms": ["payloads", "data", "joint_research"],
        "presented": [CNSA_STRATEGY, CHANGE7_CALL],
    },
    {
        "slug": "lunar-deep-space",
        "name": "Chinese lunar and deep space exploration programme",
        "owners": ["CNSA"],
        "destination": "other",
        "phase": "in_development",
        "summary": "CNSA encouraged the space community to participate in its lunar and deep space exploration "
        "programme and announced a call for important scientific questions in deep space exploration.",
        "forms": ["joint_research", "data", "education"],
        "presented": [CNSA_STRATEGY, CHANGE7_CALL],
    },
    {
        "slug": "artemis",
        "name": "Artemis",
        "owners": ["NASA"],
        "destination": "moon",
        "phase": "in_development",
        "timeline": "Artemis I uncrewed flight test; Artemis II, III and IV to follow",
        "summary": "Exploration of the Moon and Mars: the first crewed flight test to the Moon since Apollo, the first "
        "crew return to the lunar surface and the International Habitat Module delivered to the Gateway.",
        "forms": ["payloads", "joint_research"],
        "presented": [NASA_ARTEMIS],
    },
    {
        "slug": "argonaut",
        "name": "Argonaut",
        "owners": ["ESA"],
        "destination": "moon",
        "phase": "concept",
        "timeline": "Expected by the end of the decade",
        "summary": "The large lunar lander of ESA\u2019s Terrae Novae programme; international cooperation is key.",
        "forms": ["payloads", "joint_research"],
        "presented": [ESA_TERRAE_NOVAE],
    },
    {
        "slug": "rosalind-franklin",
        "name": "Rosalind Franklin rover",
        "owners": ["ESA"],
        "destination": "mars",
        "phase": "in_development",
        "timeline": "Expected by the end of the decade",
        "summary": "The Mars rover of ESA\u2019s Terrae Novae programme (ExoMars).",
        "forms": ["joint_research", "data"],
        "presented": [ESA_TERRAE_NOVAE, IKI_MOON],
    },
    {
        "slug": "kplo",
        "name": "Korea Pathfinder Lunar Orbiter",
        "acronym": "KPLO",
        "owners": ["KARI"],
        "destination": "moon",
        "phase": "operating",
        "timeline": "KARI\u2019s first exploration mission; a lunar lander planned for the next decade",
        "summary": "KARI\u2019s first space exploration mission.",
        "forms": ["data", "joint_research"],
        "presented": [KARI_KPLO],
    },
    {
        "slug": "hempi",
        "name": "High Energy Multiband Spectral and Polarimetric Imaging Observatory",
        "acronym": "HEMPI",
        "owners": ["CAST"],
        "destination": "astronomy",
        "phase": "concept",
        "summary": "An astronomy mission concept with opportunities for international cooperation.",
        "forms": ["payloads", "joint_research"],
        "presented": [CAST_HEMPI],
    },
    # Session 4 of the announcement; the demo lists NSSC, which presented the Chinese space science programme,
    # as owner of the Chinese-led missions and adds the partner agencies it knows from the seeds.
    {
        "slug": "csst",
        "name": "China Space Station Telescope",
        "acronym": "CSST",
        "owners": ["NSSC"],
        "destination": "astronomy",
        "phase": "in_development",
        "summary": "A survey telescope co-orbiting with the China Space Station.",
        "forms": ["data", "joint_research"],
        "presented": [NSSC_SCIENCE],
    },
    {
        "slug": "extp",
        "name": "Enhanced X-ray Timing and Polarimetry mission",
        "acronym": "eXTP",
        "owners": ["NSSC"],
        "destination": "astronomy",
        "phase": "in_development",
        "summary": "An X-ray mission for timing and polarimetry.",
        "forms": ["payloads", "data", "joint_research"],
        "presented": [NSSC_SCIENCE],
    },
    {
        "slug": "smile",
        "name": "Solar wind Magnetosphere Ionosphere Link Explorer",
        "acronym": "SMILE",
        "owners": ["NSSC", "ESA"],
        "destination": "heliophysics",
        "phase": "in_development",
        "summary": "A joint mission on how the solar wind drives the Earth\u2019s magnetosphere and ionosphere.",
        "forms": ["data", "ground_segment", "joint_research"],
        "presented": [NSSC_SCIENCE],
    },
    {
        "slug": "svom",
        "name": "Space-based multiband astronomical Variable Objects Monitor",
        "acronym": "SVOM",
        "owners": ["CNSA", "CNES"],
        "destination": "astronomy",
        "phase": "in_development",
        "summary": "A gamma-ray burst mission.",
        "forms": ["data", "ground_segment", "joint_research"],
        "presented": [NSSC_SCIENCE],
    },
]

CHANGE6_RESULT_LINES = [("CubeSat", "Pakistan"), ("Payload", "France"), ("Payload", "ESA/Sweden"), ("Payload", "Italy")]

# Invented, and marked so: they let a visitor see review and selection at work on the Chang'e-7 budgets.
EXAMPLE_APPLICATIONS = [
    ("INFN", "Example: laser retroreflector array", "Lander", "3.5", "8.0"),
    ("NASRDA", "Example: lunar dust and plasma sensor", "Lander", "6.5", "7.0"),
    ("INPE", "Example: seismometer", "Lander", "5.0", "6.5"),
    ("KARI", "Example: magnetometer boom", "Orbiter", "9.0", "7.5"),
    ("IKI", "Example: neutron spectrometer", "Orbiter", "5.5", "6.0"),
]
DEMO_OFFICER = "hub.officer@rendezvous.localhost"
DEMO_REPRESENTATIVE = "hub.representative@rendezvous.localhost"
DEMO_CNSA_REPRESENTATIVE = "hub.cnsa@rendezvous.localhost"
DEMO_NASRDA_REPRESENTATIVE = "hub.nasrda@rendezvous.localhost"

# (author, kind, title, text, topic, call slug or None)
EXAMPLE_POSTS = [
    (
        DEMO_REPRESENTATIVE,
        "offer",
        "Example: laser retroreflector design and testing",
        "An invented post that shows how the board works.\nWe can design, build and test small laser "
        "retroreflector arrays for landers and share the ranging data.",
        "payloads",
        "change-7-payloads",
    ),
    (
        DEMO_NASRDA_REPRESENTATIVE,
        "need",
        "Example: partners for a lunar dust sensor",
        "An invented post that shows how the board works.\nWe seek a partner with flight heritage to co-develop a "
        "dust and plasma sensor, and a ground station to receive its data.",
        "moon",
        "change-7-payloads",
    ),
    (
        DEMO_NASRDA_REPRESENTATIVE,
        "offer",
        "Example: training in space science data analysis",
        "An invented post that shows how the board works.\nShort courses for early-career researchers on lunar "
        "and planetary data, online or in person.",
        "education",
        None,
    ),
]


def _organisation(key: str) -> Organisation:
    return Organisation.objects.get(name=ORGANISATIONS[key]["name"])


def _contribution(edition, where) -> Contribution:
    session_slug, title = where
    return Contribution.objects.get(session__edition=edition, session__slug=session_slug, title__startswith=title)


def _sync(model, lookup: dict, values: dict):
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
    return obj


def _user(email: str, first: str, last: str):
    User = get_user_model()
    return User.objects.filter(email=email).first() or User.objects.create_user(email, first_name=first, last_name=last)


def load(edition) -> None:
    programmes = {}
    for entry in PROGRAMMES:
        programme = _sync(
            Programme,
            {"slug": entry["slug"]},
            {
                "name": entry["name"],
                "acronym": entry.get("acronym", ""),
                "destination": entry["destination"],
                "phase": entry["phase"],
                "timeline": entry.get("timeline", ""),
                "summary": entry["summary"],
                "cooperation_forms": entry["forms"],
            },
        )
        programme.owners.set([_organisation(key) for key in entry["owners"]])
        programme.contributions.set([_contribution(edition, where) for where in entry["presented"]])
        programmes[entry["slug"]] = programme
    cnsa = _organisation("CNSA")
    announced = _contribution(edition, CHANGE6_RESULTS)
    change6 = _sync(
        Call,
        {"slug": "change-6-international-payloads"},
        {
            "programme": programmes["change-6"],
            "organisation": cnsa,
            "title": "Chang\u2019e-6 international payload solicitation",
            "kind": "payload_hosting",
            "status": CallStatus.CLOSED,
            "timezone": "Asia/Shanghai",
            "description": "International payloads to fly on the Chang\u2019e-6 lunar mission.",
            "announced_in": announced,
            "results_published_at": announced.session.start,
            "results_note": "Four projects selected to join the Chang\u2019e-6 mission, as announced at the special "
            "event on lunar and deep space exploration, Haikou, 23 November 2022.",
        },
    )
    _sync(CallStage, {"call": change6, "kind": "announcement"}, {"deadline": announced.session.start})
    for order, (title, partner) in enumerate(CHANGE6_RESULT_LINES, start=1):
        _sync(Result, {"call": change6, "order": order}, {"title": title, "partner": partner, "application": None})
    Result.objects.filter(call=change6, order__gt=len(CHANGE6_RESULT_LINES)).delete()

    change7 = _sync(
        Call,
        {"slug": "change-7-payloads"},
        {
            "programme": programmes["change-7"],
            "organisation": cnsa,
            "title": "Chang\u2019e-7 international cooperation: science payloads",
            "kind": "payload_hosting",
            "status": CallStatus.OPEN,
            "timezone": "Asia/Shanghai",
            "description": "Chang\u2019e-7 provides payload hosting opportunities for 25 kg of science payloads: "
            "10 kg on the lander and 15 kg on the orbiter. CNSA encourages the space community to take part in its "
            "lunar and deep space exploration programme.",
            "criteria": "Scientific value; technical maturity; fit with the mission; international cooperation.",
            "announced_in": _contribution(edition, CHANGE7_CALL),
        },
    )
    loi_deadline = datetime.datetime(2023, 2, 1, 23, 59, tzinfo=BEIJING)
    _sync(CallStage, {"call": change7, "kind": "letter_of_interest"}, {"deadline": loi_deadline})
    lander = _sync(PlatformBudget, {"call": change7, "platform": "Lander"}, {"mass_kg": Decimal(10), "order": 1})
    orbiter = _sync(PlatformBudget, {"call": change7, "platform": "Orbiter"}, {"mass_kg": Decimal(15), "order": 2})
    platforms = {"Lander": lander, "Orbiter": orbiter}

    officer = _user(DEMO_OFFICER, "Demo", "Selecting officer")
    for role in (CallRole.REVIEWER, CallRole.SELECTING_OFFICER):
        CallTeamMember.objects.get_or_create(call=change7, user=officer, role=role)
    representative = _user(DEMO_REPRESENTATIVE, "Demo", "Representative")
    OrganisationMember.objects.get_or_create(user=representative, organisation=_organisation("INFN"))

    for key, title, platform, kg, score in EXAMPLE_APPLICATIONS:
        organisation = _organisation(key)
        application = _sync(
            Application,
            {"call": change7, "title": title},
            {
                "organisation": organisation,
                "summary": "An invented application that shows how the hub works; not a real proposal.",
                "countries": [str(organisation.country)] if organisation.country else [],
                "is_example": True,
            },
        )
        _sync(ResourceRequest, {"application": application, "platform": platforms[platform]}, {"mass_kg": Decimal(kg)})
        _sync(Review, {"application": application, "reviewer": officer}, {"score": Decimal(score)})

    scientific_questions = _sync(
        Call,
        {"slug": "deep-space-scientific-questions"},
        {
            "programme": programmes["lunar-deep-space"],
            "organisation": cnsa,
            "title": "Call for important scientific questions in deep space exploration",
            "kind": "scientific_questions",
            "status": CallStatus.OPEN,
            "timezone": "Asia/Shanghai",
            "description": "CNSA announced calls for important scientific questions in deep space exploration at the "
            "special event on lunar and deep space exploration.",
            "announced_in": _contribution(edition, CHANGE7_CALL),
        },
    )
    scientific_questions.budgets.all().delete()
    _load_connections(change7)
    load_taking_part()


def _load_connections(change7) -> None:
    """A representative who follows the Chang'e-7 call and lets CNSA contact them; CNSA's demo representative;
    example board posts."""
    cnsa_rep = _user(DEMO_CNSA_REPRESENTATIVE, "Demo", "CNSA representative")
    OrganisationMember.objects.get_or_create(user=cnsa_rep, organisation=_organisation("CNSA"))
    nasrda_rep = _user(DEMO_NASRDA_REPRESENTATIVE, "Demo", "NASRDA representative")
    OrganisationMember.objects.get_or_create(user=nasrda_rep, organisation=_organisation("NASRDA"))
    follower = _user(DEMO_REPRESENTATIVE, "Demo", "Representative")
    consented = change7.stages.first().deadline
    _sync(Follow, {"user": follower, "call": change7}, {"consent": True, "consented_at": consented})
    _sync(
        HubProfile,
        {"user": follower},
        {
            "offers": "Example: laser ranging expertise and retroreflector arrays.",
            "seeks": "Example: a ride for a small passive payload.",
        },
    )
    authors = {DEMO_REPRESENTATIVE: (follower, "INFN"), DEMO_NASRDA_REPRESENTATIVE: (nasrda_rep, "NASRDA")}
    expires = timezone.localdate() + datetime.timedelta(days=365)
    for email, kind, title, text, topic, call_slug in EXAMPLE_POSTS:
        author, key = authors[email]
        organisation = _organisation(key)
        call = Call.objects.get(slug=call_slug) if call_slug else None
        _sync(
            BoardPost,
            {"author": author, "title": title},
            {
                "kind": kind,
                "text": text,
                "topic": topic,
                "organisation": organisation,
                "organisation_type": organisation.type,
                "country": organisation.country,
                "call": call,
                "programme": call.programme if call else None,
                "is_example": True,
                "withdrawn_at": None,
                "expires_on": expires,
            },
        )


DEMO_NEWCOMER = "hub.newcomer@rendezvous.localhost"


def load_taking_part() -> None:
    """A newcomer who asked to represent INFN: INFN's demo representative approves or declines on the hub. Then the
    hub's search index, for organisations saved without signals (bulk loads)."""
    newcomer = _user(DEMO_NEWCOMER, "Demo", "Newcomer")
    infn = _organisation("INFN")
    if not OrganisationMember.objects.filter(user=newcomer, organisation=infn).exists():
        RepresentationRequest.objects.get_or_create(
            user=newcomer,
            organisation=infn,
            status=RepresentationStatus.PENDING,
            defaults={"message": "Example: I lead the laser ranging group and will prepare INFN's letters."},
        )
    search.rebuild_index()
