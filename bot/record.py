"""The durable record: contacts, conversations, every message in and out, engine events, needs asked for."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db import Base


def utcnow() -> dt.datetime:
    """Return the current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class Direction:
    """Which way a message went."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Contact(Base):
    """A person, known by a keyed hash of their phone number."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    # Needed to write back later (navigator replies, follow-ups); erased when the person asks to be forgotten.
    address: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: What the person agreed we remember (needs, language, facts such as an age group), never their words;
    #: None when they did not agree or asked us to forget.
    profile: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    conversations: Mapped[list[Conversation]] = relationship(back_populates="contact")


class Mode:
    """Who answers a conversation: the bot, nobody yet (waiting for a person), a navigator, or no one (closed)."""

    BOT = "bot"
    WAITING = "waiting"
    NAVIGATOR = "navigator"
    CLOSED = "closed"
    #: Modes in which a person, not the flow, answers.
    WITH_A_PERSON = (WAITING, NAVIGATOR)


class Conversation(Base):
    """One conversation with one person, whatever the channel they use; every message belongs to one."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    #: The channel the conversation started on; each message keeps its own.
    channel: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16), default=Mode.BOT, index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    crisis: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Whether the person agreed to share their words with a navigator: "yes", "no", "crisis" (told, not asked).
    consent: Mapped[str | None] = mapped_column(String(8))
    #: Place in the queue: 2 act now (crisis), 1 possible risk, 0 otherwise.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    #: Why a person was asked for: asked, crisis, unclear, no_match, not_safe...
    handoff_reason: Mapped[str | None] = mapped_column(String(32))
    waiting_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    held_by_id: Mapped[int | None] = mapped_column(ForeignKey("navigators.id"))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the "still waiting" text went (once per wait).
    reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: How a navigator closed it: connected, referred, no_answer, other.
    outcome: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_activity_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    contact: Mapped[Contact] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(back_populates="conversation", order_by="Message.id")
    held_by: Mapped[Navigator | None] = relationship()



class Message(Base):
    """A message received or sent, with the channel's own id when it has one."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("channel", "direction", "external_id", name="uq_messages_external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    segments: Mapped[int | None] = mapped_column(Integer)
    encoding: Mapped[str | None] = mapped_column(String(8))
    error_code: Mapped[str | None] = mapped_column(String(16))
    # On an inbound message: the exact answer we gave, so a retried webhook gets it again.
    response: Mapped[str | None] = mapped_column(Text)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    #: The navigator who wrote an outbound message (None: the bot).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("navigators.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class Event(Base):
    """Something the engine noticed (need found, services offered, person asked for); the console reads these."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NeedRequest(Base):
    """A need someone asked for and whether the catalogue answered it; anonymous on purpose (no person, no words)."""

    __tablename__ = "need_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    matched: Mapped[bool] = mapped_column(Boolean)
    best_score: Mapped[float | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class Navigator(Base):
    """A person who answers in the console; a coordinator also sees and reassigns every conversation."""

    __tablename__ = "navigators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The console's language for this navigator.
    language: Mapped[str] = mapped_column(String(8), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def name(self) -> str:
        """Return what colleagues see: the part of the email before the @."""
        return self.email.split("@", 1)[0]


class Note(Base):
    """A navigator's private note on a conversation; never sent to the person."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("navigators.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    author: Mapped[Navigator] = relationship()


class AuditEntry(Base):
    """Who opened or acted on which conversation, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navigator_id: Mapped[int | None] = mapped_column(ForeignKey("navigators.id"), index=True)
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class FollowUp(Base):
    """A follow-up text scheduled when services were sent: did the person reach them? (a durable row, sent once)"""

    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    #: The services sent, the one whose details were asked for first.
    service_ids: Mapped[list] = mapped_column(JSON, default=list)
    need: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    #: scheduled, sent, answered, skipped (opted out, no number), cancelled (forgotten).
    status: Mapped[str] = mapped_column(String(16), default="scheduled", index=True)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: reached, not_reached, need_help.
    outcome: Mapped[str | None] = mapped_column(String(16))
    #: helpful, not_helpful: counted per service for providers.
    feedback: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
