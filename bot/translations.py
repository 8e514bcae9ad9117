"""Keep the gettext catalogues in step with the code and flows (extract, update, check)."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n import LANGUAGES, po_path
from bot.paths import PACKAGE_DIR

#: Function names whose string arguments are messages (and which argument).
KEYWORDS = {"t": None, "N_": None, "gettext": (2,), "_": None, "tr": None}
#: Which files hold messages, and how to read them (the console's templates with Jinja's own extractor).
METHOD_MAP = [("bot/**.py", "python"), ("flows/**.yaml", "bot.engine.extract:extract_flows"),
              ("bot/templates/**.html", "jinja2.ext:babel_extract")]
#: Options for the template extractor: the i18n extension's new-style gettext.
OPTIONS_MAP = {"bot/templates/**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}


def source_root() -> Path:
    """Return the checkout holding bot/ and flows/: the current folder if it is one, else the package's parent."""
    cwd = Path.cwd()
    if (cwd / "bot").is_dir() and (cwd / "flows").is_dir():
        return cwd
    return PACKAGE_DIR.parent


def extract(root: Path | None = None) -> Catalog:
    """Extract every message from the code and the flow files of a checkout into a template catalogue."""
    catalog = Catalog(project="Passerelle", fuzzy=False)
    root = root or source_root()
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), METHOD_MAP, options_map=OPTIONS_MAP, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        if filename.startswith(("bot/_data", "tests")):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update_catalogues(root: Path | None = None) -> list[str]:
    """Merge freshly extracted messages into each language's .po; new ones arrive untranslated."""
    root = root or source_root()
    folder = root / "locales"
    report = []
    for language in LANGUAGES:
        # A fresh template each time: Catalog.update shares message objects with the template.
        template = extract(root)
        path = po_path(language, folder)
        if path.exists():
            with path.open("rb") as po_file:
                catalog = read_po(po_file, locale=language)
        else:
            catalog = Catalog(locale=language, project="Passerelle")
        catalog.update(template, update_header_comment=False)
        if language == "en":
            # English is the source language: its msgstr is the msgid.
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=0, omit_header=False, sort_output=False, ignore_obsolete=True)
        path.write_bytes(buffer.getvalue())
        untranslated = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        report.append(f"{language}: {len(catalog)} messages, {untranslated} to translate ({path})")
    return report


def missing_translations(root: Path | None = None) -> list[tuple[str, str]]:
    """Return (language, msgid) for every extracted message without a reviewed translation."""
    root = root or source_root()
    template = extract(root)
    missing = []
    for language in LANGUAGES:
        path = po_path(language, root / "locales")
        translated = {}
        if path.exists():
            with path.open("rb") as po_file:
                for message in read_po(po_file, locale=language):
                    if message.id and message.string and not message.fuzzy:
                        translated[message.id] = message.string
        missing += [(language, m.id) for m in template if m.id and m.id not in translated]
    return missing
