"""Shared test fixtures: a real browser for end-to-end tests, and small builders of domain objects."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# Playwright's sync API runs an event loop in the test's thread; the Django ORM calls the tests make are
# still synchronous, so Django's async-safety guard has nothing to protect here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: the active language is per thread, and a request served in
    another language (the test client runs LocaleMiddleware in the test's own thread) would otherwise leak into the
    next test's service calls."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _front_door_emptied():
    """Pages kept at the front door belong to the process, not to a test's database (see core.front_door)."""
    from rendezvous.core import front_door

    front_door.forget_all()
    yield
    front_door.forget_all()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test; a screenshot is kept in test-artifacts/ for a person to look at."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Every browser test also checks that the Content-Security-Policy blocked nothing the page needs: Chromium reports
    # each refused script, style or image as a console error naming the policy.
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
    assert not csp_violations, csp_violations


def sign_in_browser(page, live_server, user) -> None:
    """Sign the browser in as `user` (and nobody else) with a session made by the test client: the sign-in pages
    have their own end-to-end tests, the other pages' tests need not go through them."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


# Fixtures that give a test the database or a running server; `item.fixturenames` holds every fixture a test needs,
# directly or through other fixtures, so a folder's own fixture that asks for `db` counts too.
INTEGRATION_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "admin_user",
        "admin_client",
        "django_user_model",
        "smtp_server",
    }
)
E2E_DIRECTORY = Path(__file__).resolve().parent / "e2e"


def _starts_a_subprocess(function) -> bool:
    """The test, or a function of its module it calls, refers to `subprocess` (a command run as another process)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    if "subprocess" in code.co_names:
        return True
    module_globals = getattr(function, "__globals__", {})
    helper_codes = (getattr(module_globals.get(name), "__code__", None) for name in code.co_names)
    return any(helper is not None and "subprocess" in helper.co_names for helper in helper_codes)


def _kind(item) -> str:
    if E2E_DIRECTORY in Path(item.path).parents:
        return "e2e"
    if (
        item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("postgres_only") is not None
        # System tests start whole deployments (servers, workers, nginx); their fixtures do it, not the test body.
        or item.get_closest_marker("system") is not None
        or INTEGRATION_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        or _starts_a_subprocess(getattr(item, "function", None))
    ):
        return "integration"
    return "unit"


def pytest_collection_modifyitems(config, items):
    """Every test gets one of the markers `e2e` (a browser), `integration` (the database, a server or another process)
    or `unit` (nothing but Python), so `pytest -m unit` runs in seconds. Tests marked postgres_only are deselected,
    not skipped, on SQLite; `make test` runs them on PostgreSQL."""
    from django.db import connection

    for item in items:
        kind = _kind(item)
        if item.get_closest_marker(kind) is None:
            item.add_marker(getattr(pytest.mark, kind))

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def pytest_sessionstart(session):
    # The .mo files are build output (see compile_catalogues): compile them from the .po sources so the tests
    # read exactly what is committed.
    import django
    from django.conf import settings

    if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
        django.setup()
        from rendezvous.core.management.commands.compile_catalogues import compile_catalogues

        compile_catalogues()
