"""The Attendance section in Russian, as the UN's Russian documents write it.

Rules (see docs/report.md, "Russian"): numbers under 10 in words, agreeing in gender and case with what they count
("девять космических агентств", "из двух докладчиков"), from 10 in figures with thousands grouped by a non-breaking
space ("1 250"); the noun after a number takes the form CLDR's plural rules give (1, 21 -> "агентство"; 2-4, 22-24 ->
"агентства"; 5-20, 25-30 -> "агентств"); a percentage in figures with "процент" in the same agreement ("43 процента",
"33 процента", "25 процентов"); lists joined by commas and a final "и"; "практикум" for the Workshop, as the UN's
Russian documents name these workshops.
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
    plural_category,
)

LANGUAGE = "ru"
# Number words by gender (nominative/accusative of inanimate nouns) and the genitive (after "из", "представители").
_NOMINATIVE = {
    "m": ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
    "f": ("ноль", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
    "n": ("ноль", "одно", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
}
_ACCUSATIVE_FEMININE_ONE = "одну"
_GENITIVE = {
    "m": ("ноля", "одного", "двух", "трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти"),
    "f": ("ноля", "одной", "двух", "трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти"),
    "n": ("ноля", "одного", "двух", "трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти"),
}


def number(n: int, gender: str = "m", *, genitive: bool = False) -> str:
    if 0 <= n < 10:
        return (_GENITIVE if genitive else _NOMINATIVE)[gender][n]
    return grouped(n, NBSP)


def form(n: int, one: str, few: str, many: str) -> str:
    """The noun after the number n: CLDR's Russian categories ("one" 1, 21, ...; "few" 2-4, 22-24, ...; else many)."""
    return {"one": one, "few": few}.get(plural_category(n, "ru"), many)


def per_cent(n: int) -> str:
    return f"{grouped(n, NBSP)} {form(n, 'процент', 'процента', 'процентов')}"


def join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} и {items[-1]}"


_PHRASES = {
    "institutions": "международные, региональные, национальные и местные учреждения",
    "academia": "научно-исследовательские и опытно-конструкторские учреждения",
    "media": "средства массовой информации",
    "industry": "промышленность и другие структуры частного сектора",
}
_ORGANIZATIONS = {
    ("intergovernmental", "ngo"): "межправительственные и неправительственные организации",
    ("intergovernmental",): "межправительственные организации",
    ("ngo",): "неправительственные организации",
}
ATTENDEES = (
    "ученые, инженеры, преподаватели, студенты, представители директивных органов, руководители, ответственные за "
    "принятие решений, и эксперты"
)


def composition(organisation_types) -> str:
    phrases = composition_phrases(organisation_types, _PHRASES, _ORGANIZATIONS)
    if not phrases:
        return f"В работе практикума приняли участие {ATTENDEES}."
    listed = listed_phrases(phrases, join, "и")
    return f"В работе практикума приняли участие {ATTENDEES}, представлявшие {listed}."


def _registration(facts: Facts) -> list[str]:
    registered, countries = facts.registered, len(facts.countries)
    if registered == 0:
        return ["На практикум не зарегистрировался ни один участник."]
    sentences = [composition(facts.organisation_types)] if facts.organisation_types else []
    verb = "зарегистрировался" if plural_category(registered, "ru") == "one" else "зарегистрировались"
    participants = f"{number(registered)} {form(registered, 'участник', 'участника', 'участников')}"
    # Accusative: "представлявших одну страну / две страны / 82 страны".
    country_count = _ACCUSATIVE_FEMININE_ONE if countries == 1 else number(countries, "f")
    represented = f"{country_count} {form(countries, 'страну', 'страны', 'стран')}"
    # The participle agrees with the counted noun: "21 участник, представлявший", "22 участника, представлявших".
    participle = "представлявший" if plural_category(registered, "ru") == "one" else "представлявших"
    sentences.append(f"Всего на практикум {verb} {participants}, {participle} {represented}.")
    if countries == 1:
        sentences.append(f"Была представлена следующая страна: {facts.countries[0]}.")
    elif countries:
        sentences.append(f"Были представлены следующие страны: {join(facts.countries)}.")
    women = facts.women
    share = f"что составляет {per_cent(facts.women_per_cent)} от общего числа участников"
    if women == 0:
        sentences.append("Среди зарегистрированных участников женщин не было.")
    else:
        verb = "была" if plural_category(women, "ru") == "one" else "было"
        counted = f"{number(women, 'f')} {form(women, 'женщина', 'женщины', 'женщин')}"
        sentences.append(f"Среди зарегистрированных участников {verb} {counted}, {share}.")
    if facts.online_link_shared:
        sentences.append("Ссылка для участия в режиме онлайн была направлена всем участникам.")
    return sentences


def _agencies_genitive(n: int) -> str:
    # Genitive after "представители": singular after 1, 21, ...; plural otherwise ("двух/12 космических агентств").
    noun = "космического агентства" if plural_category(n, "ru") == "one" else "космических агентств"
    return f"{number(n, 'n', genitive=True)} {noun}"


def _speakers_and_organizations(facts: Facts) -> list[str]:
    sentences = []
    speakers = facts.speakers
    if speakers == 1:
        sentences.append("С информацией о своей деятельности выступил один докладчик.")
    elif speakers > 1:
        noun = "докладчика" if plural_category(speakers, "ru") == "one" else "докладчиков"
        sentences.append(
            f"Из {number(speakers, genitive=True)} {noun}, представивших информацию о своей деятельности, "
            f"{per_cent(facts.speakers_women_per_cent)} составляли женщины."
        )
    if facts.space_agencies:
        opening = f"На практикуме присутствовали представители {_agencies_genitive(facts.space_agencies)}"
        sentences.append(f"{opening}: {join(facts.agency_names)}." if facts.agency_names else f"{opening}.")
    if len(facts.organizations) == 1:
        sentences.append(f"Кроме того, участие приняла следующая международная организация: {facts.organizations[0]}.")
    elif facts.organizations:
        sentences.append(
            f"Кроме того, участие приняли следующие международные организации: {join(facts.organizations)}."
        )
    heads = facts.heads_of_agency
    if heads:
        agencies = form(heads, "космическое агентство", "космических агентства", "космических агентств")
        verb = form(heads, "было представлено", "были представлены", "были представлены")
        sentences.append(
            f"Кроме того, {number(heads, 'n')} {agencies} {verb} на уровне руководителей агентств или директоров."
        )
    return sentences


def _people(n: int) -> str:
    return f"{number(n)} {form(n, 'человек', 'человека', 'человек')}"


def _via(platform: str) -> str:
    return f" через {platform}" if platform else ""


def _in_person(attended: Shown) -> str:
    if attended.rounded:
        return f"Более {number(attended.figure, genitive=True)} человек присутствовали на практикуме лично"
    verb = "присутствовал" if plural_category(attended.figure, "ru") == "one" else "присутствовали"
    return f"Всего на практикуме лично {verb} {_people(attended.figure)}"


def _both(in_person: Shown, online: Shown, platform: str) -> str:
    if online.rounded and not in_person.rounded:
        return (
            f"{_in_person(in_person)}, а более {number(online.figure, genitive=True)} человек участвовали в режиме "
            f"онлайн{_via(platform)}."
        )
    return f"{_in_person(in_person)}, а еще {_people(online.figure)} участвовали в режиме онлайн{_via(platform)}."


def _in_person_only(in_person: Shown, registered_online: int) -> str:
    if registered_online:
        return (
            f"{_in_person(in_person)}, а {_people(registered_online)} зарегистрировались для участия в режиме онлайн."
        )
    return f"{_in_person(in_person)}."


def _online_only(online: Shown, platform: str, registered_in_person: int) -> str:
    if online.rounded:
        sentence = (
            f"Более {number(online.figure, genitive=True)} человек участвовали в работе практикума в режиме онлайн"
            f"{_via(platform)}"
        )
    else:
        verb = "участвовал" if plural_category(online.figure, "ru") == "one" else "участвовали"
        sentence = f"Всего в работе практикума в режиме онлайн{_via(platform)} {verb} {_people(online.figure)}"
    if registered_in_person:
        return f"{sentence}, а {_people(registered_in_person)} зарегистрировались для очного участия."
    return f"{sentence}."


def _registered_only(in_person: int, online: int) -> str:
    return (
        f"Из числа зарегистрированных участников {_people(in_person)} зарегистрировались для очного участия и "
        f"{_people(online)} для участия в режиме онлайн."
    )


SAYINGS = AttendanceSayings(_both, _in_person_only, _online_only, _registered_only)


def paragraphs(facts: Facts) -> list[str]:
    texts = [
        " ".join(_registration(facts)),
        " ".join(_speakers_and_organizations(facts)),
        attendance_sentence(facts, SAYINGS),
    ]
    return [text for text in texts if text]


# Where a lead sentence's speakers came from, in the genitive after "из".
_SPEAKERS_FROM = {
    "space_agencies": "космических агентств",
    "government": "государственных учреждений",
    "academia": "научных кругов",
    "industry": "промышленности",
    "international": "международных организаций",
    "media": "средств массовой информации",
    "other": "других организаций",
}


def lead_sentence(lead: Lead) -> str:
    """The section's opening sentence, for example:
    "На заседании 1(a) 11 докладчиков, представлявших девять космических агентств (КНКУ, КНЕС […]), выступили с
    докладами." The verb and the participle agree with the number as the noun does (21 докладчик выступил)."""
    n = lead.speakers
    one = plural_category(n, "ru") == "one"
    speakers = f"{number(n)} {form(n, 'докладчик', 'докладчика', 'докладчиков')}"
    if lead.agencies:
        k = len(lead.agencies)
        agencies = (
            f"{number(k, 'n')} {form(k, 'космическое агентство', 'космических агентства', 'космических агентств')}"
        )
        representing = "представлявший" if one else "представлявших"
        speakers += f", {representing} {agencies} ({join(lead.agencies)}),"
    elif lead.groups:
        speakers += f" из {join([_SPEAKERS_FROM[key] for key in lead.groups])}"
    made = "выступил с докладом" if one else "выступили с докладами"
    return f"{capfirst(lead.where)} {speakers} {made}."
