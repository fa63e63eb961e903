"""Which organisations a person manages as a publisher on the hub, for the apps that may not ask the hub themselves.

The hub (partnerships) knows who represents an organisation and which organisations publish calls; webhooks, beside
it in the layers, lets those people register endpoints for their organisation's calls. The hub gives its answer here
when Django starts (`PartnershipsConfig.ready`), so webhooks asks core, and neither imports the other.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from .models import Organisation

_managed_publishers: Callable[[object], QuerySet[Organisation]] | None = None


def provide_managed_publishers(answer: Callable[[object], QuerySet[Organisation]]) -> None:
    """The hub's answer to "which organisations that publish calls does this person manage?"."""
    global _managed_publishers
    if _managed_publishers is not None and _managed_publishers is not answer:
        raise ImproperlyConfigured("Two apps answer who manages an organisation on the hub.")
    _managed_publishers = answer


def managed_publishers(user) -> QuerySet[Organisation]:
    if _managed_publishers is None:
        raise ImproperlyConfigured("The hub app is not installed: nobody can say who manages an organisation.")
    return _managed_publishers(user)


def manages_publisher(user, organisation: Organisation) -> bool:
    return managed_publishers(user).filter(pk=organisation.pk).exists()
