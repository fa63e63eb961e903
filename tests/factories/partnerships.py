"""The hub (rendezvous.partnerships): a Chang'e-7-like payload call with its team and applicant representatives."""

import datetime
import zoneinfo
from decimal import Decimal

import factory

from rendezvous.core.models import User
from rendezvous.partnerships.models import (
    Call,
    CallRole,
    CallStage,
    CallStatus,
    CallTeamMember,
    OrganisationMember,
    PlatformBudget,
    Programme,
)
from rendezvous.registration.models import Registration

from .core import AcademicOrganisationFactory, HubUserFactory
from .events import UpcomingEditionFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
LOI_DEADLINE = datetime.datetime(2023, 2, 1, 23, 59, tzinfo=SHANGHAI)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Lunar Programme {n}")
    slug = factory.Sequence(lambda n: f"lunar-programme-{n}")
    destination = "moon"
    phase = "in_development"
    cooperation_forms = ["payloads"]


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(AcademicOrganisationFactory, type="space_agency", country="CN")
    title = factory.Sequence(lambda n: f"Payload call {n}")
    slug = factory.Sequence(lambda n: f"payload-call-{n}")
    kind = "payload_hosting"
    status = CallStatus.OPEN
    timezone = "Asia/Shanghai"


def payload_call(**kwargs) -> Call:
    """An open call: lander 10 kg, orbiter 15 kg, letters of interest due 1 February 2023, 23:59 Beijing time."""
    call = CallFactory(**kwargs)
    CallStage.objects.create(call=call, kind="letter_of_interest", deadline=LOI_DEADLINE)
    CallStage.objects.create(call=call, kind="announcement", deadline=LOI_DEADLINE + datetime.timedelta(days=90))
    PlatformBudget.objects.create(call=call, platform="Lander", mass_kg=Decimal(10), order=1)
    PlatformBudget.objects.create(call=call, platform="Orbiter", mass_kg=Decimal(15), order=2)
    return call


def representative_of(organisation) -> User:
    user = HubUserFactory()
    OrganisationMember.objects.create(user=user, organisation=organisation)
    return user


def team_member(call, role=CallRole.REVIEWER) -> User:
    user = HubUserFactory()
    CallTeamMember.objects.create(call=call, user=user, role=role)
    return user


def participant(*, country="NG", organisation=None, status="approved", organisation_type="academia", **user_fields):
    """A signed-up user with a registration (approved by default) in a fresh edition, matched by e-mail."""
    user = HubUserFactory(**user_fields)
    Registration.objects.create(
        edition=UpcomingEditionFactory(),
        given_name=user.first_name,
        family_name=user.last_name,
        email=user.email.lower(),
        country=country,
        organisation=organisation,
        organisation_type=organisation_type,
        status=status,
    )
    return user
