"""A bounded schemathesis run against the running API (issue 11, item 4): no server error, no schema violation.

The API is served by a real server on the loopback over a database holding the demo editions; schemathesis reads
/api/openapi.json and generates requests for every operation (coverage, fuzzing and stateful phases) for a fixed time
budget from a fixed seed, anonymously and as an organiser of the demo edition (session cookie and CSRF token, as the
site's own pages send them). Reproduce by hand: see docs/operations.md ("Fuzzing the API").
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.system

BIN = Path(sys.executable).parent
SEED = 20221121
BUDGET_SECONDS = int(os.environ.get("SCHEMATHESIS_SECONDS", "45"))

ORGANISER_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from rendezvous.core.models import User
from rendezvous.events.models import Edition, EditionStaff
user, _ = User.objects.get_or_create(email="fuzz-organiser@example.org", defaults={"is_staff": True})
user.is_staff = True
user.save()
# Organiser of every demo edition: the generated requests take their slugs from any edition the API lists.
for edition in Edition.objects.all():
    EditionStaff.objects.get_or_create(edition=edition, user=user, role="organiser")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("schemathesis")
    env = {**os.environ, "RENDEZVOUS_VAR_DIR": str(workdir), "EMAIL_URL": "dummy://", "DEBUG": "0"}
    run = [str(BIN / "rendezvous")]
    subprocess.run([*run, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    subprocess.run([*run, "load_demo"], env=env, check=True, capture_output=True)
    session = subprocess.run(
        [*run, "shell", "-c", ORGANISER_SESSION], env=env, check=True, capture_output=True, text=True
    )
    session_key = session.stdout.strip().splitlines()[-1]
    from tests.support.scale_out import free_port

    port = free_port()
    log = open(workdir / "server.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [*run, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading", "--skip-checks"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/health/live", timeout=2)  # noqa: S310 - loopback only
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    yield base, session_key, workdir
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.mark.parametrize("who", ["anonymous", "organiser"])
def test_schemathesis_finds_no_server_error_and_no_schema_violation(server, who):
    base, session_key, workdir = server
    command = [str(BIN / "schemathesis"), "run", f"{base}/api/openapi.json"]
    command += ["--checks", "not_a_server_error,response_schema_conformance,content_type_conformance"]
    command += ["--seed", str(SEED), "--max-time", str(BUDGET_SECONDS), "--no-color"]
    if who == "organiser":
        token = "fuzzcsrftoken0123456789abcdefghi"  # 32 characters, as Django wants
        command += ["-H", f"Cookie: sessionid={session_key}; csrftoken={token}", "-H", f"X-CSRFToken: {token}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=BUDGET_SECONDS + 240)
    output = result.stdout + result.stderr
    figures = re.search(r"(\d+) generated, (\d+) passed", output)
    server_log = (workdir / "server.log").read_text(errors="replace")
    assert result.returncode == 0, output[-4000:] + "\n--- server log ---\n" + server_log[-3000:]
    assert figures and int(figures.group(1)) > 100 and figures.group(1) == figures.group(2), output[-2000:]
    # Refusals (400 for a malformed multipart body, 403, 404, 422) are logged with their reason; a 500 never.
    first_error = server_log.find('" 500 ')
    assert first_error == -1, server_log[max(0, first_error - 5000) : first_error + 200]
