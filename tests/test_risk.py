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


@pytest.mark.parametrize("text, concern", [
    # Medical emergencies told only by their signs: a stroke, a heart attack, too much taken, a body down.
    ("my mom's face is drooping on one side and she's slurring her words", "others"),
    ("ma mère parle tout croche pis a peut pu lever son bras", "others"),
    ("je pense que mon père fait un AVC", "others"),
    ("crushing pain in my chest and i'm sweating like crazy", "others"),
    ("j'ai une grosse pression dans la poitrine pis mon bras gauche est engourdi", "others"),
    ("took way too many of my pills, now i'm dizzy and throwing up", "self"),
    ("j'ai pris toute la bouteille pis je vois embrouillé", "self"),
    ("a guy collapsed at the bus stop and he's snoring really weird", "others"),
    ("mon coloc s'est effondré dans la salle de bain pis je peux pas le réveiller", "others"),
    ("been sleeping outside for 3 nights and i lost feeling in my toes", "others"),
    ("its -28 and i cant stop shivering", "others"),
    ("bleeding through the bandage from where i cut", "others"),
    ("cut again tonight, it wont stop bleeding", "self"),
    # A weapon shown in fights, told as a habit; a drunk driver with a small child; a teenager held.
    ("he pulls out his knife every time we argue", "violence"),
    ("y'a un fusil depuis l'an passé pis y me le sort quand on se chicane", "violence"),
    ("my husband is wasted and drove off with the baby", "others"),
    ("mon chum est saoul pis y'est parti avec le petit dans le char", "others"),
    ("my 14 year old is at some guy's place she met online and he won't let her leave", "others"),
    ("mon gars de 16 ans est chez un inconnu qui le laisse pas partir", "others"),
    # Danger to others: the person writing about to hurt someone, lethal threats in other words, psychosis armed.
    ("gonna put that guy in the ground if he touches my stuff again", "others"),
    ("i swear i'll stab him if he comes near me again", "others"),
    ("j'ai envie de tuer quelqu'un, les voix arrêtent pas", "others"),
    ("my brother hears voices and has been carrying a knife around", "others"),
    # Finality: affairs settled and no longer a burden; nobody minding if I were gone.
    ("paid off all my debts and gave my cat to the neighbour. won't need anything after this", "self"),
    ("j'ai donné mon chien à mon frère, je serai pu un fardeau pour personne", "self"),
    ("if i died tonight nobody would even notice", "self"),
    ("si je disparaissais, personne s'en rendrait compte", "self"),
    ("mes parents seraient plus heureux si j'étais pu là", "self"),
])
def test_blind_i_kinds_in_other_words_are_read_as_act_now(text, concern):
    result = triage(text, reader=False)
    assert result.risk == "crisis", (text, result)
    assert result.concern == concern, (text, result.concern)


@pytest.mark.parametrize("text, concern", [
    ("honestly dont care what happens to me anymore", "self"),
    ("je me fous de ce qui m'arrive", "self"),
    ("not sure how much longer i can hold on", "self"),
    ("je sais pas combien de temps je vais toffer", "self"),
    ("gave my puppy away today. he deserves better than me", "self"),
    ("my sister's boyfriend won't let her leave the house", "violence"),
])
def test_blind_i_warning_signs_in_other_words_are_asked_about(text, concern):
    result = triage(text, reader=False)
    assert result.risk == "possible", (text, result)
    assert result.concern == concern


@pytest.mark.parametrize("text", [
    "my wife's gonna kill me if i forget the milk again",
    "ma blonde va me tuer si j'oublie encore l'épicerie",
    "my mom will murder me if i break another phone",
    "j'ai failli faire une crise cardiaque quand j'ai vu la facture",
    "my dad had a heart attack last year and now can't work, need help with bills",
    "need to get this off my chest, my landlord is a jerk and i cant breathe in this mouldy place",
    "i took too many shifts this week lol, any daycare open late?",
    "got my vision checked, seeing double sometimes, need cheap glasses",
    "the ceiling collapsed in my bathroom and the landlord won't answer",
    "slept outside last night, it was freezing, need a shelter bed",
    "j'ai dormi dans le parc, y faisait frette, y'a-tu un refuge?",
    "i had to give my dog to my sister because the new apartment doesnt allow pets",
    "j'ai enfin payé toutes mes dettes! maintenant je cherche un logement",
    "if I was gone for a week nobody would notice the mess lol",
    "the hospital won't let me leave without a car seat for my baby",
    "my ex won't let the kids come to my place this weekend",
    "my son is in high school and drives to work",
    "i'm gonna shoot him a text about the rent",
    "my hours got cut again, need a second job",
    "they cut my AISH again, need help with rent",
    "how long can i stay at the shelter?",
])
def test_look_alikes_of_blind_i_kinds_stay_calm(text):
    result = triage(text, reader=False)
    assert result.risk is None, (text, result)


def test_a_statement_of_safety_does_not_cancel_violence_at_the_door():
    assert triage("he said he would kill me and he is at my door right now, we are safe inside for now").risk == "crisis"


# blind_j's kinds, in other words than the set's (tried before and after the fixes).
@pytest.mark.parametrize("text, concern", [
    # Low blood sugar in a diabetic.
    ("my daughter has type 1 diabetes and she's sweaty and not making sense, we're out of juice", "others"),
    ("mon gars est diabétique, y tremble pis y est tout confus, on a pu de jus", "others"),
    # A seizure, a fall with no answer.
    ("my friend is on the floor shaking all over and foaming at the mouth", "others"),
    ("ma mère est tombée dans l'escalier pis a répond pas", "others"),
    # Means worked out, with a pet's keeper after.
    ("googled how many of my meds it would take. who gets my dog after, my sister?", "self"),
    # Voices ordering harm, in French as in English.
    ("les voix me disent de frapper mon frère", "others"),
    ("voices keep telling me to hurt my neighbour", "others"),
    # The cold: a temperature and no feeling in the hands.
    ("sleeping outside at minus 30, I can't feel my toes", "others"),
    ("chu dehors depuis hier, il fait -38, j'ai pus de sensation dans les pieds", "others"),
    # Armed and going after someone: a danger to others.
    ("grabbed my knife, the guy who robbed me lives on 5th and I'm on my way over", "others"),
    ("j'ai pris le bat de baseball pis le gun, je m'en vais chez eux", "others"),
    # A loaded gun in the writer's hand with a wish to die: about the self.
    ("i want to die, the gun is loaded in my hand", "self"),
    # A child hit, and a threat of a lesson; an urge to shake a baby; a drunk driver off with the children.
    ("my boyfriend slaps my son and says he'll teach him a lesson when he gets home", "others"),
    ("mon chum frappe ma fille pis y dit qu'y va lui montrer une leçon à soir", "others"),
    ("I'm alone with the baby and I'm scared I'll shake him, he won't stop crying", "others"),
    ("j'ai peur de le secouer, le bébé arrête pas de pleurer", "others"),
    ("mon père est saoul pis y vient de partir en char avec mes petits frères", "others"),
    ("my husband is drunk and just drove off with the kids", "others"),
    # Means in front of the writer and joining someone who died.
    ("all my pills are in front of me tonight and I just want to go join my dad", "self"),
])
def test_blind_j_kinds_in_other_words_are_read_as_act_now(text, concern):
    result = triage(text)
    assert result.risk == "crisis" and result.crisis is True, (text, result)
    assert result.concern == concern, (text, result.concern)


def test_despair_about_everything_is_asked_about_beside_a_practical_need():
    assert triage("lost my job, lost my place, honestly done with everything", reader=False).risk == "possible"
    assert triage("chu fini avec tout, j'ai perdu mon logement pis mes enfants", reader=False).risk == "possible"
    # Aimed at a thing, it is exasperation with that thing.
    assert triage("done with all of this paperwork, need help with my AISH form", reader=False).risk is None


@pytest.mark.parametrize("text", [
    "my dad's gonna kill me if I get fired again",
    "ma mère va me tuer si je me fais expulser encore",
    "we're freezing in the apartment, the furnace is broken",
    "on gèle dans la maison, la fournaise marche pus pis le proprio rappelle pas",
    "the landlord isn't answering my texts about the leak",
    "je suis en sécurité, je veux juste savoir comment le quitter pour de bon",
    "rent went through the roof, need a cheaper place",
    "j'ai le cœur dans les talons mais je pense pas à mourir, juste besoin de parler",
    "I'm diabetic and need help paying for insulin",
    "i fell on the ice last week and my wrist hurts, need a clinic",
    "how many pills of tylenol can i take for a toothache",
    "my coach wants to teach us a lesson about teamwork",
    "j'ai hâte d'aller la rejoindre à Calgary la semaine prochaine",
    "my baby won't stop crying and I'm exhausted, any parenting help?",
])
def test_look_alikes_of_blind_j_kinds_stay_calm(text):
    result = triage(text, reader=False)
    assert result.risk != "crisis", (text, result)
    assert result.risk is None or "kill me" in text or "tuer" in text, (text, result)


def test_the_writer_threatened_by_someone_armed_is_violence_not_danger_to_others():
    assert triage("my ex lives near me and he has a gun").concern == "violence"
    assert triage("he has a knife and he's on his way over").concern == "violence"


@pytest.mark.parametrize("text, concern", [
    # The writer threatening to hurt a named person.
    ("if my worker cuts my cheque again I'm going to hurt her", "others"),
    ("je vais lui faire mal à mon intervenante si elle me coupe encore", "others"),
    # A stroke: a face drooping and slurred words, in both languages.
    ("my mom's mouth is drooping and her speech is slurred", "self"),
    ("mon père a le visage tout croche pis ses mots sont pâteux", "self"),
    # A severe allergic reaction.
    ("got stung by a bee and my tongue is swelling up", "self"),
    ("mon fils a mangé du beurre de peanut, sa gorge enfle", "self"),
    ("i think i ate shrimp, i can't breathe and my lips are swollen", "self"),
    # A seizure told in French.
    ("mon coloc convulse sur le plancher", "self"),
    ("ma fille est en train de convulser", "self"),
    # Someone forcing the door of the room the writer is shut in.
    ("he's kicking the bedroom door, i'm locked in the bathroom", "violence"),
    ("mon ex défonce la porte, je suis enfermée dans la chambre", "violence"),
])
def test_blind_k_kinds_in_other_words_are_read_as_a_risk(text, concern):
    result = triage(text, reader=False)
    assert result.risk in ("crisis", "possible"), (text, result)


@pytest.mark.parametrize("text", [
    "je sais plus pourquoi je me lève le matin, je dors pu",
    "honestly don't even know why i get up anymore, nothing to get up for",
])
def test_losing_reasons_to_get_up_is_asked_about(text):
    assert triage(text, reader=False).risk in ("possible", "crisis"), text


@pytest.mark.parametrize("text", [
    "je veux pas me faire du mal, j'ai juste besoin de parler à quelqu'un",
    "i don't want to hurt myself, i just need to talk to someone",
    "i'm allergic to peanuts, where's a food bank that labels allergens",
    "my teenager slammed his door and locked himself in his room again",
    "the neighbour is locked out, the door is stuck",
    "j'ai peur de convulser si j'arrête de boire, besoin d'un detox",
    "i'm scared i'm going to hurt her feelings if i move out",
])
def test_look_alikes_of_blind_k_kinds_stay_calm(text):
    result = triage(text, reader=False)
    assert result.risk != "crisis", (text, result)


@pytest.mark.parametrize("text", [
    "je suis en sécurité maintenant mais il me suit avec un couteau",
    "I'm safe now but he's following me with a knife",
])
def test_danger_told_after_but_undoes_a_statement_of_safety(text):
    assert triage(text).risk == "crisis"


@pytest.mark.parametrize("text", [
    "we are safe now but need a lawyer for the protection order",
    "je suis en sécurité maintenant, mais j'ai besoin d'un avocat",
])
def test_a_need_told_after_but_keeps_the_statement_of_safety(text):
    assert triage(text).risk is None


# train_crisis.jsonl (written blind to the code) found these families missing; the same kinds in other words.
@pytest.mark.parametrize("text", [
    "my inhaler is empty and i can't catch my breath, my lips look blue",
    "ma pompe fait plus rien pis j'arrive pas à reprendre mon souffle",
    "my roommate sliced his hand open, blood is pouring out and it won't stop",
    "il s'est ouvert le bras sur une tôle, le sang pisse partout",
    "my toddler just swallowed a magnet from the fridge",
    "ma fille a croqué une capsule de savon à vaisselle, elle tousse pis elle bave",
    "my dad drank paint thinner by accident and his throat is burning",
    "my son banged his head at hockey and now he keeps throwing up",
    "mon père s'est cogné la tête dans l'escalier, y sait pu quel jour on est",
    "my friend got hit by a truck on whyte ave, his leg is bent backwards",
    "ma voisine est tombée de son balcon, elle peut pas bouger",
    "been picking fruit in the sun all day, my buddy stopped sweating and hes confused",
    "mon père a travaillé au soleil toute la journée, il est brûlant pis il délire",
    "i'm 30 weeks pregnant and my water broke, i'm alone",
    "j'ai perdu les eaux pis j'ai des contractions, je suis enceinte de 7 mois",
    "my glucose meter reads HI and i can't stop throwing up",
    "my grandpa took twice his blood pressure pills and his pulse is really weak",
    "im going to walk into the lake tonight",
    "i feel at peace since i made my decision. stop worrying about me",
    "j'ai cherché sur google combien d'ativan ça prend, j'en ai ramassé plein",
    "got a rifle at my place. i won't hurt anybody but myself",
    "my dad is hitting on my mom right now and i'm scared, i'm 11",
    "mon chum frappe ma soeur pis j'ai peur",
    "i can hear slaps through the wall and the kid next door has been screaming for an hour",
    "he has a no contact order and he's parked outside my work",
    "my stepfather comes into my bed at night",
    "he poured gasoline in the hallway and says he'll light it with us inside",
    "this guy at the bus depot is swinging a crowbar at people",
    "mon coloc a lâché ses pilules, y dit que dieu lui dit de punir le voisin, y a une hache",
])
def test_train_crisis_kinds_in_other_words_are_read_as_act_now(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk == "crisis", (text, reader, result)


@pytest.mark.parametrize("text", [
    "the rent is choking us, can we get help with arrears",
    "mes dettes m'étouffent, je cherche un conseiller budgétaire",
    "quitting this job would be social suicide but i need a new one",
    "is there a first aid course on what to do if someone has a stroke",
    "y a-tu une formation sur les surdoses pour les intervenants?",
    "how do i recognize signs of a heart attack? my dad has heart problems",
    "saw on the news about overdoses downtown, my son uses, where is detox",
    "he strangled me years ago, i left him and he lives in bc now, i want to volunteer",
    "need a glue gun and some supplies for my kids school project",
    "my water heater broke and the landlord won't fix it",
    "my kid got a bruise at the park, is there a free walk-in clinic",
    "i made up my mind, i'm going back to school in september",
    "got hit by a car two years ago, still need physio, any funding?",
    "my 4 yr old burned her hand on the stove last month, it healed fine, need daycare",
    "had a stroke in 2019 and my arm is still weak, need help with forms",
    "diabetic and always thirsty, need help paying for insulin",
    "I'm sitting outside the shelter waiting for the door to open",
    "je cherche une gardienne pour mes enfants pour aller danser samedi",
    "je vis toute seule dans l'appart avec mon bébé, besoin de couches",
    "my husband has not come home since friday, I have 3 kids and no money",
    "bleeding heavily with my period, need pads",
    "I have a week of pills left and my prescription ran out",
    "I was in a car accident, need help with insurance",
    "I'm burning up with fever, need a clinic",
    "I've been saving it for weeks for rent",
    "je vais les prendre demain à la pharmacie",
    "je vais les planter au printemps dans le jardin communautaire",
    "he keeps hitting on me at work, it's gross",
    "my toddler comes into my bed at night, any sleep programs?",
    "they said tonight is my last night at the shelter, where do i go",
    "mon enfant a oublié son sac dans l'auto",
    "I would never hurt anyone, I just need housing",
])
def test_look_alikes_of_train_crisis_kinds_stay_calm(text):
    """Bills that choke, training and news about overdoses, tools called guns, old injuries, a decision
    about school, strangulation told years ago by someone who left: no crisis, no question."""
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, need", [
    ("my husband has had chest pain since lunch but he refuses to take a cab to emergency", "health"),
    ("ma mère a le visage croche depuis à matin, a veut pas que j'appelle le taxi", "health"),
    ("the little ones upstairs always wear shorts in december and look really skinny", "childcare"),
])
def test_one_sign_about_someone_else_puts_the_need_that_answers_it_first(text, need):
    """A body in trouble is a health need, not the ride to the hospital it mentions (possible_needs)."""
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk == "possible" and result.primary == need, (text, reader, result)


@pytest.mark.parametrize("text, concern", [
    # A small child hit with a thing one hits with, a son called "mon gars" / "le garçon".
    ("ma blonde fesse notre garçon de 4 ans avec une cuillère de bois quand elle est fâchée", "violence"),
    ("my stepdad whips my little brother (5) with an extension cord", "violence"),
    ("my boyfriend beats my 3 year old boy with a belt when im at work", "violence"),
    # A heart attack: something heavy on the chest, with the jaw or the sweat.
    ("it feels like an elephant sitting on my chest and my jaw hurts, sweating buckets", "others"),
    ("comme un camion sur la poitrine pis mon bras gauche est engourdi", "others"),
    # An allergic reaction: a face or eyes swelling, breathing with a whistle.
    ("my baby ate a peanut and now his eyes are swollen shut and he's wheezing", "others"),
    ("ma fille a été piquée par une guêpe, sa face enfle pis elle respire en sifflant", "others"),
    # A threat to burn a place, with fuel at hand.
    ("le coloc menace de mettre le feu à l'appart, il a sorti une canne de gaz", "others"),
    ("my roommate says he's gonna burn the place down, he bought a jerry can today", "others"),
])
def test_crisis_families_after_blind_l(text, concern):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk == "crisis" and result.concern == concern, (text, reader, result)


@pytest.mark.parametrize("text, concern", [
    # "À quoi ça sert" / "what's the point" said bare, about everything, beside a practical need.
    ("écoeurée de toute. ça sert à rien. merci quand même pour les adresses des refuges", "self"),
    ("whats the point. thanks for the list of food banks anyway", "self"),
    # Drinking, and someone turning mean with it: is she safe?
    ("my husband drinks every night and gets mean, calls me names in front of the kids", "violence"),
    ("quand il boit il devient agressif pis il m'insulte devant les petits", "violence"),
])
def test_warning_signs_after_blind_l_are_asked_about(text, concern):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk == "possible" and result.concern == concern, (text, reader, result)


@pytest.mark.parametrize("text", [
    # Aimed at a thing, not everything.
    "what's the point of applying again, they never call back. need a job",
    "à quoi ça sert de remplir ce formulaire si l'AISH refuse encore",
    # Drinking alone, or mean alone.
    "mon mari boit tous les soirs, on a besoin d'aide pour sa consommation",
    "he gets mean when he's hungry lol, need food bank hours",
    # A denial of suicide, however it is asked again.
    "not thinking of ending things, everybody keeps asking. i just need a room for the week",
    "je pense pas à en finir, tout le monde me le demande. j'ai juste besoin d'un lit",
    # A belt, a gas can, marks from eczema, a discovery, recurring falls.
    "my son needs a new belt for his school uniform, he's 7",
    "mon gars de 6 ans a besoin d'une ceinture pour son pantalon",
    "I need a gas can for my truck, ran out on the highway",
    "mon gars a des marques sur les bras de l'eczéma, besoin d'un médecin pour mes 2 enfants",
    "just found out my sister has been using dad's credit card, he's 78, what can we do",
    "ma mère est tombée trois fois cette semaine, elle a besoin d'une marchette",
    "dad fell twice this month, need a bath chair and grab bars",
])
def test_look_alikes_of_blind_l_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, concern, need", [
    # Someone else's threat against someone outside the family: a danger to others, a police matter (legal).
    ("mon beau-frère dit qu'il va tirer sur le patron du garage, il a sorti sa carabine", "others", "legal"),
    ("a guy at the drop in keeps saying he'll shoot up the clinic, he showed me a pistol", "others", "legal"),
    # ... but with psychosis, mental health first.
    ("my roommate hears voices and says he'll stab the neighbour, he has a knife", "others", "mental_health"),
    ("ma soeur dort plus, elle dit que la voisine empoisonne notre eau pis elle est sortie avec un marteau",
     "others", "mental_health"),
    # A child left in a vehicle; someone lying out who does not answer.
    ("my sister left her toddler in the truck outside the bingo hall, its been 40 min and its freezing", "others",
     "childcare"),
    ("she's lying on the ground by the bus shelter and won't respond, no coat", "others", "health"),
    ("un monsieur est étendu par terre derrière l'église pis il répond pas", "others", "health"),
])
def test_crisis_families_after_blind_m(text, concern, need):
    result = triage(text)
    assert result.risk == "crisis" and result.concern == concern, result
    assert result.primary == need, result.needs


@pytest.mark.parametrize("text", [
    # Threats against family stay family violence; the writer's own threat stays mental health.
    "my neighbour says he's going to stab his wife when she gets home, he has a knife",
])
def test_threats_in_the_family_stay_family_violence_after_blind_m(text):
    result = triage(text)
    assert result.crisis and result.primary == "family_violence", result.needs


@pytest.mark.parametrize("text", [
    # A forced marriage planned: asked about (is she safe?), a family violence need.
    "my friend is 16 and her dad wants to send her back home to marry a man she never met",
    "ma nièce a peur, sa famille veut la marier contre son gré l'an prochain",
])
def test_forced_marriage_is_asked_about(text):
    result = triage(text)
    assert result.risk == "possible" and result.concern == "violence", result
    assert result.primary == "family_violence", result.needs


@pytest.mark.parametrize("text", [
    # A landlord done waiting is no one going after someone; a roof one still has is no height.
    "my landlord is done waiting for the rent, he says out by friday",
    "on a toujours un toit mais le bail finit en juin, on cherche un 4 et demi",
    # Done with the weather is exasperation.
    "tellement tannée de l'hiver, j'ai besoin de parler à quelqu'un",
    # Things left in a car, not a child.
    "left my phone in the car and the kids are hungry, need food",
    "i left the baby's car seat in the car and it got stolen, where can i get a new one",
])
def test_look_alikes_of_blind_m_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, concern, need", [
    # Someone else took a lot of pills and is hard to wake: an overdose (substance use), whatever was meant.
    ("my roommate popped a handful of pills and now he's snoring weird and hard to wake", "others", "substance_use"),
    ("ma soeur a avalé une poignée de pilules pis elle est dure à réveiller", "others", "substance_use"),
    # Leaving with a weapon to settle it with a man outside the family: danger to others, a police matter.
    ("my brother just left with a machete, says he's going to settle it with the dealer", "others", "legal"),
    ("mon ami est sorti avec un bat, il dit qu'il va régler ses comptes avec le voisin", "others", "legal"),
    # Thinking of hurting a named person: a danger to others.
    ("i keep having thoughts about strangling my coworker, i'm scared of myself", "others", "mental_health"),
    # Self-harm told of someone else.
    ("my son is cutting his arms again, found blood on his sleeves", "self", "mental_health"),
])
def test_crisis_families_after_blind_n(text, concern, need):
    result = triage(text, reader=False)
    assert result.crisis and result.concern == concern, result
    assert result.primary == need, result.needs


@pytest.mark.parametrize("text", [
    # Passed out drunk last night, sober today: no overdose now.
    "my dad was passed out on the couch when i got home but he is sober today, where can he get help for drinking",
    # Not afraid of being hit: a statement of safety, not a question to ask.
    "my ex keeps calling my work, I'm not afraid he will hurt me, I just want it to stop. can I get an order?",
    "mon ex me suit partout, j'ai pas peur qu'il me fasse du mal mais je veux une ordonnance",
    # A kitchen knife bought, someone who sorts things out with a man: no weapon, no danger.
    "besoin d'un couteau de cuisine pis des chaudrons pour mon nouvel appart",
    "my landlord left, he will sort it out with the guy who fixes the furnace",
])
def test_look_alikes_of_blind_n_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, risk, concern, need", [
    # Hurt before, and the one who hurt coming back on a set day: violence about to happen again.
    ("my nephew slapped me last month when I wouldn't give him my card, he says he's coming back tomorrow", "crisis",
     "violence", "family_violence"),
    ("mon gendre m'a bousculée dimanche passé pis il revient samedi chercher l'argent", "crisis", "violence",
     "family_violence"),
    # A man outside the family threatening to break the writer's bones: a police matter (legal).
    ("the dealer I owe keeps texting that he's going to break my kneecaps this weekend", "crisis", "violence",
     "legal"),
    ("un type du bar dit qu'il va me péter la gueule si je le rembourse pas vendredi", "crisis", "violence", "legal"),
    # The writer's own intent against a named person outside the family, a weapon at hand: danger to others.
    ("can't stop thinking about what i'm going to do to my supervisor monday. there.s a knife in my glovebox", "crisis",
     "others", "mental_health"),
    # Someone else tracking down a man with a gun: a police matter.
    ("my cousin says he's going to track down the guy who jumped him, he grabbed his dad's rifle", "crisis", "others",
     "legal"),
    # Chest tightness said verb first, with the arm: a heart attack.
    ("ça me brûle dans la poitrine pis ça irradie dans l'épaule gauche, j'ai des sueurs froides", "crisis", "others",
     "health"),
    # No point left in looking after oneself: a warning sign, asked about.
    ("since my husband died i don't see the point in eating or showering much", "possible", "self", "mental_health"),
    ("je vois pu l'intérêt de me lever ni de manger depuis que ma femme est partie", "possible", "self",
     "mental_health"),
])
def test_risk_families_after_blind_o(text, risk, concern, need):
    result = triage(text, reader=False)
    assert result.risk == risk and result.concern == concern, result
    assert result.primary == need, result.needs


@pytest.mark.parametrize("text", [
    # A denial of abuse or violence, then a practical need.
    "nobody is abusing me or anything, my dad just told me to leave after an argument, I'm 16, where do I go tonight",
    "pas de violence chez nous, c'est juste que le bloc a été condamné pis on a nulle part où aller",
    # Sleeping outside told as a way of living for months, and the weather: a shelter need.
    "my brother has been sleeping outside since the summer and it's gonna be -25 this week, does any shelter take dogs",
    "ma fille dort dehors depuis septembre pis y fait -30 ces jours-ci, y a-tu des lits pour les jeunes",
    # A mundane "coming back", with no one hurt.
    "my son is coming back tomorrow to help me move, need boxes and a truck",
    # "ça va me casser la tête": an idiom, no threat.
    "ces formulaires-là vont me casser la tête, quelqu'un peut m'aider avec ma demande d'AISH",
    # No point in a thing of the day, or tired of a practical mess: exasperation, not hopelessness.
    "no point in getting up early, the bus doesnt come till 9",
    "so tired of it all, rent went up again and the landlord wont fix anything",
])
def test_look_alikes_of_blind_o_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, risk, concern, need", [
    # Feeling a burden, in the way, too much: a warning sign asked about, first or third person, beside a bill.
    ("my mom is 79 and keeps saying she's a burden to all of us, any home care we can get?", "possible", "self",
     "mental_health"),
    ("i feel like a nuisance to my kids since the stroke, can i get a ride program for appointments", "possible",
     "self", "mental_health"),
    ("depuis que je vis chez ma fille je me sens de trop. Y a-tu de l'aide pour le loyer pour les aînés?", "possible",
     "self", "mental_health"),
    ("mon père dit qu'il est dans les jambes de tout le monde pis il mange presque rien", "possible", "self",
     "mental_health"),
    # No point in waking up tomorrow: a warning sign, asked about.
    ("honestly there's no point waking up most days. anyway is there a bereavement group in Red Deer", "possible",
     "self", "mental_health"),
    ("à quoi bon me réveiller demain, tout est pareil. vous avez des groupes pour veufs?", "possible", "self",
     "mental_health"),
    # Withdrawn for weeks and feeling nothing: asked about.
    ("my son won't come out of his room for days now and says he feels dead inside", "possible", "self",
     "mental_health"),
    ("mon chum sort pu de la maison depuis un mois pis il dit qu'il ressent plus rien", "possible", "self",
     "mental_health"),
    # A stimulant overdose: hot, jaw clenched, heart racing after a drug.
    ("my buddy took some molly and he's burning up, jaw clenched, heart racing like crazy", "crisis", "others",
     "substance_use"),
    # Gone to fetch a weapon to settle it with a man: a danger to others, a police matter.
    ("mon frère dit qu'il va prendre son fusil pis régler ses comptes avec le voisin", "crisis", "others", "legal"),
    # A man waving a weapon at passers-by: a danger to others, a police matter.
    ("some dude outside the liquor store is swinging a machete at people and says he'll cut the first guy who "
     "comes close", "crisis", "others", "legal"),
    # A drunk driver with children who is no partner: legal; the children's other parent: family violence.
    ("the neighbour is wasted and about to drive my kids to hockey, he won't listen", "crisis", "others", "legal"),
])
def test_risk_families_after_blind_p(text, risk, concern, need):
    result = triage(text, reader=False)
    assert result.risk == risk and result.concern == concern, result
    assert result.primary == need, result.needs


@pytest.mark.parametrize("text", [
    # The wish not to become a burden, and other "ways": plain needs.
    "I don't want to be a burden on my daughter, is there home care for seniors in Airdrie?",
    "the dumpster is in the way of my parking spot, who do i call",
    "c'est de trop, le loyer a encore monté de 200$, besoin d'aide",
    # Withdrawn or low, without the emptiness: a mental-health need, not a question about danger.
    "my teenage son stays in his room all day and barely eats, where can we find a youth counsellor",
    "mon ado s'enferme dans sa chambre depuis des semaines, y a-tu un psy gratuit?",
    # Waking up early for a reason.
    "the reason i wake up at 5 is my shift, i need daycare that opens early",
])
def test_look_alikes_of_blind_p_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, risk, concern, need", [
    # Killing them all, said with a pronoun, by a man outside the family: a danger to others, a police matter.
    ("un type au dépanneur jure qu'il va toutes les abattre, les caissières, il est en furie", "crisis", "others",
     "legal"),
    ("guy on the bus keeps yelling he's gonna shoot them all when we stop at the mall", "crisis", "others", "legal"),
    # A partner's threat of murder-suicide, or to hunt her down if she leaves: violence first.
    ("mon conjoint m'a dit que si je le quitte il va me retrouver, pis qu'il va en finir pour nous deux",
     "crisis", "violence", "family_violence"),
    ("my boyfriend says he'll kill us both if i go to my sisters", "crisis", "violence", "family_violence"),
    # The life insurance said to look after the family, with a weapon: his suicide, not violence to the writer.
    ("my dad keeps saying the life insurance will look after us kids, and he took the shotgun to the barn",
     "crisis", "self", "mental_health"),
    # Revenge promised on a boss by a relative, a weapon shown: a danger to others, a police matter.
    ("my uncle says he's going to make his old manager regret it, he keeps showing everyone his pistol",
     "crisis", "others", "legal"),
    # Blows heard through the wall now: violence happening.
    ("on entend des bruits de bagarre chez les voisins d'en haut depuis tantôt, une femme crie à l'aide", "crisis",
     "violence", "family_violence"),
    # Burning oneself, told of a friend.
    ("my roommate keeps burning her arms with a lighter when she thinks im asleep", "crisis", "self",
     "mental_health"),
    # Someone outside in deep cold, barely answering, skin gone waxy.
    ("a lady is slumped at the LRT stop, -28 tonight, she's barely responding and her fingers look waxy",
     "crisis", "others", "health"),
    # Locked in by someone stays a crisis (one's own withdrawal in one's room does not).
    ("mon chum m'enferme dans ma chambre quand il boit pis il me laisse pas sortir", "crisis", "violence",
     "family_violence"),
])
def test_risk_families_after_blind_q(text, risk, concern, need):
    result = triage(text, reader=False)
    assert result.risk == risk and result.concern == concern, result
    assert result.primary == need, result.needs


@pytest.mark.parametrize("text", [
    # "Just" that softens a request is no "just happened".
    "how long does a restraining order take? we split in march, i just need it official before the custody hearing",
    # The partner away for days at work: the chance to leave, not a danger now.
    "he just flew back to camp for his 3 week rotation, i want to find a women's shelter with my kids this week",
    "mon mari vient de repartir au chantier pour deux semaines, je veux aller en maison d'hébergement avec les petits",
    # Taking the kids somewhere, making a landlord pay for repairs: no threat.
    "i have to take them all to the dentist on friday and i have no car",
    "how do i make my landlord pay for the water damage to my couch",
    # Withdrawn alone is a plain mental-health need by the lexicons' judgement, whatever the second reader feels.
    "my daughter has been so low lately and won't come out of her room, who can she talk to",
    "mon gars reste enfermé dans sa chambre depuis deux semaines, il est pas bien, ça nous inquiète",
])
def test_look_alikes_of_blind_q_kinds_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert not result.crisis and result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text", [
    "my son pushed me to apply for the job, he's coming over tomorrow",
    "my counsellor keeps pushing me to call the detox, she's coming by friday",
])
def test_being_pushed_to_do_something_is_encouragement_not_violence(text):
    assert triage(text).risk is None


def test_being_pushed_into_a_wall_by_someone_coming_back_stays_a_crisis():
    assert triage("he pushed me into the wall last night and he's coming back tomorrow").risk == "crisis"


# train_signs families, in other words than the set's lines: published warning signs (trapped, no future, pain one
# can't bear much longer, hoping not to wake, drinking to stop thinking, moods swinging with reckless acts, sudden
# calm, self-harm said indirectly), a teenager put out in the cold, a car running in a closed garage, a forced
# marriage, coercive control, stalking, threats to others, medical signs; read by the lexicons alone.
@pytest.mark.parametrize("text, risk, concern", [
    ("je me sens pris au piège depuis des mois, je vois pas de porte de sortie", "possible", "self"),
    ("honestly can't see any future for me, might as well stop trying. also is the library open sunday", "possible", "self"),
    ("mon dos me fait tellement souffrir, je sais pas combien de temps je vais pouvoir tenir", "possible", "self"),
    ("my mom's arthritis is so bad, she says she doesn't know how much longer she can take it", "possible", "self"),
    ("some nights I go to bed hoping I don't wake up", "possible", "self"),
    ("des fois j'espère de pas me réveiller le matin", "crisis", "self"),
    ("ma soeur boit une bouteille par soir maintenant, pour oublier", "possible", "self"),
    ("I've been drinking a lot more lately so I don't have to think", "possible", "self"),
    ("my brother goes from crying to euphoric in a few hours and he spent all his rent money on a motorbike", "possible", "self"),
    ("mon fils était tellement déprimé cet hiver, pis là il est calme et souriant, il dit que tout est arrangé", "possible", "self"),
    ("ma fille cache des coupures sur ses poignets avec des bracelets", "possible", "self"),
    ("i keep punching my own face when i get angry", "crisis", "self"),
    ("I don't trust myself alone tonight, I keep thinking about the rope in the garage", "crisis", "self"),
    ("my friend is 14, her dad threw her out an hour ago and it's minus 25, she's outside with no coat", "crisis", "others"),
    ("mon chum de 16 ans s'est fait mettre dehors par sa mère, il gèle, il dort dans un parc", "crisis", "others"),
    ("my dad is in his truck in the closed garage, motor running, and he's not answering", "crisis", "others"),
    ("her parents want to marry her off to a 40 year old man next summer, she's 15", "possible", "violence"),
    ("my husband holds my debit card and checks every text I send", "possible", "violence"),
    ("my ex tracked us down after we moved to Lethbridge, now he drives past the house every night", "possible", "violence"),
    ("I'm going to go break my landlord's face tonight I swear", "possible", "others"),
    ("a guy on my crew says he'll bring a rifle to work and deal with the supervisor", "crisis", "others"),
    ("a man outside the daycare is screaming he's going to kill the kids", "crisis", "violence"),
    ("worst headache I've ever had, came on all of a sudden, and my vision is blurry in one eye", "crisis", "others"),
    ("mon père vomit du sang depuis une heure", "crisis", "others"),
    ("I'm 10 and my stepdad is hitting my mom and now she won't get up, I'm hiding in the bathroom", "crisis", "violence"),
    ("Im so done with everything. got my father's rifle and I know how to use it", "crisis", "self"),
    # A warning sign said last week is recent: the time dates the saying, not the state (years ago stays history).
    ("ma fille m'a dit la semaine passée qu'elle se sent de trop, elle a 15 ans", "possible", "self"),
    # A weapon brought to school to deal with someone: a danger to others.
    ("my 15 yo son told his friend he is bringing a knife to school to deal with a kid who bullies him", "crisis",
     "others"),
    # Found again after moving away, and watched or followed: a crisis (either alone is asked about).
    ("my ex found us again after the move and now he is parked outside my work every day", "crisis", "violence"),
    ("mon ex nous a retrouvés à Lloyd, il passe devant la maison tous les soirs", "crisis", "violence"),
])
def test_risk_families_of_train_signs(text, risk, concern):
    result = triage(text, reader=False)
    assert (result.risk, result.concern) == (risk, concern), result


# Their look-alikes stay calm, with or without the second reader: safety statements, past events, idioms, one half
# of a pair, plain matters (intimate pictures posted, iron pills).
@pytest.mark.parametrize("text", [
    "nobody threatens me, my landlord is nice, I just need help with the rent",
    "il me frappe pas, c'est pas ça, on a juste besoin de bouffe",
    "I had an overdose last spring, clean since then, looking for a job",
    "my daughter is gonna kill me if I don't find her prom shoes lol",
    "je pense pas à me faire du mal, je veux juste un logement",
    "je me coupais au secondaire, ça fait longtemps, là j'ai besoin d'un dentiste",
    "giving away my son's old hockey gear, he outgrew it",
    "need iron pills, always tired",
    "my car is running in the garage to warm up before work",
    "I'm 15 and it's -30, I need a winter coat",
    "mood swings since my meds changed, need a new psychiatrist",
    "my partner has my bank card because I lost mine",
    "mon ancienne blonde a publié des photos intimes de moi, c'est légal ça?",
    # Trapped by a lease, found a unit, mood swings with a game habit, recovery told in the first person, a
    # teenager kicked out of the kitchen, a teething baby, the baby not to wake: no warning sign.
    "I feel trapped in my lease, is there any way out of it?",
    "our case worker says she found us a new unit in Leduc",
    "he found us a place to stay for the night",
    "my son has mood swings and spent all his money on games",
    "I was so down for months but now I'm calm and everything is sorted with AISH",
    "my mom was really low for weeks after surgery, now she's calm and smiling again, need home care",
    "my daughter is 16 and got kicked out of her school, it's freezing, need a coat",
    "I'm 15 and my mom kicked me out of the kitchen lol, it's -30 out so I'm staying in",
    "my kid cant sleep more than 2 hours, he's teething and we're pacing all night",
    "I hope I don't wake up the baby when I get home late from my shift",
    "sometimes it would be easier if I wasn't here in Calgary, rent is crazy",
    "I don't trust myself with money, need a budgeting class",
    "je me fais pas confiance pour conduire l'hiver, besoin d'un lift",
    "I changed my number twice because of spam calls",
    "my son is 16 and sleeping in the park tonight with friends for a camping thing, it's freezing",
    "thinking about driving into Edmonton tomorrow for the appointment",
    "the dog vomited blood this morning, any cheap vet?",
    "she told me a few years ago she felt like a burden, now she is doing great, need a ride to her appointment",
    "nothing matters more than my kids, need a daycare spot",
    # A knife for a cooking class is a tool.
    "can I bring a knife to school for the cooking class? my son needs one",
    "mon gars doit apporter un couteau à l'école pour son cours de cuisine, où en trouver un pas cher",
])
def test_look_alikes_of_train_signs_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk is None, (text, reader, result)


# blind_r families. Threats by someone of daily life: a boss, a landlord, a teacher "gonna kill me" is a figure of
# speech; a mother, a wife, a child or a roommate only with a mundane condition or a joke beside it. A real
# condition (leaving, telling, the police, the children), a weapon, someone at the door, a debt to a stranger or a
# relative's demand for money keep the threat a crisis.
@pytest.mark.parametrize("text", [
    "the guy I owe says he'll kill me if I don't pay him by the weekend",
    "my landlord says he'll kill me if I call the cops on him",
    "mon proprio a dit qu'il va m'étrangler si je porte plainte",
    "my son says he'll kill me if I don't hand over my pension cheque",
    "my boss is gonna kill me, he's at my door with a bat",
    "ma blonde va me tuer si je pars avec les enfants",
    "my roommate says he's going to kill me if I tell anyone",
    "il va me tuer",
    "y va m'égorger",
    "she's gonna kill me lol she has a knife",
])
def test_real_threats_stay_a_crisis(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk == "crisis", (text, reader, result)


@pytest.mark.parametrize("text", [
    "supervisors gonna murder me if I miss another shift, need a ride for saturday",
    "mon boss va m'étrangler si j'ai pas mes bottes de sécurité lundi",
    "my mom is gonna kill me if I don't clean the garage before she's back lol",
    "ma femme va me tuer si j'oublie encore l'épicerie haha",
    "teachers gonna kill me if I forget my gym clothes again",
    "le prof va me tuer si je remets pas mon travail, façon de parler",
    "coachs gonna strangle me if i miss practice jk",
    "landlady's gonna kill me lol the tub overflowed again, do i pay for the ceiling below",
    "mon père va me tuer si je trouve pas de job cet été mdr",
    "ce loyer-là va m'étrangler",
])
def test_threats_of_daily_life_as_figures_of_speech_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk is None, (text, reader, result)


# blind_r families. Wasting away ("crever / mourir à petit feu", "a slow death") is a figure of speech, and "je veux
# pas mourir", "façon de parler", "not literally" are statements of safety; not wanting to die settles a question
# about suicide only, so a body in trouble or violence beside it is still read.
@pytest.mark.parametrize("text", [
    "je meurs à petit feu dans ce sous-sol, besoin d'un logement",
    "mon père crève à petit feu depuis qu'il est à la retraite, y a tu des activités pour les aînés",
    "I'm dying a slow death at this warehouse job, need something else",
    "I'm wasting away since the layoff, not literally, just need to talk to someone",
    "je suis à boutte, façon de parler, je veux pas mourir, juste un rendez-vous avec un psy",
    "je veux pas mourir, je veux juste qu'on m'aide avec mes dettes",
])
def test_wasting_away_and_not_wanting_to_die_stay_calm(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text, risk", [
    ("chest pain for an hour now, i dont want to die", "possible"),
    ("j'ai mal à la poitrine depuis une heure, je veux pas mourir", "possible"),
    ("he's hitting me, i dont want to die", "crisis"),
    ("il me frappe en ce moment, je veux pas mourir", "crisis"),
])
def test_not_wanting_to_die_does_not_settle_other_dangers(text, risk):
    assert triage(text, reader=False).risk == risk, text


# blind_r families. Safe for the moment with the abuser away ("we're safe right now", "en sécurité pour l'instant")
# is a statement of safety: its "right now" is no danger here now; "not safe right now" is none, and a threat to kill
# told after a "but" undoes it. Strangulation stays a crisis.
@pytest.mark.parametrize("text", [
    "we're safe for now, he's working up north till the 20th, need a shelter bed for me and the baby, he's abusive",
    "on est en sécurité pour l'instant, il est au camp, je veux partir avec les enfants, il est violent",
    "he's out of town so I'm safe right now, need a lawyer about the abuse and custody",
])
def test_safe_for_the_moment_with_the_abuser_away_is_no_crisis(text):
    for reader in (False, True):
        result = triage(text, reader=reader)
        assert result.risk is None, (text, reader, result)


@pytest.mark.parametrize("text", [
    "we are not safe right now he's hitting me",
    "je suis pas en sécurité en ce moment, il me frappe",
    "he's away at camp so we're safe right now but he said he'll kill me if I leave",
    "on est en sécurité pour l'instant mais il a dit qu'il va me tuer si je pars",
    "packing while he sleeps, we're safe right now but last night he choked me",
])
def test_danger_beside_or_against_safety_stays_a_crisis(text):
    assert triage(text, reader=False).risk == "crisis", text


# Found beside blind_r's families: "par la gorge|le cou" was the | pitfall, so "il m'a pris par la gorge" (strangulation,
# a marker of lethal risk) was missed; "mes dettes me prennent à la gorge" stays an idiom.
def test_held_by_the_throat_in_french_is_a_crisis():
    assert triage("mon chum m'a attrapée par la gorge hier soir", reader=False).risk == "crisis"
    assert triage("mes dettes me prennent à la gorge", reader=False).risk is None


# The same pitfall hid "je veux faire de mal à personne sauf moi" (harm to oneself only); harm to nobody is no sign.
def test_harm_to_nobody_but_oneself_in_french_is_a_crisis():
    assert triage("je veux pas faire de mal à personne d'autre que moi", reader=False).risk == "crisis"
    assert triage("je ferais pas de mal à personne, juste besoin de bouffe", reader=False).risk is None


# After blind_r's fixes: safe now says nothing of what he will do, so a threat to kill that is not history stands
# beside it, "but" or no "but" (the future and conditional in French too); threats told as history stay calm.
@pytest.mark.parametrize("text", [
    "staying at my cousin's so I'm safe for now, he texted that he will kill me if I go back for my stuff",
    "je suis chez ma sœur, en sécurité pour l'instant. il m'a écrit qu'il me tuerait si j'appelle la police",
    "elle m'a dit qu'elle me tuera si je pars avec le bébé",
])
def test_a_threat_to_kill_stands_beside_safety_now(text):
    assert triage(text, reader=False).risk == "crisis", text


@pytest.mark.parametrize("text", [
    "he's in jail now and we're safe, he used to say he'd kill me if I left. need a lawyer for custody",
    "ça me tuerait de perdre ma job, y a-tu des formations payées",
    "my mom's gonna kill me when she sees my report card lol, any free tutoring",
])
def test_old_or_joking_threats_stay_calm(text):
    for reader in (False, True):
        assert triage(text, reader=reader).risk != "crisis", (text, reader)


# "I don't want to die, I just want the pain to stop": not wanting to die, then what is wanted instead, is the
# ambivalence crisis lines ask about; a pain placed in a body part or told beside a practical need is not.
@pytest.mark.parametrize("text", [
    "i dont want to die. i just want the hurt to stop",
    "je veux pas mourir, je veux seulement que la souffrance arrête",
])
def test_not_wanting_to_die_but_wanting_the_pain_to_stop_is_asked_about(text):
    result = triage(text, reader=False)
    assert result.risk == "possible" and result.concern == "self", result


@pytest.mark.parametrize("text", [
    "my hip is bad, I just want the pain to stop so I can get back to work, any free physio",
    "not suicidal, just want the pain in my tooth to stop, any free dentist",
    "chest pain since this morning, I don't want to die",
])
def test_bodily_pain_is_not_asked_about_suicide(text):
    assert triage(text, reader=False).concern != "self", text


# "that" bringing someone's words is no "that (thing) is killing me": "he texted that he will kill me" is a threat.
def test_that_bringing_a_threat_is_no_idiom():
    assert triage("he texted me that he will kill me when he finds me", reader=False).risk == "crisis"
    assert triage("that is going to kill me, the rent went up again", reader=False).risk is None


# blind_s families. Pills gathered into one place and waiting to be alone is a plan (as "saving my pills" is in
# English); drunk or high and about to take the car with a small child is a child in danger; parents who plan a
# marriage for a minor are asked about. In both languages, in other words than the set's lines.
@pytest.mark.parametrize("text, concern", [
    ("ça fait un mois que je ramasse mes cachets dans un bocal, j'attends que ma femme parte chez sa sœur", "self"),
    ("put all my meds in a baggie this week. just waiting till everyone is asleep", "self"),
    ("my wife is hammered and she's trying to drive off with our baby, she won't give me the keys", "others"),
    ("ma blonde est paquetée pis a veut chauffer l'auto avec le petit de 2 ans", "others"),
])
def test_blind_s_kinds_in_other_words_are_read_as_act_now(text, concern):
    result = triage(text, reader=False)
    assert result.risk == "crisis" and result.concern == concern, (text, result)


@pytest.mark.parametrize("text", [
    "my dad wants me to marry his friend's son back home after grade 12, I'm 16",
    "le père de ma cousine de 15 ans veut la marier avec un vieux au village, ils ont acheté la dot",
])
def test_a_marriage_planned_for_a_minor_is_asked_about(text):
    result = triage(text, reader=False)
    assert result.risk is not None and result.primary == "family_violence", (text, result)


# Look-alikes: pills put away from a child, the writer (not the drunk one) taking the car, a proposal, an adult's
# parents' wish, a seizure told as the last time one quit beside a request for detox, a protection order asked
# about a man who keeps following (asked about at most, not act now).
@pytest.mark.parametrize("text", [
    "j'ai mis mes pilules dans un pot en haut de l'armoire pour pas que le bébé les trouve",
    "mon chum est saoul, fait que c'est moi qui prends le char pour ramener ma fille de 4 ans",
    "mon chum veut me marier l'été prochain, on cherche une salle pas chère",
    "my parents want me to marry a nice guy from church lol, anyway I need a job",
])
def test_look_alikes_of_blind_s_kinds_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


@pytest.mark.parametrize("text", [
    "I want to stop drinking but the last time I quit I had a seizure, is there a detox with doctors in red deer",
    "j'ai fait une crise d'épilepsie la dernière fois que j'ai arrêté de boire, je cherche une désintox supervisée",
    "she's been parking outside my work every day this week, how do I get a restraining order",
    "comment avoir une ordonnance de protection? mon ex me suit depuis des semaines pis y attend dans le stationnement",
])
def test_past_seizures_and_orders_asked_about_are_not_act_now(text):
    for reader in (False, True):
        assert triage(text, reader=reader).risk != "crisis", (text, reader)


# The time said beside a routine of being watched, or an order in force, keeps it act now.
@pytest.mark.parametrize("text", [
    "he's been following me all week and he's sitting outside my building right now",
    "il me suit tous les jours pis là il est dehors devant l'immeuble",
    "there's a restraining order against him but he's parked outside my place",
])
def test_being_watched_now_stays_a_crisis(text):
    assert triage(text, reader=False).risk == "crisis", text


# Found after the reader was retrained with blind_s: a small child alone outside late or always is asked about;
# a baby teething and an elder's card taken are plain needs the reader must not overrule, unless she is pushed too.
@pytest.mark.parametrize("text", [
    "the little girl across the street is always alone outside after dark, no jacket",
    "la petite d'à côté est encore toute seule dehors, il fait noir pis elle a pas de bottes",
    "my grandson takes my bank card and shoves me when I ask for it back",
])
def test_a_child_alone_outside_or_an_elder_pushed_is_asked_about(text):
    for reader in (False, True):
        assert triage(text, reader=reader).risk is not None, (text, reader)


@pytest.mark.parametrize("text", [
    "mon bébé fait ses dents, il dort pas de la nuit pis moi non plus, y a-tu une halte-garderie",
    "my daughter keeps using her grandpa's debit card and he has no groceries left",
])
def test_teething_and_a_card_taken_stay_calm(text):
    for reader in (False, True):
        assert triage(text, reader=reader).risk is None, (text, reader)


# blind_s, lexicons alone: things given one by one with not needing them after a date; a threat to burn a home
# with the writer inside (violence, not the writer's danger to others); a partner who smashes her phone or won't let
# her out without him; someone else pushed and not let out (an elder).
@pytest.mark.parametrize("text, risk, primary", [
    ("gave my bike to my brother and my games to my buddy. won't be needing them after friday", "crisis",
     "mental_health"),
    ("j'ai donné ma guitare à mon neveu pis mes outils à mon voisin, j'en aurai pu besoin après dimanche", "crisis",
     "mental_health"),
    ("gave my old guitar to my nephew and my truck to my brother, won't need them after friday", "crisis",
     "mental_health"),
    ("my husband says if I leave he'll torch the house with me in it", "crisis", "family_violence"),
    ("her boyfriend hid her phone and she's not allowed to go to the store without him", "possible",
     "family_violence"),
    ("mon oncle est chez ma grand-mère, il la bouscule pis il la laisse pas sortir de sa chambre", "crisis",
     "family_violence"),
])
def test_blind_s_lexicon_misses_in_other_words(text, risk, primary):
    result = triage(text, reader=False)
    assert (result.risk, result.primary) == (risk, primary), (text, result)


@pytest.mark.parametrize("text", [
    "gave my old snowsuit to my sister and my boots to my cousin, need a bigger size for my son",
    "we won't be needing the crib anymore, anyone want it?",
    "my kid isn't allowed out after 9 on school nights lol, any teen drop-in",
    "mon chum a cassé son cell en tombant, où en trouver un pas cher",
])
def test_look_alikes_of_blind_s_lexicon_misses_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


# A relative's or a roommate's threat said bare ("my mom's gonna kill me") is in doubt: as often a figure of
# speech as a real one, so it is asked about directly (with 911 in the question), neither called a crisis nor let
# pass. With a real condition, a demand, a weapon or harm already done beside it, it is a crisis.
@pytest.mark.parametrize("text", [
    "my dad is gonna kill me",
    "mon père va me tuer",
    "my roommate is going to kill me",
])
def test_a_relatives_threat_said_bare_is_asked_about(text):
    result = triage(text, reader=False)
    assert result.risk == "possible" and result.concern == "violence", result


@pytest.mark.parametrize("text", [
    "my dad is gonna kill me, he punched me yesterday",
    "ma mère va me tuer, elle m'a frappé à soir",
    "my stepdad says he'll kill me if I tell my teacher",
    "my brother is gonna kill me, he has a knife",
    "my dad is wasted and hitting my mom",
])
def test_a_relatives_threat_with_more_is_a_crisis(text):
    assert triage(text, reader=False).risk == "crisis", text


def test_hitting_the_gym_is_no_violence():
    assert triage("my brother is hitting the gym every day now", reader=False).risk is None


# train_frc: suicide, self-harm, idioms
# French crisis wording read by the lexicons alone, first and third person, with the English side's reach.
@pytest.mark.parametrize("text", [
    "ma soeur disait à matin qu'elle voulait mourir pis a répond pu à son cell",
    "my brother kept texting he wanted to die, now his phone is off",
    "mon gars s'est recoupé les bras hier soir",
    "chu rendu que je me coupe avec des morceaux de verre",
    "grabbed my razor again last night, can't stop",
    "des fois je pense à me garrocher devant le train",
    "thinking of stepping in front of a bus after work",
    "chu tannée de toute pis j'ai pu le goût de rien",
    "je sais plus pourquoi je continue, personne remarquerait si je disparaissais",
    "merci pour tout. je veux que tu saches que c'était pas ta faute",
    "I want you to know it wasn't your fault. thanks for everything",
    "ma tante a écrit une lettre pour chacun de ses petits-enfants pis a donne ses affaires",
    "il a vidé tous ses médicaments sur la table pis y attend que sa femme s'endorme",
    "mon mari serait mieux avec mon assurance-vie",
    "my kids would be better off with my life insurance",
    "ma coloc se griffe les bras jusqu'au sang quand elle panique",
    "mon oncle a sorti son fusil pis dit qu'il va le retourner contre lui-même",
    "j'ai le goût de me scarifier, la lame est sur le comptoir",
    "chu prisonnière dans ma propre vie, je mange pu pis je dors pu",
])
def test_train_frc_suicide_and_self_harm_families_read_by_the_lexicons(text):
    assert triage(text, reader=False).risk in ("crisis", "possible"), text


# Look-alikes that must stay calm, with and without the second reader.
@pytest.mark.parametrize("text", [
    "ce shift de nuit-là va finir par me tuer, y a-tu une garderie ouverte le soir?",
    "this move is gonna kill me, need boxes and a truck saturday",
    "j'ai failli me tuer en skiant, mais c'est correct, faudrait un nouveau casque",
    "mon oncle doit suivre son cours de permis d'armes pour aller à la chasse, c'est où?",
    "we inherited an antique rifle, how do we hand it in to the rcmp legally?",
    "on a hérité d'une vieille carabine, comment s'en débarrasser?",
    "je commence à la boucherie lundi, où acheter des gants anti-coupure pour mes couteaux?",
    "je me suis entaillé le pouce en épluchant des patates, faut-tu des points?",
    "cut my thumb chopping onions, is there a walk-in clinic open?",
    "aucune idée suicidaire, je cherche juste un psy qui parle français",
    "le médecin m'a demandé si j'avais des pensées noires. non. j'ai besoin d'un billet pour le travail",
    "the nurse asked if I had suicidal thoughts. no. I just need my prescription renewed",
    "j'aimerais me couper la frange moi-même, des ciseaux pas chers?",
])
def test_train_frc_look_alikes_stay_calm(text):
    assert triage(text, reader=False).risk is None, text
    assert triage(text).risk is None, text



# train_frc: violence, danger to others, children, medical. French crises the lexicons alone must read (a door
# about to be forced, followed by an ex, hit again and again or while pregnant, a third person hit or dragged
# away, hair, head under water, conditional threats, children never to be seen again, naloxone that does not wake,
# a child sleeping outside or left to go drinking, an adult meeting a child, chest pain with sweat, a confused
# diabetic, stuck in the cold, a teen put out in the cold), with English where it lacked the reach.
@pytest.mark.parametrize("text", [
    "y'est dans le stationnement pis y dit qu'y va la défoncer, la porte",
    "my ex says he's going to kick the door down tonight",
    "mon mari me suit en arrière avec son char depuis que j'ai quitté l'ouvrage",
    'her boyfriend is following her home in his truck right now',
    'ma fille, elle me bouscule quand je veux pas lui prêter mon char',
    "il l'a poussée dans l'escalier, ma voisine a 82 ans",
    'he pushed me down the stairs last night and says next time will be worse',
    "my husband punched me in the stomach and I'm 6 months pregnant",
    "il m'a bottée dans le ventre, je suis enceinte",
    'ma cousine texte que son mari qui la bat est encore saoul',
    "there's a guy dragging her into a van outside the store",
    "y'a une femme qui hurle au secours dans l'appartement d'à côté",
    'il me traîne par les cheveux dans le corridor',
    'he held my head underwater in the tub',
    'il dit que si je le quitte il finira la job',
    "she texted me he said if you call the cops you're dead",
    'mon ex est parti avec ma fille, il dit que je la reverrai plus jamais',
    "they gave him naloxone twice and he's still not breathing right",
    'mon chum a fumé du fent, y a les yeux révulsés',
    'on a donné du narcan à mon coloc, y respire mal pis y réagit pas',
    'un enfant dort dehors derrière le Co-op depuis hier, il a peut-être 8 ans',
    'ma voisine a laissé ses 2 petits tout seuls pour aller veiller au bar',
    'un inconnu sur Snap veut la rencontrer au parc, elle a 12 ans',
    "l'ami de mon ex tripote ma fille quand y la garde",
    'mon père a une grosse douleur au thorax pis des sueurs froides',
    'ma mère est diabétique, est toute mêlée pis elle transpire',
    'on est pris dans le fossé sur la 63, y fait moins 30, plus de gaz',
    "mon fils de 15 ans s'est fait crisser dehors par son père, y fait -30",
])
def test_train_frc_violence_children_medical_read_by_the_lexicons(text):
    assert triage(text, reader=False).risk in ("possible", "crisis"), text


# Their look-alikes: "la tête sous l'eau" (swamped), followed online, the next time, a job to finish, a tutor to
# meet, a car stuck in the snow at home, a naloxone kit.
@pytest.mark.parametrize("text", [
    "mon ex m'a laissé la tête sous l'eau avec toutes ces factures",
    "j'ai la tête sous l'eau avec le travail ce mois-ci",
    'la porte de mon appart est brisée, le proprio veut pas la réparer',
    'mon chum me suit sur Instagram depuis des années haha',
    "next time I'll bring my ID, thanks",
    'la prochaine fois je vais apporter mes papiers',
    "ça me touche quand tu dis ça, merci pour l'aide",
    "mon ami m'a donné un coup de main pour déménager",
    'la vie me bouscule pas mal ces temps-ci, je cherche un psy',
    'je suis enceinte de 5 mois, je cherche des vêtements de maternité',
    'il faut finir le travail de mon CV avant lundi',
    'on a eu une formation sur le narcan au travail, où avoir une trousse de naloxone?',
    'my son slept outside in the tent in the backyard for fun',
    'le petit dort chez sa grand-mère ce soir',
    'mon fils va rencontrer son tuteur à la bibliothèque',
    "un monsieur veut le rencontrer pour l'emploi, c'est où le centre",
    "mon char est pris dans la neige devant chez nous, quelqu'un a une pelle?",
    "j'ai trouvé une place pour laisser mes enfants quand je vais au travail",
    'ma grand-mère a des douleurs au dos, où trouver un physio',
    "y'a une bouteille de vitres cassée dans le parc, qui appeler",
])
def test_train_frc_violence_children_medical_look_alikes_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


# train_frc: the rest of the families in both languages, first and third person (strangulation, blue lips with odd
# breathing, a stroke, chest pain down the arm, a seizure, a throat swelling, a whole bottle, frostbite,
# fentanyl and naloxone, a gun at work, school or next door, a drunk driver with children, forced marriage,
# papers taken, a knife for a pension cheque, an ex at the door), and look-alikes.
@pytest.mark.parametrize("text", [
    "y m'a serré le cou jusqu'à temps que je voie noir",
    "il l'a prise à la gorge pis elle a perdu connaissance",
    "mon chum m'a pris à la gorge à soir",
    'he squeezed my neck till I blacked out',
    'mon oncle a les lèvres bleues pis y respire drôle',
    "her lips are going blue and she won't wake up",
    'ma mère a la bouche croche pis elle parle tout croche depuis tantôt',
    "my dad's mouth is crooked and he's slurring his words",
    "j'ai une douleur dans la poitrine qui descend dans le bras gauche",
    'pain in my chest going down my left arm',
    'mon gars fait une crise, y tremble de partout pis y répond pas',
    'ma fille a mangé des arachides pis sa gorge enfle',
    'his throat is swelling after he ate peanuts',
    'mon coloc a avalé une bouteille complète de pilules',
    'my roommate swallowed a whole bottle of pills',
    'mon frère a passé la nuit dehors, ses doigts sont tout blancs pis durs',
    'y a fumé du fentanyl pis y est tout mou',
    'on a donné de la naloxone mais y respire presque pas',
    "mon voisin se promène avec un fusil pis y crie qu'il va tirer",
    "my neighbour is walking around with a rifle yelling he'll shoot someone",
    "un gars de ma job a dit qu'il allait revenir avec un gun demain",
    "a kid at school said he's bringing a gun tomorrow to shoot people",
    'le père est saoul pis y part en char avec les enfants',
    'the dad is drunk and driving off with the kids in the car',
    "ma fille se fait marier de force l'été prochain au pays, elle a 16 ans",
    'my parents are forcing me to marry a man back home next month',
    "il a pris mon passeport pis il dit qu'il va me renvoyer dans mon pays",
    'mon fils me menace avec un couteau pour avoir mon chèque',
    "y a sorti son couteau pis y dit qu'il va me saigner",
    "my ex is outside my door saying he'll kill me if I don't open",
])
def test_train_frc_families_in_both_languages_are_read(text):
    assert triage(text, reader=False).risk in ("possible", "crisis"), text


@pytest.mark.parametrize("text", [
    'mes lèvres sont bleues à cause de la slush haha, vous avez des manteaux?',
    "il respire la santé depuis qu'il a arrêté de fumer",
    'my son breathes funny when he sleeps, is there a free pediatrician',
    'on a suivi une formation de premiers soins pour les convulsions',
    "mon cadre est tout croche sur le mur, besoin d'un marteau",
    'ce budget-là me prend à la gorge, pu capable de payer le loyer',
])
def test_train_frc_families_look_alikes_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


# train_frc: the same families said in English and in other French (hair, a beating in pregnancy, a stranger
# dragging a girl away, a stranger meeting a child, naloxone, finishing the job).
@pytest.mark.parametrize("text", [
    'my boyfriend grabbed me by the hair and dragged me to the car',
    "my sister's husband is beating her right now, she texted me help",
    "a man is dragging a girl into his truck at the gas station, she's screaming for help",
    "he kicked me in the belly, I'm pregnant",
    'a stranger online wants to meet my 12 year old daughter tonight',
    "my neighbour's boyfriend touches her 8 year old when she's at work",
    "we gave him narcan but he's still not waking up",
    "his eyes rolled back and he's not breathing right",
    "mon mari m'a bourrée de coups pis chu enceinte",
    "y m'a poignée par les cheveux pis y m'a traînée dans la cuisine",
    "mon ex me suit jusqu'à chez nous avec son char",
    "he said he'll come back and finish the job",
    "elle m'a dit que la prochaine fois ça va être pire",
])
def test_train_frc_families_in_other_words_are_read(text):
    assert triage(text, reader=False).risk in ("possible", "crisis"), text


# blind_t families, in other words than the set's lines, read by the lexicons alone: an elder who has lived long
# enough and sees no point keeping up the home now; the writer's intent to put someone in the hospital, said in
# earnest; the writer's own threat with a weapon at hand against an outsider (mental health, not family violence).
@pytest.mark.parametrize("text, risk, concern", [
    ("my grandpa keeps saying he's lived long enough, he won't let anyone come fix the roof", "possible", "self"),
    ("j'ai 81 ans, j'ai fait mon temps", "possible", "self"),
    ("ma mère dit qu'elle a assez vécu, ça sert plus à rien de faire arranger ses dents astheure", "possible", "self"),
    ("can't see any point repairing my glasses now, not at my age", "possible", "self"),
    ("my roommate keeps eating my food, next time I'm gonna put him in the ER, not joking", "crisis", "others"),
    ("le voisin crie après mes enfants, je vais l'envoyer à l'hôpital, je suis sérieux", "crisis", "others"),
    ("mon coloc me vole, la prochaine fois il va finir à l'hôpital, je niaise pas", "crisis", "others"),
    ("my neighbour keeps stealing my packages, I'm gonna stab him, my knife is in my pocket", "crisis", "others"),
    ("le gars qui m'a battu au parc, je vais le poignarder demain, j'ai un couteau", "crisis", "others"),
])
def test_blind_t_families_are_read_by_the_lexicons(text, risk, concern):
    result = triage(text, reader=False)
    assert (result.risk, result.concern) == (risk, concern), text


@pytest.mark.parametrize("text", [
    "the dealer at the drop in, I'm gonna smash his face, got a bat in my room",
    "le gars qui m'a volé mon vélo, je vais le planter, j'ai mon couteau sur moi",
])
def test_blind_t_own_threat_with_a_weapon_against_an_outsider_is_not_family_violence(text):
    result = triage(text, reader=False)
    assert result.risk == "crisis" and result.needs[0].category != "family_violence", text


# Look-alikes that stay calm: a car not worth fixing, a landlord's repair, a tree to plant, a drinker's health,
# a sick child taken to the hospital, time served in prison.
@pytest.mark.parametrize("text", [
    "I don't see the point fixing the car now, it's worth nothing, I need a bus pass",
    "the landlord says there's no point fixing the heater now since they're selling the building",
    "le pommier, je vais le planter au printemps",
    "si mon père continue à boire de même il va finir à l'hôpital",
    "my son has a 40 fever, should I take him to the hospital",
    "he did his time in prison and now he needs a job",
    "ma fille m'encourage à appeler la désintox, elle vient dimanche",
])
def test_blind_t_look_alikes_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


# Needs: psychosis signs are mental health, "il est pas violent" names no violence; a negation of housing then a
# daycare spot asked for is childcare.
@pytest.mark.parametrize("text, need", [
    ("my sister is convinced the radio is sending her messages, she hasn't slept in days. she's not violent", "mental_health"),
    ("mon père croit que la télé lui parle, il est pas violent mais il a peur de tout", "mental_health"),
    ("it's not for housing, it's for a daycare spot. I found an apartment in May", "childcare"),
    ("c'est pas pour un loyer, c'est une place en garderie qu'il me faut, j'ai déniché un appartement", "childcare"),
])
def test_blind_t_needs_in_other_words(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


# blind_t, read by the lexicons alone: a threat to kill insisted on, and a drunk driver who just left with a small
# child; a threat to kill with a laugh and a trip to work stay calm.
@pytest.mark.parametrize("text, risk", [
    ("si mon beau-frère touche encore à ma soeur je vais le tuer, je suis sérieux", "crisis"),
    ("if that guy comes near my daughter again I will kill him, I mean it", "crisis"),
    ("my brother-in-law is wasted and he just took off in the truck with my 3 year old", "crisis"),
    ("mon chum est paqueté pis il vient de partir en char avec le bébé", "crisis"),
    ("my husband ate my leftovers again, I'm gonna kill him lol", None),
    ("il vient de partir en char pour aller travailler, j'ai besoin d'un lift demain", None),
])
def test_blind_t_threats_in_earnest_and_drunk_drivers(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Pushed to the ground by someone coming back is violence that will happen again; long past, it is history.
def test_pushed_to_the_ground_by_someone_coming_back_is_a_crisis():
    assert triage("she shoved me to the floor and she's coming back tonight", reader=False).risk == "crisis"
    assert triage("he pushed me to the ground years ago, need a lawyer for custody", reader=False).risk is None


# Found on blind_u's first run: someone on the way to hurt the writer ("s'en vient me casser les jambes", "coming to
# break my legs") was missed in French and only asked about in English; coming to fix or fetch something is not.
@pytest.mark.parametrize("text", [
    "le gars du pusher s'en vient me battre à soir, y sait où je reste",
    "the guy i owe money to is coming to smash my kneecaps tonight",
])
def test_someone_on_the_way_to_hurt_the_writer_is_a_crisis(text):
    assert triage(text, reader=False).risk == "crisis", text


@pytest.mark.parametrize("text", [
    "mon frère s'en vient me chercher à soir pour aller à l'épicerie",
    "the handyman is coming to fix the broken leg of my bed frame",
])
def test_someone_coming_to_help_is_no_threat(text):
    assert triage(text, reader=False).risk is None, text


# blind_u families, in other words than the set's lines, read by the lexicons alone. A partner's anger on things
# (a phone, a door, the walls smashed "when he's mad" or drunk), told beside a practical need, is a warning sign of
# violence at home, asked about; rage by a relative is about violence, not someone else's danger.
@pytest.mark.parametrize("text", [
    "my boyfriend punches holes in the walls when he's angry, i need to find a cheaper apartment",
    "need a new door for my rental, my husband kicked it in when he was drunk",
    "mon chum pète mon cell quand il est fâché, j'ai besoin d'un téléphone pas cher",
    "besoin d'une nouvelle porte, mon mari l'a défoncée quand y était saoul",
    "mon cell se fait casser chaque fois que mon chum pogne les nerfs, j'en ai besoin d'un autre",
    "mon mari garroche la vaisselle quand il est en colère, je cherche un appart",
    "my stepdad throws stuff when he drinks, I need a place to stay",
])
def test_blind_u_a_partners_anger_on_things_is_asked_about(text):
    result = triage(text, reader=False)
    assert (result.risk, result.concern) == ("possible", "violence"), text


@pytest.mark.parametrize("text", [
    "my toddler throws his plate when he's mad, any daycare tips",
    "my phone got smashed when i dropped it, need a cheap one",
    "my husband gets mad when the phone bill is high, need a cheaper plan",
    "mon chum a cassé son cell en tombant, on a besoin d'un forfait pas cher",
    "the door got broken during the move and the landlord wants me to pay for it",
])
def test_blind_u_things_broken_without_a_partners_anger_stay_calm(text):
    assert triage(text, reader=False).risk is None, text


# A partner's or an ex's "gonna kill me" is a figure of speech only with a joke and a mistake to be found out beside
# it; with a real condition (leaving, the police) or said without a joke it stays a threat.
@pytest.mark.parametrize("text, risk", [
    ("my husband is gonna kill me when he sees the phone bill haha, can i get on a cheaper plan", None),
    ("mon chum va me tuer quand il va voir la facture d'Hydro mdr, y a-tu de l'aide", None),
    ("my bf will murder me if i forget his mom's birthday again lol", None),
    ("my ex is going to kill me when she finds out", "crisis"),
    ("my ex is gonna kill me if i leave lol", "crisis"),
    ("mon mari va me tuer quand il va savoir que j'ai appelé la police mdr", "crisis"),
])
def test_blind_u_a_partners_threat_as_a_figure_of_speech(text, risk):
    assert triage(text, reader=False).risk == risk, text


# How soon a practical need is wanted ("un logement tout de suite", "an apartment right now", "I just want her out")
# is no danger here now beside unkind words; a blow just given, or a bed wanted now after one, still is.
@pytest.mark.parametrize("text, risk", [
    ("I'm looking for an apartment right now, my husband yells at me and calls me names", None),
    ("j'ai besoin d'un logement tout de suite, mon conjoint me crie dessus pis me rabaisse", None),
    ("my daughter yells and takes my money, I just want her to move out", None),
    ("he just hit me and I need a shelter", "crisis"),
    ("I need a shelter right now, my husband hit me", "crisis"),
    ("il vient de me frapper, j'ai besoin d'un appartement tout de suite", "crisis"),
])
def test_blind_u_how_soon_a_need_is_wanted_is_no_danger_now(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Going over there to finish it with a man outside the family, a weapon in hand: a danger to others, not the
# writer's own life ("en finir avec lui").
@pytest.mark.parametrize("text", [
    "that guy who stole my bike lives over on 5th, got my bat, going over there to finish this",
    "le gars qui a volé mon stock reste au bout de la rue, j'ai pris mon bâton, je m'en vais en finir avec lui",
])
def test_blind_u_going_to_finish_it_armed_is_a_danger_to_others(text):
    result = triage(text, reader=False)
    assert (result.risk, result.concern) == ("crisis", "others"), text


# Needs: a host who can't keep the writer any longer is a bed (before a pregnancy told beside it); whether someone
# has the right is legal; living on workers' comp, or a share of what one made, is income; collection calls and
# cards owed are income ("en dort pu" is no bed); an empty tank before payday is the ride; a child too tired to
# focus at school is no low sugar.
@pytest.mark.parametrize("text, need", [
    ("my friend can't let me stay at her place after tonight and I'm 7 months pregnant", "shelter"),
    ("mon ami peut pu m'héberger à partir de demain, j'ai nulle part", "shelter"),
    ("the security guard keeps kicking me out of the library, are they allowed to do that?", "legal"),
    ("le gardien de sécurité me sort du métro à chaque fois, est-ce qu'ils ont le droit?", "legal"),
    ("my wife's been on workers comp since march, it's about 70% of what she made, we can't keep up", "income"),
    ("les agences de recouvrement m'appellent 5 fois par jour, je dois 6000 sur ma visa, j'en dors pu", "income"),
    ("my tank is empty and payday isn't till thursday, I need to get to my shift", "transport"),
    ("pu de gaz dans le truck pis ma paye rentre juste jeudi, faut que je me rende à la job", "transport"),
])
def test_blind_u_needs_in_other_words(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


# blind_u, read by the lexicons alone (the second reader read them): not minding never waking up, said in the
# conditional; going to be with someone who died as what would be easier; not seeing how it ends well; glass or
# dishes heard smashing next door. Rain, a bus trip to family, a landlord's terms stay calm.
@pytest.mark.parametrize("text, risk", [
    ("honestly i wouldn't mind if i never woke up, the pain in my back is constant", "crisis"),
    ("ça me dérangerait pas de pas me réveiller demain, chu tannée", "crisis"),
    ("since my husband died it would be easier if i went to be with him", "possible"),
    ("depuis que ma mère est morte, ça serait plus simple si j'allais la rejoindre", "possible"),
    ("been applying for months, i don't see how any of this ends well for me", "possible"),
    ("je vois pas comment tout ça va finir bien pour moi, personne m'appelle pour les jobs", "possible"),
    ("just heard dishes smashing upstairs and a woman screaming", "possible"),
    ("j'ai entendu de la vaisselle se casser chez le voisin pis la madame crie", "possible"),
    ("i wouldn't mind if it didn't rain tomorrow", None),
    ("we'd be better off if we went to be with family in Ontario, need bus tickets", None),
    ("i don't see how this ends well with my landlord, he wants 3 months upfront", None),
])
def test_blind_u_warning_signs_the_lexicons_now_read(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Working full time is the writer's situation, not a job wanted: the day camp, the rent come first; a security
# guard is no babysitter; a family with no place asks where to sleep.
@pytest.mark.parametrize("text, need", [
    ("are there cheap day camps this summer? i work full time and my boys are 9 and 12", "childcare"),
    ("je cherche une garderie pour l'été, je travaille à temps plein", "childcare"),
    ("I work full time and still can't make rent", "housing"),
    ("we must leave the apartment on monday and we have no place. where can family sleep", "shelter"),
    ("le gardien de sécurité du refuge nous a dit qu'il y a pas de place ce soir", "shelter"),
])
def test_blind_u_situations_told_beside_a_need(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


def test_blind_u_a_child_too_tired_to_focus_is_no_emergency():
    result = triage("the teacher says my son is tired and can't concentrate, we don't have enough food at home",
                    reader=False)
    assert result.risk is None and result.needs[0].category == "food"


# blind_v families, in other words than the set's lines. A sibling's or another relative's "gonna kill me" is read as
# a partner's is: a figure of speech with a joke and a mistake of one's own beside it (forgetting, missing, losing
# something is such a mistake); said bare, with a real condition or with another relative's threat, still a threat.
@pytest.mark.parametrize("text, risk", [
    ("my brother's gonna kill me haha i forgot to pick up his kid from school, is there an after school program", None),
    ("ma soeur va me tuer lol j'ai perdu ses clés, ça coûte combien un serrurier", None),
    ("mon frère va me tuer mdr, j'ai oublié de payer le cell pis y'est à son nom", None),
    ("my aunt's going to murder me lol i missed her at the bus depot, need a ride to calgary", None),
    ("my brother is gonna kill me, he said so last night", "crisis"),
    ("mon frère va me tuer si j'appelle la police lol", "crisis"),
    ("ma soeur va me tuer", "crisis"),
])
def test_blind_v_a_relatives_threat_as_a_figure_of_speech(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Shooting oneself in the foot, in every person and tense, is an idiom; shooting oneself is not.
@pytest.mark.parametrize("text, risk", [
    ("I'd be shooting myself in the foot if I turned down the shift, but there's no one to watch my kids", None),
    ("he shot himself in the foot quitting that job, now he needs help with EI", None),
    ("tu te tires une balle dans le pied si tu lâches ton cours, faut que je trouve une garderie", None),
    ("on s'est tiré dans le pied en signant ce bail-là, on cherche un autre appart", None),
    ("ils se sont tiré une balle dans le pied avec la paperasse du chômage", None),
    ("je vais me tirer une balle, j'en peux pu", "crisis"),
    ("I'm going to shoot myself tonight", "crisis"),
])
def test_blind_v_shooting_oneself_in_the_foot_is_an_idiom(text, risk):
    assert triage(text, reader=False).risk == risk, text
    assert triage(text).risk == risk, text


# A knife or a gun of daily life (food cut, a keepsake, a tool) is calm; one kept for safety is asked about (is
# someone threatening you?), not act now; someone holding or using one, a threat or a weapon taken along beside it,
# is a crisis.
@pytest.mark.parametrize("text, risk", [
    ("sliced some cheese with my pocket knife for supper, we need a food bank", None),
    ("j'ai pris mon couteau pour couper le pain, y reste pu rien dans le frigo", None),
    ("this pocket knife is all I have left of my grandpa, where can I store my stuff", None),
    ("j'ai juste le couteau de poche de mon grand-père comme souvenir, je cherche un casier pour mes affaires", None),
    ("my dad left me his hunting rifle, it's an heirloom, how do I get it stored legally", None),
    ("I need a box cutter for my warehouse job, and steel toes", None),
    ("I keep a knife in my sleeping bag for protection, need a bed at a shelter", "possible"),
    ("je garde un couteau dans ma tente pour me protéger, j'ai besoin d'un sac de couchage", "possible"),
    ("I carry a bat in my car just in case, need gas money", "possible"),
    ("he has a knife", "crisis"),
    ("il a un couteau", "crisis"),
    ("he pulled a knife on me", "crisis"),
    ("my brother has a gun and he's drunk", "crisis"),
    ("he grabbed my knife to cut the bread and then came at me with it", "crisis"),
    ("I keep a knife by my bed for safety since he said he'd kill me", "crisis"),
    ("mon chum a pris mon couteau pour couper le pain pis y m'a menacée avec", "crisis"),
])
def test_blind_v_a_weapon_of_daily_life(text, risk):
    assert triage(text, reader=False).risk == risk, text
    assert triage(text).risk == risk, text


# Violence by men outside the family (a guy at the camp, the neighbour, some guys who jumped a friend) is a police
# matter, legal; a partner's stays family violence. A door broken in, or a friend beaten, with the ones who did it
# coming back, is a crisis.
@pytest.mark.parametrize("text, need", [
    ("a guy at the camp says he is gonna set fire to the foreman's truck tonight", "legal"),
    ("some dudes beat up my friend behind the library and said they'll be back for me", "legal"),
    ("des gars ont tabassé mon ami au parc pis y disent qu'y vont revenir avec des battes", "legal"),
    ("le voisin a défoncé ma porte hier soir pis y dit qu'y va revenir", "legal"),
    ("the neighbour downstairs smashed my window and says he's coming back to finish it", "legal"),
    ("mon chum a défoncé la porte pis y dit qu'y va revenir finir la job", "family_violence"),
    ("my ex kicked in the door and says he's coming back tonight", "family_violence"),
])
def test_blind_v_violence_by_men_outside_the_family_is_legal(text, need):
    result = triage(text, reader=False)
    assert result.risk == "crisis" and result.needs[0].category == need, (text, result.needs[:2])


@pytest.mark.parametrize("text", [
    "my buddy got jumped last year, he's coming over tonight for supper",
    "the neighbour's kid broke our window playing ball, landlord says i have to pay",
])
def test_blind_v_harm_told_without_a_return_stays_calm(text):
    assert triage(text, reader=False).risk is None, text


# Needs: lice and scabies are health; drinking or gambling all one's money is the cause behind the rent; a bed one
# already has at a shelter is not asked for.
@pytest.mark.parametrize("text, need", [
    ("my kid came home with head lice again, where can I get the shampoo cheap", "health"),
    ("ma fille a des poux pis le traitement coûte cher à la pharmacie", "health"),
    ("it's not the rent that's the problem, i drink all my money by the 15th", "substance_use"),
    ("le problème c'est pas l'épicerie, je joue tout mon argent au casino", "substance_use"),
    ("I have a bed at the shelter, what I need is boots and gloves", "clothing"),
    ("j'ai déjà une place au refuge, ce qui me manque c'est des bottes", "clothing"),
])
def test_blind_v_needs_in_other_words(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


def test_blind_v_self_harm_again_is_read_whatever_the_means():
    # "me suis encore coupée|...|fait mal" demanded a final "mal" (the `|` pitfall): "encore brûlée" was never read.
    result = triage("je me suis encore brûlée au briquet hier, pis je vais le refaire", reader=False)
    assert result.risk == "crisis" and result.concern == "self"


# blind_w families, in other words than the set's lines. A denial of being hit with fear told after a "but" ("y m'a
# jamais frappée mais j'ai peur") is no statement of safety: a partner's anger on things beside it is asked about. The
# denied words still tell no blow, and the denial of suicide is not undone by fear of something else.
@pytest.mark.parametrize("text, risk", [
    ("my boyfriend throws stuff when he's drunk. he's never laid a hand on me but i'm terrified. any shelters", "possible"),
    ("mon chum garroche des affaires quand y est saoul, y m'a pas frappée mais j'ai vraiment peur", "possible"),
    ("mon conjoint casse tout quand il boit. il me frappe pas mais il me fait peur", "possible"),
    ("he has never hit me but honestly i am scared, he smashes things when he drinks", "possible"),
    ("He's never hit me. But he yells sometimes, is that abuse?", None),
    ("he never hit me, but i'm scared i'll lose the apartment now that he left", None),
    ("mon conjoint casse tout quand il boit. il me frappe pas", None),
    ("je suis pas suicidaire mais j'ai peur de perdre mon logement", None),
])
def test_blind_w_fear_after_a_denial_of_being_hit(text, risk):
    assert triage(text, reader=False).risk == risk, text


# A threat by someone of daily life reported ("m'a dit qu'y va m'étrangler", "told me he's gonna kill me") is read as
# one said: the speech verb is no real condition ("if I tell").
@pytest.mark.parametrize("text, risk", [
    ("ma boss m'a dit qu'elle allait me tuer si j'arrive encore en retard lol", None),
    ("my landlord told me he's gonna murder me if the rent is late again haha", None),
    ("my foreman told me he's gonna kill me if i'm late again, need a ride to the site", None),
    ("ma mère m'a dit qu'a va m'étrangler si je fais pas la vaisselle mdr", None),
    ("mon frère m'a texté qu'y va me tuer mdr j'ai oublié sa fête", None),
    ("mon proprio m'a dit qu'y va me tuer si j'appelle la police", "crisis"),
    ("my landlord told me he's gonna murder me if i tell anyone", "crisis"),
    ("mon chum m'a dit qu'y va me tuer", "crisis"),
])
def test_blind_w_a_reported_threat_of_daily_life(text, risk):
    assert triage(text, reader=False).risk == risk, text


# "C'est pas que j'veux mourir", "it's not like I want to die": a denial said as a concession, which settles a question
# about suicide only.
@pytest.mark.parametrize("text, risk", [
    ("it's not like i want to die or anything, i'm just so tired of the shelter, need a room", None),
    ("c'est pas comme si je voulais mourir là, chu juste écoeurée de chercher un appart", None),
    ("pas que j'aie envie de mourir, mais j'arrive pu à dormir", None),
    ("c'est pas que je veux mourir, mais j'ai avalé toute ma bouteille de pilules", "crisis"),
])
def test_blind_w_a_denial_said_as_a_concession(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Bleeding that won't stop, in joual ("ça saigne en masse", "comme un bœuf", "pis ça arrête pas"), is a medical
# emergency (health); a cut that bleeds little is not.
@pytest.mark.parametrize("text, risk", [
    ("mon chum s'est ouvert le bras sur une tôle, ça saigne en masse", "crisis"),
    ("ma fille s'est coupée au genou, ça saigne comme un boeuf pis ça arrête pas", "crisis"),
    ("cut my leg on some rebar, its bleeding and it wont stop", "crisis"),
    ("je me suis coupé le doigt en cuisinant, ça saigne pas gros", None),
    ("ça saignait un peu mais c'est correct, j'ai besoin de pansements", None),
])
def test_blind_w_bleeding_that_wont_stop(text, risk):
    result = triage(text, reader=False)
    assert result.risk == risk, text
    if risk:
        assert (result.concern, result.needs[0].category) == ("others", "health"), text


@pytest.mark.parametrize("text, need", [
    ("where do i go for my suboxone now that the clinic moved", "substance_use"),
    ("ma pharmacie ferme pis j'ai besoin de ma méthadone demain", "substance_use"),
    ("c'est quoi les heures du site de consommation supervisée à Calgary", "substance_use"),
    ("je travaille de nuit à l'hôpital, j'ai besoin de garde de nuit pour mes deux petits", "childcare"),
    ("need a night sitter for my kids, i work graveyard", "childcare"),
    ("mes parents veulent me marier avec un cousin au pays, j'ai 21 ans", "family_violence"),
    ("j'veux pas me faire de mal, chu juste vraiment cassé, aide pour mes dettes?", "income"),
    ("sorti de l'hôpital à matin, on m'a donné un billet de bus, je couche où?", "shelter"),
])
def test_blind_w_needs_in_other_words(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


# blind_w, read by the lexicons alone (the second reader read them): never being heard from again, "à quoi ça sert
# encore", lips swelling with breath short.
@pytest.mark.parametrize("text, risk", [
    ("lol thanks for everything, you won't hear from me again", "possible"),
    ("merci pour toute, vous entendrez pu parler de moi", "possible"),
    ("jpense pas que vous allez r'entendre parler de moi", "possible"),
    ("ma fille a mangé des noix pis sa langue enfle, a respire difficilement", "crisis"),
    ("vous allez entendre parler de moi au conseil municipal, le proprio répare rien", None),
])
def test_blind_w_warning_signs_the_lexicons_now_read(text, risk):
    assert triage(text, reader=False).risk == risk, text


# train_frcalm families (French calm look-alikes and near crises, written blind to the code), in other words than the
# set's lines. Figures of speech: an English noun in a French sentence ("mon landlord va m'étrangler"), "noyer", a
# joke said "(farce)", the one said harmless ("y ferait pas de mal à une mouche"), a sibling's threat over a chore.
@pytest.mark.parametrize("text, risk", [
    ("mon landlord va m'étrangler si le rent est en retard mdr, y'a tu de l'aide pour le loyer", None),
    ("ma roommate va me tuer si j'lave pas la vaisselle, on cherche un autre appart", None),
    ("mon coloc va me noyer si j'laisse encore traîner mes bottes lol", None),
    ("ma blonde va me tuer (farce), j'ai oublié de payer le cell", None),
    ("mon chum va me tuer quand y va voir la facture, mais y ferait pas de mal à une mouche", None),
    ("mon frère va me tuer si j'y remets pas sa perceuse à soir, pis j'ai pu de char", None),
    ("my sister's gonna kill me if i don't pick up her kids, need a ride", None),
    ("mon frère va me tuer si j'appelle la police", "crisis"),
    ("ma soeur va me tuer si j'y donne pas mon chèque", "crisis"),
    ("mon chum va me noyer dans le bain, y l'a dit hier", "crisis"),
])
def test_train_frcalm_figures_of_speech(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Statements of safety in joual: "j'ai pas envie de me tuer", "j'ai pas fait d'overdose", "pas de la violence
# conjugale", "j'vais pas me jeter en bas du pont", "personne m'a menacée", a quotation explained; a plan told after one
# is still read.
@pytest.mark.parametrize("text, risk", [
    ("j'ai pas envie de me tuer, j'ai envie de manger, y'a tu une banque alimentaire ouverte", None),
    ("j'ai pas fait d'overdose, j'veux juste du narcan pour la gang", None),
    ("c'est pas de la violence conjugale, mon coloc vole ma bouffe", None),
    ("tkt j'vais pas me jeter en bas du pont, j'ai juste besoin d'une passe d'autobus", None),
    ("personne m'a menacée, c'est juste un avis d'expulsion", None),
    ("quand j'ai écrit « j'vais mourir » je voulais dire de honte, j'ai besoin d'un habit pour lundi", None),
    ("when i texted kill me i meant from embarrassment lol, i need a suit for court", None),
    ("c'est pas que j'veux mourir mais j'ai ramassé toutes mes pilules pis j'pense les prendre cette nuit", "crisis"),
    ("chu pas suicidaire mais j'viens d'avaler 15 advils", "crisis"),
    ("j'me réveillerai pas demain, j'm'en suis assurée", "crisis"),
])
def test_train_frcalm_statements_of_safety(text, risk):
    assert triage(text, reader=False).risk == risk, text


# Plain mentions: a rifle lent or sold, a trade's knives stolen, a clothesline, corded wood, a balcony railing;
# exasperation at a wait or a service's place. A danger told beside them still stands.
@pytest.mark.parametrize("text, risk", [
    ("mon beau-frère m'a prêté son fusil pour la saison du chevreuil, on va avoir de la viande", None),
    ("j'ai vendu mon fusil pour payer l'hydro pis y me manque encore 200$", None),
    ("my uncle lent me his rifle for deer season, is the food bank open saturday", None),
    ("chu boucher pis on m'a volé mes couteaux au refuge, j'en ai besoin pour travailler", None),
    ("on a pas de sécheuse, on a mis une corde à linge dans le salon", None),
    ("le bois cordé coûte trop cher cet hiver, y'a tu de l'aide pour le chauffage", None),
    ("our balcony railing is broken and the landlord won't fix it", None),
    ("j'en peux pu de l'attente à l'aide sociale, toujours pas de chèque", None),
    ("à boutte de la clinique qui me rappelle jamais pour mes résultats", None),
    ("mon chum a vendu son fusil pis y'en a racheté un, y dit qu'y va me tirer", "crisis"),
    ("j'ai une corde dans mon sac pis j'pense à en finir à soir", "crisis"),
    ("chu sur le balcon du 12e pis j'ai envie de sauter", "crisis"),
])
def test_train_frcalm_plain_mentions(text, risk):
    assert triage(text, reader=False).risk == risk, text


@pytest.mark.parametrize("text", [
    "j'en peux pu de la vie",
    "my balcony, 14th floor. just wanted somebody to know",
])
def test_train_frcalm_signs_about_life_are_still_asked(text):
    assert triage(text, reader=False).risk in ("possible", "crisis"), text


# Near crises in joual: a landlord, a neighbour or a dealer's men who threaten or lay hands (legal); the writer's own
# threat to kill a man outside the family, weapon at hand (legal); a child touched at night; children taken by force; a
# gun to be used if she leaves; a cold baby with blue lips; self-harm with cigarettes; everything taken with drink.
@pytest.mark.parametrize("text, risk, need", [
    ("le proprio a dit qu'y va me casser la gueule pis y'est devant ma porte", "crisis", "legal"),
    ("le dealer pis ses chums disent qu'y vont me crisser une volée à soir", "crisis", "legal"),
    ("le voisin d'en bas a dit qu'y va me tirer, y'a un gun", "crisis", "legal"),
    ("je vais tuer mon boss, j'ai un bâton pis chu en route, c'est pas une joke", "crisis", "legal"),
    ("mon beau-père rentre dans ma chambre la nuit pis me tripote, j'ai 14 ans", "crisis", "family_violence"),
    ("mon ex dit qu'y va venir prendre les enfants de force demain", "crisis", "family_violence"),
    ("y'a un gun pis y dit qu'y va s'en servir si je pars", "crisis", "family_violence"),
    ("le petit est glacé pis ses lèvres sont bleues, on a pu de chauffage", "crisis", "health"),
    ("je me brûle avec des cigarettes depuis tantôt", "crisis", "mental_health"),
])
def test_train_frcalm_near_crises_are_read(text, risk, need):
    result = triage(text, reader=False)
    assert (result.risk, result.needs[0].category) == (risk, need), (text, result.needs[:2])


# Warning signs asked about: a landlord's messages at night with walking in or fear; control with "ça empire"; a
# roommate sure he is spied on, sleepless. A landlord who walks in for repairs is a legal question, no warning sign.
@pytest.mark.parametrize("text, risk", [
    ("mon proprio me texte en pleine nuit pis y rentre chez nous sans cogner", "possible"),
    ("my landlord texts me creepy stuff at night and it scares me", "possible"),
    ("y vérifie mon cell pis y me laisse pu sortir", "possible"),
    ("mon frère dit que la police l'espionne pis y'a pas dormi depuis 3 jours", "possible"),
    ("mon proprio rentre sans avertir pour les réparations, c'est-tu légal?", None),
])
def test_train_frcalm_warning_signs_asked_about(text, risk):
    assert triage(text, reader=False).risk == risk, text


@pytest.mark.parametrize("text, need", [
    ("chu pas désespérée, chu juste tannée d'attendre une réponse pour mon chômage", "income"),
    ("on travaille les deux pis on arrive quand même pas, c'est quoi les crédits pour enfants", "income"),
    ("ma fille veut jouer au soccer, l'inscription coûte 300$, y'a tu de l'aide", "childcare"),
    ("my son wants to play hockey but the gear is way too much, any programs", "childcare"),
    ("mon chum a besoin de nouveaux outils pour garder sa job", "employment"),
    ("j'ai besoin de ma licence pour devenir guide de pêche cet été", "employment"),
    ("j'me suis brûlée en cuisinant, ça guérit mais j'ai pu de pansements", "health"),
    ("c'est quoi mes droits au TAL si je signe pas le nouveau bail", "legal"),
])
def test_train_frcalm_needs_in_other_words(text, need):
    assert triage(text, reader=False).needs[0].category == need, text


# French parity (issue 7): the English look-alikes that stay calm and the crises around them, said again in French as
# written here (joual, no accents, elisions, "y"/"a" for il/elle, "pis", "pu", "chu", "mdr/ptdr/lol"), in other words
# than the English tests. Figures of speech, statements of safety, safety now with the abuser away, idioms, plain
# mentions and past danger stay calm; danger beside safety, a real threat, violence now stay crises; two signs together
# and pain with death denied are asked about.
FRENCH_CALM = [
    "chu pas suicidaire ni rien, j'ai juste besoin d'une banque alimentaire ouverte samedi",
    "chu pas en danger pantoute, juste cassée jusqu'au 25 pis j'ai pu d'épicerie",
    "mon ex avait un gun mais la police l'a pris pis y'est en prison asteure, j'ai besoin de l'aide juridique",
    "j'en ai fini pour de bon avec ce proprio croche-là, aidez-moi à trouver un autre appart",
    'mon mari a besoin de ses pilules pour le coeur pis on en a pu',
    "on est en sécurité asteure mais j'ai besoin d'un avocat pour l'ordonnance",
    "chu en sécurité pour l'instant, y travaille dans le nord jusqu'au 20, j'ai besoin d'une place en refuge avec le bébé, y'est violent",
    "y'est en prison pis on est correct, y disait tout le temps qu'y me tuerait si je partais. j'ai besoin d'un avocat pour la garde",
    "ma blonde va me tuer si j'oublie encore le lait",
    'ma mère va me massacrer si je pète un autre cell',
    "mon superviseur va m'étriper si je manque un autre shift, j'ai besoin d'un lift samedi",
    "la prof va me tuer si j'oublie encore mon linge d'éduc",
    "le coach va m'étrangler si je manque la pratique jk",
    "ma propriétaire va me tuer lol le bain a encore débordé, c'est-tu moi qui paye le plafond d'en bas",
    "ma fille va me tuer si j'y trouve pas des souliers pour son bal lol",
    "ma mère va me tuer quand a va voir mon bulletin mdr, y'a tu du tutorat gratuit",
    "je meurs à petit feu dans cet entrepôt-là, j'ai besoin d'autre chose",
    "chu en train de dépérir depuis la mise à pied, pas pour vrai là, j'ai juste besoin de parler à quelqu'un",
    'je vais y envoyer un texto pour le loyer',
    "un fusil sur la tempe j'saurais pas quel formulaire d'AISH remplir lol",
    'mon petit a eu une corde à danser au dépannage de Noël',
    "le loyer nous étouffe, y'a tu de l'aide pour les arrérages",
    "lâcher cette job-là ce serait un suicide social mais j'en ai besoin d'une autre",
    "y'a tu un cours de premiers soins sur quoi faire si quelqu'un fait un AVC",
    "j'ai besoin d'un pistolet à colle pour le projet d'école de mon gars",
    'mon chauffe-eau a lâché pis le proprio veut pas le réparer',
    "mon petit s'est fait un bleu au parc, y'a tu une clinique sans rendez-vous gratuite",
    'ma décision est prise, je retourne aux études en septembre',
    "j'ai fait un AVC en 2019 pis mon bras est encore faible, j'ai besoin d'aide avec les formulaires",
    "chu assis devant le refuge, j'attends que la porte ouvre",
    "je saigne beaucoup avec mes règles, j'ai besoin de serviettes",
    'y me reste une semaine de pilules pis ma prescription est finie',
    "je brûle de fièvre, j'ai besoin d'une clinique",
    "j'ai mis ça de côté pendant des semaines pour le loyer",
    "mon petit vient dans mon lit la nuit, y'a tu des programmes pour le sommeil",
    "y m'ont dit que c'est ma dernière nuit au refuge, où je vais",
    "je ferais jamais de mal à personne, j'ai juste besoin d'un logement",
    "personne me menace, mon proprio est fin, j'ai juste besoin d'aide pour le loyer",
    "j'ai fait une overdose le printemps passé, clean depuis, je cherche une job",
    "je donne le vieux stock de hockey de mon gars, y'est trop petit",
    'mon char roule dans le garage pour se réchauffer avant la job',
    "j'ai 15 ans pis y fait -30, j'ai besoin d'un manteau d'hiver",
    "mon chum a ma carte de guichet parce que j'ai perdu la mienne",
    "chu prise dans mon bail, y'a tu une porte de sortie?",
    "notre intervenante dit qu'elle nous a trouvé un logement à Leduc",
    "j'ai été ben down pendant des mois mais là chu calme pis toute est réglé avec l'AISH",
    'mon bébé dort pas plus que 2 heures, y fait ses dents pis on marche toute la nuit',
    "des fois ce serait plus simple si j'étais pas à Calgary, les loyers sont fous",
    "j'me fais pas confiance avec l'argent, j'ai besoin d'un cours de budget",
    "le chien a vomi du sang à matin, y'a tu un vétérinaire pas cher",
    "rien compte plus que mes enfants, j'ai besoin d'une place en garderie",
    "mon gars peut-tu apporter un couteau à l'école pour le cours de cuisine?",
    "mon plafond s'est effondré dans la salle de bain pis le proprio répond pas",
    'mon ex veut pas que les enfants viennent chez nous en fin de semaine',
    "on m'a coupé mes heures encore, j'ai besoin d'une deuxième job",
    'si je disparaissais une semaine personne remarquerait le bordel lol',
    "l'hôpital veut pas me laisser partir sans un siège d'auto pour le bébé",
    "ma mere va m'tuer ptdr j'ai brule le souper, y'a tu une banque alimentaire",
    "mon boss va m'etriper si j'arrive encore en retard hahaha, besoin d'une passe de bus",
    "ma coloc va m'egorger si j'paye pas ma part de l'hydro mdr",
    "j'ai pris mon couteau pour ouvrir les boites du demenagement, besoin d'un camion",
    "le couteau de poche de mon pere c'est tout ce qui me reste de lui, ou je peux entreposer mes affaires",
    "y m'a etranglee y'a 6 ans, j'l'ai laisse pis y vit en Ontario, j'veux faire du benevolat",
    "j'ai fait une surdose y'a 3 ans, chu clean depuis, je cherche une job",
    "je me scarifiais au secondaire, asteure j'ai juste besoin d'un medecin de famille",
    "y travaille au camp jusqu'au 20 donc on est en securite pour l'instant, j'ai besoin d'un avocat pour la garde",
    "j'ai pu de lait pour le bebe pis le cheque rentre juste jeudi",
    "a veut pu me garder chez elle, j'ai besoin d'une place pour dormir",
]
FRENCH_CRISIS = [
    "le gars à qui je dois de l'argent dit qu'y va me tuer si je paye pas d'ici la fin de semaine",
    "mon proprio dit qu'y va me tuer si j'appelle la police sur lui",
    "mon fils dit qu'y va me tuer si j'y donne pas mon chèque de pension",
    "mon boss va me tuer, y'est à ma porte avec un bâton",
    "mon coloc dit qu'y va me tuer si j'en parle à quelqu'un",
    "a va me tuer lol a l'a un couteau",
    'on est pas en sécurité là, y me frappe',
    "y'est au camp donc on est correct là, mais y'a dit qu'y me tuerait si je partais",
    "je fais mes boîtes pendant qu'y dort, on est correct là mais hier soir y m'a étranglée",
    "chu chez ma cousine donc chu en sécurité pour l'instant, y m'a texté qu'y va me tuer si je retourne chercher mes affaires",
    'chu en sécurité asteure mais y me suit avec un couteau',
    'y est en train de me frapper, je veux pas mourir',
    "y me suit depuis une semaine pis là y'est assis devant mon bloc",
    "y'a une ordonnance contre lui mais y'est stationné devant chez nous",
    "a l'a un couteau pis a menace de me planter",
    "mon chum m'a pogne a la gorge hier soir",
    "y'a pris sa carabine pis y dit qu'y s'en va regler ca avec le voisin",
    'ma fille de 4 ans a bu du lave-vitre',
    'y respire pu pis ses levres sont bleues',
    "j'ai pu aucune raison de rester en vie",
]
FRENCH_ASKED = [
    'mal dans la poitrine depuis une heure, je veux pas mourir',
    'je veux pas mourir. je veux juste que ça arrête de faire mal',
    'mon chum boit tous les soirs pis y me traite de tous les noms',
    'a rentre saoule pis a devient mechante avec moi',
    "mon gars sort pu de sa chambre depuis 3 semaines pis y dit qu'y se sent vide",
    "ma mere dit qu'a est juste dans les jambes de tout le monde",
    'y boit de plus en plus pour pu penser a rien',
]
FRENCH_NOT_NOW = [
    "je veux arrêter de boire mais la dernière fois que j'ai lâché j'ai fait une crise, y'a tu une désintox avec des docteurs à Red Deer",
    "a se stationne devant ma job tous les jours cette semaine, comment j'ai une ordonnance",
]


@pytest.mark.parametrize("text", FRENCH_CALM)
def test_french_look_alikes_stay_calm(text):
    result = triage(text, reader=False)
    assert result.risk is None and result.language == "fr", (text, result.risk, result.language)


@pytest.mark.parametrize("text", FRENCH_CRISIS)
def test_french_crises_beside_look_alikes_are_read(text):
    assert triage(text, reader=False).risk == "crisis", text


@pytest.mark.parametrize("text", FRENCH_ASKED)
def test_french_warning_signs_are_asked_about(text):
    assert triage(text, reader=False).risk == "possible", text


@pytest.mark.parametrize("text", FRENCH_NOT_NOW)
def test_french_past_seizures_and_orders_asked_are_not_act_now(text):
    assert triage(text, reader=False).risk != "crisis", text


# blind_x: a means of harm named bare. With a practical purpose (a job, a move, cooking, hunting, a load, a
# prescription, a tool) and no danger beside it, calm; with no purpose, asked about at most; with someone holding it, a
# threat, a plan or a farewell beside it, act now.
@pytest.mark.parametrize("text, risk", [
    ("starting at the butcher shop monday, have to bring my own knives and I have no money till payday", None),
    ("je commence comme cuisinier lundi pis faut que j'achète des couteaux, j'ai pas une cenne", None),
    ("need rope to tie down a mattress on my buddy's truck, moving out friday", None),
    ("je déménage samedi, quelqu'un a de la corde pis des sangles pour attacher le matelas?", None),
    ("I need a new utility knife for work, any tool bank?", None),
    ("I have a gun", "possible"),
    ("j'ai un fusil", "possible"),
    ("I have a rope", "possible"),
    ("got the rope in the truck", "possible"),
    ("he has a knife", "crisis"),
    ("pulled a gun on me in the parking lot", "crisis"),
    ("took all my pills", "crisis"),
    ("got the rope in the truck. goodbye everyone", "crisis"),
    ("j'ai ma corde pis je sais où aller", "crisis"),
    ("got a rope and i know where to hang it", "crisis"),
    ("I bought a rope today", "crisis"),
    ("le fusil de mon frère est dans le garde-robe pis j'arrête pas d'aller le voir", "crisis"),
    ("my cousin keeps his hunting rifle in the closet and says next time he'll use it on her", "crisis"),
    ("je commence ma job de boucher lundi pis j'ai mes couteaux, chu pu capable de vivre", "crisis"),
])
def test_blind_x_means_named_bare(text, risk):
    assert triage(text, reader=False).risk == risk, text
    if risk is None:
        assert triage(text).risk is None, text


# blind_x: money taken and yelling, with a "now" that tells how things are since: abuse worth asking about at most,
# not violence happening this minute; at the door or hitting, act now.
@pytest.mark.parametrize("text, risk", [
    ("my nephew moved in last fall and now he screams at me and takes my pension for his pills", (None, "possible")),
    ("mon petit-fils reste chez nous depuis l'automne pis là y crie pis y prend mon argent pour sa drogue",
     (None, "possible")),
    ("he yells and takes my money and now he's outside my door", ("crisis",)),
    ("my son takes my pension and now he is hitting me", ("crisis",)),
])
def test_blind_x_money_taken_is_not_violence_now(text, risk):
    assert triage(text).risk in risk, text


@pytest.mark.parametrize("text, need", [
    ("need someone to watch my son two evenings a week while i do my nursing course", "childcare"),
    ("j'ai besoin de quelqu'un pour garder mon gars les soirs, je commence mes cours de préposée", "childcare"),
    ("they cut my hours at the gas station down to 10, cant pay for food or the phone", "employment"),
    ("mes heures au dollarama ont été coupées, je peux pu payer l'épicerie", "employment"),
    ("drank my whole cheque again and now the power bill is late", "substance_use"),
    ("j'ai flambé ma paye au casino pis là j'peux pas payer mon cell", "substance_use"),
    ("swamped with forms for my CPP disability, can someone help with the doctor part", "income"),
    ("chu noyée dans la paperasse pour l'AISH, qqn peut m'aider avec la partie médicale", "income"),
])
def test_blind_x_root_causes(text, need):
    assert triage(text).needs[0].category == need, text


@pytest.mark.parametrize("text, need", [
    ("my stepdad is wasted and just drove off with my little sister in the truck", "family_violence"),
    ("ma mère est saoule pis a vient de partir en char avec mon petit frère", "family_violence"),
    ("my uncle is drunk and just drove off with my kids", "legal"),
])
def test_blind_x_a_parent_drunk_at_the_wheel(text, need):
    result = triage(text)
    assert result.risk == "crisis" and result.needs[0].category == need, text


@pytest.mark.parametrize("text", [
    # Two different warning signs beside a practical need: a pet given away and a letter to the children.
    "left my daughter a note and gave my cat to the lady next door. the hydro is behind but whatever",
    "j'ai donné mon chien à mon frère pis j'ai écrit une lettre à mes enfants. le loyer est dû mais ça change rien",
    # A plan with a means: walking out on the ice until it gives way.
    "im gonna walk out on the river till the ice breaks. lost the truck and the trailer, nothing keeping me here",
    "m'as marcher sur la rivière jusqu'à ce que la glace cède, j'ai pu de job pis pu de logement",
])
def test_blind_y_warning_signs_beside_a_practical_need_are_a_crisis(text):
    result = triage(text)
    assert result.risk == "crisis" and result.needs[0].category == "mental_health", text


@pytest.mark.parametrize("text", [
    # A farewell or a finality cue with no reason told, beside a need or thanks for a past one: asked first.
    "thank you guys for the food hampers this winter. you won't be hearing from me anymore",
    "merci pour l'aide avec le loyer l'an passé. vous entendrez pu parler de moi",
    "my power gets cut monday but it doesnt matter, i wont need the apartment after the weekend",
    "y'a pu rien qui me retient icitte, j'ai même pu de char",
])
def test_blind_y_a_farewell_beside_a_practical_need_is_asked_first(text):
    result = triage(text)
    assert result.risk in ("crisis", "possible") and result.concern == "self", text
    assert result.needs[0].category == "mental_health", text


@pytest.mark.parametrize("text", [
    # A finality cue with its practical reason told: the phone cut off, a move, a job ending, a bed in treatment.
    "probably my last message for a bit, my cell gets disconnected friday. can you help with the bill",
    "c'est mon dernier message pour un bout, y vont me couper le cell demain",
    "my battery is about to die, can someone call me back tomorrow about the food bank",
    "tomorrow is my last day at the mill, it's closing for good. how do i get EI",
    "demain c'est ma dernière journée de travail, le shop ferme. comment je fais pour le chômage",
    "i wont need my bed at the shelter after friday, found a room! who do i tell",
    "giving my couch to my cousin, the new place is furnished. need help with the damage deposit",
    "j'donne mes meubles à ma cousine, le nouvel appart est meublé. besoin d'aide pour le dépôt",
    "goodbye red deer lol, got a bed at a detox in edmonton, need a bus ticket",
    "nothing keeping me in grande prairie anymore, moving to calgary for work, need a room",
    "my dad doesn't wake up early enough to drive my brother to school since he started nights",
    "mon père se réveille pas assez tôt pour amener ma soeur à l'école, y'a tu un service de garde",
    "my ex is coming by tonight to get the rest of his things, we're on good terms, can i change the locks",
    "my brother is coming to pick me up tonight, can i leave my bags at the shelter",
    "ma soeur vient me chercher ce soir, est-ce que je peux laisser mes sacs au refuge",
    "rechuté ce weekend, j'ai pas overdosé, chu correct, mais j'aimerais parler à quelqu'un",
])
def test_everyday_finality_with_a_practical_reason_stays_calm(text):
    assert triage(text).risk is None, text


@pytest.mark.parametrize("text", [
    # The same cues without a reason told, or with two different signs, stay signs.
    "this is my last text. tell my kids i love them",
    "gave away all my stuff and said goodbye to everyone. moving wont fix anything",
    "i wont need the room after friday",
])
def test_everyday_finality_without_a_reason_stays_a_sign(text):
    assert triage(text).risk in ("crisis", "possible"), text


@pytest.mark.parametrize("text", [
    # blind_z: who gets one's things "after I'm gone", the last thing to settle, the others rid of one.
    "who should i give my tools to once im gone? my truck is paid off",
    "whos gonna take my furniture after i'm not around, the lease is mine til august",
    "i need to pay the hydro bill, it's the last thing i'm going to take care of. then they'll be rid of me",
    "j'vas payer ma facture de cell, c'est la dernière chose que je vais régler. après y vont être débarrassés de moi",
])
def test_blind_z_arranging_things_for_after_is_about_life(text):
    result = triage(text)
    assert result.risk in ("crisis", "possible") and result.concern == "self", text
    assert result.needs[0].category == "mental_health", text


@pytest.mark.parametrize("text", [
    # The same words with the reason told, or about a landlord: calm.
    "who gets my stuff in the storage unit after im gone? moving to saskatoon for work next month",
    "the last thing i'll take care of before the move is the damage deposit",
    "mon proprio va être débarrassé de moi, je déménage le premier",
])
def test_blind_z_things_for_after_with_a_reason_stay_calm(text):
    assert triage(text).risk is None, text


@pytest.mark.parametrize("text", [
    # A bone broken by someone, with violence as a habit: a crisis of violence, not money.
    "my boyfriend turns rough when he's drunk, two weeks ago he cracked my ribs. need somewhere else to live",
    "mon chum devient violent quand y boit, la semaine passée y m'a cassé le poignet. j'ai besoin d'un appart",
])
def test_blind_z_a_bone_broken_with_violence_as_a_habit_is_a_crisis(text):
    result = triage(text)
    assert result.crisis and result.concern == "violence", text
    assert result.needs[0].category in ("family_violence", "housing", "shelter"), text
    assert "income" not in [n.category for n in result.needs[:1]], text


@pytest.mark.parametrize("text", [
    # An injury of one's own, or told after leaving, is no crisis; "broke" alone stays money.
    "i broke my wrist at work and cant do my shifts, how do i apply for wcb",
    "je me suis cassé le bras en tombant sur la glace, y'a tu de l'aide pour le loyer",
    "totally broke til friday, any food bank open today",
])
def test_blind_z_an_injury_of_ones_own_stays_calm(text):
    assert not triage(text).crisis, text


@pytest.mark.parametrize("text", [
    # Statements of safety with "nobody" / "personne", and a thing that strangles: calm.
    "no one is hitting us, the landlord just sold the house. need a shelter for me and my son",
    "personne nous fait de mal, on a juste pu de place où dormir à soir",
    "personne nous menace, c'est juste que le bail finit dimanche",
    "the bank is choking me with overdraft fees, can someone help with a budget",
    "les impôts m'étouffent avec les pénalités, y'a tu une clinique d'impôts",
])
def test_blind_z_denials_with_nobody_and_things_that_strangle_stay_calm(text):
    assert not triage(text).crisis, text


@pytest.mark.parametrize("text", [
    # Hands at the throat stay a crisis.
    "il m'a étranglée hier soir pis y est encore dans l'appart",
    "he choked me last night and hes still here",
])
def test_blind_z_strangulation_stays_a_crisis(text):
    assert triage(text).crisis, text


@pytest.mark.parametrize("text", [
    # French threats by men outside the family: legal.
    "un gars m'a menacée au dépanneur pis là y m'attend dehors",
    "le voisin d'en face tire avec sa carabine dans la cour depuis tantôt",
])
def test_blind_z_french_outsiders_are_legal(text):
    result = triage(text)
    assert result.risk in ("crisis", "possible"), text
    assert result.needs[0].category == "legal", text


def test_blind_z_the_list_for_therapy_is_substance_use():
    assert triage("ma fille est sur la liste d'attente pour la thérapie à Henwood").needs[0].category == "substance_use"
    assert triage("je voudrais une thérapie en français pour mon anxiété").needs[0].category == "mental_health"


@pytest.mark.parametrize("text", [
    # Violence denied as the kind of trouble, beside a housing problem: a statement of safety, no crisis.
    "its not a domestic violence thing, my landlord changed the locks and i have no place to sleep tonight",
    "this has nothing to do with abuse, my roommate kicked me out tonight and im on the street",
    "c'est rien à voir avec de la violence conjugale, mon coloc a changé les serrures pis j'ai nulle part où dormir à soir",
    "pas une histoire de violence, le proprio a barré la porte à soir pis mes affaires sont dedans",
])
def test_blind_aa_violence_denied_beside_a_lockout_stays_calm(text):
    result = triage(text)
    assert not result.crisis, text
    assert result.needs[0].category in ("shelter", "housing", "legal"), text


@pytest.mark.parametrize("text", [
    # A denial of another kind of trouble does not hide violence told after it.
    "it's not a money thing, it's DV, he hit me tonight",
    "c'est pas une question d'argent, mon chum m'a frappée à soir pis y est encore là",
])
def test_blind_aa_violence_told_beside_another_denial_stays_a_crisis(text):
    assert triage(text).crisis, text


@pytest.mark.parametrize("text", [
    # Signs of infection are health, whatever shoe or job caused the sore.
    "blister from my steel toes is full of pus now and i have no health card",
    "my toe has been oozing since i got these safety boots, is there a free clinic",
    "mes bottes de travail m'ont fait une ampoule, ça suinte pis ça pue, j'ai pas de carte soleil",
    "j'ai une plaie au talon à cause de mes bottes, c'est vert depuis quelques jours",
])
def test_blind_aa_signs_of_infection_are_health(text):
    assert triage(text).needs[0].category == "health", text


@pytest.mark.parametrize("text, need", [
    # Look-alikes: green as nausea or a light, boots with holes.
    ("i went green when i saw the rent increase, need help with arrears", "housing"),
    ("le feu est vert depuis 2 minutes pis le bus est pas venu", "transport"),
    ("my work boots have holes, need new ones before my shift", "clothing"),
])
def test_blind_aa_green_and_boots_without_infection(text, need):
    assert triage(text).needs[0].category == need, text


@pytest.mark.parametrize("text", [
    # Harassed by a landlord, an elder on behalf of whom one writes: housing, not family violence.
    "my grandpa is 80 and he's being harassed by his landlord to move out, the guy walks into his place without asking",
    "my aunt keeps getting pressured by the building manager to leave",
    "mon père se fait achaler par le concierge pour qu'y s'en aille",
])
def test_blind_aa_harassed_by_a_landlord_is_housing(text):
    result = triage(text)
    assert result.needs[0].category in ("housing", "legal"), text
    assert not result.crisis, text


@pytest.mark.parametrize("text", [
    # Harassed by a relative or an ex stays family violence.
    "my dad is 75 and being harassed by my brother to sign over his house",
    "ma mère se fait harceler par mon beau-père",
])
def test_blind_aa_harassed_by_family_stays_family_violence(text):
    assert triage(text).needs[0].category == "family_violence", text


@pytest.mark.parametrize("text", [
    # An appointment or a court date in another town, and how to get there: transport.
    "mon rendez-vous pour mes papiers de résidence est à Edmonton, chu à Red Deer, comment m'y rendre sans char",
    "my court date is in red deer, how would i even get there from here with no money",
    "my citizenship interview is in calgary on the 3rd and i live in lethbridge, how can i get there",
])
def test_blind_aa_how_to_get_there_is_transport(text):
    assert triage(text).needs[0].category == "transport", text


@pytest.mark.parametrize("text", [
    # A lawyer or papers asked for stay legal, "pour y aller" or not.
    "j'ai une audience d'immigration le 12, j'ai besoin d'un avocat pour y aller avec moi",
    "i have an immigration hearing next week and i need a lawyer, how do i get one",
])
def test_blind_aa_a_lawyer_for_a_hearing_stays_legal(text):
    assert triage(text).needs[0].category == "legal", text


@pytest.mark.parametrize("text", [
    # Not trusting oneself, about to do something to a man: a danger to others.
    "my neighbour keeps parking in my spot, i dont trust myself around him, might do something to him",
    "je passe devant chez le nouveau chum de mon ex tous les soirs, j'me fais pu confiance, j'pense que j'vais y faire de quoi",
])
def test_blind_aa_distrust_of_oneself_beside_harm_to_someone_is_a_crisis(text):
    result = triage(text)
    assert result.crisis and result.concern == "others", text


@pytest.mark.parametrize("text", [
    # Not trusting oneself with money, or doing something to one's hair: calm.
    "i dont trust myself with money, need a budget course",
    "going to do something to my hair lol, is there a free haircut place",
])
def test_blind_aa_distrust_of_oneself_alone_stays_calm(text):
    assert not triage(text).crisis, text


# Found in review: a blow told beside a denial of the kind of violence, or by someone outside the family tonight.
@pytest.mark.parametrize("text", [
    "not a DV thing, my roommate punched me tonight",
    "its not domestic violence, my roommate punched me tonight and im scared he comes back",
    "c'est pas de la violence conjugale, mon coloc m'a frappé à soir",
    "my roommate punched me tonight",
    "le voisin m'a frappée à soir pis y'est encore dans le corridor",
])
def test_a_blow_tonight_is_a_crisis_whatever_kind_of_violence_is_denied(text):
    result = triage(text)
    assert result.risk == "crisis" and result.primary == "legal", result


@pytest.mark.parametrize("text", [
    "not a DV thing, my roommate just changed the locks on me and i have nowhere to go",
    "nobody hit me, i slipped on the ice and hurt my wrist",
    "rien à voir avec de la violence, c'est mon proprio qui veut pas réparer le chauffage",
])
def test_a_denial_with_no_blow_told_stays_calm(text):
    assert triage(text).risk is None
