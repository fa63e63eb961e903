"""Statistics and the official report's figures, computed by database aggregation.

Every figure comes from a handful of `values(...).annotate(Count(...))` / `aggregate(...)` queries whose number does
not depend on how many people registered: an edition of 100,000 registrations costs the same queries as one of 10,
and no registration row is ever loaded into Python. "Participants" are approved registrations, as in the report.

The attendance records (check-ins at the venue, online joins) belong to the participation app; `attended_counts` is
the one place that reads them.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.countries import collation_key, m49_region, un_name, un_sort_key
from rendezvous.core.i18n import and_list
from rendezvous.core.models import Gender, OrganisationType
from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition, EditionFormat, EditionOrganiser
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.programme.models import ContributionSpeaker, Session, SessionKind
from rendezvous.registration.models import IS_APPROVED, Attendance, Registration, Role

from . import languages, unstyle
from .models import ReportSection, ReportSectionTranslation, ReportText, ReportTextTranslation


class ReportError(Exception):
    """The report cannot be produced; the message says why and can be shown as it is."""


def participants(edition: Edition) -> QuerySet[Registration]:
    """The report's participants: approved registrations of the edition."""
    return Registration.objects.approved().filter(edition=edition).order_by()


# ---------------------------------------------------------------------------------------------------------------------
# Attendance records (participation app)


def attended_counts(edition: Edition) -> tuple[int, int]:
    """(in person, online): participants with at least one check-in at the venue, and with at least one online join.

    One query; EXISTS rather than joins, so a participant who joined online twenty times still counts once and the
    database never multiplies check-ins by joins.
    """
    checked_in = CheckIn.objects.filter(registration=OuterRef("pk"))
    joined = OnlineJoin.objects.filter(registration=OuterRef("pk"))
    counts = participants(edition).aggregate(
        in_person=Count("id", filter=Q(Exists(checked_in))),
        online=Count("id", filter=Q(Exists(joined))),
    )
    return counts["in_person"], counts["online"]


# ---------------------------------------------------------------------------------------------------------------------
# The statistics of an edition


@dataclass(frozen=True)
class CountryCount:
    iso2: str
    name: str
    count: int


@dataclass(frozen=True)
class AgencyCount:
    name: str
    participants: int
    heads: int
    acronym: str = ""
    country: str = ""  # ISO code; empty for an intergovernmental agency (ESA)


@dataclass(frozen=True)
class OrganizationName:
    """An international organization with participants: its display name and what names it in other languages."""

    name: str
    acronym: str


@dataclass(frozen=True)
class DayCount:
    day: date
    received: int
    approved: int


@dataclass
class EditionStatistics:
    """Everything the statistics page, the chart CSVs and the report show; built by `edition_statistics`."""

    edition: Edition
    registered: int = 0
    women: int = 0
    speakers: int = 0
    speakers_women: int = 0
    in_person: int = 0
    online: int = 0
    attended_in_person: int = 0
    attended_online: int = 0
    applications: int = 0
    countries: list[CountryCount] = field(default_factory=list)
    agencies: list[AgencyCount] = field(default_factory=list)
    organisation_types: list[tuple[str, int]] = field(default_factory=list)
    organisation_type_counts: dict[str, int] = field(default_factory=dict)
    international_organizations: list[str] = field(default_factory=list)
    international_organization_names: list[OrganizationName] = field(default_factory=list)
    days: list[DayCount] = field(default_factory=list)

    def countries_in(self, language: str) -> list[CountryCount]:
        """The participants by country with the names in `language` (a UN language; others fall back to English),
        in that language's alphabetical order: for the statistics page's table in the reader's language."""
        countries = [CountryCount(c.iso2, un_name(c.iso2, language), c.count) for c in self.countries]
        return sorted(countries, key=lambda country: collation_key(country.name, language))

    @property
    def online_link_shared(self) -> bool:
        """Every approved participant's page shows the personal join link once the edition has a meeting link."""
        return self.edition.format in (EditionFormat.ONLINE, EditionFormat.HYBRID) and bool(
            self.edition.online_meeting_url
        )

    @property
    def heads_of_agency(self) -> int:
        return sum(1 for agency in self.agencies if agency.heads)

    @property
    def regions(self) -> list[tuple[str, int]]:
        """Participants by M49 region, largest first (countries without a region count as 'Other')."""
        totals: dict[str, int] = {}
        for country in self.countries:
            region = m49_region(country.iso2).region or gettext_noop("Other")
            totals[region] = totals.get(region, 0) + country.count
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    def figures(self) -> dict:
        """The JSON of `report attendance --format json` (keys fixed in docs/architecture.md, plus agency names)."""
        return {
            "edition": self.edition.slug,
            "registered": self.registered,
            "countries": [{"iso2": c.iso2, "name": c.name, "count": c.count} for c in self.countries],
            "women": self.women,
            "women_per_cent": unstyle.per_cent(self.women, self.registered),
            "speakers": self.speakers,
            "speakers_women": self.speakers_women,
            "speakers_women_per_cent": unstyle.per_cent(self.speakers_women, self.speakers),
            "space_agencies": len(self.agencies),
            "space_agency_names": [agency.name for agency in self.agencies],
            "heads_of_agency": self.heads_of_agency,
            "heads_of_agency_names": [agency.name for agency in self.agencies if agency.heads],
            "in_person": self.in_person,
            "online": self.online,
            "attended_in_person": self.attended_in_person,
            "attended_online": self.attended_online,
            "international_organizations": self.international_organizations,
            "organisation_types": self.organisation_type_counts,
            "online_link_shared": self.online_link_shared,
            "online_platform": self.edition.online_platform,
        }


def edition_statistics(edition: Edition) -> EditionStatistics:
    """All the edition's figures in seven aggregate queries, whatever its size."""
    approved = participants(edition)
    female = Q(gender=Gender.FEMALE)
    totals = approved.aggregate(
        registered=Count("id"),
        women=Count("id", filter=female),
        in_person=Count("id", filter=Q(attendance=Attendance.IN_PERSON)),
        online=Count("id", filter=Q(attendance=Attendance.ONLINE)),
    )
    statistics = EditionStatistics(edition=edition, **totals)
    statistics.speakers, statistics.speakers_women = speaker_counts(edition)
    statistics.applications = Registration.objects.filter(edition=edition).count()
    statistics.countries = _countries(approved)
    statistics.agencies = _space_agencies(approved)
    statistics.organisation_type_counts = dict(approved.values_list("organisation_type").annotate(Count("id")))
    statistics.organisation_types = _organisation_types(statistics.organisation_type_counts)
    statistics.international_organization_names = _international_organizations(edition, approved)
    statistics.international_organizations = [o.name for o in statistics.international_organization_names]
    statistics.days = _days(edition)
    statistics.attended_in_person, statistics.attended_online = attended_counts(edition)
    return statistics


def attendance_figures(edition: Edition) -> dict:
    """The figures of the report's Attendance section (the JSON of `report attendance`)."""
    return edition_statistics(edition).figures()


def attendance_text(figures: dict) -> str:
    """The Attendance section in UN style, paragraphs separated by a blank line."""
    return "\n\n".join(unstyle.attendance_paragraphs(figures))


def _in_order(agencies: list[AgencyCount], language: str) -> list[AgencyCount]:
    """National agencies by their country's UN name in `language`, then intergovernmental ones (no country)."""
    national = [agency for agency in agencies if agency.country]
    national.sort(key=lambda agency: collation_key(un_name(agency.country, language), language))
    return national + [agency for agency in agencies if not agency.country]


def attendance_facts(statistics: EditionStatistics, language: str) -> languages.Facts:
    """The section's figures with every name in `language` and in its order: countries by their UN names in the
    language's alphabetical order, national space agencies by their country's name in it and intergovernmental ones
    after them, international organizations by name; organisations named as they give their names in it."""
    figures = statistics.figures()
    agencies = _in_order(statistics.agencies, language)
    organizations = [
        languages.organisations.name_in(language, organization.acronym, organization.name)
        for organization in statistics.international_organization_names
    ]
    return languages.Facts(
        registered=statistics.registered,
        women=statistics.women,
        women_per_cent=figures["women_per_cent"],
        countries=[country.name for country in statistics.countries_in(language)],
        organisation_types=frozenset(figures["organisation_types"]),
        online_link_shared=statistics.online_link_shared,
        speakers=statistics.speakers,
        speakers_women_per_cent=figures["speakers_women_per_cent"],
        space_agencies=len(statistics.agencies),
        agency_names=[languages.organisations.name_in(language, agency.acronym, agency.name) for agency in agencies],
        organizations=sorted(organizations, key=lambda name: collation_key(name, language)),
        heads_of_agency=statistics.heads_of_agency,
        attended_in_person=statistics.attended_in_person,
        attended_online=statistics.attended_online,
        in_person=statistics.in_person,
        online=statistics.online,
        platform=statistics.edition.online_platform,
    )


def attendance_paragraphs(statistics: EditionStatistics, language: str = "en") -> list[str]:
    """The Attendance section in one of the UN's six languages ("ar", "en", "es", "fr", "ru", "zh"), each in the
    editorial style of the UN's documents in that language; English is the reference text of `unstyle`."""
    language = languages.report_language(language)
    if language == "en":
        return unstyle.attendance_paragraphs(statistics.figures())
    return languages.attendance_paragraphs(attendance_facts(statistics, language), language)


def figures_in(statistics: EditionStatistics, language: str) -> dict:
    """The figures of `report attendance --format json` with the names in `language` and in its order (the same
    keys, plus "language"); English is `figures()` unchanged."""
    language = languages.report_language(language)
    figures = statistics.figures()
    if language == "en":
        return figures
    facts = attendance_facts(statistics, language)
    countries = statistics.countries_in(language)
    figures["countries"] = [{"iso2": c.iso2, "name": c.name, "count": c.count} for c in countries]
    figures["space_agency_names"] = list(facts.agency_names)
    named = dict(
        zip((agency.name for agency in _in_order(statistics.agencies, language)), facts.agency_names, strict=True)
    )
    figures["heads_of_agency_names"] = [named[agency.name] for agency in statistics.agencies if agency.heads]
    figures["international_organizations"] = list(facts.organizations)
    figures["language"] = language
    return figures


def attendance_text_in(statistics: EditionStatistics, language: str = "en") -> str:
    """`attendance_paragraphs` as text, paragraphs separated by a blank line."""
    return "\n\n".join(attendance_paragraphs(statistics, language))


def _person_keys(given: str, family: str, email: str) -> tuple[str, str]:
    name = " ".join(f"{given} {family}".split()).casefold()
    return email.strip().lower(), name


def speaker_counts(edition: Edition) -> tuple[int, int]:
    """(speakers, women among them): the distinct people who presented in the programme together with the approved
    registrations whose role is speaker, each person counted once.

    A programme speaker is the same person as a registration when their e-mail addresses match or, without an address,
    their full names do (any case). A programme slot naming only an organisation ("a representative of ESA") is no
    identifiable person and is not counted: the speaker registrations stand for those people. A person's gender is
    the registration's where there is one (people declare it when they register), else the programme's.
    """
    registered = (
        participants(edition).filter(role=Role.SPEAKER).values_list("given_name", "family_name", "email", "gender")
    )
    people: list[tuple[str, str, str]] = []  # (email, name, gender)
    emails: dict[str, int] = {}
    names: dict[str, int] = {}
    for given, family, email, gender in registered.iterator(chunk_size=2000):
        email, name = _person_keys(given, family, email)
        emails.setdefault(email, len(people))
        names.setdefault(name, len(people))
        people.append((email, name, gender))
    presenters = (
        ContributionSpeaker.objects.filter(contribution__session__edition=edition, person__isnull=False)
        .values_list("person__given_name", "person__family_name", "person__email", "person__gender")
        .distinct()
    )
    for given, family, email, gender in presenters:
        email, name = _person_keys(given, family, email)
        if (email and email in emails) or name in names:
            continue
        if email:
            emails[email] = len(people)
        names[name] = len(people)
        people.append((email, name, gender))
    return len(people), sum(1 for *_, gender in people if gender == Gender.FEMALE)


def _display_name(name: str, acronym: str) -> str:
    """'Secure World Foundation (SWF)'; the acronym is left out when the name has it or already ends in brackets."""
    if not acronym or acronym in name or name.endswith(")"):
        return name
    return f"{name} ({acronym})"


def _international_organizations(edition: Edition, approved: QuerySet[Registration]) -> list[OrganizationName]:
    """Intergovernmental and non-governmental organizations with participants, by name; the edition's own
    organisers are not "also participating"."""
    organisers = EditionOrganiser.objects.filter(edition=edition).values("organisation_id")
    rows = (
        approved.filter(
            organisation__type__in=(OrganisationType.INTERGOVERNMENTAL, OrganisationType.NGO),
        )
        .exclude(organisation_id__in=organisers)
        .values_list("organisation__name", "organisation__acronym")
        .distinct()
    )
    names = [OrganizationName(_display_name(name, acronym), acronym) for name, acronym in rows]
    return sorted(names, key=lambda organization: un_sort_key(organization.name))


def _countries(approved: QuerySet[Registration]) -> list[CountryCount]:
    rows = approved.values("country").annotate(count=Count("id"))
    countries = [CountryCount(row["country"], un_name(row["country"]), row["count"]) for row in rows]
    return sorted(countries, key=lambda country: un_sort_key(country.name))


def _space_agencies(approved: QuerySet[Registration]) -> list[AgencyCount]:
    """Space agencies (organisations of type space_agency) with participants, in the report's order: national
    agencies by the UN name of their country, then intergovernmental ones (an agency without a country, e.g. ESA)."""
    rows = (
        approved.filter(organisation__type=OrganisationType.SPACE_AGENCY)
        .values("organisation_id", "organisation__name", "organisation__acronym", "organisation__country")
        .annotate(count=Count("id"), heads=Count("id", filter=Q(head_of_agency=True)))
    )

    def order(row):
        country = row["organisation__country"]
        return (not country, un_sort_key(un_name(country)) if country else "", un_sort_key(row["organisation__name"]))

    return [
        AgencyCount(
            _display_name(row["organisation__name"], row["organisation__acronym"]),
            row["count"],
            row["heads"],
            acronym=row["organisation__acronym"],
            country=row["organisation__country"] or "",
        )
        for row in sorted(rows, key=order)
    ]


def _organisation_types(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(
        ((str(OrganisationType(kind).label), n) for kind, n in counts.items() if kind in OrganisationType.values),
        key=lambda item: (-item[1], item[0]),
    )


def _days(edition: Edition) -> list[DayCount]:
    """Applications received per day (in the edition's time zone) and how many of them are approved."""
    rows = (
        Registration.objects.filter(edition=edition)
        .order_by()
        .annotate(day=TruncDate("created_at", tzinfo=edition.zone))
        .values("day")
        .annotate(received=Count("id"), approved=Count("id", filter=IS_APPROVED))
        .order_by("day")
    )
    return [DayCount(row["day"], row["received"], row["approved"]) for row in rows]


# ---------------------------------------------------------------------------------------------------------------------
# Chart data as tables (each chart's CSV download)

CHARTS = {
    "registrations": gettext_lazy("Registrations over time"),
    "countries": gettext_lazy("Participants by country"),
    "regions": gettext_lazy("Participants by region"),
    "women": gettext_lazy("Women among participants and speakers"),
    "organisation-types": gettext_lazy("Participants by type of organization"),
    "attendance": gettext_lazy("Registered and attended, in person and online"),
    "space-agencies": gettext_lazy("Space agencies represented"),
}


def chart_table(statistics: EditionStatistics, chart: str) -> tuple[list[str], list[list]]:
    """(header, rows) of one chart's numbers; raises ReportError for an unknown chart."""
    if chart == "registrations":
        rows, received, approved = [], 0, 0
        for day in statistics.days:
            received += day.received
            approved += day.approved
            rows.append([day.day.isoformat(), day.received, received, approved])
        return ["date", "applications_received", "applications_to_date", "approved_to_date"], rows
    if chart == "countries":
        return ["iso2", "country", "participants"], [[c.iso2, c.name, c.count] for c in statistics.countries]
    if chart == "regions":
        return ["region", "participants"], [list(item) for item in statistics.regions]
    if chart == "women":
        return ["group", "women", "total", "women_per_cent"], [
            [
                "Participants",
                statistics.women,
                statistics.registered,
                unstyle.per_cent(statistics.women, statistics.registered),
            ],
            [
                "Speakers",
                statistics.speakers_women,
                statistics.speakers,
                unstyle.per_cent(statistics.speakers_women, statistics.speakers),
            ],
        ]
    if chart == "organisation-types":
        return ["organisation_type", "participants"], [list(item) for item in statistics.organisation_types]
    if chart == "space-agencies":
        return ["space_agency", "participants", "at_head_level"], [
            [a.name, a.participants, "yes" if a.heads else "no"] for a in statistics.agencies
        ]
    if chart == "attendance":
        return ["mode", "registered", "attended"], [
            ["In person", statistics.in_person, statistics.attended_in_person],
            ["Online", statistics.online, statistics.attended_online],
        ]
    raise ReportError(
        gettext("There is no chart called %(chart)s; charts: %(join)s.")
        % {"chart": repr(chart), "join": ", ".join(CHARTS)}
    )


# ---------------------------------------------------------------------------------------------------------------------
# Participants export (organisers only; the views check)

EXPORT_COLUMNS = (
    "given_name",
    "family_name",
    "email",
    "gender",
    "country",
    "country_name",
    "organization",
    "organization_type",
    "position",
    "role",
    "attendance",
    "status",
    "head_of_agency",
    "registered_at",
)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text typed by applicants, defused for spreadsheets: a leading =, +, -, @ would otherwise run as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def export_rows(registrations: QuerySet[Registration], *, chunk_size: int = 2000) -> Iterator[list]:
    """The header, then one row per registration, read from the database in chunks (memory stays flat)."""
    yield list(EXPORT_COLUMNS)
    rows = registrations.values_list(
        "given_name",
        "family_name",
        "email",
        "gender",
        "country",
        "organisation__name",
        "organisation_type",
        "position",
        "role",
        "attendance",
        "status",
        "head_of_agency",
        "created_at",
    )
    for (
        given,
        family,
        email,
        gender,
        country,
        organisation,
        kind,
        position,
        role,
        mode,
        status,
        head,
        at,
    ) in rows.iterator(chunk_size=chunk_size):
        yield [
            _cell(given),
            _cell(family),
            _cell(email),
            gender,
            country,
            un_name(country) if country else "",
            _cell(organisation or ""),
            kind,
            _cell(position),
            role,
            mode,
            status,
            "yes" if head else "no",
            at.isoformat(timespec="seconds"),
        ]


# The workbook's columns: (header, width in characters). Headers are the CSV's names where a column is the same
# (scripts find them by name), values are labels for people with their codes beside them in a `_code` column, and
# dates and numbers are typed, so a spreadsheet sorts and sums them as they are.
XLSX_COLUMNS = (
    ("given_name", 18),
    ("family_name", 18),
    ("email", 30),
    ("gender", 12),
    ("country_name", 24),
    ("country", 9),
    ("organization", 34),
    ("organization_type", 22),
    ("organization_type_code", 14),
    ("position", 26),
    ("role", 12),
    ("role_code", 10),
    ("attendance", 12),
    ("attendance_code", 12),
    ("status", 16),
    ("status_code", 12),
    ("head_of_agency", 9),
    ("registered_at", 19),
    ("badge_code", 14),
    ("days_checked_in", 9),
    ("first_check_in", 12),
    ("online_joins", 9),
)


def workbook_rows(registrations: QuerySet[Registration], zone, *, chunk_size: int = 2000) -> Iterator[list]:
    """One typed row per registration for the participants' workbook (the header is XLSX_COLUMNS): times in the
    edition's zone (spreadsheets have no zones), booleans and counts as such, the check-in and online-join figures."""
    # Labels as plain text in the reader's language: a spreadsheet cell cannot hold a lazy translation.
    labels = {
        name: {code: str(label) for code, label in choices}
        for name, choices in {
            "gender": Gender.choices,
            "organisation_type": OrganisationType.choices,
            "role": Role.choices,
            "attendance": Attendance.choices,
            "status": Registration._meta.get_field("status").choices,
        }.items()
    }
    rows = registrations.annotate(
        days_checked_in=Count("check_ins__day", distinct=True),
        first_check_in=Min("check_ins__day"),
        online_join_count=Count("online_joins", distinct=True),
    ).values_list(
        "given_name",
        "family_name",
        "email",
        "gender",
        "country",
        "organisation__name",
        "organisation_type",
        "position",
        "role",
        "attendance",
        "status",
        "head_of_agency",
        "created_at",
        "participant_pass__badge_code",
        "days_checked_in",
        "first_check_in",
        "online_join_count",
    )
    for row in rows.iterator(chunk_size=chunk_size):
        given, family, email, gender, country, organisation, kind, position, role, mode, status, head, at = row[:13]
        badge, days, first_day, joins = row[13:]
        yield [
            _cell(given),
            _cell(family),
            _cell(email),
            labels["gender"].get(gender, gender),
            un_name(country) if country else "",
            country,
            _cell(organisation or ""),
            labels["organisation_type"].get(kind, kind),
            kind,
            _cell(position),
            labels["role"].get(role, role),
            role,
            labels["attendance"].get(mode, mode),
            mode,
            labels["status"].get(status, status),
            status,
            bool(head),
            timezone.localtime(at, zone).replace(tzinfo=None),
            badge or "",
            days,
            first_day,
            joins,
        ]


# ---------------------------------------------------------------------------------------------------------------------
# The programme, for the full report


@dataclass(frozen=True)
class SessionSummary:
    title: str
    kind: str
    contributions: int
    organisations: list[str]

    def sentence(self) -> str:
        """'Three presentations were made in the session, by A, B and C.' (UN style numbers and lists)."""
        if not self.contributions:
            return "No presentations are recorded for this session."
        noun = "presentation was" if self.contributions == 1 else "presentations were"
        count = (
            unstyle.sentence_start_number(self.contributions)
            if self.contributions < 100
            else f"A total of {self.contributions:,}"
        )
        opening = f"{count} {noun} made in the session"
        if not self.organisations:
            return f"{opening}."
        return f"{opening}, by representatives of {unstyle.join_and(self.organisations)}."


def programme_summary(edition: Edition) -> list[SessionSummary]:
    """Each session with contributions (breaks left out), in programme order, with the organisations presenting in it
    (a speaker's affiliation at the time, else the person's organisation), each named once in order of appearance."""
    sessions = (
        Session.objects.filter(edition=edition)
        .exclude(kind=SessionKind.BREAK)
        .prefetch_related("contributions__speakers__organisation", "contributions__speakers__person__organisation")
        .order_by("start", "end", "id")
    )
    summaries = []
    for session in sessions:
        names: list[str] = []
        contributions = list(session.contributions.all())
        for contribution in contributions:
            for speaker in contribution.speakers.all():
                organisation = speaker.organisation or (speaker.person.organisation if speaker.person else None)
                if organisation is not None and organisation.short_name not in names:
                    names.append(organisation.short_name)
        summaries.append(SessionSummary(session.display_title, session.get_kind_display(), len(contributions), names))
    return summaries


# ---------------------------------------------------------------------------------------------------------------------
# Chapter IV of the report: the secretariat's sections, each opened by a sentence generated from the programme


@dataclass(frozen=True)
class ProgrammeSection:
    heading: str
    lead: str
    summary: str


# How a lead sentence names the kinds of organisation its speakers came from, in this order (each key is the one the
# language modules give their own phrase for: languages.common.SPEAKERS_FROM).
_SPEAKERS_FROM = (
    ("space_agencies", (OrganisationType.SPACE_AGENCY,), gettext_noop("space agencies")),
    ("government", (OrganisationType.GOVERNMENT,), gettext_noop("government institutions")),
    ("academia", (OrganisationType.ACADEMIA,), gettext_noop("academia")),
    ("industry", (OrganisationType.INDUSTRY,), gettext_noop("industry")),
    (
        "international",
        (OrganisationType.INTERGOVERNMENTAL, OrganisationType.NGO),
        gettext_noop("international organizations"),
    ),
    ("media", (OrganisationType.MEDIA,), gettext_noop("the media")),
    ("other", (OrganisationType.OTHER,), gettext_noop("other organizations")),
)


def _where(sessions: list[Session]) -> str:
    codes = list(dict.fromkeys(session.code for session in sessions if session.code))
    if codes and len(codes) == len({session.code for session in sessions}):
        if len(codes) == 1:
            return _("in session %(code)s") % {"code": codes[0]}
        # As the report's language lists them ("1(a)、1(b)和2" in Chinese).
        return _("in sessions %(codes)s") % {"codes": and_list(codes)}
    if len(sessions) == 1:
        title = sessions[0].title
        return _("during the %(title)s") % {"title": f"{title[:1].lower()}{title[1:]}"}
    return _("during these events")


def lead_sentence(sessions: list[Session], speakers: list[ContributionSpeaker], language: str = "en") -> str:
    """'Eleven speakers representing nine space agencies – CNSA, CNES, ... – made presentations in session 1(a).'

    Speakers are the people on the sessions' contributions, each named person once; a slot naming only an
    organisation ("a representative of ESA") is one speaker. When every speaker came from a space agency the agencies
    are named (acronyms, in order of appearance); otherwise the kinds of organisation are ("from academia, industry and
    international organizations"). Empty when nobody presented. In a report language other than English, the
    language's module writes the sentence (numbers, agreement and the agencies' names as that language's documents
    give them), with the place as the catalogue words it.
    """
    people: set = set()
    organisations: dict[int, object] = {}
    for speaker in speakers:
        people.add(("person", speaker.person_id) if speaker.person_id else ("slot", speaker.pk))
        organisation = speaker.organisation or (speaker.person.organisation if speaker.person else None)
        if organisation is not None:
            organisations.setdefault(organisation.pk, organisation)
    if not people:
        return ""
    count = len(people)
    kinds = {organisation.type for organisation in organisations.values()}
    if language != "en":
        with translation.override(languages.django_language(language)):
            where = _where(sessions)
        only_agencies = bool(organisations) and kinds == {OrganisationType.SPACE_AGENCY}
        lead = languages.Lead(
            speakers=count,
            agencies=[
                languages.organisations.short_name_in(language, o.acronym, o.name) for o in organisations.values()
            ]
            if only_agencies
            else [],
            groups=[] if only_agencies else [key for key, types, _label in _SPEAKERS_FROM if kinds.intersection(types)],
            where=where,
        )
        return languages.lead_sentence(lead, language)
    values = {
        "count": unstyle.sentence_start_number(count) if count < 100 else _("A total of %(n)s") % {"n": f"{count:,}"},
        "where": _where(sessions),
    }
    if organisations and kinds == {OrganisationType.SPACE_AGENCY}:
        names = [unstyle.organisation_in_text(o.name, o.acronym) for o in organisations.values()]
        values["agencies"] = ngettext("%(n)s space agency", "%(n)s space agencies", len(names)) % {
            "n": unstyle.number_words(len(names))
        }
        values["names"] = unstyle.join_and(names)
        return (
            ngettext(
                "%(count)s speaker representing %(agencies)s – %(names)s – made a presentation %(where)s.",
                "%(count)s speakers representing %(agencies)s – %(names)s – made presentations %(where)s.",
                count,
            )
            % values
        )
    groups = [_(label) for _key, types, label in _SPEAKERS_FROM if kinds.intersection(types)]
    if not groups:
        return (
            ngettext(
                "%(count)s speaker made a presentation %(where)s.",
                "%(count)s speakers made presentations %(where)s.",
                count,
            )
            % values
        )
    values["groups"] = unstyle.join_and(groups)
    return (
        ngettext(
            "%(count)s speaker from %(groups)s made a presentation %(where)s.",
            "%(count)s speakers from %(groups)s made presentations %(where)s.",
            count,
        )
        % values
    )


def programme_sections(edition: Edition, language: str = "en") -> list[ProgrammeSection]:
    """Chapter IV's subsections: the secretariat's sections in their order (sessions reported together share one),
    then each session no section covers, in programme order; breaks are left out. A section's heading and summary are
    those entered for `language` where there are, else the working language's."""
    sessions = list(
        Session.objects.filter(edition=edition).exclude(kind=SessionKind.BREAK).order_by("start", "end", "id")
    )
    speakers: dict[int, list[ContributionSpeaker]] = {}
    rows = (
        ContributionSpeaker.objects.filter(contribution__session__in=sessions)
        .select_related("organisation", "person__organisation")
        .order_by("contribution__session__start", "contribution__session_id", "contribution__order", "order", "id")
    )
    for speaker in rows:
        speakers.setdefault(speaker.contribution.session_id, []).append(speaker)

    def lead(group: list[Session]) -> str:
        return lead_sentence(
            group, [speaker for session in group for speaker in speakers.get(session.id, [])], language
        )

    translated = {
        entry.section_id: entry
        for entry in ReportSectionTranslation.objects.filter(section__edition=edition, language=language)
    }
    sections, covered = [], set()
    for section in ReportSection.objects.filter(edition=edition).prefetch_related("sessions"):
        ids = {session.id for session in section.sessions.all()}
        group = [session for session in sessions if session.id in ids]
        covered |= ids
        other = translated.get(section.id)
        heading = (other.heading.strip() if other else "") or section.heading
        summary = (other.summary if other and other.summary.strip() else "") or section.summary
        sections.append(ProgrammeSection(heading, lead(group) if section.lead_sentence else "", summary))
    for session in sessions:
        if session.id not in covered:
            with translation.override(languages.django_language(language)):
                heading = session.shown_title  # "Séance 2. …" in the French version
            sections.append(ProgrammeSection(heading, lead([session]), ""))
    return sections


def report_text(edition: Edition) -> ReportText:
    """The edition's report texts; an unsaved empty one until the organisers write them."""
    return ReportText.objects.filter(edition=edition).first() or ReportText(edition=edition)


TRANSLATED_FIELDS = ("introduction", "background", "programme_introduction", "conclusions")


def report_texts_in(edition: Edition, language: str) -> ReportText:
    """The report's texts for a version in `language`: each chapter as entered for that language, else as written in
    the working language (an unsaved copy; the date of issue and the annex choice are the report's)."""
    text = report_text(edition)
    if language == "en":
        return text
    other = ReportTextTranslation.objects.filter(edition=edition, language=language).first()
    if other is None:
        return text
    merged = ReportText(
        edition=edition, issued_on=text.issued_on, include_statistics_annex=text.include_statistics_annex
    )
    for name in TRANSLATED_FIELDS:
        setattr(merged, name, getattr(other, name) if getattr(other, name).strip() else getattr(text, name))
    return merged


def report_translation(edition: Edition, language: str) -> ReportTextTranslation:
    return ReportTextTranslation.objects.filter(edition=edition, language=language).first() or ReportTextTranslation(
        edition=edition, language=language
    )


def save_report_translation(actor, edition: Edition, language: str, text_form, section_forms) -> None:
    """Save the secretariat's texts in `language` (forms already valid): chapters and each section's heading and
    summary; a section left empty in this language is not stored, so it keeps following the working language."""
    require_organiser(actor, edition)
    with transaction.atomic():
        text = text_form.save(commit=False)
        text.edition, text.language = edition, language
        text.save()
        for section, form in section_forms:
            heading, summary = form.cleaned_data["heading"].strip(), form.cleaned_data["summary"]
            if heading or summary.strip():
                ReportSectionTranslation.objects.update_or_create(
                    section=section, language=language, defaults={"heading": heading, "summary": summary}
                )
            else:
                ReportSectionTranslation.objects.filter(section=section, language=language).delete()
        audit.record(
            "report.translation_saved",
            text,
            actor=actor,
            edition=edition,
            summary=f"Report texts saved in {language}",
        )


def save_report_texts(actor, edition: Edition, text_form, section_formset) -> ReportText:
    """Save the organisers' report texts and chapter IV's sections (both forms already valid); audited."""
    require_organiser(actor, edition)
    with transaction.atomic():
        text = text_form.save(commit=False)
        text.edition = edition
        text.save()
        section_formset.instance = edition
        section_formset.save()
        audit.record(
            "report.texts_saved", text, actor=actor, edition=edition, summary="Report texts and sections saved"
        )
    return text
