"""No page a user reaches by following links in the demo shows a vocabulary key (`military_police`,
`crc`, `fom.roadblock`, `public_affairs`, …) where the vocabulary has a label for it: the API keeps the
keys, pages show the labels."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.events.models import ActorType, EventReport, Status
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.forces.capabilities import Capability
from peacekeeper.forces.caveats import CAVEAT_KIND_LABELS
from peacekeeper.posture.models import TaskKind

pytestmark = pytest.mark.django_db

ABBREVIATIONS = {"crc", "eod", "isr"}

# Every key that reads as code, not words ("military_police", "fom.roadblock", "crc"), and has a label.
KEYS = {
    key
    for key, label in [
        *Capability.choices,
        *TaskKind.choices,
        *CAVEAT_KIND_LABELS.items(),
        *Role.choices,
        *Status.choices,
        *((code, category.label) for code, category in CATEGORIES.items()),
    ]
    if ("_" in key or "." in key or key in ABBREVIATIONS) and key.lower() != str(label).lower()
}
PATTERN = re.compile(
    r"(?<![\w.])(" + "|".join(sorted(map(re.escape, KEYS), key=len, reverse=True)) + r")(?![\w.])"
)
SKIPPED = ("/api/", "/admin/", "/logout/", "/log/export/", "/static/", "/forces/placemat.pdf")
MOST_PAGES = 60


class _Page(HTMLParser):
    """The text a reader sees (no script, style or attribute) and the page's links. A <pre> quotes a
    document as written (the scenario's SOURCES.md on the About page), so it is left out too."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "pre"):
            self._hidden += 1
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def _crawl(client) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = ["/"]
    while queue and len(seen) < MOST_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[path] = ""
            continue
        page = _Page()
        page.feed(response.content.decode())
        seen[path] = " ".join(page.text)
        for href in page.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIPPED):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and target not in queue:
                queue.append(target)
    return seen


@pytest.fixture
def demo(forces):
    from django.contrib.auth.models import User

    from peacekeeper.access.services import create_demo_users
    from peacekeeper.events.recording import create_report
    from peacekeeper.events.tests.factories import an_event
    from peacekeeper.events.workflow import transition
    from peacekeeper.posture.demo import build_demo_posture
    from peacekeeper.posture.loading import load_tasks

    create_demo_users()
    load_tasks(name="kosovo")
    build_demo_posture(time_limit=5)
    watchkeeper = User.objects.get(username="watchkeeper")
    analyst = User.objects.get(username="analyst")
    for category in (
        "fom.roadblock",
        "security.inter_ethnic",
        "force.attack",
        "rule_of_law.police_operation",
    ):
        report = create_report(
            user=watchkeeper,
            data=an_event(category=category, actor1="Civilians (Kosovo)", inter1=ActorType.CIVILIANS),
            submit=True,
        )
        transition(user=analyst, event=report, name="validate")
    assert EventReport.objects.filter(status=Status.VALIDATED).count() == 4
    return {user.username: user for user in User.objects.all()}


@pytest.mark.parametrize("username", ["planner", "analyst"])
def test_no_page_shows_a_key_where_a_label_exists(demo, client, username):
    client.force_login(demo[username])

    pages = _crawl(client)

    assert len([text for text in pages.values() if text]) >= 15
    raw = {path: sorted(set(PATTERN.findall(text))) for path, text in pages.items() if PATTERN.search(text)}
    assert raw == {}
