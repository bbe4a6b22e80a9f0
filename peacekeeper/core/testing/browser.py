"""Headless Chromium for browser tests, driven by Playwright, using the system's Chromium.

Playwright's own browser download is not used: mission networks (and CI) have no internet, and
Debian's chromium package is the browser under test.
"""

import os
import shutil
from pathlib import Path

# Flags that keep Chromium from calling home; on a closed network those calls only fail.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--metrics-recording-only",
]


def chromium_path() -> str:
    configured = os.environ.get("PEACEKEEPER_CHROMIUM")
    candidates = (
        [configured]
        if configured
        else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    )
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(
        "Browser tests need Chromium: install Debian's `chromium` package (as .ci/run does) "
        "or set PEACEKEEPER_CHROMIUM to its path."
    )


def log_in_as(page, base_url: str, username: str) -> None:
    """Log a demo user in through the real login form (create_demo_users must have run)."""
    from peacekeeper.access.services import DEMO_USERS

    spec = next(user for user in DEMO_USERS if user.username == username)
    page.goto(base_url + "/login/")
    page.fill("#id_username", spec.username)
    page.fill("#id_password", spec.password)
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "/")
