"""Builders for registration tests: an edition with a policy, and application data."""

import datetime
import itertools
import uuid

import factory

from rendezvous.events.models import Edition, EditionStatus
from rendezvous.registration.models import Attendance, RegistrationPolicy, RegistrationRule, Route
from rendezvous.registration.services import ApplicationData

_counter = itertools.count(1)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    start_date = datetime.date(2030, 11, 21)
    end_date = datetime.date(2030, 11, 24)
    timezone = "Asia/Shanghai"
    status = EditionStatus.PUBLISHED
    online_meeting_url = "https://meet.example.org/secret-room-42"


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
