"""Builders for the API tests: the programme pages' and registration tests' factories, plus people who sign in."""

from tests.programme.page_factories import (  # noqa: F401 - re-exported for the API tests
    EditionFactory,
    EditionOrganiserFactory,
    RoomFactory,
    VenueFactory,
    full_session,
    haikou,
)
from tests.registration.factories import application, policy_for  # noqa: F401 - re-exported

# The page factory gives every edition this link; no public response may contain it.
MEETING_URL = "https://zoom.example.org/j/secret-meeting-123"


def application_json(**overrides) -> dict:
    """The JSON body of a valid application from someone based in France."""
    body = {
        "given_name": "Amina",
        "family_name": "Diallo",
        "email": "amina.diallo@example.org",
        "gender": "female",
        "country": "FR",
        "organisation_name": "Centre national d'études spatiales",
        "organisation_type": "space_agency",
        "position": "Engineer",
        "head_of_agency": False,
        "attendance": "in_person",
        "consent": True,
    }
    body.update(overrides)
    return body
