"""The figures a run's candidates are counted on (chiffres.html, reports/figures.py and reports/national.py):
each reads one signal's value or assessment as the checks wrote it in report.json, and counts a
candidate over the base of those where that signal was established (an unreachable site is neither
« oui » nor « non »). No judgement: the rule of each figure is written here, once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


def _names(value: Any) -> set[str]:
    if isinstance(value, list):
        return {str(v.get("name") if isinstance(v, dict) else v).lower() for v in value}
    return set()


@dataclass(frozen=True)
class Figure:
    key: str  # column of chiffres.csv; its words in the catalogue table « figures_words »
    signal: str
    holds: Callable[[Any, str], bool]  # (value, assessment) → does the candidate have it


FIGURES: tuple[Figure, ...] = (
    Figure("mention_accessibilite", "a11y_mention", lambda v, a: bool(v)),
    Figure("declaration_accessibilite", "a11y_declaration", lambda v, a: isinstance(v, dict) and bool(v.get("url"))),
    Figure("schema_pluriannuel", "a11y_multiyear_plan", lambda v, a: isinstance(v, dict) and bool(v.get("url"))),
    Figure("https", "https",
           lambda v, a: isinstance(v, dict) and bool(v.get("https")) and bool(v.get("redirection"))),
    # The official e-mail of the directory on the collectivité's own domain: the check
    # `official_email` says so by « favorable » (a consumer provider or another's domain is not).
    # Until a run carries that signal, the figure is « non mesuré ».
    Figure("email_domaine_propre", "official_email", lambda v, a: a == "favorable"),
    Figure("cms_libre", "cms",
           lambda v, a: isinstance(v, dict) and v.get("free") is True),
    Figure("matomo", "analytics",
           lambda v, a: "matomo" in _names(v)),
    Figure("google_analytics", "analytics",
           lambda v, a: "google analytics" in _names(v)),
    Figure("fedivers", "fediverse",
           lambda v, a: bool(v)),
    Figure("formats_ouverts", "open_formats", lambda v, a: a == "favorable"),
    Figure("data_gouv", "datagouv_datasets",
           lambda v, a: isinstance(v, dict) and (v.get("datasets") or 0) > 0),
)
BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}


def candidate_name(report: dict[str, Any]) -> str:
    candidate = report.get("candidate") or {}
    return str(candidate.get("name") or candidate.get("id") or "")


def find_signal(report: dict[str, Any], signal_id: str) -> dict[str, Any] | None:
    return next((s for s in report.get("signals") or [] if s.get("id") == signal_id), None)


@dataclass
class Tally:
    """One figure over some candidates: those who have it, the base, those where it was not established,
    and whether any candidate's report carries the signal at all (`measured`: else « non mesuré »)."""
    yes: list[str]
    base: list[str]
    unknown: list[str]
    measured: bool

    @property
    def share(self) -> float | None:
        return len(self.yes) / len(self.base) if self.base else None


ABSENT, UNKNOWN, YES, NO = "absent", "inconnu", "oui", "non"


def state(fig: Figure, sig: dict[str, Any] | None) -> str:
    """One candidate for one figure: its signal absent from the report, not established (« inconnu »),
    established and holding the figure (« oui ») or not (« non »)."""
    if sig is None:
        return ABSENT
    if sig.get("assessment") == "inconnu":
        return UNKNOWN
    return YES if fig.holds(sig.get("value"), sig.get("assessment")) else NO


def tally(fig: Figure, reports: Iterable[dict[str, Any]]) -> Tally:
    """Count `fig` over `reports`: the base holds the candidates whose signal is established (not
    « inconnu »); a report without the signal is counted as not established."""
    out = Tally([], [], [], False)
    for report in reports:
        add(out, state(fig, find_signal(report, fig.signal)), candidate_name(report))
    return out


def add(t: Tally, st: str, name: str) -> None:
    """Count one candidate's state into a tally."""
    t.measured = t.measured or st != ABSENT
    if st in (ABSENT, UNKNOWN):
        t.unknown.append(name)
        return
    t.base.append(name)
    if st == YES:
        t.yes.append(name)
