"""The words of the views, in gettext message catalogues read through Babel:
reports/locale/<lang>/LC_MESSAGES/tnl.po, one per language, edited with any PO tool (Poedit,
Weblate…). A message's context (msgctxt) is its table (« report », « overview », « diff »,
« details »…), its msgid a stable key (`levels_title`), its msgstr the text; a plural message has
its CLDR forms (msgstr[0] « one », the last « other »), read as {"one": …, "other": …}; a key with a dot (`cause.site`) makes a nested table.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tnl"
PLURAL_SUFFIX = "#plural"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=4)
def _messages(lang: str) -> tuple:
    with open(po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    return tuple(m for m in catalog if m.id)


@lru_cache(maxsize=64)
def _table(table: str, lang: str) -> tuple[tuple[str, Any], ...]:
    items = []
    for msg in _messages(lang):
        if msg.context != table:
            continue
        if isinstance(msg.id, tuple):
            # Babel's plural forms follow CLDR's categories: « one » first, « other » last (French
            # has « many » between them, for millions: reports.i18n.plural takes « other » there).
            items.append((msg.id[0], {"one": msg.string[0], "other": msg.string[-1]}))
        else:
            items.append((msg.id, msg.string))
    return tuple(items)


def catalogue(table: str, lang: str, nested: bool = True) -> dict[str, Any]:
    """The messages of one table in one language, in the catalogue's order (a fresh dict); with
    `nested`, a key `a.b` is the entry b of the table a (texts as keys, such as the table « values »,
    are read with nested=False)."""
    out: dict[str, Any] = {}
    for key, text in _table(table, lang):
        if nested and "." in key:
            outer, inner = key.split(".", 1)
            out.setdefault(outer, {})[inner] = text
        else:
            out[key] = dict(text) if isinstance(text, dict) else text
    if not out:
        raise LookupError(f"table de messages « {table} » absente de {po_path(lang)}")
    return out
