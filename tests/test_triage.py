"""Triage: the real need first, every crisis caught, the right language, never a crash."""
import dataclasses
import json
import random
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.triage import CATEGORIES, Need, Triage, detect_language, triage
from bot.triage.commands import triage_command
from bot.triage.evaluation import evaluate, read_labelled
from bot.triage.lexicon import check_alternatives, concern_and_weight, lexicon

LABELLED = Path(__file__).parent / "triage"
HOLDOUT = LABELLED / "holdout.jsonl"


def ranked(text: str) -> list[str]:
    return [need.category for need in triage(text).needs]


# --- the API ---------------------------------------------------------------------------------


def test_categories_are_the_fourteen_codes_in_order():
    assert CATEGORIES == (
        "housing", "shelter", "food", "transport", "employment", "income", "utilities",
        "health", "mental_health", "substance_use", "legal", "family_violence", "childcare",
        "clothing",
    )


def test_result_is_frozen_and_scores_are_ranked_within_bounds():
    result = triage("my power got shut off and i have no food for the kids")
    assert isinstance(result, Triage)
    assert all(isinstance(n, Need) for n in result.needs)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.crisis = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.needs[0].score = 0.0  # type: ignore[misc]
    scores = [n.score for n in result.needs]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(n.category in CATEGORIES for n in result.needs)
    assert all(isinstance(n.evidence, tuple) and n.evidence for n in result.needs)


def test_same_message_gives_the_same_reading():
    text = "chu dans rue pis jai faim, y a tu un refuge?"
    assert triage(text) == triage(text)


def test_a_vague_message_is_not_confident_and_a_clear_one_is():
    assert triage("I need help").confident is False
    assert triage("where is the closest food bank").confident is True
    # Two needs named equally: the flow should ask which comes first.
    assert triage("need rent help and a lawyer").confident is False


# --- root need first ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cause", "consequence"),
    [
        ("if i don't get my brakes fixed i can't drive to work and they'll fire me", "transport", "employment"),
        ("I'm going to be evicted because the daycare closed and I can't work", "childcare", "housing"),
        ("heat got cut off and now i might lose my apartment", "utilities", "housing"),
        ("my boss will let me go if I show up without steel toe boots again", "clothing", "employment"),
        ("they're gonna cut my hours if i keep missing the bus, i need a bus pass", "transport", "employment"),
        ("sans médicaments je peux pas travailler pis je vais perdre mon appart", "health", "housing"),
        ("je vais perdre ma job si mon char est pas réparé", "transport", "employment"),
        ("on risque de se faire expulser parce qu'Hydro a coupé le courant", "utilities", "housing"),
        ("j'vais finir dans rue si j'trouve pas de gardienne pour mes quarts de soir", "childcare", "shelter"),
    ],
)
def test_the_cause_ranks_before_what_is_at_stake(text, cause, consequence):
    needs = ranked(text)
    assert needs[0] == cause
    assert consequence in needs[1:]


def test_the_means_ranks_before_what_it_is_for():
    assert ranked("need gas money so i can get to my dialysis")[0] == "transport"
    assert ranked("besoin d'un habit de neige pour que ma fille aille à la garderie")[0] == "clothing"


def test_sleeping_in_a_car_is_shelter_not_transport():
    assert ranked("me and my son are sleeping in the car since tuesday")[0] == "shelter"
    assert ranked("je couche dans mon char depuis une semaine")[0] == "shelter"


@pytest.mark.parametrize(
    ("text", "need", "not_first"),
    [
        ("no need for a shelter, what I need is a hot meal", "food", "shelter"),
        ("i dont need a lawyer i need a bed for tonight", "shelter", "legal"),
        ("we do not need clothes, only diapers for the baby", "childcare", "clothing"),
        ("j'ai pas besoin d'un refuge, juste de quoi manger", "food", "shelter"),
        ("je veux pas aller en désintox, je cherche un logement", "housing", "substance_use"),
    ],
)
def test_a_need_said_not_to_be_needed_does_not_rank_first(text, need, not_first):
    needs = ranked(text)
    assert needs[0] == need
    assert not_first != needs[0]


def test_where_a_trip_goes_ranks_after_the_trip():
    assert ranked("can u help w a bus ticket? have to get to the legal clinic downtown")[0] == "transport"
    assert ranked("my van won't start and I have to take my son to daycare")[0] == "transport"
    assert ranked("pas d'auto, faut que je me rende à l'hôpital pour ma dialyse")[0] == "transport"


def test_what_the_message_asks_for_beats_what_it_only_mentions():
    assert ranked("my cell died so im at the library, need groceries for tonight")[0] == "food"
    assert ranked("mon cell est mort, je peux pu appeler les employeurs")[0] == "utilities"


def test_being_on_a_programme_is_background_to_the_ask():
    assert ranked("I'm on ODSP and looking for a cheaper room to rent")[0] == "housing"
    assert ranked("on est sur l'aide sociale pis on cherche un 4 et demi")[0] == "housing"
    assert ranked("on disability and my cheque never came")[0] == "income"


# --- real texting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("pls i need a place 2 stay 2nite", "shelter"),
        ("tmrw i need a ride to my appt", "transport"),
        ("u know any1 who can help w my hydro bill? plz", "utilities"),
        ("slt chu dans rue pcq mon coloc ma mis dehors", "shelter"),
        ("jsp ou manger ajd", "food"),
        ("bcp de factures d'hydro pis ils vont couper", "utilities"),
        ("jai pu de linge chaud pour lhiver", "clothing"),
        ("mon proprio veut me sortir de mon appart", "housing"),
        ("ou trouver un medecin sans carte", "health"),
        ("my landlrod is trying to evcit me", "housing"),
        ("need a shleter tonite", "shelter"),
        ("hey so my bf kicked me out and i been sleepin at the bus station", "shelter"),
    ],
)
def test_shorthand_typos_and_quebec_french(text, need):
    assert ranked(text)[0] == need


@pytest.mark.parametrize(
    ("text", "need", "language"),
    [
        ("need help avec mon loyer svp", "housing", "fr"),
        ("jai besoin dun lift pour my job interview", "transport", "fr"),
        ("my chum left and i can't pay the rent alone", "housing", "en"),
        ("cherche du linge chaud, it's freezing", "clothing", "fr"),
    ],
)
def test_french_and_english_mixed_in_one_message(text, need, language):
    result = triage(text)
    assert result.needs[0].category == need
    assert result.language == language


# --- crisis -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "i want to kil my self",
        "thinking about suicde",
        "im gonna kms tonight",
        "i dont want to be alive anymore",
        "everyone would be better off without me",
        "my cousin od'd and hes not breathing",
        "took a whole bottle of pills",
        "hes outside with a gun",
        "he's kicking the door in right now",
        "jveux me sucider",
        "jai pu envi de vivre",
        "je veux en finir ce soir",
        "mon ami a fait une surdose il bouge pu",
        "il va me tuer, il a un couteau",
        "je suis en danger, il est devant la porte",
    ],
)
def test_crises_are_caught_in_any_language_and_spelling(text):
    assert triage(text).crisis is True


@pytest.mark.parametrize(
    "text",
    [
        "dying for a hot coffee, is the drop-in open",
        "this landlord is killing me",
        "my back is killing me from sleeping on the floor",
        "i'd kill for a shower",
        "dead tired, need a bed",
        "killing time at the library till the shelter opens",
        "that stew was to die for",
        "je meurs de faim",
        "je suis mort de fatigue",
        "mdr mais j'ai besoin d'un manteau",
        "c'est tuant de chercher un logement",
        "ça me tue de demander de l'aide pour l'épicerie",
        "je veux en finir avec mon bail",
        "i need a kitchen knife and pots for my new place",
        "mon loyer est en danger si je trouve pas de job",
        "my phone is about to die, text me the address",
    ],
)
def test_idioms_are_not_crises(text):
    assert triage(text).crisis is False


def test_violence_is_a_crisis_only_when_the_danger_is_now():
    not_now = triage("my girlfriend slaps me when she's drunk")
    assert not_now.needs[0].category == "family_violence"
    assert not_now.crisis is False
    assert triage("mon mari me frappe").crisis is False
    now = triage("my girlfriend is hitting me right now")
    assert now.crisis is True
    assert now.needs[0].category == "family_violence"


def test_a_crisis_puts_its_need_first():
    assert ranked("i'm gonna lose my apartment and i want to end my life")[0] == "mental_health"
    assert ranked("my roommate overdosed, we also need food")[0] == "substance_use"


@pytest.mark.parametrize(
    "text",
    [
        # someone else's intent, said now
        "my 14 yo son keeps saying he wants to kill himself",
        "ma blonde dit qu'elle va se tuer ce soir",
        # indirect: nobody would notice, nothing to live for, life not worth it
        "honestly nobody would even care if i was gone",
        "i got nothing left to live for",
        "la vie vaut pu rien pour moi",
        "ça donne rien de vivre de même",
        # means and places
        "i bought a rope today",
        "chu rendu sur le pont pis jregarde l'eau",
        "I have like 60 pills saved and tonight I'm taking them",
        "jai pris 15 ativan pis jme sens bizarre",
        "took my sleeping pills with half a bottle of vodka",
        # despair said with a farewell
        "I can't take it anymore. goodbye",
        "j'en peux pu. merci pour tout, adieu",
        # violence going on now, threats to the children
        "he's choking my mom in the kitchen",
        "he says he's going to hurt the kids if I leave",
        # someone unresponsive
        "my friend collapsed and is not breathing",
        "mon fils de 2 ans a avalé des pilules",
        # a past attempt that is back
        "I tried to kill myself last year and I want to do it again",
        "il y a 2 ans que je pense au suicide",
    ],
)
def test_indirect_and_third_person_crises_are_caught(text):
    assert triage(text).crisis is True


@pytest.mark.parametrize(
    "text",
    [
        # history: told as long past, now safe
        "I overdosed three years ago and I've been sober since, looking for an NA group",
        "j'ai fait une tentative de suicide il y a 5 ans, maintenant je cherche un psy pour mon anxiété",
        "my uncle killed himself when I was a teen, I need grief counselling",
        "mon ex m'a menacée l'an passé mais maintenant je suis en sécurité, j'ai besoin d'un avocat",
        "he threatened me a year ago, we are safe now, need help with rent",
        # crisis words about something else
        "totally overdosed on sugar at the community supper lol, anyway need a bus pass",
        "is there naloxone training anywhere in town",
        "formation en prévention du suicide pour les bénévoles?",
        "the landlord is gonna murder me if i'm late again",
        "he threatened to take me to small claims over the deposit",
        "my teacher is gonna kill me, i lost my homework again, any tutoring?",
        "he's beating me at crib lol, anyway need a food hamper",
        "je me suis coupé les cheveux tout seul, besoin d'un habit pour une entrevue",
        "I'd rather die than go back to that shelter, any other place?",
        "i give up on this landlord, moving out for good",
        "thanks for the help, goodbye",
        "took two advil for my tooth, need a dentist",
        "i take my meds with a glass of wine, is that ok",
        # bridges, jumps and edges that are not ledges
        "sleeping under the bridge by the river, need a tent",
        "i'm on the edge of losing my apartment",
        "need a jump start, car won't turn over",
        "i'm waiting at the bridge street shelter",
    ],
)
def test_history_and_other_topics_are_not_crises(text):
    assert triage(text).crisis is False


@pytest.mark.parametrize(
    "text",
    [
        # someone else's means and words, said now
        "my cousin says he's going to hang himself after work",
        "ma fille parle de se suicider depuis hier",
        # any two of despair, farewell, preparations, means made ready, intent
        "wrote a note to my husband and took all the pills out of the cabinet",
        "they'd all be fine without me, the pills are lined up",
        # a height with a farewell; a farewell, then silence
        "im at the end of the wharf, tell my mom im sorry for everything",
        "my brother sent 'take care of my dog' and now he isn't picking up",
        # hiding from someone who holds a weapon; a door forced, in any form of the verb
        "hiding under the bed, he's got a crowbar",
        "mon ex défonce la porte d'en arrière",
        # "for good" said of life; a past overdose that is back
        "i'm done with everything for good",
        "I overdosed 2 years ago and I'm using again tonight",
        # not seeing the point of living, in any wording
        "I don't see any point in living",
        "je trouve pu le sens de ma vie",
        "à quoi bon continuer",
        # held by the throat; goodbye letters written
        "il me tient par le cou",
        "he's got me by the throat",
        "i left a goodbye note for my kids",
        # never waking up, no reason left to stay, the edge of a bridge, an injection and no movement
        "je veux juste dormir pis pu jamais me réveiller",
        "j'ai pu de raison de rester",
        "je suis sur le bord du pont",
        "mon ami s'est injecté pis il est tombé, il bouge pu",
        "personne m'aimerait si je mourais",
        # intent to take all the pills, not wanting to be alive, self-harm again
        "je vais prendre toutes mes pilules",
        "je veux pu être en vie",
        "i hurt myself again tonight",
    ],
)
def test_crises_told_by_two_weak_signs_or_new_frames_are_caught(text):
    assert triage(text).crisis is True


@pytest.mark.parametrize(
    "text",
    [
        # despair aimed at a thing, and "for good" said of a move
        "i'm done with this apartment for good, help me find another",
        "j'en peux pu de ce loyer-là, je déménage pour de bon",
        # a long-past overdose, and today a plain need ("just", "juste")
        "j'ai fait une surdose il y a 3 ans, ce soir j'ai juste besoin d'un lit",
        "I overdosed 2 years ago and today I just need a bus pass",
        # the same words as the frames, about ordinary things
        "took my pills out of the car, need a pharmacy refill",
        "waiting at the end of the wharf for the ferry, need a bus ticket after",
        "got a crowbar from the hardware store to fix the deck",
        "the kids are driving me up the wall, need a sitter",
        "jumped the gun and signed a lease I can't afford",
        "the heat in this place will be the death of me, furnace is broken",
        # one word is not two signs: "floppy" is not both limp and unresponsive
        "my baby is floppy and has a fever, where is a walk in clinic",
        # a place or a thing, not a person, "is gonna kill me"; no point in an errand
        "this apartment is gonna kill me, the mold is everywhere",
        "ce logement va finir par me tuer, y'a de la moisissure",
        "see no point in going to the food bank, it's always empty",
        "i'm writing a goodbye message to my old landlord lol",
        # tired of living somewhere, a reason to stay somewhere, waking up on time
        "je suis tanné de vivre dans un sous-sol humide",
        "i'm sick of living paycheque to paycheque",
        "j'ai pu de raison de rester dans ce logement",
        "peur de jamais me réveiller à temps pour ma job",
        "i hurt myself on the job, need a doctor",
        "je dois prendre toutes mes pilules le matin pis j'ai pu d'argent",
    ],
)
def test_look_alikes_of_the_new_frames_are_not_crises(text):
    assert triage(text).crisis is False


@pytest.mark.parametrize(
    ("text", "need"),
    [
        # a long-past crisis does not outrank the plain need asked for now
        ("j'ai fait une surdose il y a 3 ans, ce soir j'ai juste besoin d'un lit", "shelter"),
        ("I overdosed 2 years ago and today I just need a bus pass", "transport"),
        # what follows "just / only / juste" is asked for
        ("I lost my job last month but I only need food right now", "food"),
        # "kicked out of X": X is where one was, the need is a bed
        ("got kicked out of the rooming house, slept in a stairwell", "shelter"),
        # "a referral to X": X is the need
        ("can you give me a referral to an addictions counsellor", "substance_use"),
        # vocabulary by concept: utility companies, provincial programmes, withdrawal, control
        ("Enmax is sending a disconnect, $900 owing", "utilities"),
        ("Alberta Works hasn't paid me this month", "income"),
        ("mon ado reste dans sa chambre toute la journée pis parle à personne", "mental_health"),
        ("je fume du speed depuis l'été, je veux une thérapie interne", "substance_use"),
        ("he reads my texts and tracks my location", "family_violence"),
        ("il lit mes messages pis m'interdit de sortir", "family_violence"),
        ("been crashing on my cousin's floor for 2 weeks", "shelter"),
        ("my son outgrew his boots and it's -25", "clothing"),
        ("mon contrat finit vendredi, je cherche autre chose", "employment"),
        ("need a dayhome for my 2 year old", "childcare"),
        ("mes dentiers sont brisés, je peux pu mâcher", "health"),
        # "filling out" a form is no dental filling
        ("can you help me with filling out my ODSP forms", "income"),
        ("lost a filling and my tooth hurts", "health"),
        # an ex who keeps the children or ignores the custody terms is a legal need
        ("mon ex veut pas me rendre les enfants", "legal"),
        ("my ex refuses to follow the custody agreement", "legal"),
        # a place of one's own is housing; a break from the children is respite care
        ("trying to save up to get my own place", "housing"),
        ("besoin de répit avec mes petits", "childcare"),
        # summer camps in French, the way to work, a record check asked by an employer
        ("mon fils a besoin d'un camp pour l'été", "childcare"),
        ("need a criminal record check for a job", "employment"),
        # gas turned off, a bed in treatment, things thrown at someone, a place that takes pets
        ("they turned off my gas", "utilities"),
        ("my brother needs a bed in treatment", "substance_use"),
        ("my girlfriend threw a plate at me last night", "family_violence"),
        ("il m'a garroché une chaise", "family_violence"),
        ("need help finding a place that takes pets", "housing"),
        ("my kid throws tantrums at me, parenting help", "childcare"),
        # youth shelters, gas bills, testing, feeling overwhelmed, meds stopped, interview clothes
        ("maison d'hébergement pour ados", "shelter"),
        ("je peux pas payer mon compte de gaz", "utilities"),
        ("ou faire un test de dépistage", "health"),
        ("where can i get tested for stis", "health"),
        ("je me sens dépassée par tout", "mental_health"),
        ("my husband is off his meds and acting weird", "mental_health"),
        ("besoin d'un costume pour une entrevue", "clothing"),
        # French-only words ("habit", "costume") say nothing in an English message
        ("i need help with my drug habit", "substance_use"),
        ("i have a costume party lol but need rent help", "housing"),
        # after blind_i: kicked out of a daycare, exasperation, a licence taken, broke in Québec French
        ("my daughter got kicked out of her dayhome, need another one asap", "childcare"),
        ("mon fils s'est fait renvoyer de la garderie, je commence à travailler lundi", "childcare"),
        ("sick and tired of being broke all the time, any emergency funds?", "income"),
        ("they took my mom's licence because of her eyesight, how will she get to the doctor", "transport"),
        ("chu cassée comme un clou jusqu'au 25", "income"),
        # grandparents raising grandchildren, a partner's control, a safety plan
        ("mes parents élèvent ma petite-fille, y'a-tu de l'aide pour eux?", "childcare"),
        ("her boyfriend takes all her money and her keys so she can't leave", "family_violence"),
        ("mon chum prend toute ma paye pis je peux aller nulle part sans lui", "family_violence"),
        ("can someone explain how to make a safety plan before i leave him", "family_violence"),
        # drug checking, pills mixed with alcohol, credentials, agencies, wanting to work, experience
        ("where can i get my stuff tested, people are dropping around here", "substance_use"),
        ("y'a-tu des bandelettes fentanyl gratuites à Edmonton?", "substance_use"),
        ("my dad mixes his pain pills with beer every night, who can help", "substance_use"),
        ("comment faire reconnaître mon permis de pharmacien au Canada?", "employment"),
        ("how do i get my nursing credentials recognized in alberta", "employment"),
        ("tanné de l'agence de placement, je cherche une vraie job", "employment"),
        ("my son is 22 with a disability and wants to work, any programs", "employment"),
        ("j'ai 10 ans d'expérience en construction, je cherche de l'ouvrage", "employment"),
        ("i want to work on my mental health, any free counselling", "mental_health"),
        ("just need to talk to a real person tonight, not doing great", "mental_health"),
    ],
)
def test_new_mechanisms_and_vocabulary_rank_the_need(text, need):
    assert ranked(text)[0] == need


def test_a_suspended_licence_and_the_way_to_work_offer_both():
    # The lexicons put the ride first; the second reader, which now always adds its word, leans to the
    # licence (legal). Both answers are fair and both are offered: the ride must not fall off the list.
    assert ranked("mon permis est suspendu, comment aller travailler")[:2] in (["transport", "legal"],
                                                                            ["legal", "transport"])


@pytest.mark.parametrize(
    "text, need",
    [
        # blind_k's families in other words: living in a vehicle for weeks, a bus that skips the stop,
        # heating the place, a negation with "du", drugs and drink one does not take, being on a benefit
        # as background, Québec unit sizes, "not homeless yet".
        ("ça fait deux mois dans mon auto avec mon chien, où je peux dormir?", "shelter"),
        ("been 4 nights in my truck, any shelter beds in red deer", "shelter"),
        ("the 4 skipped my stop again and i missed my shift, need another way to get there", "transport"),
        ("j'arrive pas à chauffer la maison cet hiver, y a de l'aide pour le gaz?", "utilities"),
        ("je veux pas du chômage, je veux une job steady", "employment"),
        ("no drugs no drinking, i just need a bed tonight", "shelter"),
        ("cherche un 4 et demi proche du bus, je suis sur l'aide sociale", "housing"),
        ("not homeless yet but the lease ends friday, where do i start looking for a place", "housing"),
        ("ça coûte un bras pour l'épicerie, y a une banque alimentaire?", "food"),
    ],
)
def test_blind_k_families_rank_the_need(text, need):
    assert triage(text, reader=False).needs[0].category == need, (text, triage(text, reader=False))


@pytest.mark.parametrize(
    "text, need",
    [
        # train_en's families in other words: social-housing providers, help with the rent, a bed for a
        # few nights, meals served, intercity and city transit, a way home, commercial licences and
        # safety tickets, budgeting and overdue notices, lice and mobility aids, wanting to talk to
        # someone, cutting back, family groups, opioid programs, FV abbreviations, survivors, Clare's
        # Law, online posting, elder financial abuse, violence told in the third person, programs for
        # kids, infant care.
        ("how long is the wait for civida? my worker says to apply", "housing"),
        ("can someone give me a hand with the rent, short by 300", "housing"),
        ("need a spot for a couple of nights till my sister gets back", "shelter"),
        ("does the bissell serve lunch on sundays", "food"),
        ("cheapest way to get from lloydminster to red deer for my mri? no bus anymore", "transport"),
        ("discharged from the foothills at 9pm, no ride home to airdrie", "transport"),
        ("my h2s alive and first aid expired, can't go back on site till i redo them", "employment"),
        ("any help paying for my class 3 and air brakes course?", "employment"),
        ("bills keep piling up and i don't know where my money goes, need help making a budget", "income"),
        ("my daughter has head lice again, what's the cheapest treatment", "health"),
        ("dad's walker is broken and he can't get around, where do we get a loaner", "health"),
        ("my sister's been really down and snappy, she wants to talk to somebody", "mental_health"),
        ("i'd like to cut down on the weed, it's every day now", "substance_use"),
        ("my son is an addict, any groups for families like nar-anon in lethbridge", "substance_use"),
        ("looking for the dv line in red deer", "family_violence"),
        ("is there a group for survivors of childhood abuse", "family_violence"),
        ("how do i find out if my new partner has a violent past? heard of clare's law", "family_violence"),
        ("my ex posted pictures of me online without asking, what can i do", "family_violence"),
        ("my nephew keeps taking money out of my mom's account, she's 84", "family_violence"),
        ("her husband was beating her for years, she finally got out and is safe with us", "family_violence"),
        ("summer programs for kids in airdrie that don't cost much?", "childcare"),
        ("going back to school in september, need toddler care near millwoods", "childcare"),
        ("phone number for the gambling help line?", "substance_use"),
        ("need counselling for my drinking, where do i start", "substance_use"),
    ],
)
def test_train_en_families_rank_the_need(text, need):
    assert triage(text, reader=False).needs[0].category == need, (text, triage(text, reader=False))


@pytest.mark.parametrize(
    "text",
    [
        # Past-and-safe framing and look-alikes: a tooth swelling one side of the face, a roof over one's
        # head, payback from a landlord, "not violent", "no threats", the aftermath told as being elsewhere now.
        "abscess on my back tooth, the left side of my face is swollen, need a cheap dentist",
        "we have a roof over our heads but the fridge is empty",
        "my boss cut my shifts as payback for reporting him to labour standards",
        "my brother hears voices and is scared, he's not violent, where can he see someone",
        "my ex messages me all day, no threats, just annoying, can i block him legally",
        "left my husband over the abuse, staying with my parents now, need help with a lawyer",
        "i was in an abusive marriage for 10 years. now i need counselling",
    ],
)
def test_past_and_safe_framings_are_not_crises(text):
    result = triage(text)
    assert not result.crisis and result.risk is None, (text, result)


@pytest.mark.parametrize(
    "text",
    [
        # The guards above must not hide a danger now.
        "my ex who was abusive is outside my door right now",
        "left him because of the abuse but he just showed up at my work with a knife",
        "staying with my sister now but he keeps driving by with a gun",
        "one side of his face is drooping and he can't talk right",
        "her lips and throat are swelling after the peanuts",
    ],
)
def test_the_past_and_safe_guards_keep_a_danger_now(text):
    assert triage(text).risk is not None, text


def test_svp_does_not_outweigh_an_english_sentence():
    # "svp" expands to four French words; the shorthand counts once.
    assert detect_language("Hi, I need a cheap apartment in Calgary for me and my two kids. Help svp, merci")[0] == "en"


def test_losing_ones_mind_is_not_something_at_stake():
    # "lose" usually announces what is at stake ("or I'll lose my job"); "lose my mind" is a state.
    result = triage("the neighbours party every night, i'm going to lose my mind")
    assert result.needs[0].category == "mental_health"
    assert not any("at stake" in e for e in result.needs[0].evidence)


@pytest.mark.parametrize(
    "term",
    [
        "first aid|premiers soins",  # meant two phrases, reads first + (aid or premiers) + soins
        "kitchen knife|butter knife",  # an alternative repeats the word beside it
        "will not let me sleep|eat|go go out",
    ],
)
def test_a_bar_meant_to_join_phrases_is_refused(term):
    lexicon()
    with pytest.raises(ValueError, match="one term per phrase"):
        check_alternatives(term, {"en": frozenset({"first", "aid", "kitchen"}), "fr": frozenset({"premiers", "soins"})})


def test_a_sign_rule_names_a_known_concern():
    # Pairs such as psychosis with a weapon say whom the danger is about ("others": call 911 now).
    assert concern_and_weight({"concern": "others", "weight": 3.5}) == ("others", 3.5)
    assert concern_and_weight({}) == (None, None)
    with pytest.raises(ValueError, match="concern"):
        concern_and_weight({"concern": "neighbours"})


def test_a_list_item_holding_only_a_comment_is_refused():
    # In YAML "- # note" is an empty item; it must not become the term "None".
    from bot.triage.lexicon import _weighted_groups

    with pytest.raises(ValueError, match="empty term"):
        _weighted_groups({1.0: ["rent", None]}, "lexicon_en.yaml/housing")


def test_bars_between_single_words_are_accepted():
    only = {"en": frozenset({"pay", "unable"}), "fr": frozenset({"payer"})}
    for term in ("cant|unable to pay", "stay|spend|sleep the night", "me call|calle des noms"):
        check_alternatives(term, only)


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("bonjour", "fr"), ("Salut", "fr"), ("allo", "fr"), ("Bonsoir", "fr"), ("aide", "fr"),
        ("merci", "fr"), ("faim", "fr"), ("aide svp", "fr"), ("besoin d'aide", "fr"),
        ("hi", "en"), ("Hello", "en"), ("hey", "en"), ("help", "en"), ("thanks", "en"),
        ("need food", "en"), ("yes", "en"), ("need help", "en"),
    ],
)
def test_short_greetings_and_asks_have_a_confident_language(text, language):
    result = triage(text)
    assert (result.language, result.language_confident) == (language, True)
    assert detect_language(text)[0] == language


@pytest.mark.parametrize("text", ["ok", "1", "👍", "Marie", "Kevin", "", "   ", "?!", "911"])
def test_messages_without_language_signal_are_not_confident(text):
    result = triage(text)
    assert result.language in ("fr", "en")
    assert result.language_confident is False
    language, confidence = detect_language(text)
    assert language in ("fr", "en") and 0.0 <= confidence < 0.34


# --- robustness and speed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "\x00\x01\x02\x1b[31m", "😀" * 500, "مرحبا أحتاج مساعدة", "'" * 200, "...",
        "\u200b\u200d", "\ud800 lone surrogate", "ŒUVRE æ ß Ǆ", "\n\n\n", "x" * 6000,
        "I need help with rent and food. " * 170, "9" * 5000, "j'j'j'j'", "---knife---",
    ],
)
def test_junk_never_raises(text):
    result = triage(text)
    assert result.language in ("fr", "en")
    assert isinstance(result.needs, list)


def test_random_strings_never_raise():
    rng = random.Random(20240601)
    for _ in range(500):
        text = "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 80)))
        assert triage(text).language in ("fr", "en")


def test_non_strings_do_not_raise():
    for value in (None, 12, b"bytes"):
        assert triage(value).language in ("fr", "en")  # type: ignore[arg-type]


# --- measured quality --------------------------------------------------------------------------


def test_holdout_meets_the_quality_goals():
    report = evaluate(read_labelled(HOLDOUT))
    assert report.top1_by_language["fr"].total >= 60
    assert report.top1_by_language["en"].total >= 60
    assert report.top1_by_language["fr"].rate >= 0.90, report.misses
    assert report.top1_by_language["en"].rate >= 0.90, report.misses
    assert report.crisis_recall.total >= 10
    assert report.crisis_recall.rate == 1.0, report.misses
    assert report.false_alarms.right == 0, report.misses
    assert report.language.rate >= 0.97, report.misses


@pytest.mark.parametrize(
    "name",
    [
        "cases.jsonl", "fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl",
        "blind_a.jsonl", "blind_crisis.jsonl", "blind_b.jsonl", "blind_c.jsonl", "blind_d.jsonl",
        "blind_e.jsonl",
    ],
)
def test_other_labelled_sets_meet_the_goals(name):
    report = evaluate(read_labelled(LABELLED / name))
    # These sets were tuned on: every line is a regression case, so one lost line fails (the goal is 90 %).
    assert report.top1.rate >= 0.99, report.misses
    assert report.crisis_now.rate == 1.0, report.misses
    assert report.false_alarms.right == 0, report.misses
    assert report.asked.rate <= 0.02, report.misses
    assert report.language.rate >= 0.97, report.misses


def test_the_safety_development_set_holds():
    # Written for issue 7's kinds (indirect crises, self-harm, danger to others, root causes, negations);
    # tuned on, so a regression set: every crisis read as a risk, no idiom or safety statement as a crisis.
    report = evaluate(read_labelled(LABELLED / "safety_dev.jsonl"))
    assert report.top1.rate >= 0.85, report.misses
    assert report.crisis_recall.rate == 1.0, report.misses
    assert report.crisis_now.rate >= 0.75, report.misses
    assert report.false_alarms.right == 0, report.misses
    assert report.asked.rate <= 0.02, report.misses


@pytest.mark.parametrize("name", [f"blind_{letter}.jsonl" for letter in [*"fghijklmnopqrstuvwxyz", "aa"]])
def test_the_issue_7_blind_sets_hold_after_their_fixes(name):
    # Their first runs are in tests/triage/README.md; after their fixes they are regression sets.
    report = evaluate(read_labelled(LABELLED / name))
    assert report.top1_by_language["fr"].rate >= 0.93, report.misses
    assert report.top1_by_language["en"].rate >= 0.95, report.misses
    assert report.crisis_recall.rate == 1.0, report.misses
    assert report.false_alarms.right == 0, report.misses


def test_labelled_files_are_well_formed():
    for path in LABELLED.glob("*.jsonl"):
        for row in read_labelled(path):
            assert row["lang"] in ("fr", "en"), (path.name, row)
            assert row["primary"] in CATEGORIES, (path.name, row)
            assert row["primary"] in row["accept"], (path.name, row)
            assert set(row["accept"]) <= set(CATEGORIES), (path.name, row)
            assert row["crisis"] in (True, False, None), (path.name, row)


# --- command line ------------------------------------------------------------------------------


@pytest.fixture
def cli():
    @click.group()
    def passerelle():
        """Stand-in for the project's CLI group."""

    passerelle.add_command(triage_command)
    runner = CliRunner()
    return lambda *args, **kw: runner.invoke(passerelle, ["triage", *args], catch_exceptions=False, **kw)


def test_command_prints_one_line_of_json(cli):
    result = cli("I", "need", "winter", "tires", "or", "I'll", "lose", "my", "job", "--json")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == {"language", "needs", "crisis", "risk", "concern"}
    assert data["language"] == "en" and data["crisis"] is False and data["risk"] is None
    assert data["needs"][0]["category"] == "transport"
    assert set(data["needs"][0]) == {"category", "score"}


def test_command_prints_a_short_summary_without_json(cli):
    result = cli("je veux mourir")
    assert result.exit_code == 0
    assert "language: fr" in result.output
    assert "mental_health" in result.output
    assert "crisis: YES" in result.output
    assert "risk: crisis (self)" in result.output


def test_command_prints_a_possible_risk(cli):
    result = cli("i gave away my dog and my tv this week", "--json")
    assert json.loads(result.output)["risk"] == "possible"
    assert json.loads(result.output)["crisis"] is False


def test_command_reads_jsonl_from_stdin_in_order(cli):
    lines = [{"text": "besoin de bouffe"}, {"text": "need a lawyer"}, {"text": ""}]
    result = cli("--jsonl", "-", input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [o["language"] for o in out[:2]] == ["fr", "en"]
    assert out[0]["needs"][0]["category"] == "food"
    assert out[1]["needs"][0]["category"] == "legal"
    assert out[2]["needs"] == []


def test_eval_command_reports_figures_and_misses(cli, tmp_path):
    labelled = tmp_path / "tiny.jsonl"
    rows = [
        {"text": "where is the food bank", "lang": "en", "primary": "food", "accept": ["food"], "crisis": False},
        {"text": "besoin d'un avocat", "lang": "fr", "primary": "legal", "accept": ["legal"], "crisis": False},
        {"text": "j'ai envie de me tuer", "lang": "fr", "primary": "mental_health", "accept": ["mental_health"], "crisis": True},
        # Labelled wrong on purpose, so a miss is listed.
        {"text": "need a bus pass", "lang": "en", "primary": "clothing", "accept": ["clothing"], "crisis": None},
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = cli("eval", str(labelled))
    assert result.exit_code == 0
    out = result.output
    assert "top-1: 3/4 = 75.0%" in out
    assert "top-1 fr: 2/2 = 100.0%" in out
    assert "top-1 en: 1/2 = 50.0%" in out
    assert "crisis recall: 1/1 = 100.0%" in out
    assert "crisis recall, act now: 1/1 = 100.0%" in out
    assert "false alarms (crisis=false flagged): 0/2 = 0.0%" in out
    assert "asked about (crisis=false read as possible): 0/2 = 0.0%" in out
    assert "language: 4/4 = 100.0%" in out
    assert "time per message: mean" in out
    assert "need a bus pass" in out


def test_command_without_anything_to_do_is_a_usage_error(cli):
    assert cli().exit_code == 2


@pytest.mark.parametrize("text", ["I need help", "i need help please", "can someone help me",
                                  "j'ai besoin d'aide svp", "bonjour, j'ai besoin d'aide"])
def test_a_bare_ask_for_help_names_no_need(text):
    # The second reader guesses from letters; a message of asking words alone gets "tell me more", not a
    # question about housing out of nowhere.
    result = triage(text)
    assert result.needs == [] and result.risk is None, result.needs


# French families fixed after train_fr (tests written in other words than its lines).
@pytest.mark.parametrize("text,want", [
    # A refusal turns down the clause just before it.
    ("une banque alimentaire non merci, mais avez-vous des repas chauds le soir", "food"),
    ("J'ai un logement, c'est pas ça le problème, j'ai rien à manger depuis jeudi", "food"),
    ("un lit au refuge? non merci, chu correct pour dormir, c'est la bouffe qui manque", "food"),
    # Negations: "je demande pas", "pas de problème de", having a home already.
    ("je demande pas d'argent, juste un panier d'épicerie", "food"),
    ("j'ai pas de problème d'alcool, c'est la coke mon problème", "substance_use"),
    ("j'ai déjà un appart mais il est inondé, besoin d'un lit pour ce soir", "shelter"),
    # Vocabulary families.
    ("ma mère a besoin d'un garant pour son bail, on a pas le revenu pour ça", "housing"),
    ("la coloc veut que je parte d'ici dimanche, faut que je trouve un logement", "housing"),
    ("le proprio rappelle jamais pis l'eau chaude marche pu depuis un mois", "housing"),
    ("aucun endroit où aller à soir avec mes 2 enfants", "shelter"),
    ("mon gars de 25 ans est autiste, y'a-tu des emplois adaptés pour lui?", "employment"),
    ("je suis ingénieure, comment faire reconnaître mes études faites en Algérie?", "employment"),
    ("8 000$ de dettes sur mes cartes de crédit, je sais pu comment rembourser", "income"),
    ("le chèque de l'AISH est pas assez pour vivre", "income"),
    ("Epcor demande un dépôt de 400$ avant de brancher le gaz", "utilities"),
    ("mon appareil pour l'apnée du sommeil est brisé, je dors pas", "health"),
    ("je perds patience avec tout le monde, cours de gestion de la colère?", "mental_health"),
    ("j'ai fini ma cure de 21 jours, j'ai peur de reboire", "substance_use"),
    ("est-ce qu'il y a de la place à Poundmaker's Lodge", "substance_use"),
    ("c'est elle qui gérait tout notre argent, j'ai accès à rien", "family_violence"),
    ("mon ancien chum a mis des photos intimes de moi sur Facebook", "family_violence"),
    ("des activités parascolaires pas chères pour ma fille de 12 ans?", "childcare"),
    # School footwear and clothes are clothing (blind_l labels "souliers pour l'école" clothing only; train_fr's
    # "sac à dos pis souliers d'école" accepts both, the backpack being a school supply).
    ("besoin de bottes d'école pour mes deux petits", "clothing"),
    ("besoin d'un sac à dos pour l'école pour mes deux petits", "childcare"),
    ("il me faut une tenue convenable pour l'enterrement de ma grand-mère", "clothing"),
])
def test_french_families_after_train_fr(text, want):
    result = triage(text)
    assert result.primary == want, result.needs
    assert result.risk is None


@pytest.mark.parametrize("text", [
    "je suis noyé sous les amendes de stationnement, mon permis est suspendu",
    "mon contrat est tombé à l'eau pis je cherche de l'ouvrage à Red Deer",
    "on est huit dans un 2 chambres, on étouffe là-dedans, besoin d'un logement plus grand",
    "j'ai un toit, mais pas une cenne pour l'épicerie",
    "mon ex me frappait, mais je suis partie maintenant, je cherche un groupe pour femmes",
    "il était violent, nous sommes séparés maintenant, j'ai besoin d'un avocat",
])
def test_french_idioms_and_safety_after_train_fr(text):
    assert triage(text).risk is None


def test_falling_ill_is_no_fall():
    # "tombée malade" is no fall for the lexicons; the second reader, which learnt danger from letters
    # ("tombée", "malade"), may still ask whether someone is hurt, never call it a crisis.
    assert triage("ma mère est tombée malade, elle reçoit pu de revenu", reader=False).risk is None
    assert triage("ma mère est tombée malade, elle reçoit pu de revenu").risk != "crisis"


@pytest.mark.parametrize("text", [
    "je suis sur le toit de l'immeuble et je vais sauter",
    "on est séparés depuis un mois mais il est devant ma porte avec un couteau",
    "mon père est tombé dans l'escalier pis il répond pas",
])
def test_french_crises_stay_crises_beside_the_new_guards(text):
    assert triage(text).risk == "crisis"


@pytest.mark.parametrize("name", ["train_crisis.jsonl", "train_fr.jsonl", "train_en.jsonl", "train_signs.jsonl", "train_roots.jsonl", "train_frc.jsonl",
                                  "train_frcalm.jsonl", "train_everyday.jsonl"])
def test_the_issue_7_training_sets_hold_after_their_fixes(name):
    # Written blind to the code, their first runs are in tests/triage/README.md; now tuned on and trained on.
    report = evaluate(read_labelled(LABELLED / name))
    assert report.top1.rate >= 0.93, report.misses
    assert report.crisis_recall.rate == 1.0, report.misses
    assert report.false_alarms.right == 0, report.misses
    assert report.asked.rate <= 0.02, report.misses


@pytest.mark.parametrize("text, want", [
    # "What I don't have is X": what precedes is had, X is asked for.
    ("i have a place to stay, what i dont have is money for groceries", "food"),
    ("j'ai un logement, ce qui me manque c'est de quoi manger", "food"),
    ("i got a job, what i dont have is a ride to it", "transport"),
    # Family taking an elder's bank card or pension: financial abuse.
    ("my daughter keeps taking my mom's debit card, mom is 80 and has no groceries left", "family_violence"),
    ("mon fils prend la carte de guichet de ma mère de 85 ans pis elle a pu rien à manger", "family_violence"),
    # A schedule, not a ride, keeps someone from going.
    ("i work nights so i cant go to the food bank in the day, any open on weekends?", "food"),
    # Units, trades, outgrown clothes, power off.
    ("on cherche un 4 et demie à Calgary avec un chat", "housing"),
    ("j'ai mon ticket de soudeur pis je cherche une job de jour à Edmonton", "employment"),
    ("the job is killing me, looking for day work, i have my welding ticket", "employment"),
    ("my kids outgrew everything, they need winter boots size 2 and 4", "clothing"),
    ("ma fille a grandi, elle a besoin de bottes pour l'école", "clothing"),
    ("powers been out since friday, bill is 600", "utilities"),
])
def test_families_after_blind_l(text, want):
    result = triage(text)
    assert result.primary == want, result.needs
    assert result.risk is None


@pytest.mark.parametrize("text, want", [
    # ID named as what a cheque or a benefit requires: income ("ID for benefits").
    ("mon ami a perdu ses cartes, il peut pas toucher son chèque de pension sans pièce d'identité", "income"),
    ("my wallet got taken at the bus depot and they won't give me my AISH without ID", "income"),
    # Formula, by name or brand: food.
    ("any place with enfamil? my daughter is 3 weeks old and we're out", "food"),
    ("besoin de lait maternisé pour mon petit de 5 semaines", "food"),
    # A forklift card is a job certificate, not a ride.
    ("je veux suivre le cours de chariot élévateur pour travailler dans un entrepôt", "employment"),
    # A need named inside a negation is not asked for.
    ("je ne cherche pas de job, j'en ai une. c'est la garderie qui manque pour ma fille", "childcare"),
    # An ex who keeps texting, and an order to make it stop.
    ("mon ex arrête pas de me texter, comment avoir un ordre pour qu'il arrête?", ("family_violence", "legal")),
])
def test_families_after_blind_m(text, want):
    result = triage(text)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert result.risk is None


@pytest.mark.parametrize("text, want", [
    # Applying for a benefit, or a benefit's application that is stuck: income, though a job was lost.
    ("got laid off from the mill, how long does an EI claim take? my EI application is still pending", "income"),
    ("on m'a mise à pied, comment appliquer pour l'assurance emploi?", "income"),
    # The ID names who holds the papers; the doctor's part of a form is no health need.
    ("my AISH claim has been sitting for months, my physician signed the medical form in june", "income"),
    # Diapers by size, a daycare's price or subsidy: childcare, whatever the cheque's date.
    ("need diapers size 5 for my son, anyone giving some away?", "childcare"),
    ("des couches taille 3 svp, ma paye rentre seulement le 15", "childcare"),
    ("je rentre au travail mardi pis la garderie coûte 900 par mois, y a-tu de l'aide?", "childcare"),
    # A low-income transit pass is transport.
    ("is there a low income calgary transit pass? i'm on income support", "transport"),
    # Tools for the trade, stolen: the means of the job.
    ("im a plumber and someone stole my tools from the van, can't work till i replace them", "employment"),
    ("mes outils ont été volés sur le chantier, je peux pas travailler sans mes outils", "employment"),
    # A landlord's duty (coming in with notice, fixing the heat) is housing or legal, not the utility.
    ("my landlord keeps walking in without notice, is that allowed?", ("housing", "legal")),
    ("le concierge entre dans mon appart sans avertir quand je suis au travail", ("housing", "legal")),
    ("boiler died again and the property manager says he'll look at it tomorrow maybe", ("housing", "legal")),
    # Supportive living for an elder.
    ("my dad can't live alone anymore after his stroke, what about assisted living in Lethbridge", "housing"),
    # A partner drinking or gambling the whole pay: substance use first.
    ("my boyfriend gambles his whole paycheque and now we can't buy groceries", "substance_use"),
    ("mon chum flambe toute sa paie au casino pis on a pu rien pour l'épicerie", "substance_use"),
    # Power about to be cut, with things in the fridge: the utility.
    ("l'électricité va être coupée jeudi pis j'ai de la viande dans le congélateur, aide pour la facture?", "utilities"),
    # Control of a teen or an elder by someone close: family violence.
    ("my niece's boyfriend goes through her phone and won't let her see her friends", "family_violence"),
    ("ma grand-mère vit avec mon oncle, il gueule après elle pis l'insulte tout le temps", "family_violence"),
])
def test_families_after_blind_n(text, want):
    result = triage(text)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    # The lexicons raise no risk; the second reader may still ask about an elder insulted every day.
    assert triage(text, reader=False).risk is None


@pytest.mark.parametrize("text", [
    # "pis là" (then) before a pronoun still reads what follows as at stake.
    "mon char est brisé pis là je vais perdre ma job",
])
def test_then_in_quebec_french_is_still_a_consequence(text):
    assert triage(text).primary == "transport", triage(text).needs


@pytest.mark.parametrize("text, want", [
    # A denial of violence: a women's shelter asked for is a bed.
    ("any women's shelter in red deer? no violence, our building burned down last night and I have 3 kids",
     ("shelter", "housing")),
    # Violence denied, control of the money told: still family violence.
    ("pas de violence physique, mais il contrôle tout mon argent pis mon cell", "family_violence"),
    # Cheap or free meals for seniors.
    ("des soupers pas chers pour personnes âgées à St-Albert? Mon mari est décédé l'an passé", "food"),
    ("any cheap lunches for seniors in Camrose? my wife passed and I don't cook", "food"),
    # Money for gas to get to appointments far away.
    ("mon fils a des traitements à Calgary chaque semaine pis j'ai pu d'argent pour le gaz", "transport"),
    # A landlord refusing to fix what he must: housing.
    ("le locateur veut pas arranger la fournaise depuis 2 semaines, on gèle", ("housing", "legal")),
    # Months behind on the rent (not on a bill), after an illness.
    ("3 months behind since my chemo, the landlord is patient but I need help with it", ("housing", "income")),
    ("cell plan is 2 months behind, Telus says they'll cut me off friday", "utilities"),
    # Asking where a service is, with a question about what to bring.
    ("where is the closest food bank in Spruce Grove and do they need ID? my wallet got stolen", "food"),
])
def test_families_after_blind_o(text, want):
    result = triage(text)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert not result.crisis


@pytest.mark.parametrize("text, want", [
    # Vaccines are health.
    ("is the flu shot free for seniors at the pharmacy? im 70", "health"),
    ("où je peux avoir le vaccin contre le zona gratuit? j'ai 68 ans", "health"),
    # Commercial licences and air brakes are job certifications; a first or summer job is employment.
    ("my class 1 expired and i need the air brake course again to get back on the road for work", "employment"),
    ("j'ai 16 ans pis je cherche un emploi d'été, faut-tu un NAS?", ("employment", "income")),
    # Arrears told after "now" are what the story led to.
    ("lost my job because of my back injury, now i owe 2 months on the rent", ("employment", "health")),
])
def test_families_after_blind_p(text, want):
    result = triage(text)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert not result.crisis


@pytest.mark.parametrize("text, want", [
    # Meals on Wheels names the need, even when what is said first is getting to the store.
    ("my grandpa is 90 and his hips are too weak to get to the store, can meals on wheels come to him in Leduc",
     "food"),
    # Vaping, nicotine: substance use, whoever hears of it.
    ("my 14 yr old is vaping in her room every night, how do we help her quit nicotine", "substance_use"),
    # A wound that won't heal, a hospital bill: health, whatever else the message tells.
    ("sleeping in the river valley and the sore on my leg is not healing, is there a street nurse", "health"),
    ("reçu une facture de 1200 $ de l'ambulance, j'ai pas les moyens, je fais quoi", ("health", "income")),
    # A service someone else keeps pushing is not what is asked for.
    ("my case worker keeps pushing therapy but what i need right now is a bus pass", "transport"),
    # Asked to leave tonight with a child, at a station: a bed, not the bus.
    ("on nous a demandé de partir ce soir, moi pis ma fille, on est au terminus d'autobus, où peut-on aller?",
     "shelter"),
    # Drunk and smashing things at home: violence before the drink.
    ("im 15 and my mom's boyfriend is drunk and smashing things, i dont want to go home", ("family_violence", "shelter")),
    # A forced or arranged marriage: family violence.
    ("my friend is 16 and her family is sending her overseas to marry an older man, she doesn't want to",
     ("family_violence", "legal")),
    # A bed in detox is no shelter bed.
    ("pas besoin d'un refuge, il me faut une place en désintox au plus vite", "substance_use"),
    # Changing energy providers, late fees from a named provider: utilities, not the debt.
    ("can i switch electricity providers even if i still owe money to my current one", "utilities"),
    # Travel and a hotel for medical appointments far away: transport.
    ("on reste à High Level pis ma fille a des rendez-vous médicaux à Edmonton, y a-tu de l'aide pour l'essence",
     "transport"),
    ("je suis en chaise roulante, comment avoir le transport adapté pour mes traitements", "transport"),
])
def test_families_after_blind_q(text, want):
    result = triage(text)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs


# train_signs families
# Danger from outside the family is a police matter (a roommate, the man one owes money to, a man one doesn't know, a
# coworker with a gun for the foreman, a man yelling at a daycare); a gun at hand said with despair is the self; a
# girl married off and coercive control are family violence; a car running in a closed garage, the worst headache
# with the sight going, vomiting blood are health; moods swinging and threats to smash a face are mental health;
# intimate pictures posted and iron pills are plain needs. With and without the second reader.
@pytest.mark.parametrize("text, want", [
    ("my roommate just slapped me and now he's standing in the living room with a knife", "legal"),
    ("the guy I owe money to is banging on my door right now and trying to kick it in", "legal"),
    ("un homme que je connais pas m'attend devant mon travail tous les soirs pis il sait où je reste", "legal"),
    ("a guy on my crew says he'll bring a rifle to work and deal with the supervisor", "legal"),
    ("a man outside the daycare is screaming he's going to kill the kids", "legal"),
    ("Im so done with everything. got my father's rifle and I know how to use it", "mental_health"),
    ("her parents want to marry her off to a 40 year old man next summer, she's 15", "family_violence"),
    ("my husband holds my debit card and checks every text I send", "family_violence"),
    ("my dad is in his truck in the closed garage, motor running, and he's not answering", "health"),
    ("worst headache I've ever had, came on all of a sudden, and my vision is blurry in one eye", "health"),
    ("mon père vomit du sang depuis une heure", "health"),
    ("my brother goes from crying to euphoric in a few hours and he spent all his rent money on a motorbike", "mental_health"),
    ("I'm going to go break my landlord's face tonight I swear", "mental_health"),
    ("mon ancienne blonde a publié des photos intimes de moi, c'est légal ça?", ("family_violence", "legal")),
    ("need iron pills, always tired", "health"),
    # Utilities not yet connected after a move.
    ("we just moved in and the power isnt hooked up yet, who do I call", "utilities"),
    ("on vient d'emménager pis l'électricité est pas encore branchée", "utilities"),
    # A warning sign about life itself comes first, though the practical needs are told at length.
    ("je vois aucun avenir pour moi, le chômage est fini, le char a besoin de freins pis le loyer est en retard",
     "mental_health"),
    ("so tired of everything. my EI ran out, the truck needs a clutch and rent is late", "mental_health"),
    # A stranger following the writer, only asked about, is still a police matter.
    ("un inconnu me suit depuis l'arrêt d'autobus tous les soirs", "legal"),
])
def test_families_of_train_signs(text, want):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.primary in (want if isinstance(want, tuple) else (want,)), (reader, result.needs)


# Someone else's small children left alone for days is a child-protection matter; one's own left asleep to go to
# work stays a childcare need (the lexicons' reading).
@pytest.mark.parametrize("text, want", [
    ("ma voisine est partie depuis deux jours, ses deux petits de 2 et 4 ans sont tout seuls dans l'appart",
     "family_violence"),
    ("the neighbour kids, maybe 3 and 4, have been on their own since saturday, nobody came home", "family_violence"),
    ("i left my 2 year old asleep at home to do a night shift, is there any overnight daycare", "childcare"),
])
def test_children_left_alone_of_train_signs(text, want):
    result = triage(text, reader=False)
    assert result.primary == want, result.needs


# A child shut in a car in the heat is a health emergency first.
@pytest.mark.parametrize("text", [
    "a toddler is alone in a truck at the Co-op, windows up, it's so hot out and he's not crying anymore",
    "un petit gars de 3 ans tout seul dans un char stationné au soleil, les vitres montées",
])
def test_child_in_a_hot_car_is_health_first(text):
    result = triage(text, reader=False)
    assert result.risk == "crisis" and result.primary == "health", result



# train_roots families


@pytest.mark.parametrize("text, want", [
    # ID papers told as what a benefit file needs: income (LABELS.md, "ID for benefits"); ID alone stays legal.
    ("lost my purse with my birth certificate and SIN card, now I can't apply for AISH", "income"),
    ("my dad's ID burned in the fire and the EI office won't take his claim without it", "income"),
    ("j'ai perdu mon acte de naissance, je peux pas faire ma demande d'aide sociale sans papiers", "income"),
    ("lost my wallet with all my ID, how do I replace my birth certificate", "legal"),
    # A benefit that never started, is stuck or frozen; EI said in French; OAS and GIS; payday loans.
    ("my CPP never started even though I turned 65 in march", "income"),
    ("mes prestations d'AE sont bloquées depuis 3 semaines", "income"),
    ("ma rente de vieillesse a pas commencé pis j'ai 66 ans", "income"),
    ("mon EI est pas arrivé", "income"),
    ("ma mère reçoit la sécurité de la vieillesse mais son supplément de revenu garanti a été coupé", "income"),
    ("the payday loans take my whole pay every two weeks", "income"),
    # Hours slashed or halved: hours cut (income accepted by the sets).
    ("they slashed my hours at the warehouse, rent is coming up", ("employment", "income")),
    ("on m'a coupé mes heures de moitié au resto", ("employment", "income")),
    # A trade's own tools stolen; a record check asked by an employer; trained abroad.
    ("someone stole my welding tools from the truck, can't work without them", "employment"),
    ("the warehouse hired me but the criminal record check costs $40 and I have nothing till payday", "employment"),
    ("I'm a nurse trained in the Philippines, how do I get licensed to practice here", "employment"),
    ("je suis ingénieure formée en Algérie, comment faire reconnaître mes diplômes ici", "employment"),
    # An eviction days away comes before what else is listed.
    ("eviction thursday, and my daughter needs a winter coat for school", "housing"),
    ("expulsion jeudi pis ma fille a besoin d'un habit de neige", "housing"),
    ("the landlord said the broken fridge is my problem, not his", "housing"),
    # Stress about a thing names the thing; stress and lost sleep after the causes are what they led to.
    ("I'm not in any danger, just worried sick about the water bill", "utilities"),
    ("chu pas suicidaire, juste inquiète pour la facture de gaz", "utilities"),
    ("my hearing at the RTDRS is friday and my AISH cheque is late, I'm so stressed I can't sleep",
     ("legal", "housing", "income")),
    # What one has, or turns down, is not what is asked.
    ("don't send me to a shelter, I have a bed. I need a winter jacket", "clothing"),
    ("j'ai à manger, merci, c'est un manteau pour mon gars qui manque", "clothing"),
    ("don't want rehab, want a job. clean two years", "employment"),
    ("paid the landlord my last cash to stop the eviction, now there's nothing to eat", "food"),
    ("j'ai payé le proprio pour arrêter l'expulsion, y reste rien pour manger", "food"),
    # Leaving a shelter is background; a newcomer family's list starts with the home.
    ("une famille qui sort du refuge a besoin de couches pour le bébé", "childcare"),
    ("just arrived from Syria with my family, we need an apartment, clothes and English classes", "housing"),
    # Shorthand.
    ("cant get outta bed for days now, no energy", "mental_health"),
    # The same families told for someone else.
    ("elle peut pas s'inscrire à l'aide sociale sans son acte de naissance", "income"),
    ("ma mère a pas besoin de banque alimentaire, elle a à manger, c'est des bottes qu'il lui faut", "clothing"),
    ("he doesn't want detox, he wants a place to live", ("housing", "shelter")),
    ("elle est pas suicidaire, juste stressée par sa facture de cell", "utilities"),
    ("they just arrived from Ukraine, they need housing, clothes and jobs", "housing"),
    # A state denied is not what is asked; ID papers for a pension.
    ("pas en détresse, juste stressée à cause du loyer", "housing"),
    ("not depressed or anything, just stressed about rent", "housing"),
    ("ma mère peut pas avoir sa pension parce qu'elle a perdu ses papiers", "income"),
])
def test_families_after_train_roots(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert result.risk is None, result


@pytest.mark.parametrize("text, risk", [
    # Violence tonight, and fleeing with the children: violence now.
    ("my boyfriend punched me tonight, I have to get out with my two little ones", "crisis"),
    ("mon mari m'a bousculée à soir, je dois partir avec mes enfants", "crisis"),
    # "Plus en danger que jamais" compares: more in danger, not no longer.
    ("je suis plus en danger que jamais depuis qu'il est sorti de prison", "crisis"),
    # "Right now" stays now, whatever follows it.
    ("he hit me right now the landlord is calling the cops", "crisis"),
    # A safe house or a place to hide asked for: asked about at least.
    ("where's a safe house for women in red deer", "possible"),
    ("besoin d'un endroit sécuritaire pour me cacher avec mes enfants", "possible"),
    # A child or a young teen on fentanyl or opioids.
    ("my 14 year old son is smoking fentanyl, I found foil in his room", "possible"),
    ("ma fille de 16 ans prend des opioides je pense", "possible"),
])
def test_risks_after_train_roots(text, risk):
    for reader in (False, True):
        assert triage(text, reader=reader).risk in (("crisis",) if risk == "crisis" else ("crisis", "possible"))


@pytest.mark.parametrize("text", [
    # Violence told as over, a bed wanted tonight.
    "he hit me years ago, I need a shelter bed tonight",
    # Tonight, but no one hurting the writer: a ball, a push to apply, a landlord's or a boss's threat.
    "the ball hit me tonight at hockey lol, need a physio",
    "my sister pushed me tonight to apply for the job",
    "my landlord threatened me tonight with eviction",
    "mon chum m'a poussée à soir à appeler pour de l'aide avec le loyer",
    # A safe house for young people is a youth shelter.
    "what's a safe house for teens, my son needs a place",
    # An adult on fentanyl, a teen on crystal: a treatment need.
    "my son is 25 and on fentanyl, how do I get him into treatment",
    "my 17 year old is using crystal, is there a program",
    # No longer in danger; money taken and "now the bill": what the story led to.
    "he moved out, I'm no longer in danger, but I need help with the rent alone",
    "y'est parti, chu pu en danger, j'ai besoin d'aide pour l'épicerie",
    "my ex emptied our joint account and now the power bill is overdue",
    "mon mari prend toute ma paye pis maintenant le loyer est en retard",
    # A level through the roof is no height.
    "my stress is through the roof with these bills",
])
def test_look_alikes_of_train_roots_stay_calm(text):
    assert triage(text, reader=False).risk is None


@pytest.mark.parametrize("text, want", [
    # Proof of income asked with no job yet: the job first.
    ("the landlord needs proof of income and I have no job yet", ("employment", "income")),
    ("le proprio demande une preuve de revenus, j'ai pas encore d'emploi", ("employment", "income")),
    # Nobody hires without an address: a home first.
    ("no one hires you without an address, I need an apartment first", "housing"),
    # An expired work or study permit: an immigration matter before the job it costs.
    ("my work permit expired last week and my boss let me go", "legal"),
    ("mon permis d'études a expiré pis je travaille plus, j'ai peur pour le loyer", "legal"),
    # Yelled at, put down by a partner, told by a relative.
    ("my sister gets yelled at by her husband all the time and wants out", "family_violence"),
    ("ma soeur se fait rabaisser par son mari tout le temps", "family_violence"),
    # Wanting lighter work, or to become a nurse or a paramedic: employment, not health.
    ("my knees are shot from roofing, need a job that's less physical", "employment"),
    ("je voudrais une job moins physique, mon dos lâche", "employment"),
    ("I want to become a paramedic, how do I get into the program", "employment"),
    ("je veux devenir préposée aux bénéficiaires, c'est quoi les étapes", "employment"),
    # A child's shots; suicide-prevention training.
    ("my son needs his shots for school, where do we go", "health"),
    ("is there a safeTALK workshop for our church volunteers", "mental_health"),
    ("formation en prévention du suicide pour les profs de l'école?", "mental_health"),
    # What one will look for after getting help is downstream of it.
    ("I lost my place because of gambling, I want to get help before I look for a new one", "substance_use"),
])
def test_older_set_families_fixed_with_train_roots(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs


@pytest.mark.parametrize("text, want", [
    # Someone else's small children alone since yesterday: family violence (child protection), a crisis.
    ("the neighbours' kids, 2 and 4, have been alone in the suite since yesterday, nobody came back", "family_violence"),
    # One's own children left asleep to go to work stays a childcare need.
    ("i leave my 4 and 6 year old sleeping at home while i work nights, i need a sitter", "childcare"),
])
def test_children_left_alone_whose_children(text, want):
    result = triage(text, reader=False)
    assert result.primary == want, result.needs
    assert result.risk is not None


@pytest.mark.parametrize("text, want", [
    # Wanting to become a peer or street worker after recovery: a job (substance use accepted).
    ("sobre depuis un an, je veux devenir intervenante de rue", ("employment", "substance_use")),
    # Intimate images posted by an ex: family violence.
    ("my ex posted nude pics of me on instagram", "family_violence"),
    ("il a publié des vidéos intimes de moi sur un site", "family_violence"),
])
def test_more_families_after_train_roots(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs


@pytest.mark.parametrize("text, want", [
    # A benefit that stopped coming; a benefit asked for; waiting on a cheque; debt counselling.
    ("mon chèque d'AE rentre pu depuis deux semaines pis le loyer s'en vient", "income"),
    ("comment faire une demande pour l'aide sociale? je suis malade", "income"),
    ("tired of waiting for my AISH cheque, not suicidal just broke", "income"),
    ("is there debt counselling that's free in Lethbridge", "income"),
    # Clothes stolen; a trade or a profession from abroad; cooking for oneself no longer possible; cheap phones.
    ("on a volé les bottes de mon fils à l'école", "clothing"),
    ("I was an engineer back in Iran, now I clean offices, how do I get back in my field", "employment"),
    ("j'étais enseignante en Haïti, comment travailler dans une école ici", "employment"),
    ("je veux suivre un cours de cariste mais j'ai pas d'argent", "employment"),
    ("since my hip surgery I can't cook for myself, any meal programs", "food"),
    ("looking for a cheap phone plan, mine got cut", "utilities"),
    ("y a-tu des cellulaires gratuits pour les gens à faible revenu", "utilities"),
])
def test_lexicon_families_of_older_sets_after_train_roots(text, want):
    result = triage(text, reader=False)
    assert result.primary == want, result.needs


@pytest.mark.parametrize("text, want", [
    # "hours got cut" (the old term demanded "been": the | pitfall); arrears beside the rent.
    ("owe my landlord a month because my hours got cut at the plant", ("employment", "income")),
    ("any help with arrears? the rent is 2 months behind", "housing"),
    # Clothes one has are not asked for; a cheque to get after the ID was stolen.
    ("j'ai du linge, c'est la bouffe qui manque", "food"),
    ("I have clothes, it's food we're missing", "food"),
    ("my wallet got stolen with my AISH card and ID, how do I get my cheque", "income"),
    # A women's shelter asked with no one fled is a bed.
    ("any womens shelter in red deer? not fleeing anyone, the house burned down", ("shelter", "housing")),
])
def test_last_families_after_train_roots(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert result.risk is None


# blind_r families
@pytest.mark.parametrize("text, want", [
    # Someone to watch the kids is babysitting, not being watched; a school keeping a child in without boots is
    # clothing, not someone held; not able to focus for hunger is food (no body in trouble).
    ("got a job at the warehouse but nobody watches my son before 7am", ("childcare", "employment")),
    ("I could take the night shift if somebody watched the kids till midnight", ("childcare", "employment")),
    ("l'éducatrice le laisse pas sortir jouer, il a pas de bottes d'hiver", "clothing"),
    ("my daughter's school won't let her go out at recess without snow pants, we can't afford them", "clothing"),
    ("cant focus in class, havent eaten since yesterday, any food bank near NAIT", "food"),
    # Drinking all day since a death, and asking for help: substance use first, grief beside it.
    ("depuis que mon mari est mort je bois toute la journée, aidez-moi", "substance_use"),
    ("since my wife passed I drink from morning till night, I want help", "substance_use"),
    # A relative (not a partner or an ex) armed and gone after a man outside the family: a police matter.
    ("mon oncle dit qu'il va péter la face au voisin, il est parti avec un bâton de baseball", "legal"),
    ("my brother says he's going to beat up the guy who owes him money, he just left with a bat", "legal"),
    ("mon beau-frère dit qu'il va retrouver le gars qui l'a volé, il a un bâton de baseball dans son truck", "legal"),
    # Sizes and the clothes one was arrested in: clothing first.
    ("just got out of the remand centre, all I have is what I was wearing when they picked me up. mens XL, 34 waist",
     "clothing"),
    ("mon client sort du centre de détention demain, il a juste ce qu'il avait sur le dos, taille 34, du L en homme",
     "clothing"),
])
def test_blind_r_need_families(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert result.risk is None or want == "legal", result


@pytest.mark.parametrize("text, risk, want", [
    # Look-alikes that stay as they are: an ex watching the kids from his car, a son kept in the house, a partner or
    # an ex going after the writer's new partner (family violence), a diabetic sweaty and unable to focus.
    ("my ex watches my kids from his car outside the school every day", "possible", "family_violence"),
    ("mon ex dit qu'il va casser la gueule à mon nouveau chum, il a un bâton de baseball", "crisis", "family_violence"),
    ("he's diabetic, sweaty and cant focus, what do I do", "crisis", "health"),
    ("mon ex dit qu'il va retrouver le gars que je vois, il a un couteau", "crisis", "family_violence"),
])
def test_blind_r_need_look_alikes(text, risk, want):
    result = triage(text, reader=False)
    assert (result.risk, result.primary) == (risk, want), result


# blind_s families
@pytest.mark.parametrize("text, want", [
    # Support skipped by an ex, and the program that collects it: income or legal (a joke and a safety statement
    # beside it raise nothing).
    ("I'd wring my ex's neck, he skipped support payments 3 months in a row haha. he's in Ontario, can maintenance "
     "enforcement do anything", ("income", "legal")),
    ("mon ex paye pu la pension depuis janvier, comment passer par l'exécution des ordonnances alimentaires",
     ("income", "legal")),
    # ID that a cheque or a benefit waits on: income.
    ("AISH says they need ID before they release my payment and my wallet got stolen", "income"),
    ("on m'a volé mes cartes, l'aide sociale veut des papiers avant de me verser mon chèque", "income"),
    # A health card asked about for a clinic or a doctor: health.
    ("can I use an expired care card to see a doctor at the clinic", "health"),
    ("est-ce que j'ai besoin de ma carte d'assurance maladie pour aller à la clinique", "health"),
    # Harm-reduction supplies: substance use.
    ("anywhere in red deer that gives out safer smoking kits and clean rigs", "substance_use"),
    ("où avoir du matériel stérile pis des trousses d'inhalation à Lethbridge", "substance_use"),
    # Québec apartment sizes and "1 ch": housing.
    ("je cherche un 4 1/2 pas trop cher à Calgary pour juillet", "housing"),
    ("on cherche un 2 ch a st paul pour nous 3, max 1400", "housing"),
    # A shelter that keeps a couple together: shelter.
    ("we lost our apartment, is there a shelter that accepts couples in lethbridge", "shelter"),
    ("y a-tu un refuge qui accepte les couples à Edmonton, on est à la rue moi pis ma femme", "shelter"),
    # Worn-out shoes and boots, a pair in a size: clothing (before the walk, the car or the shelter beside them).
    ("my runners have holes and I walk everywhere since I lost my car, need size 10 shoes", "clothing"),
    ("mes espadrilles sont percées, je cherche une paire de bottines pointure 8 pour l'hiver", "clothing"),
    # Nowhere to go, waiting at the hospital with the children: a bed tonight.
    ("we've been sleeping in the ER waiting room with my kids since yesterday, we have nowhere to go", "shelter"),
    ("on dort dans la salle d'attente de l'urgence depuis deux nuits, on n'a pas où aller", "shelter"),
])
def test_blind_s_need_families(text, want):
    result = triage(text, reader=False)
    assert result.primary in (want if isinstance(want, tuple) else (want,)), result.needs
    assert result.risk is None, result


@pytest.mark.parametrize("text, risk, want", [
    # The writer's own threat with a weapon at hand is a danger to others (mental health first), not violence done
    # to the writer; a threat to the writer with a weapon stays violence.
    ("si mon voisin touche encore à mon char je vais lui péter la face, j'ai un bâton de baseball dans l'entrée",
     "crisis", "mental_health"),
    ("il dit qu'il va me casser la gueule, il a un bâton de baseball", "crisis", "family_violence"),
    # Renewing a health card stays legal (no clinic named).
    ("how do I renew my alberta health card, it expired", None, "legal"),
])
def test_blind_s_need_look_alikes(text, risk, want):
    result = triage(text, reader=False)
    assert (result.risk, result.primary) == (risk, want), result


# Voices beside an eviction: the psychosis is the root cause, mental health first (asking about it is fair).
@pytest.mark.parametrize("text", [
    "le proprio veut me mettre dehors parce que je crie la nuit, j'entends des voix pis je leur réponds",
    "getting kicked out of my room because I shout at night, I hear voices and answer them, had a psychiatrist in BC",
])
def test_blind_s_voices_beside_an_eviction_are_mental_health_first(text):
    result = triage(text, reader=False)
    assert result.primary == "mental_health" and result.risk != "crisis", result


# train_frc near misses: a closet ("garde-robe") is no dress, cut-resistant gloves no power cut, and getting rid
# of a gun lawfully is a legal question.
@pytest.mark.parametrize("text, want", [
    ("y a des vieilles bottes dans le garde-robe de ma mère, on cherche des manteaux d'hiver pour les petits", "clothing"),
    ("je commence à l'abattoir, y me faut des manches anti-coupure pis des bottes", "clothing"),
    ("on a hérité des armes de mon grand-père pis on veut s'en débarrasser légalement", "legal"),
])
def test_train_frc_near_miss_needs(text, want):
    result = triage(text, reader=False)
    assert result.primary == want and result.risk is None, result


def test_joual_r_apostrophe_is_re_and_the_shorthand_r_stays_are():
    from bot.triage.text import raw_tokens
    # "r'venir", "r'entendre" are "revenir", "réentendre"; a bare "r" is still the shorthand for "are".
    assert raw_tokens("y va r'venir pis r'garder") == ["y", "va", "revenir", "pis", "regarder"]
    assert raw_tokens("r u ok") == ["r", "u", "ok"]


@pytest.mark.parametrize("text, want", [
    ("I need winter tires to keep my job", "transport"),
    ("j'ai besoin de pneus d'hiver pour garder ma job", "transport"),
    ("need a ride to keep my job", "transport"),
    ("he needs new gloves and boots to keep his job", "employment"),
    ("faut que je change mes bottes de travail pour garder ma job", "employment"),
])
def test_keeping_a_job_is_what_is_at_stake_not_the_need(text, want):
    # The founding case: winter tires to keep a job is a transport problem, answered at once (no question);
    # work gear to keep it is employment (the gear fund).
    result = triage(text)
    assert result.primary == want and result.confident, result
