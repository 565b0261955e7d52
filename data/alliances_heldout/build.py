"""Generator for the held-out alliance profiles (hand-written content, compact form)."""
import json, pathlib

def P(s, e): return {"start": "2027-" + s, "end": "2027-" + e}
def x(t, per=None, **kw):
    d = {"type": t}
    if per: d["period"] = P(*per)
    d.update(kw); return d

R = []
def add(id, kind, type, name, muni, desc=None, lang=None, disc=None, aud=None, themes=None,
        offers=None, needs=None, partners=None, maxd=None, pk=None, serves=None):
    p = {"id": "ah-" + id, "kind": kind, "name": name, "location": {"municipality": muni}}
    if type: p["type"] = type
    if desc: p["description"] = desc
    if lang: p["languages"] = lang
    if disc: p["disciplines"] = disc
    if aud: p["audiences"] = aud
    if themes: p["themes"] = themes
    if offers: p["offers"] = offers
    if needs: p["needs"] = needs
    if partners: p["partners"] = ["ah-" + q for q in partners]
    if maxd: p["max_distance_km"] = maxd
    if pk: p["partner_kinds"] = pk
    if serves: p["serves"] = serves
    R.append(p)

O, A = "organisation", "artist"
NL, FR, EN = ["nl"], ["fr"], ["en"]

# ---------------- MECHELEN (~20 km) ----------------
add("mec-cc-mechelen", O, "cultural_centre", "Cultuurcentrum Mechelen", "Mechelen",
    "Stedelijk cultuurcentrum met twee zalen en een expozaal in de binnenstad. We zoeken makers die met buurtbewoners uit Mechelen-Noord iets willen opbouwen, en scholen die mee willen stappen in een traject rond meertaligheid.",
    NL, ["theatre", "dance", "music"], ["general_public", "local_residents", "schools"], ["stad", "meertaligheid"],
    [x("performance_venue", ("09-01", "12-20"), space={"seated": 420, "features": ["light", "sound", "rigging_points"]}, price="free"),
     x("technical_support"), x("promotion"), x("coproduction_budget", amount_eur=6000)],
    [x("artistic_collaboration", ("03-01", "10-31"), note="participatief project met bewoners Mechelen-Noord"),
     x("audience_reach", audiences=["newcomers", "culturally_diverse"])], partners=["mec-lier-cc"])
add("mec-gc-nekker", O, "community_centre", "Buurtcentrum De Nekker", "Mechelen",
    "Buurthuis aan de rand van de wijk Nekkerspoel, met een polyvalente zaal (80 m2) en een keuken. Veel gezinnen met een migratieachtergrond komen hier voor huiswerkbegeleiding en koffie. Cultuur is voor ons nieuw; we willen graag een artiest die met de buurt werkt.",
    NL, None, ["families", "newcomers", "culturally_diverse", "local_residents"], ["buurt", "samenleven", "koken"],
    [x("rehearsal_space", ("01-15", "06-30"), space={"area_m2": 80, "features": ["kitchen", "wheelchair_access"]}, price="free", in_return=["workshops"]),
     x("audience_reach", audiences=["families", "newcomers"])],
    [x("artistic_collaboration", note="iemand die met ouders en kinderen iets maakt"), x("workshops", audiences=["children", "families"])])
add("mec-bib-mechelen", O, "library", "Stadsbibliotheek Mechelen (Het Predikheren)", "Mechelen",
    "Bibliotheek in het gerestaureerde Predikherenklooster. Leesclubs, taalcafés voor NT2-leerders en een jaarlijkse verteldag. Wij zoeken voorstellingen en schrijfateliers voor onze taalcafés.",
    NL, ["literature", "spoken_word"], ["newcomers", "families", "elderly"], ["lezen", "taal", "NT2"],
    [x("exhibition_space", space={"area_m2": 60, "features": ["white_walls"]}), x("audience_reach", audiences=["newcomers", "elderly"]), x("promotion")],
    [x("workshops", ("02-01", "05-31"), audiences=["newcomers"], budget_eur=1500), x("artistic_collaboration", note="schrijver of verteller")])
add("mec-school-busleyden", O, "school", "Busleyden Atheneum campus Pitzemburg", "Mechelen",
    "Secundaire school met 1100 leerlingen, kunstvakken in de tweede graad. De cultuurcoördinator zoekt een theatergezelschap of danscollectief voor een project met het vierde jaar in het voorjaar.",
    NL, None, ["youth", "schools"], ["onderwijs", "burgerschap"],
    [x("school_network"), x("audience_reach", audiences=["youth", "schools"]), x("rehearsal_space", ("07-01", "08-20"), note="turnzaal in de zomer", space={"area_m2": 300})],
    [x("artistic_collaboration", ("02-01", "05-15"), budget_eur=2500), x("workshops", audiences=["youth"])], pk=["artist"])
add("mec-speelgoed", O, "heritage_organisation", "Erfgoedcel Mechelen", "Mechelen",
    "Erfgoedcel die vrijwilligers en verenigingen ondersteunt bij het ontsluiten van lokaal erfgoed. Dit jaar rond beiaardcultuur en mondelinge geschiedenis van de Vesten.",
    NL, ["heritage"], ["local_residents", "elderly"], ["erfgoed", "mondelinge geschiedenis", "beiaard"],
    [x("production_support"), x("promotion"), x("coproduction_budget", amount_eur=3000)],
    [x("artistic_collaboration", note="beeldend kunstenaar of fotograaf die verhalen van ouderen vastlegt"), x("exhibition_space", ("09-01", "10-31"))])
add("mec-lier-cc", O, "cultural_centre", "CC De Mol", "Lier",
    "Cultuurcentrum van Lier. Sterke schoolvoorstellingenwerking, sinds kort een kleine studio voor residenties van jonge makers.",
    NL, ["theatre", "dance", "circus"], ["schools", "children", "general_public"], None,
    [x("residency", ("01-10", "03-31"), space={"area_m2": 140, "features": ["dance_floor", "light", "sound"]}, support=["room", "technical", "showing"], price="free"),
     x("school_network"), x("audience_reach", audiences=["schools", "children"])],
    [x("artistic_collaboration", note="jeugdtheater of circus voor kleuters")], partners=["mec-cc-mechelen"])
add("mec-coll-vliegwerk", A, "collective", "Collectief Vliegwerk", "Mechelen",
    "Jong circus- en bewegingscollectief (4 artiesten, net afgestudeerd aan ESAC en Codarts). Wij maken een buitenvoorstelling voor families over zwaartekracht en evenwicht en zoeken een hoge repetitieruimte met ophangpunten en een coproducent.",
    ["nl", "en"], ["circus", "street_arts"], ["families", "children"], ["evenwicht", "buitenruimte"],
    [x("workshops", audiences=["children", "youth"], note="luchtacrobatie en jongleren"), x("artistic_collaboration")],
    [x("rehearsal_space", ("02-01", "04-30"), space={"area_m2": 150, "features": ["rigging_points"]}, budget_eur=0, in_return=["workshops"]),
     x("coproduction_budget", amount_eur=5000), x("performance_venue", ("06-01", "08-31"))])
add("mec-solo-nadia", A, "solo_artist", "Nadia Bensaïd", "Mechelen",
    "Verteller en spoken-word artiest. Ik werk in het Nederlands, Arabisch en Frans, met vrouwengroepen en in taalcafés. Ik zoek een plek om een nieuwe voorstelling over mijn grootmoeder te maken en een dramaturg.",
    ["nl", "fr", "ar"], ["spoken_word", "literature"], ["newcomers", "culturally_diverse", "young_adults"], ["migratie", "familie", "taal"],
    [x("workshops", audiences=["newcomers", "young_adults"]), x("artistic_collaboration")],
    [x("production_support", note="dramaturgie"), x("rehearsal_space", ("03-01", "05-31"), budget_eur=300)])
add("mec-academie", O, "school", "Stedelijk Conservatorium en Academie Mechelen", "Mechelen",
    "Deeltijds kunstonderwijs: muziek, woord, dans en beeld. Wij stellen in de zomer onze dansstudio's ter beschikking en zoeken een plaats waar leerlingen kunnen optreden buiten de academie.",
    NL, ["music", "dance", "visual_arts"], ["children", "youth", "young_adults"], None,
    [x("rehearsal_space", ("07-01", "08-31"), space={"area_m2": 110, "features": ["dance_floor"]}, price="rent", price_eur=400), x("school_network")],
    [x("performance_venue", ("05-15", "06-30"))])
add("mec-willebroek-gc", O, "cultural_centre", "CC De Ster", "Willebroek",
    "Cultuurcentrum in een gemeente langs het kanaal. Weinig eigen budget, maar een mooie zaal en een grote vrijwilligersploeg. We zoeken producties die we kunnen tonen voor een lokaal publiek dat zelden naar het theater gaat.",
    NL, ["theatre", "music"], ["local_residents", "elderly", "general_public"], ["kanaal", "industrieel verleden"],
    [x("performance_venue", ("09-15", "12-15"), space={"seated": 250, "features": ["light", "sound", "wheelchair_access"]}, price="in_kind", in_return=["audience_mediation"]),
     x("audience_reach", audiences=["local_residents", "elderly"])],
    [x("audience_mediation"), x("artistic_collaboration", note="iets rond het industriële verleden")])
add("mec-zorg-duffel", O, "social_organisation", "Woonzorgcentrum Ter Nethe", "Duffel",
    "Woonzorgcentrum met 120 bewoners, een animatieteam en een tuin aan de Nete. We willen één keer per maand cultuur in huis: muziek, vertellen, iets met handen.",
    NL, None, ["elderly", "people_with_disabilities"], ["zorg", "herinnering"],
    [x("audience_reach", audiences=["elderly"]), x("rehearsal_space", note="cafetaria, enkel in de namiddag", space={"area_m2": 90, "features": ["wheelchair_access", "kitchen"]}, price="free")],
    [x("workshops", audiences=["elderly"], budget_eur=800), x("artistic_collaboration")], maxd=15)
add("mec-jh-bonheiden", O, "youth_organisation", "Jeugdhuis 't Pleintje", "Bonheiden",
    "Jeugdhuis gerund door vrijwilligers. Kleine concertzaal (150 staanplaatsen), eigen PA. Jongeren willen zelf een festival organiseren maar hebben geen idee hoe.",
    NL, ["music"], ["youth", "young_adults"], ["festival", "jongerenparticipatie"],
    [x("performance_venue", space={"standing": 150, "features": ["sound"]}, price="free"), x("audience_reach", audiences=["youth"])],
    [x("production_support", note="begeleiding bij festivalorganisatie"), x("promotion")])
add("mec-coll-straatwerk", A, "company", "Compagnie Pieter & De Rest", "Sint-Katelijne-Waver",
    "Straattheatergezelschap met een vaste kern van drie spelers en een technieker. Wij maken interactieve voorstellingen op pleinen en in wijken. Voor 2027 zoeken we een gemeente of centrum dat ons een seizoen lang laat werken in één wijk.",
    NL, ["street_arts", "theatre"], ["local_residents", "families", "general_public"], ["publieke ruimte", "wijk"],
    [x("artistic_collaboration", note="wijkproject"), x("technical_support", note="eigen mobiele geluidsinstallatie"), x("workshops", audiences=["families"])],
    [x("coproduction_budget", amount_eur=8000), x("audience_reach", audiences=["local_residents"]), x("residency", ("04-01", "09-30"))])
add("mec-dans-fr", A, "solo_artist", "Léa Vandamme", "Mechelen",
    "Danseuse et chorégraphe installée à Malines depuis 2024. Je développe une pièce pour jeunes publics sur le corps et la frontière entre deux langues. Je cherche un studio de danse et une école partenaire pour tester la pièce avec des élèves.",
    ["fr", "nl"], ["dance"], ["children", "schools"], ["frontière", "langue", "corps"],
    [x("workshops", audiences=["children", "schools"])],
    [x("rehearsal_space", ("01-15", "03-15"), space={"area_m2": 100, "features": ["dance_floor"]}, budget_eur=0, in_return=["workshops"]),
     x("school_network"), x("production_support")])
add("mec-kampenhout-bib", O, "library", "Bibliotheek Kampenhout", "Kampenhout", None, NL)
add("mec-harmonie", O, "amateur_association", "Koninklijke Harmonie Sint-Cecilia Heist", "Heist-op-den-Berg",
    "Harmonieorkest met 55 muzikanten, opgericht in 1889. We willen ons 140-jarig bestaan voorbereiden met een compositieopdracht en een samenwerking met een dansgroep of theatermaker.",
    NL, ["music"], ["local_residents", "elderly", "families"], ["jubileum", "volksmuziek"],
    [x("rehearsal_space", note="repetitielokaal op dinsdag- en vrijdagavond vrij", space={"area_m2": 200}), x("audience_reach", audiences=["local_residents"])],
    [x("artistic_collaboration", ("01-01", "12-31"), note="compositie of theater met harmonie"), x("coproduction_budget", amount_eur=4000)])
add("mec-fotoclub", O, "amateur_association", "Fotoclub Dijlelicht", "Mechelen",
    "Fotoclub met 40 leden. Jaarlijkse tentoonstelling, maar we zoeken een nieuwe locatie want de vorige zaal is verkocht.",
    NL, ["photography"], ["local_residents"], None, None,
    [x("exhibition_space", ("10-01", "10-31"), space={"area_m2": 100, "features": ["white_walls"]}, budget_eur=200)])
add("mec-galerie", O, "arts_organisation", "Kunstenplek Hof van Cortenbach", "Mechelen",
    "Kleine kunstruimte in een voormalig stadspaleis, gerund door een vzw. We tonen jonge beeldend kunstenaars en hebben twee ateliers voor residenties van een maand.",
    ["nl", "en"], ["visual_arts", "photography", "design"], ["professionals", "general_public"], ["jong talent"],
    [x("exhibition_space", ("03-01", "11-30"), space={"area_m2": 180, "features": ["white_walls", "light"]}, price="free"),
     x("residency", ("06-01", "08-31"), space={"area_m2": 40, "beds": 1}, support=["room", "lodging", "showing"], price="in_kind", in_return=["workshops"])],
    [x("audience_reach", audiences=["local_residents", "youth"]), x("promotion")])
add("mec-ocmw-zemst", O, "local_government", "Sociaal Huis Zemst", "Zemst",
    "Sociaal huis met een vrijetijdsloket en een UiTPAS-werking. We willen mensen in armoede laten deelnemen aan cultuur in de regio en zoeken partners die een aangepast aanbod maken.",
    NL, None, ["local_residents", "families"], ["armoede", "participatie", "UiTPAS"],
    [x("audience_reach", audiences=["families", "local_residents"]), x("coproduction_budget", amount_eur=2000)],
    [x("workshops", audiences=["families", "children"]), x("audience_mediation")], serves=["Zemst", "Vilvoorde"])
add("mec-vilvoorde-cc", O, "cultural_centre", "CC Het Bolwerk", "Vilvoorde",
    "Cultuurcentrum in een diverse stad aan de rand van Brussel. Meertalig publiek, sterke jeugdwerking. Zoekt makers voor een participatief project met jongeren uit de wijk Far West.",
    ["nl", "fr"], ["theatre", "music", "dance", "film"], ["youth", "culturally_diverse", "newcomers"], ["superdiversiteit", "jongeren"],
    [x("rehearsal_space", ("09-01", "12-31"), space={"area_m2": 120, "features": ["black_box", "light"]}, support=["room", "technical"], price="free"),
     x("coproduction_budget", amount_eur=5000, in_kind=["venue", "technical_crew"]), x("audience_reach", audiences=["youth", "culturally_diverse"])],
    [x("artistic_collaboration", ("09-01", "12-31"), note="met jongeren"), x("school_network")], maxd=25)
add("mec-putte-school", O, "school", "Basisschool De Klimtoren", "Putte",
    "Basisschool op het platteland. Leerkrachten willen graag een dans- of muziekproject, maar er is bijna geen budget en de bus naar de stad is duur.",
    NL, None, ["children", "schools"], None,
    [x("audience_reach", audiences=["children"]), x("rehearsal_space", note="turnzaal na 16u")],
    [x("workshops", audiences=["children"], budget_eur=0), x("artistic_collaboration")], maxd=10)
add("mec-film", A, "collective", "Kollektief Beeldlijn", "Lier",
    "Documentair filmcollectief. We maken korte portretfilms met bewoners en tonen ze op locatie. We zoeken een erfgoedpartner en een zaal met projectie.",
    NL, ["film", "photography"], ["local_residents", "general_public"], ["portret", "documentaire"],
    [x("artistic_collaboration"), x("workshops", audiences=["youth", "young_adults"], note="smartphonefilm")],
    [x("performance_venue", ("11-01", "12-15"), space={"seated": 80, "features": ["projection"]}), x("coproduction_budget", amount_eur=3000)])
add("mec-keerbergen", O, "community_centre", "Dorpshuis Keerbergen", "Keerbergen", None, NL, aud=["local_residents"])
add("mec-muziek-en", A, "company", "The Lowland Quartet", "Mechelen",
    "String quartet based in Mechelen playing new music alongside classical repertoire. We are looking for a venue partner for a series of short family concerts and for a school that wants a composition project.",
    EN, ["music"], ["families", "general_public", "schools"], ["new music", "composition"],
    [x("workshops", audiences=["schools", "youth"]), x("artistic_collaboration", note="composition project with pupils")],
    [x("performance_venue", ("10-01", "12-20"), space={"seated": 100}), x("school_network"), x("promotion")])
add("mec-haacht-jeugd", O, "youth_organisation", "Chiro Haacht", "Haacht",
    "Jeugdbeweging met 180 leden. Grote lokalen, vrij tijdens de week en in juli als we op kamp zijn.",
    NL, None, ["children", "youth"], None,
    [x("rehearsal_space", ("07-01", "07-31"), space={"area_m2": 160}, price="free")], None)
add("mec-lier-erfgoed", O, "heritage_organisation", "Zimmertoren en Stadsmuseum Lier", "Lier",
    "Museum en torenuurwerk. Wij zoeken een kunstenaar voor een hedendaagse ingreep rond tijd en klokken, liefst met deelname van Lierse scholen.",
    NL, ["heritage", "visual_arts"], ["general_public", "schools", "families"], ["tijd", "wetenschap", "erfgoed"],
    [x("exhibition_space", ("04-01", "09-30"), space={"area_m2": 120, "features": ["white_walls", "light"]}), x("promotion"), x("coproduction_budget", amount_eur=7000)],
    [x("artistic_collaboration", note="beeldend of digitaal kunstenaar"), x("school_network")], partners=["mec-lier-cc"])
add("mec-theater-amateur", O, "amateur_association", "Toneelkring Ons Genoegen", "Berlaar",
    "Amateurtoneelgroep met 25 spelers. We spelen elk voorjaar drie avonden in de parochiezaal. We zoeken een regisseur die ons wil uitdagen met hedendaags werk.",
    NL, ["theatre"], ["local_residents", "elderly"], None,
    [x("audience_reach", audiences=["local_residents"])],
    [x("production_support", note="regie en coaching"), x("technical_support", ("02-15", "04-15"))])
add("mec-digi", A, "solo_artist", "Jonas Verbeeck", "Duffel",
    "Digitale kunstenaar: projectiemapping en interactieve installaties. Zoek een partner om een installatie te bouwen met jongeren, en een plek om ze te tonen.",
    NL, ["digital_arts", "visual_arts"], ["youth", "general_public"], ["technologie", "licht"],
    [x("technical_support", note="projectoren en mapping-software"), x("workshops", audiences=["youth"]), x("artistic_collaboration")],
    [x("exhibition_space", ("11-01", "12-31"), space={"features": ["projection"]}), x("coproduction_budget", amount_eur=2500)])
add("mec-vluchtelingen", O, "social_organisation", "Vluchtelingenwerk Rivierenland", "Mechelen",
    "Begeleidt nieuwkomers in de regio Mechelen bij wonen, werk en vrije tijd. Onze vrijwilligers zoeken zinvolle culturele activiteiten voor jongeren en gezinnen.",
    NL, None, ["newcomers", "families", "youth"], ["nieuwkomers", "inburgering"],
    [x("audience_reach", audiences=["newcomers", "families"])],
    [x("workshops", audiences=["newcomers"]), x("audience_mediation")], serves=["Mechelen", "Lier", "Willebroek"])
add("mec-boortmeerbeek", O, "local_government", "Cultuurdienst Boortmeerbeek", "Boortmeerbeek", None, NL)

# ---------------- LEUVEN (~20 km) ----------------
add("leu-30cc", O, "cultural_centre", "30CC", "Leuven",
    "Stedelijk cultuurcentrum met meerdere locaties in Leuven. Wij werken met makers in de stad en in deelgemeenten en willen in 2027 een traject met bewoners van Kessel-Lo opzetten.",
    NL, ["theatre", "dance", "music", "multidisciplinary"], ["general_public", "local_residents", "culturally_diverse"], ["stad", "buurtwerking"],
    [x("performance_venue", ("09-01", "12-20"), space={"seated": 300, "features": ["light", "sound", "wheelchair_access"]}), x("coproduction_budget", amount_eur=10000),
     x("technical_support"), x("promotion")],
    [x("artistic_collaboration", ("03-01", "11-30"), note="wijkproject Kessel-Lo"), x("audience_reach", audiences=["culturally_diverse", "youth"])], partners=["leu-stuk"])
add("leu-stuk", O, "arts_organisation", "STUK Huis voor Dans, Beeld & Geluid", "Leuven",
    "Kunstenhuis voor dans, beeld en geluid. Residentieplekken voor jonge makers, koppeling met de universiteit en een breed studentenpubliek.",
    ["nl", "en"], ["dance", "visual_arts", "music", "digital_arts"], ["young_adults", "professionals"], ["experiment", "jong talent"],
    [x("residency", ("01-15", "06-30"), space={"area_m2": 200, "beds": 2, "features": ["dance_floor", "light", "sound", "black_box"]}, support=["room", "lodging", "technical", "coaching", "showing"], price="free"),
     x("production_support"), x("audience_reach", audiences=["young_adults"])],
    [x("audience_reach", audiences=["children", "elderly"]), x("school_network")], partners=["leu-30cc"])
add("leu-gc-kessello", O, "community_centre", "Buurtcentrum Casablanca", "Kessel-Lo",
    "Buurtcentrum in de sociale woonwijk, met een open huiskamer, een naaiatelier en een moestuin. We willen kunstenaars uitnodigen die blijven en niet na drie weken verdwijnen.",
    NL, None, ["local_residents", "culturally_diverse", "families", "elderly"], ["sociale woonwijk", "duurzaamheid", "textiel"],
    [x("rehearsal_space", space={"area_m2": 70, "features": ["kitchen", "wheelchair_access"]}, price="free"), x("audience_reach", audiences=["local_residents", "culturally_diverse"])],
    [x("artistic_collaboration", note="langdurig, liefst textiel of beeld"), x("coproduction_budget", amount_eur=1500)])
add("leu-bib", O, "library", "Bibliotheek Tweebronnen", "Leuven",
    "Stadsbibliotheek met makerspace, voorleesuurtjes in verschillende talen en een groeiend aanbod voor tieners. Wij zoeken partners voor een zomerprogramma rond strips en graphic novels.",
    NL, ["literature", "visual_arts"], ["children", "youth", "families", "newcomers"], ["strips", "lezen", "meertaligheid"],
    [x("exhibition_space", ("06-01", "09-15"), space={"area_m2": 90, "features": ["white_walls", "wheelchair_access"]}), x("audience_reach", audiences=["children", "families"]), x("promotion")],
    [x("workshops", ("07-01", "08-31"), audiences=["youth", "children"], budget_eur=2000), x("artistic_collaboration", note="striptekenaar")])
add("leu-strip", A, "solo_artist", "Fien Claes", "Herent",
    "Striptekenaar en illustrator. Ik geef workshops graphic novel aan tieners en zoek een plek om een reeks tekeningen over de Dijle te tonen.",
    NL, ["visual_arts", "literature"], ["youth", "young_adults"], ["strips", "rivier", "natuur"],
    [x("workshops", ("06-15", "08-31"), audiences=["youth", "children"]), x("artistic_collaboration")],
    [x("exhibition_space", ("05-01", "09-30"), space={"features": ["white_walls"]}), x("promotion")])
add("leu-school-sintpieter", O, "school", "Sint-Pieterscollege Leuven", "Leuven",
    "Secundaire school, ASO en kunstrichting. Wij zoeken een dansgezelschap voor een schooljaar-project met de derde graad, en kunnen onze aula aanbieden voor voorstellingen.",
    NL, ["dance", "theatre"], ["youth", "schools"], None,
    [x("performance_venue", space={"seated": 350}, note="aula, enkel buiten lesuren"), x("school_network"), x("audience_reach", audiences=["youth", "schools"])],
    [x("artistic_collaboration", ("09-01", "12-20")), x("audience_mediation")], pk=["company", "collective"])
add("leu-dans-coll", A, "collective", "Collectief Oorsprong", "Leuven",
    "Danscollectief van vijf dansers uit Leuven, Brussel en Lissabon. Wij maken een participatieve voorstelling met tieners over rituelen en hebben een studio, een coproducent en een school nodig.",
    ["nl", "en", "pt"], ["dance", "performance_art"], ["youth", "young_adults"], ["rituelen", "lichaam"],
    [x("workshops", audiences=["youth"]), x("artistic_collaboration")],
    [x("residency", ("02-01", "04-30"), space={"area_m2": 150, "features": ["dance_floor"]}, support=["room", "coaching"]), x("coproduction_budget", amount_eur=6000), x("school_network")])
add("leu-tervuren", O, "cultural_centre", "Cultuurcentrum Papeblok", "Tervuren",
    "Centre culturel dans une commune à facilités, public néerlandophone, francophone et international. Nous cherchons des spectacles multilingues et des ateliers pour familles.",
    ["fr", "nl", "en"], ["theatre", "music"], ["families", "general_public", "culturally_diverse"], ["multilinguisme", "international"],
    [x("performance_venue", ("10-01", "12-20"), space={"seated": 180, "features": ["light", "sound"]}), x("audience_reach", audiences=["families", "culturally_diverse"])],
    [x("artistic_collaboration", note="spectacle multilingue pour familles"), x("workshops", audiences=["families"])])
add("leu-aarschot-acad", O, "school", "Academie Aarschot", "Aarschot",
    "Academie voor muziek, woord en dans. Ons orkest zoekt een podiumpartner en een componist.",
    NL, ["music"], ["children", "youth"], None,
    [x("school_network"), x("rehearsal_space", ("07-01", "08-31"), space={"area_m2": 90})],
    [x("performance_venue", ("05-01", "06-30")), x("artistic_collaboration", note="componist")])
add("leu-zorg", O, "social_organisation", "Dagcentrum De Wissel", "Leuven",
    "Dagcentrum voor volwassenen met een verstandelijke beperking. Ons kunstatelier werkt elke dag; we zoeken een podium en een kunstenaar om samen een inclusieve voorstelling te maken.",
    NL, ["visual_arts", "theatre"], ["people_with_disabilities"], ["inclusie", "outsider art"],
    [x("audience_reach", audiences=["people_with_disabilities"]), x("exhibition_space", space={"area_m2": 50})],
    [x("artistic_collaboration", ("01-15", "06-30")), x("performance_venue", ("06-01", "06-30"), space={"features": ["wheelchair_access"]})])
add("leu-theater-gezel", A, "company", "Theater Koffiekring", "Leuven",
    "Klein theatergezelschap dat documentair theater maakt met ouderen. Nieuwe creatie 'Wat we vergaten' over dementie; we zoeken woonzorgcentra en een zaal voor de première.",
    NL, ["theatre"], ["elderly", "general_public"], ["dementie", "herinnering", "zorg"],
    [x("artistic_collaboration"), x("workshops", audiences=["elderly"]), x("audience_mediation")],
    [x("audience_reach", audiences=["elderly"]), x("performance_venue", ("10-01", "11-30"), space={"seated": 150}), x("coproduction_budget", amount_eur=4000)])
add("leu-wzc-bertem", O, "social_organisation", "WZC Sint-Jozef", "Bertem", None, NL, aud=["elderly"])
add("leu-oud-heverlee", O, "local_government", "Cultuurdienst Oud-Heverlee", "Oud-Heverlee",
    "Landelijke gemeente met een cultuurraad en een mooie oude pastorij die we willen openstellen voor kunstenaars in residentie.",
    NL, None, ["local_residents", "families"], ["landschap", "pastorij"],
    [x("residency", ("04-01", "10-31"), space={"area_m2": 60, "beds": 3, "features": ["kitchen"]}, support=["room", "lodging"], price="in_kind", in_return=["artistic_collaboration"])],
    [x("audience_mediation"), x("promotion")])
add("leu-erfgoed", O, "heritage_organisation", "Erfgoedcel Leuven", "Leuven",
    "Ondersteunt erfgoedverenigingen in Leuven en ondersteunt scholen met erfgoededucatie. 2027: thema 'werk en arbeid' rond de Stella-brouwerij en de vaartkom.",
    NL, ["heritage"], ["local_residents", "schools"], ["arbeid", "bier", "industrieel erfgoed"],
    [x("coproduction_budget", amount_eur=3500), x("school_network"), x("production_support")],
    [x("artistic_collaboration", note="fotograaf, filmmaker of theatermaker rond arbeid"), x("exhibition_space", ("09-01", "11-30"))])
add("leu-foto", A, "solo_artist", "Arne Peeters", "Holsbeek",
    "Documentair fotograaf. Werkt aan een reeks over ploegenarbeiders en hun families in Vlaams-Brabant. Zoekt een tentoonstellingsplek en een erfgoedpartner.",
    NL, ["photography"], ["general_public", "local_residents"], ["arbeid", "portret"],
    [x("artistic_collaboration"), x("workshops", audiences=["young_adults"])],
    [x("exhibition_space", ("09-01", "12-31"), space={"area_m2": 80, "features": ["white_walls"]}), x("coproduction_budget", amount_eur=2000)])
add("leu-jh", O, "youth_organisation", "Jeugdhuis Sojo", "Kessel-Lo",
    "Jeugdhuis met open werking voor tieners uit de buurt. Repetitiekot voor bandjes, graffitimuur, hiphopavonden.",
    NL, ["music", "street_arts"], ["youth", "culturally_diverse"], ["hiphop", "graffiti"],
    [x("rehearsal_space", space={"area_m2": 30, "features": ["sound"]}, price="free"), x("audience_reach", audiences=["youth", "culturally_diverse"])],
    [x("workshops", audiences=["youth"], note="beats, rap, DJ"), x("coproduction_budget", amount_eur=1000)])
add("leu-rap", A, "solo_artist", "Yasmine 'Yaz' El Amrani", "Leuven",
    "Rapper and workshop leader. I run lyric-writing workshops for teenagers in Dutch and English and want to record an EP with young people from Leuven.",
    ["en", "nl"], ["music", "spoken_word"], ["youth", "young_adults", "culturally_diverse"], ["hip hop", "identity"],
    [x("workshops", audiences=["youth"]), x("artistic_collaboration")],
    [x("rehearsal_space", ("03-01", "06-30"), space={"features": ["sound"]}, budget_eur=0), x("production_support"), x("promotion")])
add("leu-tienen-cc", O, "cultural_centre", "CC De Kruisboog", "Tienen",
    "Cultuurcentrum in Tienen. Wil meer werken met de suikerfabriek-verhalen en met nieuwe Tienenaars. Zoekt een coproductiepartner voor een grote buitenvoorstelling.",
    NL, ["theatre", "street_arts", "music"], ["general_public", "newcomers", "families"], ["suiker", "stadsgeschiedenis"],
    [x("coproduction_budget", amount_eur=12000, in_kind=["technical_crew", "venue"]), x("technical_support"), x("promotion")],
    [x("artistic_collaboration", ("05-01", "09-30"), note="buitenvoorstelling"), x("audience_reach", audiences=["newcomers"])], maxd=30)
add("leu-koor", O, "amateur_association", "Leuvens Vrouwenkoor Cantabile", "Leuven", None, NL, ["music"], ["general_public"])
add("leu-kortenberg-bib", O, "library", "Bibliotheek Kortenberg", "Kortenberg",
    "Kleine gemeentelijke bibliotheek, actief met voorlezen voor peuters en een leesclub. Zoekt een verteller voor de Jeugdboekenmaand.",
    NL, ["literature"], ["children", "families"], None,
    [x("audience_reach", audiences=["children", "families"])],
    [x("workshops", ("03-01", "03-31"), audiences=["children"], budget_eur=600)])
add("leu-circus", O, "arts_organisation", "Circusatelier Kwatrokwa", "Heverlee",
    "Circusschool voor kinderen en jongeren, met een hoge zaal met ophangpunten en valmatten. In de schoolvakanties is de zaal vrij voor professionele circusmakers.",
    NL, ["circus"], ["children", "youth"], None,
    [x("rehearsal_space", ("07-01", "08-31"), space={"area_m2": 400, "features": ["rigging_points"]}, price="rent", price_eur=600),
     x("workshops", audiences=["children", "youth"])],
    [x("performance_venue", ("06-01", "06-30")), x("promotion")])
add("leu-ned", O, "social_organisation", "Huis van het Nederlands Leuven", "Leuven",
    "Helpt anderstaligen Nederlands te leren en te oefenen. Onze oefenkansen moeten leuker: we zoeken cultuurhuizen en kunstenaars die taaloefenen koppelen aan cultuurbeleving.",
    NL, None, ["newcomers", "culturally_diverse"], ["taal", "NT2", "oefenkansen"],
    [x("audience_reach", audiences=["newcomers"]), x("promotion")],
    [x("audience_mediation"), x("workshops", audiences=["newcomers"])], serves=["Leuven", "Tienen", "Aarschot"])
add("leu-design", A, "collective", "Atelier Zaagsel", "Lubbeek",
    "Designcollectief dat meubels maakt uit afvalhout, samen met bewoners. Zoekt werkplaats en een buurt om mee te bouwen.",
    NL, ["design"], ["local_residents", "young_adults"], ["circulariteit", "hout", "maken"],
    [x("workshops", audiences=["local_residents", "youth"]), x("artistic_collaboration")],
    [x("rehearsal_space", ("04-01", "09-30"), space={"area_m2": 100}, note="werkplaats"), x("coproduction_budget", amount_eur=3000)])
add("leu-rotselaar-gc", O, "community_centre", "Ontmoetingscentrum De Kiosk", "Rotselaar", None, NL, aud=["local_residents", "elderly"])
add("leu-fr-theatre", A, "company", "Compagnie du Petit Pont", "Leuven",
    "Compagnie de théâtre d'objets pour la petite enfance, installée à Louvain. Nous cherchons une crèche ou une bibliothèque pour une création avec les tout-petits, et une résidence en hiver.",
    ["fr", "nl"], ["puppetry", "theatre"], ["children", "families"], ["petite enfance", "objets"],
    [x("workshops", audiences=["children", "families"]), x("artistic_collaboration")],
    [x("residency", ("01-04", "02-28"), support=["room", "technical"]), x("audience_reach", audiences=["children", "families"])])
add("leu-kunstencentrum-haacht", O, "arts_organisation", "Kunstencentrum De Werf Wijgmaal", "Leuven",
    "Kleine werkplaats in een oude fabriek in Wijgmaal. Beeldende kunstenaars huren er ateliers; we willen ook podiumkunstenaars ontvangen.",
    NL, ["visual_arts", "performance_art"], ["professionals"], ["atelier", "werkplaats"],
    [x("rehearsal_space", space={"area_m2": 250}, price="rent", price_eur=250), x("residency", ("09-01", "12-31"), space={"area_m2": 60}, support=["room"], price="free")],
    [x("promotion"), x("audience_reach", audiences=["local_residents"])])
add("leu-huldenberg-school", O, "school", "GBS De Kleine Wereld", "Huldenberg",
    "Gemeentelijke basisschool, 220 leerlingen. We zoeken een kunstenaar voor ons schoolfeest en een jaarproject rond natuur.",
    NL, None, ["children", "schools"], ["natuur"],
    [x("audience_reach", audiences=["children", "schools"]), x("school_network")],
    [x("artistic_collaboration", ("01-15", "06-15")), x("workshops", audiences=["children"], budget_eur=1200)], maxd=20)
add("leu-muziek-label", O, "company", "Klankveld vzw", "Bierbeek",
    "Organisatie voor geluidskunst met een mobiele opnamestudio en technici. Wij helpen graag jonge muzikanten met opnames en zoeken een podium voor een luisterfestival.",
    NL, ["music", "digital_arts"], ["young_adults", "professionals"], ["geluidskunst", "veldopnames"],
    [x("technical_support", note="mobiele opnamestudio"), x("production_support")],
    [x("performance_venue", ("08-15", "09-30"), space={"seated": 100}), x("promotion")])

# ---------------- LIMBURG ----------------
add("lim-cc-hasselt", O, "cultural_centre", "Cultuurcentrum Hasselt", "Hasselt",
    "Groot cultuurcentrum met schouwburg en kleinere zalen. We zoeken partners om podiumkunsten ook buiten het centrum te brengen, in wijken en deelgemeenten.",
    NL, ["theatre", "dance", "music", "circus"], ["general_public", "schools", "families"], ["spreiding", "wijken"],
    [x("performance_venue", ("09-01", "12-20"), space={"seated": 600, "features": ["light", "sound", "rigging_points", "wheelchair_access"]}),
     x("coproduction_budget", amount_eur=8000), x("technical_support"), x("promotion")],
    [x("audience_reach", audiences=["culturally_diverse", "local_residents"]), x("artistic_collaboration", note="wijkvoorstelling")], partners=["lim-z33"])
add("lim-z33", O, "arts_organisation", "Z33 Huis voor hedendaagse kunst, design en architectuur", "Hasselt",
    "Kunsthuis voor hedendaagse kunst, design en architectuur. Werkt met kunstenaars aan projecten in de provincie en heeft ruime expositiezalen.",
    ["nl", "en"], ["visual_arts", "design"], ["general_public", "professionals"], ["ruimte", "architectuur", "sociale ontwerp"],
    [x("exhibition_space", space={"area_m2": 800, "features": ["white_walls", "light", "projection"]}), x("production_support"), x("coproduction_budget", amount_eur=15000)],
    [x("audience_reach", audiences=["local_residents", "youth"]), x("school_network")], partners=["lim-cc-hasselt"])
add("lim-genk-c-mine", O, "cultural_centre", "C-mine cultuurcentrum", "Genk",
    "Cultuurcentrum op de oude mijnsite van Winterslag. Meer dan 100 nationaliteiten in de stad; we zoeken makers die het mijnverleden en de huidige superdiversiteit verbinden.",
    NL, ["theatre", "music", "film", "digital_arts"], ["culturally_diverse", "general_public", "youth"], ["mijnverleden", "superdiversiteit", "migratie"],
    [x("performance_venue", ("01-15", "12-15"), space={"seated": 450, "features": ["light", "sound", "projection"]}),
     x("residency", ("03-01", "05-31"), space={"area_m2": 180, "beds": 4, "features": ["black_box", "light", "sound"]}, support=["room", "lodging", "technical", "showing"], price="free"),
     x("technical_support")],
    [x("artistic_collaboration", note="rond mijnverleden en migratie"), x("audience_mediation")])
add("lim-genk-buurt", O, "community_centre", "Buurthuis Kolderbos", "Genk",
    "Buurthuis in een cité met veel Turkse, Marokkaanse en Italiaanse families. Vrouwengroep, kookclub, huiswerkklas. We willen een verhalenproject met de oudste generatie mijnwerkersvrouwen.",
    ["nl", "tr"], None, ["culturally_diverse", "elderly", "families"], ["mijnwerkers", "cité", "verhalen"],
    [x("audience_reach", audiences=["culturally_diverse", "elderly"]), x("rehearsal_space", space={"area_m2": 60, "features": ["kitchen"]}, price="free")],
    [x("artistic_collaboration", note="verhalen of theater met ouderen"), x("coproduction_budget", amount_eur=2000)])
add("lim-st-bib", O, "library", "Bibliotheek Sint-Truiden", "Sint-Truiden",
    "Stadsbibliotheek in een regio met veel seizoenarbeiders. Wij willen een meertalig voorleesproject met Poolse en Roemeense gezinnen.",
    NL, ["literature"], ["families", "newcomers", "children"], ["fruitstreek", "meertaligheid"],
    [x("audience_reach", audiences=["families", "children"]), x("promotion"), x("exhibition_space", space={"area_m2": 40})],
    [x("workshops", ("04-01", "09-30"), audiences=["newcomers", "families"], budget_eur=1500), x("artistic_collaboration", note="verteller of illustrator")])
add("lim-st-cc", O, "cultural_centre", "CC De Bogaard", "Sint-Truiden",
    "Cultuurcentrum in Sint-Truiden met een grote zaal en een kleine studio. Sterk in schoolvoorstellingen; onze studio is vaak leeg in het voorjaar.",
    NL, ["theatre", "music", "dance"], ["schools", "general_public"], None,
    [x("rehearsal_space", ("02-01", "05-31"), space={"area_m2": 120, "features": ["dance_floor", "light"]}, support=["room", "technical"], price="in_kind", in_return=["workshops"]),
     x("school_network"), x("audience_reach", audiences=["schools"])],
    [x("artistic_collaboration"), x("audience_reach", audiences=["newcomers"])], partners=["lim-st-bib"])
add("lim-tongeren-erfgoed", O, "heritage_organisation", "Gallo-Romeins Museum Tongeren", "Tongeren-Borgloon",
    "Archeologisch museum. We zoeken hedendaagse kunstenaars of theatermakers die met de collectie willen werken, en willen meer gezinnen bereiken.",
    ["nl", "fr"], ["heritage"], ["families", "schools", "general_public"], ["archeologie", "Romeinen"],
    [x("exhibition_space", ("05-01", "09-30"), space={"area_m2": 200, "features": ["light", "wheelchair_access"]}), x("school_network"), x("coproduction_budget", amount_eur=5000)],
    [x("artistic_collaboration"), x("audience_reach", audiences=["families"])])
add("lim-borgloon", O, "local_government", "Cultuurdienst Tongeren-Borgloon (werking Borgloon)", "Borgloon",
    "Landelijke werking in de fusiegemeente. Een oude kapel en een zaal in het kasteel van Hex-dorp staan leeg in de zomer.",
    NL, None, ["local_residents", "elderly"], ["landschap", "Haspengouw"],
    [x("residency", ("06-01", "08-31"), space={"area_m2": 90, "beds": 2}, support=["room", "lodging", "showing"], price="free")],
    [x("artistic_collaboration", note="iets met het landschap"), x("promotion")])
add("lim-school-genk", O, "school", "Sint-Jan Berchmanscollege Genk", "Genk",
    "Secundaire school met 30 nationaliteiten in het eerste jaar. We zoeken een theater- of muziekproject voor de eerste graad en hebben geen eigen zaal.",
    NL, None, ["youth", "schools", "culturally_diverse"], ["diversiteit", "taal"],
    [x("school_network"), x("audience_reach", audiences=["youth", "culturally_diverse"])],
    [x("artistic_collaboration", ("10-01", "12-20")), x("performance_venue", ("12-01", "12-20"), space={"seated": 200})])
add("lim-hiphop", A, "collective", "Collectief Mijnbeat", "Genk",
    "Hiphop- en danscollectief van jonge Genkenaren. Wij maken een voorstelling over onze grootouders die in de mijn werkten. We hebben een coproducent en begeleiding nodig.",
    NL, ["dance", "music", "spoken_word"], ["youth", "culturally_diverse"], ["mijnverleden", "hiphop", "generaties"],
    [x("workshops", audiences=["youth"]), x("artistic_collaboration")],
    [x("coproduction_budget", amount_eur=5000), x("production_support"), x("residency", ("03-01", "05-31"), support=["room", "coaching", "showing"])])
add("lim-zonhoven-jh", O, "youth_organisation", "Jeugdhuis Rock-It", "Zonhoven", None, NL, ["music"], ["youth"])
add("lim-dans-fr", A, "solo_artist", "Camille Renard", "Hasselt",
    "Chorégraphe franco-belge, je crée des pièces in situ dans des espaces patrimoniaux. Je cherche un musée ou un site patrimonial du Limbourg pour une création en été.",
    ["fr", "en"], ["dance", "performance_art"], ["general_public"], ["patrimoine", "in situ"],
    [x("artistic_collaboration"), x("workshops", audiences=["young_adults"])],
    [x("exhibition_space", ("06-01", "08-31")), x("coproduction_budget", amount_eur=4000), x("residency", ("05-01", "07-31"), support=["room", "lodging"])])
add("lim-zorg-bilzen", O, "social_organisation", "Zorgcentrum Hoogveld", "Bilzen-Hoeselt",
    "Voorziening voor jongeren en volwassenen met een beperking. Onze bewoners maken graag muziek en willen optreden voor een echt publiek.",
    NL, ["music"], ["people_with_disabilities"], ["inclusie"],
    [x("audience_reach", audiences=["people_with_disabilities"])],
    [x("performance_venue", space={"features": ["wheelchair_access"]}), x("workshops", audiences=["people_with_disabilities"]), x("artistic_collaboration")], maxd=20)
add("lim-beringen", O, "heritage_organisation", "be-MINE mijnsite", "Beringen",
    "Erfgoedsite op de voormalige mijn van Beringen, met het mijnmuseum en een grote industriële hal voor evenementen.",
    NL, ["heritage"], ["general_public", "families", "schools"], ["mijnverleden", "industrieel erfgoed"],
    [x("performance_venue", ("04-01", "10-31"), space={"standing": 1200, "area_m2": 2000, "features": ["rigging_points"]}, price="rent", price_eur=2500),
     x("audience_reach", audiences=["families"]), x("school_network")],
    [x("artistic_collaboration", note="site-specific werk"), x("technical_support")])
add("lim-circus-hz", A, "company", "Familiecircus De Koffer", "Heusden-Zolder",
    "Familiecircus met een eigen tent voor 200 toeschouwers. Wij trekken in de zomer door Limburg en zoeken gemeenten en buurten waar we een week mogen staan.",
    NL, ["circus", "street_arts"], ["families", "children", "local_residents"], ["tent", "rondreizen"],
    [x("performance_venue", ("06-01", "08-31"), space={"seated": 200}, note="eigen tent"), x("workshops", audiences=["children"]), x("technical_support")],
    [x("audience_reach", audiences=["local_residents", "families"]), x("promotion")])
add("lim-lommel-bib", O, "library", "Bibliotheek Lommel", "Lommel", None, NL)
add("lim-houthalen", O, "community_centre", "Ontmoetingscentrum Meulenberg", "Houthalen-Helchteren",
    "Ontmoetingscentrum in de tuinwijk Meulenberg. Veel ouderen, ook veel jonge gezinnen uit Syrië en Afghanistan. We willen iets doen dat beide groepen samenbrengt.",
    NL, None, ["elderly", "newcomers", "families"], ["tuinwijk", "samenleven"],
    [x("rehearsal_space", space={"area_m2": 150, "features": ["kitchen", "wheelchair_access"]}, price="free"), x("audience_reach", audiences=["elderly", "newcomers"])],
    [x("artistic_collaboration"), x("workshops", audiences=["families"])])
add("lim-diepenbeek-school", O, "school", "UCLL Lerarenopleiding Diepenbeek", "Diepenbeek",
    "Lerarenopleiding. Studenten moeten een kunstproject in een lagere school opzetten; wij zoeken kunstenaars als mentor en scholen als stageplaats.",
    NL, None, ["young_adults", "professionals"], ["kunsteducatie", "onderwijs"],
    [x("school_network"), x("production_support", note="studenten als assistent")],
    [x("artistic_collaboration", ("02-01", "05-31"), note="kunstenaar-mentor", budget_eur=0, in_return=["production_support"])])
add("lim-foto-genk", A, "solo_artist", "Murat Yildiz", "Genk",
    "Fotograaf en filmmaker, opgegroeid in Zwartberg. Ik werk aan portretten van drie generaties mijnwerkersgezinnen en zoek een expositieplek en een coproducent.",
    ["nl", "tr", "en"], ["photography", "film"], ["culturally_diverse", "general_public"], ["mijnverleden", "portret", "generaties"],
    [x("artistic_collaboration"), x("workshops", audiences=["youth"])],
    [x("exhibition_space", ("09-01", "12-31"), space={"area_m2": 120, "features": ["white_walls"]}), x("coproduction_budget", amount_eur=3000)])
add("lim-maasmechelen", O, "cultural_centre", "Cultuurcentrum Maasmechelen", "Maasmechelen",
    "Cultuurcentrum in een grensgemeente, publiek uit Maasmechelen en Nederlands Limburg. We zoeken voorstellingen voor families en projecten met de cités van Eisden.",
    NL, ["theatre", "music"], ["families", "local_residents", "culturally_diverse"], ["grens", "cités"],
    [x("performance_venue", ("09-01", "12-20"), space={"seated": 400}), x("coproduction_budget", amount_eur=4000), x("promotion")],
    [x("artistic_collaboration", note="cité Eisden"), x("workshops", audiences=["families"])])
add("lim-fanfare", O, "amateur_association", "Fanfare De Eendracht", "Sint-Truiden",
    "Fanfare met 40 muzikanten en een tamboerkorps. We willen meedoen aan een grote buitenvoorstelling en zoeken een regisseur.",
    NL, ["music"], ["local_residents"], ["volksmuziek"],
    [x("artistic_collaboration", note="live muziek voor een buitenvoorstelling"), x("audience_reach", audiences=["local_residents"])],
    [x("production_support", note="regie")])
add("lim-theatre-en", A, "company", "Wandering Stage", "Hasselt",
    "International theatre company making audio walks and site-specific performances in English and Dutch. We seek a partner town for a walk through a former industrial area and local residents who want to share their stories.",
    ["en", "nl"], ["theatre", "performance_art"], ["general_public", "local_residents"], ["audio walk", "industrial heritage"],
    [x("artistic_collaboration"), x("audience_mediation")],
    [x("coproduction_budget", amount_eur=7000), x("audience_reach", audiences=["local_residents"]), x("technical_support")])
add("lim-jeugdwerk", O, "youth_organisation", "Vzw Jongerenwerk Genk", "Genk",
    "Straathoekwerk en jongerenwerk in Genk-Noord. Wij hebben jongeren die willen dansen, rappen en filmen, maar weinig plek en weinig begeleiding.",
    NL, ["dance", "music"], ["youth", "culturally_diverse"], ["jongerenwerk", "talent"],
    [x("audience_reach", audiences=["youth", "culturally_diverse"])],
    [x("rehearsal_space", space={"features": ["dance_floor", "sound"]}, budget_eur=0), x("workshops", audiences=["youth"]), x("production_support")])
add("lim-tongeren-acad", O, "school", "Academie Tongeren", "Tongeren-Borgloon", None, NL, ["music", "visual_arts"], ["children", "youth"])
add("lim-beeld", A, "solo_artist", "Hanne Vos", "Hasselt",
    "Beeldend kunstenaar: textiel en installatie. Ik werk graag met groepen vrouwen en ouderen rond handwerk. Zoek een atelier en een partner voor een participatief project.",
    NL, ["visual_arts"], ["elderly", "culturally_diverse", "local_residents"], ["textiel", "handwerk", "samenwerken"],
    [x("artistic_collaboration"), x("workshops", audiences=["elderly", "local_residents"])],
    [x("rehearsal_space", ("01-15", "06-30"), space={"area_m2": 50}, note="atelier", budget_eur=200), x("exhibition_space", ("10-01", "11-30"))])
add("lim-as", O, "local_government", "Gemeente As - dienst vrije tijd", "As",
    "Kleine gemeente met een vernieuwd ontmoetingscentrum. Wij zoeken een partner voor een zomeractiviteit voor gezinnen.",
    NL, None, ["families"], None,
    [x("performance_venue", ("07-01", "08-31"), space={"seated": 150}, price="free")],
    [x("workshops", ("07-01", "08-31"), audiences=["families", "children"], budget_eur=1000)])

# ---------------- extra ----------------
add("mec-ned-en", O, "arts_organisation", "Brass Factory Mechelen", "Mechelen",
    "Former brass foundry turned into a small venue and makerspace near the Dijle. We host concerts, open studios and DIY workshops, and want to start a residency programme for international sound artists.",
    ["en", "nl"], ["music", "digital_arts"], ["young_adults", "general_public"], ["makerspace", "sound"],
    [x("performance_venue", space={"standing": 220, "features": ["sound", "light"]}, price="rent", price_eur=700), x("technical_support")],
    [x("coproduction_budget", amount_eur=5000), x("promotion"), x("audience_reach", audiences=["local_residents"])])
add("mec-sint-kat-school", O, "school", "Tuinbouwschool Sint-Katelijne-Waver", "Sint-Katelijne-Waver",
    "Technische school voor tuinbouw. Leerlingen bouwen serres en tuinen; we willen samen met een kunstenaar of ontwerper een installatie voor de publieke ruimte maken.",
    NL, None, ["youth", "schools"], ["tuinbouw", "groen", "publieke ruimte"],
    [x("school_network"), x("rehearsal_space", note="werkplaats en serres", space={"area_m2": 500})],
    [x("artistic_collaboration", ("09-15", "12-15"), note="ontwerper of beeldend kunstenaar")], pk=["artist"])
add("leu-woord", A, "solo_artist", "Ward Lemmens", "Boutersem", None, NL, ["literature", "spoken_word"], ["children", "families"])
add("leu-heverlee-acad", O, "social_organisation", "Vormingplus Oost-Brabant", "Leuven",
    "Sociaal-cultureel volwassenenwerk in de regio Leuven. Wij organiseren vorming, burgerinitiatieven en kunstenprojecten met kwetsbare groepen, en kunnen projectbegeleiding geven.",
    NL, None, ["local_residents", "culturally_diverse", "elderly"], ["burgerschap", "kwetsbare groepen"],
    [x("production_support"), x("audience_reach", audiences=["local_residents", "culturally_diverse"]), x("promotion")],
    [x("artistic_collaboration"), x("rehearsal_space", space={"area_m2": 60})], serves=["Leuven", "Tienen", "Aarschot", "Tervuren"])
add("lim-st-art", A, "solo_artist", "Ilse Gielen", "Sint-Truiden",
    "Theatermaker en regisseur. Ik maak grote buitenproducties met fanfares, koren en amateurspelers in Haspengouw. Voor 2027 zoek ik een cultuurcentrum dat mee coproduceert.",
    NL, ["theatre", "music_theatre"], ["local_residents", "general_public"], ["Haspengouw", "gemeenschapstheater"],
    [x("production_support", note="regie"), x("artistic_collaboration")],
    [x("coproduction_budget", amount_eur=10000), x("technical_support"), x("rehearsal_space", ("04-01", "08-15"), space={"area_m2": 200})])
add("lim-hasselt-gc", O, "community_centre", "Wijkcentrum Runkst", "Hasselt", None, NL, aud=["local_residents", "families"])

pathlib.Path(__file__).with_name("profiles.jsonl").write_text(
    "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in R), encoding="utf-8")
print(len(R))
