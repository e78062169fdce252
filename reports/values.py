"""The values and reasons the checks write (report.json `display`, `reason`: French, the canonical
words) as an English view shows them. Their templates are in the catalogues (table « values »: the
French template as msgid, its English twin as msgstr, gettext's source-language style): a text is
matched against the French templates, the most specific first, and its parts (a list of themes, a
status) are translated in turn. A text no template matches is shown as it is.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reports.catalogues import catalogue

_FIELD = re.compile(r"\{(\w+)\}")
_FRENCH_DECIMAL = re.compile(r"^(\d+),(\d+)$")
_JOINED = re.compile(r"(?<! ); ")


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[re.Pattern, str, str], ...]:
    compiled = []
    for french, english in catalogue("values", "en", nested=False).items():
        parts, pos = [], 0
        for m in _FIELD.finditer(french):
            parts.append(re.escape(french[pos:m.start()]))
            parts.append(f"(?P<{m.group(1)}>.+?)")
            pos = m.end()
        parts.append(re.escape(french[pos:]))
        literal = len(_FIELD.sub("", french))
        compiled.append((literal, re.compile("^" + "".join(parts) + "$", re.S), english, french))
    # The most specific first: the longest fixed text.
    compiled.sort(key=lambda c: -c[0])
    return tuple((pattern, english, french) for _, pattern, english, french in compiled)


def _part(text: str) -> str:
    """A field of a matched template: translated whole if it can be, else item by item."""
    m = _FRENCH_DECIMAL.match(text)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    whole = translate(text)
    if whole is not None:
        return whole
    for sep in (" ; ", ", "):
        if sep in text:
            return sep.join(_part(item) for item in text.split(sep))
    return text


@lru_cache(maxsize=4096)
def translate(text: str) -> str | None:
    """The English of a value or reason written by the checks, or None when no template matches."""
    if not isinstance(text, str) or not text:
        return None
    # Several reasons joined by the checks with "; " (a French « ; » has a space before it).
    parts = _JOINED.split(text)
    if len(parts) > 1:
        translated = [translate(part) for part in parts]
        return "; ".join(t or p for t, p in zip(translated, parts)) if any(translated) else None
    for pattern, english, _ in _templates():
        m = pattern.match(text)
        if m:
            return english.format(**{k: _part(v) for k, v in m.groupdict().items()})
    return None


def english(text: object) -> object:
    """`translate`, or the text as it is."""
    if not isinstance(text, str):
        return text
    return translate(text) or text
