"""The alliances page in Chromium: a coordinator pins and excludes members and asks for the next proposal.

Uses the server, browser and tab of tests/test_browser.py (its profiles: a centre with a summer studio, a
dance company for teenagers, a youth house, a circus collective and a cultural centre in Grimbergen)."""
from __future__ import annotations

import pytest

from test_browser import browser_context, expect, go, page, server  # noqa: F401 - fixtures used by name

pytestmark = pytest.mark.slow  # a real browser against a real server process, as in test_browser.py


def test_pin_exclude_and_next_proposal(page):  # noqa: F811
    """Pinning the youth house keeps it in the group, excluding the company keeps it out, an unknown id is
    refused beside its field, and the next proposal is one link away."""
    go(page, "/ui/alliances?lang=en")
    page.get_by_label("Everywhere").check()
    page.get_by_label("Members per group").select_option("3")
    page.get_by_label("How many groups").select_option("1")
    page.get_by_label("Must be in it (ids)").fill("jh-kompas")
    page.get_by_role("button", name="Propose alliances").click()
    first = page.locator("#alliance-1")
    expect(first.locator("ol.members > li")).to_have_count(3)
    expect(first.locator("ol.members")).to_contain_text("Jeugdhuis Kompas")
    expect(page.get_by_label("Must be in it (ids)")).to_have_value("jh-kompas")

    page.get_by_role("link", name="Next proposals").click()
    expect(page.locator("#alliance-1")).to_have_count(0)
    expect(page.locator(".alliance-note")).to_contain_text("No further group after the 1 proposed before")

    go(page, "/ui/alliances?lang=en")
    page.get_by_label("Everywhere").check()
    page.get_by_label("Members per group").select_option("3")
    page.get_by_label("Leave out (ids)").fill("cie-lumen")
    page.get_by_role("button", name="Propose alliances").click()
    expect(page.locator("section.alliances")).not_to_contain_text("Cie Lumen")

    page.get_by_label("Leave out (ids)").fill("nobody")
    page.get_by_role("button", name="Propose alliances").click()
    expect(page.locator("#excluded-error")).to_contain_text("nobody")
    expect(page.get_by_label("Leave out (ids)")).to_have_attribute("aria-invalid", "true")
