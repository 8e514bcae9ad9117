"""A Babel extractor for flow files, so `pybabel extract` finds every text a flow sends."""
import yaml

#: Action types whose `text` is shown to a person.
TEXT_ACTIONS = {"send_msg"}


def extract_flows(fileobj, keywords, comment_tags, options):
    """Yield (line, funcname, message, comments) for the text of every send_msg action in a flow file."""
    root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")))
    if root is None:
        return
    nodes = _value(root, "nodes")
    if not isinstance(nodes, yaml.MappingNode):
        return
    for key, node in nodes.value:
        note = _value(node, "note")
        comments = [f"flow node: {key.value}"] + ([note.value] if isinstance(note, yaml.ScalarNode) else [])
        for action in getattr(_value(node, "actions"), "value", []):
            kind, text = _value(action, "type"), _value(action, "text")
            if getattr(kind, "value", None) in TEXT_ACTIONS and isinstance(text, yaml.ScalarNode):
                yield text.start_mark.line + 1, None, text.value, comments


def _value(mapping, name):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for key, value in mapping.value if getattr(key, "value", None) == name), None)
