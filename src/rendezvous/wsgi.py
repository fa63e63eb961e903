import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rendezvous.settings")
application = get_wsgi_application()


def settled_application():
    """The application for a worker of the production server (rendezvous.web), settled first (see settle)."""
    settle()
    return application


def settle() -> None:
    """Load what every request needs, then take it out of the garbage collector's sight (the production server calls
    this in each worker once the application is loaded: settled_application).

    A full collection walks every object the process holds, and Django's requests leave a few reference cycles each
    (the request, its lazy user and its messages refer to one another), so under load a full collection runs every
    few seconds. With the modules, URL patterns and catalogues walked each time it took 75-160 ms, during which no
    thread of the worker answers: that was the programme page's p99. Frozen, they are never walked again.
    """
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 (imports every view module and indexes the URL names)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Programme")
    gc.collect()
    gc.freeze()
