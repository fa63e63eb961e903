"""An organiser opens the statistics page in Chromium, sees the charts, downloads a chart CSV and the Word report."""

import pytest
from docx import Document

from tests.conftest import sign_in_browser
from tests.factories import HaikouEditionFactory as EditionFactory
from tests.factories import make_organiser
from tests.factories.reports import import_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_organiser_sees_the_charts_and_downloads_a_csv_and_the_report(page, live_server, tmp_path):
    edition = EditionFactory(slug="haikou-stats", title="United Nations/China Global Partnership Workshop")
    import_seed(edition)
    sign_in_browser(page, live_server, make_organiser(edition))

    page.goto(f"{live_server.url}/events/haikou-stats/organise/statistics/")
    assert page.locator("h1").inner_text() == "Statistics"
    assert page.locator('[data-figure="registered"]').inner_text() == "520"
    assert page.locator("svg.chart").count() == 7
    assert page.locator("#countries svg rect >> nth=0").count() == 1
    assert "A total of 520 participants from 82 countries registered for the event." in page.inner_text(
        ".stats-report-text"
    )

    with page.expect_download() as csv_download:
        page.locator("#regions").get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "regions.csv"
    csv_download.value.save_as(csv_path)
    assert csv_path.read_text().splitlines()[0] == "region,participants"

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Attendance (Word)").click()
    docx_path = tmp_path / "attendance.docx"
    docx_download.value.save_as(docx_path)
    document = Document(str(docx_path))
    assert len(document.tables[0].rows) == 83

    page.locator("#countries summary").click()
    assert page.locator("#countries table tbody tr").count() == 82
    page.locator("#countries summary").click()
