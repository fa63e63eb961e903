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


_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def sentence_start_number(n: int) -> str:
    """A number that opens a sentence, spelt out and capitalised ("Ten", "Eleven", "Sixty-eight"): UN style never
    starts a sentence with figures. From 100 on the caller must rephrase ("A total of 520 ...")."""
    if not 0 <= n < 100:
        raise ValueError(f"Rephrase the sentence: {n} cannot open it in words.")
    if n < 10:
        words = _WORDS[n]
    elif n < 20:
        words = _TEENS[n - 10]
    else:
        words = _TENS[n // 10] + (f"-{_WORDS[n % 10]}" if n % 10 else "")
    return words[0].upper() + words[1:]


# The report names the Office in full, never by the acronym its records may carry.
_NAMED_IN_FULL = {"UNOOSA": "the Office for Outer Space Affairs"}


def organisation_in_text(name: str, acronym: str) -> str:
    """How running text names an organisation: its acronym where it has one (the report defines them in chapter I),
    except the Office for Outer Space Affairs, which the report always names in full."""
    if acronym in _NAMED_IN_FULL or name == "Office for Outer Space Affairs":
        return _NAMED_IN_FULL.get(acronym, "the Office for Outer Space Affairs")
    return acronym or name


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
    composition = composition_sentence(figures.get("organisation_types") or ())
    sentences = [composition] if composition else []
    sentences += [
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
    if figures.get("online_link_shared"):
        sentences.append("The online participation link was shared with all participants.")
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
    organizations: Sequence[str] = (
        figures.get("international_organizations") or figures.get("international_organization_names") or []
    )
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


# The composition sentence: who attended (fixed, as in every report of the series) and what they represented, one
# phrase per kind of organisation present, in the report's order.
ATTENDEES = "scientists, engineers, educators, students, policymakers, decision-makers and experts"
_REPRESENTED = (
    (("space_agency", "government"), "international, regional, national and local institutions"),
    (("intergovernmental", "ngo"), None),  # built below: one or both kinds
    (("academia",), "research and development institutions"),
    (("media",), "media"),
    (("industry",), "industry and other private-sector entities"),
)


def composition_sentence(organisation_types: Iterable[str]) -> str:
    """'The Workshop was attended by scientists, ... representing ...' from the kinds of organisation present.

    The phrases are joined by commas alone when the last one carries its own "and" ("industry and other private-sector
    entities"), as the report does; otherwise by commas and a final "and".
    """
    present = set(organisation_types)
    if not present:
        return ""
    phrases = []
    for kinds, phrase in _REPRESENTED:
        if phrase is None:
            organizations = [
                label
                for kind, label in (("intergovernmental", "intergovernmental"), ("ngo", "non-governmental"))
                if kind in present
            ]
            if organizations:
                phrases.append(f"{join_and(organizations)} organizations")
        elif present.intersection(kinds):
            phrases.append(phrase)
    if not phrases:
        return f"The Workshop was attended by {ATTENDEES}."
    listed = ", ".join(phrases) if " and " in phrases[-1] and len(phrases) > 1 else join_and(phrases)
    return f"The Workshop was attended by {ATTENDEES} representing {listed}."


def round_down(n: int) -> int:
    """The figure the report gives for a count of people: from 100, rounded down to a multiple of 50 ("More than 200"
    for 236 or 249, "A total of 150" for exactly 150); exact below 100, where rounding would hide much of the count."""
    return n // 50 * 50 if n >= 100 else n


def _attended(n: int) -> tuple[str, bool]:
    """(figure, rounded?): '200', True for 243; '87', False for 87."""
    shown = round_down(n)
    return number_words(shown), shown != n


def _in_person_clause(n: int) -> str:
    figure, rounded = _attended(n)
    if rounded:  # "More than 200 people attended the Workshop in person"
        return f"More than {figure} people attended the Workshop in person"
    return f"A total of {_people(n)} attended the Workshop in person"


def _attendance_paragraph(figures: Mapping) -> str:
    """Who came, from the check-ins and online joins; a mode with none recorded falls back to its registrations.

    Counts of 100 or more are rounded down to a multiple of 50 and, when that changed them, introduced by "More than"
    (the report's "More than 200 people attended the Workshop in person, while another 200 participated online via
    Zoom"); the online figure after a rounded in-person one is "another N" under the same "More than".
    """
    in_person, online = figures["attended_in_person"], figures["attended_online"]
    platform = figures.get("online_platform") or ""
    via = f" via {platform}" if platform else ""
    registered_in_person, registered_online = figures["in_person"], figures["online"]
    if in_person and online:
        first = _in_person_clause(in_person)
        figure, rounded = _attended(online)
        if rounded and not first.startswith("More than"):
            return f"{first}, while more than {figure} people participated online{via}."
        return f"{first}, while another {figure} participated online{via}."
    if in_person:
        if registered_online:
            registered = number_words(registered_online)
            return f"{_in_person_clause(in_person)}, while {registered} registered to participate online."
        return f"{_in_person_clause(in_person)}."
    if online:
        figure, rounded = _attended(online)
        opening = f"More than {figure} people" if rounded else f"A total of {_people(online)}"
        sentence = f"{opening} participated in the Workshop online{via}"
        if registered_in_person:
            return f"{sentence}, while {number_words(registered_in_person)} registered to attend in person."
        return f"{sentence}."
    # No check-in or join recorded (yet): say how participants registered to attend rather than report zeros.
    if not registered_in_person and not registered_online:
        return ""
    return (
        f"Of the registered participants, {number_words(registered_in_person)} registered to attend in person and "
        f"{number_words(registered_online)} to participate online."
    )


def attendance_paragraphs(figures: Mapping) -> list[str]:
    """The report's section III (Attendance) as paragraphs, from the figures of ``report attendance --format json``.

    Optional keys ``space_agency_names`` and ``international_organizations`` (lists of display names, in the order to
    print; ``international_organization_names`` is read too) name the agencies and organizations; without them the text
    gives the counts only. ``organisation_types`` (the kinds present) adds the composition sentence,
    ``online_link_shared`` the sentence on the online link and ``online_platform`` names the platform.
    """
    paragraphs = [
        _registration_paragraph(figures),
        _speakers_and_organizations_paragraph(figures),
        _attendance_paragraph(figures),
    ]
    return [paragraph for paragraph in paragraphs if paragraph]
