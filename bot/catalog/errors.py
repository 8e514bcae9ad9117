"""The catalogue's exceptions.

CatalogError (a PasserelleError)
 ├── CatalogImportError   a dataset can't be read (names the file, the row or record, and the bad value)
 └── TaxonomyMapError     the taxonomy mapping file is malformed (names the file and the entry)
"""
from __future__ import annotations

from bot.errors import PasserelleError


class CatalogError(PasserelleError):
    """Base of the catalogue's errors."""


class CatalogImportError(CatalogError):
    """A dataset can't be imported."""

    def __init__(self, path, record: str | None, message: str):
        self.path, self.record, self.message = str(path), record, message
        where = f"{self.path}: {record}" if record else self.path
        super().__init__(f"{where}: {message}")


class TaxonomyMapError(CatalogError):
    """The taxonomy mapping is malformed."""

    def __init__(self, path, entry: str | None, message: str):
        self.path, self.entry, self.message = str(path), entry, message
        where = f"{self.path}: {entry}" if entry else self.path
        super().__init__(f"{where}: {message}")
