"""What the triage answers about one message."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Need:
    """One need read in a message: its code, a score in 0..1, and the words that showed it."""

    category: str
    score: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Triage:
    """The reading of one message: language, ranked needs (best first), crisis flag, confidence."""

    language: str
    needs: list[Need] = field(default_factory=list)
    crisis: bool = False
    confident: bool = False
    language_confident: bool = False
    #: "crisis" (act now), "possible" (ask directly), or None; `crisis` is true only for "crisis".
    risk: str | None = None
    #: What the risk is about: "self" (suicide, self-harm), "violence" (danger from someone), "others"
    #: (someone else in danger: a child, a person down in the cold, an overdose), or None.
    concern: str | None = None
    #: The message states that the person is safe ("I'm safe now", "pas suicidaire", "chu correcte").
    says_safe: bool = False
    #: The message says danger is here now ("he's at the door", "il arrive", "right now").
    danger_now: bool = False

    @property
    def primary(self) -> str | None:
        """Return the first need's code, or None when no need was read."""
        return self.needs[0].category if self.needs else None

    def to_dict(self) -> dict:
        """Return the JSON shape the command line prints."""
        return {
            "language": self.language,
            "needs": [{"category": n.category, "score": n.score} for n in self.needs],
            "crisis": self.crisis,
            "risk": self.risk,
            "concern": self.concern,
        }
