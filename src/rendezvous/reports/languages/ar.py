"""The Attendance section in Arabic, as the UN's Arabic documents write it.

Rules (see docs/report.md, "Arabic"): figures in the digits UN Arabic documents print (0-9); numbers 3-9 in words,
with the gender polarity of Arabic numerals ("تسع وكالات" for a feminine noun, "تسعة أشخاص" for a masculine one);
one and two by the noun alone ("وكالة فضائية واحدة", dual "وكالتان فضائيتان"); from 10 in figures; the noun after a
number in the form CLDR's Arabic plural categories name (3-10: plural; 11-99: singular accusative "82 بلداً"; 100,
200...: singular genitive "200 شخص"); "في المائة" after the figure of a percentage; lists with the Arabic comma and
"و" before every item after the first ("أفغانستان، والجزائر"); each sentence after a paragraph's first opens with
"و"; "حلقة العمل" for the Workshop.
"""

from typing import NamedTuple

from .common import (
    AttendanceSayings,
    Facts,
    Lead,
    Shown,
    attendance_sentence,
    composition_phrases,
    plural_category,
)

LANGUAGE = "ar"
_FOR_MASCULINE = ("", "", "", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة")
_FOR_FEMININE = ("", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع")


class Noun(NamedTuple):
    """A counted noun's forms: one (with "واحد/واحدة"), dual nominative and genitive, plural (3-10), singular
    accusative (11-99), singular genitive (100, 200, ...)."""

    one: str
    two: str
    two_genitive: str
    plural: str
    accusative: str
    genitive: str
    feminine: bool


PARTICIPANT = Noun("مشارك واحد", "مشاركان", "مشاركين", "مشاركين", "مشاركاً", "مشارك", False)
COUNTRY = Noun("بلد واحد", "بلدان", "بلدين", "بلدان", "بلداً", "بلد", False)
WOMAN = Noun("امرأة واحدة", "امرأتان", "امرأتين", "نساء", "امرأة", "امرأة", True)
AGENCY = Noun(
    "وكالة فضائية واحدة", "وكالتان فضائيتان", "وكالتين فضائيتين", "وكالات فضائية", "وكالة فضائية", "وكالة فضائية", True
)
PERSON = Noun("شخص واحد", "شخصان", "شخصين", "أشخاص", "شخصاً", "شخص", False)


def number(n: int, *, feminine: bool = False) -> str:
    """A number standing alone or before a plural: 3-9 in words (agreeing by polarity), else figures."""
    if 3 <= n <= 9:
        return (_FOR_FEMININE if feminine else _FOR_MASCULINE)[n]
    return f"{n:,}"


def count(n: int, noun: Noun, *, genitive: bool = False) -> str:
    """'82 بلداً', 'تسع وكالات فضائية', 'وكالتين فضائيتين', 'بلد واحد', '200 شخص'."""
    category = plural_category(n, "ar")
    if category == "one":
        return noun.one
    if category == "two":
        return noun.two_genitive if genitive else noun.two
    if category == "few":
        return f"{number(n, feminine=noun.feminine)} {noun.plural}"
    if category == "many":
        return f"{n:,} {noun.accusative}"
    return f"{n:,} {noun.genitive}"


def per_cent(n: int) -> str:
    return f"{n} في المائة"


def join(items) -> str:
    items = list(items)
    return items[0] + "".join(f"، و{item}" for item in items[1:])


_PHRASES = {
    "institutions": "مؤسسات دولية وإقليمية ووطنية ومحلية",
    "academia": "مؤسسات للبحث والتطوير",
    "media": "وسائط إعلام",
    "industry": "قطاع الصناعة وغيره من كيانات القطاع الخاص",
}
_ORGANIZATIONS = {
    ("intergovernmental", "ngo"): "منظمات حكومية دولية وغير حكومية",
    ("intergovernmental",): "منظمات حكومية دولية",
    ("ngo",): "منظمات غير حكومية",
}
ATTENDEES = "علماء ومهندسون ومعلمون وطلاب وواضعو سياسات ومتخذو قرارات وخبراء"


def composition(organisation_types) -> str:
    phrases = composition_phrases(organisation_types, _PHRASES, _ORGANIZATIONS)
    if not phrases:
        return f"حضر حلقة العمل {ATTENDEES}."
    return f"حضر حلقة العمل {ATTENDEES} يمثلون {join(phrases)}."


def _registration(facts: Facts) -> list[str]:
    if facts.registered == 0:
        return ["لم يسجل أي مشارك في حلقة العمل."]
    sentences = [composition(facts.organisation_types)] if facts.organisation_types else []
    countries = count(len(facts.countries), COUNTRY, genitive=True)
    if facts.registered <= 2:
        sentences.append(f"سجل {count(facts.registered, PARTICIPANT)} من {countries} للمشاركة في حلقة العمل.")
    else:
        sentences.append(f"سجل ما مجموعه {count(facts.registered, PARTICIPANT)} من {countries} للمشاركة في حلقة العمل.")
    if len(facts.countries) == 1:
        sentences.append(f"كان البلد التالي ممثَّلاً: {facts.countries[0]}.")
    elif facts.countries:
        sentences.append(f"كانت البلدان التالية ممثَّلة: {join(facts.countries)}.")
    if facts.women == 0:
        sentences.append("لم تكن بين المشاركين المسجلين أي امرأة.")
    else:
        sentences.append(
            f"كان من بين المشاركين المسجلين {count(facts.women, WOMAN)}، أي ما نسبته {per_cent(facts.women_per_cent)} "
            "من العدد الإجمالي للمشاركين."
        )
    if facts.online_link_shared:
        sentences.append("أُتيح رابط المشاركة عبر الإنترنت لجميع المشاركين.")
    return sentences


def _speakers_and_organizations(facts: Facts) -> list[str]:
    sentences = []
    if facts.speakers == 1:
        sentences.append("قدم متكلم واحد عرضاً عن أنشطته.")
    elif facts.speakers > 1:
        sentences.append(
            f"من بين المتكلمين الذين قدموا عروضاً عن أنشطتهم، وعددهم {number(facts.speakers)}، كانت نسبة النساء "
            f"{per_cent(facts.speakers_women_per_cent)}."
        )
    if facts.space_agencies:
        opening = f"حضر حلقة العمل ممثلو {count(facts.space_agencies, AGENCY, genitive=True)}"
        sentences.append(f"{opening}: {join(facts.agency_names)}." if facts.agency_names else f"{opening}.")
    if len(facts.organizations) == 1:
        sentences.append(f"شاركت أيضاً المنظمة الدولية التالية: {facts.organizations[0]}.")
    elif facts.organizations:
        sentences.append(f"شاركت أيضاً المنظمات الدولية التالية: {join(facts.organizations)}.")
    heads = facts.heads_of_agency
    if heads:
        represented = "ممثَّلتين" if heads == 2 else "ممثَّلة"
        sentences.append(
            f"علاوة على ذلك، كانت {count(heads, AGENCY)} {represented} على مستوى رؤساء الوكالات أو المديرين."
        )
    return sentences


def _via(platform: str) -> str:
    return f" باستخدام منصة {platform}" if platform else ""


def _in_person(attended: Shown) -> str:
    if attended.rounded:
        return f"حضر حلقة العمل شخصياً أكثر من {count(attended.figure, PERSON, genitive=True)}"
    return f"حضر حلقة العمل شخصياً ما مجموعه {count(attended.figure, PERSON)}"


def _both(in_person: Shown, online: Shown, platform: str) -> str:
    if online.rounded and not in_person.rounded:
        return (
            f"{_in_person(in_person)}، في حين شارك أكثر من {count(online.figure, PERSON, genitive=True)} عبر "
            f"الإنترنت{_via(platform)}."
        )
    return f"{_in_person(in_person)}، في حين شارك {number(online.figure)} آخرون عبر الإنترنت{_via(platform)}."


def _in_person_only(in_person: Shown, registered_online: int) -> str:
    if registered_online:
        return f"{_in_person(in_person)}، في حين سجل {count(registered_online, PERSON)} للمشاركة عبر الإنترنت."
    return f"{_in_person(in_person)}."


def _online_only(online: Shown, platform: str, registered_in_person: int) -> str:
    if online.rounded:
        sentence = (
            f"شارك في حلقة العمل عبر الإنترنت{_via(platform)} أكثر من {count(online.figure, PERSON, genitive=True)}"
        )
    else:
        sentence = f"شارك في حلقة العمل عبر الإنترنت{_via(platform)} ما مجموعه {count(online.figure, PERSON)}"
    if registered_in_person:
        return f"{sentence}، في حين سجل {count(registered_in_person, PERSON)} لحضورها شخصياً."
    return f"{sentence}."


def _registered_only(in_person: int, online: int) -> str:
    return (
        f"من بين المشاركين المسجلين، سجل {count(in_person, PERSON)} لحضور حلقة العمل شخصياً و"
        f"{count(online, PERSON)} للمشاركة عبر الإنترنت."
    )


SAYINGS = AttendanceSayings(_both, _in_person_only, _online_only, _registered_only)


def _paragraph(sentences: list[str]) -> str:
    """Sentences after the first open with "و" (and), as Arabic prose links them."""
    sentences = [sentence for sentence in sentences if sentence]
    return " ".join([*sentences[:1], *(f"و{sentence}" for sentence in sentences[1:])])


def paragraphs(facts: Facts) -> list[str]:
    texts = [
        _paragraph(_registration(facts)),
        _paragraph(_speakers_and_organizations(facts)),
        attendance_sentence(facts, SAYINGS),
    ]
    return [text for text in texts if text]


SPEAKER = Noun("متحدث واحد", "متحدثان", "متحدثين", "متحدثين", "متحدثاً", "متحدث", False)
# Where a lead sentence's speakers came from (after "من").
_SPEAKERS_FROM = {
    "space_agencies": "الوكالات الفضائية",
    "government": "المؤسسات الحكومية",
    "academia": "الأوساط الأكاديمية",
    "industry": "قطاع الصناعة",
    "international": "المنظمات الدولية",
    "media": "وسائط الإعلام",
    "other": "منظمات أخرى",
}


def lead_sentence(lead: Lead) -> str:
    """The section's opening sentence, for example:
    "في الجلسة 1(a)، قدم 11 متحدثاً يمثلون تسع وكالات فضائية – ... – عروضاً." The verb opens the clause (singular before
    its subject); the participle and the presentations agree with the number of speakers."""
    category = plural_category(lead.speakers, "ar")
    speakers = count(lead.speakers, SPEAKER)
    if lead.agencies:
        representing = {"one": "يمثل", "two": "يمثلان"}.get(category, "يمثلون")
        agencies = count(len(lead.agencies), AGENCY, genitive=True)
        speakers += f" {representing} {agencies} – {join(lead.agencies)} –"
    elif lead.groups:
        speakers += f" من {join([_SPEAKERS_FROM[key] for key in lead.groups])}"
    presentations = {"one": "عرضاً", "two": "عرضين"}.get(category, "عروضاً")
    return f"{lead.where}، قدم {speakers} {presentations}."
