"""An organiser goes from the edition's page to the dashboard and on to the moderation queue, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_browser
from tests.factories import EditionFactory, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_organiser_reaches_every_tool_from_the_edition_page(page, live_server):
    edition = EditionFactory(title="Workshop on Space Exploration")
    sign_in_browser(page, live_server, make_user("organiser@example.org", staff=True, organiser_of=edition))

    page.goto(f"{live_server.url}/events/{edition.slug}/")
    page.get_by_role("link", name="Organiser dashboard").click()
    page.get_by_role("heading", name="Organise this edition").wait_for()
    expect(page.get_by_text("no clashes")).to_be_visible()
    page.get_by_role("link", name="Moderation queue").click()
    page.wait_for_url(f"**/events/{edition.slug}/organise/registrations/")
