"""What the HTTP benchmarks share: `peacekeeper serve` on a free loopback port, and a login by the form."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from bench.common import PUBLIC_THROWAWAY_KEY, THROWAWAY_KEY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this process's Django uses, for a server that must serve the same one."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    return os.environ["DATABASE_URL"]


def start_server(
    port: int, *, workers: int, log: Path | None = None, url: str | None = None, site: str = "mission"
) -> subprocess.Popen:
    """`peacekeeper serve` (uvicorn) on 127.0.0.1:port with this many workers, once it accepts connections.

    It serves this process's database (or `url`); with site="public", the public site on that database
    (`serve --site public`, which migrates and seeds it first). Its standard error (uvicorn's and Django's
    logging, tracebacks of 500s included) goes to `log` when given; its access log is dropped.
    """
    env = dict(
        os.environ,
        DATABASE_URL=url or database_url(),
        PEACEKEEPER_PUBLIC_DATABASE_URL=url or database_url(),
        PEACEKEEPER_SITE=site,
        PEACEKEEPER_HTTPS="false",
        PEACEKEEPER_SECRET_KEY=THROWAWAY_KEY,
        PEACEKEEPER_PUBLIC_SECRET_KEY=PUBLIC_THROWAWAY_KEY,
        DJANGO_SETTINGS_MODULE="peacekeeper.settings",
    )
    if site == "public":
        del env["DATABASE_URL"]  # the public site refuses a database that DATABASE_URL names (the mission's)
    stderr = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the child holds it; closed below)
    try:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "peacekeeper.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--site",
                site,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    finally:
        if log:
            stderr.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"peacekeeper serve exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("peacekeeper serve did not start within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print("bench: the server did not stop within 30 s of SIGTERM; killed", file=sys.stderr)
        server.kill()
        server.wait(timeout=30)


def log_in_cookies(port: int, username: str, password: str) -> dict[str, str]:
    """The cookies (session and CSRF) of a login through the form, as a browser does it."""
    base = f"http://127.0.0.1:{port}"
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    opener.open(
        urllib.request.Request(f"{base}/login/", data=form.encode(), headers={"Referer": base}),  # noqa: S310
        timeout=60,
    )
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed")
    return cookies


def log_in(port: int, username: str, password: str) -> str:
    """The Cookie header of a login through the form."""
    return "; ".join(f"{name}={value}" for name, value in log_in_cookies(port, username, password).items())
