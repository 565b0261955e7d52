TOY = {
  "disciplines": {"dance": {"label": {"en": "dance", "nl": "dans", "fr": "danse"},
                            "terms": {"en": ["dance"], "nl": ["dans", "dansvoorstelling*"], "fr": ["danse*"]}},
                  "theatre": {"label": {"en": "theatre"}, "terms": {"en": ["theatre"], "nl": ["toneel", "theater"], "fr": ["théâtre"]}}},
  "audiences": {"youth": {"label": {"en": "youth", "nl": "jongeren", "fr": "jeunes"},
                          "terms": {"en": ["teenagers", "youth"], "nl": ["jongere*", "tieners"], "fr": ["jeunes", "ados"]}},
                "newcomers": {"label": {"en": "newcomers"}, "terms": {"en": ["newcomers"], "nl": ["nieuwkomers"], "fr": ["primo-arrivants"]}}},
  "exchange_types": {
     "rehearsal_space": {"label": {"en": "rehearsal space", "nl": "repetitieruimte", "fr": "salle de répétition"},
                         "terms": {"en": ["rehearsal space", "rehearsal room"], "nl": ["repetitieruimte"], "fr": ["salle de répétition"]}},
     "residency": {"label": {"en": "residency"}, "terms": {"en": ["residency"], "nl": ["residentie"], "fr": ["résidence"]}},
     "coproduction_budget": {"label": {"en": "co-production budget"}, "terms": {"en": ["co-production"], "nl": ["coproductie*"], "fr": ["coproduction"]}},
     "audience_reach": {"label": {"en": "audience reach"}, "terms": {"en": ["reach audiences"], "nl": ["publiek bereiken"], "fr": ["atteindre le public"]}}},
  "themes": {"migration": {"label": {"en": "migration"}, "terms": {"en": ["migration"], "nl": ["migratie"], "fr": ["migration"]}}},
  "cues": {"need": {"en": ["we are looking for", "looking for", "we need"], "nl": ["we zoeken", "zoeken", "op zoek naar", "nodig"], "fr": ["on cherche", "nous cherchons"]},
           "offer": {"en": ["we offer"], "nl": ["wij bieden", "we bieden"], "fr": ["nous proposons"]},
           "negation": {"en": ["no", "not"], "nl": ["geen", "niet"], "fr": ["pas de", "sans"]}},
  "months": {"en": {"january": 1, "march": 3, "may": 5, "july": 7, "august": 8}, "nl": {"januari": 1, "maart": 3, "mei": 5, "juli": 7, "augustus": 8},
             "fr": {"janvier": 1, "mars": 3, "mai": 5, "juillet": 7, "août": 8}},
  "seasons": {"summer": {"months": [7, 8], "en": ["summer"], "nl": ["zomer"], "fr": ["été"]}},
  "language_markers": {"en": ["the", "we", "for", "and", "with", "are"], "nl": ["het", "een", "voor", "wij", "we", "met", "zoeken"], "fr": ["le", "la", "les", "nous", "pour", "une", "on"]}
}
