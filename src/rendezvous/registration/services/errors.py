"""What a registration step raises when it cannot go on; every message can be shown to the person as it is."""

BUSY_MESSAGE = "Many people are registering right now. Please try again in a moment."


class RegistrationError(Exception):
    """A registration step that cannot go on; the message can be shown to the person as it is."""


class RegistrationBusy(RegistrationError):
    """Another submission holds the seat lock for too long: try again in a moment."""


class RouteRefused(RegistrationError):
    """The applicant's country takes a route that does not accept open applications (invitation only or closed)."""


class WindowClosed(RegistrationError):
    """Registration has not opened yet or has closed."""


class CapacityReached(RegistrationError):
    """No free seat in the requested attendance mode."""


class IllegalTransition(RegistrationError):
    """The status change is not in the transition table."""


class InvitationInvalid(RegistrationError):
    """The invitation link is unknown, revoked, used or expired."""


class InvalidDocument(RegistrationError):
    """The nomination letter is not a PDF or is too large."""


class ImportFailed(RegistrationError):
    """A CSV import found bad rows and imported nothing; `errors` holds 'line N: reason' strings."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors[:5]) + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""))
