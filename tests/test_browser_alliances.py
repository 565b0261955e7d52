"""The alliances page in Chromium: a coordinator pins and excludes members, asks for the next proposal and
prints a group as the field's checklist.

Uses the server, browser and tab of tests/test_browser.py (its profiles: a centre with a summer studio, a
dance company for teenagers, a youth house, a circus collective and a cultural centre in Grimbergen)."""
from __future__ import annotations

import re

import pytest

from test_browser import browser_context, expect, go, page, server  # noqa: F401 - fixtures used by name

pytestmark = pytest.mark.slow  # a real browser against a real server process, as in test_browser.py


def ask_for_groups(page, members: str, groups: str | None = None, pinned: str | None = None):  # noqa: F811
    """Open the alliances page everywhere and fill in the group size, and the count and pinned ids if given."""
    go(page, "/ui/alliances?lang=en")
    page.get_by_label("Everywhere").check()
    page.get_by_label("Members per group").select_option(members)
    if groups is not None:
        page.get_by_label("How many groups").select_option(groups)
    if pinned is not None:
        page.get_by_label("Must be in it (ids)").fill(pinned)


def test_pin_exclude_and_next_proposal(page):  # noqa: F811
    """Pinning the youth house keeps it in the group, excluding the company keeps it out, an unknown id is
    refused beside its field, and the next proposal is one link away."""
    ask_for_groups(page, "3", groups="1", pinned="jh-kompas")
    page.get_by_role("button", name="Propose alliances").click()
    first = page.locator("#alliance-1")
    expect(first.locator("ol.members > li")).to_have_count(3)
    expect(first.locator("ol.members")).to_contain_text("Jeugdhuis Kompas")
    expect(page.get_by_label("Must be in it (ids)")).to_have_value("jh-kompas")

    page.get_by_role("link", name="Next proposals").click()
    expect(page.locator("#alliance-1")).to_have_count(0)
    expect(page.locator(".alliance-note")).to_contain_text("No further group after the 1 proposed before")

    ask_for_groups(page, "3")
    page.get_by_label("Leave out (ids)").fill("cie-lumen")
    page.get_by_role("button", name="Propose alliances").click()
    expect(page.locator("section.alliances")).not_to_contain_text("Cie Lumen")

    page.get_by_label("Leave out (ids)").fill("nobody")
    page.get_by_role("button", name="Propose alliances").click()
    expect(page.locator("#excluded-error")).to_contain_text("nobody")
    expect(page.get_by_label("Leave out (ids)")).to_have_attribute("aria-invalid", "true")


def test_print_a_group_as_the_fields_checklist(page):  # noqa: F811
    """From a proposed group, "Print as a checklist" opens a page with the field's checklist headings and
    the members' names; printed, it is one A4 sheet without the site's header and the link back."""
    ask_for_groups(page, "3", groups="1", pinned="jh-kompas")
    page.get_by_role("button", name="Propose alliances").click()
    page.locator("#alliance-1").get_by_role("link", name="Print as a checklist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliance 1: checklist")
    for heading in ("Find the key people", "Look for what you share in content", "Provide a budget", "Co-create",
                    "Make space, programme less rigidly", "Communicate with each other", "Start small"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".members-table")).to_contain_text("Jeugdhuis Kompas")
    sheets = page.pdf(format="A4")  # as the browser prints it
    assert len(re.findall(rb"/Type\s*/Page[^s]", sheets)) == 1
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the proposals")).to_be_hidden()
    expect(page.get_by_role("heading", name="Start small", exact=True)).to_be_visible()
    page.emulate_media(media="screen")
