"""What a registration step raises when it cannot go on; every message can be shown to the person as it is."""

from django.utils.translation import gettext, gettext_noop, ngettext

# Translated where it is raised (gettext(BUSY_MESSAGE)), in the language of the person who will read it.
BUSY_MESSAGE = gettext_noop("Many people are registering right now. Please try again in a moment.")


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
    """A CSV import found bad rows and imported nothing; `errors` holds 'line N: reason' strings (see `at_line`)."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        more = len(errors) - 5
        summary = "; ".join(errors[:5])
        if more > 0:
            summary += " " + ngettext("(and %(count)s more)", "(and %(count)s more)", more) % {"count": more}
        super().__init__(summary)


def at_line(line: int, reason: str) -> str:
    """An import error as the organiser reads it: the line of the file (the header is line 1), then why."""
    return gettext("line %(line)s: %(reason)s") % {"line": line, "reason": reason}
