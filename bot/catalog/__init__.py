"""The service catalogue: import Open Referral (HSDS) datasets, keep them in the database, search them in memory.

    report = import_path(database, "path/to/dataset")       # HSDS 3.0 JSON or CSV, HSDS 2.x CSV, or a .zip
    catalog = Catalog.load(database)                         # every active service, indexed
    matches = catalog.search("help paying my electric bill", need="utilities", language="en")
"""
from bot.catalog.errors import CatalogError, CatalogImportError, TaxonomyMapError
from bot.catalog.importer import ImportReport, ensure_sample, import_path
from bot.catalog.schedule import OpeningRule
from bot.catalog.search import Catalog
from bot.catalog.service import Match, Service
from bot.catalog.taxonomy import CATEGORIES

__all__ = [
    "CATEGORIES", "Catalog", "CatalogError", "CatalogImportError", "ImportReport", "Match", "OpeningRule",
    "Service", "TaxonomyMapError", "ensure_sample", "import_path",
]
