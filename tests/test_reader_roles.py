"""Who gives what to whom: the sentences a new user tried (issue "Read what people write"),
read as the person meant them, in a search and in a profile alike."""
import datetime as dt

import pytest

from matcher.understanding.evaluation import load_labelled, score_understanding
from matcher.understanding.language import detect_language
from matcher.understanding.reader import understand

TODAY = dt.date(2026, 11, 24)


def types(items):
    return {item["type"] for item in items}


def read_as(text, key, direction, searching=False):
    """The text is read as offering (or needing) `key`, and not the other way round."""
    read = understand(text, TODAY, searching=searching)
    wanted, other = (read.offers, read.needs) if direction == "offer" else (read.needs, read.offers)
    return key in types(wanted) and key not in types(other)


@pytest.mark.parametrize("text", [
    "Ik bied workshops aan voor jongeren.",
    "In ruil kan ik workshops geven.",
    "Je peux donner des ateliers de danse pour les ados.",
    "I can teach workshops for teenagers.",
])
@pytest.mark.parametrize("searching", [True, False])
def test_a_maker_who_gives_workshops_offers_them(text, searching):
    read = understand(text, TODAY, organiser=None, searching=searching)
    assert "workshops" in types(read.offers)
    assert "workshops" not in types(read.needs)


def test_a_centre_that_hosts_in_return_for_a_workshop_offers_the_residency_and_asks_the_workshop():
    read = understand("Kunstenaars kunnen gratis in residentie komen, als ze in ruil een gratis workshop geven.",
                      TODAY, organiser=True)
    assert types(read.offers) == {"residency"}
    assert types(read.needs) == {"workshops"}


@pytest.mark.parametrize("text, offered, needed", [
    ("We offer a residency in exchange for a workshop.", "residency", "workshops"),
    ("Nous offrons une résidence en échange d'un atelier pour nos élèves.", "residency", "workshops"),
    ("Wij zoeken een zaal om een week te repeteren. In ruil geven we gratis een theaterworkshop.",
     "workshops", "rehearsal_space"),
])
def test_a_bargain_has_two_sides(text, offered, needed):
    read = understand(text, TODAY, organiser=None, searching=True)
    assert offered in types(read.offers) and offered not in types(read.needs)
    assert needed in types(read.needs) and needed not in types(read.offers)


@pytest.mark.parametrize("text", [
    "Onze zaal staat in juli en augustus leeg; we stellen ze gratis ter beschikking van een gezelschap.",
    "Our hall is empty in July and August and free for companies who need it.",
])
def test_an_empty_hall_is_offered_for_its_months(text):
    read = understand(text, TODAY, organiser=True)
    spaces = [item for item in read.offers if item["type"] in ("rehearsal_space", "performance_venue")]
    assert spaces and not read.needs
    assert {item["period"]["start"] for item in spaces} >= {"2027-07-01"}


def test_no_money_but_a_stage_in_october():
    read = understand("We don't need money, but we are looking for a stage in October.", TODAY, searching=True)
    assert [(item["type"], item["period"]["start"]) for item in read.needs] == [("performance_venue", "2027-10-01")]
    assert "coproduction_budget" in types(read.negated)


@pytest.mark.parametrize("text, denied, needed", [
    ("Geld hoeven we niet, een plek om te hangen wel.", "coproduction_budget", "rehearsal_space"),
    ("De l'argent, on n'en a pas besoin. On cherche une salle de répétition.", "coproduction_budget",
     "rehearsal_space"),
    ("Techniek hebben we zelf, we zoeken een zaal.", "technical_support", "rehearsal_space"),
    ("A venue we already have. We are looking for a coach.", "performance_venue", "production_support"),
])
def test_a_thing_put_first_and_then_denied_is_not_needed(text, denied, needed):
    read = understand(text, TODAY, searching=True)
    assert denied not in types(read.needs)
    assert needed in types(read.needs)


@pytest.mark.parametrize("text", [
    "On n'a pas besoin de coproduction ni de résidence : on cherche juste une salle pour jouer un concert.",
    "We hebben geen residentie nodig, wel een zaal voor een concert.",
])
def test_a_room_after_a_residency_not_needed_is_for_what_the_sentence_says(text):
    read = understand(text, TODAY, searching=True)
    assert types(read.needs) == {"performance_venue"}


@pytest.mark.parametrize("text, offered", [
    ("Le studio est libre le lundi. Des compagnies cherchent un lieu pour répéter ? Écrivez-nous.",
     "rehearsal_space"),
    ("Kunstenaars die een repetitieruimte zoeken voor de zomer: bij ons staat er een leeg.", "rehearsal_space"),
    ("Our hall is free in July. Do any companies need a rehearsal room?", "rehearsal_space"),
])
def test_what_the_partners_addressed_need_is_what_the_writer_offers(text, offered):
    read = understand(text, TODAY, searching=True)
    assert offered in types(read.offers)
    assert offered not in types(read.needs)


def test_the_partners_whose_need_the_writer_meets_are_whom_it_addresses():
    read = understand("Onze zaal staat leeg in juli. Gezelschappen die een plek zoeken om te repeteren zijn welkom, "
                      "in ruil vragen we een open repetitie voor de buren.", TODAY, searching=True)
    assert read.partner_kinds == ["artist"]


@pytest.mark.parametrize("text", [
    "Nous accueillons gratuitement des artistes en résidence, en échange d'un atelier avec les enfants.",
    "On voudrait vraiment travailler avec een kunstenaar die met senioren werkt, pour un projet in onze wijk.",
])
def test_the_artists_hosted_or_worked_with_are_the_partners_asked_for(text):
    assert understand(text, TODAY, searching=True).partner_kinds == ["artist"]


def test_which_partner_can_help_us_is_still_our_need():
    read = understand("Welke organisatie kan ons helpen om onze voorstelling in de pers te krijgen?", TODAY,
                      searching=True)
    assert "promotion" in types(read.needs) and not read.offers


def test_a_place_that_hosts_us_is_a_need_with_its_dates():
    read = understand("Nous cherchons un site patrimonial qui nous accueille en résidence du 5 avril au 14 mai 2027",
                      TODAY, searching=True)
    assert [(n["type"], n["period"]["start"], n["period"]["end"]) for n in read.needs] == \
        [("residency", "2027-04-05", "2027-05-14")]
    assert not read.offers
    assert read.partner_kinds == ["heritage_organisation"]


def test_asking_who_has_a_room_free_is_a_need():
    read = understand("Wie heeft nog een zaal vrij in het voorjaar?", TODAY, searching=True)
    assert types(read.needs) == {"rehearsal_space"} and not read.offers


@pytest.mark.parametrize("text", ["Nous visons les publics culturellement divers.",
                                  "Un public culturellement diversifié.",
                                  "Des publics issus de la diversité."])
def test_french_diverse_publics(text):
    assert "culturally_diverse" in understand(text, TODAY).audiences


@pytest.mark.parametrize("text, ages", [
    ("Des jeunes de 15 à 25 ans.", {"youth", "young_adults"}),
    ("Een kinderstage voor 6- tot 10-jarigen.", {"children"}),
    ("Workshops for children aged 5 to 11.", {"children"}),
    # A school level is an age: "secundair" teenagers, "lagere school" children.
    ("Een voorstelling voor de derde graad secundair.", {"youth"}),
    ("Des ateliers en classe pour l'école primaire.", {"children"}),
    ("A spoken word show for secondary schools.", {"youth"}),
])
def test_ages_say_which_audience(text, ages):
    assert ages <= set(understand(text, TODAY).audiences)


@pytest.mark.parametrize("text, audiences", [
    ("Un spectacle jeune public pour la saison prochaine.", {"children"}),  # "jeune public" is children
    ("Fotograaf gezocht voor een project met onze OKAN-klas.", {"newcomers", "schools"}),
    ("We work with newly arrived women.", {"newcomers"}),
    ("Nous accueillons des enfants de plus de vingt nationalités, un public multiculturel.",
     {"children", "culturally_diverse"}),
    ("Ken iemand een fotograaf die met de bewoners van ons woonzorgcentrum een reeks wil maken?", {"elderly"}),
    ("In ruil vragen we een open repetitie voor de buren.", {"local_residents"}),
    ("Nous sommes une école de devoirs à Saint-Gilles.", {"children"}),
])
def test_audiences_the_field_names(text, audiences):
    assert set(understand(text, TODAY).audiences) == audiences


@pytest.mark.parametrize("name, record", [
    ("Cinema Actor's Studio", "Cinema Actor's Studio, rue des Bouchers 16, 1000 Bruxelles"),
    ("ARAU (Atelier de Recherche et d'Action Urbaines)",
     "ARAU (Atelier de Recherche et d'Action Urbaines), boulevard Adolphe Max 55, 1000 Bruxelles"),
    ("Théâtre Royal des Galeries", "Théâtre Royal des Galeries, Galerie du Roi 32, 1000 Bruxelles"),
])
def test_a_name_and_an_address_offer_and_need_nothing(name, record):
    read = understand(record, TODAY, organiser=True, name=name)
    assert not read.offers and not read.needs


@pytest.mark.parametrize("name", ["Theatre 140", "Cinema Actor's Studio", "Kaaitheater"])
def test_a_bilingual_name_is_no_language(name):
    assert detect_language(name) is None


@pytest.mark.parametrize("text, language", [
    ("Wij zoeken een repetitieruimte in juli.", "nl"),
    ("Nous cherchons une salle de répétition en juillet.", "fr"),
    ("We are looking for a rehearsal room in July.", "en"),
])
def test_sentences_have_their_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [
    "We are looking for an artist or collective who works with residents on photography and storytelling.",
    "Wij zoeken een kunstenaar of gezelschap die samen met onze buurtbewoners een voorstelling wil maken.",
    "Notre maison de jeunes cherche une artiste pour créer une fresque avec les jeunes du quartier.",
])
def test_a_centre_seeking_a_maker_to_make_work_with_seeks_a_collaboration_with_an_artist(text):
    read = understand(text, TODAY, organiser=None, searching=True)
    assert "artistic_collaboration" in types(read.needs)
    assert "residency" not in types(read.needs)
    assert read.partner_kinds == ["artist"]


def test_a_maker_of_participatory_work_offers_the_collaboration():
    read = understand("Je suis chorégraphe et je crée des projets participatifs avec les habitants. "
                      "Je cherche une maison de jeunes partenaire.", TODAY, organiser=None, searching=True)
    assert "artistic_collaboration" in types(read.offers)
    assert read.partner_kinds == ["youth_organisation"]


def test_an_artist_asked_to_give_workshops_is_asked_for_workshops_not_a_new_work():
    read = understand("Notre bibliothèque cherche un·e illustrateur·rice pour animer des ateliers BD avec des ados.",
                      TODAY, organiser=None, searching=True)
    assert types(read.needs) == {"workshops"}


@pytest.mark.parametrize("text, kinds", [
    ("Welke school in Anderlecht wil meedoen aan een schrijfproject?", ["school"]),
    ("Nous cherchons un centre culturel ou une maison de quartier pour notre création.", ["organisation"]),
    ("We zoeken een kunstenaar of een school.", []),
    ("Wij zoeken een zaal.", []),
    # Teachers and classes asked for are people, not a kind of organisation (the labelling convention).
    ("Nous cherchons un médiateur pour préparer les classes qui viennent voir notre spectacle.", []),
    # No cue points at the partner, but the search names whom it addresses or would like.
    ("Salle disponible en juillet, gratuite. Appel aux compagnies !", ["artist"]),
    ("Wij geven gratis circusworkshops. Scholen uit Molenbeek, laat van je horen!", ["school"]),
    # ... but not the writer's own members or what its request is for.
    ("Nous sommes un groupe de chanson (4 musiciens) et cherchons une salle pour un concert.", []),
])
def test_the_kind_of_partner_asked_for(text, kinds):
    assert understand(text, TODAY, searching=True).partner_kinds == kinds


@pytest.mark.parametrize("text, kinds", [
    ("Bibliotheek Noord heeft een kleine tentoonstellingsruimte. Plaatselijke kunstenaars mogen die gratis gebruiken.",
     ["artist"]),
    ("Nous sommes une troupe amateur de vingt comédiens et cherchons une salle pour jouer en mai.", []),
    # An organisation that also asks still addresses the makers it names.
    ("Notre centre culturel accueille des compagnies en résidence. Nous cherchons aussi un peu de budget.",
     ["artist"]),
])
def test_whom_a_profile_that_only_offers_addresses(text, kinds):
    assert understand(text, TODAY).partner_kinds == kinds


def test_asking_for_a_school_is_asking_for_a_way_into_schools():
    read = understand("Is there a school in Antwerp that would like a free theatre workshop for its pupils?",
                      TODAY, searching=True)
    assert "school_network" in types(read.needs)


def test_tuning_half_is_read_at_least_as_well_as_when_these_rules_were_written():
    """A floor on the labelled tuning half (data/understanding/tuning.jsonl), the text the rules were
    written against; the evaluation half is measured in test_understanding_quality.py."""
    report = score_understanding(load_labelled("data/understanding/tuning.jsonl"), TODAY)
    scores = report.by_language["all"]
    assert scores["offers"].f1 >= 0.75
    assert scores["needs"].f1 >= 0.80
    assert scores["audiences"].f1 >= 0.84
    assert scores["partner_kind"].f1 >= 0.68


@pytest.mark.parametrize("text, field, key", [
    ("Nous programmons du théâtre et des concerts tout public.", "offers", "performance_venue"),
    ("Can anyone lend us stage lights for our festival?", "needs", "technical_support"),
    ("Iemand nog een paar PAR-lampen en een lichttafel te leen?", "needs", "technical_support"),
    ("We can host two artists this autumn, with a small production stipend.", "offers", "coproduction_budget"),
    ("On cherche quelqu'un pour l'audiodescription et le surtitrage de notre spectacle.", "needs",
     "audience_mediation"),
    ("Onze bib wil een voorleesuur starten op woensdag.", "needs", "workshops"),
])
def test_words_of_the_trade_name_what_is_exchanged(text, field, key):
    read = understand(text, TODAY, searching=True)
    assert key in types(getattr(read, field))


@pytest.mark.parametrize("text, offered", [
    ("We hebben een lege winkelruimte in de Brabantstraat tot eind juni.", "rehearsal_space"),
    ("Gratis oefenlokaal voor jonge bands uit de buurt!", "rehearsal_space"),
    ("Our gallery is closed to the public in July, but the walls are yours.", "exhibition_space"),
])
def test_what_a_search_says_the_writer_has_or_gives_free_is_offered(text, offered):
    assert read_as(text, offered, "offer", searching=True)


@pytest.mark.parametrize("text", [
    "Nous cherchons un artiste pour porter un regard neuf sur nos collections, avec une bourse de 5 000 euros.",
    "We'd like to commission a local poet to write a text for our square. Budget around 2,000 euros.",
])
def test_money_that_comes_with_a_request_for_an_artist_is_offered(text):
    assert read_as(text, "coproduction_budget", "offer", searching=True)


def test_what_is_asked_in_return_for_the_writers_giving_is_needed():
    read = understand("In ruil voor een gratis repetitiestudio geef ik elke maand een danssessie voor senioren.",
                      TODAY, searching=True)
    assert "rehearsal_space" in types(read.needs) and "workshops" in types(read.offers)


def test_what_the_writer_already_has_is_neither_needed_nor_offered():
    read = understand("We already have a venue and a crew; what we're missing is money for the set.", TODAY,
                      searching=True)
    assert "performance_venue" not in types(read.needs) | types(read.offers)
    assert "coproduction_budget" in types(read.needs)


@pytest.mark.parametrize("text, needed", [
    ("Quelle commune serait intéressée par notre exposition itinérante ?", "exhibition_space"),
    ("Heeft een cultuurcentrum nog speeldata vrij in het voorjaar voor onze familievoorstelling?",
     "performance_venue"),
    ("Welke residentieplek heeft deze zomer nog twee weken vrij?", "residency"),
])
def test_asking_who_would_host_or_has_room_free_asks_for_it(text, needed):
    assert read_as(text, needed, "need", searching=True)


@pytest.mark.parametrize("text", [
    "We're looking for a maker to create a new piece with our group of wheelchair users.",
    "Nous avons un petit budget : qui veut construire avec nos jeunes une création sur le logement ?",
    "Wie wil daarmee iets maken met de jongeren van ons huis?",
])
def test_asking_someone_to_make_work_with_a_group_asks_for_a_collaboration(text):
    assert read_as(text, "artistic_collaboration", "need", searching=True)


@pytest.mark.parametrize("text", [
    "Our theatre hall is empty most evenings. Local companies are welcome to rehearse there.",
    "Onze turnzaal is na 15u30 vrij, daar kan gerepeteerd worden.",
    "Buiten het seizoen staat onze grote zaal leeg: gezelschappen kunnen er gratis repeteren.",
    "On a une grande salle vide en journée. Les artistes qui voudraient y répéter sont les bienvenus.",
])
def test_letting_others_rehearse_in_the_writers_room_offers_a_rehearsal_space(text):
    assert read_as(text, "rehearsal_space", "offer")


def test_the_writers_own_rehearsing_is_not_an_offer():
    read = understand("We zoeken een zaal waar we kunnen repeteren.", TODAY, searching=True)
    assert "rehearsal_space" in types(read.needs) and not read.offers


@pytest.mark.parametrize("text, field, key", [
    ("Zoek je un atelier pour créer? Chez nous à Anderlecht c'est possible, gratis tot juni.", "offers",
     "rehearsal_space"),
    ("Zoek je een atelier? Bij ons kan het: drie ruimtes, gratis voor wie in ruil af en toe een open atelier houdt"
     " voor de buren.", "needs", "audience_mediation"),
    ("Wij stellen onze theaterzaal ter beschikking om te repeteren.", "offers", "rehearsal_space"),
    ("On cherche un studio pour nos créations. Speelkansen zijn ook welkom.", "needs", "performance_venue"),
])
def test_a_room_is_read_by_what_it_is_for(text, field, key):
    read = understand(text, TODAY, searching=True)
    assert key in types(getattr(read, field))


def test_partners_welcome_are_not_a_thing_welcomed():
    read = understand("Onze zaal est libre en août, les compagnies qui cherchent un lieu de répétition zijn welkom!",
                      TODAY, searching=True)
    assert not read.needs


@pytest.mark.parametrize("text, offered", [
    ("Je cherche une école de devoirs qui voudrait accueillir mes ateliers BD gratuits le mercredi.", "workshops"),
    ("Nous cherchons des classes de 5e primaire pour notre spectacle, un dossier pédagogique est fourni.",
     "audience_mediation"),
    ("Ancien couvent à Namur : nous offrons des résidences de recherche et un regard dramaturgique.",
     "production_support"),
    ("Vous cherchez un lieu pour répéter ? Venez chez nous, la grande salle est vide le matin.", "rehearsal_space"),
])
def test_what_the_writer_brings_inside_a_request_is_offered(text, offered):
    assert read_as(text, offered, "offer", searching=True)


@pytest.mark.parametrize("text, field, key", [
    ("Salle de 200 places à louer pour spectacles et concerts.", "offers", "performance_venue"),
    ("We stellen onze concertzaal ter beschikking van jonge ensembles om te repeteren.", "offers", "rehearsal_space"),
    ("Je peux aussi former les équipes des petits lieux à la lumière.", "offers", "workshops"),
])
def test_rent_rehearsal_and_training_are_read(text, field, key):
    read = understand(text, TODAY)
    assert key in types(getattr(read, field))


def test_a_thing_of_the_writers_own_is_not_asked_for():
    read = understand("We zoeken een black box om te repeteren, met onze eigen techniekers.", TODAY, searching=True)
    assert "technical_support" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "We are three visual artists. We create immersive installations with local residents, starting from their stories.",
    "Collectif de plasticiennes : nous créons des fresques avec les habitants du quartier.",
    "Ik ben choreografe en maak voorstellingen met niet-professionele dansers: amateurs, ouderen, jongeren.",
])
def test_a_maker_who_makes_work_with_a_group_offers_the_collaboration(text):
    assert read_as(text, "artistic_collaboration", "offer")


@pytest.mark.parametrize("text", [
    "We are a photographer and archivist duo. We would like to work with older residents in autumn 2027.",
    "Je suis metteuse en scène et j'aimerais travailler avec des habitants du quartier.",
])
def test_a_maker_who_wishes_to_work_with_a_group_offers_the_collaboration(text):
    assert read_as(text, "artistic_collaboration", "offer")


def test_a_maker_who_works_with_schools_does_not_offer_a_collaboration_for_it():
    read = understand("I'm a sound artist and composer. I build interactive installations and often work with "
                      "schools. I'm looking for an exhibition space for a new piece.", TODAY)
    assert "artistic_collaboration" not in types(read.offers)


@pytest.mark.parametrize("text", [
    "Speelpleinwerking in Lommel. Kunstenaars die een workshop willen geven zijn welkom, wij zorgen voor de kinderen.",
    "We are a non-profit working with refugees and we can bring a group of forty participants to partner projects.",
])
def test_an_organisation_that_brings_the_people_offers_to_reach_them(text):
    read = understand(text, TODAY)
    assert "audience_reach" in types(read.offers)


@pytest.mark.parametrize("text", [
    "Welk cultuurcentrum in de Vlaamse Rand wil onze familievoorstelling (6+) programmeren in het voorjaar?",
    "Zoek een cultuurcentrum dat onze jongeren een podium wil geven.",
])
def test_a_centre_asked_for_its_stage_is_not_asked_to_reach_the_shows_audience(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" in types(read.needs)
    assert "audience_reach" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "Je cherche des centres culturels pour proposer des ateliers aux familles et aux enfants de la diaspora.",
    "Kent er iemand een organisatie die met nieuwkomers werkt? We willen onze voorstelling komen spelen.",
])
def test_a_partner_asked_for_the_people_it_works_with_is_asked_to_reach_them(text):
    assert read_as(text, "audience_reach", "need", searching=True)


@pytest.mark.parametrize("text", [
    "Nous sommes un groupe de chanson française. On cherche une salle pour jouer un concert en octobre.",
    "We zijn een groep van vijf muzikanten en zoeken een zaal om te spelen.",
])
def test_a_writer_that_is_a_group_does_not_seek_one(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" in types(read.needs)
    assert "audience_reach" not in types(read.needs) | types(read.offers)


def test_a_group_sought_is_still_a_public_to_reach():
    assert read_as("On cherche un groupe d'enfants pour un atelier.", "audience_reach", "need", searching=True)


@pytest.mark.parametrize("text", [
    "I am looking for a residency in spring 2027, and I will open my studio to young people during the residency.",
    "Nous cherchons une résidence en mai et nous jouerons pour les voisins pendant la résidence.",
    "We zoeken een residentie in juni; tijdens de residentie tonen we ons werk aan de buurt.",
])
def test_an_exchange_named_to_say_when_is_not_given(text):
    assert read_as(text, "residency", "need", searching=True)
    assert read_as(text, "residency", "need")


def test_giving_workshops_to_children_is_not_bringing_children():
    read = understand("Wij geven workshops aan kinderen in de buurt.", TODAY)
    assert "audience_reach" not in types(read.offers)


def test_dutch_puts_the_making_last():
    read = understand("Wat we missen: iemand die met onze jongeren een eigen voorstelling maakt.", TODAY,
                      searching=True)
    assert "artistic_collaboration" in types(read.needs)


@pytest.mark.parametrize("text", [
    "We are a small theatre company, always looking for cultural centres that want to book us.",
    "Théâtre de marionnettes itinérant : on est à la recherche de communes qui voudraient nous accueillir.",
    "Compagnie de théâtre-action cherche à jouer dans des maisons de quartier.",
])
def test_asking_for_places_that_would_host_or_book_the_work_asks_for_a_stage(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" in types(read.needs)


@pytest.mark.parametrize("text", [
    "Je cherche des associations qui souhaiteraient accueillir un atelier de broderie.",
    "I am looking for a community centre that wants to host a new choir, one evening a week.",
])
def test_asking_for_a_place_to_host_a_workshop_or_a_choir_is_not_asking_for_a_stage(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "On voudrait vraiment travailler avec een kunstenaar die met senioren werkt, pour un projet in onze wijk.",
    "Nous voudrions prolonger ce travail par une création théâtrale et cherchons une compagnie intéressée.",
])
def test_working_with_an_artist_on_something_to_make_asks_for_a_collaboration(text):
    read = understand(text, TODAY)
    assert "artistic_collaboration" in types(read.needs)


@pytest.mark.parametrize("text, needed", [
    ("On cherche des artistes qui jouent dehors et proposent des ateliers pour enfants.", "workshops"),
    ("Welke residentieplek heeft deze zomer nog twee weken vrij voor een jonge theatermaakster?", "residency"),
])
def test_what_the_partner_asked_about_does_is_not_offered(text, needed):
    assert read_as(text, needed, "need", searching=True)


def test_a_stage_named_alone_is_for_playing_on():
    read = understand("Vous cherchez une scène ? Venez chez nous le jeudi.", TODAY, searching=True)
    assert "performance_venue" in types(read.offers)


def test_the_writers_own_exhibition_is_not_a_room_on_offer():
    read = understand("Les écoles qui veulent une visite guidée de notre expo : on le fait gratuitement.", TODAY,
                      searching=True)
    assert "exhibition_space" not in types(read.offers)


def test_what_is_read_without_being_named_shows_the_words_that_said_it():
    read = understand("We create immersive installations with local residents. Wij zorgen voor de kinderen.", TODAY)
    said = {(item["key"], item["words"]) for item in read.evidence if item["field"] == "offers"}
    assert ("artistic_collaboration", "create immersive installations with local residents") in said
    assert ("audience_reach", "zorgen voor de kinderen") in said


def test_an_open_rehearsal_asked_in_return_is_asked_for():
    text = "Onze zaal staat leeg in juli, in ruil vragen we een open repetitie voor de buren."
    assert read_as(text, "audience_mediation", "need", searching=True)
    assert read_as(text, "rehearsal_space", "offer", searching=True)



@pytest.mark.parametrize("text", [
    "Looking for a residency for three weeks, spring or early summer 2027.",
    "On cherche une résidence au printemps ou au début de l'été 2027.",
])
def test_either_of_two_periods_next_to_each_other_is_one_need_over_both(text):
    """"Spring or early summer" asks once, over both, as "juli of augustus" does; two needs, one
    for spring and one for summer, halved the score of a residency free in spring."""
    read = understand(text, TODAY, searching=True)
    assert [need.get("period") for need in read.needs] == [{"start": "2027-03-01", "end": "2027-08-31"}]


def test_either_of_two_periods_far_apart_stays_two():
    """"In maart of in oktober" is not every month between."""
    read = understand("We zoeken een residentie in maart of in oktober 2027.", TODAY, searching=True)
    assert [need.get("period") for need in read.needs] == [
        {"start": "2027-03-01", "end": "2027-03-31"}, {"start": "2027-10-01", "end": "2027-10-31"}]


@pytest.mark.parametrize("text, main, wished", [
    ("Looking for a small venue in spring 2027, and ideally to reach locals beyond the expat bubble.",
     "performance_venue", "audience_reach"),
    ("On cherche une salle de répétition en mai, et si possible une aide technique.", "rehearsal_space",
     "technical_support"),
    ("Looking for a quiet residency for three weeks. An edit suite would be a bonus.", "residency", "rehearsal_space"),
])
def test_a_need_asked_for_only_if_it_can_be_had_is_optional(text, main, wished):
    needs = {need["type"]: need for need in understand(text, TODAY, searching=True).needs}
    assert needs[wished].get("optional") is True
    assert not needs[main].get("optional")


def test_the_kinds_that_answer_a_who_question_are_the_partners_asked_for():
    """"Wie brengt de jongeren mee? Jeugdhuis, school, bib, maakt niet uit.": organisations of
    several types are asked for, to bring the young people, not for a way into schools."""
    read = understand("Wij geven gratis workshops aan tieners. Wie brengt de jongeren mee? Jeugdhuis, school, bib, "
                      "maakt niet uit.", TODAY, searching=True)
    assert read.partner_kinds == ["organisation"]
    assert "audience_reach" in types(read.needs) and "school_network" not in types(read.needs)



@pytest.mark.parametrize("text, first, second", [
    ("On cherche quelqu'un pour diriger un projet au printemps 2027, et une salle pour le concert de juin.",
     ("artistic_collaboration", "2027-03-01"), ("performance_venue", "2027-06-01")),
    ("We zoeken een repetitieruimte in maart 2027 en een residentie in oktober 2027.",
     ("rehearsal_space", "2027-03-01"), ("residency", "2027-10-01")),
])
def test_each_need_keeps_its_own_period(text, first, second):
    """A sentence that names two needs, each with its period, does not give each need both."""
    needs = [(need["type"], need["period"]["start"]) for need in understand(text, TODAY, searching=True).needs]
    assert needs == [first, second]


def test_one_period_after_two_needs_is_both_needs():
    read = understand("We zoeken een repetitieruimte en een residentie in juli 2027.", TODAY, searching=True)
    assert [need["period"]["start"] for need in read.needs] == ["2027-07-01", "2027-07-01"]


@pytest.mark.parametrize("text", [
    "Avec l'équipe on aimerait un projet théâtre avec nos élèves de 3e-4e, au printemps.",
    "On voudrait faire un projet de danse avec nos jeunes.",
])
def test_a_wish_for_a_project_with_the_writers_own_group_asks_for_a_maker(text):
    assert read_as(text, "artistic_collaboration", "need", searching=True)


def test_the_writers_own_project_that_others_should_support_is_not_made_by_them():
    read = understand("Y a-t-il un GC of een CC qui wil ons project met senioren ondersteunen?", TODAY,
                      searching=True)
    assert "artistic_collaboration" not in types(read.needs) | types(read.offers)


@pytest.mark.parametrize("text, subject", [
    ("On aimerait un projet théâtre avec nos élèves sur le harcèlement et les réseaux sociaux.", "promotion"),
    ("Nous cherchons un collectif pour construire avec eux une création sur le logement.", "residency"),
])
def test_what_a_work_is_about_is_not_asked(text, subject):
    read = understand(text, TODAY, searching=True)
    assert subject not in types(read.needs) | types(read.offers)


def test_promotion_on_social_media_is_still_asked():
    assert read_as("On cherche de l'aide pour la promotion sur les réseaux sociaux.", "promotion", "need",
                   searching=True)


@pytest.mark.parametrize("text", [
    "Fête de quartier en juillet : on cherche des artistes de cirque ou de rue qui jouent dehors pour les familles.",
    "Voor ons buurtfeest zoeken we muzikanten die komen spelen op het plein.",
    "We're looking for musicians who play outdoors at our summer fair.",
])
def test_artists_asked_to_play_are_offered_a_stage(text):
    assert read_as(text, "performance_venue", "offer", searching=True)


def test_what_the_artists_asked_to_play_should_also_do_is_still_asked():
    read = understand("Fête de quartier en juillet : on cherche des artistes de cirque qui jouent dehors pour les "
                      "familles, et si possible qui animent une initiation pour les enfants.", TODAY, searching=True)
    assert "performance_venue" in types(read.offers) and "workshops" in types(read.needs)


def test_an_artist_seeking_others_who_play_offers_no_stage():
    read = understand("Ik ben gitarist en zoek muzikanten die samen willen spelen.", TODAY, searching=True)
    assert "performance_venue" not in types(read.offers)


@pytest.mark.parametrize("text, key", [
    ("Looking for a designer who can help with posters and flyers for our family fair.", "promotion"),
    ("I'm looking for more places to play and for someone to help me with promotion.", "promotion"),
    ("On cherche quelqu'un pour nous aider avec la communication.", "promotion"),
])
def test_help_given_by_the_one_asked_for_is_needed(text, key):
    assert read_as(text, key, "need", searching=True)


def test_help_the_writer_gives_is_offered():
    assert read_as("We help young companies with their funding applications.", "production_support", "offer")


@pytest.mark.parametrize("text", [
    "Maison de quartier à Droixhe. On a une grande salle qui est vide en journée. Les artistes qui voudraient y "
    "répéter sont les bienvenus.",
    "Buurthuis in Borgerhout. Beneden is er een grote zaal die 's avonds leeg staat. Kunstenaars uit de wijk mogen "
    "er repeteren.",
])
def test_a_hall_the_next_sentence_offers_to_rehearse_in_is_a_rehearsal_room(text):
    read = understand(text, TODAY)
    assert types(read.offers) == {"rehearsal_space"}


def test_a_hall_for_shows_is_still_a_stage():
    assert read_as("Onze grote zaal heeft 400 plaatsen en programmeert theater en dans.", "performance_venue", "offer")


@pytest.mark.parametrize("text, key", [
    ("We don't need a venue or money right now; what we're really missing is an outside eye.", "production_support"),
    ("Ce qui nous serait utile : un regard extérieur sur la mise en scène.", "production_support"),
    ("Wat we missen is een coach voor ons zakelijk beheer.", "production_support"),
])
def test_what_a_writer_misses_or_would_find_useful_is_needed(text, key):
    assert read_as(text, key, "need")


@pytest.mark.parametrize("text", [
    "Nous cherchons des classes de 5e-6e primaire pour tester notre spectacle.",
    "Par contre nous cherchons des écoles qui voudraient voir le spectacle en journée scolaire.",
])
def test_pupils_sought_are_sought_through_their_schools(text):
    read = understand(text, TODAY, searching=True)
    assert "school_network" in types(read.needs) and "audience_reach" not in types(read.needs)


def test_a_school_among_other_kinds_of_partner_is_asked_for_the_people_it_reaches():
    read = understand("Wel zoeken we lokale partners: wijkcentra, scholen, OCMW's.", TODAY)
    assert "audience_reach" in types(read.needs) and "school_network" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "We zoeken een repetitieruimte in juli-augustus 2027.",
    "Cet été (juillet-août) on cherche une salle de répétition.",
])
def test_two_months_joined_by_a_hyphen_are_one_period(text):
    read = understand(text, TODAY, searching=True)
    assert [need.get("period") for need in read.needs] == [{"start": "2027-07-01", "end": "2027-08-31"}]



@pytest.mark.parametrize("text, key", [
    ("We ondersteunen lokale kunstenaars met een projectsubsidie.", "coproduction_budget"),
    ("Artists who live in the municipality can also apply for a small creation grant.", "coproduction_budget"),
    ("Kunstencentrum Oostwind ondersteunt jonge makers met coproductiegeld en repetitieruimte.", "coproduction_budget"),
])
def test_what_a_writer_supports_makers_with_is_offered(text, key):
    assert read_as(text, key, "offer")


@pytest.mark.parametrize("text, key", [
    ("Existe-t-il encore un centre culturel qui soutient financièrement les premières créations ?",
     "coproduction_budget"),
    ("We zoeken een kunstenorganisatie die ons zakelijk wil ondersteunen, van begroting tot subsidiedossier.",
     "production_support"),
])
def test_support_given_by_the_partner_sought_is_needed(text, key):
    assert read_as(text, key, "need", searching=True)


@pytest.mark.parametrize("text", [
    "We're an association of deaf and hard-of-hearing people. Our members would like to attend more performances.",
    "L'Atelier du Soleil est un projet d'art-thérapie. Nos participants aimeraient exposer leurs œuvres.",
    "Wij zijn een vzw in Kuregem. We willen samenwerken met kunstenaars die met onze groepen iets willen maken.",
])
def test_naming_the_writers_own_members_is_not_offering_to_bring_them(text):
    assert "audience_reach" not in types(understand(text, TODAY).offers)


@pytest.mark.parametrize("text", [
    "Volkstheater Den Ateljee. Vorig seizoen hadden we een gastregisseur van het conservatorium.",
    "Compagnie de théâtre. En 2023, nous avons accueilli une compagnie en résidence et coproduit son spectacle.",
    "We used to offer residencies, but our building is being renovated.",
])
def test_what_was_is_neither_offered_nor_sought(text):
    read = understand(text, TODAY)
    assert read.offers == [] and read.needs == []


def test_what_is_now_after_what_was_is_read():
    read = understand("Last year we had a residency in Ghent. This year we're looking for somewhere to premiere.",
                      TODAY, searching=True)
    assert types(read.needs) == {"performance_venue"}


@pytest.mark.parametrize("text", [
    "Iemand een zaal vrij in Schaarbeek voor een try-out op 3 april? 60 plaatsen volstaat.",
    "Is there a venue in Ghent that does try-outs for new spoken word?",
])
def test_a_try_out_asked_is_a_stage_not_audience_work(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" in types(read.needs) and "audience_mediation" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "Cherche un·e technicien·ne lumière pour une tournée en Flandre, février-mars.",
    "Je suis technicien lumière, disponible pour des tournées et des créations.",
    "Zoek een zakelijk leider voor de tournee van onze voorstelling.",
])
def test_a_tour_named_as_the_occasion_is_no_stage(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" not in types(read.needs) | types(read.offers)


@pytest.mark.parametrize("text", [
    "Kunstenaar zoekt atelier in Gent, min. 30m², max 250 euro/maand.",
    "Kunstenaarscollectief zoekt leegstaand pand in Antwerpen-Noord voor tijdelijke ateliers.",
])
def test_an_atelier_with_a_size_a_rent_or_a_building_is_a_studio(text):
    read = understand(text, TODAY, searching=True)
    assert "rehearsal_space" in types(read.needs) and "workshops" not in types(read.needs)


def test_an_atelier_for_children_is_still_a_workshop():
    assert read_as("We zoeken iemand die een atelier voor kinderen wil geven in de paasvakantie.", "workshops", "need",
                   searching=True)


def test_an_abbreviation_does_not_end_the_sentence():
    """"min. 30 m²" keeps the size with the studio it is said of."""
    from matcher.understanding.reader import _sentences

    assert _sentences("Zoek atelier, min. 30 m², max. 250 euro/maand. Bv. in Gent.") == [
        "Zoek atelier, min. 30 m², max. 250 euro/maand.", "Bv. in Gent."]


def test_a_collaboration_made_in_the_past_is_not_offered():
    read = understand("L'asbl Habiter Ensemble accompagne les locataires. Avec les habitants, nous avons réalisé en "
                      "2021 une fresque monumentale avec une artiste du quartier.", TODAY)
    assert "artistic_collaboration" not in types(read.offers) | types(read.needs)


def test_a_project_about_the_old_days_is_not_past():
    assert read_as("Wij zijn een woonzorgcentrum en zoeken een muzikant die samen met onze bewoners iets wil maken, "
                   "bijvoorbeeld een liedjesproject over vroeger.", "artistic_collaboration", "need")


@pytest.mark.parametrize("text", [
    "Onze scoutsgroep heeft een groot lokaal dat doordeweeks leeg staat. Theatermakers en dansers mogen er gratis "
    "repeteren, als ze op een zaterdag een workshop willen geven voor onze leden.",
    "We run a community garden with a small outdoor stage. Bands and storytellers are welcome to play, and if you'd "
    "do a workshop for the kids too, even better.",
])
def test_what_the_other_side_gives_as_a_condition_is_asked(text):
    read = understand(text, TODAY)
    assert "workshops" in types(read.needs) and "workshops" not in types(read.offers)
    assert read.partner_kinds == ["artist"]


@pytest.mark.parametrize("text", ["Coaching doen we niet.", "Residenties bieden we niet aan."])
def test_a_thing_put_first_and_then_not_given_is_not_offered(text):
    read = understand(text, TODAY)
    assert read.offers == [] and read.negated


@pytest.mark.parametrize("text", [
    "Collectif Kuregem Beats: on est une bande de DJ's en producers uit Anderlecht.",
    "Hi, I'm Maya, a Brussels-based singer. Bookings via my website.",
])
def test_a_music_producer_or_a_booking_contact_is_no_production_support(text):
    assert "production_support" not in types(understand(text, TODAY).offers)


def test_someone_to_handle_the_bookings_is_production_support():
    assert read_as("We'd need someone to handle the bookings for our family show next season.",
                   "production_support", "need", searching=True)


def test_the_one_a_question_asks_for_who_wants_to_help_is_sought():
    assert read_as("Is er een regisseur die wil meekijken naar onze repetities?", "production_support", "need",
                   searching=True)


@pytest.mark.parametrize("text", [
    "We zijn een kleine vzw die Syrische en Iraakse jongeren begeleidt in Brussel.",
    "Wij werken met senioren uit Marokko en Turkije in een lokaal dienstencentrum.",
    "Bibliotheek zoekt verteller voor voorleesmomenten met anderstalige kleuters.",
])
def test_people_named_by_their_origins_are_a_culturally_diverse_public(text):
    assert "culturally_diverse" in understand(text, TODAY).audiences


def test_an_origin_not_said_of_people_is_no_public():
    read = understand("Ons buurtrestaurant kookt Syrische en Turkse gerechten.", TODAY)
    assert "culturally_diverse" not in read.audiences


@pytest.mark.parametrize("text", [
    "Maison de quartier Les Tilleuls, rue des Tilleuls 12, 1030 Schaerbeek.",
    "Wij kunnen onze geluidsinstallatie ter beschikking stellen voor een buurtfeest in juni.",
])
def test_a_house_or_a_party_of_the_neighbourhood_is_no_public_of_residents(text):
    assert "local_residents" not in understand(text, TODAY).audiences


def test_the_people_of_the_neighbourhood_are_still_its_residents():
    assert "local_residents" in understand("On cherche un artiste pour créer avec les habitants du quartier.",
                                           TODAY, searching=True).audiences


def test_a_wish_to_have_a_work_made_asks_for_a_maker():
    read = understand("Gemeentelijke dienst cultuur Tervuren. We ondersteunen lokale kunstenaars met een "
                      "projectsubsidie. Dit jaar willen we graag een kunstwerk laten maken voor het nieuwe plein.",
                      TODAY)
    assert "artistic_collaboration" in types(read.needs) and read.partner_kinds == ["artist"]


def test_a_wish_to_co_create_with_a_school_offers_the_collaboration():
    read = understand("We'd love to find a school that wants to co-create an opera with its pupils.", TODAY,
                      searching=True)
    assert "artistic_collaboration" not in types(read.needs)


def test_a_place_asked_to_host_an_exhibition_is_an_exhibition_space():
    read = understand("Une asbl ou een vzw die een expo wil hosten over de Congolese diaspora in Matonge?", TODAY,
                      searching=True)
    assert "exhibition_space" in types(read.needs) and "performance_venue" not in types(read.needs)


@pytest.mark.parametrize("text", [
    "Any cultural centre in Flanders looking for an English-language family show for the Christmas holidays?",
    "Welk cultuurcentrum zoekt nog een familievoorstelling voor de kerstvakantie?",
])
def test_asking_which_venue_looks_for_a_show_asks_for_a_stage(text):
    read = understand(text, TODAY, searching=True)
    assert "performance_venue" in types(read.needs) and "audience_reach" not in types(read.needs)
