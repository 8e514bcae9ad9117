"""Words that mean the same thing to a person looking for help, across French and English.

Each group is a set of interchangeable words; a query word matches any other word of its groups (a little
less than itself). This is what lets "facture d'électricité" find an English-only "electric bill" service and
"rehab" find "substance use treatment". Words are written plainly; they are folded and stemmed when loaded.
Keep groups tight: a loose group sends people to the wrong place.
"""
from __future__ import annotations

import functools

from bot.catalog.text import fold, stem

SYNONYM_GROUPS = (
    # shelter and housing
    "shelter refuge abri hebergement dormir sleep bed lit",
    "homeless itinerant itinerance",
    "housing logement apartment appartement",
    "rent loyer rental",
    "eviction expulsion evicted expulse evince",
    "landlord proprietaire",
    "deposit depot caution",
    # food
    "food nourriture bouffe manger faim hungry hunger meal repas",
    "pantry pantries hamper panier",
    "bank banque",
    "groceries grocery epicerie",
    "soup soupe",
    # transport
    "transportation transport",
    "bus autobus",
    "pass passe",
    "ride lift rides",
    "taxi cab",
    "car voiture auto automobile",
    "tire tires pneu pneus",
    "repair reparation",
    "gas essence fuel",
    # work and money
    "job jobs emploi employment travail",
    "resume cv",
    "income revenu",
        "benefits prestation prestations allocation",
    "pension retraite retirement",
    "tax taxes impot impots",
    "debt dette credit",
    "money argent cash",
    # utilities
    "bill bills facture factures",
    "electric electricity electricite hydro power",
    "heat heating chauffage furnace",
    "water eau",
    "phone telephone cellphone cellulaire cell",
    "utility utilities",
    # health
    "doctor docteur medecin physician",
    "clinic clinique",
    "dentist dental dentaire dents teeth",
    "medication medicament medicaments prescription ordonnance pharmacy pharmacie",
    "glasses lunettes eyeglasses vision",
    "pregnancy pregnant grossesse enceinte prenatal",
    "test tests testing depistage",
    "health sante",
    "hospital hopital",
    "free gratuit gratuite",
    "emergency urgence",
    # mental health
    "mental mentale psychological psychologique",
    "depression depressed deprime deprimee",
    "anxiety anxiete anxious anxieux",
    "counseling counselling counselor therapy therapie therapist therapeute",
    "suicide suicidal suicidaire",
    "crisis crise",
    # substance use
    "drug drugs drogue drogues substance",
    "alcohol alcool drinking",
    "detox desintox detoxification desintoxication",
    "addiction addictions dependance toxicomanie",
    "rehab rehabilitation treatment traitement",
    "gambling jeu",
    "outpatient externe",
    "overdose surdose",
    # legal
    "lawyer avocat attorney",
    "legal juridique law loi",
    "court tribunal cour",
    "immigration immigrant immigrants refugee refugie",
    "identification identity identite id papers papiers documents",
    "probation probation",
    # family violence
    "abuse abus abused violence violent battu",
    "domestic conjugale conjugal",
    # children
    "daycare garderie childcare",
    "child children kid kids enfant enfants",
    "baby bebe infant",
    "diapers diaper couches",
    "formula lait",
    "parenting parent parents parental",
    "afterschool parascolaire",
    # clothing
    "clothing clothes vetements vetement",
    "coat manteau jacket",
    "boots bottes shoes souliers chaussures",
    "winter hiver",
)


@functools.lru_cache(maxsize=1)
def synonym_table() -> dict[str, frozenset[str]]:
    """Return each stemmed word's synonyms (stemmed, itself excluded)."""
    table: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        stems = {stem(word) for word in fold(group).split()}
        for word in stems:
            table.setdefault(word, set()).update(stems - {word})
    return {word: frozenset(others) for word, others in table.items()}


def synonyms(term: str) -> frozenset[str]:
    """Return the stemmed synonyms of a stemmed search term."""
    return synonym_table().get(term, frozenset())
