"""Measure the triage on labelled messages (the dev.jsonl format): top-1, crisis recall, false alarms, time."""
from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import triage

SHOWN_CHARS = 80


@dataclass(frozen=True)
class Tally:
    """Right answers out of a total."""

    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        """Return the share right (1.0 when there was nothing to get right)."""
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> Tally:
        """Return the tally with one more answer counted."""
        return Tally(self.right + int(ok), self.total + 1)

    def __str__(self) -> str:
        return f"{self.right}/{self.total} = {100 * self.rate:.1f}%"


@dataclass
class Report:
    """Figures of one evaluation run, and the lines it got wrong."""

    top1: Tally = Tally()
    top1_by_language: dict[str, Tally] = field(default_factory=lambda: {"fr": Tally(), "en": Tally()})
    #: Crises read as a risk at all: "crisis" (act now) or "possible" (ask directly).
    crisis_recall: Tally = Tally()
    #: Crises read as "crisis", act now.
    crisis_now: Tally = Tally()
    #: Non-crises (idioms, statements of safety included) raised as "crisis".
    false_alarms: Tally = Tally()
    #: Non-crises asked about ("possible").
    asked: Tally = Tally()
    language: Tally = Tally()
    misses: list[str] = field(default_factory=list)
    #: Milliseconds each message took to triage.
    timings: list[float] = field(default_factory=list)
    #: Top-1 per `kind` tag, for sets that tag their lines (root_cause, negation, on_behalf...).
    by_kind: dict[str, Tally] = field(default_factory=dict)


def read_labelled(path: str | Path) -> list[dict]:
    """Read a labelled JSONL file, skipping blank lines."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(rows: Iterable[dict], reader: bool = True) -> Report:
    """Triage every labelled row and count what it got right (`reader`: with the second reader)."""
    report = Report()
    triage("warm up", reader=reader)  # the lexicons and weights load on first use: time the messages only
    for row in rows:
        text = str(row.get("text", ""))
        started = time.perf_counter()
        result = triage(text, reader=reader)
        report.timings.append(1000 * (time.perf_counter() - started))
        shown = _shorten(text)
        accept = set(row.get("accept") or [row.get("primary")])
        got = result.primary
        ok = got in accept
        report.top1 = report.top1.add(ok)
        lang = row.get("lang")
        if lang in report.top1_by_language:
            report.top1_by_language[lang] = report.top1_by_language[lang].add(ok)
        for kind in row.get("kind") or ():
            report.by_kind[kind] = report.by_kind.get(kind, Tally()).add(ok)
        if not ok:
            report.misses.append(f"[top-1] {lang} want={'/'.join(sorted(accept))} got={got}  {shown}")
        if row.get("crisis") is True:
            report.crisis_recall = report.crisis_recall.add(result.risk is not None)
            report.crisis_now = report.crisis_now.add(result.risk == "crisis")
            if result.risk is None:
                report.misses.append(f"[crisis missed] {lang}  {shown}")
        elif row.get("crisis") is False:
            report.false_alarms = report.false_alarms.add(result.risk == "crisis")
            report.asked = report.asked.add(result.risk == "possible")
            if result.risk == "crisis":
                report.misses.append(f"[false alarm] {lang}  {shown}")
            elif result.risk == "possible":
                report.misses.append(f"[asked] {lang}  {shown}")
        if lang in ("fr", "en"):
            report.language = report.language.add(result.language == lang)
            if result.language != lang:
                report.misses.append(f"[language] want={lang} got={result.language}  {shown}")
    return report


def format_report(report: Report) -> str:
    """Render a report as the lines the eval command prints."""
    timings = sorted(report.timings) or [0.0]
    lines = [
        f"top-1: {report.top1}",
        f"top-1 fr: {report.top1_by_language['fr']}",
        f"top-1 en: {report.top1_by_language['en']}",
        f"crisis recall: {report.crisis_recall}",
        f"crisis recall, act now: {report.crisis_now}",
        f"false alarms (crisis=false flagged): {report.false_alarms}",
        f"asked about (crisis=false read as possible): {report.asked}",
        f"language: {report.language}",
        f"time per message: mean {statistics.fmean(timings):.2f} ms, p95 "
        f"{timings[min(len(timings) - 1, int(0.95 * len(timings)))]:.2f} ms, max {timings[-1]:.2f} ms",
    ]
    lines += [f"top-1 {kind}: {tally}" for kind, tally in sorted(report.by_kind.items())]
    lines.append(f"misses: {len(report.misses)}")
    lines += [f"  {miss}" for miss in report.misses]
    return "\n".join(lines)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN_CHARS else flat[: SHOWN_CHARS - 1] + "…"
