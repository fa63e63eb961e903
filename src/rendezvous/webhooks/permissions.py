"""Who may manage webhook endpoints: an edition's organisers for the edition's endpoints; a hub publisher's
representatives (its hub managers, as the hub answers through `core.publishers`) for the organisation's endpoints.
Nobody sees or changes the endpoints, or the deliveries, of an edition or organisation they do not manage."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rendezvous.core.permissions import is_organiser, require_organiser
from rendezvous.core.publishers import manages_publisher


def can_manage_publisher_endpoints(user, publisher) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and manages_publisher(user, publisher)


def require_manage_publisher_endpoints(user, publisher) -> None:
    if not can_manage_publisher_endpoints(user, publisher):
        raise PermissionDenied(
            _("Only representatives of an organisation that publishes calls on the hub may manage its webhooks.")
        )


def can_manage_endpoint(user, endpoint) -> bool:
    if endpoint.edition_id is not None:
        return is_organiser(user, endpoint.edition)
    return can_manage_publisher_endpoints(user, endpoint.publisher)


def require_manage_endpoint(user, endpoint) -> None:
    if endpoint.edition_id is not None:
        require_organiser(user, endpoint.edition)
    else:
        require_manage_publisher_endpoints(user, endpoint.publisher)
