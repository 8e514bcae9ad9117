"""Read the triage's reviewable data files (YAML beside this module)."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


class _StrictLoader(yaml.SafeLoader):
    """A safe loader for word lists: refuses duplicate keys, and reads yes/no/on/off as words."""


# YAML 1.1 would read the words "yes", "no", "on", "off", "y", "n" as booleans.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ValueError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """Load one of the package's YAML data files, once."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_StrictLoader) or {}
