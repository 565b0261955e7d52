"""Reasons are short, in the asker's language, and true of both profiles."""
import json
import re

import pytest

from matcher.alliances.reasons import alliance_reasons
from matcher.cli import main
from matcher.ranking.reasons import MISSING_KEYS, REASON_KEYS, Reason, explain, format_amount, format_period
from matcher.ranking.scoring import score_pair
from service.schemas.matches import MatchesPublic

from conftest import DEMO_PROFILES, PROJECT, write_jsonl
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
    ("nl", "Biedt een repetitieruimte aan in juli–augustus 2027; je zoekt dit van 1 juli tot 15 augustus 2027"),
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
    elif key == "other_audiences":
        asker.update(needs=[exchange("workshops", "2027-07-01", "2027-08-31", audiences=["families"])])
        partner.update(offers=[exchange("workshops", "2027-07-01", "2027-08-31", audiences=["elderly"])])
    elif key == "budget_short":
        asker.update(needs=[exchange("coproduction_budget", amount=5000)])
        partner.update(offers=[exchange("coproduction_budget", amount=2000)])
    elif key == "not_offered":
        asker.update(needs=[exchange("rehearsal_space"), exchange("coproduction_budget")])
        partner.update(lat=None, lon=None, offers=[exchange("rehearsal_space")])
    elif key == "residency_support_for_need":
        asker.update(needs=[exchange("production_support")])
        partner.update(offers=[exchange("residency", support=["coaching"])])
    elif key in ("return_met", "return_unmet", "return_asked"):
        given = {"return_met": [exchange("workshops")], "return_unmet": [exchange("promotion")]}.get(key, [])
        asker.update(needs=[exchange("rehearsal_space")], offers=given)
        partner.update(offers=[exchange("rehearsal_space", in_return=["workshops"])])
    elif key == "space_short":
        asker.update(needs=[exchange("rehearsal_space", area_m2=120)])
        partner.update(offers=[exchange("rehearsal_space", area_m2=90)])
    elif key == "space_unstated":
        asker.update(needs=[exchange("performance_venue", seated=100)])
        partner.update(offers=[exchange("performance_venue")])
    elif key == "features_missing":
        asker.update(needs=[exchange("rehearsal_space", features=["dance_floor"])])
        partner.update(offers=[exchange("rehearsal_space", features=["sound"])])
    elif key in ("support_given", "support_missing"):
        asker.update(needs=[exchange("residency", support=["coaching" if key == "support_given" else "technical"])])
        partner.update(offers=[exchange("residency", support=["room", "coaching"])])
    elif key in ("free", "costs", "over_budget", "no_budget"):
        budget = {"over_budget": 200, "no_budget": 0}.get(key)
        asker.update(needs=[exchange("rehearsal_space", budget_eur=budget)])
        partner.update(offers=[exchange("rehearsal_space", price="free")] if key == "free" else
                       [exchange("rehearsal_space", price="rent", price_eur=50 if key == "costs" else 500)])
    elif key == "in_kind":
        asker.update(needs=[exchange("coproduction_budget")])
        partner.update(offers=[exchange("coproduction_budget", in_kind=["venue", "technical_crew"])])
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
    ("residency_support_for_need",
     {"offer": "residency", "support": "coaching", "offer_start": None, "offer_end": None,
      "need": "production_support", "need_start": None, "need_end": None},
     {"en": "Offers a residency with coaching; you seek production support, which this meets in part",
      "nl": "Biedt een residentie met begeleiding aan; je zoekt productionele ondersteuning, en dit komt daar deels "
            "aan tegemoet",
      "fr": "Propose une résidence avec accompagnement ; vous cherchez un accompagnement de production, ce qui y "
            "répond en partie"}),
    ("return_met", {"need": "rehearsal_space", "returned": ["workshops"]},
     {"en": "Asks workshops in return; you offer this", "nl": "Vraagt workshops in ruil; je biedt dit aan",
      "fr": "Demande des ateliers en échange ; vous en proposez"}),
    ("return_unmet", {"need": "rehearsal_space", "returned": ["workshops"]},
     {"en": "Asks workshops in return; you offer none", "nl": "Vraagt workshops in ruil; je biedt er geen aan",
      "fr": "Demande des ateliers en échange ; vous n'en proposez pas"}),
    ("return_asked", {"need": "rehearsal_space", "returned": ["workshops"]},
     {"en": "Asks workshops in return", "nl": "Vraagt workshops in ruil", "fr": "Demande des ateliers en échange"}),
    ("space_short", {"need": "rehearsal_space", "size": "area_m2", "offered": 90, "asked": 120},
     {"en": "90 m²; you ask at least 120 m²", "nl": "90 m²; je vraagt minstens 120 m²",
      "fr": "90 m² ; vous demandez au moins 120 m²"}),
    ("space_unstated", {"need": "performance_venue", "size": "seated", "asked": 100},
     {"en": "Does not say how big; you ask at least 100 seats",
      "nl": "Zegt niet hoe groot; je vraagt minstens 100 zitplaatsen",
      "fr": "Ne dit pas sa taille ; vous demandez au moins 100 places assises"}),
    ("features_missing", {"need": "rehearsal_space", "features": ["dance_floor"]},
     {"en": "Has no dance floor", "nl": "Heeft geen dansvloer", "fr": "Sans plancher de danse"}),
    ("support_given", {"need": "residency", "support": ["coaching"]},
     {"en": "With coaching", "nl": "Met begeleiding", "fr": "Avec accompagnement"}),
    ("support_missing", {"need": "residency", "support": ["technical"]},
     {"en": "Without technical support, which you ask", "nl": "Zonder technische ondersteuning, wat je vraagt",
      "fr": "Sans soutien technique, que vous demandez"}),
    ("free", {"need": "rehearsal_space"}, {"en": "Free of charge", "nl": "Gratis", "fr": "Gratuit"}),
    ("costs", {"need": "rehearsal_space", "price_eur": 50},
     {"en": "Costs 50 EUR", "nl": "Kost 50 euro", "fr": "Coûte 50 €"}),
    ("over_budget", {"need": "rehearsal_space", "price_eur": 500, "budget_eur": 200},
     {"en": "Costs 500 EUR; your budget is 200 EUR", "nl": "Kost 500 euro; je budget is 200 euro",
      "fr": "Coûte 500 € ; votre budget est de 200 €"}),
    ("no_budget", {"need": "rehearsal_space", "price_eur": 500, "budget_eur": 0},
     {"en": "Costs 500 EUR; you have no budget", "nl": "Kost 500 euro; je hebt geen budget",
      "fr": "Coûte 500 € ; vous n'avez pas de budget"}),
    ("in_kind", {"need": "coproduction_budget", "things": ["technical_crew", "venue"]},
     {"en": "In kind: a technical crew and the hall", "nl": "In natura: een technische ploeg en de zaal",
      "fr": "En nature : une équipe technique et la salle"}),
    ("offers_for_need",
     {"offer": "rehearsal_space", "offer_amount_eur": None, "offer_start": "2027-07-01", "offer_end": "2027-08-31",
      "need": "rehearsal_space", "need_start": "2027-07-01", "need_end": "2027-08-15"},
     {"en": "Offers a rehearsal space in July–August 2027; you seek this from 1 July to 15 August 2027",
      "nl": "Biedt een repetitieruimte aan in juli–augustus 2027; je zoekt dit van 1 juli tot 15 augustus 2027",
      "fr": "Propose une salle de répétition en juillet–août 2027 ; vous cherchez cela du 1er juillet au 15 août 2027"}),
    ("offers_in_part_for_need",
     {"offer": "workshops", "offer_amount_eur": None, "offer_start": "2027-07-01", "offer_end": "2027-08-31",
      "need": "artistic_collaboration", "need_start": "2027-07-01", "need_end": "2027-08-31"},
     {"en": "Offers workshops in July–August 2027; you seek an artistic collaboration in July–August 2027, "
            "which this meets in part",
      "nl": "Biedt workshops aan in juli–augustus 2027; je zoekt een artistieke samenwerking in juli–augustus 2027, "
            "en dit komt daar deels aan tegemoet",
      "fr": "Propose des ateliers en juillet–août 2027 ; vous cherchez une collaboration artistique en "
            "juillet–août 2027, ce qui y répond en partie"}),
    ("collaborates_for_need",
     {"offer": "artistic_collaboration", "disciplines": ["theatre", "photography"], "offer_start": None,
      "offer_end": None, "need": "artistic_collaboration", "need_start": None, "need_end": None},
     {"en": "Makes work together with organisations (theatre, photography); you seek an artist to create with",
      "nl": "Maakt werk samen met organisaties (theater, fotografie); je zoekt een kunstenaar om mee te creëren",
      "fr": "Crée avec des organisations (théâtre, photographie) ; vous cherchez un·e artiste avec qui créer"}),
    ("partner_kind_fits", {"sought": ["artist"], "partner_kind": "artist"},
     {"en": "You seek an artist; this is one", "nl": "Je zoekt een kunstenaar; dit is er een",
      "fr": "Vous cherchez un·e artiste ; c'en est un·e"}),
    ("partner_kind_differs", {"sought": ["school"], "partner_kind": "cultural_centre"},
     {"en": "You seek a school; this is a cultural centre", "nl": "Je zoekt een school; dit is een cultuurcentrum",
      "fr": "Vous cherchez une école ; c'est un centre culturel"}),
    ("reaches_for_need", {"audiences": ["youth"]},
     {"en": "Reaches teenagers, whom you want to reach", "nl": "Bereikt jongeren, die je wilt bereiken",
      "fr": "Touche les jeunes, que vous voulez atteindre"}),
    ("brings_audience", {"audiences": ["youth"]},
     {"en": "Brings teenagers, whom you want to reach", "nl": "Brengt jongeren mee, die je wilt bereiken",
      "fr": "Amène les jeunes, que vous voulez atteindre"}),
    ("meets_their_need",
     {"need": "workshops", "need_amount_eur": None, "need_start": "2027-03-03", "need_end": "2027-03-03"},
     {"en": "Seeks workshops on 3 March 2027; you offer this", "nl": "Zoekt workshops op 3 maart 2027; je biedt dit aan",
      "fr": "Cherche des ateliers le 3 mars 2027 ; vous proposez cela"}),
    ("you_reach", {"audiences": ["schools"]},
     {"en": "Wants to reach schools; you work with them", "nl": "Wil scholen bereiken; je werkt met hen",
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
      "nl": "Periode overlapt maar gedeeltelijk: 50% van de dagen die je zoekt",
      "fr": "La période ne se recouvre qu'en partie : 50 % des jours demandés"}),
    ("no_overlap",
     {"need": "rehearsal_space", "offer_start": "2027-01-01", "offer_end": "2027-01-31",
      "need_start": "2027-07-01", "need_end": "2027-08-15"},
     {"en": "Period does not overlap: offered January 2027, you need 1 July – 15 August 2027",
      "nl": "Periode overlapt niet: aangeboden januari 2027, je zoekt 1 juli – 15 augustus 2027",
      "fr": "Les périodes ne se recouvrent pas : proposé janvier 2027, demandé 1 juillet – 15 août 2027"}),
    ("other_audiences", {"need": "workshops", "offered_audiences": ["elderly"], "asked_audiences": ["families"]},
     {"en": "Offers workshops for older people; you seek it for families",
      "nl": "Biedt workshops aan voor ouderen; je zoekt dit voor gezinnen",
      "fr": "Propose des ateliers pour les aînés ; vous le cherchez pour les familles"}),
    ("budget_short", {"need": "coproduction_budget", "offered_eur": 2000, "asked_eur": 5000},
     {"en": "Budget offered 2,000 EUR, you ask 5,000 EUR", "nl": "Aangeboden budget 2.000 euro, je vraagt 5.000 euro",
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
    table = interface.split("| key | says | params |", 1)[1].split("\n\n", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \| .+ \| .+ \|$", table, flags=re.MULTILINE)
    assert sorted(documented) == sorted(REASON_KEYS)


# -- no sentence twice -------------------------------------------------------------------------------------

def texts_for(asker, partner) -> list[str]:
    return [reason.text for reason in explain(asker, partner, score_pair(asker, partner))]


def test_a_room_sought_twice_and_met_by_one_offer_is_said_once():
    """Two needs for a room (one for a youth group) met by the same room: one sentence, and the next
    need met takes the freed place."""
    asker = prepared("asker", kind="artist", language="nl",
                     needs=[exchange("rehearsal_space"), exchange("rehearsal_space", audiences=["youth"]),
                            exchange("technical_support")])
    partner = prepared("partner", offers=[exchange("rehearsal_space"), exchange("technical_support")])
    said = texts_for(asker, partner)
    assert said.count("Biedt een repetitieruimte aan; je zoekt dit") == 1
    assert "Biedt technische ondersteuning aan; je zoekt dit" in said


def test_two_kinds_of_space_met_by_one_offer_say_two_different_things():
    """A room and a residency sought, a room offered: what it meets and what it meets in part, once each."""
    asker = prepared("asker", kind="artist", language="nl",
                     needs=[exchange("rehearsal_space"), exchange("residency")])
    partner = prepared("partner", offers=[exchange("rehearsal_space")])
    said = texts_for(asker, partner)
    assert said[:2] == ["Biedt een repetitieruimte aan; je zoekt dit",
                        "Biedt een repetitieruimte aan; je zoekt een residentie, en dit komt daar deels aan tegemoet"]
    assert len(said) == len(set(said))


def test_the_same_shortfall_of_two_needs_is_said_once():
    """Two needs covered for the same share of days ("67%") say so once, not twice in a row."""
    autumn, october = ("2027-09-01", "2027-11-30"), ("2027-10-01", "2027-11-30")
    asker = prepared("asker", kind="artist", needs=[exchange("residency", *autumn),
                                                    exchange("technical_support", *autumn)])
    partner = prepared("partner", offers=[exchange("residency", *october), exchange("technical_support", *october)])
    said = texts_for(asker, partner)
    assert said.count("Period only partly overlaps: 67% of the days you need") == 1
    assert len(said) == len(set(said))


def test_reaching_the_same_public_for_two_needs_is_said_once():
    """Two needs to reach local residents (alone, and with older people) met by one partner: said once."""
    asker = prepared("asker", kind="artist", language="fr",
                     needs=[exchange("audience_reach", audiences=["local_residents"]),
                            exchange("audience_reach", audiences=["local_residents", "elderly"])])
    partner = prepared("partner", audiences=["local_residents"])
    assert texts_for(asker, partner).count("Touche les habitants du quartier, que vous voulez atteindre") == 1


def test_no_suggestion_of_the_demo_says_a_sentence_twice(matcher, tmp_path):
    """Over every demo profile's suggestions, no reason repeats another of the same suggestion."""
    matcher.import_files([DEMO_PROFILES])
    ids = [item.id for offset in range(0, matcher.count(), 100)
           for item in matcher.list_profiles(limit=100, offset=offset)[0]]
    assert len(ids) == matcher.count() > 200
    repeated = [(profile_id, suggestion.id, texts) for profile_id in ids
                for suggestion in matcher.match(profile_id, limit=10).matches
                if len(texts := [reason.text for reason in suggestion.reasons]) != len(set(texts))]
    assert repeated == []


# -- ties: said only when known --------------------------------------------------------------------------

def test_every_tie_is_new_only_when_the_members_partners_are_known():
    """A group whose members list no partners says nothing about ties; listed partners make it known."""
    silent = [prepared(name, language="en") for name in ("a", "b", "c")]
    listing = [prepared("a", partners=["x"]), prepared("b", partners=["y"]), prepared("c")]
    existing = [prepared("a", partners=["b"]), prepared("b"), prepared("c")]
    new_ties = "None of them work together yet: every tie is new"
    assert new_ties not in alliance_reasons(silent, [], [], [], None, "en")
    assert new_ties in alliance_reasons(listing, [], [], [], None, "en")
    said = alliance_reasons(existing, [], [], [], None, "en")
    assert "a and b already work together" in said and new_ties not in said


# -- one register per language ---------------------------------------------------------------------------

# The forms a register shows itself by: Dutch "u"/"uw" (we say "je"), French "tu" and its kin (we say "vous").
OTHER_REGISTER = {"nl": re.compile(r"(?<![\w'’-])(u|uw|uzelf)(?![\w'’-])", re.IGNORECASE),
                  "fr": re.compile(r"(?<![\w'’-])(tu|toi|ton|ta|tes|te|t['’])(?![\w-])", re.IGNORECASE)}
OWN_REGISTER = {"nl": re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE), "fr": re.compile(r"\bvous\b|\bvotre\b",
                                                                                              re.IGNORECASE)}


def shown_texts(language: str) -> list[str]:
    """Every sentence and word the project shows a person in `language`: the reasons' sentences and
    phrases, those of alliances, the pages' messages and labels, and the reasons said for each key."""
    from matcher.alliances import reasons as alliance_sentences
    from matcher.ranking import reasons as pair_sentences
    from service.pages.messages import MESSAGES, ORGANISATION_TYPE_LABELS, PARTNER_KIND_LABELS, REGION_LABELS

    texts = list(pair_sentences.TEXTS[language].values()) + list(alliance_sentences.TEXTS[language].values())
    for table in (pair_sentences.EXCHANGE_PHRASES, pair_sentences.PARTNER_KIND_PHRASES,
                  pair_sentences.AUDIENCE_WORDS):
        texts += table[language].values()
    for catalogue in (MESSAGES, ORGANISATION_TYPE_LABELS, PARTNER_KIND_LABELS, REGION_LABELS):
        texts += [entry[language] for entry in catalogue.values()]
    for key, _, _ in KEYS_SAID:
        asker, partner = scenario(key, language)
        texts += [reason.text for reason in explain(asker, partner, score_pair(asker, partner))]
    return texts


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_one_register_in_every_text_shown(language):
    """Dutch says "je" everywhere (never "u" or "uw"), French "vous" (never "tu", "ton", "ta", "tes")."""
    texts = shown_texts(language)
    assert sum(bool(OWN_REGISTER[language].search(text)) for text in texts) > 20  # the scan reads real sentences
    assert [text for text in texts if OTHER_REGISTER[language].search(text)] == []
