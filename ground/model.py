"""Shared data types: every stage (crawler, checks, reports) speaks these."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

# The label's five domains, in the jury's order. Ids are stable; titles are French.
DOMAINS: dict[str, str] = {
    "strategie": "Stratégie et mutualisation",
    "interop_accessibilite": "Interopérabilité et accessibilité",
    "logiciels_libres": "Logiciels et systèmes libres",
    "communication": "Communication et écosystème du libre",
    "open_data": "Ouverture des données publiques",
}

# Closed set of outcomes for a signal (http-observatory style).
FAVORABLE = "favorable"
DEFAVORABLE = "defavorable"
NEUTRE = "neutre"
INCONNU = "inconnu"
ASSESSMENTS = (FAVORABLE, DEFAVORABLE, NEUTRE, INCONNU)

SNIPPET_MAX = 300  # evidence is truncated, as http-observatory does, to code against hostile pages


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def truncate(text: str | None, limit: int = SNIPPET_MAX) -> str:
    """Collapse whitespace and cut to `limit` characters (with an ellipsis)."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Evidence:
    """The proof behind a signal: where, when, what was read, and its hash."""

    url: str
    fetched_at: str  # ISO 8601, UTC, as written in the WARC record
    http_status: int | None
    snippet: str  # the exact text, tag or header that shows it (truncated)
    sha256: str | None  # SHA-256 of the response body as archived
    record_id: str | None = None  # WARC-Record-ID of the response record
    page: int | None = None  # in a document: the page the snippet was read on (PDF page, slide)
    # A document's date and how it is known (checks/dates.py): "2024-11-12", "texte" | "metadonnees" |
    # "last_modified".
    dated: str | None = None
    dated_by: str | None = None
    # Read by the rendered pass (--render): what a browser made of the page (its record is a
    # `urn:tnl:render:` resource), not the page as served.
    rendered: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("page", "dated", "dated_by", "rendered"):
            if data[key] is None:  # pages of a website have none: report.json keeps its shape
                del data[key]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Evidence":
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


@dataclass
class Signal:
    """One objective, sourced observation about a candidate, with its assessment."""

    id: str
    domain: str
    value: Any  # JSON-serialisable
    assessment: str  # one of ASSESSMENTS
    display: str  # the value in French words, for the reader
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None  # why it is `inconnu`, or any caveat
    # Where a determined absence was looked for: {"pages": N, "documents": M} read for this signal, so
    # that a verdict without evidence still says what the jury can check (None: not a search).
    searched: dict[str, int] | None = None

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"unknown domain {self.domain!r} for signal {self.id!r}")
        if self.assessment not in ASSESSMENTS:
            raise ValueError(f"unknown assessment {self.assessment!r} for signal {self.id!r}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        """A signal from its report.json entry (the report's extra keys, title and description, are
        left aside): the inverse of to_dict. An unknown domain or assessment raises ValueError."""
        return cls(id=data["id"], domain=data["domain"], value=data.get("value"), assessment=data["assessment"],
                   display=data.get("display") or "",
                   evidence=[Evidence.from_dict(e) for e in data.get("evidence") or []],
                   details=dict(data.get("details") or {}), reason=data.get("reason"), searched=data.get("searched"))
