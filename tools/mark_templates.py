"""One-off helper used to mark the existing templates' visible text for translation (kept for new templates).

Wraps each run of text (with any `{{ variables }}` inside it) that contains letters in `{% translate %}` or
`{% blocktranslate trimmed with ... %}`, and the placeholder/title/aria-label/alt attributes; adds `{% load i18n %}`.
Skips <script>, <style>, comments and what is already marked. Review the diff: it is a first pass, not a parser.

    python tools/mark_templates.py src/rendezvous/**/templates/**/*.html
"""

import re
import sys

TOKEN = re.compile(r"(\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<!--.*?-->|<[^>]*>)", re.S)
LETTER = re.compile(r"[A-Za-z]{2,}")
ATTR = re.compile(r'\b(placeholder|title|aria-label|alt)="([^"{}]*[A-Za-z]{2,}[^"{}]*)"')
OPENERS = {"blocktranslate", "blocktrans", "comment", "verbatim"}


def var_name(expr: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9_]", "_", expr.split("|")[0].split(".")[-1].strip().lower()) or "value"
    if base[0].isdigit():
        base = "v" + base
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def wrap_run(run: list[str]) -> str:
    text = "".join(run)
    if not LETTER.search(re.sub(r"\{\{.*?\}\}|&\w+;", "", text)):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    body = text.strip()
    if "{{" not in body:
        if '"' not in body:
            return f'{lead}{{% translate "{body}" %}}{trail}'
        if "'" not in body:
            return f"{lead}{{% translate '{body}' %}}{trail}"
        return text
    used: set[str] = set()
    withs = []

    def sub(match):
        expr = match.group(1).strip()
        name = var_name(expr, used)
        # Spaces are only allowed inside quoted filter arguments (`date:"j F Y"`).
        compact = "".join(
            piece if k % 2 else piece.replace(" ", "")
            for k, piece in enumerate(re.split(r'("[^"]*"|\'[^\']*\')', expr))
        )
        withs.append(f"{name}={compact}")
        return "{{ " + name + " }}"

    inner = re.sub(r"\{\{(.*?)\}\}", sub, body)
    return f"{lead}{{% blocktranslate trimmed with {' '.join(withs)} %}}{inner}{{% endblocktranslate %}}{trail}"


def attr_sub(tag: str) -> str:
    def sub(m):
        value = m.group(2)
        if "'" in value:
            return m.group(0)
        return f"{m.group(1)}=\"{{% translate '{value}' %}}\""

    return ATTR.sub(sub, tag)


def mark(source: str) -> str:
    parts = TOKEN.split(source)
    out: list[str] = []
    run: list[str] = []
    skip_until = None

    def flush():
        if run:
            out.append(wrap_run(run))
            run.clear()

    for i, part in enumerate(parts):
        is_token = i % 2 == 1
        if skip_until:
            out.append(part)
            if is_token and re.match(skip_until, part):
                skip_until = None
            continue
        if not is_token:
            run.append(part)
            continue
        if part.startswith("{{"):
            run.append(part)
            continue
        flush()
        if part.startswith("{%"):
            word = part[2:-2].split()[0] if part[2:-2].split() else ""
            if word in OPENERS:
                skip_until = r"\{%\s*end" + word
            out.append(part)
        elif re.match(r"<(script|style)\b", part, re.I):
            skip_until = r"</" + re.match(r"<(\w+)", part).group(1)
            out.append(part)
        elif part.startswith("<") and not part.startswith("<!--"):
            out.append(attr_sub(part))
        else:
            out.append(part)
    flush()
    result = "".join(out)
    if result != source and not re.search(r"\{%\s*load\b[^%]*\bi18n\b", result):
        extends = re.match(r"\s*\{%\s*extends[^%]*%\}\n?", result)
        at = extends.end() if extends else 0
        result = result[:at] + "{% load i18n %}" + ("\n" if extends else "") + result[at:]
    return result


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        marked = mark(source)
        if marked != source:
            with open(path, "w", encoding="utf-8") as f:
                f.write(marked)
            print("marked", path)
