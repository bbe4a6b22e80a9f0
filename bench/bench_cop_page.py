"""bench cop-page: the map page with a 30-day window, served by `peacekeeper serve`, in Chromium.

Project: time until the map is interactive (#map[data-ready]: every layer loaded and drawn) with the
events layer on, cold browser cache. Baseline: the same page with the events layer off. Also the bytes
on the wire (Resource Timing transferSize, the document included) for a first load and for a reload a
moment later, when the events, levels and freedom-of-movement answers revalidate with their ETags.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from bench.common import BenchResult, setup_django, size
from bench.serving import stop_server

EVENTS = {"full": 10_000, "quick": 2_000, "tiny": 200}
ROUNDS = {"full": 5, "quick": 3, "tiny": 1}
LAYERS_WITHOUT_EVENTS = "units,sites,crossings,roads,areas,places"
READY = "#map[data-ready='true']"
# Everything fetched for one screen: the document, scripts and styles, every layer, every symbol.
BYTES_JS = """() => {
  const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
  return entries.reduce((sum, entry) => sum + (entry.transferSize || 0), 0);
}"""


def _fill(count: int) -> int:
    from django.utils import timezone

    from peacekeeper.access.services import create_demo_users
    from peacekeeper.exercise.generator import generate_and_store
    from peacekeeper.forces.loading import load_units
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    load_units(name="kosovo")
    create_demo_users()
    now = timezone.now()
    summary = generate_and_store(
        count=count, seed=11, start=now - timedelta(days=30), end=now, status="validated"
    )
    return summary.created


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    executable = Path(sys.executable).parent / "peacekeeper"
    command = [str(executable)] if executable.exists() else [shutil.which("peacekeeper") or "peacekeeper"]
    env = dict(
        os.environ,
        PEACEKEEPER_HTTPS="false",
        PEACEKEEPER_SECRET_KEY=os.environ["PEACEKEEPER_SECRET_KEY"],
        DATABASE_URL=os.environ["DATABASE_URL"],
    )
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("peacekeeper serve exited:\n" + server.stderr.read().decode()[-3000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2):
                return server
        except OSError:
            time.sleep(0.25)
    server.terminate()
    raise RuntimeError("peacekeeper serve did not answer within 60 s")


def _load(page, cdp, url: str, *, cold: bool) -> tuple[float, int]:
    """Open url (with an empty browser cache if cold); ms to interactive and bytes transferred."""
    if cold:
        cdp.send("Network.clearBrowserCache")
    page.goto(url)
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(300)  # symbols requested while drawing finish arriving
    return float(page.get_attribute("#map", "data-ready-ms")), int(page.evaluate(BYTES_JS))


def _reload(page) -> tuple[float, int]:
    page.reload()
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(300)
    return float(page.get_attribute("#map", "data-ready-ms")), int(page.evaluate(BYTES_JS))


def run(*, quick: bool) -> list[BenchResult]:
    from playwright.sync_api import sync_playwright

    from peacekeeper.core.testing.browser import CHROMIUM_ARGS, chromium_path, log_in_as

    setup_django()
    count = EVENTS[size()]
    stored = _fill(count)
    rounds = ROUNDS[size()]
    port = _free_port()
    server = _start_server(port)
    base = f"http://127.0.0.1:{port}"
    project, baseline, first_bytes, refresh_bytes, refresh_ms = [], [], [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            log_in_as(page, base, "watchkeeper")
            page.wait_for_selector(READY, timeout=120_000)
            # One unmeasured pass: the server's first computation of each layer is not what a watch
            # floor sees all day; the browser cache is emptied before every measured load anyway.
            _load(page, cdp, base + "/?window=30d", cold=True)
            _load(page, cdp, f"{base}/?window=30d&layers={LAYERS_WITHOUT_EVENTS}", cold=True)
            for _ in range(rounds):
                ms, transferred = _load(page, cdp, base + "/?window=30d", cold=True)
                project.append(ms)
                first_bytes.append(transferred)
                ms, transferred = _reload(page)
                refresh_ms.append(ms)
                refresh_bytes.append(transferred)
                ms, _ = _load(page, cdp, f"{base}/?window=30d&layers={LAYERS_WITHOUT_EVENTS}", cold=True)
                baseline.append(ms)
            page.goto(base + "/?window=30d")
            page.wait_for_selector(READY, timeout=120_000)
            events_drawn = page.get_attribute("#map", "data-count-events")
            browser.close()
    finally:
        stop_server(server)

    project_ms, baseline_ms = statistics.median(project), statistics.median(baseline)
    return [
        BenchResult(
            name="cop-page",
            project=project_ms,
            baseline=baseline_ms,
            ratio=baseline_ms / project_ms,
            extras={
                "bytes_first": int(statistics.median(first_bytes)),
                "bytes_refresh": int(statistics.median(refresh_bytes)),
                "refresh_ms": statistics.median(refresh_ms),
                "events": stored,
                "features_drawn": events_drawn,
                "rounds": rounds,
            },
        )
    ]
