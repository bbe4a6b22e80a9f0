"""Sending a probe as a reader, at a fixed moment, inside a savepoint that is rolled back afterwards, and
reducing the response to what a reader can observe of it."""

import io
import re
from dataclasses import dataclass
from datetime import datetime

import time_machine
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase

from peacekeeper.interop.tests.factories import acled_row, acled_text
from peacekeeper.tests.noninterference.probes import Probe
from peacekeeper.tests.noninterference.world import REQUEST_ID, set_sequences

# Headers a reader reads; cookies and dates are per session or per moment.
COMPARED_HEADERS = ("Content-Type", "Location", "Content-Disposition", "ETag", "Allow")

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CSRF = re.compile(
    r'(csrfmiddlewaretoken" value="|csrf[-_]?token["\']?\s*[:=]\s*["\']|X-CSRFToken["\']?\s*:\s*["\'])[^"\']+'
)
_CSP_NONCE = re.compile(r'nonce="[^"]+"')


@dataclass(frozen=True)
class Observed:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: str


def normalise(text: str) -> str:
    text = _UUID.sub("<uuid>", text)
    text = _CSRF.sub(lambda m: m.group(1) + "<csrf>", text)
    return _CSP_NONCE.sub('nonce="<nonce>"', text)


def _body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


def _upload() -> dict:
    """An ACLED file with the hidden report's source key and a new one."""
    text = acled_text(
        [acled_row(event_id_cnty="XKX1", timestamp="1900000000"), acled_row(event_id_cnty="XKX9")]
    )
    return {"file": SimpleUploadedFile("harness.csv", text.encode(), content_type="text/csv")}


class Reader:
    """One logged-in reader (or anonymous), with a session kept across the rolled-back probes."""

    def __init__(self, name: str, user) -> None:
        self.name = name
        self.session = None
        # One client for every probe: a new one would load the middleware (and WhiteNoise would scan every
        # static file) on each request.
        self._client = Client()
        if user is not None:
            self._client.force_login(user)
            self.session = self._client.cookies[settings.SESSION_COOKIE_NAME].value

    def client(self) -> Client:
        """The client with this reader's session and nothing else a previous probe left (messages, CSRF)."""
        self._client.cookies.clear()
        if self.session:
            self._client.cookies[settings.SESSION_COOKIE_NAME] = self.session
        return self._client


def send(reader: Reader, probe: Probe, *, moment: datetime) -> tuple[Observed, str]:
    """The probe's response as this reader sees it, and its raw HTML (for reading the page's forms).
    Whatever the request wrote is rolled back."""
    caches["default"].clear()
    with transaction.atomic(), time_machine.travel(moment, tick=False):
        set_sequences(REQUEST_ID)
        client = reader.client()
        # What the request announces after commit (derived figures, restrictions) runs before the rollback.
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = _request(client, probe)
        text = _body_text(response)
        transaction.set_rollback(True)
    headers = tuple(
        (name, normalise(response[name])) for name in COMPARED_HEADERS if response.has_header(name)
    )
    return Observed(response.status_code, headers, normalise(text)), text


def _request(client: Client, probe: Probe):
    if probe.content_type == "multipart/form-data":
        return client.post(probe.path, _upload())
    if probe.body is not None:
        return client.generic(probe.method, probe.path, probe.body, content_type=probe.content_type)
    return client.generic(probe.method, probe.path)
