"""People's names in the order they write them: family name first in Chinese, Japanese and Korean script.

王亚平 is Wang (family) Yaping (given): printing "亚平 王" on a badge or "Dear 亚平 王" in a mail is wrong. A name
written in Latin letters keeps the order the person typed ("Yaping Wang"), since that is how they chose to write it.
"""

import re

# Han ideographs (with extensions A and compatibility), kana and Hangul syllables.
FAMILY_NAME_FIRST_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def family_name_first(given_name: str, family_name: str) -> bool:
    return bool(FAMILY_NAME_FIRST_SCRIPT.search(given_name or "") or FAMILY_NAME_FIRST_SCRIPT.search(family_name or ""))


def person_name(given_name: str, family_name: str, *, title: str = "") -> str:
    """The name to show and print: "王亚平" (no space between CJK parts), "Dr. Yaping Wang"."""
    given_name, family_name = (given_name or "").strip(), (family_name or "").strip()
    if family_name_first(given_name, family_name):
        both = family_name + given_name
        return f"{title} {both}".strip() if title else both
    return " ".join(part for part in (title, given_name, family_name) if part)
