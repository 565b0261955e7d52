"""Reasons are short, in the asker's language, and true of both profiles."""
import json
import re

import pytest

from matcher.cli import main
from matcher.ranking.reasons import MISSING_KEYS, REASON_KEYS, Reason, explain, format_amount, format_period
from matcher.ranking.scoring import score_pair
from service.schemas.matches import MatchesPublic

from conftest import PROJECT, write_jsonl
from factories import day, exchange, prepared
from test_engine import CENTRE, COMPANY


def pair(language="en", need_period=("2027-07-01", "2027-08-15"), offer_period=("2027-07-01", "2027-08-31"),
         asked=None, offered=None, partners=()):
    asker = prepared("artist", kind="artist", language=language, audiences=["youth"], disciplines=["dance"],
                     partners=partners,
                     needs=[exchange("rehearsal_space", *need_period),
                            exchange("coproduction_budget", amount=asked)] if asked else
                     [exchange("rehearsal_space", *need_period)])
    centre = prepared("centre", lat=50.86, audiences=["youth", "elderly"], disciplines=["dance", "music"],
                      offers=[exchange("rehearsal_space", *offer_period)] +
                             ([exchange("coproduction_budget", amount=offered)] if offered else []),
                      needs=[exchange("workshops", audiences=["youth"])])
    return asker, centre, [reason.text for reason in explain(asker, centre, score_pair(asker, centre))]


@pytest.mark.parametrize("language, expected", [
    ("en", "Offers a rehearsal space in July–August 2027; you seek this from 1 July to 15 August 2027"),
    ("nl", "Biedt een repetitieruimte aan in juli–augustus 2027; u zoekt dit van 1 juli tot 15 augustus 2027"),
    ("fr", "Propose une salle de répétition en juillet–août 2027 ; vous cherchez cela du 1er juillet au 15 août 2027"),
])
def test_offer_for_need_in_three_languages(language, expected):
    """The first reason says what is offered for what is sought, with both periods, in the asker's language."""
    assert pair(language)[2][0] == expected


def test_at_most_four_reasons_with_distance_and_shared_audience():
    """1 to 4 sentences; here: the need met, their need, the audience, the distance."""
    reasons = pair()[2]
    assert 1 <= len(reasons) <= 4
    assert "Both work with teenagers" in reasons
    assert any(r.endswith("km away") for r in reasons)


def test_partial_period_is_said():
    """A period that only partly covers the need says how much."""
    reasons = pair(need_period=("2027-07-01", "2027-08-31"), offer_period=("2027-07-01", "2027-07-31"))[2]
    assert "Period only partly overlaps: 50% of the days you need" in reasons


def test_no_overlap_is_said():
    """The right thing in the wrong period says both periods."""
    reasons = pair(offer_period=("2027-01-01", "2027-01-31"))[2]
    assert "Period does not overlap: offered January 2027, you need 1 July – 15 August 2027" in reasons


def test_budget_short_is_said():
    """A budget below the ask says both amounts."""
    reasons = pair(asked=5000, offered=2000)[2]
    assert "Budget offered 2,000 EUR, you ask 5,000 EUR" in reasons


def test_existing_partner_is_said_first():
    """An existing partner is told as such."""
    assert pair(partners=["centre"])[2][0].startswith("Already a partner")


def test_formats():
    assert format_amount(5000, "nl") == "5.000 euro"
    assert format_amount(5000, "fr") == "5\u202f000 €"
    assert format_period(day("2027-07-01"), day("2027-08-31"), "fr") == "juillet–août 2027"


def test_rival_is_said():
    """A candidate competing for the same thing is told as such."""
    asker = prepared("a", kind="artist", needs=[exchange("residency")])
    rival = prepared("r", kind="artist", needs=[exchange("residency")])
    reasons = explain(asker, rival, score_pair(asker, rival))
    assert "Also seeks a residency, and offers none" in [reason.text for reason in reasons]


# -- each reason key: its params and its sentence in nl, fr and en ------------------------------------------

def scenario(key, language):
    """A hand-made asker and partner whose reasons include `key`."""
    asker = dict(kind="artist", language=language)
    partner = dict(lat=50.86)
    if key == "existing_partner":
        asker.update(partners=["partner"], needs=[exchange("rehearsal_space")])
        partner.update(offers=[exchange("rehearsal_space")])
    elif key == "rival":
        asker.update(needs=[exchange("residency")])
        partner.update(kind="artist", needs=[exchange("residency")])
    elif key == "offers_for_need":
        asker.update(needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-15")])
        partner.update(offers=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")])
    elif key == "offers_in_part_for_need":
        asker.update(kind="organisation", needs=[exchange("artistic_collaboration", "2027-07-01", "2027-08-31")])
        partner.update(kind="organisation", offers=[exchange("workshops", "2027-07-01", "2027-08-31")])
    elif key == "collaborates_for_need":
        asker.update(kind="organisation", disciplines=["theatre"], needs=[exchange("artistic_collaboration")])
        partner.update(kind="artist", disciplines=["photography", "theatre"], offers=[exchange("artistic_collaboration")])
    elif key == "partner_kind_fits":
        asker.update(kind="organisation", partner_kinds=["artist"], needs=[exchange("rehearsal_space")])
        partner.update(kind="artist", offers=[exchange("rehearsal_space")])
    elif key == "partner_kind_differs":
        asker.update(partner_kinds=["school"], needs=[exchange("workshops")])
        partner.update(type="cultural_centre", offers=[exchange("workshops")])
    elif key == "reaches_for_need":
        asker.update(needs=[exchange("audience_reach", audiences=["youth"])])
        partner.update(audiences=["youth"])
    elif key == "brings_audience":
        asker.update(needs=[exchange("audience_reach", audiences=["youth"])])
        partner.update(offers=[exchange("audience_reach", audiences=["youth", "elderly"])])
    elif key == "partly_overlaps":
        asker.update(needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")])
        partner.update(offers=[exchange("rehearsal_space", "2027-07-01", "2027-07-31")])
    elif key == "no_overlap":
        asker.update(needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-15")])
        partner.update(offers=[exchange("rehearsal_space", "2027-01-01", "2027-01-31")])
    elif key == "budget_short":
        asker.update(needs=[exchange("coproduction_budget", amount=5000)])
        partner.update(offers=[exchange("coproduction_budget", amount=2000)])
    elif key == "not_offered":
        asker.update(needs=[exchange("rehearsal_space"), exchange("coproduction_budget")])
        partner.update(lat=None, lon=None, offers=[exchange("rehearsal_space")])
    elif key == "meets_their_need":
        asker.update(offers=[exchange("workshops", "2027-03-03", "2027-03-03")])
        partner.update(needs=[exchange("workshops", "2027-03-03", "2027-03-03")])
    elif key == "you_reach":
        asker.update(audiences=["schools"])
        partner.update(needs=[exchange("audience_reach", audiences=["schools"])])
    elif key in ("both_audiences", "distance"):
        asker.update(audiences=["youth", "families"], needs=[exchange("rehearsal_space")])
        partner.update(lat=50.95, audiences=["youth", "families", "elderly"], offers=[exchange("rehearsal_space")])
    elif key in ("both_disciplines", "shared_themes"):
        asker.update(lat=None, lon=None, disciplines=["dance", "music"], themes=["migration", "free:zines"],
                     needs=[exchange("rehearsal_space")])
        partner.update(lat=None, lon=None, disciplines=["dance", "music", "theatre"],
                       themes=["migration", "free:zines", "ecology"], offers=[exchange("rehearsal_space")])
    return prepared("asker", **asker), prepared("partner", **partner)


KEYS_SAID = [
    ("offers_for_need",
     {"offer": "rehearsal_space", "offer_amount_eur": None, "offer_start": "2027-07-01", "offer_end": "2027-08-31",
      "need": "rehearsal_space", "need_start": "2027-07-01", "need_end": "2027-08-15"},
     {"en": "Offers a rehearsal space in July–August 2027; you seek this from 1 July to 15 August 2027",
      "nl": "Biedt een repetitieruimte aan in juli–augustus 2027; u zoekt dit van 1 juli tot 15 augustus 2027",
      "fr": "Propose une salle de répétition en juillet–août 2027 ; vous cherchez cela du 1er juillet au 15 août 2027"}),
    ("offers_in_part_for_need",
     {"offer": "workshops", "offer_amount_eur": None, "offer_start": "2027-07-01", "offer_end": "2027-08-31",
      "need": "artistic_collaboration", "need_start": "2027-07-01", "need_end": "2027-08-31"},
     {"en": "Offers workshops in July–August 2027; you seek an artistic collaboration in July–August 2027, "
            "which this meets in part",
      "nl": "Biedt workshops aan in juli–augustus 2027; u zoekt een artistieke samenwerking in juli–augustus 2027, "
            "en dit komt daar deels aan tegemoet",
      "fr": "Propose des ateliers en juillet–août 2027 ; vous cherchez une collaboration artistique en "
            "juillet–août 2027, ce qui y répond en partie"}),
    ("collaborates_for_need",
     {"offer": "artistic_collaboration", "disciplines": ["theatre", "photography"], "offer_start": None,
      "offer_end": None, "need": "artistic_collaboration", "need_start": None, "need_end": None},
     {"en": "Makes work together with organisations (theatre, photography); you seek an artist to create with",
      "nl": "Maakt werk samen met organisaties (theater, fotografie); u zoekt een kunstenaar om mee te creëren",
      "fr": "Crée avec des organisations (théâtre, photographie) ; vous cherchez un·e artiste avec qui créer"}),
    ("partner_kind_fits", {"sought": ["artist"], "partner_kind": "artist"},
     {"en": "You seek an artist; this is one", "nl": "U zoekt een kunstenaar; dit is er een",
      "fr": "Vous cherchez un·e artiste ; c'en est un·e"}),
    ("partner_kind_differs", {"sought": ["school"], "partner_kind": "cultural_centre"},
     {"en": "You seek a school; this is a cultural centre", "nl": "U zoekt een school; dit is een cultuurcentrum",
      "fr": "Vous cherchez une école ; c'est un centre culturel"}),
    ("reaches_for_need", {"audiences": ["youth"]},
     {"en": "Reaches teenagers, whom you want to reach", "nl": "Bereikt jongeren, die u wilt bereiken",
      "fr": "Touche les jeunes, que vous voulez atteindre"}),
    ("brings_audience", {"audiences": ["youth"]},
     {"en": "Brings teenagers, whom you want to reach", "nl": "Brengt jongeren mee, die u wilt bereiken",
      "fr": "Amène les jeunes, que vous voulez atteindre"}),
    ("meets_their_need",
     {"need": "workshops", "need_amount_eur": None, "need_start": "2027-03-03", "need_end": "2027-03-03"},
     {"en": "Seeks workshops on 3 March 2027; you offer this", "nl": "Zoekt workshops op 3 maart 2027; u biedt dit aan",
      "fr": "Cherche des ateliers le 3 mars 2027 ; vous proposez cela"}),
    ("you_reach", {"audiences": ["schools"]},
     {"en": "Wants to reach schools; you work with them", "nl": "Wil scholen bereiken; u werkt met hen",
      "fr": "Veut toucher les écoles ; vous travaillez avec eux"}),
    ("both_audiences", {"audiences": ["families", "youth"]},
     {"en": "Both work with families and teenagers", "nl": "Beiden werken met gezinnen en jongeren",
      "fr": "Tous deux travaillent avec les familles et les jeunes"}),
    ("both_disciplines", {"disciplines": ["dance", "music"]},
     {"en": "Both work in dance and music", "nl": "Beiden werken rond dans en muziek",
      "fr": "Tous deux actifs en danse et musique"}),
    ("shared_themes", {"themes": ["migration", "free:zines"]},
     {"en": "Shared themes: migration and exile, zines", "nl": "Gedeelde thema's: migratie, zines",
      "fr": "Thèmes communs : migration et exil, zines"}),
    ("distance", {"km": 11.1}, {"en": "11 km away", "nl": "11 km van elkaar", "fr": "À 11 km"}),
    ("partly_overlaps", {"need": "rehearsal_space", "percent": 50},
     {"en": "Period only partly overlaps: 50% of the days you need",
      "nl": "Periode overlapt maar gedeeltelijk: 50% van de dagen die u zoekt",
      "fr": "La période ne se recouvre qu'en partie : 50 % des jours demandés"}),
    ("no_overlap",
     {"need": "rehearsal_space", "offer_start": "2027-01-01", "offer_end": "2027-01-31",
      "need_start": "2027-07-01", "need_end": "2027-08-15"},
     {"en": "Period does not overlap: offered January 2027, you need 1 July – 15 August 2027",
      "nl": "Periode overlapt niet: aangeboden januari 2027, u zoekt 1 juli – 15 augustus 2027",
      "fr": "Les périodes ne se recouvrent pas : proposé janvier 2027, demandé 1 juillet – 15 août 2027"}),
    ("budget_short", {"need": "coproduction_budget", "offered_eur": 2000, "asked_eur": 5000},
     {"en": "Budget offered 2,000 EUR, you ask 5,000 EUR", "nl": "Aangeboden budget 2.000 euro, u vraagt 5.000 euro",
      "fr": "Budget proposé 2\u202f000 €, vous demandez 5\u202f000 €"}),
    ("not_offered", {"need": "coproduction_budget"},
     {"en": "Does not offer co-production money", "nl": "Biedt niet aan: coproductiegeld",
      "fr": "Ne propose pas un apport en coproduction"}),
    ("existing_partner", {},
     {"en": "Already a partner: ranked lower to favour new ties",
      "nl": "Al een partner: lager gerangschikt om nieuwe banden voorrang te geven",
      "fr": "Déjà partenaire : classé plus bas pour favoriser de nouveaux liens"}),
    ("rival", {"need": "residency"},
     {"en": "Also seeks a residency, and offers none", "nl": "Zoekt zelf ook een residentie, en biedt dat niet aan",
      "fr": "Cherche aussi une résidence, sans en proposer"}),
]


def test_every_reason_key_is_tested():
    """The table below covers each key a Reason can have, and no other."""
    assert sorted(key for key, _, _ in KEYS_SAID) == sorted(REASON_KEYS)


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
@pytest.mark.parametrize("key, params, texts", KEYS_SAID, ids=[key for key, _, _ in KEYS_SAID])
def test_each_reason_key_with_its_params_and_sentence(key, params, texts, language):
    """A hand-made pair gives the reason once, with language-neutral params and its sentence in the asker's language."""
    asker, partner = scenario(key, language)
    said = [reason for reason in explain(asker, partner, score_pair(asker, partner)) if reason.key == key]
    assert said == [Reason(key, params, texts[language])]
    assert said[0].missing == (key in MISSING_KEYS)
    assert json.loads(json.dumps(said[0].as_dict())) == {"key": key, "params": params, "text": texts[language],
                                                          "missing": key in MISSING_KEYS}



# -- the JSON of match, search and the API: sentences as before, details beside them -----------------------

def test_json_reasons_are_the_sentences_of_the_details(matcher, db_path, tmp_path, capsys):
    """`reasons` stays a list of sentences, the texts of `reason_details`, in the CLI, the engine and the API schema."""
    matcher.import_files([write_jsonl(tmp_path / "p.jsonl", [CENTRE, COMPANY])])
    result = matcher.match("cie-elan", limit=3)
    body = result.as_dict()
    suggestion, first = result.matches[0], body["matches"][0]
    assert first["reasons"] == [reason.text for reason in suggestion.reasons]
    assert first["reasons"] and all(isinstance(sentence, str) for sentence in first["reasons"])
    assert [detail["text"] for detail in first["reason_details"]] == first["reasons"]
    assert [detail["key"] for detail in first["reason_details"]] == [reason.key for reason in suggestion.reasons]
    assert MatchesPublic.model_validate(body).model_dump(mode="json") == json.loads(json.dumps(body))

    assert main(["match", "--db", str(db_path), "cie-elan", "--json", "--limit", "3"]) == 0
    printed = json.loads(capsys.readouterr().out)["matches"][0]
    assert printed["reasons"] == first["reasons"] and printed["reason_details"] == first["reason_details"]
    assert main(["match", "--db", str(db_path), "cie-elan", "--limit", "3"]) == 0
    assert f"      - {first['reasons'][0]}\n" in capsys.readouterr().out


def test_every_reason_key_is_documented():
    """docs/interface.md lists each key of `reason_details`, and only those."""
    interface = (PROJECT / "docs" / "interface.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \| .+ \| .+ \|$", interface, flags=re.MULTILINE)
    assert sorted(documented) == sorted(REASON_KEYS)
