"""events.edition_pages: programme and registration add their parts to the pages events serves."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from rendezvous.events import edition_pages
from rendezvous.programme.services import programme_summary
from rendezvous.programme.timetable import clash_count
from rendezvous.registration.services import seats


def test_programme_and_registration_add_their_parts_when_django_starts():
    assert edition_pages._parts[edition_pages.EDITION_PAGE] == {"programme_summary": programme_summary}
    assert edition_pages._parts[edition_pages.DASHBOARD] == {"clash_count": clash_count, "seats": seats}


def test_the_same_part_given_again_changes_nothing():
    edition_pages.add_part(edition_pages.DASHBOARD, "seats", seats)
    assert edition_pages._parts[edition_pages.DASHBOARD]["seats"] is seats


def test_two_apps_cannot_claim_one_name():
    with pytest.raises(ImproperlyConfigured, match="'seats'"):
        edition_pages.add_part(edition_pages.DASHBOARD, "seats", clash_count)
    assert edition_pages._parts[edition_pages.DASHBOARD]["seats"] is seats
