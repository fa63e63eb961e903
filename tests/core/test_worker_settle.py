"""Each worker of the production web server (rendezvous.web) loads what every request needs and freezes it out of the
garbage collector's walks (rendezvous.wsgi.settle; why: tests/programme/test_page_garbage.py)."""

import gc

from django.urls import get_resolver

import rendezvous.wsgi
from rendezvous import web
from rendezvous.wsgi import settle


def test_settle_loads_the_url_patterns_and_freezes_what_is_loaded():
    try:
        settle()
        frozen = gc.get_freeze_count()
        assert get_resolver()._populated
        # The modules of Django and of every app: hundreds of thousands of objects no collection walks again.
        assert frozen > 100_000
        collected_generations = [stats["collections"] for stats in gc.get_stats()]
        gc.collect()
        assert gc.get_freeze_count() == frozen
        assert [stats["collections"] for stats in gc.get_stats()][2] == collected_generations[2] + 1
    finally:
        gc.unfreeze()


def test_the_server_loads_in_each_worker_the_application_settled(monkeypatch):
    calls = []
    monkeypatch.setattr(rendezvous.wsgi, "settle", lambda: calls.append("settled"))

    server = web.server(web.settings_from(["--bind", "127.0.0.1:8001"]))
    module, _colon, factory = server.target.partition(":")

    assert server.factory
    assert module == "rendezvous.wsgi"
    assert getattr(rendezvous.wsgi, factory)() is rendezvous.wsgi.application
    assert calls == ["settled"]
