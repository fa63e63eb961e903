"""People and organisations (rendezvous.core): one root factory per model, variants as subclasses."""

import factory

from rendezvous.core.models import Organisation, Person, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Space Agency {n}")
    type = "space_agency"


class CnesFactory(OrganisationFactory):
    """The same organisation every time: CNES (check-in banners name it by acronym)."""

    class Meta:
        django_get_or_create = ("name",)

    name = "Centre national d’études spatiales"
    acronym = "CNES"


class AcademicOrganisationFactory(OrganisationFactory):
    """A university-like organisation, the hub's usual applicant."""

    name = factory.Sequence(lambda n: f"Space Institute {n}")
    type = "academia"
    country = "IT"


class ReportOrganisationFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Example Organisation {n}")
    type = "academia"


class PageOrganisationFactory(OrganisationFactory):
    """An organisation as the public programme pages name it."""

    name = factory.Sequence(lambda n: f"Page Space Agency {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")


class AffiliatedPersonFactory(PersonFactory):
    """A person the programme lists with their organisation."""

    organisation = factory.SubFactory(PageOrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up person without a password (hashing one is slow; tests sign in with `force_login`)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Amina"
    last_name = factory.Sequence(lambda n: f"Participant{n}")


class HubUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"hub{n}@example.org")
    first_name = "Lin"
    last_name = factory.Sequence(lambda n: f"Member{n}")
