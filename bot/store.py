"""Conversation state in Redis (or an embedded in-process Redis when none is configured)."""
from __future__ import annotations

import json
import logging
import secrets
import time
from contextlib import contextmanager

import redis as redis_lib

log = logging.getLogger(__name__)

#: Prefix of every key we write, so a shared Redis stays tidy (as rq does with rq:).
KEY_PREFIX = "passerelle:"
#: How long a per-person lock may be held before Redis frees it (a crashed worker must not block a person).
LOCK_TIMEOUT_MS = 15_000
#: How long a request waits for a person's lock before going ahead anyway (then two first texts may each start
#: a conversation): well inside Twilio's 15 s, long enough for a loaded host to finish the text before it.
LOCK_WAIT_SECONDS = 10.0
#: After Redis fails, how long we go on without it before trying again (so one outage costs one timeout).
OUTAGE_BACKOFF_SECONDS = 5.0
#: Stream where engine events are published for live consoles (capped).
EVENTS_STREAM = KEY_PREFIX + "events"
#: Pub/sub channel that tells consoles, on every web process, that a conversation or the queue changed.
LIVE_CHANNEL = KEY_PREFIX + "live"
#: Most events kept in the stream.
EVENTS_STREAM_MAXLEN = 10_000

_embedded_server = None


def connect(url: str):
    """Return a Redis client for `url`, or one on an embedded in-process server when `url` is empty."""
    if url:
        return redis_lib.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1)
    import fakeredis

    global _embedded_server
    if _embedded_server is None:
        _embedded_server = fakeredis.FakeServer()
    return fakeredis.FakeRedis(server=_embedded_server)


class StateStore:
    """Load and save each conversation's engine state, keyed by a hash of the phone number.

    Redis being down must not silence the helpline: every operation degrades (no state, no lock) instead of
    failing, and after one failure we stop trying for a few seconds so each text doesn't wait for a timeout.
    """

    def __init__(self, client, ttl_seconds: int):
        self.client = client
        self.ttl = ttl_seconds
        self._down_until = 0.0

    def _key(self, contact_key: str) -> str:
        return f"{KEY_PREFIX}state:{contact_key}"

    @property
    def available(self) -> bool:
        """Tell whether Redis is believed to be up."""
        return time.monotonic() >= self._down_until

    def _call(self, what: str, operation, default=None):
        if not self.available:
            return default
        try:
            return operation()
        except redis_lib.RedisError as error:
            self._down_until = time.monotonic() + OUTAGE_BACKOFF_SECONDS
            log.error("Redis unavailable (%s): %s; going on without it for %.0f s", what,
                      type(error).__name__, OUTAGE_BACKOFF_SECONDS)
            return default

    def attempt(self, what: str, operation, default=None):
        """Run a Redis operation for another part (the guards); `default` when Redis is down."""
        return self._call(what, operation, default)

    def load(self, contact_key: str) -> dict | None:
        """Return the stored state for a person, or None when there is none (or it expired, or Redis is down)."""
        raw = self._call("load", lambda: self.client.get(self._key(contact_key)))
        return json.loads(raw) if raw else None

    def save(self, contact_key: str, state: dict) -> None:
        """Store a person's state; it expires after the inactivity period."""
        data = json.dumps(state, separators=(",", ":"))
        self._call("save", lambda: self.client.set(self._key(contact_key), data, ex=self.ttl))

    def delete(self, contact_key: str) -> None:
        """Forget a person's state."""
        self._call("delete", lambda: self.client.delete(self._key(contact_key)))

    @contextmanager
    def lock(self, contact_key: str):
        """Hold a short per-person lock so two texts from one person are handled one after the other."""
        key = f"{KEY_PREFIX}lock:{contact_key}"
        token = secrets.token_hex(8)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        acquired = False
        while self.available:
            taken = self._call("lock", lambda: self.client.set(key, token, nx=True, px=LOCK_TIMEOUT_MS))
            if taken:
                acquired = True
                break
            if time.monotonic() >= deadline:
                log.warning("went ahead without the conversation lock after %.0f s", LOCK_WAIT_SECONDS)
                break
            time.sleep(0.02)
        try:
            yield
        finally:
            if acquired:
                self._call("unlock", lambda: self.client.get(key) == token.encode() and self.client.delete(key))

    def publish(self, conversation_id: str, kind: str, payload: dict) -> None:
        """Add an engine event to the live stream consoles read."""
        fields = {"conversation": conversation_id, "type": kind, "payload": json.dumps(payload, default=str)}
        self._call("publish", lambda: self.client.xadd(EVENTS_STREAM, fields, maxlen=EVENTS_STREAM_MAXLEN,
                                                       approximate=True))


    def announce(self, conversation_id: str, queue: bool) -> None:
        """Tell every console that a conversation changed (a text, a reply), and whether the queue did too."""
        data = json.dumps({"conversation": conversation_id, "queue": queue})
        self._call("announce", lambda: self.client.publish(LIVE_CHANNEL, data))


def init_app(app) -> None:
    """Connect the app to Redis (embedded when REDIS_URL is empty) and give it a state store."""
    client = connect(app.config.get("REDIS_URL", ""))
    app.extensions["passerelle.redis"] = client
    app.extensions["passerelle.store"] = StateStore(client, app.config["CONVERSATION_TTL"])
