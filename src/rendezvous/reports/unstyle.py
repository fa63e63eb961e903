"""UN editorial style for generated report text: numbers, lists, percentages and the Attendance section.

The reference is A/AC.105/1294, section III (paragraphs 9–11), and the UN Editorial Manual's rules it follows:
numbers under 10 in words and from 10 in figures, percentages in figures with "per cent" in two words, lists joined
with commas and a final "and" (no serial comma), countries by their UN short names in UN alphabetical order.
A command, a view or a DOCX writer can use it alike; its only Django import is gettext, so every sentence is
translatable (the English text is the UN's).
"""

from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

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


def is_the_office(name: str, acronym: str) -> bool:
    """Whether an organisation's record is the Office for Outer Space Affairs, which the report names in full in every
    language, never by the acronym its records may carry."""
    return acronym == "UNOOSA" or name == "Office for Outer Space Affairs"


def organisation_in_text(name: str, acronym: str) -> str:
    """How running text names an organisation: its acronym where it has one (the report defines them in chapter I),
    except the Office for Outer Space Affairs, which the report always names in full."""
    if is_the_office(name, acronym):
        return "the Office for Outer Space Affairs"
    return acronym or name


def join_and(items: Iterable[str]) -> str:
    """'A, B and C' — UN style has no comma before the final 'and'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


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
        return _("No participants registered for the event.")
    countries = sorted((country["name"] for country in figures["countries"]), key=un_sort_key)
    composition = composition_sentence(figures.get("organisation_types") or ())
    sentences = [composition] if composition else []
    sentences += [
        _("A total of %(participants)s from %(countries)s registered for the event.")
        % {
            "participants": _count(registered, _("participant"), _("participants")),
            "countries": _count(len(countries), _("country"), _("countries")),
        }
    ]
    if len(countries) == 1:
        sentences.append(_("The following country was represented: %(country)s.") % {"country": countries[0]})
    elif countries:
        sentences.append(
            _("The following countries were represented: %(countries)s.") % {"countries": join_and(countries)}
        )
    women = figures["women"]
    women_per_cent = figures.get("women_per_cent", per_cent(women, registered))
    if women == 0:
        sentences.append(_("None of the registered participants were women."))
    else:
        sentences.append(
            ngettext(
                "Among the registered participants, %(women)s was a woman, accounting for %(per_cent)s per cent of "
                "the total number of participants.",
                "Among the registered participants, %(women)s were women, accounting for %(per_cent)s per cent of "
                "the total number of participants.",
                women,
            )
            % {"women": number_words(women), "per_cent": women_per_cent}
        )
    if figures.get("online_link_shared"):
        sentences.append(_("The online participation link was shared with all participants."))
    return " ".join(sentences)


def _speakers_and_organizations_paragraph(figures: Mapping) -> str:
    sentences = []
    speakers = figures["speakers"]
    if speakers == 1:
        sentences.append(_("One speaker presented their activities."))
    elif speakers > 1:
        speakers_per_cent = figures.get("speakers_women_per_cent", per_cent(figures["speakers_women"], speakers))
        sentences.append(
            _("Of the %(speakers)s speakers who presented their activities, %(per_cent)s per cent were women.")
            % {"speakers": number_words(speakers), "per_cent": speakers_per_cent}
        )
    agencies = figures["space_agencies"]
    agency_names: Sequence[str] = figures.get("space_agency_names") or []
    if agencies:
        count = {"agencies": _count(agencies, _("space agency"), _("space agencies"))}
        if agency_names:
            sentences.append(
                _("Representatives of %(agencies)s attended the workshop: %(names)s.")
                % {**count, "names": join_and(agency_names)}
            )
        else:
            sentences.append(_("Representatives of %(agencies)s attended the workshop.") % count)
    organizations: Sequence[str] = (
        figures.get("international_organizations") or figures.get("international_organization_names") or []
    )
    if len(organizations) == 1:
        sentences.append(
            _("The following international organization also participated: %(names)s.") % {"names": organizations[0]}
        )
    elif organizations:
        sentences.append(
            _("The following international organizations also participated: %(names)s.")
            % {"names": join_and(organizations)}
        )
    heads = figures["heads_of_agency"]
    if heads:
        sentences.append(
            ngettext(
                "Furthermore, %(agencies)s was represented at the head of agency or director level.",
                "Furthermore, %(agencies)s were represented at the head of agency or director level.",
                heads,
            )
            % {"agencies": _count(heads, _("space agency"), _("space agencies"))}
        )
    return " ".join(sentences)


def _people(n: int) -> str:
    return _count(n, _("person"), _("people"))


# The composition sentence: who attended (fixed, as in every report of the series) and what they represented, one
# phrase per kind of organisation present, in the report's order.
ATTENDEES = gettext_noop("scientists, engineers, educators, students, policymakers, decision-makers and experts")
_REPRESENTED = (
    (("space_agency", "government"), gettext_noop("international, regional, national and local institutions")),
    (("intergovernmental", "ngo"), None),  # built below: one or both kinds
    (("academia",), gettext_noop("research and development institutions")),
    (("media",), gettext_noop("media")),
    (("industry",), gettext_noop("industry and other private-sector entities")),
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
                for kind, label in (("intergovernmental", _("intergovernmental")), ("ngo", _("non-governmental")))
                if kind in present
            ]
            if organizations:
                phrases.append(_("%(kinds)s organizations") % {"kinds": join_and(organizations)})
        elif present.intersection(kinds):
            phrases.append(_(phrase))
    attendees = _(ATTENDEES)
    if not phrases:
        return _("The Workshop was attended by %(attendees)s.") % {"attendees": attendees}
    listed = ", ".join(phrases) if " and " in phrases[-1] and len(phrases) > 1 else join_and(phrases)
    return _("The Workshop was attended by %(attendees)s representing %(represented)s.") % {
        "attendees": attendees,
        "represented": listed,
    }


def round_down(n: int) -> int:
    """The figure the report gives for a count of people: from 100, rounded down to a multiple of 50 ("More than 200"
    for 236 or 249, "A total of 150" for exactly 150); exact below 100, where rounding would hide much of the count."""
    return n // 50 * 50 if n >= 100 else n


def _attended(n: int) -> tuple[str, bool]:
    """(figure, rounded?): '200', True for 243; '87', False for 87."""
    shown = round_down(n)
    return number_words(shown), shown != n


def _in_person_clause(n: int) -> tuple[str, bool]:
    """('More than 200 people attended the Workshop in person', True) for 236; rounded or not."""
    figure, rounded = _attended(n)
    if rounded:
        return _("More than %(count)s people attended the Workshop in person") % {"count": figure}, True
    return _("A total of %(people)s attended the Workshop in person") % {"people": _people(n)}, False


def _attendance_paragraph(figures: Mapping) -> str:
    """Who came, from the check-ins and online joins; a mode with none recorded falls back to its registrations.

    Counts of 100 or more are rounded down to a multiple of 50 and, when that changed them, introduced by "More than"
    (the report's "More than 200 people attended the Workshop in person, while another 200 participated online via
    Zoom"); the online figure after a rounded in-person one is "another N" under the same "More than".
    """
    in_person, online = figures["attended_in_person"], figures["attended_online"]
    platform = figures.get("online_platform") or ""
    via = _(" via %(platform)s") % {"platform": platform} if platform else ""
    registered_in_person, registered_online = figures["in_person"], figures["online"]
    if in_person and online:
        first, first_rounded = _in_person_clause(in_person)
        figure, rounded = _attended(online)
        values = {"first": first, "count": figure, "via": via}
        if rounded and not first_rounded:
            return _("%(first)s, while more than %(count)s people participated online%(via)s.") % values
        return _("%(first)s, while another %(count)s participated online%(via)s.") % values
    if in_person:
        first, _rounded = _in_person_clause(in_person)
        if registered_online:
            return _("%(first)s, while %(count)s registered to participate online.") % {
                "first": first,
                "count": number_words(registered_online),
            }
        return f"{first}."
    if online:
        figure, rounded = _attended(online)
        if rounded:
            sentence = _("More than %(count)s people participated in the Workshop online%(via)s") % {
                "count": figure,
                "via": via,
            }
        else:
            sentence = _("A total of %(people)s participated in the Workshop online%(via)s") % {
                "people": _people(online),
                "via": via,
            }
        if registered_in_person:
            return _("%(sentence)s, while %(count)s registered to attend in person.") % {
                "sentence": sentence,
                "count": number_words(registered_in_person),
            }
        return f"{sentence}."
    # No check-in or join recorded (yet): say how participants registered to attend rather than report zeros.
    if not registered_in_person and not registered_online:
        return ""
    return _(
        "Of the registered participants, %(in_person)s registered to attend in person and %(online)s to participate "
        "online."
    ) % {"in_person": number_words(registered_in_person), "online": number_words(registered_online)}


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
