"""Read one message: language, ranked needs with the root cause first, crisis flag."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .categories import TIE_ORDER
from .language import french_words, is_confident, language_of, unsplit_words
from .lexicon import CALMING, CrisisTerm, Cue, NeedTerm, Together, lexicon
from .patterns import Hit, keep_longest
from .reader import Reader, second_reader
from .result import Need, Triage
from .rootcause import CAUSE, DOWNSTREAM, NEGATED, factor, roles
from .spelling import correct
from .text import BOUNDARY, count_french_accents, expand, raw_tokens

# Violence said to be happening now, or drug use with overdose signs, is a crisis; this is the
# evidence the need must have first, so a lone "scared" or "high" does not qualify.
NEED_EVIDENCE = 1.0
SIGNS_WEIGHT = 2.0
# The second reader (reader.py): how much its probability adds to a need's score (the lexicons give
# 0-1), the least probability that brings in a need the lexicons did not see, and the crisis
# probability above which an unrecognised message is asked about directly ("possible"). Chosen on
# 1,040 fresh messages written blind to the code (tests/triage/README.md), with the reader trained only
# on the older sets: always adding the reader (READER_UNTIL above 1) took top-1 from 87.0 % to 88.9 %,
# a floor of 0.35 to 89.1 %. Alone on those messages, the reader's risk from 0.7 read 120 of 170 crises
# for 2 of 869 non-crises (from 0.8: 98 for 1; from 0.6: 135 for 11).
READER_WEIGHT = 0.25
READER_FLOOR = 0.35
READER_RISK = 0.7
READER_UNTIL = 1.01
READER_MIN_WORDS = 3
# A practical need the lexicons read this plainly first keeps the reader's sense of danger from asking.
PRACTICAL_SCORE = 0.5
# Words that ask for help without saying what for ("I need help please", "j'ai besoin d'aide svp"): a message
# made only of them names no need, whatever the second reader guesses from its letters.
ASKING_ONLY = frozenset("""i im me my need needs needed help helping please pls plz can could you u someone
anyone some any hi hello hey want get looking for a an the with and to of is it this just really
j je jai ai besoin aide aidez aider moi svp stp bonjour allo salut quelqu un quelquun de d du des un une le la
pour peux pouvez vous tu est c ca""".split())# Confidence: the top need must be clear enough, and clearly ahead of the second.
CONFIDENT_SCORE = 0.5
CONFIDENT_LEAD = 0.8
# From this lexicon score on, the lexicons alone say whether the top need is clear (see `lexical` in triage).
LEXICONS_DECIDE = 0.6
MAX_EVIDENCE = 4
# A crisis term told as long past still counts as plain evidence of its need.
PAST_WEIGHT = 0.6
# Words around a time marker that make it a duration, not a past event: "for 2 years",
# "depuis l'an passé", "ça fait 2 ans que", "il y a 2 ans que".
DURATION_BEFORE = frozenset({"for", "since", "depuis", "pendant", "fait", "over"})
DURATION_AFTER = frozenset({"que", "qu"})
# Forms of "être" before "encore" ("est encore faible": still, not again).
BEING = frozenset({"est", "suis", "sont", "es", "sommes", "etait", "etais", "etaient"})
DIMINISHING = 0.5
# How far after a "now" marker a focus word ("just", "juste") turns the present to a plain need.
FOCUS_REACH = 6
# Despair aimed at a thing ("done with this landlord", "j'en peux pu de ce proprio") is exasperation,
# not despair about life: the words that link the two, and the needs such a thing may name.
AIMED_LINKS = frozenset(
    {"with", "of", "at", "about", "in", "de", "d", "avec", "dans", "du", "des", "this", "that", "these", "those",
     "the", "my", "his", "her", "our", "their", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "le",
     "la", "les", "l", "son", "sa", "ses", "notre", "nos", "leur", "leurs",
     # The wait or the line for a thing ("j'en peux pu de l'attente au bs", "de la file au dépannage").
     "au", "aux", "a", "attente", "file", "ligne", "delais", "paperasse", "wait", "waiting", "line", "lineup", "queue",
     "paperwork", "delays"}
)
# Places of a service, things too ("à boutte de la pharmacie"), though health needs are not all things (the pain).
SERVICE_PLACES = frozenset({"pharmacie", "pharmacy", "clinique", "clinic", "hopital", "hospital", "urgence"})
MAX_LINKS = 5
# Words that turn a statement of safety around ("je suis en sécurité maintenant, mais il me suit").
CONTRAST = frozenset({"but", "though", "although", "however", "except", "mais", "sauf", "pourtant", "cependant"})
# How near a "but" stands after a denial of being hit, for fear told after it to undo the denial.
FEAR_REACH = 4
DANGER_AFTER_BUT = ("immediacy", "immediacy_strong", "weapon", "armed", "watched", "arriving", "going_after",
                    "threat_to_kill")
# The need that answers a possible risk, and how strongly a warning sign points at it.
POSSIBLE_NEEDS = {"self": "mental_health", "violence": "family_violence"}
WARNING_WEIGHT = 1.5
# A warning sign about life itself ("can't see a future", "tired of everything") or two signs together ("drinking
# more, to stop thinking") is what the message is about even beside a practical need told at length: the
# question about it, and mental health, come first.
LIFE_WARNING_WEIGHT = 3.0
# Warning-sign lists that, alone and beside a practical need, read as exasperation with it, or as a
# step of a practical move ("gave my cat to my sister, the new place doesn't take pets").
WEAK_ALONE = frozenset({"despair", "settling", "no_way_out", "pain_stop", "heights_home"})
# Warning-sign lists about everything ("done with all of it"): asked about even beside a practical need,
# unless aimed at a thing ("done with all of this paperwork").
ABOUT_LIFE = frozenset({"despair_all", "no_future"})
# Farewell and finality cues ("you won't be hearing from me again", "won't need the place after thursday"): about life
# beside a practical need too, so the question and mental health come first, unless a practical reason is told for
# them (`REASONED`).
FINAL_CUES = frozenset({"finality", "not_needed_later"})
# Warning-sign lists that a practical reason told beside them (the phone cut off, a move, a job ending, a bed in
# treatment: crisis.yaml `reason_told`) makes a step of that matter: "last day of work, the plant closed", "giving
# her things away, she's moving into a lodge". Alone, without the reason, still a sign.
REASONED = frozenset({"finality", "not_needed_later", "preparations", "settling"})
# Warning-sign lists that are about everything only when they end their clause: "à quoi ça sert." and
# "what's the point" said bare, not "what's the point of applying again" (aimed at that); "he found us." but not
# "she found us a new unit".
CLAUSE_END = frozenset({"pointless", "found_us"})
# Words that report speech: a warning sign said "last week" dates the saying, not the state ("he said last week
# nothing matters" is still worth asking about).
REPORTING = frozenset({"said", "says", "told", "tells", "texted", "wrote", "posted", "dit", "disait", "ecrit",
                       "texte", "publie"})
# Lists whose signs no idiom guard hides: someone leaving with a knife to settle things ("parti avec un
# couteau de cuisine") carries a weapon, though "couteau de cuisine" alone is kitchenware; a teenager "kicked
# out" in the cold is put out of home, whatever the idiom guard says of being kicked out of somewhere.
IDIOM_PROOF = frozenset({"leaving_armed", "exposed", "numb", "withdrawn", "put_out"})
# Lists that tell of harm already done ("last week he shoved me into the wall"): with the one who did it coming
# back, a recent past is no history; years ago still is.
RECENT_PAST = frozenset({"hurt_me", "broke_in", "coming_back"})
# Lists of danger here now whose place words ("outside my building") also tell where a stalker keeps waiting: in a
# clause that tells being watched as a routine ("he's been following me and sitting outside my building") and says
# no time ("right now", "tonight", "pis là"), they are no "now".
NOW_SIGNS = frozenset({"immediacy"})
TIME_SIGNS = ("immediacy_strong", "still_now", "said_now")
# Needs whose search has a pace ("un appartement tout de suite", "a job asap"): a "now" right after one asked for
# is how soon, not danger here now. Not a bed or a ride tonight, which may be the way out of danger.
PACED_NEEDS = frozenset({"housing", "employment", "income", "utilities", "clothing", "childcare", "food", "legal"})
# Halves of a `possible_two` pair the lexicons judged a plain mental-health need when alone ("won't leave his
# room", "je me sens vide"): seen alone, the second reader's sense of danger does not overrule that judgement
# (any other sign the lexicons know is still asked about first); so are plain matters (intimate pictures posted,
# iron pills: lexicon.CALMING).
PLAIN_ALONE = frozenset({"withdrawn", "emptiness", *CALMING})
# What a crisis is about, from the need its evidence is credited to.
CONCERNS = {"mental_health": "self", "family_violence": "violence", "health": "others",
            "substance_use": "others", "childcare": "others"}
# Sign lists that, told beside a knife or a gun of daily life, make it the means of a danger (scoring.py
# `_danger_beside`): someone wielding one, harm done, a weapon taken along to settle things.
WEAPON_DANGER = ("wielded", "hurt_me", "leaving_armed", "going_after", "own_threat", "revenge_on", "settle_with",
                 "means_plan")
# Sign lists of a means of harm named bare ("couteaux", "have rope"): calm for a purpose told, else asked about.
MEANS_BARE = ("means_weapon", "means_self")
# Sign lists that name someone beside the writer, or someone hiding or shut in: a means named bare beside them stands.
SOMEONE_BESIDE = ("kin_named", "partner_named", "third_party", "outsider_threat", "third_outsider", "hiding", "trapped",
                  "immediacy_strong", "arriving", "threat_to_kill", "kill_threat")
# A threat by someone of daily life with a condition after it ("va me tuer si j'arrive en retard"): the words
# that open the condition, how far after the threat, and what a named danger undoes the figure of speech with.
CONDITIONS = frozenset({"if", "unless", "si"})
CONDITION_REACH = 3
REAL_DANGER = ("weapon", "armed", "immediacy_strong", "forcing_door")
# The need a third party's threat against someone outside the family is credited to (a police matter).
OUTSIDER_NEED = "legal"
# Sign lists of someone drunk at the wheel or taking it (a partner named: family violence; anyone else: legal).
DRIVING_SIGNS = ("impaired_driving", "drive_off")
EXTERNAL_NEEDS = frozenset(
    {"housing", "shelter", "food", "transport", "employment", "income", "utilities", "legal",
     "childcare", "clothing"}
)


def triage(text: str, reader: Reader | None | bool = True) -> Triage:
    """Read a message: its language, its needs ranked root cause first, and whether it is a crisis.

    `reader` is the second reader (True: the shipped one; False or None: the lexicons alone).
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if reader is True:
        reader = second_reader()
    raw = raw_tokens(text)
    expanded = expand(raw, french_words(), unsplit_words())
    language, language_confidence = language_of(raw, expanded, count_french_accents(text))
    tokens = [t if t == BOUNDARY else correct(t) for t in expanded]

    raw_scores: dict[str, dict[str, float]] = defaultdict(dict)
    # Need evidence told as happening now (not in a long-past clause): what the sign rules read.
    live_scores: dict[str, dict[str, float]] = defaultdict(dict)
    history = _history(tokens)
    said = _Said.read(tokens, history)
    # The need each piece of crisis evidence is credited to, and how strongly: it says what the danger is about.
    evidence: list[tuple[str, float]] = []
    # Where each piece of crisis-term evidence was read, and under which label (for `_armed_for_others`).
    spans: list[tuple[int, int, str]] = []
    crisis = _crisis(tokens, raw_scores, history, evidence, said, spans)
    # The language when sure of it: false friends (French "pain", "car") count only in their own.
    known = language if is_confident(language_confidence) else None
    _needs(tokens, known, raw_scores, live_scores, history,
           said.denied)
    fired = _signs_of_crisis(tokens, live_scores, history, said)
    for rule in fired:
        crisis = True
        weight = SIGNS_WEIGHT if rule.weight is None else rule.weight
        evidence.append((rule.concern or rule.need, weight))
        _add(raw_scores, rule.need, "(crisis signs)", weight)
        if rule.concern == "others" and "armed" in (rule.signs, rule.with_signs):
            _armed_for_others(tokens, rule.need, raw_scores, evidence, spans)
    if crisis:
        _credit_outsiders(tokens, history, raw_scores, evidence, spans, fired)
    words = sum(1 for t in tokens if t != BOUNDARY)
    # Short replies ("merci", "ok", "2") are answers, not needs: the second reader reads sentences.
    if words < READER_MIN_WORDS or all(t in ASKING_ONLY for t in tokens if t != BOUNDARY):
        reader = None
    probabilities = reader.needs(text) if reader else {}

    if crisis:
        risk, concern = "crisis", _concern(evidence)
    else:
        concern, sign = (None, None) if said.safe_from_harm else _possible(
            tokens, history, said.death_only and not said.ambivalent, known)
        likely = (probabilities or reader.needs(text)) if reader and concern is None and not said.safe else {}
        if (likely and not _plainly_practical(raw_scores, likely) and not _plain_alone(tokens, history)
                and reader.risk(text) >= READER_RISK):
            # The second reader sees danger in words the lexicons don't know: ask, don't assume.
            # Unless the words lean to suicide or violence, the question is the neutral one
            # ("is someone in danger or hurt right now?"): an ordinary need read wrong is not asked about suicide.
            concern = CONCERNS.get(max(likely, key=likely.get), "others")
        risk = "possible" if concern else None
        need = POSSIBLE_NEEDS.get(concern) or lexicon().possible_needs.get(sign) if concern else None
        if concern == "violence" and _outsider(tokens, history):
            # A man outside the family following or threatening the writer: a police matter.
            need = OUTSIDER_NEED
            _violence_to_outsider(raw_scores)
        if need:
            # A warning sign is what the message is about: the need that answers it comes first.
            about_life = concern == "self" and (sign in ABOUT_LIFE | FINAL_CUES
                                                or any(sign in n for _, n, _ in lexicon().possible_two))
            _add(raw_scores, need, "(warning sign)", LIFE_WARNING_WEIGHT if about_life else WARNING_WEIGHT)

    totals = {category: _combine(terms.values()) for category, terms in raw_scores.items()}
    # Each need's score: the lexicons' evidence (0-1), plus the second reader's probability, weighed lower.
    scores = {category: 1.0 - math.exp(-total) for category, total in totals.items() if total > 0}
    if max(scores.values(), default=0.0) >= READER_UNTIL:
        # The lexicons name the need plainly: the second reader is for wording they barely know.
        probabilities = {}
    # Whether to ask which need comes first is the lexicons' call when they name needs plainly: two needs
    # named alike ("rent and food") are asked about, though the second reader leans to one of them.
    lexical = dict(scores) if max(scores.values(), default=0.0) >= LEXICONS_DECIDE else None
    for category, probability in probabilities.items():
        if raw_scores.get(category) and all(_set_aside(label) for label in raw_scores[category]):
            # The lexicons read this need as what is at stake, or not needed: the reader must not undo that.
            continue
        if probability >= READER_FLOOR or category in scores:
            scores[category] = scores.get(category, 0.0) + READER_WEIGHT * probability
            if category not in raw_scores or not raw_scores[category]:
                raw_scores[category]["(second reader)"] = probability
    ranked = sorted(scores, key=lambda c: (-round(scores[c], 6), TIE_ORDER[c]))
    needs = [
        Need(
            category,
            round(min(1.0, scores[category]), 3),
            tuple(sorted(raw_scores[category], key=lambda t: (-raw_scores[category][t], t))[:MAX_EVIDENCE]),
        )
        for category in ranked
    ]
    return Triage(
        language=language,
        needs=needs,
        crisis=crisis,
        confident=crisis or _confident(lexical or scores),
        language_confident=is_confident(language_confidence),
        risk=risk,
        concern=concern,
        says_safe=said.safe,
        danger_now=said.strong_now or _arriving(tokens),
    )


# Words that, after "I don't want to die", bring what is wanted instead ("I just want the pain to stop").
AMBIVALENT = frozenset({"just", "only", "but", "juste", "seulement", "simplement", "mais"})
# Words after "plus en danger" that make it a comparison, not "no longer in danger".
COMPARED = frozenset({"que", "qu", "than"})
# Words just before a statement of safety that deny it ("we are not safe now", "pas en sécurité maintenant").
UNSAFE = frozenset({"not", "never", "no", "pas", "jamais", "pu", "pus"})


@dataclass(frozen=True)
class _Said:
    """What a message says of safety and immediacy, read once for every step that needs it."""

    #: Spans of statements of safety ("not suicidal", "he didn't hit me"): the words inside name nothing.
    denied: tuple[tuple[int, int], ...]
    #: "I'm safe now", "he's in jail".
    safe_now: bool
    #: Danger here without doubt: "right now", "at my door".
    strong_now: bool
    #: The only statement of safety is not wanting to die: it settles a question about suicide, not one about
    #: someone's body or safety ("chest pain for an hour, I don't want to die").
    death_only: bool = False
    #: Not wanting to die, then what is wanted instead ("I don't want to die, I just want the pain to stop"):
    #: ambivalence, which crisis lines ask about; the warning signs after it are not settled.
    ambivalent: bool = False
    #: Denials of being hit that fear after a "but" undoes ("y m'a jamais frappée mais j'ai peur"): no safety said.
    undone: tuple[tuple[int, int], ...] = ()

    @property
    def safe(self) -> bool:
        """Tell whether the message says the person is safe or not at risk."""
        return len(self.denied) > len(self.undone) or self.safe_now

    @property
    def safe_from_harm(self) -> bool:
        """Tell whether what the message says of safety settles every danger, not only suicide."""
        return self.safe and not self.death_only

    @classmethod
    def read(cls, tokens: list[str], history: frozenset[int] = frozenset()) -> _Said:
        signs = lexicon().signs
        # "I'm safe now but he's following me with a knife": danger told after a "but" is the news.
        danger = [h.start for name in DANGER_AFTER_BUT for h in signs[name].find(tokens)]
        # "we are not safe now" denies safety.
        statements = [h for h in signs["safe_now"].find(tokens) if not UNSAFE.intersection(tokens[max(0, h.start - 2):h.start])]
        # Safe now says nothing of what he will do: a threat to kill that is not history ("I'm safe now, he said
        # he'll kill me if I leave") stands, "but" or no "but"; "he used to say he'd kill me" does not.
        threatened = any(h.start not in history for h in signs["threat_to_kill"].find(tokens))
        safe_now = not threatened and any(
            not any(tokens[at] in CONTRAST and any(d > at for d in danger) for at in range(hit.end, len(tokens)))
            for hit in statements
        )
        # "je suis plus en danger que jamais" compares ("more in danger than ever"): no statement of safety.
        kinds = tuple((h.start, h.end) for h in signs["kind_denied"].find(tokens))
        denied = tuple((h.start, h.end) for h in signs["not_at_risk"].find(tokens)
                       if h.end >= len(tokens) or tokens[h.end] not in COMPARED) + kinds
        # "He's never hit me, but I'm scared": fear after a "but" undoes a denial of being hit as a statement of safety
        # (its words still name no blow), not one of suicide.
        feared = _feared_after(tokens)
        undone = tuple((a, b) for a, b in denied if any(s < b and a < e for s, e in feared))
        # "not a DV thing, my roommate punched me tonight": a denial says nothing of a blow told outside its words.
        blows = [(h.start, h.end) for h in signs["hurt_me"].find(tokens)] if denied else []
        undone += tuple(k for k in denied if k not in undone and any(not (k[0] <= a and b <= k[1]) for a, b in blows))
        deaths = [(h.start, h.end) for h in signs["death_denied"].find(tokens)]
        death_only = bool(denied) and len(undone) < len(denied) and not safe_now and all(
            any(s <= a and b <= e for s, e in deaths) for a, b in denied if (a, b) not in undone)
        # "safe right now" says safety: its "right now" is no danger here now.
        strong_now = any(not any(s.start <= h.start and h.end <= s.end for s in statements)
                         for h in signs["immediacy_strong"].find(tokens))
        ambivalent = death_only and any(t in AMBIVALENT for t in tokens[max(e for _, e in deaths):])
        return cls(denied, safe_now, strong_now, death_only, ambivalent, undone)


def _feared_after(tokens: list[str]) -> list[tuple[int, int]]:
    """Return the spans of denials of being hit that a "but" right after and fear or things getting worse after it
    undo ("y m'a jamais frappée mais quand y boit y casse des affaires, j'ai peur", "mais ça empire")."""
    signs = lexicon().signs
    fears = [h.start for h in signs["afraid"].find(tokens)]
    if not fears:
        return []
    buts = [at for at, token in enumerate(tokens) if token in CONTRAST]
    return [(h.start, h.end) for h in signs["hit_denied"].find(tokens)
            if any(h.end <= at <= h.end + FEAR_REACH and any(f > at for f in fears) for at in buts)]


def _idiom_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Return the spans of the phrases that only sound like danger: the lexicon's idioms, and threats by
    someone of daily life told as a figure of speech."""
    return [(h.start, h.end) for h in lexicon().idioms.find(tokens)] + _figures_of_speech(tokens) + \
        list(_weapons_told(tuple(tokens), id(lexicon()))[0])


def _figures_of_speech(tokens: list[str]) -> list[tuple[int, int]]:
    """Return the spans of threats by someone of daily life that are a figure of speech."""
    return list(_everyday_threats(tuple(tokens), id(lexicon()))[0])


def _violence_beside(tokens: list[str], spans: list[tuple[int, int]]) -> bool:
    """Tell whether a sign of violence worth asking about is said outside `spans` ("he hit me last night")."""
    if not spans:
        return False
    lex = lexicon()
    groups = [*lex.possible, *((concern, group) for concern, group, _ in lex.possible_two)]
    names = {name for concern, group in groups if concern == "violence" for name in group}
    hits = [h for name in (*names, "hurt_me") for h in lex.signs[name].find(tokens)]
    hits += [h for h in lex.crisis.find(tokens) if h.term.payload.category == "family_violence"]
    hits += [h for h in lex.needs.find(tokens)
             if isinstance(h.term.payload, NeedTerm) and h.term.payload.category == "family_violence"]
    # Harm done before ("he hit me last night", "elle m'a frappée hier") counts too: a threat after it is real.
    return any(not any(s < h.end and h.start < e for s, e in spans) for h in hits)


def _doubtful_threats(tokens: list[str]) -> list[tuple[int, int]]:
    """Return the spans of threats by a relative or a roommate said bare: neither a figure nor surely real."""
    return list(_everyday_threats(tuple(tokens), id(lexicon()))[1])


@lru_cache(maxsize=8)
def _weapons_told(tokens: tuple[str, ...], _lexicon_id: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Return the spans of a means of harm told as a thing of daily life, and of one to ask about.

    "I grabbed my knife to cut the bread", "all I have left from my dad", a pocket knife, a means named bare for a
    purpose told ("ma job de boucher commence lundi, faut que j'amène mes propres couteaux", "anyone have rope and a
    truck? have to get my stuff out"): calm. "I keep a knife in my tent for safety", a means named bare with no purpose
    ("I have a gun"): asked about, not act now. With a danger beside (a threat, someone wielding it, a plan, other
    violence, a warning sign), neither: the means stands.
    """
    signs, words = lexicon().signs, list(tokens)
    plain = tuple((h.start, h.end) for h in signs["weapon_plain"].find(words))
    kept = tuple((h.start, h.end) for h in signs["weapon_kept"].find(words))
    bare = [(h.start, h.end) for name in MEANS_BARE for h in signs[name].find(words)]
    if not (plain or kept or bare) or _danger_beside(words, [*plain, *kept], bare):
        return (), ()
    loose = tuple(b for b in bare if not any(s < b[1] and b[0] < e for s, e in (*plain, *kept)))
    if loose and any(signs[name].find(words) for name in SOMEONE_BESIDE):
        # A means named bare beside someone (a partner, a brother, a roommate, someone who says): whose hand it is in
        # is not told, so the means word stands.
        return (), ()
    # A purpose outside the means' own name ("hunting rifle" names a gun, not a hunt).
    purposes = [h for h in signs["means_purpose"].find(words) if not any(s < h.end and h.start < e for s, e in bare)]
    if loose and purposes:
        return plain + loose, kept
    return plain, kept + loose


def _danger_beside(tokens: list[str], spans: list[tuple[int, int]], bare: list[tuple[int, int]] = ()) -> bool:
    """Tell whether any danger is told outside `spans` and the means words `bare`: a crisis term, a warning sign, a
    weapon wielded or taken along ("j'amène la carabine de mon père au chantier"), harm done, a plan."""
    lex = lexicon()
    groups = [*(names for _, names in lex.possible), *(names for _, names, _ in lex.possible_two)]
    # Despair beside a practical need ("y reste pu rien dans le frigo") is exasperation with it (`WEAK_ALONE`).
    names = {*(name for group in groups for name in group), *WEAPON_DANGER} - WEAK_ALONE
    hits = [h for name in names for h in lex.signs[name].find(tokens)] + lex.crisis.find(tokens)
    # A term that says more than the bare word ("rope ... neck", "loaded gun", "bought a rope") is danger beside it.
    return any(not any(s < h.end and h.start < e for s, e in spans)
               and not any(s <= h.start and h.end <= e for s, e in bare) for h in hits)


# Read up to six times a message (idiom spans for the crisis, the question, the reader's gate): read once. The
# lexicon's identity is in the key so a reloaded lexicon is not answered from the old one.
@lru_cache(maxsize=8)
def _everyday_threats(tokens: tuple[str, ...], _lexicon_id: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Return the spans of threats by someone of daily life that are a figure of speech, and of those in doubt.

    "my boss is gonna kill me", "foremans gonna kill me if I dont have my ticket": a boss, a landlord, a
    teacher or a roommate, unless the condition is a real one ("if I call the police"). A mother, a wife or a
    child only with a condition ("ma blonde va me tuer si je fais pas la vaisselle") or a joke beside it
    ("haha", "jk"); not over money or property ("if I don't give him my pension"). A weapon or someone at the
    door makes every such threat real. Said bare ("my mom's gonna kill me", "my dad is going to kill me when he
    gets home"), a relative's threat is in doubt: asked about directly, neither called a crisis nor let pass.
    """
    signs = lexicon().signs
    bosses, kin = signs["everyday_boss"].find(tokens), signs["everyday_kin"].find(tokens)
    # A partner's or a sibling's threat: a figure of speech only with a joke and a mistake beside it; a sibling's
    # also with a chore for its condition ("ma soeur va me tuer si j'trouve pas de gardienne"), as a mother's.
    relatives = signs["everyday_relative"].find(tokens)
    partners = signs["everyday_partner"].find(tokens) + relatives
    if not (bosses or kin or partners) or any(signs[name].find(tokens) for name in REAL_DANGER):
        return (), ()
    real = [h.start for h in signs["real_condition"].find(tokens)]
    demands = [h.start for h in signs["kin_demand"].find(tokens)]
    jokes = [h.start for h in signs["joking"].find(tokens)]
    clauses = _clause_numbers(tokens)
    figures, doubtful = [], []
    for hit in partners:
        # A partner's threat is one unless a joke and a mistake to be found out both stand beside it.
        if _partner_figure(tokens, hit, real, jokes, clauses) or (
                hit in relatives and _chore(tokens, hit, real + demands, clauses)):
            figures.append((hit.start, hit.end))
    for hit, of_kin in [(h, False) for h in bosses] + [(h, True) for h in kin]:
        start = hit.start
        while start > 0 and tokens[start - 1] != BOUNDARY:
            start -= 1
        condition = next((at for at in range(hit.end, min(len(tokens), hit.end + CONDITION_REACH))
                          if tokens[at] in CONDITIONS), None)
        end = hit.end
        while end < len(tokens) and tokens[end] != BOUNDARY:
            end += 1
        # "told" inside the threat's own words reports it ("my landlord told me he's gonna kill me"): no condition.
        if any(start <= at < end and not hit.start <= at < hit.end for at in real):
            continue
        if of_kin:
            mundane = condition is not None and not any(condition < at < end for at in demands)
            joking = any(clauses[at] in (clauses[hit.start], clauses[hit.start] + 1) for at in jokes)
            if not (mundane or joking):
                if condition is None and not any(hit.start <= at < end for at in demands):
                    doubtful.append((hit.start, hit.end))
                continue
        figures.append((hit.start, hit.end))
    return tuple(figures), tuple(doubtful)


def _chore(tokens: tuple[str, ...], hit: Hit, serious: list[int], clauses: list[int]) -> bool:
    """Tell whether a threat's condition is a chore: an "if" right after it, and neither a real condition (the police,
    leaving) nor a demand of money or property (`serious`) in its clause."""
    if not any(tokens[at] in CONDITIONS for at in range(hit.end, min(len(tokens), hit.end + CONDITION_REACH))):
        return False
    return not any(clauses[at] == clauses[hit.start] and not hit.start <= at < hit.end for at in serious)


def _partner_figure(tokens: tuple[str, ...], hit: Hit, real: list[int], jokes: list[int], clauses: list[int]) -> bool:
    """Tell whether a partner's, an ex's or a sibling's threat is a figure of speech: a joke and a mistake."""
    # A joke in its clause or the next, a mundane "if" or what waits on being found out ("when she hears I missed
    # the hearing lol") or a mistake told just after ("lol, j'ai oublié de payer le phone bill"), and no real
    # condition (leaving, the police) in its clause.
    clause = clauses[hit.start]
    joking = any(clauses[at] in (clause, clause + 1) for at in jokes)
    if not joking or any(clauses[at] == clause and not hit.start <= at < hit.end for at in real):
        return False
    condition = any(tokens[at] in CONDITIONS for at in range(hit.end, min(len(tokens), hit.end + CONDITION_REACH)))
    signs, words = lexicon().signs, list(tokens)
    found_out = any(h.start >= hit.end - 1 and clauses[h.start] == clause for h in signs["finds_out"].find(words))
    mistake = any(h.start >= hit.end - 1 and clauses[h.start] in (clause, clause + 1) for h in signs["mistake"].find(words))
    return condition or found_out or mistake


def _clause_numbers(tokens: list[str]) -> list[int]:
    """Number each token by its clause (boundaries count in the clause they close)."""
    numbers, clause = [], 0
    for at, token in enumerate(tokens):
        numbers.append(clause)
        # "...", "?!" or ". ," close one clause, not several.
        if token == BOUNDARY and (at + 1 >= len(tokens) or tokens[at + 1] != BOUNDARY):
            clause += 1
    return numbers


def _plain_alone(tokens: list[str], history: frozenset[int]) -> bool:
    """Tell whether the message shows one half of a pair the lexicons ask about only together ("my son is
    down and won't leave his room"): a plain need by their judgement, which the second reader does not undo."""
    # A threat the lexicons read as a figure of speech ("ma blonde va me tuer si je fais pas la vaisselle") too, a
    # knife told as a thing of daily life ("I grabbed my knife to cut the bread"), and a crisis term the lexicons'
    # idioms read as one ("easier if I wasn't here in Calgary").
    return (any(_said(tokens, name, history) for name in PLAIN_ALONE) or bool(_figures_of_speech(tokens))
            or bool(_weapons_told(tuple(tokens), id(lexicon()))[0]) or _crisis_term_in_idiom(tokens))


def _crisis_term_in_idiom(tokens: list[str]) -> bool:
    """Tell whether a crisis term of the message lies within one of the lexicons' idioms."""
    idioms = [(h.start, h.end) for h in lexicon().idioms.find(tokens)]
    return bool(idioms) and any(any(s < h.end and h.start < e for s, e in idioms) for h in lexicon().crisis.find(tokens))


def _plainly_practical(raw_scores: dict[str, dict[str, float]], likely: dict[str, float]) -> bool:
    """Tell whether both readers put a practical need first ("nothing to eat tonight, kids too"): the
    second reader's sense of danger, learnt from letters, is then not enough to ask about danger."""
    totals = {c: _combine(terms.values()) for c, terms in raw_scores.items() if terms}
    if not totals or max(likely, key=likely.get) not in EXTERNAL_NEEDS:
        return False
    best = max(totals, key=totals.get)
    return best in EXTERNAL_NEEDS and 1.0 - math.exp(-totals[best]) >= PRACTICAL_SCORE


def _concern(evidence: list[tuple[str, float]]) -> str:
    """Return what a crisis is about: the concern with the most evidence (violence first on a tie), so a
    plain weapon word does not outweigh "says he's going to kill his boss"."""
    strongest: dict[str, float] = {}
    for need, weight in evidence:
        concern = need if need in ("self", "violence", "others") else CONCERNS.get(need, "self")
        strongest[concern] = strongest.get(concern, 0.0) + weight
    return max(strongest, key=lambda c: (strongest[c], c == "violence"))


def _possible(tokens: list[str], history: frozenset[int], beyond_self: bool = False,
              language: str | None = None) -> tuple[str | None, str | None]:
    """Return the concern of a warning sign that alone is worth asking about, and its sign list, or Nones.

    One sign of suicide's warning signs (giving things away, a goodbye, "can't go on", a plan), or of
    danger from someone (followed, watched, threatened), is not enough to call a crisis, but enough to
    ask directly, as crisis lines do. A plain statement of safety ("not suicidal, just broke") settles it;
    with `beyond_self` (the person said they don't want to die) only the signs about suicide are settled.
    """
    lex = lexicon()
    idioms = _idiom_spans(tokens)
    # Despair beside a concrete need ("à boutte de mon char", "nothing left in the fridge") is
    # exasperation with that need: asked about only when the message names no such thing.
    # A false friend counts only in its own language, as in `_needs` (French "pain" is no bread in "the pain").
    things = frozenset(
        h.start
        for h in lex.needs.find(tokens)
        if isinstance(h.term.payload, NeedTerm) and h.term.payload.category in EXTERNAL_NEEDS
        and not (h.term.payload.own_language_only and language not in (None, h.term.payload.language))
    )
    # Speech reported from last week is recent; from years ago, history.
    reported = _reported(tokens) - _history(tokens, "years_ago") if history else frozenset()
    reasoned = _said(tokens, "reason_told", history)
    if any(start not in history for start, _ in _doubtful_threats(tokens)):
        # "my dad's gonna kill me", said bare: is the person safe? Ask.
        return "violence", "kin_threat"
    for concern, names in lex.possible:
        if beyond_self and concern == "self":
            continue
        for name in names:
            for hit in lex.signs[name].find(tokens):
                # ... or at a service's place ("à boutte de la pharmacie").
                if name in WEAK_ALONE and (things or _aimed_at_thing(tokens, hit.end, things)):
                    continue
                if name in ABOUT_LIFE and (hit.end in things or _aimed_at_thing(tokens, hit.end, things)):
                    continue
                if name in CLAUSE_END and hit.end < len(tokens) and tokens[hit.end] != BOUNDARY:
                    continue
                if name in REASONED and reasoned:
                    continue
                recent = hit.start not in history or (concern == "self" and hit.start in reported)
                if recent and not any(s < hit.end and hit.start < e for s, e in idioms):
                    return concern, name
    # Two signs, each too common alone, that together are worth a question ("il boit tous les soirs" and
    # "il me traite de tous les noms": is she safe?). Two different lists, in different words.
    for concern, names, also in lex.possible_two:
        if (beyond_self and concern == "self") or (also and not _said(tokens, also, history)):
            continue
        shown = {
            name: [(h.start, h.end) for h in lex.signs[name].find(tokens)
                   if h.start not in history
                   and (name in IDIOM_PROOF or not any(s < h.end and h.start < e for s, e in idioms))]
            for name in names
        }
        for at, first in enumerate(names):
            for second in names[at + 1 :]:
                if _apart(shown[first], shown[second]):
                    return concern, first
    return None, None


def _reasoned(tokens: list[str], history: frozenset[int], name: str) -> list[tuple[int, int]]:
    """Return the spans of the signs of list `name` when a practical reason for them is told (crisis.yaml
    `reason_told`): a farewell that is a pause for a phone cut off, a move, a job ending."""
    if not _said(tokens, "reason_told", history):
        return []
    return [(h.start, h.end) for h in lexicon().signs[name].find(tokens)]


def _reported(tokens: list[str]) -> frozenset[int]:
    """Return the positions of the clauses that report speech ("he said last week ...")."""
    positions: set[int] = set()
    start = 0
    for end in [*(i for i, t in enumerate(tokens) if t == BOUNDARY), len(tokens)]:
        if any(t in REPORTING for t in tokens[start:end]):
            positions.update(range(start, end))
        start = end + 1
    return frozenset(positions)


def _apart(firsts: list[tuple[int, int]], seconds: list[tuple[int, int]]) -> bool:
    """Tell whether a sign of one list and a sign of another are in different words ("limp" is not both
    limp and unresponsive)."""
    return any(b <= c or d <= a for a, b in firsts for c, d in seconds)


def _add(scores: dict[str, dict[str, float]], category: str, evidence: str, weight: float) -> None:
    # A term counts once per need however often it is repeated: ten "rent"s are one rent problem.
    current = scores[category].get(evidence, 0.0)
    scores[category][evidence] = max(current, weight)


def _combine(weights) -> float:
    # Each further term for the same need adds half as much as the one before: three vague words
    # ("work", "shift", "boss") must not outweigh one that names the need ("transmission").
    return sum(w * DIMINISHING**rank for rank, w in enumerate(sorted(weights, reverse=True)))


def _span(tokens: list[str], hit: Hit) -> str:
    return " ".join(tokens[hit.start : hit.end])


def _history(tokens: list[str], frame: str = "long_ago") -> frozenset[int]:
    """Return the positions of clauses told as long past ("I overdosed 2 years ago", "y'a 10 ans").

    A crisis there is history (grief, recovery), not a crisis now, unless the message says it is
    back ("again", "encore", "tonight"). A duration ("for 2 years", "depuis l'an passé", "ça fait 2
    ans que") is not history: the thing goes on.
    """
    lex = lexicon()
    if any(not _turns_to_other_need(tokens, hit.end) and not _lasting(tokens, hit.start)
           for hit in lex.signs["still_now"].find(tokens)):
        return frozenset()
    positions: set[int] = set()
    for hit in lex.signs[frame].find(tokens):
        before = tokens[max(0, hit.start - 2) : hit.start]
        after = tokens[hit.end : hit.end + 1]
        if any(t in DURATION_BEFORE for t in before) or any(t in DURATION_AFTER for t in after):
            continue
        start, end = hit.start, hit.end
        while start > 0 and tokens[start - 1] != BOUNDARY:
            start -= 1
        while end < len(tokens) and tokens[end] != BOUNDARY:
            end += 1
        positions.update(range(start, end))
    return frozenset(positions)


def _lasting(tokens: list[str], at: int) -> bool:
    """Tell whether an "encore" after a form of "être" is "still", a state that lasts ("mon bras est encore faible"),
    as English "still" is: no sign that the long-past event is back."""
    return tokens[at] == "encore" and at > 0 and tokens[at - 1] in BEING


def _turns_to_other_need(tokens: list[str], at: int) -> bool:
    """Tell whether the clause after a "now" marker asks for something plain ("aujourd'hui je veux
    juste un emploi", "now I just need a family doctor"): the present is then told as being about
    that need, and does not bring a long-past crisis back."""
    focus = {
        hit.start
        for hit in lexicon().cues.find(tokens)
        if isinstance(hit.term.payload, Cue) and hit.term.payload.kind == "focus"
    }
    for position in range(at, min(len(tokens), at + FOCUS_REACH)):
        if tokens[position] == BOUNDARY:
            return False
        if position in focus:
            return True
    return False


def _armed_for_others(tokens: list[str], need: str, scores: dict[str, dict[str, float]],
                      evidence: list[tuple[str, float]], spans: list[tuple[int, int, str]]) -> None:
    """A weapon the writer takes up to go after someone ("j'ai pris un couteau pis je m'en vais chez eux")
    is the means of a danger to others: the weapon words count for that danger, not as violence done to
    the writer."""
    armed = [(h.start, h.end) for h in lexicon().signs["armed"].find(tokens)]
    for at, (start, end, label) in enumerate(spans):
        if evidence[at][0] != "family_violence" or not any(s < end and start < e for s, e in armed):
            continue
        weight = evidence[at][1]
        evidence[at] = ("others", weight)
        if scores["family_violence"].pop(label, None) is not None:
            _add(scores, need, label, weight)


def _said(tokens: list[str], name: str, history: frozenset[int] = frozenset()) -> bool:
    """Tell whether a sign list of crisis.yaml is said, outside the clauses in `history`."""
    return any(h.start not in history for h in lexicon().signs[name].find(tokens))


def _credit_outsiders(tokens: list[str], history: frozenset[int], scores: dict[str, dict[str, float]],
                      evidence: list[tuple[str, float]], spans: list[tuple[int, int, str]],
                      fired: list[Together]) -> None:
    """Credit to legal a danger from or to someone outside the family: a police matter, not family violence
    nor the writer's own distress. The one place where the lexicons' violence evidence changes hands."""
    if _said(tokens, "own_threat", history):
        # The writer's own threat with a weapon at hand ("je vais lui casser la gueule, j'ai le bâton à côté de la
        # porte"): the weapon is the means of a danger to others, not violence done to the writer.
        _armed_for_others(tokens, "mental_health", scores, evidence, spans)
    concern = _concern(evidence)
    if (concern == "others" or (concern == "violence" and not _said(tokens, "partner_named"))) and \
            (_third_party_outsider(tokens, history) or _own_threat_to_outsider(tokens, history)):
        # Someone else's threat to a man outside the family ("my cousin says he'll stab the guy who stole his
        # car", "mon frère s'en va casser la gueule au gars, il a un bâton"), or a weapon waved at people with no
        # relative named ("a guy at the camp waving a machete"); a partner or an ex going after the writer's new
        # partner stays family violence.
        _danger_to_outsider(tokens, scores, evidence, spans, fired)
    drunk_driving = any(name in (rule.signs, rule.with_signs) for rule in fired for name in DRIVING_SIGNS)
    if drunk_driving and not any(_said(tokens, name) for name in ("partner_named", "parent_named")):
        # A drunk driver with the children who is no partner, ex or parent of theirs (an uncle, a neighbour).
        for rule in fired:
            _to_outsider(scores, rule.need, "(crisis signs)")
    if _concern(evidence) == "violence" and _outsider(tokens, history):
        # A man outside the family threatening the writer ("un gars au parc me menace pour 200 $").
        _violence_to_outsider(scores)


def _violence_to_outsider(scores: dict[str, dict[str, float]]) -> None:
    """Move the evidence of violence to legal: the threat comes from outside the family."""
    for label, weight in scores.pop("family_violence", {}).items():
        _add(scores, OUTSIDER_NEED, label, weight)


def _outsider(tokens: list[str], history: frozenset[int]) -> bool:
    """Tell whether a threat to the writer comes from a man outside the family (a stranger, a roommate, a
    dealer owed money), with no relative named."""
    return _said(tokens, "outsider_threat", history) and not _said(tokens, "kin_named")


def _to_outsider(scores: dict[str, dict[str, float]], need: str, label: str) -> None:
    if label in scores.get(need, {}):
        _add(scores, OUTSIDER_NEED, label, scores[need].pop(label))


def _third_party_outsider(tokens: list[str], history: frozenset[int]) -> bool:
    """Tell whether a danger to others is someone else's threat against someone outside the family ("my
    cousin says he's gonna stab the guy who stole his car", "guy in my building keeps saying he'll shoot
    up the bar"): a police matter. Not when the writer threatens (a distress of his own), when the target
    is a partner or family (family violence), nor when the one threatening is psychotic or drunk or high
    (mental health first, as the labels of every set read them)."""
    return (_said(tokens, "third_party", history) and _said(tokens, "third_outsider", history)
            and not any(_said(tokens, name, history) for name in ("third_kin", "psychosis", "third_intoxicated")))


def _own_threat_to_outsider(tokens: list[str], history: frozenset[int]) -> bool:
    """Tell whether the writer threatens a man outside the family ("je vais tuer mon proprio", "I'm gonna smash my
    landlord's face in"): a police matter, as every set labels it, not the writer's distress alone."""
    return (any(_said(tokens, name, history) for name in ("own_threat", "kill_threat"))
            and _said(tokens, "third_outsider", history) and not _said(tokens, "kin_named", history))


def _danger_to_outsider(tokens: list[str], scores: dict[str, dict[str, float]], evidence: list[tuple[str, float]],
                        spans: list[tuple[int, int, str]], fired: list[Together]) -> None:
    """Credit a third party's threat against an outsider to legal: the threat's words, the weapon in his
    hands (not violence done to the writer), and the pairs of signs about others."""
    signs = lexicon().signs
    armed = [(h.start, h.end) for name in ("armed", "weapon") for h in signs[name].find(tokens)]
    for at, (start, end, label) in enumerate(spans):
        source, weight = evidence[at]
        if source == "others":
            _to_outsider(scores, "mental_health", label)
        elif source == "family_violence" and any(s < end and start < e for s, e in armed):
            evidence[at] = ("others", weight)
            _to_outsider(scores, "family_violence", label)
    for rule in fired:
        if rule.concern == "others":
            _to_outsider(scores, rule.need, "(crisis signs)")


def _crisis(tokens: list[str], scores: dict[str, dict[str, float]], history: frozenset[int],
            evidence: list[tuple[str, float]], said: _Said, spans: list[tuple[int, int, str]]) -> bool:
    lex = lexicon()
    # "not suicidal", "pas en danger": the crisis words inside a statement of safety don't count.
    # A relative's threat said bare is asked about (`_possible`), not called a crisis; with another sign of
    # violence ("he hit me last night") it is one.
    doubtful = _doubtful_threats(tokens)
    idioms = _idiom_spans(tokens) + list(said.denied) + ([] if _violence_beside(tokens, doubtful) else doubtful)
    # A weapon kept for safety is asked about (`_possible`), not called a crisis.
    idioms += _weapons_told(tuple(tokens), id(lex))[1]
    # "he's in jail now", "je suis en sécurité": violence told with safety now is not happening now.
    safe = said.safe_now and not said.strong_now
    found = False
    # Years ago ("y a 6 ans"), even a lethal marker is history: "he choked me last week" stays a crisis.
    distant = _history(tokens, "years_ago") if history else frozenset()
    hits = lex.crisis.find(tokens)
    # "my last text for a while, phone gets cut off tomorrow": a soft farewell with its practical reason told.
    idioms += _reasoned(tokens, history, "farewell_soft")
    # A danger to others said in the first person holds the words of violence done to someone: "I'm
    # stabbing him" is the person writing about to hurt someone, not "stabbing him" done to them.
    others = [(h.start, h.end) for h in hits if isinstance(h.term.payload, CrisisTerm) and h.term.payload.concern]
    for hit in hits:
        if any(s <= hit.start and hit.end <= e and e - s > hit.end - hit.start for s, e in others):
            continue
        if any(s < hit.end and hit.start < e for s, e in idioms):
            continue
        payload = hit.term.payload
        assert isinstance(payload, CrisisTerm)
        past = hit.start in history or (safe and payload.category == "family_violence")
        if past and (not payload.lethal or hit.start in distant):
            # Told as long past, or as over: still a need (grief, recovery, safety), no longer a crisis.
            _add(scores, payload.category, _span(tokens, hit) + " (past)", PAST_WEIGHT)
            continue
        _add(scores, payload.category, _span(tokens, hit), payload.weight)
        evidence.append((payload.concern or payload.category, payload.weight))
        spans.append((hit.start, hit.end, _span(tokens, hit)))
        found = True
    return found


def _needs(
    tokens: list[str],
    language: str | None,
    scores: dict[str, dict[str, float]],
    live: dict[str, dict[str, float]],
    history: frozenset[int],
    denied: tuple[tuple[int, int], ...],
) -> None:
    lex = lexicon()
    # "he didn't hit me", "not suicidal": the words of a statement of safety name no need (`denied`).
    hits = [
        h
        for h in keep_longest(lex.needs.find(tokens) + lex.ignored.find(tokens))
        if isinstance(h.term.payload, NeedTerm)
        # A false friend ("car" is "because" in French) counts only in its own language's messages.
        and not (h.term.payload.own_language_only and language not in (None, h.term.payload.language))
        and not any(s <= h.start and h.end <= e for s, e in denied)
    ]
    marks = roles(tokens, lex.cues.find(tokens), hits)
    role_of = [marks[h.start] for h in hits]
    if lex.signs["violence_denied"].find(tokens):
        # "Pas de violence là": a women's shelter asked for is a bed, not a refuge from violence (a term that
        # names both counts for the shelter alone; other violence words, control of money, still count).
        beds = {(h.start, h.end) for h in hits if h.term.payload.category == "shelter"}
        role_of = [NEGATED if h.term.payload.category == "family_violence" and (h.start, h.end) in beds else r
                   for h, r in zip(hits, role_of, strict=True)]
    for hit, role in zip(hits, role_of, strict=True):
        payload = hit.term.payload
        assert isinstance(payload, NeedTerm)
        other_cause = any(
            r != DOWNSTREAM and other.term.payload.category != payload.category
            for other, r in zip(hits, role_of, strict=True)
        )
        weight = payload.weight * factor(role, other_cause)
        label = _span(tokens, hit)
        if role == NEGATED:
            label += " (not needed)"
        elif weight < payload.weight:
            label += " (at stake)"
        if role == CAUSE:
            label += " (cause)"
        _add(scores, payload.category, label, weight)
        if hit.start not in history:
            _add(live, payload.category, label, weight)


def _signs_of_crisis(
    tokens: list[str], live: dict[str, dict[str, float]], history: frozenset[int], said: _Said
) -> list[Together]:
    lex = lexicon()

    # A sign inside a statement of safety is denied, not told ("il me frappe pas" holds "il me frappe").
    idioms = _idiom_spans(tokens) + list(said.denied)
    found: dict[str, list[tuple[int, int]]] = {}
    things: list[frozenset[int]] = []  # where needs that are things begin; searched on first use

    def aimed(end: int) -> bool:
        if not things:
            things.append(
                frozenset(
                    h.start
                    for h in lex.needs.find(tokens)
                    if isinstance(h.term.payload, NeedTerm) and h.term.payload.category in EXTERNAL_NEEDS
                )
            )
        return _aimed_at_thing(tokens, end, things[0])

    distant: list[frozenset[int]] = []

    def recent_past() -> frozenset[int]:
        # Lists told of the past by nature ("last week he shoved me"): only years ago is history for them.
        if not distant:
            distant.append(_history(tokens, "years_ago") if history else frozenset())
        return distant[0]

    def shown(name: str, about_life: bool = False) -> list[tuple[int, int]]:
        # Each list is searched once per message; "about life" drops signs aimed at a thing.
        if name not in found:
            found[name] = [
                (h.start, h.end)
                for h in lex.signs[name].find(tokens)
                if (h.start not in (recent_past() if name in RECENT_PAST else history))
                and (name in IDIOM_PROOF or not any(s < h.end and h.start < e for s, e in idioms))
            ]
            if name in NOW_SIGNS and found[name]:
                routine, numbers = _routine_clauses(tokens), _clause_numbers(tokens)
                # "tout de suite" after "un appartement" is how soon; so is the "now" inside its "right now".
                starts = _paced(tokens)
                paced = [(a, b) for a, b in found[name] if a in starts]
                found[name] = [(a, b) for a, b in found[name] if numbers[a] not in routine
                               and not any(s <= a < e for s, e in paced)]
        spans = found[name]
        return [(a, b) for a, b in spans if not aimed(b)] if about_life else spans

    rules = []
    for rule in lex.together:
        # "I'm not in danger, just nowhere to go": a statement of safety cancels what safety now cancels.
        if rule.unless == "safe_now" and said.safe_from_harm:
            continue
        if rule.unless and rule.unless != "safe_now" and lex.signs[rule.unless].find(tokens):
            continue
        if rule.also and not shown(rule.also):
            continue
        if rule.with_signs:
            # Two signs, in different words: "limp" is not both limp and unresponsive.
            firsts, seconds = shown(rule.with_signs, rule.about_life), shown(rule.signs)
            if _apart(firsts, seconds):
                rules.append(rule)
        elif _combine(_evidence_for(tokens, rule, live)) >= NEED_EVIDENCE and shown(rule.signs):
            rules.append(rule)
    return rules


def _evidence_for(tokens: list[str], rule: Together, live: dict[str, dict[str, float]]) -> list[float]:
    """Return the weights of the need evidence a sign rule reads: for "now", no money taken nor yelling ("he moved in
    and now he yells and takes my money" is abuse to ask about, not violence happening this minute), unless he is at the door."""
    terms = live.get(rule.need, {})
    strong = any(lexicon().signs[name].find(tokens) for name in ("immediacy_strong", "arriving"))
    if rule.signs not in NOW_SIGNS or not terms or strong:
        return list(terms.values())
    spoken = [" ".join(tokens[h.start:h.end]) for h in lexicon().signs["not_physical"].find(tokens)]
    return [w for label, w in terms.items() if not any(label.split(" (")[0] in text for text in spoken)]


def _paced(tokens: list[str]) -> frozenset[int]:
    """Return where a "now" word tells how soon something is wanted, not danger here now."""
    # Right after a practical need asked for ("je cherche un appartement tout de suite", "an apartment right now"),
    # or "just" before a wish ("I just want him out of my house").
    lex = lexicon()
    starts = {h.start for h in lex.signs["wanting"].find(tokens)}
    requests = [h.start for h in lex.cues.find(tokens) if isinstance(h.term.payload, Cue) and h.term.payload.kind == "request"]
    if requests:
        numbers = _clause_numbers(tokens)
        for hit in lex.needs.find(tokens):
            payload = hit.term.payload
            if (isinstance(payload, NeedTerm) and payload.category in PACED_NEEDS
                    and any(at <= hit.start and numbers[at] == numbers[hit.start] for at in requests)):
                starts.add(hit.end)
    return frozenset(starts)


def _routine_clauses(tokens: list[str]) -> frozenset[int]:
    """Return the clauses that tell being watched as a routine and say no time ("he's been following me")."""
    lex = lexicon()
    numbers = _clause_numbers(tokens)
    clauses = {numbers[h.start] for h in lex.signs["watched"].find(tokens)}
    clauses &= {numbers[h.start] for h in lex.signs["routine"].find(tokens)}
    if clauses:
        clauses -= {numbers[h.start] for name in TIME_SIGNS for h in lex.signs[name].find(tokens)}
    return frozenset(clauses)


def _aimed_at_thing(tokens: list[str], end: int, things: frozenset[int]) -> bool:
    # "done with this landlord": after the sign, a few linking words, then a need that is a thing.
    position = end
    while position < len(tokens) and position - end < MAX_LINKS and tokens[position] in AIMED_LINKS:
        position += 1
    return position > end and (position in things or (position < len(tokens) and tokens[position] in SERVICE_PLACES))


def _confident(scores: dict[str, float]) -> bool:
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or min(1.0, ranked[0]) < CONFIDENT_SCORE:
        return False
    if len(ranked) == 1:
        return True
    top, second = (-math.log(1.0 - min(v, 0.999)) for v in ranked[:2])
    return second <= CONFIDENT_LEAD * top


def _arriving(tokens: list[str]) -> bool:
    idioms = _idiom_spans(tokens)
    return any(not any(s < h.end and h.start < e for s, e in idioms)
               for h in lexicon().signs["arriving"].find(tokens))


def _set_aside(label: str) -> bool:
    return label.endswith(("(at stake)", "(not needed)"))
