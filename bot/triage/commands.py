"""The `passerelle triage` command: triage a message, a JSONL stream, or evaluate a labelled file."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .evaluation import evaluate, format_report, read_labelled
from .reader import WEIGHTS
from .scoring import triage


@click.command(
    "triage",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.argument("args", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON instead of a summary.")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.File("r", encoding="utf-8"),
    help='Read one {"text": ...} object a line from FILE ("-" for stdin); write one result a line.',
)
@click.option("--lexicon-only", is_flag=True, help="Read with the lexicons alone, without the second reader.")
def triage_command(args: tuple[str, ...], as_json: bool, jsonl, lexicon_only: bool) -> None:
    """Read a message's language, needs (root cause first) and crisis flag.

    \b
    passerelle triage TEXT... [--json]   triage one message (the words are joined)
    passerelle triage --jsonl FILE       triage {"text": ...} lines; FILE may be - (stdin)
    passerelle triage eval FILE          measure top-1, crisis recall, false alarms, language and
                                         time per message on a labelled file (dev.jsonl format)
    passerelle triage train [FILE...]    retrain the second reader on labelled files (default:
                                         every tests/triage/*.jsonl; needs '.[model]')

    The risk is "crisis" (act now), "possible" (a warning sign: ask directly) or none.

    A first argument "eval" followed by exactly one FILE means evaluation; to triage the word
    "eval" itself, quote it with other words.
    """
    if jsonl is not None:
        for line in jsonl:
            if not line.strip():
                continue
            try:
                text = json.loads(line).get("text", "")
            except (ValueError, AttributeError) as error:
                raise click.ClickException(f"not a JSON object with a text: {line[:60]!r}") from error
            click.echo(json.dumps(triage(str(text), reader=not lexicon_only).to_dict(), ensure_ascii=False))
        return
    if args and args[0] == "train":
        _train([Path(a) for a in args[1:]])
        return
    if len(args) == 2 and args[0] == "eval":
        try:
            rows = read_labelled(args[1])
        except OSError as error:
            raise click.ClickException(f"cannot read {args[1]}: {error.strerror}") from error
        except ValueError as error:
            raise click.ClickException(f"{args[1]} is not JSONL: {error}") from error
        click.echo(format_report(evaluate(rows, reader=not lexicon_only)))
        return
    if not args:
        raise click.UsageError("give a TEXT to triage, --jsonl FILE, or eval FILE")
    result = triage(" ".join(args), reader=not lexicon_only)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    needs = ", ".join(f"{n.category} {n.score:.2f}" for n in result.needs) or "none found"
    click.echo(f"language: {result.language}{'' if result.language_confident else ' (guess)'}")
    click.echo(f"needs: {needs}{'' if result.confident else ' (ask a clarifying question)'}")
    click.echo(f"crisis: {'YES' if result.crisis else 'no'}")
    risk = f"{result.risk} ({result.concern})" if result.risk else "none"
    click.echo(f"risk: {risk}{' (ask directly)' if result.risk == 'possible' else ''}")


def _train(paths: list[Path]) -> None:
    from bot.translations import source_root

    from .training import train, write

    root = source_root()
    paths = paths or sorted((root / "tests" / "triage").glob("*.jsonl"))
    if not paths:
        raise click.ClickException("no labelled files: give FILEs or run from a checkout with tests/triage/")
    try:
        weights = train(paths)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    out = root / "bot" / "triage" / WEIGHTS
    write(weights, out)
    click.echo(f"trained on {weights['messages']} messages from {len(paths)} files: "
               f"{len(weights['ngrams'])} n-grams -> {out}")
