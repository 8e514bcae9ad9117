"""The `passerelle triage` command: triage a message, a JSONL stream, or evaluate a labelled file."""
from __future__ import annotations

import json

import click

from .evaluation import evaluate, format_report, read_labelled
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
def triage_command(args: tuple[str, ...], as_json: bool, jsonl) -> None:
    """Read a message's language, needs (root cause first) and crisis flag.

    \b
    passerelle triage TEXT... [--json]   triage one message (the words are joined)
    passerelle triage --jsonl FILE       triage {"text": ...} lines; FILE may be - (stdin)
    passerelle triage eval FILE          measure top-1, crisis recall, false alarms, language and
                                         time per message on a labelled file (dev.jsonl format)

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
            click.echo(json.dumps(triage(str(text)).to_dict(), ensure_ascii=False))
        return
    if len(args) == 2 and args[0] == "eval":
        try:
            rows = read_labelled(args[1])
        except OSError as error:
            raise click.ClickException(f"cannot read {args[1]}: {error.strerror}") from error
        except ValueError as error:
            raise click.ClickException(f"{args[1]} is not JSONL: {error}") from error
        click.echo(format_report(evaluate(rows)))
        return
    if not args:
        raise click.UsageError("give a TEXT to triage, --jsonl FILE, or eval FILE")
    result = triage(" ".join(args))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    needs = ", ".join(f"{n.category} {n.score:.2f}" for n in result.needs) or "none found"
    click.echo(f"language: {result.language}{'' if result.language_confident else ' (guess)'}")
    click.echo(f"needs: {needs}{'' if result.confident else ' (ask a clarifying question)'}")
    click.echo(f"crisis: {'YES' if result.crisis else 'no'}")
    risk = f"{result.risk} ({result.concern})" if result.risk else "none"
    click.echo(f"risk: {risk}{' (ask directly)' if result.risk == 'possible' else ''}")
