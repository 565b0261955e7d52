"""The terms of an exchange on the pages, through the real app (FastAPI's TestClient, as in
test_pages.py): the profile page says the terms of each offer and need in words."""
from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from service.pages.terms_words import terms_words
from service.server import create_app
from service.settings import Settings

from conftest import profile

ADMIN_KEY = "admin-key-for-the-form-terms-tests-0123456789"


@pytest.fixture
def client(tmp_path):
    settings = Settings(db_path=str(tmp_path / "terms.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit="off")
    with TestClient(create_app(settings)) as client:
        yield client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.text)))


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
