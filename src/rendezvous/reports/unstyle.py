"""UN editorial style for generated report text: numbers, lists, percentages and the Attendance section.

The reference is A/AC.105/1294, section III (paragraphs 9–11), and the UN Editorial Manual's rules it follows:
numbers under 10 in words and from 10 in figures, percentages in figures with "per cent" in two words, lists joined
with commas and a final "and" (no serial comma), countries by their UN short names in UN alphabetical order.
This module imports nothing from Django, so a command, a view or a DOCX writer can use it alike.
"""

from collections.abc import Iterable, Mapping, Sequence

from rendezvous.core.countries import un_sort_key

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_words(n: int) -> str:
    """'nine' under 10, figures from 10 ('12', '1,250' with the UN's comma for thousands)."""
    if 0 <= n < 10:
        return _WORDS[n]
    return f"{n:,}"


def join_and(items: Iterable[str]) -> str:
    """'A, B and C' — UN style has no comma before the final 'and'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def per_cent(part: int, whole: int) -> int:
    """Whole percentage, truncated toward zero; 0 when there is no whole.

    Truncation, not rounding, because that is what the reference report does: it counts 68 speakers "of whom 33 per
    cent were women", and no whole number of women out of 68 rounds to 33 (22/68 = 32.4, 23/68 = 33.8), while
    23/68 truncates to 33. 226 women of 520 participants (43.5) gives the report's 43 either way.
    """
    if part < 0 or whole < 0:
        raise ValueError(f"A percentage needs counts of zero or more, not {part} of {whole}.")
    if whole == 0:
        return 0
    return part * 100 // whole


def _count(n: int, singular: str, plural: str) -> str:
    return f"{number_words(n)} {singular if n == 1 else plural}"


def _registration_paragraph(figures: Mapping) -> str:
    registered = figures["registered"]
    if registered == 0:
        return "No participants registered for the event."
    countries = sorted((country["name"] for country in figures["countries"]), key=un_sort_key)
    sentences = [
        f"A total of {_count(registered, 'participant', 'participants')} from "
        f"{_count(len(countries), 'country', 'countries')} registered for the event."
    ]
    if len(countries) == 1:
        sentences.append(f"The following country was represented: {countries[0]}.")
    elif countries:
        sentences.append(f"The following countries were represented: {join_and(countries)}.")
    women = figures["women"]
    women_per_cent = figures.get("women_per_cent", per_cent(women, registered))
    if women == 0:
        sentences.append("None of the registered participants were women.")
    else:
        verb = "was a woman" if women == 1 else "were women"
        sentences.append(
            f"Among the registered participants, {number_words(women)} {verb}, accounting for {women_per_cent} "
            "per cent of the total number of participants."
        )
    return " ".join(sentences)


def _speakers_and_organizations_paragraph(figures: Mapping) -> str:
    sentences = []
    speakers = figures["speakers"]
    if speakers == 1:
        sentences.append("One speaker presented their activities.")
    elif speakers > 1:
        speakers_per_cent = figures.get("speakers_women_per_cent", per_cent(figures["speakers_women"], speakers))
        sentences.append(
            f"Of the {number_words(speakers)} speakers who presented their activities, {speakers_per_cent} per cent "
            "were women."
        )
    agencies = figures["space_agencies"]
    agency_names: Sequence[str] = figures.get("space_agency_names") or []
    if agencies:
        representatives = (
            f"Representatives of {_count(agencies, 'space agency', 'space agencies')} attended the workshop"
        )
        sentences.append(f"{representatives}: {join_and(agency_names)}." if agency_names else f"{representatives}.")
    organizations: Sequence[str] = figures.get("international_organization_names") or []
    if len(organizations) == 1:
        sentences.append(f"The following international organization also participated: {organizations[0]}.")
    elif organizations:
        sentences.append(f"The following international organizations also participated: {join_and(organizations)}.")
    heads = figures["heads_of_agency"]
    if heads:
        verb = "was" if heads == 1 else "were"
        sentences.append(
            f"Furthermore, {_count(heads, 'space agency', 'space agencies')} {verb} represented at the head of agency "
            "or director level."
        )
    return " ".join(sentences)


def _people(n: int) -> str:
    return _count(n, "person", "people")


def _attendance_paragraph(figures: Mapping) -> str:
    in_person, online = figures["attended_in_person"], figures["attended_online"]
    if in_person and online:
        return (
            f"A total of {_people(in_person)} attended the workshop in person, while another "
            f"{number_words(online)} participated online."
        )
    if in_person:
        return f"A total of {_people(in_person)} attended the workshop in person."
    if online:
        return f"A total of {_people(online)} participated in the workshop online."
    # No check-in or join recorded (yet): say how participants registered to attend rather than report zeros.
    registered_in_person, registered_online = figures["in_person"], figures["online"]
    if not registered_in_person and not registered_online:
        return ""
    return (
        f"Of the registered participants, {number_words(registered_in_person)} registered to attend in person and "
        f"{number_words(registered_online)} to participate online."
    )


def attendance_paragraphs(figures: Mapping) -> list[str]:
    """The report's section III (Attendance) as paragraphs, from the figures of ``report attendance --format json``.

    Optional keys ``space_agency_names`` and ``international_organization_names`` (lists of display names, in the
    order to print) name the agencies and organizations; without them the text gives the counts only.
    """
    paragraphs = [
        _registration_paragraph(figures),
        _speakers_and_organizations_paragraph(figures),
        _attendance_paragraph(figures),
    ]
    return [paragraph for paragraph in paragraphs if paragraph]
