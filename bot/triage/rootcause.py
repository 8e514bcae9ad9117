"""Tell which needs a message names as causes and which as what is at stake.

A need named right after a consequence cue ("or I'll lose my job", "sinon je perds mon logement"),
a purpose cue after another need ("tires for work") or a background cue ("just got out of detox")
is downstream: it ranks after the need the message is about when the message names one. A need named right after a cause cue ("because", "pcq", "sans") is a
cause and weighs a little more.

A need named right after a request ("need", "besoin de", "looking for") is what the message asks
for and weighs a little more: "my phone died, texting from my sister's, need food" asks for food.
A need named right after a negation ("I don't need a shelter", "pas besoin de linge") is not asked
for and weighs almost nothing; a focus word ("just food", "juste de la bouffe") ends the negation,
and what follows it is asked for ("y'a 5 ans j'ai fait une surdose, aujourd'hui je veux juste un
emploi": the job, not the old overdose). A refusal after a need ("un refuge non merci", "j'ai un toit,
c'est pas ça") turns down the clause just before it; a contrast ("I have food, what I don't have is a
way to cook it", "j'ai un toit, ce qui me manque c'est...") turns it down and asks for what follows.
Where a trip goes ("get to my methadone clinic", "get my kid to daycare") is downstream of the
trip when the message names a transport need: the ride is the need, the destination its purpose.
"""
from __future__ import annotations

from collections.abc import Sequence

from .lexicon import Cue
from .patterns import Hit, keep_longest
from .text import BOUNDARY

DOWNSTREAM = "downstream"
CAUSE = "cause"
NEGATED = "negated"
REQUESTED = "requested"

# How many words a cue reaches: a consequence is short ("lose my place"), a reason runs longer
# ("because my car broke down last week").
REACH = {
    "consequence": 5,
    "purpose": 7,
    "background": 3,
    "cause": 8,
    "negation": 5,
    "focus": 4,
    "destination": 5,
    "request": 4,
    "plain": 0,
    "refusal": 6,
    "contrast": 6,
}
# Only a need named plainly makes what follows "for"/"pour" its purpose: "money for a bus ticket"
# is a ticket problem, "tires for work" a tire problem.
PURPOSE_SUBJECT_WEIGHT = 1.0
DOWNSTREAM_FACTOR = 0.4
CAUSE_FACTOR = 1.25
NEGATED_FACTOR = 0.15
REQUEST_FACTOR = 1.2
TRAVEL_NEED = "transport"
# Words that join a second thing to what is asked ("rent and food", "du lait pis des couches"), and how
# much further the request then reaches.
JOINING = frozenset({"and", "or", "et", "ou", "pis", "puis", "plus"})
JOINED_REACH = 3
# A negation reaches past these ("I don't need to go to a shelter"): they do not change the topic.
SEE_THROUGH = frozenset({"purpose", "destination"})


def roles(tokens: Sequence[str], cue_hits: Sequence[Hit], need_hits: Sequence[Hit]) -> list[str | None]:
    """Return, for each token, whether a cue makes it downstream, a cause, or neither."""
    marks: list[str | None] = [None] * len(tokens)
    cues = sorted(keep_longest(cue_hits), key=lambda h: h.start)
    travel = _travel_named(need_hits)
    for number, cue in enumerate(cues):
        kind = _kind(cue)
        if kind == "plain":
            # "lose my mind", "lose weight": a cue word that begins an ordinary phrase.
            continue
        if kind == "purpose" and not _need_before(tokens, cue.start, need_hits):
            continue
        if kind == "destination" and not travel:
            continue
        if kind == "refusal":
            # "un refuge non merci", "j'ai un toit, c'est pas ça": what was just named is turned down.
            _mark_before(tokens, cue.start, REACH[kind], marks)
            continue
        if kind == "contrast":
            # "I have food, what I don't have is a way to cook it": what was just named is had, not
            # needed; what follows is asked for.
            _mark_before(tokens, cue.start, REACH[kind], marks)
        stop = min(len(tokens), cue.end + REACH[kind])
        if kind == "request" and any(t in JOINING for t in tokens[cue.end : stop]):
            # "need help with rent and food": what is joined to the request is asked for too.
            stop = min(len(tokens), stop + JOINED_REACH)
        # A destination cue that does not apply ("aille à la garderie" with no ride named) ends nothing.
        following = [c for c in cues[number + 1 :]
                     if (kind != "negation" or _kind(c) not in SEE_THROUGH)
                     and (_kind(c) != "destination" or travel)]
        if following:
            stop = min(stop, max(following[0].start, cue.end))
        # A consequence, or a negation whose words begin a need term ("je ne cherche pas de logement"),
        # marks from the cue's first word.
        first = cue.start if kind in ("consequence", "negation") else cue.end
        role = {"cause": CAUSE, "negation": NEGATED, "request": REQUESTED, "focus": REQUESTED,
                "contrast": REQUESTED}.get(kind, DOWNSTREAM)
        for at in range(first, stop):
            if tokens[at] == BOUNDARY:
                break
            marks[at] = role
    return marks


def _mark_before(tokens: Sequence[str], at: int, reach: int, marks: list[str | None]) -> None:
    # The clause just before the refusal, across the punctuation that may separate them.
    position = at - 1
    if position >= 0 and tokens[position] == BOUNDARY:
        position -= 1
    for _ in range(reach):
        if position < 0 or tokens[position] == BOUNDARY:
            break
        marks[position] = NEGATED
        position -= 1


def factor(role: str | None, has_other_cause: bool) -> float:
    """Return the weight multiplier for a need hit with this role."""
    if role == CAUSE:
        return CAUSE_FACTOR
    if role == NEGATED:
        return NEGATED_FACTOR
    if role == REQUESTED:
        return REQUEST_FACTOR
    if role == DOWNSTREAM and has_other_cause:
        return DOWNSTREAM_FACTOR
    return 1.0


def _kind(hit: Hit) -> str:
    payload = hit.term.payload
    assert isinstance(payload, Cue)
    return payload.kind


def _travel_named(need_hits: Sequence[Hit]) -> bool:
    return any(
        h.term.payload.category == TRAVEL_NEED and h.term.payload.weight >= PURPOSE_SUBJECT_WEIGHT
        for h in need_hits
    )


def _need_before(tokens: Sequence[str], at: int, need_hits: Sequence[Hit]) -> bool:
    # A purpose cue only means "what it is for" after a need was named in the same clause:
    # "tires for work" yes, "help for my rent" no.
    clause_start = at
    while clause_start > 0 and tokens[clause_start - 1] != BOUNDARY:
        clause_start -= 1
    return any(
        clause_start <= h.start and h.end <= at and h.term.payload.weight >= PURPOSE_SUBJECT_WEIGHT
        for h in need_hits
    )
