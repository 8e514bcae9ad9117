"""Flow definitions: load YAML files into nodes, validate them, and say exactly what is wrong."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.errors import FlowError

#: The flow file format this engine reads.
SPEC_VERSION = 1
#: Top-level properties of a flow file; `vocabulary` holds word lists that nodes share through YAML anchors.
FLOW_PROPERTIES = {"spec_version", "id", "name", "start", "nodes", "on_crisis", "on_possible", "on_return",
                   "vocabulary"}
#: Nodes a flow may name for moments the engine recognises, whatever was being asked.
HOOKS = ("on_crisis", "on_possible", "on_return")


@dataclass(frozen=True)
class Action:
    """One thing a node does when entered (send a message, triage the input, search services...)."""

    type: str
    params: dict


@dataclass(frozen=True)
class Case:
    """A test on the input and the category it leads to when true."""

    test: str
    args: tuple
    category: str


@dataclass(frozen=True)
class Router:
    """Picks a category from the first case that holds, else the default; each category exits to a node."""

    cases: tuple[Case, ...]
    default: str
    exits: dict[str, str]


@dataclass(frozen=True)
class Node:
    """A step of a flow: actions, then maybe a wait for the person's reply, then a router or a plain exit."""

    id: str
    actions: tuple[Action, ...]
    wait: bool
    router: Router | None
    exit: str | None


@dataclass(frozen=True)
class Flow:
    """A named dialogue flow loaded from one file."""

    id: str
    name: str
    start: str
    nodes: dict[str, Node]
    path: str
    #: Node entered whenever a message shows a crisis, whatever was being asked.
    on_crisis: str | None = None
    #: Node entered when a message shows a warning sign worth asking about directly.
    on_possible: str | None = None
    #: Node that asks a returning texter whether to continue or start over.
    on_return: str | None = None


@dataclass
class Flows:
    """Every flow and the global keywords, as loaded from a folder."""

    flows: dict[str, Flow] = field(default_factory=dict)
    keywords: dict[str, dict] = field(default_factory=dict)

    def node(self, ref: str) -> tuple[Flow, Node]:
        """Return the flow and node named by 'flow:node'."""
        flow_id, _, node_id = ref.partition(":")
        flow = self.flows[flow_id]
        return flow, flow.nodes[node_id]


def _fail(path, node, message, what="node"):
    raise FlowError(str(path), node, message, what)


def _as_mapping(value, path, node, what):
    if not isinstance(value, dict):
        _fail(path, node, f"{what} must be a mapping, got {type(value).__name__} {value!r}")
    return value


def parse_flow(document, path, known_actions, known_tests) -> Flow:
    """Build a Flow from a parsed YAML document, validating as we go."""
    document = _as_mapping(document, path, None, "the file")
    version = document.get("spec_version")
    if version != SPEC_VERSION:
        _fail(path, None, f"spec_version is {version!r}; this engine reads spec_version {SPEC_VERSION}")
    unknown = set(document) - FLOW_PROPERTIES
    if unknown:
        _fail(path, None, f"unknown property {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(FLOW_PROPERTIES))})")
    flow_id = document.get("id")
    if not isinstance(flow_id, str) or not flow_id.isidentifier():
        _fail(path, None, f"id must be a slug like 'main', got {flow_id!r}")
    raw_nodes = _as_mapping(document.get("nodes"), path, None, "nodes")
    nodes = {}
    for node_id, raw in raw_nodes.items():
        if not isinstance(node_id, str) or not node_id.replace("_", "a").isalnum():
            _fail(path, node_id, f"node id must be a slug like 'ask_need', got {node_id!r}")
        nodes[node_id] = _parse_node(node_id, raw or {}, path, known_actions, known_tests)
    start = document.get("start")
    if start not in nodes:
        _fail(path, None, f"start {start!r} is not a node of this flow")
    hooks = {}
    for hook in HOOKS:
        target = document.get(hook)
        if target is not None and target not in nodes:
            _fail(path, None, f"{hook} {target!r} is not a node of this flow")
        hooks[hook] = target
    flow = Flow(id=flow_id, name=str(document.get("name") or flow_id), start=start, nodes=nodes,
                path=str(path), **hooks)
    return flow


def _parse_node(node_id, raw, path, known_actions, known_tests) -> Node:
    raw = _as_mapping(raw, path, node_id, "a node")
    unknown = set(raw) - {"actions", "wait", "router", "exit", "note"}
    if unknown:
        _fail(path, node_id, f"unknown property {sorted(unknown)[0]!r} (allowed: actions, wait, router, exit, note)")
    actions = []
    for index, raw_action in enumerate(raw.get("actions") or []):
        raw_action = _as_mapping(raw_action, path, node_id, f"action {index + 1}")
        kind = raw_action.get("type")
        if kind not in known_actions:
            _fail(path, node_id, f"action {index + 1} has unknown type {kind!r}")
        params = {k: v for k, v in raw_action.items() if k != "type"}
        known_actions[kind].validate(params, lambda message, kind=kind: _fail(path, node_id, f"action {kind}: {message}"))
        actions.append(Action(kind, params))
    router = None
    if "router" in raw:
        router = _parse_router(node_id, raw["router"], path, known_tests)
    exit_to = raw.get("exit")
    if router is not None and exit_to is not None:
        _fail(path, node_id, "a node has either a router or an exit, not both")
    wait = raw.get("wait", False)
    if not isinstance(wait, bool):
        _fail(path, node_id, f"wait must be true or false, got {wait!r}")
    if wait and router is None and exit_to is None:
        _fail(path, node_id, "a node that waits needs a router or an exit to go on with the reply")
    return Node(id=node_id, actions=tuple(actions), wait=wait, router=router, exit=exit_to)


def _parse_router(node_id, raw, path, known_tests) -> Router:
    raw = _as_mapping(raw, path, node_id, "router")
    exits = _as_mapping(raw.get("categories"), path, node_id, "router.categories")
    cases = []
    for index, raw_case in enumerate(raw.get("cases") or []):
        raw_case = _as_mapping(raw_case, path, node_id, f"case {index + 1}")
        test = raw_case.get("test")
        if test not in known_tests:
            _fail(path, node_id, f"case {index + 1} has unknown test {test!r}")
        args = raw_case.get("args", [])
        if not isinstance(args, list):
            args = [args]
        category = raw_case.get("category")
        if category not in exits:
            _fail(path, node_id, f"case {index + 1} goes to category {category!r}, which has no exit in categories")
        cases.append(Case(test, tuple(args), category))
    default = raw.get("default")
    if default not in exits:
        _fail(path, node_id, f"router.default {default!r} is not one of the categories")
    return Router(cases=tuple(cases), default=default, exits={str(k): str(v) for k, v in exits.items()})


def _check_exits(flows: Flows) -> None:
    """Every exit must name an existing node, in this flow or as 'flow:node'."""
    for flow in flows.flows.values():
        for node in flow.nodes.values():
            targets = [node.exit] if node.exit else []
            if node.router:
                targets += list(node.router.exits.values())
            for target in targets:
                if not _resolves(flows, flow, target):
                    _fail(flow.path, node.id, f"exit {target!r} is not a node")


def _resolves(flows: Flows, flow: Flow, target: str) -> bool:
    if ":" in target:
        other, _, node_id = target.partition(":")
        return other in flows.flows and node_id in flows.flows[other].nodes
    return target in flow.nodes


def parse_keywords(document, path, flows: Flows) -> dict[str, dict]:
    """Build the global keyword table: each word (normalised) → what it does."""
    from bot.engine.text import normalise

    document = _as_mapping(document, path, None, "the file")
    if document.get("spec_version") != SPEC_VERSION:
        _fail(path, None, f"spec_version is {document.get('spec_version')!r}; expected {SPEC_VERSION}")
    table = {}
    for name, raw in _as_mapping(document.get("keywords"), path, None, "keywords").items():
        raw = _as_mapping(raw, path, name, "a keyword")
        do = raw.get("do")
        goto = raw.get("goto")
        if do is None and goto is None:
            _fail(path, name, "a keyword needs 'do', 'goto' or both", "keyword")
        if do is not None and do not in KEYWORD_OPERATIONS:
            _fail(path, name, f"unknown operation {do!r} (known: {', '.join(sorted(KEYWORD_OPERATIONS))})", "keyword")
        for field_name in ("goto", "else_goto"):
            target = raw.get(field_name)
            if target is None:
                continue
            flow_id, _, node_id = str(target).partition(":")
            if flow_id not in flows.flows or node_id not in flows.flows[flow_id].nodes:
                _fail(path, name, f"{field_name} {target!r} is not a 'flow:node' that exists", "keyword")
        if do == "set_language" and raw.get("arg") not in ("en", "fr"):
            _fail(path, name, f"set_language needs arg en or fr, got {raw.get('arg')!r}", "keyword")
        for word, language in _keyword_words(raw.get("words"), path, name):
            key = normalise(str(word))
            if not key:
                _fail(path, name, f"word {word!r} is empty once normalised", "keyword")
            if key in table and table[key]["name"] != name:
                _fail(path, name, f"word {word!r} is already the keyword {table[key]['name']!r}", "keyword")
            table[key] = {"name": name, "do": do, "goto": goto, "arg": raw.get("arg"),
                          "reprompt": bool(raw.get("reprompt", False)), "else_goto": raw.get("else_goto"),
                          "language": language}
    return table


def _keyword_words(words, path, name) -> list[tuple[str, str | None]]:
    """Return (word, language) pairs: a plain list is language-neutral ("AGENT"), a mapping per language
    tells which language a word says ("AIDE" is French), so a new contact is answered in it."""
    if isinstance(words, dict):
        unknown = set(words) - {"en", "fr", "any"}
        if unknown:
            _fail(path, name, f"words: unknown language {sorted(unknown)[0]!r} (use en, fr or any)", "keyword")
        pairs = [(str(word), None if language == "any" else language)
                 for language, listed in words.items() for word in (listed or [])]
    elif isinstance(words, list):
        pairs = [(str(word), None) for word in words]
    else:
        pairs = []
    if not pairs:
        _fail(path, name, "words must be a non-empty list, or lists per language (en, fr, any)", "keyword")
    return pairs


#: Operations a keyword may trigger directly (everything else is a 'goto' into a flow).
KEYWORD_OPERATIONS = {"opt_out", "opt_in", "set_language", "resume"}


def load_flows(folder: Path | str) -> Flows:
    """Load and validate every flow file in `folder` and its keywords.yaml."""
    from bot.engine.actions import ACTIONS
    from bot.engine.conditions import CONDITIONS

    folder = Path(folder)
    flows = Flows()
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "keywords.yaml":
            continue
        document = _read_yaml(path)
        flow = parse_flow(document, path, ACTIONS, CONDITIONS)
        if flow.id in flows.flows:
            _fail(path, None, f"flow id {flow.id!r} is already used by {flows.flows[flow.id].path}")
        flows.flows[flow.id] = flow
    if "main" not in flows.flows:
        _fail(folder, None, "there is no flow with id 'main'")
    _check_exits(flows)
    keywords_path = folder / "keywords.yaml"
    if keywords_path.exists():
        flows.keywords = parse_keywords(_read_yaml(keywords_path), keywords_path, flows)
    return flows


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "?"
        raise FlowError(str(path), None, f"not valid YAML at {where}: {getattr(error, 'problem', error)}") from None
