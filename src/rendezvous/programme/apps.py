import re

from django.apps import AppConfig


def _open_front_doors() -> None:
    """The public programme pages, answered at the front of the middleware stack for anonymous visitors (see
    core.front_door); the patterns are those of urls.py (a test checks they resolve to the same views)."""
    from rendezvous.core import front_door

    from .views import front_door_key

    doors = {
        "programme": (r"^/events/(?P<slug>[-a-zA-Z0-9_]+)/programme/$", "programme"),
        "speakers": (r"^/events/(?P<slug>[-a-zA-Z0-9_]+)/speakers/$", "speakers"),
        "session": (r"^/events/(?P<slug>[-a-zA-Z0-9_]+)/sessions/(?P<session_slug>[-a-zA-Z0-9_]+)/$", "session"),
    }
    for name, (pattern, page) in doors.items():

        def key(request, slug, page=page, **parts):
            return front_door_key(request, slug, page, *parts.values())

        front_door.register(front_door.Door(f"programme:{name}", re.compile(pattern), key))


class ProgrammeConfig(AppConfig):
    name = "rendezvous.programme"
    label = "programme"

    def ready(self) -> None:
        from rendezvous.events import edition_pages

        from . import signals
        from .services import programme_summary
        from .timetable import clash_count

        signals.connect()
        _open_front_doors()
        edition_pages.add_part(edition_pages.EDITION_PAGE, "programme_summary", programme_summary)
        edition_pages.add_part(edition_pages.DASHBOARD, "clash_count", clash_count)
