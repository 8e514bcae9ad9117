"""What a message says about the person and where they are, so searches can respect eligibility and distance."""
import re

from bot.engine.text import normalise

# Canadian postal codes ("T1A 2B3") or their first half (FSA, "T1A"); letters D F I O Q U never start one.
_POSTAL = re.compile(r"\b([abceghj-nprstvxy]\d[abceghj-nprstv-z])(?:\s?(\d[abceghj-nprstv-z]\d))?\b", re.IGNORECASE)
# The person's own age ("I'm 17", "j'ai 67 ans", "17 yo"), not a child's ("my son is 8", "mon fils de 8 ans").
_AGE = re.compile(r"\b(?:i m|im|i am|age|aged|j ai|jai)\s+(\d{1,2})\b(?!\s*(?:kids|children|enfants|dollars|\$))"
                  r"|^(\d{2})\s*(?:yo|y o|years old|yrs old|ans)\b|\b(?:i m|im|i am|je suis|chu)\s+(\d{2})\s*(?:yo|y o|"
                  r"years old|yrs old|ans)\b")
_CHILD = re.compile(r"\b(?:my|mon|ma|our|nos|notre|his|her)\s+(?:son|daughter|kid|child|boy|girl|fils|fille|gars|"
                    r"garcon|petit|petite|bebe|baby|enfant|ado|teen)\s+(?:is|of|de|qui a|who s|who is|aged|age)?\s*"
                    r"(\d{1,2})\b|\b(\d{1,2})\s*(?:year|yr|yrs|years)\s*old\s+(?:son|daughter|kid|child|boy|girl)\b")
_WOMAN = {"woman", "femme", "girl", "fille", "mom", "mother", "mere", "maman", "pregnant", "enceinte", "lady"}
_MAN = {"man", "homme", "guy", "gars", "dad", "father", "pere", "papa"}
_FAMILY = {"kids", "kid", "children", "child", "enfants", "enfant", "son", "daughter", "fils", "baby", "bebe",
           "family", "famille", "toddler", "flos", "petits", "twins", "jumeaux"}
_PREGNANT = re.compile(r"\b(pregnant|expecting a baby|enceinte|grossesse|prenatal|prenatale)\b")
_NEWCOMER = re.compile(r"\b(newcomer|newcomers|new to canada|just arrived|refugee|refugie|refugiee|immigrant|"
                       r"immigrante|nouvel arrivant|nouvelle arrivante|nouveaux arrivants|arrive au canada|"
                       r"arrivee au canada|demandeur d asile|demandeuse d asile|asylum|permanent resident|"
                       r"resident permanent|residente permanente|work permit|permis de travail)\b")
_SENIOR = re.compile(r"\b(senior|seniors|elderly|retired|pensioner|aine|ainee|retraite|retraitee|personne agee|"
                     r"old age pension|pension de vieillesse)\b")
_PET = re.compile(r"\b(my|our|mon|ma|mes|nos|with|avec)\s+(?:\w+\s+)?(dog|dogs|cat|cats|pet|pets|chien|chienne|chiens|"
                  r"chat|chats|chatte|animal|animaux|pitou|minou)\b")
_INDIGENOUS = re.compile(r"\b(indigenous|first nation|first nations|metis|inuk|inuit|autochtone|premiere nation|"
                         r"premieres nations|on reserve|reserve)\b")


def about_person(text: str) -> dict:
    """Return what the text says of the person: age, gender, children (and a child's age), pregnancy, being
    a newcomer, a senior or Indigenous, and a pet; what it doesn't say stays unknown."""
    words = normalise(text)
    person: dict = {}
    match = _AGE.search(words)
    if match:
        age = int(next(group for group in match.groups() if group))
        if 12 <= age <= 99:
            person["age"] = age
    said = set(words.split())
    # "I'm a woman" / "je suis une femme": gender only when the person says it of themselves.
    if said & _WOMAN and re.search(r"\b(i m a|im a|i am a|je suis une|chu une|suis une|single mom|single mother|"
                                   r"mom of|mother of|mere monoparentale|maman de|mere de|pregnant|enceinte)\b", words):
        person["gender"] = "women"
    elif said & _MAN and re.search(r"\b(i m a|im a|i am a|je suis un|chu un|suis un|single dad|single father|"
                                   r"dad of|father of|pere monoparental|papa de|pere de)\b", words):
        person["gender"] = "men"
    child = _CHILD.search(words)
    if said & _FAMILY or child:
        person["family"] = True
    if child:
        person["child_age"] = int(child.group(1) or child.group(2))
    if _PREGNANT.search(words) and not re.search(r"\b(not|pas) (pregnant|enceinte)\b", words):
        person["pregnant"] = True
        person.setdefault("gender", "women")
    if _NEWCOMER.search(words):
        person["newcomer"] = True
    if _SENIOR.search(words) or person.get("age", 0) >= 65:
        person["senior"] = True
    if _PET.search(words):
        person["pets"] = True
    if _INDIGENOUS.search(words):
        person["indigenous"] = True
    return person


def place_in(text: str) -> str | None:
    """Return a postal code (or its first three characters) named in the text, upper-cased, if any."""
    match = _POSTAL.search(text or "")
    if not match:
        return None
    return (match.group(1) + (" " + match.group(2) if match.group(2) else "")).upper()
