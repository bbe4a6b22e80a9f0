"""`serve` has uvicorn read X-Forwarded-For (the address the accreditation limit counts) only behind a
proxy, PEACEKEEPER_BEHIND_PROXY, and only from the proxies FORWARDED_ALLOW_IPS names."""

import pytest
import uvicorn

from peacekeeper import cli_setup
from peacekeeper.public import scheduling
from peacekeeper.release import watching


@pytest.fixture
def uvicorn_arguments(monkeypatch) -> dict:
    arguments: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: arguments.update(options))
    monkeypatch.setattr(cli_setup, "collect_static", lambda: None)
    monkeypatch.setattr(scheduling, "start_scheduled_publishing", lambda: None)
    monkeypatch.setattr(watching, "start_inbox", lambda: None)
    return arguments


def test_without_a_proxy_no_forwarded_header_is_believed(settings, uvicorn_arguments):
    settings.BEHIND_PROXY = False

    cli_setup.serve(host="127.0.0.1", port=8080, workers=1, site="public")

    assert uvicorn_arguments["proxy_headers"] is False
    assert uvicorn_arguments["forwarded_allow_ips"] == []


def test_behind_a_proxy_only_the_named_proxies_are_believed(settings, uvicorn_arguments):
    settings.BEHIND_PROXY = True
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.5"]

    cli_setup.serve(host="127.0.0.1", port=8080, workers=1, site="public")

    assert uvicorn_arguments["proxy_headers"] is True
    assert uvicorn_arguments["forwarded_allow_ips"] == ["10.0.0.5"]
