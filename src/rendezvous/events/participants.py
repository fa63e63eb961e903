"""Whether a person takes part in an edition, for the apps that may not ask registration themselves.

Registration decides who is an approved participant, and programme (its sibling in the layers) needs the answer to
let participants download their materials. Registration gives its answer here when Django starts
(`RegistrationConfig.ready`), so programme asks events, which both may import, and neither imports the other.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from .models import Edition

_approved_participant: Callable[[object, Edition], bool] | None = None


def provide_approved_participant(check: Callable[[object, Edition], bool]) -> None:
    """Registration's answer to "is this person an approved participant of this edition?"."""
    global _approved_participant
    if _approved_participant is not None and _approved_participant is not check:
        raise ImproperlyConfigured("Two apps answer who is an approved participant.")
    _approved_participant = check


def is_approved_participant(user, edition: Edition) -> bool:
    if _approved_participant is None:
        raise ImproperlyConfigured("The registration app is not installed: nobody can say who takes part.")
    return _approved_participant(user, edition)
