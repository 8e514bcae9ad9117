"""What goes into and comes out of the engine: conversation state, inbound message, outbound messages, events."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields


@dataclass
class ConversationState:
    """Everything the engine remembers between two messages of one conversation (JSON-serialisable)."""

    conversation_id: str | None = None
    channel: str = "sms"
    language: str | None = None
    #: True once the person chose a language themselves; detection never overrides a choice.
    language_chosen: bool = False
    flow: str = "main"
    #: The node waiting for the person's reply; None when nothing was asked yet.
    node: str | None = None
    needs: list[dict] = field(default_factory=list)
    need: str | None = None
    crisis: bool = False
    #: What the last risk read was about: "self", "violence" or "others" (see bot.triage).
    concern: str | None = None
    #: Safety mode after a crisis or a violence disclosure: "crisis" or "violence", until `safety_until`.
    safety: str | None = None
    safety_until: float | None = None
    #: The words a need was read from, kept only until the search that needs them (then cleared).
    query: str = ""
    #: What the search read of the person (age, children...), for answers after it; never their words.
    person: dict = field(default_factory=dict)
    offered: list[str] = field(default_factory=list)
    #: The needs searched in this conversation (categories only), for a profile the person agrees to keep.
    served: list[str] = field(default_factory=list)
    page: int = 0
    #: At night, nothing offered was open: the list says so.
    closed_now: bool = False
    selected: str | None = None
    clarify_options: list[str] = field(default_factory=list)
    questions: int = 0
    #: A message held while we ask a returning texter whether to continue or start over.
    held_text: str | None = None
    opted_out: bool = False
    #: Who answers: "bot", "waiting" (for a person), "navigator" (held by one) or "closed"; the record is the
    #: authority and sets it before every turn (a navigator's claim or hand-back happens outside the engine).
    mode: str = "bot"
    #: Whether the person agreed to share their words with a navigator: "yes", "no", "crisis" (told), None.
    consent: str | None = None
    #: Why the person is being handed to a navigator (asked, unclear, no_match), kept until the handoff.
    handoff_reason: str | None = None
    #: True once a text sent while waiting for a person was acknowledged (once a wait).
    waiting_acked: bool = False
    #: The follow-up this reply may answer ({"id", "service", "service_id"}); set from the record.
    followup: dict = field(default_factory=dict)
    #: What the person agreed we remember (from the record), for PROFILE; None when nothing is kept.
    profile: dict | None = None
    #: True once this conversation asked whether to remember the person's situation.
    profile_asked: bool = False
    #: True once the conversation's first answer carried the emergency and crisis numbers.
    safety_line_sent: bool = False
    turns: int = 0
    last_active: float | None = None
    started_at: float | None = None

    @property
    def with_a_person(self) -> bool:
        """Tell whether a person, not the flow, answers now (waiting for one, or held by one)."""
        return self.mode in ("waiting", "navigator")

    def in_safety_mode(self, now: float) -> bool:
        """Tell whether safety mode still holds at `now` (a timestamp)."""
        return bool(self.safety) and now < (self.safety_until or 0)

    def to_dict(self) -> dict:
        """Return the state as plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> ConversationState:
        """Build a state from stored data, ignoring keys this version doesn't know."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Inbound:
    """A message from the person, whatever the channel (SMS body, speech transcript, keypad digits)."""

    text: str
    channel: str = "sms"
    received_at: dt.datetime | None = None
    digits: str | None = None


@dataclass(frozen=True)
class Outbound:
    """A message for the person, already in their language; channels render it (SMS segments, <Say>)."""

    text: str
    language: str
    #: Keep every accent even where the channel would swap letters to save cost (crisis replies).
    keep_accents: bool = False


@dataclass(frozen=True)
class Event:
    """Something worth knowing outside the conversation: consoles, voice, reports and the record read these."""

    type: str
    payload: dict


@dataclass
class Result:
    """What one turn of the engine produced."""

    state: ConversationState
    messages: list[Outbound]
    events: list[Event]

    def event(self, kind: str) -> Event | None:
        """Return the first event of type `kind`, if any."""
        return next((e for e in self.events if e.type == kind), None)
