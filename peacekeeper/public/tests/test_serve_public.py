"""`peacekeeper serve --site public` prepares its own database and serves the public site."""

import os
import subprocess
import sys

PROGRAM = """
import sys
from peacekeeper import cli, cli_setup

def serve(**arguments):
    print("serving", sorted(arguments.items()))

cli_setup.serve = serve
sys.exit(cli.main(["serve", "--site", "public"]))
"""


def _serve_public(home) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PEACEKEEPER_", "DJANGO_"))}
    env.update(
        PEACEKEEPER_HOME=str(home),
        PEACEKEEPER_SECRET_KEY="s" * 60,
        PEACEKEEPER_HTTPS="false",
        DATABASE_URL="mission://must-not-be-read/peacekeeper",
    )
    return subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=home, env=env, capture_output=True, text=True, timeout=600
    )


def test_serve_public_migrates_and_seeds_its_own_database_once(tmp_path):
    first = _serve_public(tmp_path)

    assert first.returncode == 0, first.stderr
    assert "Public site: made the shipped pages in English, Albanian and Serbian" in first.stdout
    assert (
        "serving [('host', '127.0.0.1'), ('port', 8080), ('site', 'public'), ('workers', 1)]" in first.stdout
    )
    assert (tmp_path / "var" / "public.sqlite3").exists()
    assert not (tmp_path / "var" / "peacekeeper.sqlite3").exists()

    second = _serve_public(tmp_path)

    assert second.returncode == 0, second.stderr
    assert "Public site: made" not in second.stdout
