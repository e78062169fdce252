"""Dates written in French text, and the date of a published document.

A deliberation adopted in 2016 and one adopted last year are not the same evidence: each document a
check cites is dated, saying how — the date its own text states (« Séance du 12 novembre 2024 »,
« Fait et délibéré le… », « établie le… », « L'an deux mille vingt-quatre, le douze novembre »), else
the creation date in its metadata, else the Last-Modified its server sent. The text's date is read only
after a phrase that dates the document itself, never a date it cites (« Vu la délibération du… »).
Phrases: checks/data/dates.yaml.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from checks.base import fold, load_data
from ground.observations import Document

_D = load_data("dates.yaml")
MONTHS: list[str] = _D["months"]  # folded: janvier … decembre
_M = "|".join(MONTHS)
# Most precise first: "12 mars 2024" / "1er mars 2024", "12/03/2024", "mars 2024", "en 2024".
_DATES = [
    ("day", re.compile(rf"\b(1er|\d{{1,2}})\s+({_M})\s+((?:19|20)\d\d)\b")),
    ("num", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")),
    ("month", re.compile(rf"\b({_M})\s+((?:19|20)\d\d)\b")),
    ("year", re.compile(r"\ben\s+((?:19|20)\d\d)\b")),
]


def find_date(folded: str, start: int = 0, end: int | None = None) -> tuple[str, date, int, int] | None:
    """(ISO text as precise as written, last day it may mean, start, end) of the first date written in
    figures in folded[start:end] (folded: checks.base.fold)."""
    end = len(folded) if end is None else end
    best = None
    for kind, rx in _DATES:
        m = rx.search(folded, start, end)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    if best is None:
        return None
    kind, m = best
    try:
        if kind == "day":
            d = 1 if m.group(1) == "1er" else int(m.group(1))
            day = date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, d)
            return day.isoformat(), day, m.start(), m.end()
        if kind == "num":
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return day.isoformat(), day, m.start(), m.end()
        if kind == "month":
            y, mo = int(m.group(2)), MONTHS.index(m.group(1)) + 1
            return f"{y}-{mo:02d}", date(y, mo, calendar.monthrange(y, mo)[1]), m.start(), m.end()
        y = int(m.group(1))
        return str(y), date(y, 12, 31), m.start(), m.end()
    except ValueError:  # 31/02/2024 and the like
        return None


# --- numbers written in words (« L'an deux mille vingt-quatre, le douze novembre ») ---------------------

_UNITS = ["zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _words_below_100() -> dict[str, int]:
    """Every spelling of 1…99 in French words: hyphens or spaces, « et un », 1990 and 2016 spellings."""
    out: dict[str, int] = {}

    def add(n: int, text: str) -> None:
        for variant in {text, text.replace("-", " ")}:
            out[variant] = n

    for n in range(1, 20):
        add(n, _UNITS[n])
    for n in range(20, 100):
        tens, unit = divmod(n, 10)
        if n < 70:
            base, rest = _TENS[tens * 10], unit
        elif n < 80:
            base, rest = "soixante", n - 60
        else:
            base, rest = "quatre-vingt", n - 80
        if rest == 0:
            add(n, base + ("s" if n == 80 else ""))
            if n == 80:
                add(n, base)
        elif rest in (1, 11) and n < 80:
            add(n, f"{base} et {_UNITS[rest]}")
            add(n, f"{base}-et-{_UNITS[rest]}")
        else:
            add(n, f"{base}-{_UNITS[rest]}")
    out["premier"] = 1
    return out


_WORDS = _words_below_100()
_NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
# « L'an deux mille vingt-quatre (2024), le douze novembre » / « l'an deux mil seize, le 3 mars ».
_WRITTEN = re.compile(
    rf"\bl'an (?:de grace )?(deux mil(?:le)?|mil(?:le)? neuf cents?)(?:[ -]({_NUMBER_WORDS}))?\b[^,\n]{{0,12}},?\s+"
    rf"(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    rf"(1er|\d{{1,2}}|{_NUMBER_WORDS})\s+({_M})\b")


def find_written_date(folded: str, start: int = 0, end: int | None = None) -> tuple[str, int, int] | None:
    """(ISO date, start, end) of the first date written out in words as deliberations open:
    « L'an deux mille vingt-quatre, le douze novembre »."""
    m = _WRITTEN.search(folded, start, len(folded) if end is None else end)
    if m is None:
        return None
    year = (2000 if m.group(1).startswith("deux") else 1900) + (_WORDS.get(m.group(2), 0) if m.group(2) else 0)
    raw_day = m.group(3)
    day = 1 if raw_day == "1er" else int(raw_day) if raw_day.isdigit() else _WORDS.get(raw_day, 0)
    try:
        return date(year, MONTHS.index(m.group(4)) + 1, day).isoformat(), m.start(), m.end()
    except ValueError:
        return None


# --- the date of a document ----------------------------------------------------------------------------

# Phrases that date the document itself, strongest first (checks/data/dates.yaml).
ANCHORS: list[re.Pattern] = [re.compile(p) for p in _D["anchors"]]
ANCHOR_REACH = int(_D["anchor_reach"])  # characters after a phrase in which its date must start
CITING = re.compile(_D["citing"])  # a line citing an earlier act: its dates are not the document's
SOURCES = {"texte": "date lue dans le texte", "metadonnees": "date de création dans les métadonnées du fichier",
           "last_modified": "date de dernière modification envoyée par le serveur (Last-Modified)"}


@dataclass(frozen=True)
class DocumentDate:
    value: str  # ISO, as precise as known: 2024-11-12, 2024-11 or 2024
    source: str  # a key of SOURCES
    page: int | None = None  # where the text states it
    snippet: str = ""  # the words that state it

    def said(self) -> str:
        """« 2024-11-12 (date lue dans le texte, page 2) »."""
        where = f", page {self.page}" if self.source == "texte" and self.page is not None else ""
        return f"{self.value} ({SOURCES[self.source]}{where})"


def _cites(folded: str, at: int) -> bool:
    """Whether the line holding folded[at] cites an earlier act (« Vu la délibération du… »)."""
    line_start = max(folded.rfind("\n", 0, at), 0)
    return bool(CITING.match(folded, line_start + (folded[line_start] == "\n")))


def text_date(text: str) -> tuple[str, int, int] | None:
    """(ISO date, start, end) the text gives for its own adoption, signature or establishment: after the
    strongest phrase found that dates it; None if no such phrase is followed by a date."""
    folded = fold(text)
    for anchor in ANCHORS:
        for m in anchor.finditer(folded):
            if _cites(folded, m.start()):
                continue
            # The window reaches past the reach so that a date starting inside it is read whole.
            found = find_date(folded, m.end(), min(len(folded), m.end() + ANCHOR_REACH + 20))
            if found is not None and found[2] - m.end() <= ANCHOR_REACH:
                return found[0], m.start(), found[3]
    written = find_written_date(folded)
    return written if written and not _cites(folded, written[1]) else None


def document_date(doc: Document) -> DocumentDate | None:
    """The date of a document: stated in its text (first page that states one), else its metadata's
    creation date, else the server's Last-Modified; None if none is known."""
    for number, text in doc.text:
        found = text_date(text)
        if found is not None:
            value, start, end = found
            return DocumentDate(value, "texte", number, text[start:end].strip())
    if doc.created:
        return DocumentDate(doc.created, "metadonnees")
    if doc.last_modified:
        return DocumentDate(doc.last_modified, "last_modified")
    return None


def dates_of_documents(evidence, documents: list[str]) -> dict[str, str]:
    """{document URL: « 2024-11-12 (date lue dans le texte, page 2) » or « date inconnue »} for the
    documents cited in `evidence` (Evidence built with `dated=True`), for a signal's details."""
    cited = {}
    for ev in evidence:
        cited.setdefault(ev.url, ev)
    out = {}
    for url in documents:
        ev = cited.get(url)
        if ev is not None and ev.dated and ev.dated_by:
            out[url] = DocumentDate(ev.dated, ev.dated_by, ev.page).said()
        else:
            out[url] = "date inconnue"
    return out
