"""An organiser goes from the edition's page to the dashboard and on to the moderation queue, in Chromium."""

import pytest

from tests.factories import EditionFactory, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_organiser_reaches_every_tool_from_the_edition_page(client, page, live_server):
    edition = EditionFactory(title="Workshop on Space Exploration")
    client.force_login(make_user("organiser@example.org", staff=True, organiser_of=edition))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/events/{edition.slug}/")
    page.get_by_role("link", name="Organiser dashboard").click()
    page.get_by_role("heading", name="Organise this edition").wait_for()
    assert page.get_by_text("no clashes").is_visible()
    page.get_by_role("link", name="Moderation queue").click()
    page.wait_for_url(f"**/events/{edition.slug}/organise/registrations/")
