"""Thousands of small report.json dicts for the national overview's tests and bench (no crawl): the
baseline report of sample_reports.make_report, given a place, an outcome and levels, and stripped
of its evidence as tnl.pipeline.summary strips it for the overview."""
from __future__ import annotations

import copy
from typing import Any

from sample_reports import DOMAINS, make_report

# Codes written by hand (INSEE's), with a commune code of each: metropolitan, Corsica, overseas.
PLACES = [("38", "84", "38185"), ("69", "84", "69123"), ("62", "32", "62041"), ("2A", "94", "2A004"),
          ("974", "04", "97411"), ("29", "53", "29019"), ("75", "11", "75056"), ("13", "93", "13055")]
OUTCOMES = [("or", 3, "label Or (indicatif)"), ("argent", 2, "label Argent (indicatif)"),
            ("bronze", 1, "label Bronze (indicatif)"), ("aucun", 0, "en deçà du palier Bronze (indicatif)"),
            (None, None, "non évaluable : site injoignable")]


def outcome(i: int) -> dict[str, Any]:
    result, rank, display = OUTCOMES[i % len(OUTCOMES)]
    return {"edition": 2025, "scale": "tiers", "track": "label", "status": "evalue" if result else "non_evaluable",
            "result": result, "rank": rank, "display": display, "score": None if result is None else 0.5,
            "mentions": [{"id": "promotion", "title": "Promotion du logiciel libre", "status": "suggeree"}]
            if i % 3 == 0 else []}


def light(report: dict[str, Any]) -> dict[str, Any]:
    """As tnl.pipeline.summary: no evidence, no details."""
    report["signals"] = [{k: v for k, v in s.items() if k not in ("evidence", "details")} for s in report["signals"]]
    return report


def national_report(i: int, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Candidate number i: a commune of one of PLACES (in turn), its outcome and levels in turn. With
    `base`, its signals, domains and crawl are the base's own objects (shared: fast for thousands;
    copy one before changing it)."""
    report = dict(base) if base is not None else light(make_report())
    report["candidate"] = copy.deepcopy(report["candidate"])
    dep, region, insee = PLACES[i % len(PLACES)]
    report["candidate"].update(id=f"commune-{i:05d}", name=f"Commune {i:05d}", siren=f"{200000000 + i:09d}",
                               insee=insee, departement=dep, region=region)
    report["outcome"] = outcome(i)
    report["levels"] = [{"domain": d, "title": t, "level": 1 + (i + k) % 5 if i % 5 != 4 else None,
                         "reason": None if i % 5 != 4 else "site injoignable"} for k, (d, t) in enumerate(DOMAINS)]
    return report


def national_reports(n: int) -> list[dict[str, Any]]:
    base = light(make_report())
    return [national_report(i, base) for i in range(n)]
