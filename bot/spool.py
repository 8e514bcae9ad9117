"""Texts that arrived while the database was down: kept in Redis, or in a local file when Redis is down too.

Nothing depends on one store alone. Once the database is back, each kept text is replayed as a real turn (an
ARRÊT sent during the outage takes effect); a text that only got an apology gets its real answer by the REST
API if it is still fresh; an entry that can't be stored goes to a dead-letter list with its reason and never
blocks the others.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path

import redis as redis_lib
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.store import KEY_PREFIX

log = logging.getLogger(__name__)

#: Redis list of waiting texts, oldest first.
SPOOL_KEY = KEY_PREFIX + "spool"
#: Redis list of entries that could not be stored, each with its reason (for an operator).
DEAD_KEY = KEY_PREFIX + "spool:dead"
#: Lock that lets one process at a time replay.
REPLAY_LOCK = KEY_PREFIX + "spool:replaying"
#: Seconds the spool and the dead letters are kept after their last entry.
TTL_SECONDS = 7 * 24 * 3600
#: File beside the development secrets where texts wait when Redis is down too.
FILE_NAME = "spool.jsonl"

#: Errors that mean the database is still unreachable: the entry waits, nothing is dead-lettered.
DATABASE_DOWN = (OperationalError, InterfaceError)


class Spool:
    """Where texts wait for the database: Redis first, a local append-only file when Redis is down."""

    def __init__(self, store, home: str):
        self.store = store
        self.path = Path(home) / FILE_NAME
        self._file_lock = threading.Lock()

    def put(self, entry: dict) -> str:
        """Keep an entry; return where it was kept ("redis" or "file")."""
        line = json.dumps(entry, separators=(",", ":"))
        try:
            pipe = self.store.client.pipeline()
            pipe.rpush(SPOOL_KEY, line)
            pipe.expire(SPOOL_KEY, TTL_SECONDS)
            pipe.execute()
            return "redis"
        except redis_lib.RedisError:
            self._append(line)
            log.error("Redis is down too: a text waits in %s", self.path)
            return "file"

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._file_lock:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(descriptor, (line + "\n").encode())
                os.fsync(descriptor)  # on disk before we answer: the machine may be the next thing to fail
            finally:
                os.close(descriptor)

    def status(self) -> dict:
        """Return how many entries wait in Redis and in the file, and how many are dead letters."""
        waiting = self.store.attempt("spool status", lambda: self.store.client.llen(SPOOL_KEY))
        dead = self.store.attempt("spool status", lambda: self.store.client.llen(DEAD_KEY))
        in_file = len(self._file_lines())
        return {"redis": waiting, "file": in_file, "dead": dead}

    def forget(self, values: set[str]) -> int:
        """Drop every waiting or dead entry that carries one of `values` (a number someone asked us to forget),
        in Redis and in the local file; return how many went."""
        dropped = 0

        def scrub():
            count = 0
            for key in (SPOOL_KEY, DEAD_KEY):
                for raw in self.store.client.lrange(key, 0, -1):
                    if any(v and v.encode() in raw for v in values):
                        count += self.store.client.lrem(key, 0, raw)
            return count

        dropped += self.store.attempt("spool forget", scrub, 0) or 0
        with self._file_lock:
            lines = self._file_lines()
            kept = [line for line in lines if not any(v and v in line for v in values)]
            if len(kept) != len(lines):
                temporary = self.path.with_suffix(".tmp")
                temporary.write_text("".join(line + "\n" for line in kept))
                os.replace(temporary, self.path)
                dropped += len(lines) - len(kept)
        return dropped

    def _file_lines(self) -> list[str]:
        try:
            return [line for line in self.path.read_text().splitlines() if line.strip()]
        except FileNotFoundError:
            return []

    def replay(self, turn) -> dict:
        """Replay every waiting entry through `turn(entry)` (the real conversation turn), oldest first.

        Return counts: replayed, dead (could not be stored), waiting (the database is still down).
        """
        counts = {"replayed": 0, "dead": 0, "waiting": 0}
        lines = self._file_lines()
        remaining = []
        for at, line in enumerate(lines):
            if '"dead":true' in line.replace(" ", ""):
                remaining.append(line)  # a dead letter written here while Redis was down: for an operator
                continue
            outcome = self._one(line, turn)
            counts[outcome] += 1
            if outcome == "waiting":
                remaining += lines[at:]
                break
        if lines:
            with self._file_lock:
                # Entries appended while we replayed stay too.
                fresh = self._file_lines()[len(lines):]
                keep = remaining + fresh
                if keep:
                    self.path.write_text("\n".join(keep) + "\n")
                    os.chmod(self.path, 0o600)
                else:
                    self.path.unlink(missing_ok=True)
        while counts["waiting"] == 0:
            raw = self.store.attempt("spool replay", lambda: self.store.client.lpop(SPOOL_KEY))
            if raw is None:
                break
            outcome = self._one(raw.decode() if isinstance(raw, bytes) else raw, turn)
            counts[outcome] += 1
            if outcome == "waiting":
                self.store.attempt("spool replay", lambda raw=raw: self.store.client.lpush(SPOOL_KEY, raw))
        return counts

    def _one(self, line: str, turn) -> str:
        try:
            entry = json.loads(line)
            turn(entry)
            return "replayed"
        except DATABASE_DOWN:
            return "waiting"
        except Exception as error:  # a bad entry must never block the others
            reason = type(error).__name__
            log.error("a spooled text could not be stored (%s): kept as a dead letter", reason)
            dead = json.dumps({"reason": reason, "entry": line, "at": time.time()})

            def keep():
                pipe = self.store.client.pipeline()
                pipe.rpush(DEAD_KEY, dead)
                pipe.expire(DEAD_KEY, TTL_SECONDS)
                pipe.execute()

            if self.store.attempt("spool dead letter", keep) is None:
                self._append(json.dumps({"dead": True, "reason": reason, "entry": line}))
            return "dead"

    def replay_soon(self, turn) -> None:
        """After a turn went through (the database is up), replay what waits, in the background, once a while."""
        # One LLEN and one stat a turn: cheap enough to look every time, so recovery starts at once.
        waiting = self.store.attempt("spool check", lambda: self.store.client.llen(SPOOL_KEY))
        if not waiting and not self.path.exists():
            return
        taken = self.store.attempt("spool lock", lambda: self.store.client.set(REPLAY_LOCK, "1", nx=True, ex=300))
        if not taken:
            return

        def run():
            try:
                counts = self.replay(turn)
                log.info("replayed spooled texts: %s", counts)
            finally:
                self.store.attempt("spool unlock", lambda: self.store.client.delete(REPLAY_LOCK))

        threading.Thread(target=run, name="spool-replay", daemon=True).start()
