"""Locate the data folders (flows, catalog, locales) whether installed or run from a checkout."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding data `name`: inside the wheel when installed, else the repository's."""
    installed = PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


def flows_dir() -> Path:
    """Return the folder of flow definitions."""
    return data_dir("flows")


def catalog_dir() -> Path:
    """Return the folder of catalogue data (taxonomy mapping, sample catalogue)."""
    return data_dir("catalog")


def locales_dir() -> Path:
    """Return the folder of gettext catalogues."""
    return data_dir("locales")
