"""How a person appears to others on the hub (a follower, a board author, a sender): name, organisation and country,
never an e-mail address."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rendezvous.core.countries import un_name
from rendezvous.core.names import person_name

from ..permissions import approved_registration, represented_organisations


@dataclass(frozen=True)
class PersonCard:
    """How a follower or a board author appears to others: never with an e-mail address."""

    name: str
    organisation: str
    organisation_type: str
    country: str  # ISO code; '' if unknown
    organisation_id: int | None = None

    @property
    def country_name(self) -> str:
        return un_name(self.country) if self.country else ""


def person_card(user, registration=None, organisation=None) -> PersonCard:
    """Name, organisation and country from the approved registration, else from the organisation represented."""
    registration = registration or approved_registration(user)
    organisation = organisation or represented_organisations(user).order_by("name").first()
    return card_from(user, registration, organisation)


def card_from(user, registration, org) -> PersonCard:
    """The card of a person whose registration and organisation are already loaded (lists load them in bulk)."""
    if registration is not None:
        name = person_name(registration.given_name, registration.family_name)
        org = registration.organisation
        return PersonCard(
            name=name or str(user),
            organisation=str(org) if org else "",
            organisation_type=registration.organisation_type,
            country=str(registration.country or ""),
            organisation_id=org.pk if org else None,
        )
    return PersonCard(
        name=user.get_full_name() or _("Someone who gave no name"),
        organisation=str(org) if org else "",
        organisation_type=org.type if org else "",
        country=str(org.country or "") if org else "",
        organisation_id=org.pk if org else None,
    )
