"""Read the triage's reviewable data files (YAML beside this module)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict[str, Any]:
    """Load one of the package's YAML data files, once."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}
