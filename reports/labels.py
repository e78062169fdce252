"""Words for the keys of a signal's details (report.json `details`), so that no identifier reaches a reader:
`pages_par_theme` is shown « pages par thème » / "pages per theme" (catalogue table « details »). Keys
that are data (a product's name, a host, a URL) are shown as they are. Every key the checks write has
its words: a test runs the demo world and fails on a key without them.
"""
from __future__ import annotations

from reports.catalogues import catalogue

# key: (French, English), from the catalogues' table « details ».
_FR, _EN = catalogue("details", "fr"), catalogue("details", "en")
DETAIL_LABELS: dict[str, tuple[str, str]] = {key: (_FR[key], _EN[key]) for key in _FR}


def detail_label(key: object, lang: str = "fr") -> object:
    """The words for a details key in `lang`, or the key itself when it is data (not in the table)."""
    words = DETAIL_LABELS.get(key) if isinstance(key, str) else None
    if words is None:
        return key
    return words[1] if lang == "en" else words[0]
