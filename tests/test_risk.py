"""Risk in two tiers: "crisis" (act now), "possible" (ask directly), and calm for idioms and statements of safety."""
import pytest

from bot.triage import triage


@pytest.mark.parametrize("text, concern", [
    # Danger to oneself, said indirectly.
    ("theres no reason for me to keep going", "self"),
    ("whats the point applying for housing, i wont be around much longer", "self"),
    ("j'vois pu aucune raison de rester en vie", "self"),
    ("i just want to go to sleep and not wake up", "self"),
    ("si je me réveille pas demain tant pis", "self"),
    # Self-harm.
    ("been burning my arms w a lighter when it gets bad", "self"),
    ("je me suis encore coupée à soir pis ça saigne", "self"),
    ("keep hitting my head on the wall til it stops", "self"),
    # Strangulation, even told as past: a marker of lethal risk.
    ("he choked me last night till i almost passed out", "violence"),
    ("la semaine passée mon mari m'a pris à la gorge", "violence"),
    ("y m'a étranglée hier soir", "violence"),
    # Violence now, and danger to others.
    ("locked in the bathroom, hes screaming and smashing stuff", "violence"),
    ("my friend says the voices want him to hurt his neighbour", "others"),
    ("my roommate says hes going to kill his boss and he just bought a gun", "others"),
    ("ma soeur dit qu'elle va noyer le bébé", "violence"),
    # Children in danger, medical emergencies, the cold.
    ("the kids next door, like 3 and 5, been alone since yesterday", "others"),
    ("mon petit de 2 ans a bu du produit nettoyant", "others"),
    ("guy lying by the bus shelter not moving, its -32", "others"),
    ("ya un monsieur couché dehors, y bouge pas, il fait -30", "others"),
    ("slept outside, cant feel my toes, theyre white and hard", "others"),
    ("my mom is having a seizure", "others"),
])
def test_a_crisis_in_new_words_is_read_as_act_now(text, concern):
    result = triage(text)
    assert result.risk == "crisis" and result.crisis is True, (text, result)
    assert result.concern == concern, (text, result.concern)


@pytest.mark.parametrize("text, concern", [
    ("i gave away my dog and my tv this week", "self"),
    ("cant do this anymore", "self"),
    ("jpeux pu continuer de même", "self"),
    ("been standing on the high level bridge for an hour", "self"),
    ("ya une corde dans le garage pis j'arrête pas d'y penser", "self"),
    ("j'ai ramassé toutes mes pilules dans un pot", "self"),
    ("my ex keeps driving past my place slow at night", "violence"),
    ("mon ex m'envoie des photos de ma maison prises de dehors", "violence"),
])
def test_a_single_warning_sign_is_a_possible_risk_to_ask_about(text, concern):
    result = triage(text)
    assert result.risk == "possible" and result.crisis is False, (text, result)
    assert result.concern == concern


@pytest.mark.parametrize("text", [
    "not suicidal or anything, just need a food bank thats open saturday",
    "im not in danger or anything just broke til the 25th and need groceries",
    "pas suicidaire pantoute, juste tannée d'attendre mon chèque",
    "chu pas en danger, j'ai juste besoin de bottes d'hiver",
    "gun to my head i couldnt tell u which AISH form to fill out lol",
    "my kid got a skipping rope from the christmas bureau",
    "j'ai une corde de bois à rentrer pis mon dos est fini",
    "my ex had a gun but the cops took it and hes in jail now, i need legal aid",
    "j'ai pu rien dans le frigo",
    "je suis au bout du rouleau avec les factures, aide financière svp",
    "I'm done with this slumlord for good, help me find a new place",
    "my husband needs his heart meds and we are out",
    "j'ai pas de toit depuis que je suis sorti de l'hôpital",
])
def test_idioms_and_statements_of_safety_stay_calm(text):
    result = triage(text)
    assert result.risk is None, (text, result)


def test_a_statement_of_safety_does_not_cancel_violence_at_the_door():
    assert triage("he said he would kill me and he is at my door right now, we are safe inside for now").risk == "crisis"
