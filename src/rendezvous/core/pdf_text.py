"""Text on generated PDFs (badges, certificates, visa letters) as people write it: Arabic shaped and right to left, CJK,
Cyrillic and Latin each in an embedded font the machine has.

Why not ReportLab's own shaping: since 4.1 it can shape through HarfBuzz, but only with two optional compiled packages
(uharfbuzz for the shapes, rlbidi for the direction), and it draws glyph ids chosen by HarfBuzz rather than the
characters, which makes the result harder to check by extracting the text. Instead Arabic is shaped into the Unicode
presentation forms (arabic-reshaper), put in visual order by the Unicode bidirectional algorithm (python-bidi), and
drawn glyph by glyph like any other text. Every glyph keeps a character: extracting the text gives the presentation
forms, which pypdf and pdftotext put back in logical order, and `logical_text` turns them back into the letters as
typed (tests/documents/test_pdf_scripts.py checks it).

Fonts come from Debian packages that .ci/run and the README install, never from what a developer's machine happens to
have: fonts-dejavu-core (Latin, Greek, Cyrillic, Arabic) and fonts-droid-fallback (Chinese, Japanese, Korean: a
TrueType font, which ReportLab can embed; fonts-noto-cjk is OpenType/CFF, which it cannot). fonts-noto-core's Arabic
and fonts-wqy-zenhei are used when present. Each character is drawn in the first font of the chain that has it; a
character no installed font has falls back to Adobe's non-embedded STSong-Light (CJK) or to the main font's empty box,
with a warning in the log naming the package to install, and `missing_scripts` feeds a system check.
"""

import logging
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import arabic_reshaper
import reportlab
from arabic_reshaper.ligatures import LIGATURES
from bidi import get_display
from django.utils import translation
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger(__name__)

REGULAR, BOLD = "Badge", "Badge-Bold"
CID_FALLBACK = "STSong-Light"
_REPORTLAB_FONTS = Path(reportlab.__file__).parent / "fonts"

# (path, index inside a collection). The first that exists becomes REGULAR/BOLD; the others are fallbacks in order.
_CHAINS = {
    REGULAR: [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", 0),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        (str(_REPORTLAB_FONTS / "Vera.ttf"), 0),
    ],
    BOLD: [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf", 0),
        # No bold CJK TrueType in Debian's small packages: the regular face, which reads fine at badge sizes.
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        (str(_REPORTLAB_FONTS / "VeraBd.ttf"), 0),
    ],
}

# The scripts names come in, a character each needs (Arabic: a shaped form, what is drawn), and the Debian package
# that brings an embeddable font with it.
SCRIPTS = {
    "Latin": ("é", "fonts-dejavu-core"),
    "Cyrillic": ("Ж", "fonts-dejavu-core"),
    "Arabic": ("\ufeb3", "fonts-dejavu-core"),
    "Chinese, Japanese and Korean": ("王", "fonts-droid-fallback"),
}

_ARABIC_MARKS = {*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)}


@dataclass(frozen=True)
class _Font:
    name: str
    characters: frozenset[int]


@cache
def _chains() -> dict[str, tuple[_Font, ...]]:
    """Register the installed fonts once, under REGULAR/BOLD for the first of each chain."""
    chains = {}
    for style, candidates in _CHAINS.items():
        fonts, seen = [], set()
        for path, index in candidates:
            if path in seen or not Path(path).exists():
                continue
            seen.add(path)
            name = style if not fonts else f"{style}-{len(fonts)}"
            # shapable=False: the text arrives shaped; HarfBuzz, if someone installs uharfbuzz, must not shape again.
            font = TTFont(name, path, subfontIndex=index, shapable=False)
            pdfmetrics.registerFont(font)
            fonts.append(_Font(name, frozenset(font.face.charToGlyph)))
        chains[style] = tuple(fonts)
    return chains


def register_fonts() -> None:
    _chains()


@cache
def _cid_fallback() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


def missing_scripts() -> list[tuple[str, str]]:
    """(script, Debian package) for each script no installed font can draw."""
    fonts = _chains()[REGULAR]
    return [
        (script, package)
        for script, (sample, package) in SCRIPTS.items()
        if not any(ord(sample) in font.characters for font in fonts)
    ]


def _first_strong_is_rtl(text: str) -> bool:
    """The direction of the text's first strong character (Unicode bidi rule P2)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def is_rtl(text: str) -> bool:
    """Whether a line reads right to left (and is set from the right). A line with Arabic in it does when the document
    is in a right-to-left language ("Haikou، الصين — 16–19 نوفمبر 2026" starts at the right although its first word is
    Latin); otherwise its first strong character decides, so an Arabic name in an English letter still reads right
    to left and an English edition title in an Arabic certificate left to right."""
    if not _has_rtl(text):
        return False
    return translation.get_language_bidi() or _first_strong_is_rtl(text)


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Shapes with the ligatures the Arabic-capable font has (lam-alef always; ﷲ only if drawable); keeps harakat,
    which are part of how some people write their names."""
    fonts = _chains()[REGULAR]
    drawable = set().union(*(font.characters for font in fonts)) if fonts else set()
    configuration = {"delete_harakat": False, "support_ligatures": True}
    for name, (_source, forms) in LIGATURES:
        configuration[name] = all(ord(char) in drawable for form in forms for char in form)
    return arabic_reshaper.ArabicReshaper(configuration=configuration)


def visual(text: str) -> str:
    """What to draw left to right: Arabic shaped and reordered by the bidi algorithm; other text unchanged."""
    text = unicodedata.normalize("NFC", text)
    if not _has_rtl(text):
        return text
    return _visual(text, is_rtl(text))


@cache
def _visual(text: str, rtl: bool) -> str:
    reordered = get_display(_reshaper().reshape(text), base_dir="R" if rtl else "L")
    # Reversal puts an Arabic vowel mark before its letter; zero-width marks are drawn over the glyph before them.
    result, marks = [], []
    for char in reordered:
        if ord(char) in _ARABIC_MARKS:
            marks.append(char)
        else:
            result.append(char)
            result.extend(marks)
            marks = []
    return "".join(result + marks)


def logical_text(extracted: str) -> str:
    """Text extracted from one of our PDFs, in the letters it was typed: pypdf and pdftotext already return Arabic
    in logical order (they apply the bidi algorithm to what they read), with the presentation forms we drew, which
    NFKC turns back into letters; pdftotext's embedding marks go."""
    return unicodedata.normalize("NFKC", extracted).translate(_BIDI_CONTROLS)


_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])


def _font_for_char(char: str, fonts: tuple[_Font, ...]) -> str:
    code = ord(char)
    for font in fonts:
        if code in font.characters:
            return font.name
    if unicodedata.east_asian_width(char) in ("W", "F"):
        _warn_missing(char, "Adobe's STSong-Light, which viewers supply (install fonts-droid-fallback to embed one)")
        return _cid_fallback()
    _warn_missing(char, "an empty box (the fonts the project expects are listed in .ci/run)")
    return fonts[0].name if fonts else _cid_fallback()


@cache
def _warn_missing(char: str, fallback: str) -> None:
    logger.warning("No installed font draws %r (U+%04X): it prints in %s.", char, ord(char), fallback)


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """(font name, text) pieces of the visual text, each in the first font that has its characters."""
    fonts = _chains()[BOLD if bold else REGULAR]
    pieces: list[tuple[str, str]] = []
    for char in visual(text):
        # Spaces and marks stay in the font of the text around them when it has them.
        previous = pieces[-1][0] if pieces else None
        same_font = previous and (unicodedata.combining(char) or char.isspace()) and ord(char) in _covered()[previous]
        font = previous if same_font else _font_for_char(char, fonts)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + char)
        else:
            pieces.append((font, char))
    return pieces


@cache
def _covered() -> dict[str, frozenset[int]]:
    return {font.name: font.characters for fonts in _chains().values() for font in fonts} | {CID_FALLBACK: frozenset()}


def width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text, bold))


def draw(canvas, text: str, x: float, y: float, size: float, *, bold: bool = False, align: str = "left") -> float:
    """Draw one line at baseline y; `align` is left, right or centre (x is then the right edge or the middle).
    Returns the width drawn."""
    pieces = runs(text, bold)
    total = sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in pieces)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    for font, piece in pieces:
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)
    return total


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Logical lines no wider than max_width: breaks at spaces, and between characters inside a word too long for a
    line (CJK text has no spaces)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if width(candidate, size, bold) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if line and width(line + char, size, bold) > max_width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


def fit(text: str, size: float, min_size: float, max_width: float, max_lines: int, bold: bool = False):
    """(lines, size): the largest size from `size` down to `min_size` at which `text` fits in `max_lines` lines."""
    while True:
        lines = wrap(text, size, max_width, bold)
        if len(lines) <= max_lines or size <= min_size:
            return lines[:max_lines], size
        size -= 0.5
