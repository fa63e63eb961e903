"""The one error the hub's services raise for a request its rules refuse (permissions raise PermissionDenied)."""


class HubError(Exception):
    """A request the hub's rules refuse; the message says why in plain words."""
