"""What every language's Attendance section is built from, and the rules the six languages share.

The figures are the same in every language (`Facts`, made by `reports.services.attendance_facts`); each language
module turns them into sentences in the editorial style of the UN's documents in that language. Which sentences a
section has, and when a count is rounded ("More than 200 people"), is decided here once, so that the six texts
always say the same thing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from babel import Locale

from ..unstyle import round_down

NBSP = "\u00a0"

# The kinds of organisation a composition sentence names, in the report's order; each language gives a phrase for
# each key ("organizations" is built from the intergovernmental and non-governmental kinds present).
COMPOSITION_ORDER = ("institutions", "organizations", "academia", "media", "industry")
_KINDS = {
    "institutions": {"space_agency", "government"},
    "academia": {"academia"},
    "media": {"media"},
    "industry": {"industry"},
}


@dataclass(frozen=True)
class Facts:
    """The figures of the Attendance section with every name already in the section's language and order."""

    registered: int
    women: int
    women_per_cent: int
    countries: Sequence[str]
    organisation_types: frozenset[str]
    online_link_shared: bool
    speakers: int
    speakers_women_per_cent: int
    space_agencies: int
    agency_names: Sequence[str]
    organizations: Sequence[str]
    heads_of_agency: int
    attended_in_person: int
    attended_online: int
    in_person: int
    online: int
    platform: str


@dataclass(frozen=True)
class Lead:
    """What the sentence opening a section of the Programme chapter says, in the section's language: how many people
    presented; the space agencies they represented, named, when every one came from an agency (else empty); otherwise
    the kinds of organisation they came from (`SPEAKERS_FROM`'s keys, in its order); and where, as the catalogue words
    it ("lors de la séance 1(a)")."""

    speakers: int
    agencies: Sequence[str]
    groups: Sequence[str]
    where: str


# The kinds of organisation a lead sentence says its speakers came from, in this order (services maps the types).
SPEAKERS_FROM = ("space_agencies", "government", "academia", "industry", "international", "media", "other")


class Shown(NamedTuple):
    """A count of people as the section gives it: rounded down to a multiple of 50 from 100 ("More than 200")."""

    figure: int
    rounded: bool


def shown(n: int) -> Shown:
    figure = round_down(n)
    return Shown(figure, figure != n)


def plural_category(n: int, language: str) -> str:
    """CLDR's plural category of n in the language ('one', 'few', 'many', ...): Russian and Arabic nouns take their
    form after a number from it."""
    return Locale.parse(language).plural_form(n)


def grouped(n: int, separator: str) -> str:
    """Figures with thousands grouped by `separator` ("1 250" with a non-breaking space)."""
    return f"{n:,}".replace(",", separator)


def composition_kinds(organisation_types) -> tuple[list[str], list[str]]:
    """(phrase keys present, in order; the kinds of international organization present: 'intergovernmental', 'ngo')."""
    present = set(organisation_types)
    keys = []
    international = [kind for kind in ("intergovernmental", "ngo") if kind in present]
    for key in COMPOSITION_ORDER:
        if key == "organizations":
            if international:
                keys.append(key)
        elif present & _KINDS[key]:
            keys.append(key)
    return keys, international


def composition_phrases(organisation_types, phrases: dict[str, str], organizations: dict[tuple, str]) -> list[str]:
    """A language's phrase for each kind of organisation present, in the report's order (`organizations` is keyed
    by the international kinds present)."""
    keys, international = composition_kinds(organisation_types)
    return [organizations[tuple(international)] if key == "organizations" else phrases[key] for key in keys]


def listed_phrases(phrases: list[str], join: Callable[[Sequence[str]], str], conjunction: str) -> str:
    """As in English: commas alone when the last phrase already carries its own conjunction."""
    if len(phrases) > 1 and f" {conjunction} " in phrases[-1]:
        return ", ".join(phrases)
    return join(phrases)


@dataclass(frozen=True)
class AttendanceSayings:
    """A language's sentences for the last paragraph (who came), each taking figures already decided."""

    # (in person as shown, online as shown, platform) -> sentence, for the four cases with attendance records
    both: Callable[[Shown, Shown, str], str]
    in_person_only: Callable[[Shown, int], str]  # (in person, registered online)
    online_only: Callable[[Shown, str, int], str]  # (online, platform, registered in person)
    registered_only: Callable[[int, int], str]  # (registered in person, registered online)


def attendance_sentence(facts: Facts, say: AttendanceSayings) -> str:
    """The last paragraph, from check-ins and online joins; a mode with none recorded falls back to registrations
    (the English rules of `unstyle._attendance_paragraph`, shared by every language)."""
    in_person, online = facts.attended_in_person, facts.attended_online
    if in_person and online:
        return say.both(shown(in_person), shown(online), facts.platform)
    if in_person:
        return say.in_person_only(shown(in_person), facts.online)
    if online:
        return say.online_only(shown(online), facts.platform, facts.in_person)
    if not facts.in_person and not facts.online:
        return ""
    return say.registered_only(facts.in_person, facts.online)
