"""Who a service is for (ages, genders, groups) and whether a person fits.

A service's eligibility is a dict with any of: min_age, max_age (inclusive), genders (["women"] or ["men"]:
only they may come) and groups (families, youth, seniors, newcomers, indigenous: who it is meant for).
A person is a dict with any of: age, gender, family (True when children are with them). What isn't known
about a person never excludes a service.
"""
from __future__ import annotations

import re

GENDERS = ("women", "men")
GROUPS = ("families", "youth", "seniors", "newcomers", "indigenous")

#: Below this upper age a service is for children, who come with an adult.
CHILD_AGE = 13
#: Below this upper age a service is for minors, whom a parent may ask for.
ADULT_AGE = 18
#: Age bounds a group implies when a service names no ages and is only for age groups.
GROUP_AGES = {"youth": (0, 29), "seniors": (55, None)}

_PERSON_GENDERS = {
    "woman": "women", "women": "women", "female": "women", "f": "women", "femme": "women", "w": "women",
    "girl": "women", "fille": "women", "man": "men", "men": "men", "male": "men", "m": "men", "homme": "men",
    "h": "men", "boy": "men", "garcon": "men", "garçon": "men",
}

_RANGE = re.compile(r"\b(?:ages?|aged|âgée?s? de|de)?\s*(\d{1,2})\s*(?:-|–|to|à|a|and)\s*(\d{1,2})\s*"
                    r"(?:years?|yrs?|ans|y/?o)\b", re.IGNORECASE)
_AGES_RANGE = re.compile(r"\bages?\s*(\d{1,2})\s*(?:-|–|to|à|through)\s*(\d{1,2})\b", re.IGNORECASE)
_MINIMUM = re.compile(r"\b(\d{1,2})\s*(?:years?|yrs?|ans)?(?: of age)?\s*(?:\+|and (?:older|over|up)|or older|"
                      r"et plus|ou plus)", re.IGNORECASE)
_OVER = re.compile(r"\b(?:over|older than|plus de)\s*(\d{1,2})\b", re.IGNORECASE)
_MAXIMUM = re.compile(r"\b(?:under|younger than|moins de)\s*(\d{1,2})\b", re.IGNORECASE)
_WOMEN = re.compile(r"\b(?:women|woman|women's|girls?|mothers?|femmes?|filles?|mères?|meres?)\b", re.IGNORECASE)
_MEN = re.compile(r"\b(?:men|man|men's|boys?|fathers?|hommes?|garçons?|garcons?|pères?|peres?)\b",
                  re.IGNORECASE)
_ONLY = re.compile(r"\b(?:only|seulement|uniquement|exclusively)\b", re.IGNORECASE)
_YOUTH = re.compile(r"\b(?:youth|teens?|teenagers?|adolescents?|jeunes?|jeunesse)\b", re.IGNORECASE)
_SENIORS = re.compile(r"\b(?:seniors?|elders?|elderly|older adults?|aînés?|aines?|personnes âgées)\b",
                      re.IGNORECASE)


def from_text(text: str | None) -> dict:
    """Read ages and genders a service states in its eligibility text ("ages 12-17", "women 18+")."""
    if not text:
        return {}
    found: dict = {}
    match = _AGES_RANGE.search(text) or _RANGE.search(text)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high:
            found["min_age"], found["max_age"] = low, high
    else:
        minimum, over, maximum = _MINIMUM.search(text), _OVER.search(text), _MAXIMUM.search(text)
        if minimum:
            found["min_age"] = int(minimum.group(1))
        elif over:
            found["min_age"] = int(over.group(1)) + 1
        if maximum:
            found["max_age"] = int(maximum.group(1)) - 1
    # Only a text that opens with the gender, or says "only", restricts it: "Families with children,
    # including single fathers" is for mothers too.
    opening = " ".join(text.split()[:3])
    women, men = bool(_WOMEN.search(opening)), bool(_MEN.search(opening))
    if not (women or men) and _ONLY.search(text):
        women, men = bool(_WOMEN.search(text)), bool(_MEN.search(text))
    if women != men:
        found["genders"] = ["women" if women else "men"]
    return found


def from_name(name: str | None) -> dict:
    """Read who a service is for from its name ("Women's Shelter", "Youth Shelter")."""
    if not name:
        return {}
    found: dict = {}
    women, men = bool(_WOMEN.search(name)), bool(_MEN.search(name))
    if women != men:
        found["genders"] = ["women" if women else "men"]
    groups = [group for group, pattern in (("youth", _YOUTH), ("seniors", _SENIORS)) if pattern.search(name)]
    if groups:
        found["groups"] = groups
    return found


def combine_codes(parts: list[dict]) -> dict:
    """Join the eligibility several taxonomy codes imply: ages and genders widen, groups add up."""
    combined: dict = {}
    aged = [part for part in parts if "min_age" in part or "max_age" in part]
    if aged:
        lows = [part.get("min_age") for part in aged]
        highs = [part.get("max_age") for part in aged]
        if all(low is not None for low in lows) and min(lows) > 0:
            combined["min_age"] = min(lows)
        if all(high is not None for high in highs):
            combined["max_age"] = max(highs)
    genders = {gender for part in parts for gender in part.get("genders", ())}
    if len(genders) == 1:
        combined["genders"] = sorted(genders)
    groups = {group for part in parts for group in part.get("groups", ())}
    if groups:
        combined["groups"] = sorted(groups)
    return combined


def merge(*layers: dict) -> dict:
    """Return the first layer's value for each key (explicit fields first, guesses from text last)."""
    merged: dict = {}
    for layer in layers:
        for key, value in (layer or {}).items():
            if value not in (None, [], "") and key not in merged:
                merged[key] = value
    return merged


def person_gender(person: dict | None) -> str | None:
    """Return "women" or "men" for a person's stated gender, None when unknown or neither."""
    if not person or not person.get("gender"):
        return None
    return _PERSON_GENDERS.get(str(person["gender"]).strip().lower())


def age_bounds(eligibility: dict) -> tuple[int | None, int | None]:
    """Return a service's (min, max) age, implied by its groups when it names none."""
    low, high = eligibility.get("min_age"), eligibility.get("max_age")
    if low is None and high is None:
        groups = eligibility.get("groups") or ()
        if groups and all(group in GROUP_AGES for group in groups):
            lows = [GROUP_AGES[group][0] for group in groups]
            highs = [GROUP_AGES[group][1] for group in groups]
            low = min(lows) or None
            high = None if None in highs else max(highs)
    return low, high


def excludes(eligibility: dict, person: dict | None) -> str | None:
    """Return why `person` can't use a service ("age", "gender", "families only"), or None if they may."""
    if not person or not eligibility:
        return None
    age = person.get("age")
    if age is not None:
        low, high = age_bounds(eligibility)
        # Services for children are asked for by the adults who bring them: an upper age under 13 (or
        # under 18 for someone with their children) bounds the child's age, not the person's.
        if high is not None and (high < CHILD_AGE or (high < ADULT_AGE and person.get("family"))):
            high = None
        if (low is not None and age < low) or (high is not None and age > high):
            return "age"
    gender = person_gender(person)
    genders = eligibility.get("genders")
    if gender and genders and gender not in genders:
        return "gender"
    if person.get("family") is False and (eligibility.get("groups") or []) == ["families"]:
        return "families only"
    return None


#: Upper age at or under which an age-bounded service is meant for young people.
YOUTH_AGE = 29
#: Lower age at or over which an age-bounded service is meant for older people.
SENIOR_AGE = 55
_PREGNANCY = re.compile(r"\b(?:pregnan\w*|prenatal|prénatal\w*|prenatal\w*|enceinte|grossesse)\b", re.IGNORECASE)
_PETS = re.compile(r"\b(?:pets?|dogs?|cats?|animaux|animal|chiens?|chats?)\b", re.IGNORECASE)
_PERSON_GROUPS = {"newcomers": "newcomer", "indigenous": "indigenous", "families": "family"}


def fit(eligibility: dict, person: dict | None, text: str = "") -> tuple[int, str | None]:
    """Return how well a service fits a person, and why in a few words: 1 meant for them (a youth shelter
    for someone of 17, a prenatal program in pregnancy), 0 for anyone, -1 meant for a group they are not
    known to be in (a newcomers' kit for someone who did not say they are new to Canada).

    `text` is the service's own words (description, eligibility), read for pregnancy and pets.
    """
    person = person or {}
    eligibility = eligibility or {}
    groups = set(eligibility.get("groups") or ())
    age, child_age = person.get("age"), person.get("child_age")
    low, high = age_bounds(eligibility)
    # A family service's ages are its children's ("families with children under 18"), not the person's.
    own_ages = "families" not in groups
    young = own_ages and high is not None and high <= YOUTH_AGE and (high >= CHILD_AGE or not person.get("family"))
    old = own_ages and low is not None and low >= SENIOR_AGE
    if person.get("pregnant") and _PREGNANCY.search(text or ""):
        return 1, "for pregnancy"
    if person.get("pets") and _PETS.search(text or ""):
        return 1, "pets welcome"
    if age is not None and (young or old) and (low is None or age >= low) and (high is None or age <= high):
        return 1, f"for ages {low or 0}-{high}" + f" (age {age})" if high is not None else f"for ages {low}+ (age {age})"
    if child_age is not None and high is not None and high < ADULT_AGE and (low is None or child_age >= low) \
            and child_age <= high:
        return 1, f"for children up to {high} (child {child_age})"
    for group, key in _PERSON_GROUPS.items():
        if group in groups and person.get(key):
            return 1, f"for {group}"
    if "seniors" in groups and person.get("senior"):
        return 1, "for seniors"
    if "youth" in groups and age is not None and age <= 24:
        return 1, f"for youth (age {age})"
    gender = person_gender(person)
    if gender and eligibility.get("genders") == [gender]:
        return 1, f"for {gender}"
    targeted = sorted(groups - {"families"} | ({"families"} if groups == {"families"} else set()))
    if young or old or targeted or eligibility.get("genders"):
        meant = targeted[0] if targeted else ("young people" if young else "older people" if old
                                                 else eligibility["genders"][0])
        return -1, f"meant for {meant}"
    return 0, None
