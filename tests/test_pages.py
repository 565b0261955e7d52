"""The web pages through FastAPI's TestClient: every page in every language, the language
choice, sign-in and contact details, the profile form's errors, the map and the alliances page."""
from __future__ import annotations

import re
import string
from html import unescape

import pytest
from fastapi.testclient import TestClient

from matcher.ranking.reasons import explain
from matcher.ranking.scoring import score_pair
from service.pages import maps
from service.pages.i18n import LANGUAGES, Words, accepted_language
from service.pages.messages import MESSAGES, ORGANISATION_TYPE_LABELS, PARTNER_KIND_LABELS, REGION_LABELS
from service.pages.profile_form import parse_place, slug
from service.server import create_app
from service.settings import Settings

from conftest import profile
from factories import exchange, prepared
from forms import post_form

ADMIN_KEY = "admin-key-for-the-page-tests-0123456789"
CENTRE_EMAIL = "centre-noord@example.org"
LUMEN_EMAIL = "lumen@example.org"
SEARCH = "Ik zoek een repetitieruimte in de zomer in Brussel voor een dansvoorstelling met jongeren"


def centre() -> dict:
    """A community centre in Schaerbeek with a dance studio in July and August."""
    return profile("gc-noord", "organisation", name="GC Noord", type="community_centre",
                   description="Gemeenschapscentrum met een dansstudio en een sterke jongerenwerking.",
                   disciplines=["dance"], audiences=["youth", "local_residents"],
                   location={"municipality": "Schaarbeek"},
                   offers=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
                   needs=[{"type": "workshops", "audiences": ["youth"]}],
                   contact={"email": CENTRE_EMAIL, "phone": "+32 2 000 00 01"})


def company() -> dict:
    """A dance company in Brussels that needs a room from mid-July to September (partly covered)."""
    return profile("cie-lumen", "artist", name="Cie Lumen",
                   description="Dance company making a new piece with teenagers; we give workshops.",
                   disciplines=["dance"], audiences=["youth"], location={"municipality": "Brussel"},
                   offers=[{"type": "workshops", "audiences": ["youth"]}],
                   needs=[{"type": "rehearsal_space", "period": {"start": "2027-07-15", "end": "2027-09-30"}}],
                   contact={"email": LUMEN_EMAIL})


def free_text_maker() -> dict:
    """A circus collective in Anderlecht that only wrote a paragraph, in French."""
    return profile("collectif-nomade", "artist", name="Collectif Nomade", location={"postcode": "1070"},
                   description="Nous cherchons une salle de répétition en juillet 2027 pour un spectacle de "
                               "cirque avec des jeunes. Nous ne cherchons pas de résidence.")


def gent_centre() -> dict:
    """A cultural centre far from Brussels."""
    return profile("cc-gent", "organisation", name="CC Gent", type="cultural_centre",
                   description="Cultuurcentrum met een grote zaal; wij bieden speelkansen voor dans.",
                   disciplines=["dance", "theatre"], audiences=["general_public"],
                   location={"municipality": "Gent"},
                   offers=[{"type": "performance_venue"}, {"type": "rehearsal_space"}],
                   contact={"email": "gent@example.org"})


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=str(tmp_path / "pages.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit="off")


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def keys(client) -> dict[str, str]:
    """Four profiles, created through the API; their owner keys by id."""
    found = {}
    for body in (centre(), company(), free_text_maker(), gent_centre()):
        response = client.post("/profiles", json=body)
        assert response.status_code == 201, response.text
        found[body["id"]] = response.json()["owner_key"]
    return found


def text_of(response) -> str:
    """The visible text of a page, tags removed and whitespace folded."""
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", response.text, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def html_lang(response) -> str:
    return re.search(r'<html lang="([a-z]+)">', response.text).group(1)


def sign_in(client, profile_id: str | None, key: str):
    return post_form(client, "/ui/sign-in", {"profile_id": profile_id or "", "key": key, "next": ""},
                     follow_redirects=False)


# -- the catalogue ------------------------------------------------------------------------------
def test_every_message_has_three_languages_with_the_same_placeholders():
    """Each message exists in nl, fr and en and fills in the same values in each."""
    assert len(MESSAGES) > 100 and ORGANISATION_TYPE_LABELS and REGION_LABELS
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {language: {f for _, f, _, _ in string.Formatter().parse(text) if f} for language, text in
                  texts.items()}
        assert fields["nl"] == fields["fr"] == fields["en"], key
    for labels in (*ORGANISATION_TYPE_LABELS.values(), *PARTNER_KIND_LABELS.values(), *REGION_LABELS.values()):
        assert set(labels) == set(LANGUAGES)


def test_every_message_used_in_a_template_exists():
    """No template asks for a word the catalogue does not have."""
    from service.pages.rendering import TEMPLATES_DIR

    used = set()
    for path in TEMPLATES_DIR.glob("*.html"):
        used |= set(re.findall(r"words\.([a-z_0-9]+)\b", path.read_text()))
        used |= set(re.findall(r"words\(\s*[\"']([a-z_0-9]+)[\"']\s*[,)]", path.read_text()))
    methods = {"label", "place", "km", "amount", "period", "exchange", "language_name", "audience_words"}
    assert used - methods <= set(MESSAGES), used - methods - set(MESSAGES)


def test_words_label_keys_and_places_in_each_language():
    """Lexicon keys read as the lexicon words them; municipalities in French on French pages."""
    assert Words("nl").label("disciplines", "dance") == "dans"
    assert Words("fr").label("types", "community_centre") == "centre communautaire"
    assert Words("fr").place("Sint-Gillis") == "Saint-Gilles" and Words("nl").place("Sint-Gillis") == "Sint-Gillis"
    assert Words("en").exchange({"type": "coproduction_budget", "amount_eur": 4000,
                                 "period": {"start": "2027-07-01", "end": "2027-08-31"}}) \
        == "co-production budget · July–August 2027 · 4,000 EUR"


# -- language ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("header, expected", [
    ("fr-BE,fr;q=0.9,nl;q=0.8,en;q=0.5", "fr"), ("nl", "nl"), ("de-DE,de;q=0.9,en;q=0.3", "en"),
    ("en;q=0.2, nl;q=0.9", "nl"), ("de", None), ("", None), ("fr;q=0", None), ("nl;q=abc,fr", "fr"),
])
def test_accept_language_picks_the_best_supported_language(header, expected):
    """Quality values order the languages; unsupported ones are skipped."""
    assert accepted_language(header) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page_in_each_language(client, language):
    """The start page names the three ways in, in the browser's language, with lang on <html>."""
    response = client.get("/", headers={"Accept-Language": f"{language};q=0.9"})
    assert response.status_code == 200
    assert html_lang(response) == language
    page = text_of(response)
    for key in ("start_title", "way_maker_title", "way_centre_title", "way_coordinator_title"):
        assert MESSAGES[key][language] in page
    assert 'href="#main"' in response.text and 'id="main"' in response.text  # skip link


def test_lang_parameter_wins_and_is_kept_in_a_cookie(client):
    """?lang=fr switches to French and the choice holds on the next pages."""
    response = client.get("/?lang=fr", headers={"Accept-Language": "nl"})
    assert html_lang(response) == "fr"
    assert "lang=fr" in response.headers["set-cookie"]
    assert html_lang(client.get("/ui/search", headers={"Accept-Language": "nl"})) == "fr"
    assert html_lang(client.get("/ui/search?lang=en")) == "en"
    assert html_lang(client.get("/ui/new-profile")) == "en"


def test_language_switch_links_keep_the_page_and_its_query(client, keys):
    """Every page links to itself in the other languages."""
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Brussel", "lang": "nl"})
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', response.text)
    assert [language for _, language in links] == list(LANGUAGES)
    for url, language in links:
        assert url.startswith("/ui/search?") and f"lang={language}" in url and "near=Brussel" in url
        assert url.count("lang=") == 1


PAGES = ["/", "/ui/search", f"/ui/search?text={SEARCH}&near=Brussel", "/ui/search?who=maker",
         "/ui/search?who=centre", "/ui/profiles/gc-noord", "/ui/profiles/collectif-nomade", "/ui/new-profile",
         "/ui/sign-in", "/ui/alliances", "/ui/alliances?area=region&region=Brussels+Hoofdstedelijk+Gewest&size=3",
         "/ui/alliances?area=near&near=Schaarbeek&radius_km=8&theme=dans&size=3&count=2",
         "/ui/alliances?area=everywhere&size=3&count=1"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_every_language(client, keys, path, language):
    """Each page answers 200 in each language, with its own words and one h1."""
    response = client.get(path + ("&" if "?" in path else "?") + f"lang={language}")
    assert response.status_code == 200, response.text[:2000]
    assert html_lang(response) == language
    assert response.text.count("<h1") == 1
    assert MESSAGES["nav_search"][language] in text_of(response)
    assert "<title>" in response.text and "· matcher</title>" in response.text


# -- search ----------------------------------------------------------------------------------------------
def test_search_shows_ranked_suggestions_with_reasons_distance_and_what_is_missing(client, keys):
    """A free-text request gets numbered suggestions with reasons, km, a map and what is missing."""
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Brussel", "lang": "en"})
    page = text_of(response)
    assert "GC Noord" in page
    assert "km van elkaar" in page and "Biedt een repetitieruimte aan in juli–augustus 2027" in page  # reasons in
    assert "The reasons are written in Dutch, the language of the request." in page  # and the page says so
    assert 'id="suggestion-1"' in response.text
    assert "What we read in your request" in page and "rehearsal space" in page
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" role="img"', response.text)
    assert 'class="pin"' in response.text and 'class="asker"' in response.text


def test_search_hides_contact_details_from_anonymous_visitors(client, keys):
    """Anonymous visitors get a note to sign in, never the e-mail or phone."""
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Brussel", "lang": "en"})
    assert CENTRE_EMAIL not in response.text and "+32 2 000 00 01" not in response.text
    assert MESSAGES["contact_sign_in_note"]["en"] in text_of(response)


def test_search_offers_a_signed_in_profile_an_introduction_not_a_contact(client, keys):
    """A person signed in with their owner key gets a form to ask each suggestion for an introduction;
    the partners' contact details stay hidden until one is accepted."""
    assert sign_in(client, "cie-lumen", keys["cie-lumen"]).status_code == 303
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Brussel", "lang": "en"})
    assert CENTRE_EMAIL not in response.text
    assert '<input type="hidden" name="to" value="gc-noord">' in response.text
    page = text_of(response)
    assert MESSAGES["intro_ask_button"]["en"] in page and MESSAGES["contact_after_introduction"]["en"] in page
    assert MESSAGES["contact_sign_in_note"]["en"] not in page


def test_search_with_an_unknown_place_says_so_and_keeps_the_text(client, keys):
    """A place the gazetteer does not know is an error beside the field; the typed text stays."""
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Atlantis", "lang": "nl"})
    assert response.status_code == 422
    assert MESSAGES["err_unknown_place"]["nl"] in text_of(response)
    assert f">{SEARCH}</textarea>" in response.text and 'value="Atlantis"' in response.text
    assert 'aria-invalid="true"' in response.text


@pytest.mark.parametrize(("language", "limit"), [("nl", "Hoogstens 10.000 tekens."),
                                                ("fr", "Au maximum 10 000 caractères."),  # a narrow no-break space, folded
                                                ("en", "At most 10,000 characters.")])
def test_search_longer_than_the_limit_says_so_beside_the_field(client, language, limit):
    """A search of 10,001 characters is refused beside the text with the limit, not "Something went wrong"."""
    response = client.get("/ui/search", params={"text": "dans " * 2000 + "x", "lang": language})
    assert response.status_code == 422
    assert limit in text_of(response)
    assert MESSAGES["error_other_title"][language] not in text_of(response)


def test_favicon_answers(client):
    """Browsers ask every site for /favicon.ico: it is an icon, not a 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_brussels_only_results_zoom_to_brussels(client, keys):
    """Suggestions all in Brussels are drawn on the Brussels map, not Belgium's."""
    response = client.get("/ui/search", params={"text": SEARCH, "near": "Schaarbeek", "kind": "artist"})
    assert 'class="map-brussels"' in response.text


def test_suggestions_far_away_show_belgium(client, keys):
    """With a partner in Ghent the map is Belgium."""
    response = client.get("/ui/search", params={"text": "speelplek voor een dansvoorstelling", "near": "Gent"})
    assert "CC Gent" in response.text and 'class="map-belgium"' in response.text


# -- profile page ---------------------------------------------------------------------------------------
def test_profile_page_shows_stated_beside_understood_and_suggestions(client, keys):
    """The profile page sets what was read from the text beside what was stated, and lists suggestions."""
    response = client.get("/ui/profiles/collectif-nomade?lang=en")
    page = text_of(response)
    assert response.status_code == 200
    assert "What you stated and what we read" in page
    assert "circus" in page and "rehearsal space" in page  # read from the French paragraph
    assert re.search(r"Explicitly not .*does not seek [a-z ]*residency", page)  # the negation
    assert "French" in page
    assert 'class="used"' in response.text
    assert "Suggestions for this profile" in page and 'id="suggestion-1"' in response.text
    assert "Sign in to edit it" in page  # not the owner


def test_profile_page_says_what_is_missing(client, keys):
    """A partner whose period only partly covers the need is marked as such, in the profile's language."""
    response = client.get("/ui/profiles/cie-lumen?lang=en")
    assert '<li class="reason missing"><strong class="tag">Missing</strong> Period only partly overlaps' \
        in response.text


def test_profile_page_contact_only_for_its_owner_and_once_introduced(client, keys):
    """A profile's contact details appear to its owner, not to another signed-in profile, until that
    one's introduction is accepted."""
    assert CENTRE_EMAIL not in client.get("/ui/profiles/gc-noord").text
    sign_in(client, "cie-lumen", keys["cie-lumen"])
    assert CENTRE_EMAIL not in client.get("/ui/profiles/gc-noord").text
    asked = client.post("/introductions", json={"from": "cie-lumen", "to": "gc-noord"},
                        headers={"Authorization": f"Bearer {keys['cie-lumen']}"}).json()["id"]
    client.post(f"/introductions/{asked}/accept", headers={"Authorization": f"Bearer {keys['gc-noord']}"})
    assert CENTRE_EMAIL in client.get("/ui/profiles/gc-noord").text
    sign_in(client, "gc-noord", keys["gc-noord"])
    assert CENTRE_EMAIL in client.get("/ui/profiles/gc-noord").text


def test_unknown_profile_is_a_404_page(client, keys):
    """An unknown id gives an HTML 404 page in the visitor's language."""
    response = client.get("/ui/profiles/no-such-profile", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert html_lang(response) == "fr" and MESSAGES["not_found_title"]["fr"] in text_of(response)
    assert "no-such-profile" in text_of(response)


def test_unknown_page_is_html_but_the_api_keeps_json(client, keys):
    """Page paths answer errors in HTML; API paths keep their JSON errors."""
    page = client.get("/ui/nothing-here")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    api = client.get("/profiles/no-such-profile")
    assert api.status_code == 404 and api.json() == {"detail": "no profile with id 'no-such-profile'"}
    assert client.get("/profiles?limit=0").json()["errors"][0]["field"] == "limit"


# -- completeness on the profile page --------------------------------------------------------------------
def test_profile_page_shows_everyone_the_figure_and_the_owner_what_to_add(client, keys):
    """Anyone sees how complete a profile is; only its owner sees what to add, with the gain, and a link to edit."""
    anonymous = text_of(client.get("/ui/profiles/gc-noord?lang=nl"))
    assert "Profiel voor 75% volledig" in anonymous
    assert MESSAGES["to_add_title"]["nl"] not in anonymous
    sign_in(client, "gc-noord", keys["gc-noord"])
    response = client.get("/ui/profiles/gc-noord?lang=en")
    page = text_of(response)
    assert "Profile 75% complete" in page and "Add this for better matches" in page
    assert "A longer description: what you make, for whom, what you seek and offer, and when +15 points" in page
    assert re.findall(r'<li data-key="([a-z_]+)"', response.text) == ["description", "periods", "space_size"]
    assert 'href="/ui/profiles/gc-noord/edit">Complete your profile</a>' in response.text
    other = text_of(client.get("/ui/profiles/cie-lumen?lang=en"))  # signed in, but not the owner
    assert "Profile " in other and "% complete" in other and "Add this for better matches" not in other


def test_every_thing_to_add_has_its_words():
    """Each key the library can list has a line in nl, fr and en."""
    from matcher.completeness import WEIGHTS

    assert [key for key in WEIGHTS if f"to_add_{key}" not in MESSAGES] == []


def test_new_tie_is_said_only_when_the_profile_lists_its_partners(client, keys):
    """"New tie" in the score details needs the asker's partners; a search or a profile without them says
    nothing about ties."""
    assert MESSAGES["component_novelty"]["en"] not in text_of(client.get("/ui/profiles/cie-lumen?lang=en"))
    assert MESSAGES["component_novelty"]["en"] not in text_of(
        client.get("/ui/search", params={"text": SEARCH, "near": "Brussel", "lang": "en"}))
    listing = {**company(), "id": "cie-lijst", "name": "Cie Lijst", "partners": ["cc-gent"]}
    assert client.post("/profiles", json=listing).status_code == 201
    assert MESSAGES["component_novelty"]["en"] in text_of(client.get("/ui/profiles/cie-lijst?lang=en"))


# -- sign in --------------------------------------------------------------------------------------------
def test_sign_in_sets_an_httponly_cookie_and_sign_out_clears_it(client, keys):
    """The owner key signs in (HttpOnly, SameSite=Lax cookie holding a session id, not the key);
    signing out forgets it."""
    response = sign_in(client, "gc-noord", keys["gc-noord"])
    assert response.status_code == 303 and response.headers["location"] == "/ui/profiles/gc-noord"
    cookie = response.headers["set-cookie"]
    assert "matcher_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert keys["gc-noord"] not in cookie
    assert "Signed in: GC Noord" in text_of(client.get("/?lang=en"))
    out = post_form(client, "/ui/sign-out", follow_redirects=False)
    assert out.status_code == 303 and 'matcher_session=""' in out.headers["set-cookie"]
    assert CENTRE_EMAIL not in client.get("/ui/profiles/gc-noord").text


def test_wrong_key_does_not_sign_in(client, keys):
    """Another profile's key, or nonsense, is refused with one message, whether the id exists or not;
    the typed id stays."""
    response = sign_in(client, "gc-noord", keys["cie-lumen"])
    assert response.status_code == 422
    assert MESSAGES["err_sign_in_failed"]["en"] in text_of(response)
    assert 'value="gc-noord"' in response.text and keys["cie-lumen"] not in response.text
    assert "matcher_session" not in response.headers.get("set-cookie", "")
    unknown = sign_in(client, "nobody", "x" * 20)
    assert unknown.status_code == 422
    assert text_of(unknown).replace("nobody", "gc-noord") == text_of(response)


def test_admin_key_signs_in_without_a_profile(client, keys):
    """The admin key alone signs in, sees contact details and may edit any profile."""
    response = sign_in(client, None, ADMIN_KEY)
    assert response.status_code == 303
    assert CENTRE_EMAIL in client.get("/ui/profiles/gc-noord").text
    assert client.get("/ui/profiles/cie-lumen/edit").status_code == 200


def test_a_made_up_session_cookie_is_anonymous(client, keys):
    """A session id the service never gave out signs nobody in."""
    client.cookies.set("matcher_session", "made-up-session-id-0123456789abcdef")
    assert CENTRE_EMAIL not in client.get("/ui/profiles/gc-noord").text
    client.cookies.set("matcher_session", "%%%garbage" * 40)
    assert client.get("/ui/profiles/gc-noord").status_code == 200


def test_forms_posted_from_another_site_are_refused(client, keys):
    """A form post whose Origin is another site is a 403, even with a token."""
    response = post_form(client, "/ui/sign-in", data={"profile_id": "gc-noord", "key": keys["gc-noord"]},
                         headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403 and "matcher_session" not in response.headers.get("set-cookie", "")


def test_sign_in_goes_back_only_to_this_site(client, keys):
    """`next` may only point inside the site."""
    response = post_form(client, "/ui/sign-in", data={"profile_id": "gc-noord", "key": keys["gc-noord"],
                                                "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/ui/profiles/gc-noord"


# -- the profile form -------------------------------------------------------------------------------------
def new_profile_form(**overrides) -> dict:
    form = {"kind": "artist", "name": "Compagnie Test", "id": "", "type": "company",
            "description": "We zoeken een residentie in het voorjaar voor een nieuwe voorstelling.",
            "languages": ["nl", "fr"], "disciplines": ["theatre"], "themes": "migratie, de stad",
            "place": "1030", "max_distance_km": "25", "email": "test@example.org",
            "needs-0-type": "residency", "needs-0-start": "2027-03-01", "needs-0-end": "2027-04-30",
            "needs-0-amount": "", "needs-0-note": "twee weken", "offers-0-type": "workshops",
            "offers-0-audiences": ["youth", "schools"]}
    form.update(overrides)
    return form


def test_bad_input_keeps_what_was_typed_and_shows_each_error_by_its_field(client, keys):
    """Unknown place, period ending before it starts, a language code and a bad number: each error
    sits by its field, in the page's language, and every typed value comes back."""
    form = new_profile_form(place="Atlantis", **{"needs-0-end": "2027-02-01", "languages_other": "deu",
                                                 "max_distance_km": "veel"})
    response = post_form(client, "/ui/new-profile?lang=en", data=form)
    assert response.status_code == 422
    page = text_of(response)
    assert "The end date is before the start date." in page
    assert "'deu' is not a two-letter language code." in page
    assert "Give a number." in page
    assert "Please check these fields" in page
    for typed in ('value="Compagnie Test"', 'value="migratie, de stad"', 'value="2027-02-01"', 'value="veel"',
                  'value="twee weken"', 'value="test@example.org"', "voor een nieuwe voorstelling.</textarea>"):
        assert typed in response.text, typed
    assert re.search(r'value="theatre" checked', response.text)
    assert re.search(r'name="offers-0-audiences" value="schools" checked', response.text)
    assert 'id="needs-0-period-error"' in response.text and 'aria-describedby="needs-0-period-error"' in response.text
    assert "matcher_session" not in response.headers.get("set-cookie", "")
    assert MESSAGES["err_unknown_place"]["en"] in page and 'value="Atlantis"' in response.text
    assert 'id="place-error"' in response.text


def test_missing_name_and_kind_are_required(client):
    """Name and kind are the only required fields."""
    response = post_form(client, "/ui/new-profile?lang=fr", data={"name": "", "description": "Un texte."})
    assert response.status_code == 422
    page = text_of(response)
    assert MESSAGES["err_required"]["fr"] in page and MESSAGES["err_choose"]["fr"] in page
    assert "Un texte.</textarea>" in response.text


def test_a_row_with_dates_but_no_type_is_an_error(client):
    """A filled row needs to say what is offered or sought; half a period is an error too."""
    response = post_form(client, "/ui/new-profile?lang=en", data=new_profile_form(
        **{"offers-0-type": "", "offers-0-start": "2027-05-01", "needs-0-end": ""}))
    page = text_of(response)
    assert MESSAGES["err_type_needed"]["en"] in page and MESSAGES["err_both_dates"]["en"] in page


def test_creating_a_profile_shows_the_owner_key_once_and_signs_in(client, keys):
    """A good form creates the profile, shows its owner key with advice, and signs the person in."""
    response = post_form(client, "/ui/new-profile?lang=en", data=new_profile_form())
    assert response.status_code == 200, text_of(response)
    assert response.headers["cache-control"] == "no-store"
    key = re.search(r'<code id="owner-key">([^<]+)</code>', response.text).group(1)
    assert MESSAGES["created_key_advice"]["en"] in text_of(response)
    assert "Signed in: Compagnie Test" in text_of(response)
    assert "compagnie-test" in response.text
    stored = client.get("/profiles/compagnie-test", headers={"Authorization": f"Bearer {key}"}).json()
    assert stored["contact"]["email"] == "test@example.org"
    assert stored["location"]["postcode"] == "1030" and stored["themes"] == ["migratie", "de stad"]
    need = stored["needs"][0]
    assert (need["type"], need["period"], need["note"]) == (
        "residency", {"start": "2027-03-01", "end": "2027-04-30"}, "twee weken")
    assert stored["offers"][0]["audiences"] == ["youth", "schools"]
    assert "Signed in: Compagnie Test" in text_of(client.get("/?lang=en"))
    again = post_form(client, "/ui/new-profile?lang=en", data=new_profile_form())
    assert again.status_code == 200 and "compagnie-test-2" in again.text  # a made-up id gets a number


def test_the_kind_of_partner_sought_is_a_form_field_and_a_row_of_the_profile_page(client, keys):
    """Ticked kinds of partner are stored, ticked again in the edit form, and shown as stated on the profile page."""
    response = post_form(client, "/ui/new-profile?lang=en", data=new_profile_form(
        partner_kinds=["school", "artist"], **{"needs-0-type": "artistic_collaboration"}))
    assert response.status_code == 200, text_of(response)
    stored = client.get("/profiles/compagnie-test").json()
    assert stored["partner_kinds"] == ["school", "artist"] and stored["needs"][0]["type"] == "artistic_collaboration"
    form = client.get("/ui/profiles/compagnie-test/edit?lang=en")
    assert re.search(r'name="partner_kinds" value="school" checked', form.text)
    assert not re.search(r'name="partner_kinds" value="library" checked', form.text)
    page = text_of(client.get("/ui/profiles/compagnie-test?lang=nl"))
    assert "Zoekt als partner" in page and "kunstenaar (elke maker)" in page and "school" in page


@pytest.mark.parametrize("place, message", [("Atlantis", "err_unknown_place"), ("12345", "err_postcode"),
                                            ("9999", "err_unknown_place")])
def test_places_are_checked_with_the_rest(client, place, message):
    """A place the gazetteer cannot place, or a malformed postcode, is reported beside the place field."""
    response = post_form(client, "/ui/new-profile?lang=nl", data=new_profile_form(place=place))
    assert response.status_code == 422
    assert f'<p class="field-error" id="place-error"><span class="visually-hidden">Fout: </span>' \
           f'{MESSAGES[message]["nl"]}</p>' in response.text


def test_a_taken_id_is_an_error_on_the_id_field(client, keys):
    """A typed id that exists is refused beside the field."""
    response = post_form(client, "/ui/new-profile?lang=en", data=new_profile_form(id="gc-noord"))
    assert response.status_code == 422 and MESSAGES["err_id_taken"]["en"] in text_of(response)


def test_editing_needs_the_owner(client, keys):
    """Anonymous visitors and other owners get the sign-in page; the owner gets the form, filled in."""
    assert client.get("/ui/profiles/gc-noord/edit").status_code == 403
    sign_in(client, "cie-lumen", keys["cie-lumen"])
    assert client.get("/ui/profiles/gc-noord/edit").status_code == 403
    response = post_form(client, "/ui/profiles/gc-noord/edit", data={"kind": "organisation", "name": "Taken over"})
    assert response.status_code == 403
    assert client.get("/profiles/gc-noord").json()["name"] == "GC Noord"
    sign_in(client, "gc-noord", keys["gc-noord"])
    form = client.get("/ui/profiles/gc-noord/edit?lang=en")
    assert form.status_code == 200 and 'value="GC Noord"' in form.text and 'value="Schaarbeek"' in form.text
    assert 'value="2027-07-01"' in form.text and CENTRE_EMAIL in form.text


def test_the_owner_edits_and_sees_the_change(client, keys):
    """A saved edit keeps what the form does not show and leads back to the profile page."""
    sign_in(client, "gc-noord", keys["gc-noord"])
    data = {"kind": "organisation", "name": "GC Noord", "type": "community_centre", "place": "Schaarbeek",
            "description": "Wij bieden een dansstudio in de zomer.", "disciplines": ["dance", "music"],
            "offers-0-type": "rehearsal_space", "offers-0-start": "2027-07-01", "offers-0-end": "2027-08-31",
            "email": CENTRE_EMAIL}
    response = post_form(client, "/ui/profiles/gc-noord/edit", data=data, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ui/profiles/gc-noord?saved=1"
    stored = client.get("/profiles/gc-noord", headers={"Authorization": f"Bearer {keys['gc-noord']}"}).json()
    assert stored["disciplines"] == ["dance", "music"] and stored["needs"] == []
    assert stored["contact"]["email"] == CENTRE_EMAIL and not stored["contact"].get("phone")
    assert MESSAGES["saved_notice"]["nl"] in client.get("/ui/profiles/gc-noord?saved=1&lang=nl").text
    bad = post_form(client, "/ui/profiles/gc-noord/edit?lang=en", data={**data, "offers-0-end": "2027-06-01"})
    assert bad.status_code == 422 and "The end date is before the start date." in text_of(bad)
    assert 'value="2027-06-01"' in bad.text


def test_form_posts_must_be_urlencoded(client):
    """Other bodies are refused with an HTML page."""
    response = post_form(client, "/ui/new-profile", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415 and response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("typed, expected", [
    ("1030", {"postcode": "1030"}), ("1030 Schaarbeek", {"postcode": "1030", "municipality": "Schaarbeek"}),
    ("Sint-Gillis", {"municipality": "Sint-Gillis"}), ("10000", {"postcode": "10000"}),
    ("50.85, 4.35", {"lat": "50.85", "lon": "4.35"}),
])
def test_one_place_field_becomes_a_location(typed, expected):
    """Municipality, postcode, both, or coordinates."""
    assert parse_place(typed) == expected


def test_ids_made_from_names():
    """Names become lower-case ids without accents or spaces."""
    assert slug("GC De Markten") == "gc-de-markten"
    assert slug("Théâtre de la Montagne Magique!") == "theatre-de-la-montagne-magique"
    assert slug("???") == "profile"


# -- rate limit -------------------------------------------------------------------------------------------
def test_too_many_searches_get_an_html_page_with_retry_after(tmp_path):
    """Over the rate limit a page answers 429 in HTML, saying when to retry."""
    settings = Settings(db_path=str(tmp_path / "limited.db"), model="hashing", rate_limit="1/minute")
    with TestClient(create_app(settings)) as client:
        assert client.get("/ui/search", params={"text": SEARCH}).status_code == 200
        response = client.get("/ui/search", params={"text": SEARCH, "lang": "en"})
        assert response.status_code == 429 and "Retry-After" in response.headers
        assert "Try again in" in text_of(response)


# -- alliances ----------------------------------------------------------------------------------------------
def test_alliances_page_shows_groups_with_who_brings_what_graph_and_map(client, keys):
    """Proposed groups list their members with what each brings and receives, a graph and a map."""
    response = client.get("/ui/alliances", params={"area": "region", "region": "Brussels Hoofdstedelijk Gewest",
                                                   "size": "3", "count": "2", "lang": "en"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Alliance 1" in page and "Who brings what" in page and "Brings:" in page
    assert 'id="alliance-1"' in response.text
    assert response.text.count("<svg") >= 2  # the graph and the map
    assert 'class="edge"' in response.text and 'class="pin"' in response.text


def test_alliances_page_errors_keep_the_form(client, keys):
    """An unknown place or a radius that is not a number is shown by its field, the form as typed."""
    response = client.get("/ui/alliances", params={"area": "near", "near": "Atlantis", "theme": "dans",
                                                   "lang": "en"})
    assert response.status_code == 422 and MESSAGES["err_unknown_place"]["en"] in text_of(response)
    assert 'value="Atlantis"' in response.text and 'value="dans"' in response.text
    response = client.get("/ui/alliances", params={"area": "near", "near": "Schaarbeek", "radius_km": "ver"})
    assert response.status_code == 422 and 'value="ver"' in response.text
    response = client.get("/ui/alliances", params={"area": "near", "near": "", "lang": "en"})
    assert response.status_code == 422 and MESSAGES["err_required"]["en"] in text_of(response)


# -- maps and reasons ----------------------------------------------------------------------------------------
def test_map_views_are_chosen_by_the_points_and_cached():
    """Brussels points get the Brussels view; nearby towns the surroundings; Ghent Belgium. Outlines are
    computed once per view."""
    assert maps.choose_view([(50.85, 4.35), (50.86, 4.37)]).name == "brussels"
    assert maps.choose_view([(50.85, 4.35), (50.93, 4.43)]).name == "brussels_area"  # Vilvoorde
    assert maps.choose_view([(50.85, 4.35), (51.05, 3.72)]).name == "belgium"
    assert maps.base_map("brussels") is maps.base_map("brussels")
    whole = maps.base_map("belgium")
    assert whole.outlines.startswith("M") and whole.highlight.startswith("M")
    assert len(whole.outlines) < 80_000  # simplified for the scale


def test_projection_keeps_shapes_true():
    """A degree of longitude is cos(latitude) of a degree of latitude on the map."""
    projection = maps.Projection.fit((4.0, 50.0, 5.0, 51.0), 500)
    x0, y0 = projection.xy(4.0, 51.0)
    x1, y1 = projection.xy(5.0, 50.0)
    assert (x0, y0) == (0, 0)
    assert abs((x1 - x0) / (y1 - y0) - 0.6428) < 0.01


def test_pins_that_would_overlap_are_moved_apart():
    """Two suggestions at the same place get two readable markers, with a line to the true spot."""
    picture = maps.picture(maps.Pin(50.85, 4.35, "", "here"),
                           [maps.Pin(50.85, 4.35, "1", "a"), maps.Pin(50.85, 4.35, "2", "b")])
    first, second = picture.pins
    assert picture.view == "brussels"
    assert (first.x, first.y) != (second.x, second.y) and first.moved and second.moved
    assert maps.picture(None, [maps.Pin(10.0, 10.0, "1", "far away")]) is None


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_reasons_that_say_what_is_missing_are_recognised(language):
    """The library's 'missing' reasons, in each language, are told apart from the others by their key."""
    asker = prepared("lumen", kind="artist", language=language, audiences=["youth"],
                     needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-31"),
                            exchange("coproduction_budget", amount=5000)])
    centre = prepared("centre", lat=50.86, audiences=["youth"],
                      offers=[exchange("rehearsal_space", "2027-07-01", "2027-07-31"),
                              exchange("coproduction_budget", amount=2000)])
    reasons = explain(asker, centre, score_pair(asker, centre))
    assert {reason.key for reason in reasons if reason.missing} == {"partly_overlaps", "budget_short"}
    assert {reason.key for reason in reasons if not reason.missing} >= {"offers_for_need"}
