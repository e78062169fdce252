"""Year over year: what changed between two runs, per candidate and signal (JSON, and its HTML view)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ground.archive import REPORT_JSON, write_json
from reports.catalogues import catalogue
from reports.html import DEFAULT_LANG, make_env

DIFF_JSON = "diff.json"
DIFF_HTML = "diff.html"
SCHEMA = "tnl-evidence/diff"

# User-facing strings of the diff page (French).
UI_DIFF: dict[str, Any] = catalogue("diff", "fr")

UI_DIFF_EN: dict[str, Any] = catalogue("diff", "en")
UI_DIFF_BY_LANG = {"fr": UI_DIFF, "en": UI_DIFF_EN}


def _load_reports(out: Path) -> dict[str, dict]:
    reports = {}
    for path in sorted(Path(out).glob(f"*/{REPORT_JSON}")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cid = (data.get("candidate") or {}).get("id") or path.parent.name
        reports[cid] = data
    return reports


# Details that change from one run to the next without the site changing: the port of a local proxy
# or test server (`127.0.0.1:41523`, `[::1]:8080`, `localhost:…`) inside an error text, a Python
# object's address (`at 0x7f3a…`). Masked before two runs are compared.
_VOLATILE = (
    (re.compile(r"((?:\b127(?:\.\d{1,3}){3}|\blocalhost|\[::1\]|\b10(?:\.\d{1,3}){3}|\b192\.168(?:\.\d{1,3}){2}))"
                r":\d{2,5}\b"), r"\1:<port>"),
    (re.compile(r"\b0x[0-9a-f]{6,16}\b"), "0x…"),
)


def stable(value: Any) -> Any:
    """A value with its volatile details masked (strings inside lists and dicts too)."""
    if isinstance(value, str):
        for pattern, replacement in _VOLATILE:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [stable(v) for v in value]
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items()}
    return value


def _evidence_key(ev: dict) -> tuple:
    # The same proof is the same URL showing the same thing; its date and hash may change.
    return (ev.get("url"), stable(ev.get("snippet")))


def _signal_diff(old: dict | None, new: dict | None) -> dict | None:
    old, new = old or {}, new or {}
    old_ev = {_evidence_key(e): e for e in old.get("evidence") or []}
    new_ev = {_evidence_key(e): e for e in new.get("evidence") or []}
    added = [new_ev[k] for k in new_ev if k not in old_ev]
    lost = [old_ev[k] for k in old_ev if k not in new_ev]
    changed = (stable(old.get("value")) != stable(new.get("value")) or old.get("assessment") != new.get("assessment"))
    if not (changed or added or lost):
        return None
    return {
        "id": new.get("id") or old.get("id"),
        "title": new.get("title") or old.get("title"),
        # English twin of the title when the reports carry one (for `--lang en` views).
        **({"title_en": t} if (t := new.get("title_en") or old.get("title_en")) else {}),
        "domain": new.get("domain") or old.get("domain"),
        "old": {"value": old.get("value"), "display": old.get("display"), "assessment": old.get("assessment")},
        "new": {"value": new.get("value"), "display": new.get("display"), "assessment": new.get("assessment")},
        "evidence_added": added,
        "evidence_lost": lost,
    }


METHOD_KEYS = ("catalogue_sha256", "rubric_sha256", "edition")


def _method(reports: dict[str, dict]) -> dict | None:
    """The method a run's reports were computed with (the first report's; None for older reports)."""
    for report in reports.values():
        method = report.get("method")
        if isinstance(method, dict):
            return {k: method.get(k) for k in ("tool_version", *METHOD_KEYS)}
    return None


def _outcome(report: dict | None) -> dict | None:
    """A report's outcome as the diff shows it: its words (French and English), edition, result and
    suggested mentions; `key` compares two outcomes (None for reports made before outcomes existed)."""
    outcome = (report or {}).get("outcome")
    if not isinstance(outcome, dict):
        return None
    mentions = [m.get("title") for m in outcome.get("mentions") or [] if m.get("status") == "suggeree"]
    mentions_en = [m.get("title_en") or m.get("title") for m in outcome.get("mentions") or []
                   if m.get("status") == "suggeree"]
    return {"edition": outcome.get("edition"), "track": outcome.get("track"), "result": outcome.get("result"),
            "display": outcome.get("display"), "display_en": outcome.get("display_en"),
            "mentions": mentions, "mentions_en": mentions_en,
            "key": [outcome.get("edition"), outcome.get("track"), outcome.get("result"), sorted(mentions)]}


def compute_diff(old_out: Path, new_out: Path) -> dict[str, Any]:
    old_reports, new_reports = _load_reports(old_out), _load_reports(new_out)
    old_method, new_method = _method(old_reports), _method(new_reports)
    # Changed, the same, or not known (reports made before the method was recorded).
    if old_method is None or new_method is None:
        method_changed = None
    else:
        method_changed = any(old_method.get(k) != new_method.get(k) for k in METHOD_KEYS)
    candidates = []
    for cid in sorted(set(old_reports) | set(new_reports)):
        old, new = old_reports.get(cid), new_reports.get(cid)
        entry: dict[str, Any] = {"id": cid,
                                 "name": ((new or old).get("candidate") or {}).get("name"),
                                 "status": "new" if old is None else "gone" if new is None else "compared"}
        old_levels = {d.get("domain"): d for d in (old or {}).get("levels") or []}
        new_levels = {d.get("domain"): d for d in (new or {}).get("levels") or []}
        titles_en = {d.get("id"): d.get("title_en") for r in (old, new) for d in (r or {}).get("domains") or []
                     if d.get("title_en")}
        entry["levels"] = [
            {"domain": dom, "title": (new_levels.get(dom) or old_levels.get(dom) or {}).get("title"),
             **({"title_en": titles_en[dom]} if dom in titles_en else {}),
             "old": (old_levels.get(dom) or {}).get("level"), "new": (new_levels.get(dom) or {}).get("level")}
            for dom in list(dict.fromkeys([*old_levels, *new_levels]))
        ]
        # The edition's outcome, before and after, in its own words (a level, or a tier and mentions).
        entry["outcome"] = {"old": _outcome(old), "new": _outcome(new)}
        outcome_changed = (entry["outcome"]["old"] or {}).get("key") != (entry["outcome"]["new"] or {}).get("key")
        old_sig = {s.get("id"): s for s in (old or {}).get("signals") or []}
        new_sig = {s.get("id"): s for s in (new or {}).get("signals") or []}
        signals = []
        for sid in list(dict.fromkeys([*new_sig, *old_sig])):
            d = _signal_diff(old_sig.get(sid), new_sig.get(sid))
            if d:
                # What the change comes from: the site (the method is the same), the method (the same
                # evidence judged otherwise), or either (both changed).
                if method_changed is False:
                    d["cause"] = "site"
                elif method_changed and not d["evidence_added"] and not d["evidence_lost"]:
                    d["cause"] = "méthode"
                else:
                    d["cause"] = "site ou méthode"
                signals.append(d)
        entry["signals"] = signals
        entry["changed"] = bool(signals) or any(lv["old"] != lv["new"] for lv in entry["levels"]) \
            or outcome_changed or entry["status"] != "compared"
        candidates.append(entry)
    return {"schema": SCHEMA, "schema_version": 1, "old": str(old_out), "new": str(new_out),
            "method": {"old": old_method, "new": new_method, "changed": method_changed},
            "candidates": candidates}


def localize_diff(diff: dict[str, Any], lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The diff as its view in `lang` shows it: titles swapped for their `title_en` twins in English."""
    if lang == DEFAULT_LANG:
        return diff
    english = lambda item: {**item, "title": item.get("title_en") or item.get("title")}  # noqa: E731

    def outcome(side: dict | None) -> dict | None:
        return side and {**side, "display": side.get("display_en") or side.get("display"),
                         "mentions": side.get("mentions_en") or side.get("mentions")}

    return {**diff, "candidates": [{**c, "levels": [english(lv) for lv in c["levels"]],
                                    "outcome": {k: outcome(v) for k, v in (c.get("outcome") or {}).items()},
                                    "signals": [english(s) for s in c["signals"]]} for c in diff["candidates"]]}


def write_diff(old_out: Path, new_out: Path, dest: Path, lang: str = DEFAULT_LANG) -> dict[str, Path]:
    """Compute the diff and write diff.json (canonical) and diff.html (its view, in `lang`) into `dest`."""
    env = make_env(lang)  # refuses an unknown language before anything is written
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    diff = compute_diff(old_out, new_out)
    paths = {"json": dest / DIFF_JSON, "html": dest / DIFF_HTML}
    write_json(paths["json"], diff)
    html = env.get_template("diff.html.j2").render(diff=localize_diff(diff, lang), ud=UI_DIFF_BY_LANG[lang],
                                                   changed=sum(c["changed"] for c in diff["candidates"]))
    paths["html"].write_text(html, encoding="utf-8")
    return paths
