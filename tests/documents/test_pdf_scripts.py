"""Names as people write them on every generated PDF (badge, badge sheet, certificate, visa letter), read back from the
file by pypdf and by poppler's pdftotext.

What extraction gives for Arabic, decided here: the shaped presentation forms we drew (so a test can tell shaped
text from isolated letters), in logical order (both extractors apply the bidi algorithm to what they read); NFKC
turns them back into the letters as typed (`pdf_text.logical_text`). Chinese comes out family name first (王亚平),
Cyrillic and Latin with their diacritics intact, every font embedded.
"""

import datetime
import io
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import arabic_reshaper
import pytest
from django.utils import translation
from pypdf import PdfReader

from rendezvous.core import pdf_text
from rendezvous.core.countries import un_name
from rendezvous.documents import certificates, visa
from rendezvous.documents.checks import pdf_fonts_installed
from rendezvous.documents.models import DocumentSettings, VisaLetterOfficer
from rendezvous.documents.pdf import certificate_pdf, visa_letter_pdf
from rendezvous.participation import services
from rendezvous.participation.badges import badge_sheet_pdf, single_badge_pdf
from rendezvous.participation.models import CheckIn
from rendezvous.participation.services import format_badge_code
from rendezvous.registration.models import Registration, Role
from tests.factories import EditionFactory, RegistrationFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db

ARABIC = ("أمل", "المنصوري", "أمل المنصوري")
CHINESE = ("亚平", "王", "王亚平")
CYRILLIC = ("Жанна", "Сидорова", "Жанна Сидорова")
LATIN = ("Zoë", "Nguyễn-Łukasiewicz", "Zoë Nguyễn-Łukasiewicz")
PEOPLE = {"ar": ARABIC, "zh-hans": CHINESE, "ru": CYRILLIC, "fr": LATIN}


def pypdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdftotext(content: bytes) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext not found: install Debian's poppler-utils (see .ci/run).")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        return subprocess.run([program, str(source), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603


EXTRACTORS = {"pypdf": pypdf_text, "pdftotext": pdftotext}


def fonts_of(content: bytes) -> dict[str, bool]:
    """Each font the pages use: its name, and whether the file carries it."""
    fonts = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    # reportlab declares Helvetica on every page as its initial font; no text is drawn in it.
    fonts.pop("/Helvetica", None)
    return fonts


def assert_names_as_written(content: bytes, people) -> None:
    for extractor_name, extract in EXTRACTORS.items():
        raw = " ".join(extract(content).split())  # a long name may wrap onto two lines
        typed = pdf_text.logical_text(raw)
        for _given, _family, shown in people:
            assert shown in typed, (extractor_name, shown, typed)
        if ARABIC in people:
            # Shaped: the initial, medial and final forms joined, not isolated letters left to right.
            assert arabic_reshaper.reshape(ARABIC[2]) in raw, (extractor_name, raw)
            assert ARABIC[2][::-1] not in typed
        if CHINESE in people:
            assert "王亚平" in raw and "亚平 王" not in raw and "亚平王" not in raw, (extractor_name, raw)
        for _given, _family, shown in (person for person in people if person in (CYRILLIC, LATIN)):
            assert shown in unicodedata.normalize("NFC", raw), (extractor_name, shown, raw)
    fonts = fonts_of(content)
    assert fonts and all(fonts.values()), fonts  # every font embedded: no viewer-supplied CJK font
    if CHINESE in people:
        assert any("DroidSansFallback" in name for name in fonts), fonts


@pytest.fixture
def edition():
    edition = EditionFactory(
        slug="scripts-2026", title="Third Global Partnership Workshop", city="Haikou", country="CN",
        start_date=datetime.date(2026, 11, 16), end_date=datetime.date(2026, 11, 19),
    )  # fmt: skip
    DocumentSettings.objects.create(
        edition=edition, signatory_name="Aarti Holla-Maini", signatory_title="Director, UNOOSA",
        issuing_organisations="UNOOSA and CNSA",
    )  # fmt: skip
    return edition


@pytest.fixture
def people(edition) -> dict[str, Registration]:
    registrations = {
        language: RegistrationFactory(
            edition=edition,
            given_name=given,
            family_name=family,
            language=language,
            role=Role.SPEAKER,
            email=f"{language}@example.org",
            country="CN",
        )  # fmt: skip
        for language, (given, family, _shown) in PEOPLE.items()
    }
    services.ensure_passes(Registration.objects.filter(edition=edition))
    return registrations


def test_fonts_for_every_script_are_installed():
    assert pdf_text.missing_scripts() == []
    assert pdf_fonts_installed(None) == []


@pytest.mark.parametrize("language", PEOPLE)
def test_badge_prints_the_name_as_written(people, language):
    registration = people[language]
    assert_names_as_written(single_badge_pdf(registration).read(), [PEOPLE[language]])


def test_badge_sheet_prints_every_script(edition, people):
    content = badge_sheet_pdf(edition, Registration.objects.filter(edition=edition).order_by("pk")).read()
    assert_names_as_written(content, list(PEOPLE.values()))


@pytest.mark.parametrize("language", ["ar", "ru", "zh-hans"])
def test_badge_speaks_its_holders_language(people, language):
    text = pdf_text.logical_text(pypdf_text(single_badge_pdf(people[language]).read()))
    with translation.override(language):
        role = str(Role.SPEAKER.label)
    assert role != "Speaker"  # the catalogue has it: otherwise this test would prove nothing
    assert role.upper() in text
    assert un_name("CN", language) in text and "China" not in text


def test_badge_of_a_holder_without_a_language_is_in_english(edition):
    registration = RegistrationFactory(edition=edition, given_name="Ana", family_name="Silva", language="")
    services.ensure_passes(Registration.objects.filter(pk=registration.pk))
    text = pypdf_text(single_badge_pdf(registration).read())
    assert "PARTICIPANT" in text and "France" in text and "16–19 November 2026" in text


def test_certificate_prints_the_name_as_written_in_its_holders_language(edition, people):
    organiser = make_organiser(edition)
    for language, registration in people.items():
        CheckIn.objects.create(registration=registration, day=edition.start_date)
        content = certificate_pdf(certificates.issue_one(edition, registration.pk, actor=organiser))
        assert_names_as_written(content, [PEOPLE[language]])
        assert un_name("CN", language) in pdf_text.logical_text(pypdf_text(content))


def test_visa_letter_prints_the_name_as_written(edition, people):
    officer = make_organiser(edition)
    VisaLetterOfficer.objects.create(edition=edition, user=officer)
    for language, registration in people.items():
        details = visa.PassportDetails(
            passport_name=registration.full_name, nationality="—", date_of_birth=datetime.date(1990, 1, 1),
            passport_number="X1234567", passport_expiry=datetime.date(2032, 1, 1), consulate="Embassy of China",
        )  # fmt: skip
        letter = visa.request_letter(
            registration, details, needed_from=datetime.date(2026, 11, 10), needed_until=datetime.date(2026, 11, 25),
            actor=make_user(registration.email),
        )  # fmt: skip
        letter = visa.approve(edition, letter.pk, actor=officer)
        content = visa_letter_pdf(letter, visa.passport_details(letter, actor=officer))
        assert_names_as_written(content, [PEOPLE[language]])


def test_arabic_lines_start_from_the_right(edition, people):
    """On the badge the Arabic name ends at the text column's right edge, the Latin one starts at its left."""
    starts = {}
    for language in ("ar", "fr"):
        name = PEOPLE[language][2]
        positions = []

        def visit(text, _cm, tm, _font, _size, positions=positions, name=name):
            if text.strip() and unicodedata.normalize("NFKC", text).strip() in (
                name,
                name.split()[0],
                name.split()[-1],
            ):
                positions.append(tm[4])

        PdfReader(io.BytesIO(single_badge_pdf(people[language]).read())).pages[0].extract_text(visitor_text=visit)
        assert positions, language
        starts[language] = min(positions)
    assert starts["ar"] > starts["fr"] + 20


def test_a_character_no_font_has_is_reported_not_silently_dropped(caplog):
    pdf_text._warn_missing.cache_clear()
    hieroglyph = "\U00013000"
    assert pdf_text.runs(f"Ana {hieroglyph}")[0][0] == pdf_text.REGULAR
    assert any("U+13000" in record.getMessage() for record in caplog.records)


def test_a_line_mixing_scripts_reads_in_the_documents_direction():
    place = "Haikou, الصين — 16–19 نوفمبر 2026"
    with translation.override("ar"):
        assert pdf_text.is_rtl(place) and not pdf_text.is_rtl("Third Global Partnership Workshop")
        assert pdf_text.visual(place).endswith("Haikou")  # read from the right, it starts with the city
    with translation.override("en"):
        assert not pdf_text.is_rtl(place) and pdf_text.is_rtl(ARABIC[2])
        assert pdf_text.visual(place).startswith("Haikou")


def _forget_fonts():
    for cached in (pdf_text._chains, pdf_text._covered, pdf_text._reshaper, pdf_text._visual):
        cached.cache_clear()


def test_the_system_check_names_the_package_for_a_script_without_a_font():
    installed = pdf_text._CHAINS
    vera_only = [(str(pdf_text._REPORTLAB_FONTS / "Vera.ttf"), 0)]  # Latin only
    try:
        pdf_text._CHAINS = {pdf_text.REGULAR: vera_only, pdf_text.BOLD: vera_only}
        _forget_fonts()
        warnings = {warning.msg: warning.hint for warning in pdf_fonts_installed(None)}
    finally:
        pdf_text._CHAINS = installed
        _forget_fonts()
        pdf_text.register_fonts()
    assert set(warnings) == {
        f"No installed font draws {script} script on badges, certificates and visa letters."
        for script in ("Cyrillic", "Arabic", "Chinese, Japanese and Korean")
    }
    assert "apt-get install fonts-droid-fallback" in " ".join(warnings.values())


def test_an_arabic_holders_badge_is_mirrored(edition, people):
    """The lines start from the right, so the QR code (its typed code centred under it) and the role label move to
    the left and the right; the place line takes the Arabic comma."""
    edition.city = "Haikou"
    edition.save()
    found = {}
    for language in ("ar", "fr"):
        registration = people[language]
        code = format_badge_code(services.pass_for(registration).badge_code)
        seen = {}

        def visit(text, _cm, tm, _font, _size, seen=seen, code=code):
            text = unicodedata.normalize("NFKC", text).strip()
            if text == code:
                seen["code"] = tm[4]
            elif text.startswith("Haikou"):
                seen["place"] = text

        reader = PdfReader(io.BytesIO(single_badge_pdf(registration).read()))
        reader.pages[0].extract_text(visitor_text=visit)
        found[language] = (seen, float(reader.pages[0].mediabox.width))
    (arabic, width), (french, _width) = found["ar"], found["fr"]
    assert arabic["code"] < width / 2 < french["code"]
    assert "\u060c" in arabic.get("place", "") + pdftotext(single_badge_pdf(people["ar"]).read())
    assert "Haikou," in french["place"]
