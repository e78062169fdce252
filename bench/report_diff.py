"""Two runs' reports compared (bench/render.py): report.json of each candidate, once the keys that differ
from one run to the next whatever the code are set aside (dates, timings, versions, digests of the rubric
and catalogues, WARC record ids, the digest of WHOIS and DNS records whose payload holds the time of the
question); lists of dicts with an id (signals, domains) compared by id.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

# Removed before comparing: when the run happened and what it took, the tool's version, the digests of the
# rubric and catalogues (issue 22 added the rendered signals' weights to the editions), the WARC record ids.
VOLATILE_KEYS = {"generated_at", "started_at", "finished_at", "fetched_at", "rendered_at", "asked_at", "checked_at",
                 "record_id", "record_ids", "warc_record_id", "seconds", "timings", "elapsed"}
DATED_PAYLOADS = ("whois:", "dns:")
VOLATILE_PATHS = {"tool.version", "method.tool_version", "rubric.sha256", "method.rubric_sha256",
                  "method.catalogue_sha256"}


def _keyed(items: list) -> dict | None:
    """A list of dicts that all have an id (signals, claims…): compared by id, not by position."""
    for key in ("id", "domain"):
        if items and all(isinstance(x, dict) and isinstance(x.get(key), str) for x in items):
            ids = [x[key] for x in items]
            if len(set(ids)) == len(ids):
                return {i: x for i, x in zip(ids, items)}
    return None


def _diff(a, b, path: str, out: list) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            sub = f"{path}.{k}" if path else k
            if k not in a or k not in b:
                out.append((sub + (" (added)" if k in b else " (removed)"), a.get(k), b.get(k)))
            else:
                _diff(a[k], b[k], sub, out)
    elif isinstance(a, list) and isinstance(b, list):
        ka, kb = _keyed(a), _keyed(b)
        if ka is not None and kb is not None:
            _diff(ka, kb, path, out)
            return
        if len(a) != len(b):
            out.append((f"{path}[len]", len(a), len(b)))
        for x, y in zip(a, b):
            _diff(x, y, f"{path}[]", out)
    elif a != b:
        out.append((path, a, b))


def _volatile(path: str) -> bool:
    parts = re.split(r"[.\[]", path.replace("]", ""))
    return path in VOLATILE_PATHS or any(p.split(" ")[0] in VOLATILE_KEYS for p in parts)


def _undate(obj):
    """Evidence of a WHOIS or DNS record: its payload holds the time of the question (`asked_at`), so its
    sha256 differs from one run to the next, whatever the code: set aside like the dates."""
    if isinstance(obj, dict):
        out = {k: _undate(v) for k, v in obj.items()}
        if str(out.get("url", "")).startswith(DATED_PAYLOADS) and "sha256" in out:
            out["sha256"] = "(payload dated: asked_at)"
        return out
    if isinstance(obj, list):
        return [_undate(x) for x in obj]
    return obj


def _volatile_name(path: str) -> str:
    if path in VOLATILE_PATHS:
        return path
    return next(p.split(" ")[0] for p in re.split(r"[.\[]", path.replace("]", "")) if p.split(" ")[0] in VOLATILE_KEYS)


def compare_runs(a: Path, b: Path) -> dict:
    """report.json of each candidate in both runs: differences once volatile keys are set aside."""
    paths: Counter = Counter()
    volatile: Counter = Counter()
    examples: list[str] = []
    same = added = removed = changed = identical = compared = 0
    changed_ids: Counter = Counter()
    news: Counter = Counter()  # the signals b has and a has not: assessment and value
    outcomes: Counter = Counter()
    for ra in sorted(a.glob("*/report.json")):
        rb = b / ra.parent.name / "report.json"
        if not rb.exists():
            paths[f"{ra.parent.name}/report.json missing"] += 1
            continue
        compared += 1
        ja, jb = (_undate(json.loads(r.read_text(encoding="utf-8"))) for r in (ra, rb))
        sa, sb = _keyed(ja.get("signals") or []) or {}, _keyed(jb.get("signals") or []) or {}
        added += len(set(sb) - set(sa))
        removed += len(set(sa) - set(sb))
        for sid in set(sa) & set(sb):
            out: list = []
            _diff(sa[sid], sb[sid], "", out)
            if any(not _volatile(p) for p, _, _ in out):
                changed += 1
                changed_ids[sid] += 1
            else:
                same += 1
        out = []
        _diff(ja, jb, "", out)
        real = [(p, x, y) for p, x, y in out if not _volatile(p)]
        identical += not real
        for p in {re.sub(r"\[\d+\]", "[]", p) for p, _, _ in out if not _volatile(p)}:  # once per candidate
            paths[p] += 1
        for p in {_volatile_name(p) for p, _, _ in out if _volatile(p)}:
            volatile[p] += 1
        for sid in set(sb) - set(sa):
            news[f"{sid}: {sb[sid].get('assessment')}, {json.dumps(sb[sid].get('value'), ensure_ascii=False)[:40]}"] += 1
        oa, ob = ja.get("outcome") or {}, jb.get("outcome") or {}
        outcomes[f"{oa.get('result')} → {ob.get('result')}" + ("" if oa.get("score") == ob.get("score") else
                                                             " (score changed)")] += 1
        for p, x, y in real[:2]:
            if len(examples) < 8:
                examples.append(f"{ra.parent.name} {p}: {json.dumps(x, ensure_ascii=False)[:120]} → "
                                f"{json.dumps(y, ensure_ascii=False)[:120]}")
    return {"candidates": compared, "identical": identical, "signals_same": same, "signals_added": added,
            "signals_removed": removed, "signals_changed": changed, "changed_ids": dict(changed_ids),
            "paths": dict(paths.most_common()), "volatile": dict(volatile.most_common()), "examples": examples,
            "added": dict(news.most_common()), "outcomes": dict(outcomes.most_common())}
