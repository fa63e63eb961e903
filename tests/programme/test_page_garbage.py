"""What serving a cached programme page leaves for the garbage collector.

Objects in reference cycles are freed only by a collection, and a full one stops every thread of a web worker while
it walks the whole heap: under load the programme page's p99 was those pauses (75-160 ms every second or two per
worker). The cached page must therefore leave no more cycles than Django's own request objects form.
"""

import gc
import io
import pickle
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils.functional import Promise

from rendezvous.programme.cache import programme_state, publication_plan
from tests.factories import PublicEditionFactory
from tests.factories.programme import contribution_by, ended_session, material

pytestmark = pytest.mark.django_db

# Django's request, its lazy user and its messages storage refer to one another: about 64 objects per request.
# A lazy string unpickled from the cache added a class and about 130 functions and tuples of its own.
MOST_CYCLIC_OBJECTS_PER_REQUEST = 100


@pytest.fixture
def edition_with_public_slides():
    edition = PublicEditionFactory()
    material(contribution_by(ended_session(edition)), kind="slides")
    return edition


def anonymous_get(application, path: str) -> str:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO(b"")}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "testserver"
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    return statuses[0]


@pytest.fixture
def connection_kept_across_requests():
    # As Django's test client does: a request's start and end must not close the test's database connection.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def cyclic_objects_per_request(path: str, requests: int = 20) -> float:
    application = WSGIHandler()
    assert anonymous_get(application, path) == "200 OK"  # builds and caches the page
    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(requests):
            assert anonymous_get(application, path) == "200 OK"
        gc.collect()
        found = len(gc.garbage)
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
    return found / requests


def test_a_cached_programme_page_leaves_no_more_cycles_than_djangos_request(
    edition_with_public_slides, connection_kept_across_requests
):
    path = f"/events/{edition_with_public_slides.slug}/programme/"

    assert cyclic_objects_per_request(path) < MOST_CYCLIC_OBJECTS_PER_REQUEST


def test_the_cached_publication_plan_holds_no_lazy_text(edition_with_public_slides):
    plan = publication_plan(programme_state(edition_with_public_slides.slug))
    (planned,) = plan.materials

    for value in vars(planned).values():
        assert not isinstance(value, Promise)
    assert planned.kind_label == "Slides"
    assert pickle.loads(pickle.dumps(plan)) == plan
