"""What docs/deployment.md and docs/operations.md promise administrators (issue 19, items 1, 2 and 6)."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.support.with_postgres import find_pg_bin, throwaway_cluster

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def test_the_distribution_name_is_ours_and_the_command_stays():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    # "rendezvous" on PyPI is an unrelated project (version 9999.9999): pip would offer it as an upgrade.
    assert project["name"] == "rendezvous-workshops"
    # The administration command, and the production web server (docs/deployment.md).
    assert project["scripts"] == {"rendezvous": "rendezvous.manage:main", "rendezvous-web": "rendezvous.web:main"}
    assert project["license"] == "AGPL-3.0-or-later"
    assert (ROOT / "LICENSE").read_text().startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3")


def test_generators_dependencies_are_not_installed_to_run():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(dep.startswith("hdx-python-country") for dep in project["dependencies"])
    assert any(dep.startswith("hdx-python-country") for dep in project["optional-dependencies"]["generators"])


def test_the_dockerfile_passes_hadolint():
    result = subprocess.run(
        [VENV_BIN / "hadolint", "--config", ROOT / ".hadolint.yaml", ROOT / "Dockerfile"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_multi_stage_non_root_locked_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("\nFROM ") + dockerfile.startswith("FROM ") >= 2
    assert "--require-hashes" in dockerfile and "requirements/runtime.lock" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    user = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user and not user[-1].split()[1].startswith(("0", "root"))


def test_the_compose_file_is_valid_and_starts_web_worker_postgresql_and_redis():
    from compose_spec import PyCompose

    # YAML anchors and merge keys are resolved as docker compose resolves them, then the Compose specification
    # (the compose_spec library) validates every field.
    spec = yaml.safe_load((ROOT / "compose.yaml").read_text())
    compose = PyCompose.from_json(json.dumps(spec))
    assert {"web", "worker", "postgres", "redis", "migrate"} <= set(compose.service_names())
    assert spec["services"]["worker"]["command"][:2] == ["rendezvous", "worker"]
    assert spec["services"]["web"]["restart"] == "unless-stopped"
    assert spec["services"]["web"]["environment"]["CACHE_URL"].startswith("redis://")


def test_a_broken_compose_file_is_refused_by_the_validator():
    from compose_spec import PyCompose

    with pytest.raises(ValueError, match="sometimes"):
        PyCompose.from_json(json.dumps({"services": {"web": {"image": "x", "restart": "sometimes"}}}))


def test_the_nginx_example_is_accepted_by_nginx(tmp_path):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    # Test certificates are not shipped: check the same file with TLS turned into plain HTTP on a free port.
    conf = conf.replace("listen 443 ssl http2;", "listen 127.0.0.1:18443;").replace(
        "listen 80;", "listen 127.0.0.1:18080;"
    )
    conf = "\n".join(line for line in conf.splitlines() if "ssl_certificate" not in line)
    (tmp_path / "site.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ access_log off; client_body_temp_path {tmp_path}; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(["nginx", "-t", "-c", tmp_path / "nginx.conf"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.system
def test_a_dump_restores_into_a_fresh_database_with_every_registration(tmp_path):
    """docs/operations.md's backup and restore, done for real: pg_dump, a new database, pg_restore."""
    assert find_pg_bin() is not None, "PostgreSQL is not installed (see .ci/run)"
    pg_bin = find_pg_bin()
    rendezvous = [str(VENV_BIN / "rendezvous")]
    with throwaway_cluster() as url:
        base, _ = url.rsplit("/", 1)
        live, restored = f"{base}/live", f"{base}/restored"
        env = {**os.environ, "DATABASE_URL": live, "RENDEZVOUS_VAR_DIR": str(tmp_path)}
        subprocess.run([str(pg_bin / "psql"), "-qd", url, "-c", "CREATE DATABASE live"], check=True)
        subprocess.run([*rendezvous, "migrate", "--noinput"], env=env, check=True, capture_output=True)
        # The demo carries the report's 520 registrations (issue 13), so no import is needed for a full database.
        subprocess.run([*rendezvous, "load_demo"], env=env, check=True, capture_output=True)
        dump = tmp_path / "rendezvous.dump"
        subprocess.run([str(pg_bin / "pg_dump"), "--format=custom", f"--file={dump}", live], check=True)
        subprocess.run([str(pg_bin / "psql"), "-qd", url, "-c", "CREATE DATABASE restored"], check=True)
        subprocess.run([str(pg_bin / "pg_restore"), "--no-owner", f"--dbname={restored}", dump], check=True)

        def count(database: str, table: str) -> int:
            query = f"SELECT count(*) FROM {table}"  # noqa: S608 - fixed table names
            output = subprocess.run(
                [str(pg_bin / "psql"), "-tA", "-d", database, "-c", query], check=True, capture_output=True, text=True
            )
            return int(output.stdout.strip())

        before = count(live, "registration_registration")
        assert before >= 520
        assert count(restored, "registration_registration") == before
        assert count(restored, "programme_session") == count(live, "programme_session") > 0
        # The restored database needs no migration: the same code runs against it at once.
        check = subprocess.run(
            [*rendezvous, "migrate", "--check"], env={**env, "DATABASE_URL": restored}, capture_output=True
        )
        assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("lock, extras", [("runtime.lock", []), ("dev.lock", ["dev"])])
def test_the_lock_files_pin_every_dependency_with_hashes_as_pyproject_asks(lock, extras):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + [
        dep for extra in extras for dep in project["optional-dependencies"][extra]
    ]
    text = (ROOT / "requirements" / lock).read_text()
    pinned = {}
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            name, version = line.split(" ")[0].split("==")
            pinned[name.lower().replace("_", "-")] = version
    for requirement in wanted:
        name, version = requirement.split("==")
        name = name.split("[")[0].lower().replace("_", "-")
        assert pinned.get(name) == version, f"{lock}: {requirement} (run `make lock`)"
    assert text.count("--hash=sha256:") >= len(pinned)
