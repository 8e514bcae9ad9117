"""Benchmark catalogue import and search at 1k, 10k and 100k services (the Miami-Dade 211 directory replicated).

For each size: replicate the directory with distinct ids, import it into a temporary SQLite database (timed),
load the in-memory catalogue (timed), then run a fixed set of realistic requests (English and French, with and
without a need) through the index and through the exhaustive scan, and print latency percentiles for both
and how well the index agrees with the scan.

    python benchmarks/search_bench.py                    # 1k, 10k, 100k
    python benchmarks/search_bench.py --sizes 1000,10000 --repeat 5
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import logging
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalog import Catalog, import_path  # noqa: E402
from bot.db import Database  # noqa: E402

MIAMI = ROOT / "tests" / "data" / "hsds" / "miami-open211-2019"

#: Tables copied, and the columns in each that hold ids (suffixed per copy so every copy is distinct).
ID_COLUMNS = {
    "services.csv": ("id", "organization_id"),
    "organizations.csv": ("id",),
    "locations.csv": ("id", "organization_id"),
    "services_at_location.csv": ("id", "service_id", "location_id"),
    "physical_addresses.csv": ("id", "location_id", "organization_id"),
    "phones.csv": ("id", "location_id", "service_id", "organization_id", "service_at_location_id"),
    "regular_schedules.csv": ("id", "service_id", "location_id", "service_at_location_id"),
    "languages.csv": ("id", "service_id", "location_id"),
    "services_taxonomy.csv": ("id", "service_id"),
}

#: Requests as people text them: (text, language, need from triage or None).
REQUESTS = [
    ("help paying my electric bill", "en", None),
    ("outpatient drug rehab", "en", None),
    ("free pregnancy test", "en", None),
    ("emergency shelter tonight", "en", "shelter"),
    ("food pantry", "en", None),
    ("I need a place to sleep tonight", "en", "shelter"),
    ("food bank near me", "en", "food"),
    ("hot meal", "en", None),
    ("rent assistance", "en", "housing"),
    ("I got an eviction notice", "en", "housing"),
    ("bus pass", "en", "transport"),
    ("need a ride to my doctor appointment", "en", "transport"),
    ("car repair so I can get to work", "en", "transport"),
    ("help finding a job", "en", "employment"),
    ("resume help", "en", "employment"),
    ("apply for food stamps", "en", "income"),
    ("social security disability", "en", "income"),
    ("free tax preparation", "en", "income"),
    ("water bill shut off", "en", "utilities"),
    ("phone bill help", "en", "utilities"),
    ("dentist", "en", "health"),
    ("free clinic", "en", "health"),
    ("eye glasses", "en", "health"),
    ("prescription help", "en", "health"),
    ("feeling depressed", "en", "mental_health"),
    ("counseling for anxiety", "en", "mental_health"),
    ("suicide hotline", "en", "mental_health"),
    ("detox", "en", "substance_use"),
    ("alcohol treatment", "en", "substance_use"),
    ("gambling addiction", "en", "substance_use"),
    ("legal aid", "en", "legal"),
    ("immigration lawyer", "en", "legal"),
    ("replace my birth certificate", "en", "legal"),
    ("domestic violence shelter", "en", "family_violence"),
    ("my partner hits me", "en", "family_violence"),
    ("daycare", "en", "childcare"),
    ("diapers and formula", "en", "childcare"),
    ("after school program", "en", "childcare"),
    ("winter coat", "en", "clothing"),
    ("clothes for a job interview", "en", "clothing"),
    ("child care", "en", None),
    ("health clinic", "en", None),
    ("elecrtic bil", "en", None),
    ("shelter for women", "en", None),
    ("j'ai besoin d'aide pour payer ma facture d'électricité", "fr", "utilities"),
    ("refuge pour ce soir", "fr", "shelter"),
    ("j'ai faim", "fr", "food"),
    ("banque alimentaire", "fr", None),
    ("aide pour payer mon loyer", "fr", "housing"),
    ("je vais être expulsé de mon logement", "fr", "housing"),
    ("passe d'autobus", "fr", "transport"),
    ("mes pneus sont finis et j'ai besoin de l'auto pour travailler", "fr", "transport"),
    ("je cherche un emploi", "fr", "employment"),
    ("aide sociale", "fr", "income"),
    ("impôts gratuits", "fr", "income"),
    ("chauffage coupé", "fr", "utilities"),
    ("dentiste", "fr", "health"),
    ("médecin sans carte", "fr", "health"),
    ("je suis déprimé", "fr", "mental_health"),
    ("désintox", "fr", "substance_use"),
    ("avocat gratuit", "fr", "legal"),
    ("violence conjugale", "fr", "family_violence"),
    ("garderie", "fr", "childcare"),
    ("couches pour bébé", "fr", "childcare"),
    ("vêtements d'hiver", "fr", "clothing"),
    ("test de grossesse gratuit", "fr", None),
    ("soupe populaire", "fr", None),
    ("hébergement d'urgence", "fr", None),
]

#: The moment searches are made at: a Monday afternoon, so open-now matters.
WHEN = dt.datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("America/Edmonton"))
LIMIT = 5


def replicate(source: Path, target: Path, services: int) -> int:
    """Write an HSDS 2 package of `services` services into `target`, copies of `source` with distinct ids."""
    target.mkdir(parents=True, exist_ok=True)
    with open(source / "services.csv", encoding="utf-8", newline="") as handle:
        per_copy = sum(1 for _ in csv.DictReader(handle))
    copies = -(-services // per_copy)
    for name, id_columns in ID_COLUMNS.items():
        with open(source / name, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows, fields = list(reader), reader.fieldnames
        written = 0
        with open(target / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for copy in range(copies):
                for row in rows:
                    if name == "services.csv" and written >= services:
                        break
                    if copy:
                        row = {**row, **{column: f"{row[column]}-r{copy}" for column in id_columns if row.get(column)}}
                    writer.writerow(row)
                    written += 1
    (target / "taxonomy.csv").write_bytes((source / "taxonomy.csv").read_bytes())
    return services


def percentile(samples: list[float], share: float) -> float:
    """Return the `share` percentile (0–1) of `samples`, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(size: int, repeat: int, work: Path) -> dict:
    """Import, load and query a catalogue of `size` services; return the figures."""
    package = work / f"miami-{size}"
    replicate(MIAMI, package, size)
    database = Database(f"sqlite:///{work / f'catalog-{size}.sqlite'}")
    database.upgrade()
    started = time.perf_counter()
    report = import_path(database, package, source=f"miami-x{size}")
    import_seconds = time.perf_counter() - started
    assert report.new == size, report
    started = time.perf_counter()
    catalog = Catalog.load(database, "America/Edmonton")
    load_seconds = time.perf_counter() - started

    index_ms, scan_ms, recall, top1, identical = [], [], [], 0, 0
    for text, language, need in REQUESTS:
        options = {"need": need, "language": language, "when": WHEN, "limit": LIMIT}
        for _ in range(repeat):
            started = time.perf_counter()
            indexed = catalog.search(text, **options)
            index_ms.append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        scanned = catalog.search_exhaustive(text, **options)
        scan_ms.append(1000 * (time.perf_counter() - started))
        found = [m.service.id for m in indexed]
        expected = [m.service.id for m in scanned]
        recall.append(len(set(found) & set(expected)) / len(expected) if expected else 1.0)
        top1 += not expected or expected[0] in found
        identical += [(m.service.id, m.score) for m in indexed] == [(m.service.id, m.score) for m in scanned]
    database.engine.dispose()
    return {
        "size": size, "import_s": import_seconds, "load_s": load_seconds,
        "index_p50": percentile(index_ms, 0.50), "index_p99": percentile(index_ms, 0.99),
        "index_max": max(index_ms), "scan_p50": percentile(scan_ms, 0.50), "scan_p99": percentile(scan_ms, 0.99),
        "recall": statistics.mean(recall), "top1": top1 / len(REQUESTS), "identical": identical / len(REQUESTS),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv=None) -> int:
    """Run the benchmark and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="index runs per request (the scan runs once)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{len(REQUESTS)} requests ({sum(1 for r in REQUESTS if r[1] == 'fr')} in French, "
          f"{sum(1 for r in REQUESTS if r[2])} with a need), top {LIMIT}, index x{arguments.repeat}, scan x1")
    print(f"{'services':>8} {'import s':>8} {'load s':>7} | {'index p50':>9} {'p99':>6} {'max':>6} | "
          f"{'scan p50':>8} {'p99':>6} | {'recall@5':>8} {'top1 in 5':>9} {'same list':>9} | {'max RSS':>7}")
    with tempfile.TemporaryDirectory(prefix="passerelle-bench-") as work:
        for size in sizes:
            figures = run(size, arguments.repeat, Path(work))
            print(f"{figures['size']:>8} {figures['import_s']:>8.1f} {figures['load_s']:>7.1f} | "
                  f"{figures['index_p50']:>7.2f}ms {figures['index_p99']:>6.2f} {figures['index_max']:>6.2f} | "
                  f"{figures['scan_p50']:>6.1f}ms {figures['scan_p99']:>6.1f} | {figures['recall']:>8.3f} "
                  f"{figures['top1']:>9.3f} {figures['identical']:>9.3f} | {figures['rss_mb']:>5.0f}MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
