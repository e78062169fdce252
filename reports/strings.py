"""The words of the reports, French and English: every reader-facing string of the HTML views, read
from the gettext catalogues (reports/locale/<lang>/LC_MESSAGES/tnl.po, reports/catalogues.py), one
table per view; shared by reports/html.py and reports/overview.py."""
from __future__ import annotations

from typing import Any

from reports.catalogues import catalogue

# --- The words of report.html (catalogue table « report »): French by default, the same keys in
# English (`--lang en`).
UI: dict[str, Any] = catalogue("report", "fr")

UI_EN: dict[str, Any] = catalogue("report", "en")

# Assessment labels (closed set of ground.model.ASSESSMENTS): badge text next to every signal value.
ASSESSMENT_LABELS: dict[str, str] = catalogue("assessments", "fr")
ASSESSMENT_LABELS_EN: dict[str, str] = catalogue("assessments", "en")
# A shape as well as a colour, so the badge reads in black and white and for colour-blind readers.
ASSESSMENT_SYMBOLS: dict[str, str] = {
    "favorable": "✔",
    "defavorable": "✘",
    "neutre": "●",
    "inconnu": "?",
}

# Candidate kinds (ground.candidates.KINDS): shown in the identity block and the overview.
KIND_LABELS: dict[str, str] = catalogue("kinds", "fr")

KIND_LABELS_EN: dict[str, str] = catalogue("kinds", "en")

# Kinds of URL in the crawl index (ground.archive.IndexEntry.kind): errors table.
URL_KIND_LABELS: dict[str, str] = catalogue("url_kinds", "fr")

URL_KIND_LABELS_EN: dict[str, str] = catalogue("url_kinds", "en")

# Claim statuses (checks.claims.STATUSES, French in report.json): badge in the claims table.
CLAIM_STATUS_LABELS: dict[str, str] = catalogue("claim_statuses", "fr")
CLAIM_STATUS_LABELS_EN: dict[str, str] = catalogue("claim_statuses", "en")

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Dates in words: "25 novembre 2026 à 21:00:01 UTC" / "25 November 2026 at 21:00:01 UTC".
DATE_FORMATS = {"fr": "{day} {month} {year} à {time} UTC", "en": "{day} {month} {year} at {time} UTC"}

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
# Every reader-facing table of this module, per language (the templates get the chosen ones).
STRINGS: dict[str, dict[str, Any]] = {
    "fr": {"ui": UI, "assessments": ASSESSMENT_LABELS, "kinds": KIND_LABELS, "url_kinds": URL_KIND_LABELS,
           "claim_statuses": CLAIM_STATUS_LABELS, "months": MONTHS},
    "en": {"ui": UI_EN, "assessments": ASSESSMENT_LABELS_EN, "kinds": KIND_LABELS_EN,
           "url_kinds": URL_KIND_LABELS_EN, "claim_statuses": CLAIM_STATUS_LABELS_EN, "months": MONTHS_EN},
}
# -----------------------------------------------------------------------------------------------
