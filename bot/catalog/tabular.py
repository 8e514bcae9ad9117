"""What a reader hands the importer (a Dataset), and reading the CSV tables of tabular HSDS packages."""
from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog.errors import CatalogImportError
from bot.catalog.records import ImportedService

# Descriptions in real exports run to tens of kilobytes.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class Dataset:
    """Services read from one dataset, with what was left out and why."""

    format: str
    services: list[ImportedService] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    #: The first record skipped for each reason, so a report can point at one.
    examples: dict[str, str] = field(default_factory=dict)
    notices: Counter = field(default_factory=Counter)
    _seen: set = field(default_factory=set, repr=False)

    def add(self, service: ImportedService) -> None:
        """Keep a service; a second service with the same id is skipped."""
        if service.source_ref in self._seen:
            self.skip("duplicate id", service.source_ref)
            return
        self._seen.add(service.source_ref)
        self.services.append(service)

    def skip(self, reason: str, where: str) -> None:
        """Count a record left out."""
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)

    def notice(self, message: str, count: int = 1) -> None:
        """Count something worth telling whoever imports (data ignored, values dropped)."""
        self.notices[message] += count


def read_csv(path: Path, columns: tuple[str, ...] = (), required: bool = True) -> list[dict]:
    """Return the rows of a CSV table as dicts with stripped values; a missing optional table has no rows."""
    if not path.exists():
        if required:
            raise CatalogImportError(path, None, "file not found")
        return []
    rows = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or ()]
            missing = [column for column in columns if column not in header]
            if missing:
                raise CatalogImportError(path, "header", f"missing column {missing[0]!r} (found {', '.join(header)})")
            reader.fieldnames = header
            for row in reader:
                rows.append({key: (value or "").strip() for key, value in row.items() if key})
    except UnicodeDecodeError as error:
        raise CatalogImportError(path, f"row {len(rows) + 2}", f"not UTF-8 text: {error.reason}") from None
    except csv.Error as error:
        raise CatalogImportError(path, f"row {len(rows) + 2}", f"malformed CSV: {error}") from None
    return rows


def group_by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    """Return rows grouped by the value of `key` (rows without one are left out)."""
    grouped = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row[key]].append(row)
    return grouped
