"""Import an Open Referral dataset into the catalogue: detect its format, read it, store it in bulk.

Re-importing a source updates its services in place, matched on their ids in the source. Services the
source no longer lists are marked inactive, not deleted, so the record's references to them still resolve.
"""
from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.catalog import hsds2, hsds3
from bot.catalog.errors import CatalogImportError
from bot.catalog.models import CatalogSource, CatalogState, ServiceEntry, ServiceText
from bot.catalog.records import content_hash
from bot.catalog.taxonomy import TaxonomyMap, load_mapping
from bot.db import exclusive
from bot.paths import catalog_dir

log = logging.getLogger(__name__)

#: Rows per INSERT/UPDATE batch: large enough to amortise round trips, small enough for PostgreSQL's limits.
BATCH_SIZE = 2000
#: Files only an HSDS 3.0 tabular package has.
_V3_FILES = ("service_at_location.csv", "addresses.csv", "attributes.csv", "taxonomy_terms.csv")
#: Files only an HSDS 2.x tabular package has.
_V2_FILES = ("services_at_location.csv", "physical_addresses.csv", "regular_schedules.csv",
             "services_taxonomy.csv", "service_attributes.csv")
#: Folder names too generic to name a source by.
_GENERIC_NAMES = {"data", "csv", "json", "services", "datapackage", "export"}

_services = ServiceEntry.__table__
_texts = ServiceText.__table__
_sources = CatalogSource.__table__
_state = CatalogState.__table__


@dataclass
class ImportReport:
    """What an import did: services new, updated, unchanged, marked inactive, and what was skipped and why."""

    source: str
    format: str
    path: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Listed by the source with a status other than active; stored but not offered.
    inactive: int = 0
    #: No longer listed by the source; marked inactive.
    deactivated: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)
    notices: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        """Return how many services the dataset gave (new, updated and unchanged)."""
        return self.new + self.updated + self.unchanged

    def lines(self) -> list[str]:
        """Return the report as lines for a person."""
        lines = [f"{self.source}: {self.imported} services imported from {self.path} ({self.format}): "
                 f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"]
        if self.inactive:
            lines.append(f"{self.inactive} listed as not active by the source (kept, not offered)")
        lines.append(f"{self.deactivated} marked inactive (no longer in the source)")
        total = sum(self.skipped.values())
        if total:
            reasons = ", ".join(f"{count} {reason} (e.g. {self.examples.get(reason, '?')})"
                                for reason, count in sorted(self.skipped.items()))
            lines.append(f"skipped {total}: {reasons}")
        else:
            lines.append("skipped 0")
        lines.extend(f"note: {message} ({count})" for message, count in sorted(self.notices.items()))
        lines.append(f"took {self.seconds:.1f} s")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


def detect(path: Path) -> tuple[str, Path | list[Path]]:
    """Return the format of a dataset path ("hsds3-json", "hsds3-tabular", "hsds2-tabular") and what to read."""
    if not path.exists():
        raise CatalogImportError(path, None, "no such file or folder")
    if path.is_file():
        if path.suffix.lower() == ".json":
            return "hsds3-json", [path]
        if path.name.lower() == "services.csv":
            return detect(path.parent)
        raise CatalogImportError(path, None, "expected a .json file, a .zip package or a folder with services.csv")
    folder = path
    if not (folder / "services.csv").exists() and (folder / "data" / "services.csv").exists():
        folder = folder / "data"
    if (folder / "services.csv").exists():
        if any((folder / name).exists() for name in _V3_FILES):
            return "hsds3-tabular", folder
        if any((folder / name).exists() for name in _V2_FILES):
            return "hsds2-tabular", folder
        with open(folder / "services.csv", encoding="utf-8-sig") as handle:
            header = handle.readline()
        v3 = "eligibility_description" in header or "minimum_age" in header
        return ("hsds3-tabular" if v3 else "hsds2-tabular"), folder
    files = sorted(p for p in folder.glob("*.json") if p.name != "datapackage.json")
    if files:
        return "hsds3-json", files
    raise CatalogImportError(path, None, "no services.csv and no .json files found")


def default_source_name(path: Path) -> str:
    """Name a source after its file or folder ("hsds-miami-open211-2019"), skipping generic names like data."""
    path = path.resolve()
    name = path.stem if path.is_file() else path.name
    if name.lower() in _GENERIC_NAMES:
        parent = path.parent.parent if path.is_file() and path.parent.name.lower() in _GENERIC_NAMES else path.parent
        name = parent.name if name.lower() in ("data", "services") else f"{parent.name}-{name}"
    return name[:100] or "catalog"


def read_dataset(path: Path, language: str = "en"):
    """Read the dataset at `path` whatever its format; return (format, Dataset)."""
    kind, target = detect(path)
    if kind == "hsds3-json":
        return kind, hsds3.read_json(target, language)
    if kind == "hsds3-tabular":
        return kind, hsds3.read_tabular(target, language)
    return kind, hsds2.read_tabular(target, language)


def import_path(database, path, source: str | None = None, language: str = "en",
                mapping: TaxonomyMap | None = None) -> ImportReport:
    """Import the HSDS dataset at `path` (JSON file or folder, tabular folder, or .zip) as source `source`."""
    path = Path(path)
    started = time.perf_counter()
    source = source or default_source_name(path)
    mapping = mapping or load_mapping()
    if path.is_file() and path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="passerelle-import-") as unpacked:
            try:
                with zipfile.ZipFile(path) as archive:
                    archive.extractall(unpacked)
            except zipfile.BadZipFile as error:
                raise CatalogImportError(path, None, f"not a valid zip file: {error}") from None
            folders = sorted({p.parent for p in Path(unpacked).rglob("services.csv")}) or [Path(unpacked)]
            kind, dataset = read_dataset(folders[0], language)
    else:
        kind, dataset = read_dataset(path, language)
    report = ImportReport(source=source, format=dataset.format, path=str(path),
                          skipped=dict(dataset.skipped), examples=dict(dataset.examples), notices=dict(dataset.notices))
    _store(database, source, kind, path, dataset, mapping, report)
    report.seconds = time.perf_counter() - started
    log.info("imported %s: %d new, %d updated, %d unchanged, %d deactivated, %d skipped in %.1f s", source,
             report.new, report.updated, report.unchanged, report.deactivated, sum(report.skipped.values()),
             report.seconds)
    return report


def _batches(rows: list, size: int = BATCH_SIZE):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _store(database, source: str, kind: str, path: Path, dataset, mapping: TaxonomyMap, report: ImportReport) -> None:
    now = dt.datetime.now(dt.UTC)
    with database.engine.begin() as connection:
        source_id = connection.execute(select(_sources.c.id).where(_sources.c.name == source)).scalar()
        if source_id is None:
            source_id = connection.execute(insert(_sources).values(
                name=source, format=kind, location=str(path), imported_at=now, service_count=0, report={},
            )).inserted_primary_key[0]
        existing = {ref: (service_id, fingerprint, active) for service_id, ref, fingerprint, active in connection.execute(
            select(_services.c.id, _services.c.source_ref, _services.c.content_hash, _services.c.active)
            .where(_services.c.source_id == source_id))}

        new_rows, new_texts, changed_rows, changed_texts = [], {}, [], []
        for service in dataset.services:
            row = service.row(mapping)
            texts = {language: entry for language, entry in service.texts.items() if entry}
            row.update(source_id=source_id, content_hash=content_hash(row, texts), updated_at=now)
            report.inactive += not row["active"]
            known = existing.get(service.source_ref)
            if known is None:
                new_rows.append(row)
                new_texts[service.source_ref] = texts
            elif known[1] == row["content_hash"] and known[2] == row["active"]:
                report.unchanged += 1
            else:
                changed_rows.append({"b_id": known[0], **row})
                changed_texts.extend(_text_rows(known[0], texts))
        report.new, report.updated = len(new_rows), len(changed_rows)

        for batch in _batches(new_rows):
            connection.execute(insert(_services), batch)
        if new_rows:
            ids = dict(connection.execute(select(_services.c.source_ref, _services.c.id)
                                          .where(_services.c.source_id == source_id)).all())
            text_rows = [text for ref, texts in new_texts.items() for text in _text_rows(ids[ref], texts)]
            for batch in _batches(text_rows):
                connection.execute(insert(_texts), batch)
        if changed_rows:
            statement = update(_services).where(_services.c.id == bindparam("b_id"))
            for batch in _batches(changed_rows):
                connection.execute(statement, batch)
                connection.execute(delete(_texts).where(_texts.c.service_id.in_([row["b_id"] for row in batch])))
            for batch in _batches(changed_texts):
                connection.execute(insert(_texts), batch)

        listed = {service.source_ref for service in dataset.services}
        gone = [{"b_id": service_id} for ref, (service_id, _, active) in existing.items() if active and ref not in listed]
        report.deactivated = len(gone)
        for batch in _batches(gone):
            connection.execute(update(_services).where(_services.c.id == bindparam("b_id"))
                               .values(active=False, updated_at=now), batch)

        active = connection.execute(select(func.count()).select_from(_services).where(
            _services.c.source_id == source_id, _services.c.active.is_(True))).scalar_one()
        connection.execute(update(_sources).where(_sources.c.id == source_id).values(
            format=kind, location=str(path), imported_at=now, service_count=active,
            report={"new": report.new, "updated": report.updated, "unchanged": report.unchanged,
                    "inactive": report.inactive, "deactivated": report.deactivated, "skipped": report.skipped,
                    "notices": report.notices}))
        bump_version(connection)


def _text_rows(service_id: int, texts: dict) -> list[dict]:
    return [{"service_id": service_id, "language": language, "name": entry.get("name", ""),
             "description": entry.get("description", ""),
             "eligibility_description": entry.get("eligibility_description", "")}
            for language, entry in texts.items()]


def bump_version(connection) -> None:
    """Raise the catalogue's version so every in-memory index reloads."""
    now = dt.datetime.now(dt.UTC)
    changed = connection.execute(update(_state).where(_state.c.id == 1).values(
        version=_state.c.version + 1, updated_at=now)).rowcount
    if not changed:
        connection.execute(insert(_state).values(id=1, version=1, updated_at=now))


def current_version(connection) -> int:
    """Return the catalogue's version (0 before any import)."""
    return connection.execute(select(_state.c.version).where(_state.c.id == 1)).scalar() or 0


def service_count(database) -> int:
    """Return how many services the catalogue holds, active or not."""
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(_services)).scalar_one()


def ensure_sample(database) -> bool:
    """Import the sample catalogue if the catalogue holds no services yet; return whether it did."""
    if service_count(database):
        return False
    folder = catalog_dir() / "sample"
    if not folder.exists():
        log.warning("no sample catalogue at %s", folder)
        return False
    try:
        with exclusive(database.url, "catalog-sample"):
            # Another worker may have imported it while this one waited for the lock.
            if service_count(database):
                return False
            import_path(database, folder, source="sample")
            return True
    except IntegrityError:
        log.info("sample catalogue imported by another process meanwhile")
        return False
