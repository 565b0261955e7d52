"""The pages' safety in a real browser (headless Chromium against a real `matcher serve`, as in
test_browser.py, whose server and browser fixtures this module uses): the Content-Security-Policy
blocks nothing the pages need, signing in and out goes through the forms and their tokens, a
signed-out cookie stays dead, and /docs works with every other host unreachable."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_browser import ADMIN_KEY, SEARCH, browser_context, expect, go, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

PAGES = ["/?lang=en", "/ui/search?lang=en&text=" + SEARCH.replace(" ", "+") + "&near=Brussel",
         "/ui/profiles/gc-noord?lang=en", "/ui/new-profile?lang=en", "/ui/sign-in?lang=en",
         "/ui/alliances?lang=en&area=region&size=3&count=1"]


def policy_complaints(tab) -> list[str]:
    """Console messages in which the browser says it refused something under the policy."""
    complaints: list[str] = []
    tab.on("console", lambda message: complaints.append(message.text)
           if "Content Security Policy" in message.text or "Refused to" in message.text else None)
    return complaints


def test_the_policy_blocks_nothing_the_pages_use(page):
    """Each page loads its styles, script, score bars and maps with no refusal in the console."""
    complaints = policy_complaints(page)
    for path in PAGES:
        go(page, path)
        page.wait_for_load_state("load")
    expect(page.locator("figure.graph svg, figure.map svg").first).to_be_visible()
    assert complaints == []
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline"  # CSS applied


def test_sign_in_and_out_with_the_forms_and_the_cookie_stays_dead(page):
    """The admin signs in and out through the forms (their tokens sent by the browser); the session
    cookie put back after signing out signs nobody in."""
    go(page, "/ui/sign-in?lang=en")
    page.get_by_label("Key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in: administrator")).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "matcher_session")
    assert ADMIN_KEY not in cookie["value"] and cookie["httpOnly"]
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.context.add_cookies([cookie])
    go(page, "/ui/profiles/gc-noord?lang=en")
    expect(page.get_by_text("Signed in: administrator")).to_have_count(0)
    expect(page.get_by_role("link", name="noord@example.org")).to_have_count(0)


def test_docs_work_with_every_other_host_unreachable(page):
    """Swagger UI at /docs draws the API's operations although every request to another host fails."""
    own = urlsplit(page.base_url).netloc
    elsewhere: list[str] = []

    def only_here(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    complaints = policy_complaints(page)
    go(page, "/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 10
    expect(page.get_by_text("/profiles/{profile_id}/key").first).to_be_visible()
    assert elsewhere == [] and complaints == []
