"""Every public page type, in every language (Serbian in both scripts): no serious or critical axe-core
violation, and no request leaves the site."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from peacekeeper.public.seeding import seed_public_site
from peacekeeper.release.models import PublicContribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "",
    "about-us/",
    "about-us/contributing-nations/",
    "news/",
    "news/exercise-road-closure-drill-zvecan/",
    "media-operations/",
    "safety-notices/",
    "search/?q=KFOR",
    "no-such-page/",
]


def test_public_pages_have_no_serious_accessibility_violation(public_server, browser_page):
    seed_public_site()
    PublicContribution.objects.create(
        nation_code="ITA", nation_name="Italy", troops=1180, as_of="2025-04-01", marking="PUBLIC"
    )
    axe = Axe()
    found = {}
    for language in ("en", "sq", "sr", "sr-cyrl"):
        for path in PAGES:
            browser_page.goto(f"{public_server}/{language}/{path}")
            violations = axe.run(browser_page).response["violations"]
            serious = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
            if serious:
                found[f"/{language}/{path}"] = serious
    browser_page.set_viewport_size({"width": 375, "height": 740})
    wider_than_a_phone = []
    for path in PAGES:
        browser_page.goto(f"{public_server}/sq/{path}")
        if browser_page.evaluate("document.documentElement.scrollWidth") > 375:
            wider_than_a_phone.append(path)
    browser_page.goto(f"{public_server}/sr/about-us/")
    browser_page.screenshot(path="var/screenshots/public-about-phone.png")

    assert found == {}
    assert wider_than_a_phone == []
    assert all(url.startswith(public_server) for url in browser_page.requested_urls)
