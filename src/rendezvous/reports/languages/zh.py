"""The Attendance section in Chinese, as the UN's Chinese documents write it.

Rules (see docs/report.md, "Chinese"): counts under 10 in Chinese numerals before their measure word ("九个航天机构",
"两个国家": 两, not 二, before a measure word), from 10 in Arabic figures ("82个国家", "520名与会者"); percentages
written out as "百分之" with the number in Chinese numerals ("百分之四十三"); lists joined by the enumeration comma
"、" and a final "和"; full-width punctuation ("，", "：", "。") and no space between sentences; "讲习班" for the
Workshop, as the UN's Chinese documents name these workshops.
"""

from .common import AttendanceSayings, Facts, Lead, Shown, attendance_sentence, composition_phrases

LANGUAGE = "zh"
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """0-9999 in Chinese numerals: 四十三, 十五 (not 一十五), 一百零五, 一百一十."""
    if not 0 <= n < 10_000:
        raise ValueError(f"{n} is outside the numerals this text needs.")
    if n < 10:
        return _DIGITS[n]
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def number(n: int) -> str:
    """A count before a measure word."""
    if n == 2:
        return "两"
    return _DIGITS[n] if 0 <= n < 10 else f"{n:,}"


def per_cent(n: int) -> str:
    return f"百分之{chinese_numeral(n)}"


def join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{'、'.join(items[:-1])}和{items[-1]}"


_PHRASES = {
    "institutions": "国际、区域、国家和地方机构",
    "academia": "研究与发展机构",
    "media": "媒体",
    "industry": "工业界和其他私营部门实体",
}
_ORGANIZATIONS = {
    ("intergovernmental", "ngo"): "政府间和非政府组织",
    ("intergovernmental",): "政府间组织",
    ("ngo",): "非政府组织",
}
ATTENDEES = "科学家、工程师、教育工作者、学生、政策制定者、决策者和专家"


def composition(organisation_types) -> str:
    phrases = composition_phrases(organisation_types, _PHRASES, _ORGANIZATIONS)
    if not phrases:
        return f"出席讲习班的有{ATTENDEES}。"
    return f"出席讲习班的有代表{'、'.join(phrases)}的{ATTENDEES}。"


def _registration(facts: Facts) -> list[str]:
    if facts.registered == 0:
        return ["没有与会者登记参加讲习班。"]
    sentences = [composition(facts.organisation_types)] if facts.organisation_types else []
    sentences.append(
        f"共有来自{number(len(facts.countries))}个国家的{number(facts.registered)}名与会者登记参加了讲习班。"
    )
    if facts.countries:
        sentences.append(f"下列国家有代表出席：{join(facts.countries)}。")
    if facts.women == 0:
        sentences.append("登记的与会者中没有女性。")
    else:
        sentences.append(
            f"在登记的与会者中，有{number(facts.women)}名女性，占与会者总数的{per_cent(facts.women_per_cent)}。"
        )
    if facts.online_link_shared:
        sentences.append("在线参会链接已发给所有与会者。")
    return sentences


def _speakers_and_organizations(facts: Facts) -> list[str]:
    sentences = []
    if facts.speakers == 1:
        sentences.append("一名发言者介绍了其活动。")
    elif facts.speakers > 1:
        sentences.append(
            f"在介绍其活动的{number(facts.speakers)}名发言者中，{per_cent(facts.speakers_women_per_cent)}为女性。"
        )
    if facts.space_agencies:
        opening = f"出席讲习班的有{number(facts.space_agencies)}个航天机构的代表"
        sentences.append(f"{opening}：{join(facts.agency_names)}。" if facts.agency_names else f"{opening}。")
    if facts.organizations:
        sentences.append(f"下列国际组织也参加了讲习班：{join(facts.organizations)}。")
    if facts.heads_of_agency:
        sentences.append(f"此外，有{number(facts.heads_of_agency)}个航天机构由机构负责人或主任级别人员代表出席。")
    return sentences


def _via(platform: str) -> str:
    return f"通过{platform}" if platform else ""


def _in_person(attended: Shown) -> str:
    if attended.rounded:
        return f"亲自出席讲习班的有{number(attended.figure)}多人"
    return f"共有{number(attended.figure)}人亲自出席了讲习班"


def _both(in_person: Shown, online: Shown, platform: str) -> str:
    if online.rounded and not in_person.rounded:
        return f"{_in_person(in_person)}，另有{number(online.figure)}多人{_via(platform)}在线参加。"
    return f"{_in_person(in_person)}，另有{number(online.figure)}人{_via(platform)}在线参加。"


def _in_person_only(in_person: Shown, registered_online: int) -> str:
    if registered_online:
        return f"{_in_person(in_person)}，另有{number(registered_online)}人登记在线参加。"
    return f"{_in_person(in_person)}。"


def _online_only(online: Shown, platform: str, registered_in_person: int) -> str:
    if online.rounded:
        sentence = f"{_via(platform)}在线参加讲习班的有{number(online.figure)}多人"
    else:
        sentence = f"共有{number(online.figure)}人{_via(platform)}在线参加了讲习班"
    if registered_in_person:
        return f"{sentence}，另有{number(registered_in_person)}人登记亲自出席。"
    return f"{sentence}。"


def _registered_only(in_person: int, online: int) -> str:
    return f"在登记的与会者中，{number(in_person)}人登记亲自出席，{number(online)}人登记在线参加。"


SAYINGS = AttendanceSayings(_both, _in_person_only, _online_only, _registered_only)


def paragraphs(facts: Facts) -> list[str]:
    texts = [
        "".join(_registration(facts)),
        "".join(_speakers_and_organizations(facts)),
        attendance_sentence(facts, SAYINGS),
    ]
    return [text for text in texts if text]


# Where a lead sentence's speakers came from ("来自……的").
_SPEAKERS_FROM = {
    "space_agencies": "航天机构",
    "government": "政府机构",
    "academia": "学术界",
    "industry": "工业界",
    "international": "国际组织",
    "media": "媒体",
    "other": "其他组织",
}


def lead_sentence(lead: Lead) -> str:
    """The section's opening sentence, for example:
    "在第 1(a) 场会议上，代表九个航天机构（国家航天局、……）的11名发言者作了发言。"
    Full-width punctuation throughout."""
    speakers = f"{number(lead.speakers)}名发言者"
    if lead.agencies:
        speakers = f"代表{number(len(lead.agencies))}个航天机构（{'、'.join(lead.agencies)}）的{speakers}"
    elif lead.groups:
        speakers = f"来自{join([_SPEAKERS_FROM[key] for key in lead.groups])}的{speakers}"
    return f"{lead.where}，{speakers}作了发言。"
