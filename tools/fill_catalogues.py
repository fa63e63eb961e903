"""Fill msgstr in the .po catalogues from numbered translation lists, and report what is missing.

The .po files (src/rendezvous/locale/<lang>/LC_MESSAGES/django.po) are the source of truth; this is a translator's
convenience. Workflow after `make messages` added new strings:

    python tools/fill_catalogues.py --list > ids.tsv          # number<TAB>msgid of every untranslated entry
    # write fr.json, es.json... as {"number": "translation"} (same numbers); a plural entry takes a list with one
    # form per plural form of the language (ar 6, ru 3, zh_Hans 1, es and fr 2)
    python tools/fill_catalogues.py --ids ids.tsv fr=fr.json es=es.json ...
    make catalogues                                            # compile

A feature that adds strings may bring their translations keyed by the English text instead of by number:

    python tools/fill_catalogues.py --by-msgid new-strings.json   # {"msgid": {"ar": "...", "es": "...", ...}}

(a plural entry's key is the singular msgid, its value per language a list of forms).

Without arguments it prints, per language, how many entries are untranslated or fuzzy.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "rendezvous" / "locale"
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def load(language: str):
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language)


def save(language: str, catalogue) -> None:
    with po_path(language).open("wb") as f:
        write_po(f, catalogue, width=120, omit_header=False, include_previous=False)


def missing(catalogue) -> list:
    # A plural entry's string is a tuple of forms: it is missing while any form is empty. A fuzzy entry (plural or
    # not) is a guess by makemessages and is left out of the compiled catalogue.
    return [
        m
        for m in catalogue
        if m.id and (m.fuzzy or (not all(m.string) if isinstance(m.string, tuple) else not m.string))
    ]


def key(message) -> str:
    return (f"[{message.context}] " if message.context else "") + repr(message.id)


def list_untranslated() -> None:
    seen: dict[str, None] = {}
    for language in LANGUAGES:
        for message in missing(load(language)):
            seen.setdefault(key(message), None)
    for number, text in enumerate(seen, 1):
        print(f"{number}\t{text}")


def read_numbered(path: str) -> dict[int, str]:
    rows = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            number, text = line.split("\t", 1)
            rows[int(number)] = text
    return rows


def read_translations(path: str) -> dict[int, str | list[str]]:
    if path.endswith(".json"):
        return {int(number): text for number, text in json.loads(Path(path).read_text(encoding="utf-8")).items()}
    return read_numbered(path)


def fill(ids_path: str, pairs: list[str]) -> None:
    ids = read_numbered(ids_path)
    for pair in pairs:
        language, path = pair.split("=", 1)
        translations = read_translations(path)
        catalogue = load(language)
        by_key = {key(m): m for m in catalogue if m.id}
        filled = 0
        for number, text in translations.items():
            message = by_key.get(ids[number])
            if message is None:
                print(f"{language}: no entry {number} {ids[number]}", file=sys.stderr)
                continue
            if isinstance(message.id, tuple) != isinstance(text, list):
                print(
                    f"{language}: entry {number} is {'plural' if isinstance(message.id, tuple) else 'singular'}",
                    file=sys.stderr,
                )
                continue
            message.string = tuple(text) if isinstance(text, list) else text
            message.flags.discard("fuzzy")
            filled += 1
        save(language, catalogue)
        print(f"{language}: {filled} filled, {len(missing(catalogue))} still missing")


def fill_by_msgid(path: str) -> None:
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for language in LANGUAGES:
        catalogue = load(language)
        by_msgid = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalogue if m.id}
        filled = 0
        for msgid, translations in entries.items():
            message, text = by_msgid.get(msgid), translations.get(language)
            if message is None or text is None or isinstance(message.id, tuple) != isinstance(text, list):
                continue
            message.string = tuple(text) if isinstance(text, list) else text
            message.flags.discard("fuzzy")
            filled += 1
        save(language, catalogue)
        print(f"{language}: {filled} filled, {len(missing(catalogue))} still missing")


def report() -> None:
    for language in LANGUAGES:
        catalogue = load(language)
        total = sum(1 for m in catalogue if m.id)
        print(f"{language}: {total} entries, {len(missing(catalogue))} untranslated or fuzzy")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--list"]:
        list_untranslated()
    elif args[:1] == ["--by-msgid"]:
        for path in args[1:]:
            fill_by_msgid(path)
    elif args[:1] == ["--ids"]:
        fill(args[1], args[2:])
    else:
        report()
