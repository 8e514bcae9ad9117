"""How each need category is named to a person: labels and the wording of clarifying choices."""


def N_(msgid: str) -> str:
    """Mark `msgid` for extraction; it is translated where it is shown."""
    return msgid


#: Short names of the needs, shown above a list of services.
NEED_LABELS = {
    "housing": N_("Help to keep or find a home"),
    "shelter": N_("A place to sleep"),
    "food": N_("Food"),
    "transport": N_("Getting around"),
    "employment": N_("Work"),
    "income": N_("Money and benefits"),
    "utilities": N_("Heat, power and phone bills"),
    "health": N_("Health care"),
    "mental_health": N_("Someone to talk to"),
    "substance_use": N_("Alcohol, drugs or gambling"),
    "legal": N_("Legal help and ID"),
    "family_violence": N_("Safety from violence"),
    "childcare": N_("Children and childcare"),
    "clothing": N_("Clothes and winter gear"),
}

#: How a clarifying question offers each need ("Is it mainly: 1 getting to work ...").
NEED_CHOICES = {
    "housing": N_("keeping or finding a home"),
    "shelter": N_("a place to sleep tonight"),
    "food": N_("food"),
    "transport": N_("getting to work or appointments"),
    "employment": N_("finding or keeping work"),
    "income": N_("money, benefits or debt"),
    "utilities": N_("a heat, power or phone bill"),
    "health": N_("a doctor, dentist or medication"),
    "mental_health": N_("someone to talk to"),
    "substance_use": N_("alcohol, drugs or gambling"),
    "legal": N_("legal help or ID papers"),
    "family_violence": N_("being safe at home"),
    "childcare": N_("childcare or help with kids"),
    "clothing": N_("clothes or winter gear"),
}
