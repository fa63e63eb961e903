"""Reading the programme for the public pages and feeds (their cache is in cache.py).

Every query here is scoped to one edition, and each helper costs a fixed number of queries however
large the programme is (the page tests pin that).
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from rendezvous.core.models import Organisation, Person
from rendezvous.events.models import Edition

from .models import Contribution, ContributionSpeaker, Delivery, Session, SessionChair

# --- Display helpers ---------------------------------------------------------------------------------


def _affiliation(position: str, organisation: Organisation | None) -> str:
    """ "Administrator, China National Space Administration (CNSA)": what follows a speaker's name."""
    return ", ".join(part for part in (position, str(organisation) if organisation else "") if part)


def _annotate_speaker(speaker: ContributionSpeaker) -> ContributionSpeaker:
    """Who spoke, with the affiliation they had at the time (the person's current one if none was recorded)."""
    organisation = speaker.organisation or (speaker.person.organisation if speaker.person else None)
    speaker.display_name = speaker.person.full_name if speaker.person else str(speaker.organisation)
    speaker.affiliation = _affiliation(speaker.position, organisation if speaker.person else None)
    return speaker


def _annotate_chair(chair: SessionChair) -> SessionChair:
    organisation = chair.organisation or (chair.person.organisation if chair.person else None)
    chair.display_name = chair.person.full_name if chair.person else str(chair.organisation)
    chair.affiliation = _affiliation("", organisation if chair.person else None)
    return chair


def _utc_iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _annotate_session(session: Session, zone) -> Session:
    """Local start and end in the edition's zone, and whether the session runs past midnight there."""
    session.local_start = timezone.localtime(session.start, zone)
    session.local_end = timezone.localtime(session.end, zone)
    session.ends_next_day = session.local_end.date() != session.local_start.date()
    session.start_iso = _utc_iso(session.start)
    session.end_iso = _utc_iso(session.end)
    # "Opening ceremony" needs no "Opening ceremony" badge beside it.
    session.show_kind = session.title.strip().casefold() != session.get_kind_display().casefold()
    for chair in session.chairs.all():
        _annotate_chair(chair)
    for contribution in session.contributions.all():
        for speaker in contribution.speakers.all():
            _annotate_speaker(speaker)
    return session


def detailed_sessions(edition: Edition):
    """Sessions of one edition with rooms, chairs, contributions and speakers: five queries in all.

    The one query behind the pages and the feeds (exports.py), so both always show the same programme.
    """
    speakers = ContributionSpeaker.objects.select_related("person__organisation", "organisation").order_by(
        "order", "id"
    )
    contributions = Contribution.objects.order_by("order", "id").prefetch_related(
        Prefetch("speakers", queryset=speakers)
    )
    chairs = SessionChair.objects.select_related("person__organisation", "organisation").order_by("order", "id")
    return (
        Session.objects.filter(edition=edition)
        .select_related("room__venue")
        .prefetch_related(Prefetch("chairs", queryset=chairs), Prefetch("contributions", queryset=contributions))
        .order_by("start", "end", "id")
    )


# --- Pages ---------------------------------------------------------------------------------------------


@dataclass
class ProgrammeDay:
    date: datetime.date
    sessions: list = field(default_factory=list)


def programme_by_day(edition: Edition) -> list[ProgrammeDay]:
    """The programme grouped by local day in the edition's time zone, sessions in time order."""
    zone = edition.zone
    days: list[ProgrammeDay] = []
    for session in detailed_sessions(edition):
        session.edition = edition
        _annotate_session(session, zone)
        day = session.local_start.date()
        if not days or days[-1].date != day:
            days.append(ProgrammeDay(date=day))
        days[-1].sessions.append(session)
    return days


def get_session_detail(edition: Edition, session_slug: str) -> Session:
    """One session of the edition with everything its page shows; 404 when the edition has no such session."""
    session = detailed_sessions(edition).filter(slug=session_slug).first()
    if session is None:
        raise Http404(gettext("No such session."))
    session.edition = edition
    return _annotate_session(session, edition.zone)


def _sort_key(text: str) -> str:
    """English alphabetical order ignoring diacritics and case ("École" files under E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass
class Appearance:
    """One thing someone did in the programme: a contribution, or chairing a session."""

    session: Session
    role: str
    title: str = ""
    pre_recorded: bool = False


@dataclass
class IndexEntry:
    name: str
    detail: str = ""
    appearances: list[Appearance] = field(default_factory=list)
    anchor: str = ""


def speakers_index(edition: Edition) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """Named people, and the organisations that presented, each with what they did and where.

    An organisation appears when it presented on its own or was the affiliation of a speaker at the time.
    Two queries, whatever the size of the programme.
    """
    speakers = (
        ContributionSpeaker.objects.filter(contribution__session__edition=edition)
        .select_related("person__organisation", "organisation", "contribution__session")
        .order_by("contribution__session__start", "contribution__order", "contribution__id", "order", "id")
    )
    chairs = (
        SessionChair.objects.filter(session__edition=edition)
        .select_related("person__organisation", "organisation", "session")
        .order_by("session__start", "order", "id")
    )
    people: dict[int, IndexEntry] = {}
    organisations: dict[int, IndexEntry] = {}

    def person_entry(person: Person, organisation: Organisation | None) -> IndexEntry:
        entry = people.get(person.pk)
        if entry is None:
            entry = people[person.pk] = IndexEntry(name=person.full_name, anchor=f"person-{person.pk}")
            entry.sort_key = _sort_key(f"{person.family_name} {person.given_name}")
        if organisation and not entry.detail:
            entry.detail = str(organisation)
        return entry

    def organisation_entry(organisation: Organisation) -> IndexEntry:
        entry = organisations.get(organisation.pk)
        if entry is None:
            entry = organisations[organisation.pk] = IndexEntry(
                name=str(organisation), detail=organisation.get_type_display(), anchor=f"organisation-{organisation.pk}"
            )
            entry.sort_key = _sort_key(organisation.name)
        return entry

    for speaker in speakers:
        contribution = speaker.contribution
        session = contribution.session
        session.edition = edition
        session.start_iso = _utc_iso(session.start)
        appearance = Appearance(
            session=session,
            role=contribution.get_kind_display(),
            title=contribution.title,
            pre_recorded=contribution.delivery == Delivery.PRE_RECORDED,
        )
        organisation = speaker.organisation or (speaker.person.organisation if speaker.person else None)
        if speaker.person:
            person_entry(speaker.person, organisation).appearances.append(appearance)
        if organisation:
            org_appearances = organisation_entry(organisation).appearances
            if appearance not in org_appearances:
                org_appearances.append(appearance)

    for chair in chairs:
        chair.session.edition = edition
        chair.session.start_iso = _utc_iso(chair.session.start)
        appearance = Appearance(session=chair.session, role=gettext("Chair"))
        organisation = chair.organisation or (chair.person.organisation if chair.person else None)
        if chair.person:
            person_entry(chair.person, organisation).appearances.append(appearance)

    for entry in [*people.values(), *organisations.values()]:
        entry.appearances.sort(key=lambda appearance: appearance.session.start)
    return (
        sorted(people.values(), key=lambda entry: entry.sort_key),
        sorted(organisations.values(), key=lambda entry: entry.sort_key),
    )


# --- Editions ------------------------------------------------------------------------------------------


@dataclass
class ProgrammeSummary:
    sessions: int
    days: int
    contributions: int


def programme_summary(edition: Edition) -> ProgrammeSummary:
    """How much there is to see: counts for the edition's home page (two queries)."""
    starts = list(Session.objects.filter(edition=edition).values_list("start", flat=True))
    zone = edition.zone
    return ProgrammeSummary(
        sessions=len(starts),
        days=len({timezone.localtime(start, zone).date() for start in starts}),
        contributions=Contribution.objects.filter(session__edition=edition).count(),
    )
