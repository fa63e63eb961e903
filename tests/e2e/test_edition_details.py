"""An organiser who is not a superuser edits the edition's title and adds a room in a real browser, from the
dashboard's links (not the admin), and the public page shows the new title."""

import pytest

from rendezvous.core.models import AuditEntry
from rendezvous.events.models import Edition, Room
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import EditionFactory, VenueFactory, make_organiser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"edition_details_{name}.png"), full_page=True)


def test_an_organiser_renames_the_edition_and_adds_a_room(page, live_server):
    edition = EditionFactory(slug="third-2026", title="Third Workshop", short_title="Third")
    VenueFactory(edition=edition, name="Vienna International Centre")
    organiser = make_organiser(edition, "secretariat@example.org")
    assert not organiser.is_superuser
    sign_in_browser(page, live_server, organiser)

    page.goto(f"{live_server.url}/events/third-2026/organise/")
    page.get_by_role("link", name="Edition details").click()
    page.wait_for_url("**/organise/details/")
    page.get_by_label("Title", exact=True).fill("Third Global Partnership Workshop")
    # A wrong order of dates is refused with the reason, and nothing is saved.
    page.get_by_label("Last day").fill("2022-11-20")
    page.get_by_role("button", name="Save the details").click()
    page.get_by_text("The edition cannot end before it starts.").wait_for()
    assert Edition.objects.get(pk=edition.pk).title == "Third Workshop"
    page.get_by_label("Last day").fill("2022-11-24")
    page.get_by_role("button", name="Save the details").click()
    page.get_by_text("The edition's details are saved.").wait_for()
    shot(page, "details")
    assert Edition.objects.get(pk=edition.pk).title == "Third Global Partnership Workshop"

    page.get_by_role("link", name="Venues and rooms").first.click()
    page.wait_for_url("**/organise/venues/")
    add_room = page.locator("form[data-form='add-room']")
    add_room.get_by_label("Name of the room").fill("Board Room B")
    add_room.get_by_label("Seats").fill("40")
    add_room.get_by_role("button", name="Add the room").click()
    page.get_by_text("Room Board Room B added.").wait_for()
    shot(page, "venues")
    room = Room.objects.get(venue__edition=edition)
    assert (room.name, room.capacity) == ("Board Room B", 40)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "edition.details_changed",
        "room.added",
    ]

    page.goto(f"{live_server.url}/events/third-2026/")
    assert "Third Global Partnership Workshop" in page.content()
