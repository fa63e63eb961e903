"""The Attendance section in Spanish, as the UN's Spanish documents write it.

Rules (see docs/report.md, "Spanish"): numbers under 10 in words ("nueve agencias espaciales"), from 10 in figures;
four-digit numbers without a separator and longer ones grouped by threes with a non-breaking space ("1250",
"12 500"), as the Ortografía de la lengua española (2010) prescribes; a percentage with its article and "por ciento"
in words ("el 43 por ciento"); lists joined by commas and a final "y" ("e" before an i sound: "e Irlanda");
"el Curso Práctico" for the Workshop, as the UN's Spanish documents name these workshops.
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

LANGUAGE = "es"
_WORDS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")


def number(n: int) -> str:
    if 0 <= n < 10:
        return _WORDS[n]
    return str(n) if n < 10_000 else grouped(n, NBSP)


def per_cent(n: int) -> str:
    return f"el {n} por ciento"


def join(items) -> str:
    items = list(items)
    if len(items) == 1:
        return items[0]
    last = items[-1]
    # "y" becomes "e" before a word that starts with the sound i (Irán, Hungría's "hi" is not one: "y Hungría").
    i_sound = last[:1] in "IiÍí" or (last[:2].lower() == "hi" and last[2:3].lower() not in "aeéo")
    return f"{', '.join(items[:-1])} {'e' if i_sound else 'y'} {last}"


_PHRASES = {
    "institutions": "instituciones internacionales, regionales, nacionales y locales",
    "academia": "instituciones de investigación y desarrollo",
    "media": "medios de comunicación",
    "industry": "la industria y otras entidades del sector privado",
}
_ORGANIZATIONS = {
    ("intergovernmental", "ngo"): "organizaciones intergubernamentales y no gubernamentales",
    ("intergovernmental",): "organizaciones intergubernamentales",
    ("ngo",): "organizaciones no gubernamentales",
}
ATTENDEES = (
    "científicos, ingenieros, educadores, estudiantes, responsables de la formulación de políticas, encargados de la "
    "adopción de decisiones y expertos"
)


def composition(organisation_types) -> str:
    phrases = composition_phrases(organisation_types, _PHRASES, _ORGANIZATIONS)
    if not phrases:
        return f"Asistieron al Curso Práctico {ATTENDEES}."
    listed = listed_phrases(phrases, join, "y")
    return f"Asistieron al Curso Práctico {ATTENDEES} en representación de {listed}."


def _registration(facts: Facts) -> list[str]:
    if facts.registered == 0:
        return ["No se inscribió ningún participante en el Curso Práctico."]
    sentences = [composition(facts.organisation_types)] if facts.organisation_types else []
    participants = "un participante" if facts.registered == 1 else f"{number(facts.registered)} participantes"
    countries = "un país" if len(facts.countries) == 1 else f"{number(len(facts.countries))} países"
    verb = "Se inscribió" if facts.registered == 1 else "Se inscribieron"
    sentences.append(f"{verb} en total {participants} de {countries}.")
    if len(facts.countries) == 1:
        sentences.append(f"Estuvo representado el siguiente país: {facts.countries[0]}.")
    elif facts.countries:
        sentences.append(f"Estuvieron representados los siguientes países: {join(facts.countries)}.")
    share = f"lo que representa {per_cent(facts.women_per_cent)} del número total de participantes"
    if facts.women == 0:
        sentences.append("Ninguno de los participantes inscritos era mujer.")
    elif facts.women == 1:
        sentences.append(f"De los participantes inscritos, una era mujer, {share}.")
    else:
        sentences.append(f"De los participantes inscritos, {number(facts.women)} eran mujeres, {share}.")
    if facts.online_link_shared:
        sentences.append("Se compartió con todos los participantes el enlace para participar en línea.")
    return sentences


def _agencies(n: int) -> str:
    return "una agencia espacial" if n == 1 else f"{number(n)} agencias espaciales"


def _speakers_and_organizations(facts: Facts) -> list[str]:
    sentences = []
    if facts.speakers == 1:
        sentences.append("Un orador presentó sus actividades.")
    elif facts.speakers > 1:
        sentences.append(
            f"De los {number(facts.speakers)} oradores que presentaron sus actividades, "
            f"{per_cent(facts.speakers_women_per_cent)} eran mujeres."
        )
    if facts.space_agencies:
        opening = f"Asistieron al Curso Práctico representantes de {_agencies(facts.space_agencies)}"
        sentences.append(f"{opening}: {join(facts.agency_names)}." if facts.agency_names else f"{opening}.")
    if len(facts.organizations) == 1:
        sentences.append(f"También participó la siguiente organización internacional: {facts.organizations[0]}.")
    elif facts.organizations:
        sentences.append(
            f"También participaron las siguientes organizaciones internacionales: {join(facts.organizations)}."
        )
    if facts.heads_of_agency == 1:
        sentences.append("Además, una agencia espacial estuvo representada a nivel de jefe de agencia o director.")
    elif facts.heads_of_agency:
        sentences.append(
            f"Además, {_agencies(facts.heads_of_agency)} estuvieron representadas a nivel de jefes de agencia o "
            "directores."
        )
    return sentences


def _via(platform: str) -> str:
    return f" a través de {platform}" if platform else ""


def _in_person(attended: Shown) -> str:
    if attended.rounded:
        return f"Más de {number(attended.figure)} personas asistieron al Curso Práctico en persona"
    if attended.figure == 1:
        return "Una persona asistió al Curso Práctico en persona"
    return f"Un total de {number(attended.figure)} personas asistieron al Curso Práctico en persona"


def _both(in_person: Shown, online: Shown, platform: str) -> str:
    if online.rounded and not in_person.rounded:
        return (
            f"{_in_person(in_person)}, mientras que más de {number(online.figure)} personas participaron en línea"
            f"{_via(platform)}."
        )
    return f"{_in_person(in_person)}, mientras que otras {number(online.figure)} participaron en línea{_via(platform)}."


def _in_person_only(in_person: Shown, registered_online: int) -> str:
    if registered_online:
        return (
            f"{_in_person(in_person)}, mientras que {number(registered_online)} se inscribieron para participar en "
            "línea."
        )
    return f"{_in_person(in_person)}."


def _online_only(online: Shown, platform: str, registered_in_person: int) -> str:
    if online.rounded:
        sentence = f"Más de {number(online.figure)} personas participaron en línea en el Curso Práctico{_via(platform)}"
    elif online.figure == 1:
        sentence = f"Una persona participó en línea en el Curso Práctico{_via(platform)}"
    else:
        sentence = (
            f"Un total de {number(online.figure)} personas participaron en línea en el Curso Práctico{_via(platform)}"
        )
    if registered_in_person:
        return f"{sentence}, mientras que {number(registered_in_person)} se inscribieron para asistir en persona."
    return f"{sentence}."


def _registered_only(in_person: int, online: int) -> str:
    return (
        f"De los participantes inscritos, {number(in_person)} se inscribieron para asistir en persona y "
        f"{number(online)} para participar en línea."
    )


SAYINGS = AttendanceSayings(_both, _in_person_only, _online_only, _registered_only)


def paragraphs(facts: Facts) -> list[str]:
    texts = [
        " ".join(_registration(facts)),
        " ".join(_speakers_and_organizations(facts)),
        attendance_sentence(facts, SAYINGS),
    ]
    return [text for text in texts if text]


# Where a lead sentence's speakers came from, after "procedentes de" (no phrase opens with "el", which would need
# "del").
_SPEAKERS_FROM = {
    "space_agencies": "agencias espaciales",
    "government": "instituciones gubernamentales",
    "academia": "círculos académicos",
    "industry": "la industria",
    "international": "organizaciones internacionales",
    "media": "los medios de comunicación",
    "other": "otras organizaciones",
}


def lead_sentence(lead: Lead) -> str:
    """The section's opening sentence, for example:
    "En la sesión 1(a), 11 oradores en representación de nueve agencias espaciales – CNSA, CNES […] – hicieron
    exposiciones." The place opens the sentence, so that none starts with a figure."""
    one = lead.speakers == 1
    speakers = "un orador" if one else f"{number(lead.speakers)} oradores"
    if lead.agencies:
        speakers += f" en representación de {_agencies(len(lead.agencies))} – {join(lead.agencies)} –"
    elif lead.groups:
        origin = "procedente de" if one else "procedentes de"
        speakers += f" {origin} {join([_SPEAKERS_FROM[key] for key in lead.groups])}"
    made = "hizo una exposición" if one else "hicieron exposiciones"
    return f"{capfirst(lead.where)}, {speakers} {made}."
