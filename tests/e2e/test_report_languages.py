"""An organiser chooses the report's language on the statistics page in Chromium: the Attendance section is shown in
French, then in Arabic (right to left), and the Word download follows the choice."""

import pytest
from docx import Document

from tests.conftest import sign_in_browser
from tests.factories import HaikouEditionFactory as EditionFactory
from tests.factories import make_organiser
from tests.factories.reports import import_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_organiser_switches_the_attendance_section_between_languages(page, live_server, tmp_path):
    edition = EditionFactory(slug="haikou-languages", title="United Nations/China Global Partnership Workshop")
    import_seed(edition)
    sign_in_browser(page, live_server, make_organiser(edition))

    page.goto(f"{live_server.url}/events/haikou-languages/organise/statistics/")
    report = page.locator(".stats-report-text")
    assert "A total of 520 participants from 82 countries registered for the event." in report.inner_text()

    page.locator('[data-report-language="fr"]').click()
    page.wait_for_url("**language=fr**")
    assert report.get_attribute("lang") == "fr"
    assert "Au total, 520 participants de 82 pays se sont inscrits à l’Atelier." in report.inner_text()
    assert page.locator('[data-report-language="fr"]').get_attribute("aria-current") == "true"

    with page.expect_download() as download:
        page.get_by_role("link", name="Attendance (Word)").click()
    path = tmp_path / "attendance-fr.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename == "haikou-languages-attendance-fr.docx"
    text = "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)
    assert "43\u00a0pour cent" in text

    page.locator('[data-report-language="ar"]').click()
    page.wait_for_url("**language=ar**")
    assert report.get_attribute("dir") == "rtl"
    assert "43 في المائة" in report.inner_text()
