"""Cost and abuse guards every process shares through Redis: a per-number rate limit, auto-responder loops.

A person in danger is always answered: the guards only ever hold back replies to texts that carry no risk.
When Redis is down the guards stand aside (answering too much beats silencing someone).
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from bot.engine.text import normalise
from bot.store import KEY_PREFIX

#: What a guard decided for one text.
ANSWER, SLOW_DOWN, SILENT = "answer", "slow_down", "silent"

# How auto-responders introduce themselves, in both languages.
_AUTO_REPLY = re.compile(r"\b(auto ?reply|autoreply|automatic reply|auto response|out of (the )?office|"
                         r"i am away|i m away|away from my phone|reponse automatique|message automatique|"
                         r"je suis absent|je suis absente|absent du bureau)\b")
#: Characters of our last reply that, found in a text, show it is being echoed back to us.
ECHO_CHARS = 40
#: Shortest text whose repeating counts as a loop.
REPEAT_MIN_CHARS = 20
#: Seconds a guard remembers a number's recent texts and our last reply to it.
MEMORY_SECONDS = 600


@dataclass(frozen=True)
class Verdict:
    """Whether to answer a text, and why not when not."""

    action: str
    reason: str | None = None


def _digest(text: str) -> str:
    # Only a digest is kept: Redis holds none of a person's words.
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Guards:
    """Decide whether a number's text gets an answer: within the rate limit, not a loop."""

    def __init__(self, store, per_minute: int, loop_repeats: int):
        self.store, self.per_minute, self.loop_repeats = store, per_minute, loop_repeats

    def check(self, contact_key: str, text: str, at_risk: bool) -> Verdict:
        """Return what to do with a text from this number; a text at risk is always answered."""
        if at_risk or not self.store.available:
            return Verdict(ANSWER)
        words = normalise(text)
        minute = int(time.time() // 60)
        client, base = self.store.client, f"{KEY_PREFIX}guard:{contact_key}"

        def count():
            pipe = client.pipeline()
            pipe.incr(f"{base}:rate:{minute}")
            pipe.expire(f"{base}:rate:{minute}", 120)
            pipe.get(f"{base}:echo")
            pipe.get(f"{base}:last")
            pipe.incr(f"{base}:repeat")
            return pipe.execute()

        found = self.store.attempt("guard", count)
        if found is None:
            return Verdict(ANSWER)
        sent, echo, last, repeats = found[0], found[2], found[3], found[4]
        digest = _digest(words)
        if last is None or last.decode() != digest:
            self.store.attempt("guard", lambda: client.set(f"{base}:repeat", 1, ex=MEMORY_SECONDS))
            repeats = 1
        self.store.attempt("guard", lambda: client.set(f"{base}:last", digest, ex=MEMORY_SECONDS))
        if sent > self.per_minute:
            return Verdict(SLOW_DOWN if sent == self.per_minute + 1 else SILENT, "rate")
        if _AUTO_REPLY.search(words) or (echo and echo.decode() in _fingerprints(words)):
            if self.store.attempt("guard", lambda: client.incr(f"{base}:auto")) not in (None, 1):
                return Verdict(SILENT, "loop")
            self.store.attempt("guard", lambda: client.expire(f"{base}:auto", MEMORY_SECONDS))
        # People repeat short things ("ok", "allo?", "1") and must keep getting answers; machines repeat sentences.
        if repeats > self.loop_repeats and len(words) >= REPEAT_MIN_CHARS:
            return Verdict(SILENT, "repeat")
        return Verdict(ANSWER)

    def replied(self, contact_key: str, reply: str) -> None:
        """Remember (as a digest) how our reply began, to know it if it comes back to us."""
        words = normalise(reply)
        if len(words) >= ECHO_CHARS:
            key = f"{KEY_PREFIX}guard:{contact_key}:echo"
            self.store.attempt("guard", lambda: self.store.client.set(key, _digest(words[:ECHO_CHARS]),
                                                                     ex=MEMORY_SECONDS))


def _fingerprints(words: str) -> set[str]:
    """Return the digests of every ECHO_CHARS-long window of a text that starts a word."""
    starts = [0] + [m.end() for m in re.finditer(" ", words)]
    return {_digest(words[at:at + ECHO_CHARS]) for at in starts if len(words) - at >= ECHO_CHARS}
