"""report.json `render`: what the rendered pass did for a candidate (facts only; the judgements are the
rendered signals, checks/rendered_third_parties.py and its siblings).

The sample and its seed, page by page what the browser loaded (third-party hosts, cookies, storage keys),
the indicative axe grade per page (checks/axe_rgaa.py), the consent visit and what accepting added, the
pages whose text checks read the rendered DOM; each page's screenshot is written next to report.html
(rendu/<n>.png) from its WARC record, so that the report shows it without the archive's reader.
"""
from __future__ import annotations

from pathlib import Path

from checks.axe_rgaa import AxeResultsError, page_summary
from checks.rendered_pages import own, third_party_host
from ground.observations import Observations
from ground.rendered import consent_visits, first_visits

SCREENSHOTS = "rendu"


def _hosts(rendering: dict, own_sites: set[str], after_consent: bool | None = None) -> list[str]:
    """The third parties' hosts a visit asked (the candidate's own domains apart, as the signals count)."""
    page = rendering.get("final_url") or rendering.get("url") or ""
    return sorted({host for r in rendering.get("requests") or []
                   if (after_consent is None or bool(r.get("after_consent")) == after_consent)
                   and (host := third_party_host(r.get("url", ""), page, own_sites))})


def _axe(rendering: dict) -> tuple[int | None, str | None]:
    if not rendering.get("axe"):
        return None, None
    try:
        summary = page_summary(rendering["url"], rendering["axe"])
    except AxeResultsError:
        return None, None
    violations = summary.get("violations")
    count = len(violations) if isinstance(violations, list) else violations
    return count, summary.get("grade")


def render_section(obs: Observations, directory: Path | None) -> dict | None:
    """The `render` key of report.json, or None without --render (the report keeps its shape)."""
    meta = obs.render
    if not meta and not obs.renderings:
        return None
    reasons = {item.get("url"): item.get("reasons") or [] for item in meta.get("sample") or []}
    own_sites = own(obs)
    pages = []
    for number, r in enumerate(first_visits(obs.renderings), 1):
        shot = None
        if r.get("screenshot") and directory is not None:
            folder = Path(directory) / SCREENSHOTS
            folder.mkdir(exist_ok=True)
            (folder / f"{number}.png").write_bytes(r["screenshot"])
            shot = f"{SCREENSHOTS}/{number}.png"
        violations, grade = _axe(r)
        storage = r.get("storage") or {}
        pages.append({
            "url": r.get("url"), "reasons": reasons.get(r.get("url"), []), "status": r.get("status"),
            "final_url": r.get("final_url"), "error": r.get("error"), "rendered_at": r.get("rendered_at"),
            "requests": len(r.get("requests") or []) + int(r.get("requests_dropped") or 0),
            "third_party_hosts": _hosts(r, own_sites),
            "cookies": sorted({c.get("name") for c in r.get("cookies") or [] if c.get("name")}),
            "storage_keys": sorted({k for part in ("localStorage", "sessionStorage") for k in storage.get(part) or []}),
            "screenshot": shot, "record_id": (r.get("record_ids") or {}).get("facts"),
            "sha256": (r.get("sha256") or {}).get("facts"),
            "axe_violations": violations, "axe_grade": grade, "axe_error": r.get("axe_error"),
        })
    consent = None
    for r in consent_visits(obs.renderings)[:1]:
        c = r.get("consent") or {}
        before = {x.get("name") for x in c.get("cookies_before") or []}
        consent = {"url": r.get("url"), "manager": c.get("manager"), "clicked": bool(c.get("clicked")),
                   "error": c.get("error"),
                   # what accepting added: not what the same visit had asked before the click (a page that
                   # reloads itself after the choice asks everything again)
                   "added_hosts": sorted(set(_hosts(r, own_sites, after_consent=True))
                                         - set(_hosts(r, own_sites, after_consent=False))
                                         - {h for f in first_visits(obs.renderings) if f.get("url") == r.get("url")
                                            for h in _hosts(f, own_sites)}),
                   "added_cookies": sorted({x.get("name") for x in r.get("cookies") or []} - before - {None}),
                   "record_id": (r.get("record_ids") or {}).get("facts")}
    return {
        "seed": meta.get("seed"), "sample": meta.get("sample") or [], "pages_max": meta.get("pages_max"),
        "random": meta.get("random"), "started_at": meta.get("started_at"), "finished_at": meta.get("finished_at"),
        "seconds": meta.get("seconds"), "browser": meta.get("browser"), "axe_version": meta.get("axe_version"),
        "errors": meta.get("errors") or [], "pages": pages, "consent": consent,
        "rendered_text": [{k: v for k, v in t.items()} for t in meta.get("rendered_text") or []],
    }
