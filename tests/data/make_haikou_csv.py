"""Generate ``haikou-2022-registrations.csv``: synthetic registrations whose totals are the report's (A/AC.105/1294).

Run from the project root: ``.venv/bin/python -m tests.data.make_haikou_csv``. The output is deterministic (fixed
seed), so rerunning it changes nothing unless this script changes.

Design: exactly 520 rows, all ``approved``, so that "registered" (approved registrations) is the report's 520
participants. Every one of the report's 82 countries appears; China is the largest group. The report's hybrid format
gives the attendance split: the 260 participants based in China attend in person, the 260 elsewhere online. 226 women
(43 per cent); 68 speakers of whom 23 are women (33 per cent, truncated: see ``reports.unstyle.per_cent``). The 12
space agencies named in the report each have participants (organization_type ``space_agency``); the nine agencies
whose speakers opened session 1(a) each send their head (``head_of_agency=yes``), the other three do not. The five
international organizations named in the report are there too. People are plainly synthetic ("Participant 001",
participant001@example.org); so are the other organisations ("Example University KE-1").
"""

import csv
import io
import random
from pathlib import Path

SEED = 2022
# The demo loads it (rendezvous.demo.registration); tests read it from there too.
TARGET = Path(__file__).resolve().parents[2] / "src" / "rendezvous" / "demo" / "seed" / "haikou-2022-registrations.csv"
COLUMNS = [
    "given_name",
    "family_name",
    "email",
    "gender",
    "country",
    "organization",
    "organization_type",
    "role",
    "attendance",
    "status",
    "head_of_agency",
]

# Paragraph 9 of the report, verbatim: the countries represented.
REPORT_COUNTRIES = (
    "Afghanistan, Algeria, Argentina, Australia, Austria, Azerbaijan, Bahrain, Bangladesh, Benin, Bhutan, Bolivia "
    "(Plurinational State of), Botswana, Brazil, Bulgaria, Cameroon, Canada, Chile, China, Colombia, Congo, Costa "
    "Rica, Croatia, Ecuador, Egypt, Ethiopia, France, Germany, Ghana, Greece, Hungary, India, Indonesia, Iran (Islamic "
    "Republic of), Italy, Japan, Jordan, Kazakhstan, Kenya, Lao People’s Democratic Republic, Libya, Luxembourg, "
    "Malaysia, Mexico, Mongolia, Morocco, Namibia, Nepal, Netherlands (Kingdom of the), Nicaragua, Nigeria, Norway, "
    "Pakistan, Peru, Philippines, Poland, Portugal, Republic of Korea, Romania, Russian Federation, Rwanda, Saudi "
    "Arabia, Sierra Leone, Singapore, Slovenia, South Africa, Spain, Sri Lanka, Sudan, Sweden, Switzerland, Thailand, "
    "Tunisia, Türkiye, Ukraine, United Arab Emirates, United Kingdom of Great Britain and Northern Ireland, United "
    "Republic of Tanzania, United States of America, Uzbekistan, Venezuela (Bolivarian Republic of), Viet Nam and "
    "Zimbabwe"
)
# The same 82 countries by ISO code, in the report's order.
REPORT_COUNTRY_CODES_TEXT = (
    "AF DZ AR AU AT AZ BH BD BJ BT BO BW BR BG CM CA CL CN CO CG CR HR EC EG ET FR DE GH GR HU IN ID IR IT JP JO "
    "KZ KE LA LY LU MY MX MN MA NA NP NL NI NG NO PK PE PH PL PT KR RO RU RW SA SL SG SI ZA ES LK SD SE CH TH TN "
    "TR UA AE GB TZ US UZ VE VN ZW"
)
REPORT_COUNTRY_CODES = REPORT_COUNTRY_CODES_TEXT.split()

# Paragraph 10: the 12 space agencies, in the report's order (the report's stray comma in ABAE's name dropped),
# each with the country its participants come from and whether the agency was represented at head level.
SPACE_AGENCIES = [
    ("Argentina National Commission on Space Activities Commission (CONAE)", "AR", True),
    ("CNSA", "CN", True),
    ("Egypt Space Agency", "EG", False),
    ("National Centre for Space Studies (CNES) of France", "FR", True),
    ("Korea Aerospace Research Institute (KARI)", "KR", True),
    ("Nigeria National Space Research and Development Agency", "NG", False),
    ("Pakistan Space and Upper Atmosphere Research Commission (SUPARCO)", "PK", True),
    ("State Space Corporation (ROSCOSMOS) of the Russian Federation", "RU", True),
    ("Turkish Space Agency", "TR", False),
    ("National Aeronautics and Space Administration (NASA) of the United States", "US", True),
    ("Bolivarian Agency for Space Activities (ABAE) of the Bolivarian Republic of Venezuela", "VE", True),
    ("European Space Agency (ESA)", "NL", True),
]
# Paragraph 10: the international organizations that also participated, in the report's order.
INTERNATIONAL_ORGANIZATIONS = [
    ("Asia Pacific Space Cooperation Organization (APSCO)", "CN", "intergovernmental"),
    ("Committee on Space Research (COSPAR)", "FR", "ngo"),
    (
        "Regional Centre for Space Science and Technology Education in Asia and the Pacific (China)",
        "CN",
        "intergovernmental",
    ),
    ("Secure World Foundation (SWF)", "US", "ngo"),
    ("Space Generation Advisory Council (SGAC)", "AT", "ngo"),
]

REGISTERED = 520
IN_CHINA = 260  # in person; everyone else online
WOMEN = 226
SPEAKERS = 68
SPEAKERS_WOMEN = 23
UNDISCLOSED, OTHER_GENDER = 4, 2
GENERIC_KINDS = [
    ("Example University", "academia"),
    ("Example Research Institute", "academia"),
    ("Example Space Company", "industry"),
    ("Example Government Office", "government"),
    ("Example Association", "other"),
]


def _person(country: str, organization: str, organization_type: str, head: bool = False, speaker: bool = False):
    return {
        "country": country,
        "organization": organization,
        "organization_type": organization_type,
        "head": head,
        "speaker": speaker,
    }


def _fixed_people() -> list[dict]:
    """The agency and international-organization participants, with the session 1(a) speakers among them."""
    people = []
    for name, country, head_level in SPACE_AGENCIES:
        size = 12 if country == "CN" else 2
        for index in range(size):
            is_head = head_level and index == 0
            # Eleven speakers from nine agencies opened session 1(a): each head, and two more from CNSA.
            speaker = is_head or (country == "CN" and index in (1, 2))
            people.append(_person(country, name, "space_agency", head=is_head, speaker=speaker))
    for name, country, kind in INTERNATIONAL_ORGANIZATIONS:
        for index in range(2):
            speaker = index == 0 and ("APSCO" in name or "COSPAR" in name)
            people.append(_person(country, name, kind, speaker=speaker))
    return people


def _country_sizes(rng: random.Random, fixed: list[dict]) -> dict[str, int]:
    """China 260; the other 81 countries share 260, each at least one and at least its fixed participants."""
    others = [code for code in REPORT_COUNTRY_CODES if code != "CN"]
    sizes = {code: max(1, sum(person["country"] == code for person in fixed)) for code in others}
    weights = [rng.choice((1, 1, 1, 2, 3, 6)) for _ in others]
    for code in rng.choices(others, weights=weights, k=REGISTERED - IN_CHINA - sum(sizes.values())):
        sizes[code] += 1
    return {"CN": IN_CHINA, **sizes}


def build_rows() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    people = _fixed_people()
    sizes = _country_sizes(rng, people)
    for code in REPORT_COUNTRY_CODES:
        missing = sizes[code] - sum(person["country"] == code for person in people)
        for index in range(missing):
            label, kind = GENERIC_KINDS[rng.randrange(len(GENERIC_KINDS))]
            number = index % 3 + 1
            people.append(_person(code, f"{label} {code}-{number}", kind))
    rng.shuffle(people)

    fixed_speakers = [i for i, person in enumerate(people) if person["speaker"]]
    candidates = [i for i, person in enumerate(people) if not person["speaker"]]
    for i in rng.sample(candidates, SPEAKERS - len(fixed_speakers)):
        people[i]["speaker"] = True
    speakers = [i for i, person in enumerate(people) if person["speaker"]]
    listeners = [i for i, person in enumerate(people) if not person["speaker"]]
    women = set(rng.sample(speakers, SPEAKERS_WOMEN)) | set(rng.sample(listeners, WOMEN - SPEAKERS_WOMEN))
    rest = [i for i in listeners if i not in women]
    undisclosed_and_other = rng.sample(rest, UNDISCLOSED + OTHER_GENDER)
    undisclosed = set(undisclosed_and_other[:UNDISCLOSED])
    other = set(undisclosed_and_other[UNDISCLOSED:])

    rows = []
    for index, person in enumerate(people):
        number = f"{index + 1:03d}"
        if index in women:
            gender = "female"
        elif index in undisclosed:
            gender = "undisclosed"
        elif index in other:
            gender = "other"
        else:
            gender = "male"
        rows.append(
            {
                "given_name": "Participant",
                "family_name": number,
                "email": f"participant{number}@example.org",
                "gender": gender,
                "country": person["country"],
                "organization": person["organization"],
                "organization_type": person["organization_type"],
                "role": "speaker" if person["speaker"] else "participant",
                "attendance": "in_person" if person["country"] == "CN" else "online",
                "status": "approved",
                "head_of_agency": "yes" if person["head"] else "no",
            }
        )
    return rows


def build() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(build_rows())
    return out.getvalue()


def main() -> None:
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
