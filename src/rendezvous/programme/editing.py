"""The programme editor's rules: sessions, contributions, chairs and speakers, changed by an edition's organisers.

Every function takes the person acting (`actor`), checks their right over the edition first
(`permissions.require_edit_programme`), runs in one transaction, records the change in the audit trail and bumps the
edition's programme version (cache.py), so the public pages and feeds show it on the next request. A rule that is
broken raises `ProgrammeEditError` with a sentence for the organiser; clashes are not errors but findings
(`findings_for`), shown beside the saved session, because a draft timetable may pass through a clash on its way.

People and organisations are shared between editions: the editor searches them (case- and accent-insensitive, by
name or acronym) and creates new ones only when nothing matches, but never changes an existing one.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.models import Organisation, OrganisationType, Person
from rendezvous.events.models import Edition, Room

from .cache import bump_programme_version
from .models import (
    Contribution,
    ContributionKind,
    ContributionSpeaker,
    Delivery,
    Session,
    SessionChair,
    SessionKind,
)
from .permissions import require_edit_programme
from .timetable import Clash, find_clashes

SEARCH_LIMIT = 20
ORDER_MAX = 32767  # PositiveSmallIntegerField's upper bound on every database


class ProgrammeEditError(ValueError):
    """A change the rules refuse; `field` names the form field it concerns, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Saved:
    """What a save returns: the object, and the timetable check's findings that concern it."""

    obj: object
    findings: list[Clash]


# --- Sessions ----------------------------------------------------------------------------------------------------


def _check_session(edition: Edition, *, kind, code, title, start, end, room) -> None:
    if kind not in SessionKind.values:
        raise ProgrammeEditError(_("Choose a kind of session from the list."), "kind")
    if not title.strip():
        raise ProgrammeEditError(_("A session needs a title."), "title")
    if len(title) > 300:
        raise ProgrammeEditError(_("A title has at most 300 characters."), "title")
    if len(code) > 16:
        raise ProgrammeEditError(_("A code has at most 16 characters."), "code")
    if start is None or end is None or start.tzinfo is None or end.tzinfo is None:
        raise ProgrammeEditError(_("A session needs a start and an end time."), "start")
    if end <= start:
        raise ProgrammeEditError(_("A session must end after it starts."), "end")
    zone = edition.zone
    first_day = start.astimezone(zone).date()
    # A session ending at midnight belongs to the day before (as in the timetable check).
    last_day = (end.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
    if first_day < edition.start_date or last_day > edition.end_date:
        raise ProgrammeEditError(
            _("The session must take place within the edition's dates, %(start)s to %(end)s (times in %(zone)s).")
            % {"start": edition.start_date.isoformat(), "end": edition.end_date.isoformat(), "zone": edition.timezone},
            "start",
        )
    if room is not None and room.venue.edition_id != edition.pk:
        raise ProgrammeEditError(_("Choose a room of this edition's venues."), "room")


def _unique_slug(edition: Edition, code: str, title: str) -> str:
    base = slugify(f"{code} {title}")[:70].strip("-") or "session"
    taken = set(Session.objects.filter(edition=edition, slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def findings_for(session: Session) -> list[Clash]:
    """The timetable check's findings that involve `session` (a person in two places, a room double-booked...)."""
    return [clash for clash in find_clashes(session.edition) if any(s.pk == session.pk for s in clash.sessions)]


def _changed(edition: Edition, action: str, obj, actor, summary: str, **data) -> None:
    audit.record(action, obj, actor=actor, edition=edition, summary=summary, **data)
    bump_programme_version(edition)


def _check_slug(edition: Edition, slug: str, session: Session | None = None) -> None:
    """A chosen address (the API lets a client choose one) must be free in the edition."""
    taken = Session.objects.filter(edition=edition, slug=slug)
    if session is not None:
        taken = taken.exclude(pk=session.pk)
    if taken.exists():
        raise ProgrammeEditError(
            _("Another session of this edition has the address %(slug)s.") % {"slug": slug}, "slug"
        )


def create_session(
    actor,
    edition: Edition,
    *,
    kind: str,
    code: str,
    title: str,
    start,
    end,
    room: Room | None = None,
    description="",
    slug: str = "",
    do_not_record: bool = False,
    recording_licence: str = "",
) -> Saved:
    require_edit_programme(actor, edition)
    code, title = code.strip(), title.strip()
    _check_session(edition, kind=kind, code=code, title=title, start=start, end=end, room=room)
    if slug:
        _check_slug(edition, slug)
    with transaction.atomic():
        session = Session.objects.create(
            edition=edition,
            kind=kind,
            code=code,
            title=title,
            slug=slug or _unique_slug(edition, code, title),
            description=description,
            start=start,
            end=end,
            room=room,
            do_not_record=do_not_record,
            recording_licence=recording_licence,
        )
        _changed(edition, "programme.session_created", session, actor, session.display_title)
    return Saved(session, findings_for(session))


def update_session(
    actor,
    session: Session,
    *,
    kind: str,
    code: str,
    title: str,
    start,
    end,
    room: Room | None = None,
    description="",
    slug: str | None = None,
    do_not_record: bool | None = None,
    recording_licence: str | None = None,
) -> Saved:
    """Change a session, times and room included (moving it); its feed id stays the same, and its address (slug) too
    unless a new one is given."""
    edition = session.edition
    require_edit_programme(actor, edition)
    code, title = code.strip(), title.strip()
    _check_session(edition, kind=kind, code=code, title=title, start=start, end=end, room=room)
    if slug:
        _check_slug(edition, slug, session)
    with transaction.atomic():
        before = {"start": session.start.isoformat(), "end": session.end.isoformat(), "room": session.room_id}
        session.kind, session.code, session.title, session.description = kind, code, title, description
        session.start, session.end, session.room = start, end, room
        session.slug = slug or session.slug
        if do_not_record is not None:
            session.do_not_record = do_not_record
        if recording_licence is not None:
            session.recording_licence = recording_licence
        session.save()
        _changed(
            edition,
            "programme.session_changed",
            session,
            actor,
            session.display_title,
            before=before,
            after={"start": start.isoformat(), "end": end.isoformat(), "room": session.room_id},
        )
    return Saved(session, findings_for(session))


def delete_session(actor, session: Session) -> None:
    """Remove a session with its contributions, chairs and speakers (files attached to them go too)."""
    edition = session.edition
    require_edit_programme(actor, edition)
    with transaction.atomic():
        audit.record(
            "programme.session_deleted",
            session,
            actor=actor,
            edition=edition,
            summary=session.display_title,
            contributions=session.contributions.count(),
        )
        session.delete()
        bump_programme_version(edition)


# --- Chairs and speakers -----------------------------------------------------------------------------------------


def _check_someone(person: Person | None, organisation: Organisation | None) -> None:
    if person is None and organisation is None:
        raise ProgrammeEditError(_("Choose a person or an organisation."))


def add_chair(actor, session: Session, *, person: Person | None = None, organisation=None) -> Saved:
    edition = session.edition
    require_edit_programme(actor, edition)
    _check_someone(person, organisation)
    if person is not None and session.chairs.filter(person=person).exists():
        raise ProgrammeEditError(_("%(name)s already chairs this session.") % {"name": person.full_name})
    with transaction.atomic():
        order = (session.chairs.aggregate(last=Max("order"))["last"] or 0) + 1
        chair = SessionChair.objects.create(
            session=session, person=person, organisation=organisation, order=min(order, ORDER_MAX)
        )
        _changed(edition, "programme.chair_added", session, actor, str(chair))
    return Saved(chair, findings_for(session))


def remove_chair(actor, chair: SessionChair) -> None:
    session = chair.session
    require_edit_programme(actor, session.edition)
    with transaction.atomic():
        name = str(chair)
        chair.delete()
        _changed(session.edition, "programme.chair_removed", session, actor, name)


def add_speaker(
    actor, contribution: Contribution, *, person: Person | None = None, organisation=None, position: str = ""
) -> Saved:
    session = contribution.session
    require_edit_programme(actor, session.edition)
    _check_someone(person, organisation)
    if len(position) > 255:
        raise ProgrammeEditError(_("A position has at most 255 characters."), "position")
    if person is not None and contribution.speakers.filter(person=person).exists():
        raise ProgrammeEditError(_("%(name)s already speaks in this contribution.") % {"name": person.full_name})
    if organisation is None and person is not None:
        organisation = person.organisation  # the affiliation they have today, kept as it was at the time
    with transaction.atomic():
        order = (contribution.speakers.aggregate(last=Max("order"))["last"] or 0) + 1
        speaker = ContributionSpeaker.objects.create(
            contribution=contribution,
            person=person,
            organisation=organisation,
            position=position.strip(),
            order=min(order, ORDER_MAX),
        )
        _changed(session.edition, "programme.speaker_added", contribution, actor, str(speaker))
    return Saved(speaker, findings_for(session))


def remove_speaker(actor, speaker: ContributionSpeaker) -> None:
    contribution = speaker.contribution
    edition = contribution.session.edition
    require_edit_programme(actor, edition)
    with transaction.atomic():
        name = str(speaker)
        speaker.delete()
        _changed(edition, "programme.speaker_removed", contribution, actor, name)


# --- Contributions -----------------------------------------------------------------------------------------------


def _check_contribution(edition: Edition, *, session: Session, kind, delivery, title, abstract, order) -> None:
    if session.edition_id != edition.pk:
        raise ProgrammeEditError(_("Choose a session of this edition."), "session")
    if kind not in ContributionKind.values:
        raise ProgrammeEditError(_("Choose a kind of contribution from the list."), "kind")
    if delivery not in Delivery.values:
        raise ProgrammeEditError(_("Choose how the contribution is delivered from the list."), "delivery")
    if not title.strip():
        raise ProgrammeEditError(_("A contribution needs a title."), "title")
    if len(title) > 300:
        raise ProgrammeEditError(_("A title has at most 300 characters."), "title")
    if len(abstract) > 20000:
        raise ProgrammeEditError(_("An abstract has at most 20,000 characters."), "abstract")
    if order is not None and not 0 <= order <= ORDER_MAX:
        raise ProgrammeEditError(_("The order is a number from 0 to %(max)s.") % {"max": ORDER_MAX}, "order")


def create_contribution(
    actor, session: Session, *, kind: str, delivery: str, title: str, abstract: str = "", order: int | None = None
) -> Saved:
    """A new contribution, last in its session unless `order` says otherwise."""
    edition = session.edition
    require_edit_programme(actor, edition)
    title = title.strip()
    _check_contribution(
        edition, session=session, kind=kind, delivery=delivery, title=title, abstract=abstract, order=order
    )
    with transaction.atomic():
        if order is None:
            order = min((session.contributions.aggregate(last=Max("order"))["last"] or 0) + 1, ORDER_MAX)
        contribution = Contribution.objects.create(
            session=session, kind=kind, delivery=delivery, title=title, abstract=abstract, order=order
        )
        _changed(edition, "programme.contribution_created", contribution, actor, title)
    return Saved(contribution, findings_for(session))


def update_contribution(
    actor,
    contribution: Contribution,
    *,
    session: Session,
    kind: str,
    delivery: str,
    title: str,
    abstract: str = "",
    order: int | None = None,
) -> Saved:
    """Change a contribution; a new `session` moves it (with its speakers and files) to another session."""
    edition = contribution.session.edition
    require_edit_programme(actor, edition)
    title = title.strip()
    _check_contribution(
        edition, session=session, kind=kind, delivery=delivery, title=title, abstract=abstract, order=order
    )
    with transaction.atomic():
        moved_from = contribution.session_id if contribution.session_id != session.pk else None
        contribution.session, contribution.kind, contribution.delivery = session, kind, delivery
        contribution.title, contribution.abstract = title, abstract
        if order is not None:
            contribution.order = order
        elif moved_from is not None:
            contribution.order = min((session.contributions.aggregate(last=Max("order"))["last"] or 0) + 1, ORDER_MAX)
        contribution.save()
        _changed(edition, "programme.contribution_changed", contribution, actor, title, moved_from=moved_from)
    return Saved(contribution, findings_for(session))


def move_contribution(actor, contribution: Contribution, *, up: bool) -> None:
    """Swap a contribution with its neighbour in the session's order (numbering them 1, 2, 3... first)."""
    session = contribution.session
    require_edit_programme(actor, session.edition)
    with transaction.atomic():
        siblings = list(session.contributions.select_for_update().order_by("order", "id"))
        index = next(i for i, c in enumerate(siblings) if c.pk == contribution.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                Contribution.objects.filter(pk=sibling.pk).update(order=position)
        _changed(session.edition, "programme.contribution_moved", contribution, actor, contribution.title, up=up)


def delete_contribution(actor, contribution: Contribution) -> None:
    session = contribution.session
    require_edit_programme(actor, session.edition)
    with transaction.atomic():
        audit.record(
            "programme.contribution_deleted",
            contribution,
            actor=actor,
            edition=session.edition,
            summary=contribution.title,
        )
        contribution.delete()
        bump_programme_version(session.edition)


# --- People and organisations: search before creating ------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: "Société" and "SOCIETE" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _key(text: str) -> str:
    """What two names must share to be the same record: letters and digits only ("N.A.S.A." is "nasa")."""
    return re.sub(r"[\W_]+", "", fold(text))


def _matches(words: list[str], *texts: str) -> bool:
    haystack = " ".join(fold(text) for text in texts if text)
    squeezed = _key(haystack)
    return all(word in haystack or _key(word) in squeezed for word in words)


def find_organisations(query: str, limit: int = SEARCH_LIMIT) -> list[Organisation]:
    """Organisations whose name or acronym contains every word of `query`; an exact acronym or name first.

    Folded in Python, because neither SQLite nor PostgreSQL without `unaccent` ignores accents; the table holds
    the organisations of the programme and of applicants, a few thousand rows at most.
    """
    words = fold(query).split()[:10]
    if not words:
        return []
    exact = _key(query)
    ranked = []
    for pk, name, acronym in Organisation.objects.values_list("pk", "name", "acronym"):
        if _matches(words, name, acronym):
            ranked.append((0 if exact in (_key(name), _key(acronym)) else 1, fold(name), pk))
    ids = [pk for _rank, _name, pk in sorted(ranked)[:limit]]
    by_id = Organisation.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids]


def find_people(query: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """People whose name (or organisation's name or acronym) contains every word of `query`."""
    words = fold(query).split()[:10]
    if not words:
        return []
    rows = Person.objects.values_list(
        "pk", "given_name", "family_name", "title", "organisation__name", "organisation__acronym"
    )
    ranked = [
        (fold(family), fold(given), pk)
        for pk, given, family, title, org_name, org_acronym in rows
        if _matches(words, given, family, title, org_name or "", org_acronym or "")
    ]
    ids = [pk for _f, _g, pk in sorted(ranked)[:limit]]
    by_id = Person.objects.select_related("organisation").in_bulk(ids)
    return [by_id[pk] for pk in ids]


def existing_organisation(name: str, acronym: str = "") -> Organisation | None:
    """The organisation a new record with this name or acronym would duplicate, if any."""
    keys = {_key(name), _key(acronym)} - {""}
    if not keys:
        return None
    for organisation in Organisation.objects.only("pk", "name", "acronym"):
        if keys & ({_key(organisation.name), _key(organisation.acronym)} - {""}):
            return organisation
    return None


def create_organisation(
    actor, edition: Edition, *, name: str, acronym: str = "", type: str = OrganisationType.OTHER, country: str = ""
) -> Organisation:
    """A new organisation, refused when one with the same name or acronym exists (no second "NASA")."""
    require_edit_programme(actor, edition)
    name, acronym = name.strip(), acronym.strip()
    if not name:
        raise ProgrammeEditError(_("An organisation needs a name."), "name")
    if len(name) > 255 or len(acronym) > 40:
        raise ProgrammeEditError(_("A name has at most 255 characters and an acronym at most 40."), "name")
    if type not in OrganisationType.values:
        raise ProgrammeEditError(_("Choose a type of organisation from the list."), "type")
    duplicate = existing_organisation(name, acronym)
    if duplicate is not None:
        raise ProgrammeEditError(
            _("%(organisation)s already exists: choose it from the search results instead.")
            % {"organisation": duplicate},
            "name",
        )
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, acronym=acronym, type=type, country=country)
        audit.record("core.organisation_created", organisation, actor=actor, edition=edition, summary=str(organisation))
    return organisation


def namesakes(given_name: str, family_name: str) -> list[Person]:
    key = (_key(given_name), _key(family_name))
    rows = Person.objects.values_list("pk", "given_name", "family_name")
    ids = [pk for pk, given, family in rows if (_key(given), _key(family)) == key]
    return list(Person.objects.filter(pk__in=ids).select_related("organisation"))


def create_person(
    actor,
    edition: Edition,
    *,
    given_name: str,
    family_name: str = "",
    title: str = "",
    organisation: Organisation | None = None,
    position: str = "",
    namesake_confirmed: bool = False,
) -> Person:
    """A new person; one with the same name as an existing person only when the organiser confirms it is not them."""
    require_edit_programme(actor, edition)
    given_name, family_name, title, position = (v.strip() for v in (given_name, family_name, title, position))
    if not given_name:
        raise ProgrammeEditError(_("A person needs a given name."), "given_name")
    if len(given_name) > 150 or len(family_name) > 150 or len(title) > 40 or len(position) > 255:
        raise ProgrammeEditError(_("One of the names is too long."), "given_name")
    if not namesake_confirmed:
        same = namesakes(given_name, family_name)
        if same:
            raise ProgrammeEditError(
                _(
                    "%(name)s already exists: choose them from the search results, or confirm that this is "
                    "someone else with the same name."
                )
                % {"name": same[0].full_name},
                "namesake_confirmed",
            )
    with transaction.atomic():
        person = Person.objects.create(
            given_name=given_name, family_name=family_name, title=title, organisation=organisation, position=position
        )
        audit.record("core.person_created", person, actor=actor, edition=edition, summary=person.full_name)
    return person


def sessions_of(edition: Edition):
    """The edition's sessions for the editor's list, with their rooms and contributions in three queries."""
    return (
        Session.objects.filter(edition=edition)
        .select_related("room__venue")
        .prefetch_related("contributions", "chairs__person", "chairs__organisation")
        .order_by("start", "end", "id")
    )
