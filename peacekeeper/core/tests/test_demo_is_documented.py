"""The README lists every demo login, and the demo's port is chosen with `make demo PORT=…`."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from peacekeeper.access.services import DEMO_USERS

ROOT = Path(__file__).resolve().parents[3]


def test_the_readme_lists_every_demo_login_with_its_password_nation_and_roles():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in readme.splitlines() if line.startswith("| `")}
    for spec in DEMO_USERS:
        assert spec.username in rows, spec.username
        row = rows[spec.username]
        assert f"`{spec.password}`" in row
        assert spec.clearance in row
        assert (spec.nation or spec.organisation) in row


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(("given", "port"), [([], "8000"), (["PORT=8123"], "8123")])
def test_make_demo_serves_on_the_port_given(given, port):
    # Run inside `make test`, a nested make would inherit its flags and print "Entering directory" lines.
    outer = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    env = {name: value for name, value in os.environ.items() if name not in outer}
    plan = subprocess.run(
        ["make", "--no-print-directory", "--dry-run", "--always-make", "demo", *given],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.splitlines()
    assert "peacekeeper demo " in plan[-1]
    assert plan[-1].endswith(f" --port {port}")  # the public site's port is given before it
