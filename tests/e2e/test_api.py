"""A developer opens the interactive API docs: Swagger UI loads from this site alone and can call the API."""

import pytest

from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import full_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_load_locally_and_try_an_endpoint(page, live_server):
    edition = EditionFactory(slug="haikou-docs")
    full_session(edition, 0)
    foreign = []
    page.on(
        "request", lambda request: foreign.append(request.url) if not request.url.startswith(live_server.url) else None
    )

    page.goto(f"{live_server.url}/api/docs")

    page.get_by_text("Rendezvous API").first.wait_for()
    operation = page.locator("#operations-Editions_and_programme-listSessions")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("input[placeholder='slug']").fill("haikou-docs")
    operation.get_by_role("button", name="Execute").click()
    operation.locator(".live-responses-table tbody .response-col_status").first.wait_for()
    assert "200" in operation.locator(".live-responses-table tbody .response-col_status").first.inner_text()
    assert "+08:00" in operation.locator(".live-responses-table .highlight-code").first.inner_text()
    assert foreign == [], foreign
