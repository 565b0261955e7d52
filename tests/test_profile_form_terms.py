"""The profile form and the terms of an exchange, through the real app (FastAPI's TestClient, as in
test_pages.py): editing on the page keeps every field the form does not show, the terms set on the
form are stored, a bad term is shown beside its field, a type change drops a term that no longer
fits, and the profile page says the terms in words."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from matcher.profiles import EXCHANGE_TYPES, Exchange, Location, Profile, Space
from service.pages.messages import MESSAGES
from service.pages.profile_form import TERMS_OF_TYPE, TYPED_TERMS
from service.pages.terms_words import terms_words
from service.server import create_app
from service.settings import Settings

from conftest import profile

ADMIN_KEY = "admin-key-for-the-form-terms-tests-0123456789"


def every_field() -> dict:
    """A profile abroad that serves Belgian places, with every field of the format set, and every term
    on some offer or need (test_the_fixture_sets_every_field_of_the_format keeps it so). Lists of boxes to
    tick are in the page's order, the order a form sends them in (the format gives them none)."""
    return profile(
        "atelier-maas", "organisation", name="Atelier Maas", type="residency_centre",
        description="Residentiehuis aan de Maas met een dansstudio en gastenkamers.",
        languages=["nl", "fr", "de"], disciplines=["dance", "circus"], themes=["grenzen", "rivier"],
        audiences=["youth", "families"],
        location={"country": "NL", "municipality": "Maastricht", "postcode": "6211 AB", "lat": 50.851,
                  "lon": 5.69},
        serves=["Limburg", "Hasselt", "Lanaken"], max_distance_km=80, partners=["cc-hasselt"],
        partner_kinds=["company", "artist"],
        offers=[
            {"type": "residency", "period": {"start": "2027-07-01", "end": "2027-07-31"}, "amount_eur": 500,
             "audiences": ["youth"], "note": "twee weken", "in_return": ["workshops"],
             "space": {"area_m2": 140.5, "seated": 40, "standing": 90, "beds": 4,
                       "features": ["dance_floor", "sound"]},
             "support": ["room", "lodging", "coaching"], "price": "rent", "price_eur": 60, "budget_eur": 100},
            {"type": "coproduction_budget", "amount_eur": 3000, "in_kind": ["venue", "technical_crew"],
             "price": "in_kind", "in_return": ["audience_mediation"]},
        ],
        needs=[
            {"type": "rehearsal_space", "space": {"area_m2": 100, "features": ["black_box"]},
             "support": ["technical"], "budget_eur": 0, "in_return": ["workshops"], "price": "rent",
             "price_eur": 40},
            {"type": "coproduction_budget", "amount_eur": 2000, "in_kind": ["materials"], "budget_eur": 250,
             "optional": True},
        ],
        contact={"email": "maas@example.org", "phone": "+31 43 000 00 00", "website": "https://maas.example",
                 "address": "Maasboulevard 1"})


@pytest.fixture
def client(tmp_path):
    settings = Settings(db_path=str(tmp_path / "terms.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit="off")
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def owner_key(client) -> str:
    """every_field() created through the API, its owner signed in on the pages."""
    response = client.post("/profiles", json=every_field())
    assert response.status_code == 201, response.text
    key = response.json()["owner_key"]
    signed = client.post("/ui/sign-in", data=with_token(client, {"profile_id": "atelier-maas", "key": key, "next": ""},
                                                        "/ui/sign-in"), follow_redirects=False)
    assert signed.status_code == 303
    return key


def with_token(client, data: dict, page: str) -> dict:
    """DATA with the form token PAGE's form holds, when the pages use one, as a browser would send it."""
    found = re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)">', client.get(page).text)
    return {**data, "csrf_token": found.group(1)} if found else data


def create(client, fields: dict, lang: str):
    """The new-profile form posted with FIELDS."""
    return client.post(f"/ui/new-profile?lang={lang}", data=with_token(client, new_profile(fields), "/ui/new-profile"))


def exported(client, key: str) -> dict:
    """The stored profile in the exchange format, contact included, as its owner reads it."""
    body = client.get("/profiles/atelier-maas", headers={"Authorization": f"Bearer {key}"}).json()
    body.pop("completeness")
    return Profile.model_validate(body).exchange()


class FormReader(HTMLParser):
    """What a browser sends for the page's profile form: text, hidden and date fields, ticked boxes and
    radios, the chosen option of each select, and textareas."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and "profile-form" in (attributes.get("class") or ""):
            self._in_form = True
        if not self._in_form or tag not in ("input", "select", "option", "textarea"):
            return
        name = attributes.get("name")
        if tag == "input" and name:
            if attributes.get("type") in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value", "on")))
            elif attributes.get("type") != "submit":
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attributes.get("value") or "", "selected" in attributes))
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected] or [self._options[0][0]]
            self.fields.append((self._select, chosen[0]))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


def changed(fields: list[tuple[str, str]], new: dict[str, str]) -> list[tuple[str, str]]:
    """The fields with some values replaced."""
    return [(name, new.get(name, value)) for name, value in fields]


def save(client, fields: list[tuple[str, str]], lang: str = "en"):
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(f"/ui/profiles/atelier-maas/edit?lang={lang}", data=data, follow_redirects=False)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.text)))


def new_profile(fields: dict) -> dict:
    """The new-profile form of an organisation in Schaerbeek, with FIELDS."""
    return {"kind": "organisation", "name": "Zaal Noord", "place": "Schaarbeek", **fields}


# -- nothing lost ------------------------------------------------------------------------------
def test_the_fixture_sets_every_field_of_the_format():
    """A field added to the format must be added here, so that the round trip below covers it."""
    body = every_field()
    assert set(body) == set(Profile.model_fields)
    items = body["offers"] + body["needs"]
    assert set().union(*items) == set(Exchange.model_fields)
    assert set().union(*(item.get("space", {}) for item in items)) == set(Space.model_fields)
    assert set(body["location"]) == set(Location.model_fields)


def test_editing_only_the_name_keeps_every_term_and_field(client, owner_key):
    """A profile with every term, serves and a country, created through the API and saved on the page
    with a new name, comes back the same but for the name."""
    before = exported(client, owner_key)
    page = client.get("/ui/profiles/atelier-maas/edit?lang=nl")
    assert page.status_code == 200
    response = save(client, changed(form_fields(page.text), {"name": "Atelier Maas en Jeker"}))
    assert response.status_code == 303, text_of(response)
    after = exported(client, owner_key)
    assert after["name"] == "Atelier Maas en Jeker"
    assert after == {**before, "name": "Atelier Maas en Jeker"}


def test_a_row_keeps_its_own_terms_when_a_row_before_it_is_emptied(client, owner_key):
    """Terms the form does not show travel with their row: emptying the first offer leaves the second
    one with its own things given in kind."""
    fields = form_fields(client.get("/ui/profiles/atelier-maas/edit").text)
    emptied = [(name, value) for name, value in fields if not name.startswith("offers-0-")] + [("offers-0-type", "")]
    assert save(client, emptied).status_code == 303
    offers = exported(client, owner_key)["offers"]
    assert offers == [every_field()["offers"][1]]


# -- terms set on the page ---------------------------------------------------------------------------
def test_terms_set_on_the_form_are_stored_and_shown_in_words(client):
    """Size, seats, features, price and what is asked in return on an offer; support, minimum beds and
    no budget on a need: stored in the format, and said on the profile page in each language."""
    response = create(client, {
        "offers-0-type": "rehearsal_space", "offers-0-area_m2": "120", "offers-0-seated": "80",
        "offers-0-features": ["dance_floor"], "offers-0-price": "free", "offers-0-in_return": ["workshops"],
        "needs-0-type": "residency", "needs-0-beds": "2", "needs-0-support": ["coaching", "lodging"],
        "needs-0-budget": "0", "needs-0-in_return": ["workshops"]}, "nl")
    assert response.status_code == 200, text_of(response)
    stored = client.get("/profiles/zaal-noord").json()
    assert Exchange.model_validate(stored["offers"][0]) == Exchange(
        type="rehearsal_space", space={"area_m2": 120, "seated": 80, "features": ["dance_floor"]}, price="free",
        in_return=["workshops"])
    assert Exchange.model_validate(stored["needs"][0]) == Exchange(
        type="residency", space={"beds": 2}, support=["coaching", "lodging"], budget_eur=0, in_return=["workshops"])
    page = text_of(client.get("/ui/profiles/zaal-noord?lang=nl"))
    assert "120 m² · 80 zitplaatsen · dansvloer · gratis · vraagt workshops in ruil" in page
    assert "minstens 2 bedden · zoekt verblijf en begeleiding erbij · geen budget · geeft workshops in ruil" in page
    english = text_of(client.get("/ui/profiles/zaal-noord?lang=en"))
    assert "120 m² · 80 seats · dance floor · free of charge" in english
    french = text_of(client.get("/ui/profiles/zaal-noord?lang=fr"))
    assert "120 m² · 80 places assises · plancher de danse · gratuit" in french


def test_a_rent_amount_alone_is_a_rent_and_serves_and_country_are_stored(client):
    """An amount without a price chosen is a rent; places served and a country abroad are kept as typed."""
    response = create(client, {"place": "50.85, 5.69", "country": "nl", "serves": "Hasselt, Limburg",
                               "offers-0-type": "performance_venue", "offers-0-price_eur": "1.200"}, "en")
    assert response.status_code == 200, text_of(response)
    stored = client.get("/profiles/zaal-noord").json()
    assert stored["offers"][0]["price"] == "rent" and stored["offers"][0]["price_eur"] == 1200
    assert stored["serves"] == ["Hasselt", "Limburg"] and stored["location"]["country"] == "NL"
    form = client.get("/ui/profiles/zaal-noord/edit").text  # the creation signed its owner in
    assert 'id="country" name="country" value="NL"' in form and 'value="Hasselt, Limburg"' in form
    assert "also works in Hasselt, Limburg" in text_of(client.get("/ui/profiles/zaal-noord?lang=en"))


# -- errors beside their fields ------------------------------------------------------------------------
@pytest.mark.parametrize("name, value, message, values", [
    ("offers-0-area_m2", "groot", "err_number", {}),
    ("offers-0-seated", "80,5", "err_whole_number", {}),
    ("offers-0-beds", "-1", "err_not_negative", {}),
    ("offers-0-price_eur", "60", "err_rent_amount", {}),  # with price "free"
    ("serves", "Mechelen, Atlantis, Nergens", "err_unknown_served", {"places": "Atlantis, Nergens"}),
    ("country", "Nederland", "err_country", {}),
])
def test_a_bad_term_is_shown_beside_its_field_with_what_was_typed(client, name, value, message, values):
    """Each mistake comes back beside its own field, in the page's language, with every value as typed."""
    response = create(client, {"offers-0-type": "residency", "offers-0-price": "free", name: value}, "nl")
    assert response.status_code == 422
    error = MESSAGES[message]["nl"].format(**values)
    assert f'<p class="field-error" id="{name}-error"><span class="visually-hidden">Fout: </span>{error}</p>' \
        in unescape(response.text)
    assert f'value="{value}"' in response.text
    assert f'aria-describedby="{name}-error"' in response.text or f'{name}-hint {name}-error' in response.text
    assert '<details class="row-terms" id="offers-0-terms" open>' in response.text  # no error folded away


# -- a type change -----------------------------------------------------------------------------------------
def test_a_type_change_drops_the_terms_that_no_longer_fit(client, owner_key):
    """A residency made into workshops loses its space and support (still posted by the hidden fields),
    keeps its price and what it asks in return; co-production money made into a stage loses what it gave
    in kind. Nothing is refused."""
    fields = form_fields(client.get("/ui/profiles/atelier-maas/edit").text)
    response = save(client, changed(fields, {"offers-0-type": "workshops", "offers-1-type": "performance_venue"}))
    assert response.status_code == 303, text_of(response)
    first, second = exported(client, owner_key)["offers"]
    assert first["type"] == "workshops" and "space" not in first and "support" not in first
    assert (first["price"], first["price_eur"], first["in_return"]) == ("rent", 60, ["workshops"])
    assert second["type"] == "performance_venue" and "in_kind" not in second and second["amount_eur"] == 3000


def test_the_form_marks_which_terms_each_type_has(client, owner_key):
    """Each type's option says which of a space and support it has, for the stylesheet to show only
    those; a row without a type shows all."""
    html = client.get("/ui/profiles/atelier-maas/edit").text
    assert '<option value="" data-terms="space support in_kind">' in html
    assert 'value="residency" data-terms="space support"' in html
    assert 'value="workshops" data-terms=""' in html
    assert html.count('class="terms-group terms-space"') == html.count('class="row-type"')


@pytest.mark.parametrize("exchange_type", EXCHANGE_TYPES)
def test_the_types_each_term_fits_are_the_formats(exchange_type):
    """The form drops a term exactly when the format would refuse it on that type."""
    terms = {"space": {"area_m2": 50}, "support": ["room"], "in_kind": ["venue"]}
    assert set(TYPED_TERMS) == set(terms)
    for term, value in terms.items():
        try:
            Exchange.model_validate({"type": exchange_type, term: value})
            accepted = True
        except ValueError:
            accepted = False
        assert accepted == (term in TERMS_OF_TYPE[exchange_type]), (exchange_type, term)


# -- in words ----------------------------------------------------------------------------------------------
def test_the_profile_page_says_the_terms_and_the_places_served(client):
    """Terms set through the API read on the profile page, for an offer and a need, stated and read."""
    body = profile("zaal-zuid", name="Zaal Zuid", location={"municipality": "Gent"}, serves=["Merelbeke"],
                   description="Wij bieden een repetitieruimte van 120 m² met dansvloer, gratis.",
                   offers=[{"type": "rehearsal_space", "space": {"area_m2": 120, "seated": 80,
                                                                 "features": ["dance_floor"]},
                            "price": "free", "in_return": ["workshops"]}],
                   needs=[{"type": "coproduction_budget", "budget_eur": 0}])
    assert client.post("/profiles", json=body).status_code == 201
    response = client.get("/ui/profiles/zaal-zuid?lang=nl")
    page = text_of(response)
    assert "repetitieruimte 120 m² · 80 zitplaatsen · dansvloer · gratis · vraagt workshops in ruil" in page
    assert "coproductiebudget geen budget" in page and "werkt ook in Merelbeke" in page
    assert '<span class="terms">120 m² · dansvloer · gratis</span>' in response.text  # read from the description


@pytest.mark.parametrize("language, offer, need", [
    ("nl", "140 m² · 4 bedden · geluidsinstallatie · met verblijf · kost 60 euro · vraagt workshops in ruil",
     "minstens 90 m² · zoekt begeleiding erbij · budget tot 300 euro"),
    ("fr", "140 m² · 4 lits · sonorisation · avec logement · coûte 60 € · demande des ateliers en échange",
     "au moins 90 m² · souhaite accompagnement · budget jusqu'à 300 €"),
    ("en", "140 m² · 4 beds · sound system · with lodging · costs 60 EUR · asks workshops in return",
     "at least 90 m² · wants coaching with it · budget up to 300 EUR"),
])
def test_terms_in_words_use_the_reasons_words(language, offer, need):
    """An offer's terms and a need's minimums read as the reasons say them, in each language."""
    assert terms_words({"type": "residency", "space": {"area_m2": 140, "beds": 4, "features": ["sound"]},
                        "support": ["lodging"], "price": "rent", "price_eur": 60, "in_return": ["workshops"]},
                       "offers", language) == offer
    assert terms_words({"type": "residency", "space": {"area_m2": 90}, "support": ["coaching"],
                        "budget_eur": 300}, "needs", language) == need
    assert terms_words({"type": "workshops"}, "offers", language) == ""
