"""The web pages in a real browser: headless Chromium (Debian's `chromium`, driven by Playwright)
against a real `matcher serve` process on a free loopback port, with a small database.

One server and one browser serve the whole module; each test starts from a new page without
cookies. Skipped, with the reason, only when Chromium or Playwright cannot be found.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.storage.store import Store

from conftest import profile
from serving import running_server

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ADMIN_KEY = "admin-key-for-the-browser-tests-0123456789"
SEARCH = "Ik zoek een repetitieruimte in de zomer in Brussel voor een dansvoorstelling met jongeren"
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.slow  # a real browser against a real server process


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if os.path.isabs(candidate) and os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    return None


CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("Chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser); "
                "install it with: apt-get install -y chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed: "
                                                             "pip install -e '.[dev]'")
expect = sync_api.expect

PROFILES = [
    profile("gc-noord", "organisation", name="GC Noord", type="community_centre",
            description="Gemeenschapscentrum met een dansstudio; in juli en augustus 2027 is de studio vrij "
                        "voor een dansgezelschap dat met jongeren werkt. We zoeken workshops voor tieners.",
            disciplines=["dance"], audiences=["youth", "local_residents"], location={"municipality": "Schaarbeek"},
            offers=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
            needs=[{"type": "workshops", "audiences": ["youth"]}],
            contact={"email": "noord@example.org", "phone": "+32 2 000 00 01"}),
    profile("cie-lumen", "artist", name="Cie Lumen",
            description="Dance company making a new piece with teenagers; we give workshops and need a "
                        "rehearsal room in summer.",
            disciplines=["dance"], audiences=["youth"], location={"municipality": "Brussel"},
            offers=[{"type": "workshops", "audiences": ["youth"]}],
            needs=[{"type": "rehearsal_space", "period": {"start": "2027-07-15", "end": "2027-08-15"}},
                   {"type": "audience_reach", "audiences": ["youth"]}],
            contact={"email": "lumen@example.org"}),
    profile("jh-kompas", "organisation", name="Jeugdhuis Kompas", type="youth_organisation",
            description="Jeugdhuis in Anderlecht; we brengen jongeren uit de buurt mee naar voorstellingen.",
            audiences=["youth"], location={"municipality": "Anderlecht"},
            offers=[{"type": "audience_reach", "audiences": ["youth"]}],
            needs=[{"type": "workshops", "audiences": ["youth"]}], contact={"email": "kompas@example.org"}),
    profile("collectif-nomade", "artist", name="Collectif Nomade", location={"postcode": "1070"},
            description="Nous cherchons une salle de répétition en juillet 2027 pour un spectacle de cirque avec "
                        "des jeunes. Nous animons des ateliers de cirque pour les écoles."),
    profile("cc-strombeek", "organisation", name="CC Strombeek", type="cultural_centre",
            description="Cultuurcentrum met een grote zaal; wij coproduceren dans en bieden speelkansen.",
            disciplines=["dance", "theatre"], audiences=["general_public", "families"],
            location={"municipality": "Grimbergen"},
            offers=[{"type": "performance_venue"}, {"type": "coproduction_budget", "amount_eur": 5000}],
            needs=[{"type": "audience_mediation"}]),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`matcher serve` on a free loopback port, over a database holding PROFILES; its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    db_path = folder / "browser.db"
    records = folder / "profiles.jsonl"
    records.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PROFILES), encoding="utf-8")
    store = Store(db_path)
    report = Matcher(store, embedder=HashingEmbedder()).import_files([records])
    store.close()
    assert report.added == len(PROFILES), report.problems
    with running_server(db_path, folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as base:
        yield base


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """One headless Chromium for the module, with a fresh user-data folder."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


@pytest.fixture
def page(browser_context, server):
    """A new tab without cookies, its base URL set to the server."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.base_url = server  # used by go()
    yield tab
    tab.close()


def go(page, path: str):
    page.goto(page.base_url + path)


def test_search_shows_suggestions_with_reasons_and_a_map(page):
    """Typing a request in the maker's search gives numbered suggestions, reasons and a map."""
    go(page, "/ui/search?who=maker&lang=en")
    page.get_by_label("What are you looking for?").fill(SEARCH)
    page.get_by_label("Where?").fill("Brussel")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#suggestion-1")).to_be_visible()
    expect(page.locator("ol.suggestions > li")).not_to_have_count(0)
    expect(page.locator("#suggestion-1 .reasons li").first).not_to_be_empty()
    expect(page.locator("figure.map svg[role=img]")).to_be_visible()
    expect(page.locator("figure.map .pin").first).to_be_visible()
    expect(page.get_by_text("Sign in with your profile to ask for an introduction; contact details are shared once "
                            "it is accepted.").first).to_be_visible()
    assert "noord@example.org" not in page.content()


def test_open_a_profile_from_the_results(page):
    """A suggestion's name leads to its profile page, with what was understood beside what was stated."""
    go(page, "/ui/search?lang=en&text=" + SEARCH.replace(" ", "+") + "&near=Schaarbeek")
    first = page.locator("#suggestion-1 h3 a")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="What you stated and what we read")).to_be_visible()
    expect(page.get_by_role("table", name="What you stated and what we read")).to_be_visible()
    expect(page.get_by_role("heading", name="Why we read it this way")).to_be_visible()
    expect(page.get_by_role("heading", name="Suggestions for this profile")).to_be_visible()


def test_a_bad_form_shows_the_errors_keeps_the_input_and_then_creates_the_profile(page):
    """Errors appear by their fields with everything typed kept; once fixed, the owner key is shown and
    the person is signed in (so it may ask others for an introduction, whose contact stays hidden till then)."""
    go(page, "/ui/new-profile?lang=en")
    page.get_by_label("a maker, company or collective").check()
    page.get_by_label("Name (required)").fill("Compagnie Navigateur")
    page.get_by_label("Description").fill("Nous cherchons une salle de répétition en été pour de la danse.")
    page.get_by_label("Dance", exact=True).check()
    page.get_by_label("Municipality or postcode").fill("Atlantis")
    page.locator("#needs-0-type").select_option("rehearsal_space")
    page.locator("#needs-0-start").fill("2027-08-31")
    page.locator("#needs-0-end").fill("2027-07-01")
    page.get_by_role("button", name="Create profile").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("#needs-0-period-error")).to_contain_text("The end date is before the start date.")
    expect(page.get_by_label("Name (required)")).to_have_value("Compagnie Navigateur")
    expect(page.locator("#needs-0-start")).to_have_value("2027-08-31")
    expect(page.get_by_label("Dance", exact=True)).to_be_checked()
    expect(page.locator("#needs-0-end")).to_have_attribute("aria-invalid", "true")

    expect(page.locator("#place-error")).to_contain_text("We do not know this municipality or postcode.")
    expect(page.get_by_label("Municipality or postcode")).to_have_value("Atlantis")

    page.locator("#needs-0-start").fill("2027-07-01")
    page.locator("#needs-0-end").fill("2027-08-31")
    page.get_by_label("Municipality or postcode").fill("Schaarbeek")
    page.get_by_role("button", name="Create profile").click()
    expect(page.get_by_role("heading", name="Your profile is online")).to_be_visible()
    key = page.locator("#owner-key").inner_text()
    assert len(key) >= 40
    go(page, "/ui/profiles/gc-noord?lang=en")
    expect(page.locator(".profile-description summary", has_text="Ask for an introduction")).to_be_visible()
    expect(page.get_by_role("link", name="noord@example.org")).to_have_count(0)


def test_a_size_set_on_an_offer_is_shown_on_the_profile_page(page):
    """Signed in, the form shows an offer's terms that fit its type (support only for a room that has it,
    without a script), takes the size of the space, and the profile page says it in words."""
    go(page, "/ui/sign-in?lang=en&next=" + "/ui/profiles/cc-strombeek/edit".replace("/", "%2F"))
    page.locator("#key").fill(ADMIN_KEY)
    page.locator("form.sign-in-form [type=submit]").click()
    expect(page.locator("#offers-0-type")).to_have_value("performance_venue")
    page.locator("#offers-0-terms summary").click()
    expect(page.locator("#offers-0-area_m2")).to_be_visible()
    expect(page.locator("#offers-0-support")).to_be_hidden()  # a stage comes with no residency support
    page.locator("#offers-0-type").select_option("rehearsal_space")
    expect(page.locator("#offers-0-support")).to_be_visible()
    page.locator("#offers-0-type").select_option("performance_venue")
    page.get_by_label("Area (m²)").first.fill("400")
    page.locator("#offers-0-seated").fill("300")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CC Strombeek")
    expect(page.get_by_text("400 m² · 300 seats")).to_be_visible()


def test_switching_language_keeps_the_choice(page):
    """The language switch translates the page, and the choice holds on the next page."""
    go(page, "/")
    assert page.get_attribute("html", "lang") == "en"  # from the browser's Accept-Language
    page.locator('.languages a[hreflang="fr"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouvez des partenaires pour votre projet culturel")
    page.get_by_role("link", name="Rechercher", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_label("Que cherchez-vous ?")).to_be_visible()
    page.locator('.languages a[hreflang="nl"]').click()
    expect(page.get_by_label("Wat zoek je?")).to_be_visible()


def test_build_an_alliance(page):
    """A coordinator picks an area and a theme and sees groups with who brings what, a graph and a map."""
    go(page, "/ui/alliances?lang=en")
    page.get_by_label("A region or province").check()
    page.get_by_label("Region or province", exact=True).select_option(label="Brussels-Capital Region")
    page.get_by_label("Theme").fill("jongeren en dans")
    page.get_by_label("Members per group").select_option("3")
    page.get_by_label("How many groups").select_option("1")
    page.get_by_role("button", name="Propose alliances").click()
    alliance = page.locator("#alliance-1")
    expect(alliance).to_be_visible()
    expect(alliance.locator("ol.members > li")).to_have_count(3)
    expect(alliance.get_by_text("Brings:").first).to_be_visible()
    expect(alliance.locator("figure.graph svg")).to_be_visible()
    expect(alliance.locator("figure.map svg .pin")).to_have_count(3)


def test_keyboard_alone_reaches_the_search_form(page):
    """From the start page, Tab reaches the skip link first, then the search box, with a visible focus."""
    go(page, "/?lang=en")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    expect(page.get_by_label("What are you looking for?")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("dansstudio voor jongeren")
    page.keyboard.press("Tab")
    page.keyboard.type("Schaarbeek")
    page.keyboard.press("Enter")
    expect(page.locator("#suggestion-1")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/ui/search?text=" + SEARCH.replace(" ", "+") + "&near=Brussel",
                                  "/ui/profiles/cie-lumen", "/ui/new-profile",
                                  "/ui/alliances?area=region&size=3&count=1"])
def test_no_horizontal_scrolling_on_a_phone(page, path):
    """At 375 px wide nothing sticks out sideways."""
    page.set_viewport_size({"width": 375, "height": 800})
    go(page, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
