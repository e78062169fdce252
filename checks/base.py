"""What every check declares (Lighthouse-style meta) and small helpers to build evidence."""
from __future__ import annotations

import re
from datetime import datetime, timezone
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from tnl.model import DEFAVORABLE, DOMAINS, FAVORABLE, NEUTRE, Evidence, Signal, truncate
from tnl.observe import ApiResponse, Document, Observations, Page

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CheckMeta:
    id: str
    domain: str
    title: str  # French, shown as the signal's heading
    description: str  # French: what it measures and why it matters for the label
    evidence: str  # French: what counts as evidence
    outcomes: tuple[str, ...]  # the closed set of assessments this check can give
    # English for `--lang en` reports (empty: the French text is shown); the French stays canonical.
    title_en: str = ""
    description_en: str = ""

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"{self.id}: unknown domain {self.domain}")


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: Callable[[Observations], Signal]


def signal(meta: CheckMeta, value: Any, assessment: str, display: str, *,
           evidence: list[Evidence] | None = None, details: dict | None = None,
           reason: str | None = None) -> Signal:
    if assessment not in meta.outcomes:
        raise ValueError(f"{meta.id}: outcome {assessment!r} not declared in {meta.outcomes}")
    return Signal(id=meta.id, domain=meta.domain, value=value, assessment=assessment, display=display,
                  evidence=evidence or [], details=details or {}, reason=reason)


def page_evidence(page: Page, snippet: str) -> Evidence:
    return Evidence(url=page.url, fetched_at=page.fetched_at, http_status=page.status,
                    snippet=truncate(snippet), sha256=page.sha256, record_id=page.record_id)


def document_evidence(doc: Document, snippet: str) -> Evidence:
    return Evidence(url=doc.url, fetched_at=doc.fetched_at or "", http_status=doc.status,
                    snippet=truncate(snippet), sha256=doc.sha256, record_id=doc.record_id)


def api_evidence(resp: ApiResponse, snippet: str) -> Evidence:
    return Evidence(url=resp.url, fetched_at=resp.fetched_at, http_status=resp.status,
                    snippet=truncate(snippet), sha256=resp.sha256, record_id=resp.record_id)


class _FoldTable(dict):
    """Code point -> its folded character, computed once per distinct character (for str.translate)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "\u00a0\u202f\u2007\u2009\u200a\t\r\n":
            out = " "
        elif ch in "\u2019\u2018\u02bc`´":
            out = "'"
        else:
            base = unicodedata.normalize("NFKD", ch)[0]
            out = base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or " "
        self[code] = out
        return out


# One table for the process: fold() runs over every page's text in several checks, so the
# per-character work (NFKD) is done once per distinct character, then str.translate runs in C.
_FOLD = _FoldTable()


# Characters fold() must map after lower(): anything outside printable ASCII, and the backtick.
_SPECIAL = re.compile(r"[^\x20-\x5f\x61-\x7e]")


def _fold_char(match: re.Match) -> str:
    return _FOLD[ord(match.group())]


@lru_cache(maxsize=512)  # several checks fold the same page text: once per text is enough
def fold(text: str) -> str:
    """Case- and accent-insensitive form, with every kind of space and apostrophe made plain.

    Keeps one character per input character, so match offsets map back to the original text.
    Fast path: lower() in C, then only the few non-ASCII characters are looked up.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text or "\u03f9" in text:
        # Rare characters whose lower case is longer (İ) or depends on context (Greek sigma).
        return text.translate(_FOLD)
    return _SPECIAL.sub(_fold_char, lowered)


def context(text: str, start: int, end: int, width: int = 80) -> str:
    """The matched text with some of what surrounds it, for a readable snippet."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def unreachable_reason(obs: Observations) -> str | None:
    """Why nothing could be read from the websites, or None if at least one page was read."""
    if obs.pages:
        return None
    errors = [f"{s.url} : {s.error}" for s in obs.sites if s.error]
    return "aucune page lue — " + ("; ".join(errors) if errors else "site non atteint")


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def grade(share: float, favorable_at: float, neutral_at: float) -> str:
    """The assessment of a share: favourable from `favorable_at`, neutral from `neutral_at`."""
    if share >= favorable_at:
        return FAVORABLE
    if share >= neutral_at:
        return NEUTRE
    return DEFAVORABLE


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time (with or without zone) as an aware UTC datetime, or None."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def compile_patterns(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None
