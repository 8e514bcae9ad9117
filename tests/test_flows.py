"""Flow files: the shipped ones load, and every mistake is reported with its file, node and bad value."""
import shutil
import textwrap

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.engine import load_flows
from bot.errors import FlowError
from bot.paths import flows_dir


def test_the_shipped_flows_load():
    flows = load_flows(flows_dir())
    assert {"main", "handoff"} <= set(flows.flows)
    assert flows.keywords["arret"]["do"] == "opt_out"
    assert flows.keywords["francais"]["arg"] == "fr"


def test_flows_check_command_passes_on_the_shipped_flows():
    result = CliRunner().invoke(main, ["flows", "check"])
    assert result.exit_code == 0 and "ok:" in result.output


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "flows"
    shutil.copytree(flows_dir(), target)
    return target


def break_main(folder, old, new):
    path = folder / "main.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, node, words", [
    ("- type: triage_input\n    router:", "- type: triage_inptu\n    router:", "start", "triage_inptu"),
    ("exit: understand\n\n  greet_both", "exit: understnd\n\n  greet_both", "greet", "understnd"),
    ("{test: has_results, category: found}", "{test: has_resluts, category: found}", "offer", "has_resluts"),
    ("A person: call {navigator_phone} or reply AGENT.",
     "A person: call {navigator_fone} or reply AGENT.", "help", "navigator_fone"),
    ("default: none\n", "default: nothing\n", "offer", "nothing"),
])
def test_errors_name_the_file_the_node_and_the_value(folder, old, new, node, words):
    break_main(folder, old, new)
    with pytest.raises(FlowError) as caught:
        load_flows(folder)
    message = str(caught.value)
    assert "main.yaml" in message and repr(node) in message and words in message


def test_a_wrong_spec_version_is_refused(folder):
    break_main(folder, "spec_version: 1", "spec_version: 7")
    with pytest.raises(FlowError, match="spec_version is 7"):
        load_flows(folder)


def test_a_word_for_two_keywords_is_refused(folder):
    path = folder / "keywords.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fr: [AIDE]", "fr: [AIDE, PLUS]"))
    with pytest.raises(FlowError, match="keyword 'more': word 'PLUS' is already the keyword 'help'"):
        load_flows(folder)


def test_keyword_words_in_an_unknown_language_are_refused(folder):
    path = folder / "keywords.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fr: [AIDE]", "es: [AYUDA]"))
    with pytest.raises(FlowError, match="keyword 'help': words: unknown language 'es'"):
        load_flows(folder)


def test_invalid_yaml_gives_the_line(folder):
    (folder / "broken.yaml").write_text(textwrap.dedent("""\
        spec_version: 1
        id: broken
        nodes:
          a: [unclosed
    """))
    with pytest.raises(FlowError, match=r"broken.yaml: not valid YAML at line \d"):
        load_flows(folder)


def test_flows_check_command_reports_the_error(folder):
    break_main(folder, "- type: reset\n    exit: ask", "- type: rest\n    exit: ask")
    result = CliRunner().invoke(main, ["flows", "check", str(folder)])
    assert result.exit_code == 1
    assert "main.yaml" in result.output and "'restart'" in result.output and "'rest'" in result.output
