"""The Attendance section in French, as the UN's French documents write it.

Rules (see docs/report.md, "French"): numbers under 10 in words ("neuf agences spatiales"), from 10 in figures with
thousands grouped by a non-breaking space ("1 250"); "pour cent" in words after the figure, joined to it by a
non-breaking space ("43 pour cent"); a non-breaking space before the colon; lists joined by commas and a final "et";
the typographic apostrophe; "l’Atelier" for the Workshop, as the French versions of these reports name it.
"""

from django.utils.text import capfirst

from .common import (
    NBSP,
    AttendanceSayings,
    Facts,
    Lead,
    Shown,
    attendance_sentence,
    composition_phrases,
    grouped,
    listed_phrases,
)

LANGUAGE = "fr"
_WORDS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def number(n: int, *, feminine: bool = False) -> str:
    if n == 1 and feminine:
        return "une"
    return _WORDS[n] if 0 <= n < 10 else grouped(n, NBSP)


def per_cent(n: int) -> str:
    return f"{grouped(n, NBSP)}{NBSP}pour cent"


def join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def _colon(text: str) -> str:
    return f"{text}{NBSP}: "


def _of(counted: str) -> str:
    """'de' before a word, elided before a vowel ("d’une agence", "de neuf agences", "de 12 agences")."""
    return f"d’{counted}" if counted[:1] in "aeiouéAEIOUÉ" else f"de {counted}"


_PHRASES = {
    "institutions": "des institutions internationales, régionales, nationales et locales",
    "academia": "des instituts de recherche-développement",
    "media": "des médias",
    "industry": "l’industrie et d’autres entités du secteur privé",
}
_ORGANIZATIONS = {
    ("intergovernmental", "ngo"): "des organisations intergouvernementales et non gouvernementales",
    ("intergovernmental",): "des organisations intergouvernementales",
    ("ngo",): "des organisations non gouvernementales",
}
ATTENDEES = (
    "des scientifiques, des ingénieurs, des enseignants, des étudiants, des responsables politiques, des décideurs et "
    "des experts"
)


def composition(organisation_types) -> str:
    if not organisation_types:
        return ""
    phrases = composition_phrases(organisation_types, _PHRASES, _ORGANIZATIONS)
    if not phrases:
        return f"Ont participé à l’Atelier {ATTENDEES}."
    listed = listed_phrases(phrases, join, "et")
    return f"Ont participé à l’Atelier {ATTENDEES} représentant {listed}."


def _registration(facts: Facts) -> list[str]:
    if facts.registered == 0:
        return ["Aucun participant ne s’est inscrit à l’Atelier."]
    sentences = [composition(facts.organisation_types)] if facts.organisation_types else []
    participants = "un participant" if facts.registered == 1 else f"{number(facts.registered)} participants"
    countries = "un pays" if len(facts.countries) == 1 else f"{number(len(facts.countries))} pays"
    verb = "s’est inscrit" if facts.registered == 1 else "se sont inscrits"
    sentences.append(f"Au total, {participants} de {countries} {verb} à l’Atelier.")
    if len(facts.countries) == 1:
        sentences.append(f"{_colon('Le pays suivant était représenté')}{facts.countries[0]}.")
    elif facts.countries:
        sentences.append(f"{_colon('Les pays suivants étaient représentés')}{join(facts.countries)}.")
    share = f"soit {per_cent(facts.women_per_cent)} du nombre total de participants"
    if facts.women == 0:
        sentences.append("Aucune femme ne figurait parmi les participants inscrits.")
    elif facts.women == 1:
        sentences.append(f"Parmi les participants inscrits figurait une femme, {share}.")
    else:
        sentences.append(f"Parmi les participants inscrits, {number(facts.women)} étaient des femmes, {share}.")
    if facts.online_link_shared:
        sentences.append("Le lien de participation en ligne a été communiqué à tous les participants.")
    return sentences


def _agencies(n: int) -> str:
    return "une agence spatiale" if n == 1 else f"{number(n)} agences spatiales"


def _speakers_and_organizations(facts: Facts) -> list[str]:
    sentences = []
    if facts.speakers == 1:
        sentences.append("Un intervenant a présenté ses activités.")
    elif facts.speakers > 1:
        sentences.append(
            f"Sur les {number(facts.speakers)} intervenants qui ont présenté leurs activités, "
            f"{per_cent(facts.speakers_women_per_cent)} étaient des femmes."
        )
    if facts.space_agencies:
        opening = f"Des représentants {_of(_agencies(facts.space_agencies))} ont participé à l’Atelier"
        if facts.agency_names:
            sentences.append(f"{_colon(opening)}{join(facts.agency_names)}.")
        else:
            sentences.append(f"{opening}.")
    if len(facts.organizations) == 1:
        sentences.append(
            f"{_colon('L’organisation internationale suivante a également participé')}{facts.organizations[0]}."
        )
    elif facts.organizations:
        sentences.append(
            f"{_colon('Les organisations internationales suivantes ont également participé')}"
            f"{join(facts.organizations)}."
        )
    if facts.heads_of_agency == 1:
        sentences.append("En outre, une agence spatiale était représentée au niveau du chef d’agence ou du directeur.")
    elif facts.heads_of_agency:
        sentences.append(
            f"En outre, {_agencies(facts.heads_of_agency)} étaient représentées au niveau des chefs d’agence ou des "
            "directeurs."
        )
    return sentences


def _people(n: int) -> str:
    return "une personne" if n == 1 else f"{number(n)} personnes"


def _on(platform: str) -> str:
    return f" sur {platform}" if platform else ""


def _in_person(attended: Shown) -> str:
    if attended.rounded:
        return f"Plus de {number(attended.figure)} personnes ont assisté à l’Atelier en personne"
    if attended.figure == 1:
        return "Une personne a assisté à l’Atelier en personne"
    return f"Au total, {_people(attended.figure)} ont assisté à l’Atelier en personne"


def _both(in_person: Shown, online: Shown, platform: str) -> str:
    if online.rounded and not in_person.rounded:
        return (
            f"{_in_person(in_person)}, tandis que plus de {number(online.figure)} personnes y ont participé en ligne"
            f"{_on(platform)}."
        )
    return (
        f"{_in_person(in_person)}, tandis que {number(online.figure)} autres y ont participé en ligne{_on(platform)}."
    )


def _in_person_only(in_person: Shown, registered_online: int) -> str:
    if registered_online:
        return (
            f"{_in_person(in_person)}, tandis que {number(registered_online)} s’étaient inscrits pour y participer en "
            "ligne."
        )
    return f"{_in_person(in_person)}."


def _online_only(online: Shown, platform: str, registered_in_person: int) -> str:
    if online.rounded:
        sentence = f"Plus de {number(online.figure)} personnes ont participé à l’Atelier en ligne{_on(platform)}"
    elif online.figure == 1:
        sentence = f"Une personne a participé à l’Atelier en ligne{_on(platform)}"
    else:
        sentence = f"Au total, {_people(online.figure)} ont participé à l’Atelier en ligne{_on(platform)}"
    if registered_in_person:
        return f"{sentence}, tandis que {number(registered_in_person)} s’étaient inscrits pour y assister en personne."
    return f"{sentence}."


def _registered_only(in_person: int, online: int) -> str:
    return (
        f"Parmi les participants inscrits, {number(in_person)} s’étaient inscrits pour assister à l’Atelier en "
        f"personne et {number(online)} pour y participer en ligne."
    )


SAYINGS = AttendanceSayings(_both, _in_person_only, _online_only, _registered_only)


def paragraphs(facts: Facts) -> list[str]:
    texts = [
        " ".join(_registration(facts)),
        " ".join(_speakers_and_organizations(facts)),
        attendance_sentence(facts, SAYINGS),
    ]
    return [text for text in texts if text]


# Where a lead sentence's speakers came from, with "de" and the article contracted as each phrase needs ("issus des
# agences spatiales, du monde universitaire et de l’industrie").
_SPEAKERS_FROM = {
    "space_agencies": "des agences spatiales",
    "government": "des institutions gouvernementales",
    "academia": "du monde universitaire",
    "industry": "de l’industrie",
    "international": "des organisations internationales",
    "media": "des médias",
    "other": "d’autres organisations",
}


def lead_sentence(lead: Lead) -> str:
    """The section's opening sentence, for example:
    "Lors de la séance 1(a), 11 intervenants représentant neuf agences spatiales – CNSA, CNES […] – ont fait des
    exposés." The place opens the sentence, so that none starts with a figure."""
    one = lead.speakers == 1
    speakers = "un intervenant" if one else f"{number(lead.speakers)} intervenants"
    if lead.agencies:
        speakers += f" représentant {_agencies(len(lead.agencies))} – {join(lead.agencies)} –"
    elif lead.groups:
        speakers += f" {'issu' if one else 'issus'} {join([_SPEAKERS_FROM[key] for key in lead.groups])}"
    made = "a fait un exposé" if one else "ont fait des exposés"
    return f"{capfirst(lead.where)}, {speakers} {made}."
