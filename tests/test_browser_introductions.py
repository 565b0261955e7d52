"""Introductions in a real browser (headless Chromium against a real `matcher serve`, as in
test_browser.py, whose server and browser fixtures this module uses): ask on a suggestion, the other
side's inbox, accept, both contacts shown; decline, and the pair is gone from each other's suggestions.

The profiles are made through the API in towns of their own, where each looks no further than 15 km,
so that each pair is the other's only suggestion and the other tests' data stays as it was."""
from __future__ import annotations

import httpx
import pytest

from conftest import profile
from test_browser import browser_context, expect, go, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def make_pair(base: str, name: str, town: str) -> dict:
    """A centre with a studio and a company that gives workshops, in `town`; their ids, keys and e-mails."""
    made = {}
    with httpx.Client(base_url=base, timeout=30) as api:
        for side, body in (
                ("centre", profile(f"gc-{name}", "organisation", name=f"GC {name.title()}", type="community_centre",
                                   description="Gemeenschapscentrum met een dansstudio en een jongerenwerking.",
                                   disciplines=["dance"], audiences=["youth"], location={"municipality": town},
                                   max_distance_km=15, offers=[{"type": "rehearsal_space"}],
                                   needs=[{"type": "workshops", "audiences": ["youth"]}],
                                   contact={"email": f"gc-{name}@example.org", "phone": "+32 50 00 00 01"})),
                ("company", profile(f"cie-{name}", "artist", name=f"Cie {name.title()}",
                                    description="Dance company making a piece with teenagers; we give workshops.",
                                    disciplines=["dance"], audiences=["youth"], location={"municipality": town},
                                    max_distance_km=15, offers=[{"type": "workshops", "audiences": ["youth"]}],
                                    needs=[{"type": "rehearsal_space"}],
                                    contact={"email": f"cie-{name}@example.org"}))):
            response = api.post("/profiles", json=body)
            assert response.status_code == 201, response.text
            made[side] = {"id": body["id"], "key": response.json()["owner_key"], "email": body["contact"]["email"],
                          "name": body["name"]}
    return made


def sign_in(page, who: dict) -> None:
    go(page, "/ui/sign-in?lang=en")
    page.locator("#profile_id").fill(who["id"])
    page.locator("#key").fill(who["key"])
    page.locator("form.sign-in-form [type=submit]").click()
    expect(page.get_by_role("link", name=f"Signed in: {who['name']}")).to_be_visible()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()


def ask_from_suggestion(page, suggestion, message: str) -> None:
    """Open a suggestion's "Ask for an introduction", write a message and send it."""
    suggestion.locator("summary", has_text="Ask for an introduction").click()
    suggestion.get_by_label("Message (optional)").fill(message)
    suggestion.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()


def test_ask_on_a_suggestion_accept_and_both_see_each_others_contact(page, server):
    """The company asks the centre on its profile page's suggestion; the centre finds the request in its
    inbox and accepts; then each sees the other's contact, which neither saw before."""
    pair = make_pair(server, "accord", "Brugge")
    company, centre = pair["company"], pair["centre"]
    sign_in(page, company)
    go(page, f"/ui/profiles/{company['id']}?lang=en")
    suggestion = page.locator("li.suggestion", has=page.get_by_role("link", name=centre["name"], exact=True))
    expect(suggestion).to_have_count(1)
    expect(page.get_by_text(centre["email"])).to_have_count(0)
    ask_from_suggestion(page, suggestion, "Mogen we in juli bij jullie repeteren?")
    expect(page.locator("#outgoing-title + ul").get_by_text("Waiting for an answer")).to_be_visible()
    sign_out(page)

    sign_in(page, centre)
    page.get_by_role("link", name="Introductions", exact=True).click()
    request = page.locator("li.introduction", has_text=company["name"])
    expect(request.get_by_text("Mogen we in juli bij jullie repeteren?")).to_be_visible()
    expect(request.get_by_text(company["email"])).to_have_count(0)
    request.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Accepted: you now see each other's contact details.")).to_be_visible()
    expect(page.get_by_role("link", name=company["email"])).to_be_visible()
    go(page, f"/ui/profiles/{company['id']}?lang=en")
    expect(page.get_by_role("link", name=company["email"])).to_be_visible()
    sign_out(page)

    sign_in(page, company)
    go(page, f"/ui/profiles/{centre['id']}?lang=en")
    expect(page.get_by_role("link", name=centre["email"])).to_be_visible()
    go(page, f"/ui/profiles/{company['id']}?lang=en")
    suggestion = page.locator("li.suggestion", has=page.get_by_role("link", name=centre["name"], exact=True))
    expect(suggestion.get_by_text("You have been introduced.")).to_be_visible()
    expect(suggestion.get_by_role("link", name=centre["email"])).to_be_visible()


def test_decline_and_the_pair_is_gone_from_each_others_suggestions(page, server):
    """The company asks on a search result; the centre declines; the company is told kindly, and neither
    is suggested to the other any more, in a search or on their profile pages."""
    pair = make_pair(server, "refus", "Kortrijk")
    company, centre = pair["company"], pair["centre"]
    search = "/ui/search?lang=en&near=Kortrijk&radius_km=10&text=" + \
        "Wij zoeken een repetitieruimte voor een dansvoorstelling met jongeren".replace(" ", "+")
    sign_in(page, company)
    go(page, search)
    suggestion = page.locator("li.suggestion", has=page.get_by_role("link", name=centre["name"], exact=True))
    ask_from_suggestion(page, suggestion, "Hebben jullie plaats in de zomer?")
    sign_out(page)

    sign_in(page, centre)
    go(page, "/ui/introductions?lang=en")
    page.locator("li.introduction", has_text=company["name"]).get_by_role("button", name="Decline").click()
    expect(page.get_by_text("You declined. The one who asked is told, kindly.")).to_be_visible()
    go(page, f"/ui/profiles/{centre['id']}?lang=en")
    expect(page.get_by_role("heading", name="Suggestions for this profile")).to_be_visible()
    expect(page.locator("li.suggestion", has_text=company["name"])).to_have_count(0)
    sign_out(page)

    sign_in(page, company)
    go(page, "/ui/introductions?lang=en")
    expect(page.get_by_text(f"{centre['name']} is not taking up your request this time.")).to_be_visible()
    go(page, search)
    expect(page.locator("li.suggestion", has_text=centre["name"])).to_have_count(0)
    expect(page.get_by_text("Nothing within 10 km")).to_be_visible()
    go(page, f"/ui/profiles/{company['id']}?lang=en")
    expect(page.locator("li.suggestion", has_text=centre["name"])).to_have_count(0)
