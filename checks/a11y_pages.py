"""Shared helper (not a check): a share of the websites' HTML pages that pass one accessibility test."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from checks.base import CheckMeta, page_evidence, signal, unreachable_reason
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence, Signal
from ground.observations import Observations, Page

MAX_EVIDENCE = 10  # failing pages shown as evidence, worst first


@dataclass(frozen=True)
class Verdict:
    """One page judged by one test: None from the judge means the test does not apply to the page."""

    ok: bool
    snippet: str  # the offending tag / title, or the passing one
    bad_items: int = 0  # e.g. images without alt on this page
    items: int = 0  # e.g. images on this page


def site_pages(obs: Observations) -> list[Page]:
    """The pages of the candidate's websites (the open-data portals are other sites, judged apart)."""
    websites = set(obs.candidate.get("websites", []))
    pages = [p for p in obs.pages if p.site in websites]
    return pages or list(obs.pages)


def share_signal(meta: CheckMeta, obs: Observations, judge: Callable[[Page], Verdict | None], *,
                 favorable: float, unfavorable: float, none_display: str, none_reason: str,
                 item_keys: tuple[str, str] | None = None, what: str = "des pages") -> Signal:
    """Share of applicable pages that pass `judge`: favourable ≥ `favorable`, unfavourable < `unfavorable`.

    No applicable page at all (no image, no form) is `neutre` with `none_reason`.
    """
    if not obs.pages:
        return signal(meta, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages = site_pages(obs)
    judged = [(p, v) for p in pages if (v := judge(p)) is not None]
    details: dict = {"pages_lues": len(pages), "pages_concernees": len(judged)}
    if not judged:
        details.update({"conformes": 0, "non_conformes": 0})
        if item_keys:
            details.update({item_keys[0]: 0, item_keys[1]: 0})
        return signal(meta, None, NEUTRE, none_display, details=details, reason=none_reason,
                      searched={"pages": len(pages)})
    good = [(p, v) for p, v in judged if v.ok]
    bad = [(p, v) for p, v in judged if not v.ok]
    share = round(len(good) / len(judged), 3)
    details.update({"conformes": len(good), "non_conformes": len(bad),
                    "pages_non_conformes": sorted(p.url for p, _ in bad)})
    if item_keys:
        details[item_keys[0]] = sum(v.items for _, v in judged)
        details[item_keys[1]] = sum(v.bad_items for _, v in judged)
    # Worst first: most failing items, then the most visible pages (shallow, homepage first).
    bad.sort(key=lambda pv: (-pv[1].bad_items, pv[0].depth, pv[0].url))
    evidence: list[Evidence] = [page_evidence(p, v.snippet) for p, v in bad[:MAX_EVIDENCE]]
    if not bad or len(evidence) < MAX_EVIDENCE:
        # One passing page, the most visible, shows what "conforme" looked like.
        p, v = min(good, key=lambda pv: (pv[0].depth, pv[0].url), default=(None, None))
        if p is not None:
            evidence.append(page_evidence(p, v.snippet))
    if share >= favorable:
        assessment = FAVORABLE
    elif share < unfavorable:
        assessment = DEFAVORABLE
    else:
        assessment = NEUTRE
    display = f"{round(share * 100)} % {what} ({len(good)} sur {len(judged)})"
    return signal(meta, share, assessment, display, evidence=evidence, details=details)
