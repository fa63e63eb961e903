"""Registrations, policies and application data (rendezvous.registration): one root factory per model, variants as
subclasses."""

import itertools
import uuid

import factory

from rendezvous.registration.models import Attendance, Registration, RegistrationPolicy, RegistrationRule, Route
from rendezvous.registration.services import ApplicationData

from .core import CnesFactory
from .events import EditionFactory, EditionWithMeetingFactory, HaikouEditionFactory

_counter = itertools.count(1)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An approved in-person participant based in France."""

    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    given_name = "Amina"
    family_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    gender = "female"
    country = "FR"
    organisation_type = "academia"
    role = "participant"
    attendance = "in_person"
    status = "approved"


class CnesRegistrationFactory(RegistrationFactory):
    """A CNES engineer at an edition with an online link, as the check-in and participant pages see one."""

    edition = factory.SubFactory(EditionWithMeetingFactory)
    family_name = factory.LazyFunction(lambda: f"Diallo {next(_counter)}")
    email = factory.LazyFunction(lambda: f"person{next(_counter)}@example.org")
    organisation = factory.SubFactory(CnesFactory)
    organisation_type = "space_agency"


class ReportRegistrationFactory(RegistrationFactory):
    edition = factory.SubFactory(HaikouEditionFactory)


def policy_for(
    edition,
    *,
    moderated=True,
    in_person=None,
    online=None,
    china_invitation_only=True,
    others=Route.OPEN,
) -> RegistrationPolicy:
    """The seed's policy by default: based in China → invitation only; anywhere else → open."""
    policy, _ = RegistrationPolicy.objects.get_or_create(edition=edition)
    policy.moderated = moderated
    policy.in_person_capacity = in_person
    policy.online_capacity = online
    policy.save()
    policy.rules.all().delete()
    if china_invitation_only:
        RegistrationRule.objects.create(policy=policy, order=1, countries=["CN"], route=Route.INVITATION)
    RegistrationRule.objects.create(policy=policy, order=2, all_other_countries=True, route=others)
    return policy


def application(**overrides) -> ApplicationData:
    n = next(_counter)
    values = {
        "given_name": "Amina",
        "family_name": f"Diallo{n}",
        "email": f"applicant{n}-{uuid.uuid4().hex[:6]}@example.org",
        "gender": "female",
        "country": "FR",
        "organisation_name": "Centre national d'études spatiales",
        "organisation_type": "space_agency",
        "position": "Engineer",
        "head_of_agency": False,
        "attendance": Attendance.IN_PERSON,
        "consent": True,
        "form_token": uuid.uuid4(),
    }
    values.update(overrides)
    return ApplicationData(**values)


def application_form() -> dict:
    """The registration form's fields for a valid application from someone based in France, as a browser posts them
    (without the CSRF and form tokens)."""
    return {
        "given_name": "Jeanne",
        "family_name": "Martin",
        "email": "jeanne.martin@example.org",
        "gender": "female",
        "country": "FR",
        "organisation_name": "CNES",
        "organisation_type": "space_agency",
        "position": "Engineer",
        "attendance": "in_person",
        "consent": "on",
    }


def application_json(**overrides) -> dict:
    """The JSON body of a valid application from someone based in France, as the API takes it."""
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


def register(edition, email: str, status: str = "approved", role: str = "participant") -> Registration:
    """A registration matched to a user by e-mail (materials are shown to approved participants)."""
    return Registration.objects.create(
        edition=edition, given_name="Amina", family_name="Diallo", email=email, country="SN", status=status, role=role
    )
