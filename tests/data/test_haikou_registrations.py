"""The seed registrations CSV reproduces the report's attendance figures (read with the csv module only)."""

import csv
from collections import Counter

from rendezvous.core.countries import sorted_un_names
from rendezvous.reports.unstyle import per_cent
from tests.data import make_haikou_csv

CSV_PATH = make_haikou_csv.TARGET


def read_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == make_haikou_csv.COLUMNS
        return list(reader)


def test_file_is_what_the_generator_produces():
    assert CSV_PATH.read_text(encoding="utf-8") == make_haikou_csv.build()


def test_520_approved_participants_from_the_82_countries_of_the_report():
    rows = read_rows()
    assert len(rows) == 520
    assert {row["status"] for row in rows} == {"approved"}
    by_country = Counter(row["country"] for row in rows)
    assert set(by_country) == set(make_haikou_csv.REPORT_COUNTRY_CODES)
    assert len(by_country) == 82
    assert by_country.most_common(1)[0][0] == "CN"
    head, last = make_haikou_csv.REPORT_COUNTRIES.rsplit(" and ", 1)
    assert sorted_un_names(by_country) == [*head.split(", "), last]


def test_women_and_speakers():
    rows = read_rows()
    women = sum(row["gender"] == "female" for row in rows)
    speakers = [row for row in rows if row["role"] == "speaker"]
    speakers_women = sum(row["gender"] == "female" for row in speakers)
    assert (women, per_cent(women, len(rows))) == (226, 43)
    assert (len(speakers), speakers_women, per_cent(speakers_women, len(speakers))) == (68, 23, 33)


def test_twelve_space_agencies_nine_at_head_level():
    rows = read_rows()
    agencies = {row["organization"] for row in rows if row["organization_type"] == "space_agency"}
    assert agencies == {name for name, _country, _head in make_haikou_csv.SPACE_AGENCIES}
    assert len(agencies) == 12
    heads = {row["organization"] for row in rows if row["head_of_agency"] == "yes"}
    assert heads <= agencies
    assert len(heads) == 9


def test_in_person_in_china_online_elsewhere():
    rows = read_rows()
    assert Counter(row["attendance"] for row in rows) == {"in_person": 260, "online": 260}
    assert all((row["attendance"] == "in_person") == (row["country"] == "CN") for row in rows)


def test_values_are_within_the_design_vocabulary_and_plainly_synthetic():
    rows = read_rows()
    assert {row["gender"] for row in rows} <= {"female", "male", "other", "undisclosed"}
    assert {row["organization_type"] for row in rows} <= {
        "space_agency",
        "government",
        "intergovernmental",
        "academia",
        "industry",
        "ngo",
        "media",
        "other",
    }
    assert {row["role"] for row in rows} == {"participant", "speaker"}
    assert {row["head_of_agency"] for row in rows} == {"yes", "no"}
    assert len({row["email"] for row in rows}) == 520
    assert all(row["email"].endswith("@example.org") and row["given_name"] == "Participant" for row in rows)
    types_by_organization = {}
    for row in rows:
        types_by_organization.setdefault(row["organization"], set()).add(row["organization_type"])
    assert all(len(types) == 1 for types in types_by_organization.values())
