"""Regenerate ``un_countries.csv`` from the UN Countries & Territories taxonomy shipped by hdx-python-country.

Run from the project root: ``.venv/bin/python -m rendezvous.core.data.make_un_countries``.

The taxonomy (the "Preferred Term" column follows UNTERM) is copied verbatim, one row per ISO 3166-1 code, so that
loading Django settings reads a 37 kB file instead of importing the library (half a second). UN editorial corrections
are NOT made here: they live, tested, in ``rendezvous.core.countries`` (the override table and the apostrophe rule),
where a reader sees them next to the code that applies them.
"""

import csv
import io
from importlib import metadata, resources
from pathlib import Path

SOURCE_PACKAGE = "hdx-python-country"
SOURCE_VERSION = "4.2.5"  # keep equal to the pin in pyproject.toml
SOURCE_FILE = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
TARGET = Path(__file__).with_name("un_countries.csv")
COLUMNS = ["iso2", "iso3", "m49", "preferred_term", "status", "region", "sub_region", "intermediate_region"]
# Names in the other official languages of the UN (the interface's languages). The M49 columns come first: the short
# -name columns repeat the English column's "Naoero" for Nauru in every language.
OTHER_LANGUAGES = {"fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}
COLUMNS += [f"name_{code}" for code in OTHER_LANGUAGES]


def status_of(row: dict[str, str]) -> str:
    """'member' for the 193 Member States (the DGACM list), 'observer' for the two observer States, else 'other'."""
    if row["Appears in DGACM list"] == "Y":
        return "member"
    if row["ISO 3166-1 Alpha 2-Codes"] in {"VA", "PS"}:
        return "observer"
    return "other"


def build() -> str:
    installed = metadata.version(SOURCE_PACKAGE)
    if installed != SOURCE_VERSION:
        raise RuntimeError(f"{SOURCE_PACKAGE} {installed} is installed; this data was taken from {SOURCE_VERSION}.")
    source = resources.files("hdx.location").joinpath(SOURCE_FILE).read_text(encoding="utf-8")
    rows = [row for row in csv.DictReader(io.StringIO(source)) if row["ISO 3166-1 Alpha 2-Codes"]]
    rows.sort(key=lambda row: row["ISO 3166-1 Alpha 2-Codes"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row["ISO 3166-1 Alpha 2-Codes"],
                row["ISO 3166-1 Alpha 3-Codes"],
                row["m49 numerical code"].zfill(3) if row["m49 numerical code"] else "",
                row["Preferred Term"],
                status_of(row),
                row["Region Name"],
                row["Sub-region Name"],
                row["Intermediate Region Name"],
                *(row[f"M49 {language}"] or row[f"{language} Short"] for language in OTHER_LANGUAGES.values()),
            ]
        )
    return out.getvalue()


def main() -> None:
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
