"""Badge PDFs (reportlab) with the check-in QR code (segno), drawn as vector squares: no images, small files.

One drawing function serves both the single badge (A6 landscape, from the participant's page) and the A4 sheet of all
badges (2 × 4 per page, for organisers). The sheet is written page by page into a spooled temporary file, so memory
stays bounded however many participants there are.

Names come from ~80 countries: core/pdf_text.py shapes Arabic, orders it right to left and picks for each character
an embedded font the machine has (see .ci/run). Each badge speaks its holder's language (role label, country name,
dates); the edition's title stays in the language it was written in.
"""

import datetime
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

import segno
from babel.dates import format_interval
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rendezvous.core import i18n, pdf_text
from rendezvous.core.countries import UnknownCountryError, un_name
from rendezvous.core.i18n import supported
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


@dataclass(frozen=True)
class Badge:
    """What one badge shows, in its holder's language."""

    name: str
    organisation: str
    country: str
    role: str
    code: str
    speaker: bool = False
    language: str = "en"


def holder_language(registration: Registration) -> str:
    """The language the person applied in (every application records it), else the site's: no query per badge."""
    return supported(registration.language) or settings.LANGUAGE_CODE


def badge_for(registration: Registration) -> Badge:
    organisation = registration.organisation.name if registration.organisation else ""
    language = holder_language(registration)
    with translation.override(language):
        try:
            country = un_name(registration.country.code, language) if registration.country else ""
        except UnknownCountryError:
            country = registration.country.name
        role = registration.get_role_display()
    return Badge(
        registration.full_name,
        organisation,
        country,
        role,
        pass_for(registration).badge_code,
        speaker=registration.role == Role.SPEAKER,
        language=language,
    )


def edition_dates(edition: Edition, language: str = "en") -> str:
    """'21–24 November 2022', '30 November–2 December 2022', or two full dates across years; in another language,
    the Unicode CLDR's interval pattern for it ('2022年11月21日至24日', '21–24 نوفمبر 2022')."""
    start, end = edition.start_date, edition.end_date
    if not language.startswith("en"):
        return format_interval(start, end, "yMMMMd", locale=translation.to_locale(language))
    if start == end:
        return _day(start)
    if start.year != end.year:
        return f"{_day(start)}–{_day(end)}"
    if start.month != end.month:
        return f"{formats.date_format(start, 'MONTH_DAY_FORMAT')}–{_day(end)}"
    return date_range_label(start, end)


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _draw_lines(
    canvas: Canvas, lines: list[str], size: float, left: float, right: float, y: float, bold=False
) -> float:
    """Draw lines downward from baseline y between `left` and `right`, each from the side it starts at: the right on
    a right-to-left badge, otherwise the side of its script (Arabic from the right); return the baseline after the
    last one."""
    for line in lines:
        if translation.get_language_bidi() or pdf_text.is_rtl(line):
            pdf_text.draw(canvas, line, right, y, size, bold=bold, align="right")
        else:
            pdf_text.draw(canvas, line, left, y, size, bold=bold)
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
    # In the holder's language, which decides the direction of lines mixing scripts (pdf_text.is_rtl).
    with translation.override(badge.language):
        _draw_badge(canvas, badge, edition, x, y, width, height)


def _draw_badge(
    canvas: Canvas, badge: Badge, edition: Edition, x: float, y: float, width: float, height: float
) -> None:
    pdf_text.register_fonts()
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
    title_lines, title_size = pdf_text.fit(edition.title, 8 * scale, 5.5 * scale, width - 2 * pad, 2, bold=True)
    baseline = y + height - pad * 0.6 - title_size
    baseline = _draw_lines(canvas, title_lines, title_size, x + pad, x + width - pad, baseline, bold=True)
    place = i18n.comma().join(part for part in (edition.city, edition_dates(edition, badge.language)) if part)
    place_y = max(baseline, y + height - band + 2 * mm * scale)
    _draw_lines(canvas, [place], 6.5 * scale, x + pad, x + width - pad, place_y)

    # The QR code at the end of the lines (the right, or the left for a right-to-left holder), with the code printed
    # under it for typing when the camera fails. Its quiet zone may reach into the padding.
    mirrored = translation.get_language_bidi()
    qr_size = 34 * mm * scale
    qr_x = x + pad - 2 * mm * scale if mirrored else x + width - pad - qr_size + 2 * mm * scale
    qr_y = y + pad + 3 * mm * scale
    _draw_qr(canvas, badge.code, qr_x, qr_y, qr_size)
    canvas.setFillColor(GREY)
    pdf_text.draw(canvas, format_badge_code(badge.code), qr_x + qr_size / 2, y + pad, 6 * scale, align="centre")

    # Name, organisation, country where the lines start (Arabic set against the QR code on a left-to-right badge).
    text_width = width - 2 * pad - qr_size
    left = x + pad + qr_size if mirrored else x + pad
    right = left + text_width
    canvas.setFillColor(INK)
    name_lines, name_size = pdf_text.fit(badge.name, 17 * scale, 10 * scale, text_width, 2, bold=True)
    baseline = y + height - band - pad - name_size * 0.8
    baseline = _draw_lines(canvas, name_lines, name_size, left, right, baseline, bold=True)
    if badge.organisation:
        org_lines, org_size = pdf_text.fit(badge.organisation, 9 * scale, 6.5 * scale, text_width, 2)
        baseline = _draw_lines(canvas, org_lines, org_size, left, right, baseline - 1 * mm * scale)
    if badge.country:
        canvas.setFillColor(GREY)
        country_lines, country_size = pdf_text.fit(badge.country, 8 * scale, 6 * scale, text_width, 2)
        _draw_lines(canvas, country_lines, country_size, left, right, baseline - 0.5 * mm * scale)

    # The role, as a coloured label at the bottom where the lines start, in the holder's language.
    label = badge.role.upper()
    label_size = 9 * scale
    label_width = pdf_text.width(label, label_size, bold=True) + 6 * mm * scale
    label_x = x + width - pad - label_width if mirrored else x + pad
    canvas.setFillColor(UN_BLUE if badge.speaker else NAVY)
    canvas.roundRect(label_x, y + pad, label_width, label_size * 1.9, 1.5 * mm * scale, stroke=0, fill=1)
    canvas.setFillColor(white)
    pdf_text.draw(canvas, label, label_x + 3 * mm * scale, y + pad + label_size * 0.6, label_size, bold=True)
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
    spool, canvas = _new_pdf(
        _("Badge — %(name)s — %(edition)s") % {"name": registration.full_name, "edition": edition.title}, SINGLE_PAGE
    )
    draw_badge(canvas, badge_for(registration), edition, 0, 0, *SINGLE_PAGE)
    canvas.showPage()
    return _finish(spool, canvas)


def badge_sheet_pdf(edition: Edition, registrations: Iterable[Registration]):
    """A file object holding every badge, 2 × 4 to an A4 page, in the order given; an empty list gives one page
    saying so, so the organiser never downloads a broken file."""
    spool, canvas = _new_pdf(_("Badges — %(edition)s") % {"edition": edition.title}, A4)
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
        pdf_text.draw(
            canvas, _("No approved in-person participants yet: no badges to print."), 20 * mm, A4[1] - 30 * mm, 12
        )
    if count == 0 or count % per_page:
        canvas.showPage()
    return _finish(spool, canvas)
