"""Imports point down: an app imports only the apps below it (docs/ARCHITECTURE.md, "Which app may import
which"), at module level or inside a function, as the import-linter contract in pyproject.toml states."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def test_no_module_imports_a_layer_above_its_own() -> None:
    # Run from the project's root, so that the graph is built from this tree (its directory comes first on
    # the path); no cache, so nothing is written into the tree and no stale graph is read.
    run = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--config", "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        timeout=300,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
