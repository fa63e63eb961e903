"""A client generated from /api/openapi.json by openapi-python-client works as it is (issue 18, item 4): the schema's
operation ids become its function names, its bearer scheme its authenticated client, and a round trip through it
(read the programme, add a session, read it back with its ETag, refused without the write scope) behaves as
documented. Against a live server over the demo editions, as a client outside the site would call it."""

import importlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.system

BIN = Path(sys.executable).parent
ORGANISER = "organiser@rendezvous.localhost"
EDITION = "haikou-2022"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("generated_client")
    env = {**os.environ, "RENDEZVOUS_VAR_DIR": str(workdir), "EMAIL_URL": "dummy://", "DEBUG": "0"}
    run = [str(BIN / "rendezvous")]
    subprocess.run([*run, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    subprocess.run([*run, "load_demo"], env=env, check=True, capture_output=True)

    def token(scope: str) -> str:
        made = subprocess.run(
            [*run, "api_token", "create", "--user", ORGANISER, "--edition", EDITION, "--scope", scope],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return made.stdout.strip().splitlines()[-1]

    tokens = {"write": token("write"), "read": token("read")}
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
    deadline = time.monotonic() + 180  # a loaded machine starts it slowly
    while True:
        try:
            urllib.request.urlopen(base + "/health/live", timeout=10)  # noqa: S310 - loopback only
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
    yield base, tokens
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def generated(server, tmp_path_factory):
    base, _tokens = server
    where = tmp_path_factory.mktemp("client")
    schema = where / "openapi.json"
    schema.write_bytes(urllib.request.urlopen(base + "/api/openapi.json", timeout=120).read())  # noqa: S310
    result = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(schema), "--output-path", str(where / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout  # every operation and schema was understood
    sys.path.insert(0, str(where / "out"))
    try:
        yield importlib.import_module("rendezvous_api_client")
    finally:
        sys.path.remove(str(where / "out"))


def test_a_generated_client_reads_and_writes_with_a_token(server, generated):
    base, tokens = server
    api = importlib.import_module("rendezvous_api_client.api")
    operations = {module.name for module in Path(api.__file__).parent.glob("*/*.py")}
    # The operation ids as the schema names them, turned into the client's modules.
    assert {"list_sessions.py", "create_session.py", "update_session.py", "approve_registration.py"} <= operations

    client = generated.AuthenticatedClient(base_url=base, token=tokens["write"], timeout=httpx.Timeout(120))
    list_sessions = importlib.import_module("rendezvous_api_client.api.editions_and_programme.list_sessions")
    sessions = list_sessions.sync(client=client, slug=EDITION)
    assert sessions and all(session.start_utc.endswith("Z") for session in sessions)

    create_session = importlib.import_module("rendezvous_api_client.api.programme_organisers.create_session")
    session_in = importlib.import_module("rendezvous_api_client.models.session_in")
    body = session_in.SessionIn.from_dict(
        {
            "title": "Made by a generated client",
            "slug": "generated-client",
            "kind": "side_event",
            "start": "2022-11-24T18:00:00+08:00",
            "end": "2022-11-24T19:00:00+08:00",
        }
    )
    made = create_session.sync_detailed(slug=EDITION, client=client, body=body, idempotency_key="generated-1")
    assert made.status_code == 201, made.content
    assert made.parsed.title == "Made by a generated client"
    again = create_session.sync_detailed(slug=EDITION, client=client, body=body, idempotency_key="generated-1")
    assert again.status_code == 201 and json.loads(again.content) == json.loads(made.content)

    get_session = importlib.import_module("rendezvous_api_client.api.editions_and_programme.get_session")
    read = get_session.sync_detailed(slug=EDITION, session_slug="generated-client", client=client)
    assert read.status_code == 200 and read.headers["ETag"].startswith('"')

    reader = generated.AuthenticatedClient(base_url=base, token=tokens["read"], timeout=httpx.Timeout(120))
    refused = create_session.sync_detailed(slug=EDITION, client=reader, body=body)
    assert refused.status_code == 403
    assert "only read" in refused.parsed.detail
