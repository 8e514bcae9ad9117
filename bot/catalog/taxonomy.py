"""Passerelle's need categories, and the mapping from directories' taxonomy codes to them (taxonomy-map.yaml)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.catalog.errors import TaxonomyMapError
from bot.needs import CATEGORIES as CATEGORIES  # re-exported: the catalogue's categories are the needs
from bot.paths import catalog_dir

#: Vocabulary of our own catalogue's categories (codes are category codes).
NEEDS_VOCABULARY = "passerelle-needs"
#: Vocabulary of our own catalogue's eligibility groups.
ELIGIBILITY_VOCABULARY = "passerelle-eligibility"

_AIRS_CODE = re.compile(r"^[A-Z]{1,2}(?:-\d{4}(?:\.\d{4})?(?:-\d{3})?(?:\.\d{2})?)?$")
_OE_CODE = re.compile(r"^1\d{2}(?:-\d{2}){0,3}$")
_SEGMENT = re.compile(r"[-.]")


def mapping_path() -> Path:
    """Return the path of the taxonomy mapping shipped with Passerelle."""
    return catalog_dir() / "taxonomy-map.yaml"


def prefixes(code: str) -> list[str]:
    """Return `code` and its shorter prefixes at segment boundaries, longest first (BH-1800.8500 → … → BH → B)."""
    cuts = [match.start() for match in _SEGMENT.finditer(code)]
    found = [code] + [code[:cut] for cut in reversed(cuts)]
    head = found[-1]
    if len(head) == 2 and head.isalpha():
        # AIRS's top level is one letter (B = Basic Needs) inside a two-letter head (BH).
        found.append(head[0])
    return found


@dataclass
class TaxonomyMap:
    """The mapping: codes → categories per vocabulary, and codes → eligibility."""

    path: str
    vocabularies: dict[str, str] = field(default_factory=dict)
    airs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    open_eligibility: dict[str, tuple[str, ...]] = field(default_factory=dict)
    open_eligibility_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    eligibility: dict[str, dict[str, dict]] = field(default_factory=dict)

    def kind(self, vocabulary: str | None, code: str | None) -> str | None:
        """Return which table reads `code` of `vocabulary`: airs, open_eligibility, needs, eligibility or None."""
        if vocabulary:
            found = self.vocabularies.get(vocabulary.strip().lower())
            if found:
                return found
            lowered = vocabulary.lower()
            if "airs" in lowered or "211" in lowered:
                return "airs"
            if "eligibility" in lowered and "open" in lowered:
                return "open_eligibility"
        code = (code or "").strip()
        if _AIRS_CODE.match(code):
            return "airs"
        if _OE_CODE.match(code):
            return "open_eligibility"
        return None

    def categories(self, vocabulary: str | None, code: str | None, name: str | None = None) -> tuple[str, ...]:
        """Return the categories a term maps to (empty when none or unknown)."""
        kind = self.kind(vocabulary, code)
        code = (code or "").strip()
        if kind == "needs":
            return (code,) if code in CATEGORIES else ()
        table = {"airs": self.airs, "open_eligibility": self.open_eligibility}.get(kind)
        if table is not None and code:
            lookup = code.upper() if kind == "airs" else code
            for prefix in prefixes(lookup):
                if prefix in table:
                    return table[prefix]
        if kind in (None, "open_eligibility") and name:
            return self.open_eligibility_names.get(name.strip().lower(), ())
        return ()

    def eligibility_for(self, vocabulary: str | None, code: str | None) -> dict | None:
        """Return the eligibility a term implies ({"genders": [...], "min_age": 18, ...}), or None."""
        kind = self.kind(vocabulary, code)
        table = self.eligibility.get(kind or "")
        if not table or not code:
            return None
        code = code.strip()
        if kind == "eligibility":
            return table.get(code)
        for prefix in prefixes(code.upper()):
            if prefix in table:
                return table[prefix]
        return None


def _categories(path, section: str, key, value) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        raise TaxonomyMapError(path, f"{section}.{key}", f"expected a category or a list of them, got {value!r}")
    for category in values:
        if category not in CATEGORIES:
            raise TaxonomyMapError(path, f"{section}.{key}",
                                   f"unknown category {category!r} (expected one of {', '.join(CATEGORIES)})")
    return tuple(values)


_ELIGIBILITY_KEYS = {"min_age", "max_age", "genders", "groups"}


def _eligibility(path, kind: str, key, value) -> dict:
    if not isinstance(value, dict) or set(value) - _ELIGIBILITY_KEYS:
        raise TaxonomyMapError(path, f"eligibility.{kind}.{key}",
                               f"expected a mapping of {sorted(_ELIGIBILITY_KEYS)}, got {value!r}")
    return value


@functools.lru_cache(maxsize=4)
def load_mapping(path: str | None = None) -> TaxonomyMap:
    """Read and check the taxonomy mapping (the shipped one unless `path` is given)."""
    path = str(path or mapping_path())
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except FileNotFoundError:
        raise TaxonomyMapError(path, None, "file not found") from None
    except yaml.YAMLError as error:
        raise TaxonomyMapError(path, None, f"not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise TaxonomyMapError(path, None, "expected a mapping at the top level")
    mapping = TaxonomyMap(path=path)
    for kind, names in (document.get("vocabularies") or {}).items():
        for name in names or ():
            mapping.vocabularies[str(name).lower()] = kind
    for section in ("airs", "open_eligibility", "open_eligibility_names"):
        table = getattr(mapping, section)
        for key, value in (document.get(section) or {}).items():
            key = str(key).lower() if section == "open_eligibility_names" else str(key)
            table[key] = _categories(path, section, key, value)
    for kind, entries in (document.get("eligibility") or {}).items():
        mapping.eligibility[kind] = {str(key): _eligibility(path, kind, key, value)
                                     for key, value in (entries or {}).items()}
    return mapping
