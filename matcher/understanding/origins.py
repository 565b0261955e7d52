"""A public named by where its people come from: "Syrische en Iraakse jongeren", "des seniors
venus du Maroc et de Turquie", "kleuters die thuis een andere taal spreken". The labelled sets
call such a public culturally diverse; the writer's own roots ("een fotografe met Marokkaanse
roots") are not a public, so the origin must stand beside people."""
from __future__ import annotations

ORIGINS = ("syri", "irak", "iraq", "marok", "maroc", "moroc", "turk", "turc", "turqu", "congo", "afghan", "eritre",
           "somal", "palestin", "ukrain", "roemeen", "roumain", "romania", "alban", "kosov", "guine", "senegal",
           "camerou", "cameroo", "kameroen", "soudan", "sudan", "koerd", "kurd", "arab", "latijns", "latino",
           "africa", "afrika", "afrique", "balkan", "maghreb", "diaspora")
PEOPLE = {"jongeren", "senioren", "ouderen", "vrouwen", "mannen", "kinderen", "kleuters", "gezinnen", "families",
          "mensen", "bewoners", "nieuwkomers", "jeunes", "seniors", "aines", "femmes", "hommes", "enfants",
          "familles", "habitants", "personnes", "young", "people", "women", "men", "children", "elders", "elderly",
          "residents", "newcomers", "leerlingen", "eleves", "pupils", "meisjes", "filles", "girls", "teens",
          "tieners", "ados", "mamas", "mamans", "mothers", "moeders", "deelnemers", "participants", "community",
          "gemeenschap", "communaute"}
OTHER_TONGUES = {"anderstalige", "anderstaligen", "meertalig", "meertalige", "multilingual", "allophones", "allophone"}
REACH = 3  # words between the origin and the people it is said of ("jongeren uit Syrië en Irak")


def diverse_origins(words: list[str]) -> bool:
    """Whether the words name people by their origins or their other home tongues."""
    for position, word in enumerate(words):
        if word in OTHER_TONGUES and any(w in PEOPLE | {"publiek", "public"} for w in words[position + 1:position + 3]):
            return True
        if word.startswith(ORIGINS) and any(w in PEOPLE for w in words[max(0, position - REACH):position + REACH + 1]):
            return True
    return False
