"""Each gunicorn worker loads what every request needs and freezes it out of the garbage collector's walks
(rendezvous.wsgi.settle; why: tests/programme/test_page_garbage.py)."""

import gc
import runpy
from pathlib import Path

from django.urls import get_resolver

import rendezvous.wsgi
from rendezvous.wsgi import settle

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


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


def test_gunicorn_settles_every_worker_once_the_application_is_loaded(monkeypatch):
    calls = []
    monkeypatch.setattr(rendezvous.wsgi, "settle", lambda: calls.append("settled"))
    configuration = runpy.run_path(str(GUNICORN_CONF))

    configuration["post_worker_init"](worker=None)

    assert calls == ["settled"]
    assert configuration["worker_tmp_dir"] == "/dev/shm"
