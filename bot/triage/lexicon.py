"""Load the need lexicons, crisis terms and root-cause cues into indexes, once."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .categories import CATEGORIES
from .data import load_yaml
from .patterns import Term, TermIndex, canonical_words, compile_term

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class NeedTerm:
    """What a lexicon term says: which need, how strongly, in which language's lexicon."""

    category: str
    weight: float
    language: str
    own_language_only: bool


@dataclass(frozen=True)
class CrisisTerm:
    """A crisis term and the need it most likely is."""

    category: str
    weight: float
    #: A marker of lethal danger (strangulation): a crisis even told as past ("he choked me last week").
    lethal: bool = False
    #: Whom the danger is about when the need does not say it ("others": someone else at risk).
    concern: str | None = None


@dataclass(frozen=True)
class Cue:
    """A cue: consequence, purpose, background, cause, negation, focus, destination, request, plain or refusal."""

    kind: str


@dataclass(frozen=True)
class Lexicon:
    """Every compiled index the triage reads."""

    needs: TermIndex
    ignored: TermIndex
    crisis: TermIndex
    idioms: TermIndex
    cues: TermIndex
    #: Named lists of signs ("immediacy", "overdose_signs", the time frames "long_ago" and
    #: "still_now") and the rules that turn two signals together into a crisis.
    signs: dict[str, TermIndex]
    together: tuple[Together, ...]
    #: (concern, sign lists): one sign of these lists alone makes a possible risk, asked about directly.
    possible: tuple[tuple[str, tuple[str, ...]], ...]
    #: Words of each language's lexicon that the other lexicon never uses (a language signal).
    language_words: dict[str, frozenset[str]]
    #: Every word any index uses exactly, and every prefix: the targets of typo repair.
    words: frozenset[str]
    prefixes: frozenset[str]
    #: The need that answers a single warning sign about someone else, by sign list ("chest_pain": health).
    possible_needs: dict[str, str] = field(default_factory=dict)
    #: (concern, sign lists, also): any two different lists of a group make a possible risk together (each
    #: alone is too common to ask about: "il boit tous les soirs" + "me traite de tous les noms"), when the
    #: `also` list, if any, is said too (who does it: "my husband").
    possible_two: tuple[tuple[str, tuple[str, ...], str | None], ...] = ()


def _source(value: object, where: str) -> str:
    # "- # a comment" in YAML is an empty item, which would become the term "None".
    if value is None or not str(value).strip():
        raise ValueError(f"{where}: empty term (a list item holding only a comment?)")
    return str(value)


def _weighted_groups(groups: dict, where: str) -> list[tuple[float, str]]:
    items: list[tuple[float, str]] = []
    for weight, terms in (groups or {}).items():
        for source in terms or ():
            items.append((float(weight), _source(source, where)))
    if not items:
        raise ValueError(f"{where}: no terms")
    return items


def _need_terms(language: str) -> tuple[list[Term], list[Term], set[str]]:
    data = load_yaml(f"lexicon_{language}.yaml")
    own_only = {w for word in data.get("own_language_only") or () for w in canonical_words(str(word))}
    terms: list[Term] = []
    for category, groups in (data.get("terms") or {}).items():
        if category not in CATEGORIES:
            raise ValueError(f"lexicon_{language}.yaml: unknown category {category!r}")
        for weight, source in _weighted_groups(groups, f"lexicon_{language}.yaml/{category}"):
            compiled = compile_term(source)
            first = compiled.slots[0]
            only = len(compiled.slots) == 1 and first is not None and bool(first.words & own_only)
            payload = NeedTerm(category, weight, language, only)
            terms.append(Term(compiled.source, compiled.slots, payload))
    ignored = [compile_term(_source(source, f"lexicon_{language}.yaml/ignore")) for source in data.get("ignore") or ()]
    return terms, ignored, own_only


def _crisis_terms() -> tuple[list[Term], list[Term]]:
    data = load_yaml("crisis.yaml")
    terms: list[Term] = []
    for section, lethal, concern in (("terms", False, None), ("lethal", True, None), ("others", False, "others")):
        for category, groups in (data.get(section) or {}).items():
            if category not in CATEGORIES:
                raise ValueError(f"crisis.yaml: {section}: unknown category {category!r}")
            for weight, source in _weighted_groups(groups, f"crisis.yaml/{section}/{category}"):
                terms.append(compile_term(source, CrisisTerm(category, weight, lethal, concern)))
    idioms = [compile_term(_source(s, "crisis.yaml/idioms")) for s in data.get("idioms") or ()]
    return terms, idioms


@dataclass(frozen=True)
class Together:
    """Two signals that make a crisis only together.

    Either evidence for `need` (from the lexicons) and a sign of `signs`, or, when `with_signs` is
    set, a sign of both lists (the need is then only what the crisis is credited to). A sign of
    `unless` ("I'm safe now") cancels the rule. With `about_life`, a sign of `with_signs` aimed at a
    thing ("done with this landlord") does not count.
    """

    need: str
    signs: str
    with_signs: str | None = None
    unless: str | None = None
    #: The `with_signs` count only when about life, not aimed at a thing ("done with this landlord").
    about_life: bool = False
    #: Whom the danger is about when the need does not say it ("others": a psychotic roommate with a machete).
    concern: str | None = None
    #: How strongly the pair points at its need (None: scoring.py's default for sign pairs).
    weight: float | None = None
    #: A third list that must be shown too, when a pair alone is everyday ("kicked out" and "-30" are a shelter
    #: need; a 15-year-old kicked out at -30 is a child in danger).
    also: str | None = None


# Named lists of crisis.yaml that frame time or state safety rather than name a crisis (see scoring.py).
FRAMES = ("long_ago", "years_ago", "still_now", "safe_now", "not_at_risk", "immediacy_strong", "arriving",
          "violence_denied", "death_denied", "threat_to_kill", "routine",
          "said_now", "wanting", "hit_denied", "afraid", "reason_told", "farewell_soft", "kind_denied")
# Named lists that name a plain matter, so the second reader's sense of danger does not overrule it (scoring.py).
CALMING = ("image_abuse", "plain_pills", "child_sleep", "money_taken", "encouraged", "ride_coming")
# Named lists that tell who threatens whom in a danger to others (scoring.py `_third_party_outsider`).
WHO_THREATENS = ("third_party", "third_outsider", "third_kin", "third_intoxicated", "psychosis", "outsider_threat",
                 "kin_named", "partner_named", "parent_named", "own_threat", "kill_threat")
# Named lists that tell a threat by someone of daily life from a real one (scoring.py `_figures_of_speech`).
FIGURES = ("everyday_boss", "everyday_kin", "everyday_partner", "everyday_relative", "finds_out", "mistake", "joking",
           "real_condition", "kin_demand")
# Named lists that tell a weapon of daily life from one in hand (scoring.py `_weapons_told`).
WEAPONS_TOLD = ("weapon_plain", "weapon_kept", "wielded", "means_weapon", "means_self", "means_purpose", "means_plan", "not_physical")
#: What a possible risk may be about (the question asked differs).
POSSIBLE_CONCERNS = ("self", "violence", "others")


def _possible_lists(data: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups = data.get("possible") or {}
    if not isinstance(groups, dict) or set(groups) - set(POSSIBLE_CONCERNS):
        raise ValueError(f"crisis.yaml: possible must map {', '.join(POSSIBLE_CONCERNS)} to sign lists")
    for concern, names in groups.items():
        missing = [n for n in names or () if not data.get(n)]
        if missing:
            raise ValueError(f"crisis.yaml: possible/{concern} names unknown sign lists {missing}")
    return tuple((concern, tuple(str(n) for n in names or ())) for concern, names in groups.items())


def _possible_two(data: dict) -> tuple[tuple[str, tuple[str, ...], str | None], ...]:
    groups: list[tuple[str, tuple[str, ...], str | None]] = []
    for group in data.get("possible_two") or ():
        concern, lists = str(group.get("concern")), tuple(str(n) for n in group.get("signs") or ())
        also = group.get("also")
        if (concern not in POSSIBLE_CONCERNS or len(lists) < 2 or not all(data.get(n) for n in lists)
                or (also is not None and not data.get(also))):
            raise ValueError(f"crisis.yaml: bad possible_two group {group!r}")
        groups.append((concern, lists, None if also is None else str(also)))
    return tuple(groups)


def _possible_needs(data: dict, signs: dict) -> dict[str, str]:
    needs: dict[str, str] = {}
    for need, names in (data.get("possible_needs") or {}).items():
        if need not in CATEGORIES or any(n not in signs for n in names or ()):
            raise ValueError(f"crisis.yaml: bad possible_needs entry {need!r}")
        needs.update({str(n): str(need) for n in names or ()})
    return needs


def concern_and_weight(rule: dict) -> tuple[str | None, float | None]:
    """Return a sign rule's `concern` (whom the danger is about) and `weight`, checked; None when unsaid."""
    concern = rule.get("concern")
    if concern is not None and concern not in POSSIBLE_CONCERNS:
        raise ValueError(f"crisis.yaml: {rule!r}: concern must be one of {', '.join(POSSIBLE_CONCERNS)}")
    weight = rule.get("weight")
    return (None if concern is None else str(concern)), (None if weight is None else float(weight))


def _signs() -> tuple[dict[str, list[Term]], tuple[Together, ...]]:
    data = load_yaml("crisis.yaml")
    together: list[Together] = []
    names: set[str] = set(FRAMES) | set(WHO_THREATENS) | set(CALMING) | set(FIGURES) | set(WEAPONS_TOLD)
    for rule in data.get("together") or ():
        need, name = str(rule["need"]), str(rule["signs"])
        extra = [str(rule[key]) for key in ("with", "unless", "also") if rule.get(key)]
        if need not in CATEGORIES or not all(data.get(n) for n in [name, *extra]):
            raise ValueError(f"crisis.yaml: bad together rule {rule!r}")
        together.append(Together(need, name, rule.get("with"), rule.get("unless"), bool(rule.get("about_life")),
                                 *concern_and_weight(rule), rule.get("also")))
        names.update([name, *extra])
    # `any_two`: every two different lists of a group make a crisis together ("wrote a letter" +
    # "took the pills out", "can't take it anymore" + "I'm going to do it tonight").
    for group in data.get("any_two") or ():
        need, lists = str(group["need"]), [str(n) for n in group.get("signs") or ()]
        if need not in CATEGORIES or len(lists) < 2 or not all(data.get(n) for n in lists):
            raise ValueError(f"crisis.yaml: bad any_two group {group!r}")
        for at, first in enumerate(lists):
            for second in lists[at + 1 :]:
                together.append(Together(need, second, first, None, False, *concern_and_weight(group)))
        names.update(lists)
    missing = [n for n in (*FRAMES, *WHO_THREATENS, *CALMING, *FIGURES, *WEAPONS_TOLD) if not data.get(n)]
    if missing:
        raise ValueError(f"crisis.yaml: missing {missing}")
    names.update(name for _, lists in _possible_lists(data) for name in lists)
    names.update(name for _, lists, also in _possible_two(data) for name in (*lists, *([also] if also else [])))
    signs = {name: [compile_term(_source(s, f"crisis.yaml/{name}")) for s in data[name]] for name in sorted(names)}
    return signs, tuple(together)


def _cue_terms() -> list[Term]:
    data = load_yaml("cues.yaml")
    return [
        compile_term(_source(source, f"cues.yaml/{kind}"), Cue(kind))
        for kind in (
            "consequence", "purpose", "background", "cause", "negation", "focus", "destination", "request", "plain",
            "refusal", "contrast"
        )
        for source in data.get(kind) or ()
    ]


def _slot_words(terms: list[Term]) -> set[str]:
    return {w for term in terms for slot in term.slots if slot is not None for w in slot.words}


def _language_lists() -> dict[str, set[str]]:
    data = load_yaml("language.yaml")
    strong = data.get("strong") or {}
    neutral = {w for word in data.get("neutral") or () for w in canonical_words(str(word))}
    return {
        lang: {w for word in [*(data.get(lang) or ()), *(strong.get(lang) or ())] for w in canonical_words(str(word))}
        - neutral
        for lang in LANGUAGES
    }


def check_alternatives(source: str, only: dict[str, frozenset[str]]) -> None:
    """Raise when a term's "|" looks meant to join two phrases, which the syntax does not do.

    "first aid|premiers soins" reads as first + (aid or premiers) + soins and silently never
    matches. Two signs give it away: an alternative that repeats the word beside it ("kitchen
    knife|butter knife", "de me battre|lutter|me battre"), or a group whose left neighbour and one
    alternative are of one language while its right neighbour and another are of the other.
    """
    words = source.split()

    def language(word: str) -> str | None:
        pieces = set(canonical_words(word.rstrip("*")))
        found = [lang for lang in LANGUAGES if pieces & only[lang]]
        return found[0] if len(found) == 1 else None

    for first, second in zip(words, words[1:], strict=False):
        if "|" in first + second and set(first.split("|")) & set(second.split("|")):
            raise ValueError(f"term {source!r}: alternative repeats the word beside it; write one term per phrase")
    for at in range(1, len(words) - 1):
        left, group, right = words[at - 1], words[at], words[at + 1]
        if "|" not in group or "|" in left or "|" in right or "..." in (left, right):
            continue
        alternatives = group.split("|")
        sides = language(left), language(right)
        kinds = {language(a) for a in alternatives}
        if None not in sides and sides[0] != sides[1] and set(sides) <= kinds:
            raise ValueError(f"term {source!r}: '|' joins only single words; write one term per phrase")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the indexes from the YAML files (first call only)."""
    need_terms: list[Term] = []
    ignored: list[Term] = []
    per_language: dict[str, set[str]] = {}
    for language in LANGUAGES:
        terms, ignore, _ = _need_terms(language)
        need_terms += terms
        ignored += ignore
        per_language[language] = _slot_words(terms)
    crisis, idioms = _crisis_terms()
    signs, together = _signs()
    cues = _cue_terms()
    indexes = [TermIndex(x) for x in (need_terms, ignored, crisis, idioms, cues)]
    sign_indexes = {name: TermIndex(terms) for name, terms in signs.items()}
    words: set[str] = set()
    prefixes: set[str] = set()
    for index in indexes + list(sign_indexes.values()):
        w, p = index.vocabulary()
        words |= w
        prefixes |= p
    language_words = {
        lang: frozenset(per_language[lang] - per_language[other])
        for lang, other in (("en", "fr"), ("fr", "en"))
    }
    listed = _language_lists()
    only = {
        lang: frozenset((listed[lang] - listed[other]) | (language_words[lang] - listed[other]))
        for lang, other in (("en", "fr"), ("fr", "en"))
    }
    for index in indexes + list(sign_indexes.values()):
        for term in index.terms:
            check_alternatives(term.source, only)
    return Lexicon(
        *indexes, sign_indexes, together, _possible_lists(load_yaml("crisis.yaml")), language_words,
        frozenset(words), frozenset(prefixes), _possible_needs(load_yaml("crisis.yaml"), sign_indexes),
        _possible_two(load_yaml("crisis.yaml")),
    )
