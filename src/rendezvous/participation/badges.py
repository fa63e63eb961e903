"""Badge PDFs (reportlab) with the check-in QR code (segno), drawn as vector squares: no images, small files.

One drawing function serves both the single badge (A6 landscape, from the participant's page) and the A4 sheet of all
badges (2 × 4 per page, for organisers). The sheet is written page by page into a spooled temporary file, so memory
stays bounded however many participants there are.

Fonts: names come from ~80 countries. DejaVu Sans (Latin, Cyrillic, Greek, Vietnamese...) is embedded when the system
has it, Bitstream Vera (shipped with reportlab) otherwise. Text with CJK characters uses an embeddable CJK TrueType
font when the system has one (Debian: fonts-droid-fallback or fonts-wqy-zenhei), else the standard Adobe CID font
STSong-Light, which is not embedded: Acrobat and most browsers supply it, some viewers show nothing.
"""

import datetime
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
import segno
from django.utils import formats
from django.utils.translation import gettext
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from rendezvous.core.countries import UnknownCountryError, un_name
from rendezvous.events.models import Edition
from rendezvous.events.services import date_range_label
from rendezvous.registration.models import Registration, Role

from .services import format_badge_code, pass_for

UN_BLUE = HexColor("#009edb")
NAVY = HexColor("#0b3d62")
INK = HexColor("#1b1b1b")
GREY = HexColor("#5b6770")
CUT_LINE = HexColor("#c8cdd2")

SHEET_COLUMNS, SHEET_ROWS = 2, 4
SHEET_BADGE = (A4[0] / SHEET_COLUMNS, A4[1] / SHEET_ROWS)  # 105 × 74.25 mm
SINGLE_PAGE = landscape(A6)  # 148 × 105 mm, the same badge scaled up
SPOOL_LIMIT = 8 * 1024 * 1024

_FONT_CANDIDATES = {
    "Badge": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Vera.ttf"],
    "Badge-Bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "VeraBd.ttf"],
}
CJK_CANDIDATES = [
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
]
CJK_FONT = "Badge-CJK"
CJK_CID_FONT = "STSong-Light"


@cache
def _register_fonts() -> str:
    """Register the badge fonts once; return the name of the font for CJK text."""
    reportlab_fonts = Path(reportlab.__file__).parent / "fonts"
    for name, candidates in _FONT_CANDIDATES.items():
        for candidate in candidates:
            path = Path(candidate) if candidate.startswith("/") else reportlab_fonts / candidate
            if path.exists():
                pdfmetrics.registerFont(TTFont(name, str(path)))
                break
    for path, index in CJK_CANDIDATES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(CJK_FONT, path, subfontIndex=index))
            return CJK_FONT
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_CID_FONT))
    return CJK_CID_FONT


def _font_for(text: str, font: str) -> str:
    is_cjk = any(unicodedata.east_asian_width(char) in ("W", "F") for char in text)
    return _register_fonts() if is_cjk else font


@dataclass(frozen=True)
class Badge:
    """What one badge shows."""

    name: str
    organisation: str
    country: str
    role: str
    code: str
    role_code: str = Role.PARTICIPANT


def badge_for(registration: Registration) -> Badge:
    organisation = registration.organisation.name if registration.organisation else ""
    try:
        country = un_name(registration.country.code) if registration.country else ""
    except UnknownCountryError:
        country = registration.country.name
    role = str(Role(registration.role).label)  # in the language the badges are printed in
    return Badge(
        registration.full_name, organisation, country, role, pass_for(registration).badge_code, registration.role
    )


def edition_dates(edition: Edition) -> str:
    """'21–24 November 2022', '30 November–2 December 2022', or two full dates across years."""
    start, end = edition.start_date, edition.end_date
    if start == end:
        return _day(start)
    if start.year != end.year:
        return f"{_day(start)}–{_day(end)}"
    if start.month != end.month:
        return f"{formats.date_format(start, 'MONTH_DAY_FORMAT')}–{_day(end)}"
    return date_range_label(start, end)


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _fit(text: str, font: str, size: float, min_size: float, width: float, max_lines: int) -> tuple[list[str], float]:
    """The largest size from `size` down to `min_size` at which `text` fits in `max_lines` lines of `width`."""
    while True:
        lines = simpleSplit(text, font, size, width)
        if len(lines) <= max_lines or size <= min_size:
            return lines[:max_lines], size
        size -= 0.5


def _draw_lines(canvas: Canvas, lines: list[str], font: str, size: float, x: float, y: float) -> float:
    """Draw lines downward from baseline y; return the baseline after the last one."""
    for line in lines:
        canvas.setFont(_font_for(line, font), size)
        canvas.drawString(x, y, line)
        y -= size * 1.2
    return y


def _draw_qr(canvas: Canvas, content: str, x: float, y: float, size: float) -> None:
    """The QR symbol as filled squares, row runs merged; (x, y) is the bottom-left corner, quiet zone included."""
    qr = segno.make(content, error="m", micro=False)
    rows = list(qr.matrix_iter(border=4))
    module = size / len(rows)
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(INK)
    path = canvas.beginPath()
    for row_index, row in enumerate(rows):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(x + start * module, top, (column - start) * module, module)
            else:
                column += 1
    canvas.drawPath(path, stroke=0, fill=1)


def draw_badge(canvas: Canvas, badge: Badge, edition: Edition, x: float, y: float, width: float, height: float) -> None:
    """One badge in the box (x, y, width, height); everything scales with the box."""
    _register_fonts()
    scale = height / SHEET_BADGE[1]
    pad = 5 * mm * scale
    band = 15 * mm * scale

    canvas.saveState()
    canvas.setStrokeColor(CUT_LINE)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, width, height, stroke=1, fill=0)

    # The band: edition title and dates.
    canvas.setFillColor(NAVY)
    canvas.rect(x, y + height - band, width, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    title_lines, title_size = _fit(edition.title, "Badge-Bold", 8 * scale, 5.5 * scale, width - 2 * pad, 2)
    baseline = y + height - pad * 0.6 - title_size
    baseline = _draw_lines(canvas, title_lines, "Badge-Bold", title_size, x + pad, baseline)
    place = ", ".join(part for part in (edition.city, edition_dates(edition)) if part)
    canvas.setFont("Badge", 6.5 * scale)
    canvas.drawString(x + pad, max(baseline, y + height - band + 2 * mm * scale), place)

    # The QR code, right, with the code printed under it for typing when the camera fails.
    qr_size = 34 * mm * scale
    qr_x = x + width - pad - qr_size + 2 * mm * scale  # the quiet zone may reach into the padding
    qr_y = y + pad + 3 * mm * scale
    _draw_qr(canvas, badge.code, qr_x, qr_y, qr_size)
    canvas.setFillColor(GREY)
    canvas.setFont("Badge", 6 * scale)
    canvas.drawCentredString(qr_x + qr_size / 2, y + pad, format_badge_code(badge.code))

    # Name, organisation, country on the left.
    text_width = qr_x - x - pad - 2 * mm * scale
    canvas.setFillColor(INK)
    name_lines, name_size = _fit(badge.name, "Badge-Bold", 17 * scale, 10 * scale, text_width, 2)
    baseline = y + height - band - pad - name_size * 0.8
    baseline = _draw_lines(canvas, name_lines, "Badge-Bold", name_size, x + pad, baseline)
    if badge.organisation:
        org_lines, org_size = _fit(badge.organisation, "Badge", 9 * scale, 6.5 * scale, text_width, 2)
        baseline = _draw_lines(canvas, org_lines, "Badge", org_size, x + pad, baseline - 1 * mm * scale)
    if badge.country:
        canvas.setFillColor(GREY)
        country_lines, country_size = _fit(badge.country, "Badge", 8 * scale, 6 * scale, text_width, 2)
        _draw_lines(canvas, country_lines, "Badge", country_size, x + pad, baseline - 0.5 * mm * scale)

    # The role, as a coloured label at the bottom left.
    label_size = 9 * scale
    canvas.setFont("Badge-Bold", label_size)
    label_width = canvas.stringWidth(badge.role.upper(), "Badge-Bold", label_size) + 6 * mm * scale
    canvas.setFillColor(UN_BLUE if badge.role_code == Role.SPEAKER else NAVY)
    canvas.roundRect(x + pad, y + pad, label_width, label_size * 1.9, 1.5 * mm * scale, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.drawString(x + pad + 3 * mm * scale, y + pad + label_size * 0.6, badge.role.upper())
    canvas.restoreState()


def _new_pdf(title: str, pagesize):
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_LIMIT)  # noqa: SIM115 — handed to the response, which closes it
    canvas = Canvas(spool, pagesize=pagesize, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Rendezvous")
    return spool, canvas


def _finish(spool, canvas: Canvas):
    canvas.save()
    spool.seek(0)
    return spool


def single_badge_pdf(registration: Registration):
    """A file object holding one badge on an A6 landscape page."""
    edition = registration.edition
    spool, canvas = _new_pdf(f"Badge — {registration.full_name} — {edition.title}", SINGLE_PAGE)
    draw_badge(canvas, badge_for(registration), edition, 0, 0, *SINGLE_PAGE)
    canvas.showPage()
    return _finish(spool, canvas)


def badge_sheet_pdf(edition: Edition, registrations: Iterable[Registration]):
    """A file object holding every badge, 2 × 4 to an A4 page, in the order given; an empty list gives one page
    saying so, so the organiser never downloads a broken file."""
    spool, canvas = _new_pdf(f"Badges — {edition.title}", A4)
    per_page = SHEET_COLUMNS * SHEET_ROWS
    count = 0
    for count, registration in enumerate(registrations, start=1):
        slot = (count - 1) % per_page
        column, row = slot % SHEET_COLUMNS, slot // SHEET_COLUMNS
        badge_x = column * SHEET_BADGE[0]
        badge_y = A4[1] - (row + 1) * SHEET_BADGE[1]
        draw_badge(canvas, badge_for(registration), edition, badge_x, badge_y, *SHEET_BADGE)
        if slot == per_page - 1:
            canvas.showPage()
    if count == 0:
        _register_fonts()
        canvas.setFont("Badge", 12)
        canvas.drawString(
            20 * mm, A4[1] - 30 * mm, gettext("No approved in-person participants yet: no badges to print.")
        )
    if count == 0 or count % per_page:
        canvas.showPage()
    return _finish(spool, canvas)
