"""The certificate of attendance and the visa invitation letter as A4 PDFs (reportlab), each with a verification QR.

Text goes through core/pdf_text.py, like the badges': names from ~80 countries in their own script, Arabic shaped
and right to left, each paragraph set from the side its script starts at. The certificate is written in its holder's
language (the one they applied in); the visa letter, which a consulate reads, in the language of whoever downloads it.
"""

import io

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rendezvous.core import pdf_text
from rendezvous.core.countries import UnknownCountryError, un_name
from rendezvous.participation.badges import GREY, INK, NAVY, UN_BLUE, edition_dates, holder_language
from rendezvous.participation.badges import _draw_qr as draw_qr

from .models import Certificate, DocumentSettings, VisaLetterRequest

REGULAR, BOLD = pdf_text.REGULAR, pdf_text.BOLD
WIDTH, HEIGHT = A4
MARGIN = 22 * mm


def verification_url(reference: str) -> str:
    return settings.SITE_URL + reverse("documents:verify", args=[reference])


def settings_of(edition) -> DocumentSettings:
    return DocumentSettings.objects.filter(edition=edition).first() or DocumentSettings(edition=edition)


def issuing_organisations(edition) -> str:
    chosen = settings_of(edition).issuing_organisations
    if chosen:
        return chosen
    return ", ".join(link.organisation.name for link in edition.organiser_links.select_related("organisation"))


def place_of(edition) -> str:
    venue = edition.venues.first()
    country = ""
    if edition.country:
        try:
            country = un_name(edition.country.code, translation.get_language())
        except UnknownCountryError:
            country = edition.country.name
    parts = [venue.name if venue else "", edition.city, country]
    return ", ".join(part for part in parts if part) or _("online")


def _text(canvas, text, x, y, size, font=REGULAR, colour=INK, centre=False):
    """One line at baseline y: centred on the page, else from the left margin x, or from the right margin for a
    line in a right-to-left script."""
    canvas.setFillColor(colour)
    bold = font == BOLD
    if centre:
        pdf_text.draw(canvas, text, x, y, size, bold=bold, align="centre")
    elif pdf_text.is_rtl(text):
        pdf_text.draw(canvas, text, WIDTH - x, y, size, bold=bold, align="right")
    else:
        pdf_text.draw(canvas, text, x, y, size, bold=bold)


def _paragraph(canvas, text, x, y, size, width, font=REGULAR, centre=False, leading=1.35) -> float:
    """Wrapped text downward from baseline y; returns the next baseline."""
    for line in pdf_text.wrap(text, size, width, bold=font == BOLD) or [""]:
        _text(canvas, line, x if not centre else WIDTH / 2, y, size, font, centre=centre)
        y -= size * leading
    return y


def _signature_and_qr(canvas, edition, reference: str) -> None:
    document_settings = settings_of(edition)
    y = 62 * mm
    canvas.setStrokeColor(GREY)
    canvas.line(MARGIN, y, MARGIN + 70 * mm, y)
    _text(canvas, document_settings.signatory_name, MARGIN, y - 6 * mm, 11, BOLD)
    _paragraph(canvas, document_settings.signatory_title, MARGIN, y - 11 * mm, 9, 90 * mm)
    qr_size = 34 * mm
    draw_qr(canvas, verification_url(reference), WIDTH - MARGIN - qr_size, 26 * mm, qr_size)
    _text(canvas, _("Reference"), MARGIN, 30 * mm, 8, colour=GREY)
    _text(canvas, reference, MARGIN, 25 * mm, 8)
    _text(canvas, _("Check this document at:"), MARGIN, 19 * mm, 8, colour=GREY)
    pdf_text.draw(canvas, verification_url(reference), MARGIN, 15 * mm, 6.5)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate in its holder's language."""
    with translation.override(holder_language(certificate.registration)):
        return _certificate_pdf(certificate)


def _certificate_pdf(certificate: Certificate) -> bytes:
    pdf_text.register_fonts()
    edition = certificate.edition
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Certificate of attendance"))
    canvas.setFillColor(NAVY)
    canvas.rect(0, HEIGHT - 28 * mm, WIDTH, 28 * mm, stroke=0, fill=1)
    canvas.setFillColor(UN_BLUE)
    canvas.rect(0, HEIGHT - 30 * mm, WIDTH, 2 * mm, stroke=0, fill=1)
    organisations = issuing_organisations(edition)
    canvas.setFillColorRGB(1, 1, 1)
    pdf_text.draw(canvas, organisations, WIDTH / 2, HEIGHT - 17 * mm, 11, align="centre")

    y = HEIGHT - 62 * mm
    _text(canvas, _("Certificate of attendance"), WIDTH / 2, y, 26, BOLD, NAVY, centre=True)
    y -= 22 * mm
    _text(canvas, _("This is to certify that"), WIDTH / 2, y, 12, colour=GREY, centre=True)
    y -= 14 * mm
    y = _paragraph(canvas, certificate.holder_name, 0, y, 22, WIDTH - 2 * MARGIN, BOLD, centre=True)
    y -= 6 * mm
    _text(canvas, _("attended %(mode)s") % {"mode": certificate.get_mode_display()}, WIDTH / 2, y, 12, centre=True)
    y -= 12 * mm
    y = _paragraph(canvas, edition.title, 0, y, 15, WIDTH - 2 * MARGIN, BOLD, centre=True)
    y -= 2 * mm
    y = _paragraph(
        canvas,
        f"{place_of(edition)} — {edition_dates(edition, translation.get_language() or 'en')}",
        0,
        y,
        12,
        WIDTH - 2 * MARGIN,
        centre=True,
    )
    if certificate.contribution:
        y -= 8 * mm
        y = _paragraph(
            canvas,
            _("and presented: %(contribution)s") % {"contribution": certificate.contribution},
            0,
            y,
            11,
            WIDTH - 2 * MARGIN,
            centre=True,
        )
    _text(
        canvas,
        _("Issued on %(date)s")
        % {"date": formats.date_format(timezone.localdate(certificate.issued_at), "DATE_FORMAT")},
        MARGIN,
        75 * mm,
        9,
        colour=GREY,
    )
    _signature_and_qr(canvas, edition, certificate.reference)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def visa_letter_pdf(letter: VisaLetterRequest, details) -> bytes:
    """The letter in the usual form: letterhead, date and reference, the consulate, the facts, the costs, signature."""
    pdf_text.register_fonts()
    edition = letter.edition
    registration = letter.registration
    document_settings = settings_of(edition)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Visa invitation letter"))
    width = WIDTH - 2 * MARGIN

    y = HEIGHT - 20 * mm
    letterhead = document_settings.letterhead or issuing_organisations(edition)
    for index, line in enumerate(letterhead.splitlines() or [""]):
        _text(canvas, line, MARGIN, y, 13 if index == 0 else 9, BOLD if index == 0 else REGULAR, NAVY)
        y -= (7 if index == 0 else 4.5) * mm
    canvas.setStrokeColor(UN_BLUE)
    canvas.setLineWidth(1.5)
    canvas.line(MARGIN, y, WIDTH - MARGIN, y)
    y -= 10 * mm
    issued = formats.date_format(timezone.localdate(letter.decided_at or timezone.now()), "DATE_FORMAT")
    _text(canvas, _("Date: %(date)s") % {"date": issued}, MARGIN, y, 10)
    y -= 10 * mm
    y = _paragraph(canvas, _("To: %(consulate)s") % {"consulate": details.consulate}, MARGIN, y, 11, width, BOLD)
    y -= 6 * mm
    y = _paragraph(
        canvas,
        _("Subject: invitation to %(edition)s — visa application of %(name)s")
        % {"edition": edition.title, "name": details.passport_name},
        MARGIN,
        y,
        11,
        width,
        BOLD,
    )
    y -= 4 * mm
    role = registration.get_role_display().lower()
    body = [
        _("Dear Sir or Madam,"),
        _(
            "We are pleased to confirm that the person named below is invited to attend %(edition)s, held at "
            "%(place)s from %(start)s to %(end)s, as a %(role)s."
        )
        % {
            "edition": edition.title,
            "place": place_of(edition),
            "start": edition.start_date.isoformat(),
            "end": edition.end_date.isoformat(),
            "role": role,
        },
        _(
            "Name as in passport: %(name)s\nNationality: %(nationality)s\nDate of birth: %(birth)s\n"
            "Passport number: %(number)s (valid until %(expiry)s)\nOrganisation: %(organisation)s"
        )
        % {
            "name": details.passport_name,
            "nationality": details.nationality,
            "birth": details.date_of_birth.isoformat(),
            "number": details.passport_number,
            "expiry": details.passport_expiry.isoformat(),
            "organisation": registration.organisation.name if registration.organisation else "—",
        },
        _("We kindly ask you to issue a visa valid from %(start)s to %(end)s.")
        % {"start": letter.needed_from.isoformat(), "end": letter.needed_until.isoformat()},
        document_settings.costs_statement
        or _("The participant covers their own travel, accommodation and living expenses."),
        _(
            "This letter does not commit the organisers to any cost not stated above. Its authenticity can be "
            "checked with the reference and the QR code below."
        ),
        _("Yours faithfully,"),
    ]
    for paragraph in body:
        y = _paragraph(canvas, paragraph, MARGIN, y, 10.5, width) - 3 * mm
    _signature_and_qr(canvas, edition, letter.reference)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
