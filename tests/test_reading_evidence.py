"""Why a profile was read as it was: the evidence of `matcher.understanding.evidence`, the same through
the library door, `GET /profiles/{id}/understood`, the profile page and `matcher understand --json`."""
from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from matcher.cli import main
from matcher.engine import Matcher
from matcher.storage.store import Store
from matcher.understanding.evidence import read_with_evidence
from matcher.understanding.lexicon import lexicon, tokens
from service.pages.messages import MESSAGES
from service.server import create_app
from service.settings import Settings

from conftest import profile

ADMIN_KEY = "admin-key-for-the-evidence-tests-0123456789"
REFERENCE_DATE = dt.date(2026, 11, 24)
CENTRE_TEXT = ("Wij zijn een gemeenschapscentrum in Schaarbeek. Wij bieden een repetitieruimte in juli en augustus. "
               "We zoeken een theatergezelschap dat workshops geeft voor jongeren, geen residentie.")
COMPANY_TEXT = ("Nous sommes une compagnie de danse. Nous cherchons une salle de répétition en juillet pour un "
                "spectacle avec des adolescents. Nous proposons des ateliers de danse.")


def centre() -> dict:
    """A community centre that only wrote a Dutch paragraph: it offers a room and seeks workshops."""
    return profile("gc-noord", "organisation", name="GC Noord", description=CENTRE_TEXT,
                   location={"municipality": "Schaarbeek"})


def company() -> dict:
    """A dance company that only wrote a French paragraph: it seeks a room and offers workshops."""
    return profile("cie-lumen", "artist", name="Cie Lumen", description=COMPANY_TEXT,
                   location={"municipality": "Brussel"})


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=str(tmp_path / "evidence.db"), model="hashing", admin_key=ADMIN_KEY,
                    rate_limit="off", reference_date=REFERENCE_DATE)


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as client:
        response = client.post("/profiles/bulk", json=[centre(), company()],
                               headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        assert response.status_code == 200, response.text
        yield client


def folded(text: str) -> str:
    """A text as the reader folds it, which is how the evidence quotes it."""
    return " ".join(tokens(text))


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.text)))


# -- library ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("record", [centre(), company()], ids=["nl organisation", "fr artist"])
def test_reading_again_gives_what_was_stored(settings, client, record):
    """A stored profile read again through the door gives what derive() stored, plus the evidence."""
    matcher = Matcher(Store(settings.db_path), embedder="hashing", reference_date=REFERENCE_DATE)
    reading = matcher.understood_with_evidence(record["id"])
    assert reading.understood == matcher.understood(record["id"])
    assert reading.language == matcher.stored(record["id"]).derived["language"]
    assert reading.evidence


def test_each_offer_and_need_has_its_words_and_cue():
    """Every offer and need read has evidence in its field, with the words that named it and a cue."""
    reading = read_with_evidence(CENTRE_TEXT, REFERENCE_DATE)
    assert reading.as_dict().keys() == {"language", "understood", "evidence"}
    assert {"field": "offers", "key": "rehearsal_space", "words": "repetitieruimte", "cue": "bieden"} \
        in reading.evidence
    for direction in ("offers", "needs"):
        keys = {item["key"] for item in reading.evidence if item["field"] == direction}
        assert keys == {item["type"] for item in reading.understood[direction]}
        assert all(item["cue"] for item in reading.evidence if item["field"] == direction)


# -- API ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("record", [centre(), company()], ids=["nl organisation", "fr artist"])
def test_route_evidence_is_in_the_description_and_agrees_with_what_is_stored(client, settings, record):
    """GET /profiles/{id}/understood: each item's words are in the description, and its offers and needs
    are those stored with the profile."""
    response = client.get(f"/profiles/{record['id']}/understood")
    assert response.status_code == 200
    body = response.json()
    assert body.keys() == {"profile_id", "language", "understood", "evidence"}
    assert body["profile_id"] == record["id"]
    stored = Matcher(Store(settings.db_path), embedder="hashing").understood(record["id"])
    for item in body["evidence"]:
        assert item["words"] in folded(record["description"]), item
        assert item["cue"] is None or item["cue"] in folded(record["description"]), item
    for direction in ("offers", "needs"):
        assert body["understood"][direction] == stored[direction]
        assert {item["key"] for item in body["evidence"] if item["field"] == direction} == \
            {item["type"] for item in stored[direction]}


def test_route_answers_404_for_an_unknown_profile(client):
    """An unknown id is a 404 with the usual error body."""
    response = client.get("/profiles/nobody/understood")
    assert response.status_code == 404
    assert response.json() == {"detail": "no profile with id 'nobody'"}


def test_cli_and_route_give_the_same_evidence(client, tmp_path, monkeypatch, capsys):
    """`matcher understand --json` and the route read the same text into the same evidence."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MATCHER_REFERENCE_DATE", REFERENCE_DATE.isoformat())
    for record in (centre(), company()):
        assert main(["understand", "--json", record["description"]]) == 0
        printed = json.loads(capsys.readouterr().out)
        answered = client.get(f"/profiles/{record['id']}/understood").json()
        assert printed["evidence"] == answered["evidence"]
        assert printed["understood"] == answered["understood"]


# -- page ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "profile_id", "key", "words", "cue"), [
    ("nl", "gc-noord", "rehearsal_space", "repetitieruimte", "bieden"),
    ("fr", "cie-lumen", "rehearsal_space", "salle de repetition", "nous cherchons"),
])
def test_profile_page_says_why_it_was_read_so(client, language, profile_id, key, words, cue):
    """The profile page has the section in the page's language, listing an item by its label with its words
    and cue."""
    response = client.get(f"/ui/profiles/{profile_id}?lang={language}")
    assert response.status_code == 200
    page = text_of(response)
    assert MESSAGES["evidence_title"][language] in page
    section = page.split(MESSAGES["evidence_title"][language], 1)[1].split(
        MESSAGES["profile_suggestions_title"][language], 1)[0]
    assert f"{lexicon().label('exchange_types', key, language)} {words} {cue}" in section
    assert MESSAGES["col_cue"][language] in section
    assert '<h3 id="evidence-title">' in response.text and 'aria-labelledby="evidence-title"' in response.text


def test_profile_page_without_a_description_says_nothing_was_recognised(settings, client):
    """A profile with no text to read says so instead of an empty table."""
    client.post("/profiles/bulk", json=[profile("cc-stil", "organisation", name="CC Stil", disciplines=["dance"],
                                                location={"municipality": "Gent"})],
                headers={"Authorization": f"Bearer {ADMIN_KEY}"})
    page = text_of(client.get("/ui/profiles/cc-stil?lang=en"))
    assert MESSAGES["evidence_none"]["en"] in page
