"""`tnl calibrate OUT RESULTS`: our INDICATIVE outcomes set against the outcomes the jury published.

RESULTS is a CSV of published results (`edition`, `resultat`, `mentions`, and `id`, `nom` or `siren`
to find the candidate). For each row, the candidate's outcome is recomputed offline, for the row's
edition, from the signals stored in its report.json, with that edition's rubric (a candidate crawled
once is compared with the results of several editions). Then, per edition, and since 2025 per track
(the badge and the label are not one scale; levels and tiers are never mixed): the confusion table,
the agreement, the rank correlation between the published outcome and our score, how each signal's
assessments split across the published outcomes, the cut-points on our score that would have agreed
best (judged by leave-one-out, and only on enough candidates), and the special mentions.
The jury decides: these figures tune the tool's rubric; they judge no collectivité.
calibration.json holds everything; reports/calibration.py only lays it out (calibration.html).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from checks.rubric import (
    EVALUATED,
    NO_TIER,
    NOT_EVALUABLE,
    SUGGESTED,
    TIER_RANK,
    TIERS,
    Rubric,
    apply_profile,
    candidate_outcome,
    domain_levels,
    editions,
    load_rubric,
)
from ground import __version__
from ground.archive import REPORT_JSON, write_json
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Signal, utc_now_iso
from ground.text import fold, name_key
from ground.userfile import UserFileError, read_user_text
from reports.calibration import CALIBRATION_HTML, render_calibration
from tnl.pipeline import candidate_dirs

SCHEMA = "tnl-evidence/calibration"
SCHEMA_VERSION = 1
CALIBRATION_JSON = "calibration.json"
# Matched, evaluated candidates an edition (a track) needs before thresholds are fitted and a signal
# is said to separate the outcomes. Why 20: with fewer, one candidate moves an agreement by more than
# 5 points, leave-one-out on up to four cut-points has almost nothing left to fit on, and a rank
# correlation below |ρ| ≈ 0.45 cannot be told from chance (5 % level at n = 20). The label's editions
# have had 20 to 40 candidates: an edition alone can just reach it.
MIN_CANDIDATES = 20
# Below this |ρ|, a signal « ne dit rien » of the published outcome (a weak rank correlation).
RHO_SMALL = 0.2
# A signal's points for the correlation with the published rank (as the rubrics' `points`).
POINTS = {FAVORABLE: 1.0, NEUTRE: 0.5, DEFAVORABLE: 0.0}
ASSESSMENT_ORDER = (FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU)
ID_COLUMNS = ("id", "nom", "siren")
LEVELS = ("1", "2", "3", "4", "5")
BADGE = "badge"
BADGE_RANK = {NO_TIER: 0, BADGE: 1}
SEPARATORS = (",", ";", "\t")
FIRST_EDITION = 2016  # the label was created in 2016 (ADULLACT)

# Terminal words (French).
UI = {
    "no_reports": "{out} : aucun report.json — lancez d'abord « tnl run » (ou « tnl check ») sur les candidats",
    "edition": "  Édition {edition} : {rows} ligne(s), {matched} appariée(s) à un candidat collecté",
    "track": "    {track}{n} évalué(s) sur {matched} ; accord exact {exact}{within} ; Spearman {rho} (n = {n})",
    "tracks": {None: "", "label": "parcours label : ", "badge": "parcours badge : "},
    "unmatched": "  Lignes sans candidat collecté : {n} (listées dans calibration.html)",
    "written": "Calibration (indicative, le jury décide) : {html}\n  {json}",
}


class CalibrationError(Exception):
    """Bad input (the results file, the output folder): one line, exit 2."""


@dataclass(frozen=True)
class Published:
    """One row of the results file: a published outcome and how to find its candidate."""
    line: int
    edition: int
    rubric_edition: int  # the shipped rubric that applies to it (the latest one up to its year)
    result: str  # "1".."5" (levels), "badge", "bronze", "argent", "or" (tiers); "": a mention only
    rank: int | None
    track: str | None  # None (levels), "label" or "badge"
    mentions: tuple[str, ...]
    id: str
    name: str
    siren: str


@cache
def edition_rubric(year: int) -> Rubric:
    return load_rubric(edition=year)[0]


def rubric_edition(year: int) -> int | None:
    """The shipped edition whose rubric applies to `year`: the latest one up to it (the label's rules
    stay until an edition changes them), the first shipped one for the editions before it (2016–2018:
    the same levels 1 to 5); None before the label existed or after the last shipped edition."""
    shipped = editions()
    if year < FIRST_EDITION or year > max(shipped):
        return None
    return max([e for e in shipped if e <= year] or [min(shipped)])


def _read_text(path: Path) -> str:
    try:
        return read_user_text(path, "le fichier CSV des résultats publiés", spreadsheet=True)
    except UserFileError as exc:
        raise CalibrationError(str(exc)) from None


def _column(name: str | None) -> str:
    return re.sub(r"\s+", "_", fold(name or "").strip())


def _mention_id(text: str) -> str:
    return re.sub(r"[\s'-]+", "_", fold(text).strip())


def read_results(path: str | Path) -> list[Published]:
    """The rows of a results file; a bad row is a CalibrationError naming the file, line and column."""
    path = Path(path)
    text = _read_text(path)
    header = next(iter(text.splitlines()), "")
    reader = csv.DictReader(io.StringIO(text), delimiter=max(SEPARATORS, key=header.count))
    columns = [_column(c) for c in reader.fieldnames or []]
    reader.fieldnames = columns
    shown = ", ".join(repr(c) for c in columns[:8]) or "aucune"
    for needed in ("edition", "resultat"):
        if needed not in columns:
            raise CalibrationError(f"{path}:1: colonne '{needed}' absente de la ligne d'en-tête (colonnes lues : {shown})")
    if not any(c in columns for c in ID_COLUMNS):
        raise CalibrationError(f"{path}:1: aucune des colonnes 'id', 'nom', 'siren' pour trouver le candidat "
                               f"(colonnes lues : {shown})")
    rows = []
    for raw in reader:
        if None in raw:
            raise CalibrationError(f"{path}:{reader.line_num}: plus de valeurs que de colonnes")
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        if any(values.values()):
            rows.append(_row(path, reader.line_num, values))
    if not rows:
        raise CalibrationError(f"{path} : aucune ligne de résultat après la ligne d'en-tête")
    return rows


def _row(path: Path, line: int, v: dict[str, str]) -> Published:
    def bad(column: str, problem: str) -> CalibrationError:
        return CalibrationError(f"{path}:{line}: colonne '{column}' : {problem}")

    if not re.fullmatch(r"\d{4}", v.get("edition", "")):
        raise bad("edition", f"« {v.get('edition', '')} » n'est pas une année (attendu : 2024, 2025…)")
    year = int(v["edition"])
    used = rubric_edition(year)
    if year < FIRST_EDITION:
        raise bad("edition", f"édition {year} : le label n'existait pas encore (première édition : {FIRST_EDITION})")
    if used is None:
        raise bad("edition", f"édition {year} sans grille fournie (éditions fournies : "
                             f"{', '.join(map(str, editions()))} ; ajouter checks/data/editions/{year}.yaml)")
    rubric = edition_rubric(used)
    known = [m.id for m in rubric.outcome.mentions] + [u.id for u in rubric.outcome.unjudged]
    mentions: list[str] = []
    for item in v.get("mentions", "").split("|"):
        mid = _mention_id(item)
        if mid and mid not in known:
            expected = f"attendu : {', '.join(known)}" if known else f"l'édition {year} n'a pas de mentions spéciales"
            raise bad("mentions", f"mention « {item.strip()} » inconnue ({expected})")
        if mid and mid not in mentions:
            mentions.append(mid)
    given = v.get("resultat", "")
    result = fold(given).strip()
    rank: int | None
    if not result and mentions:  # a special mention published without a tier: counted for the mentions only
        rank, track = None, None
    elif not result:
        raise bad("resultat", "vide (attendu : " + ("un niveau de 1 à 5)" if rubric.outcome.scale == "levels" else
                                                    "badge, bronze, argent ou or ; vide seulement avec une mention)"))
    elif rubric.outcome.scale == "levels":
        m = re.fullmatch(r"(?:niveau\s*)?([1-5])", result)
        if not m:
            raise bad("resultat", f"« {given} » invalide pour l'édition {year} (attendu : un niveau de 1 à 5)")
        result, rank, track = m.group(1), int(m.group(1)), None
    elif result == BADGE:
        rank, track = BADGE_RANK[BADGE], "badge"
    elif result in TIERS:
        rank, track = TIER_RANK[result], "label"
    else:
        raise bad("resultat", f"« {given} » invalide pour l'édition {year} (attendu : badge, bronze, argent ou or)")
    siren = re.sub(r"\s+", "", v.get("siren", ""))
    if siren and not re.fullmatch(r"\d{9}", siren):
        raise bad("siren", f"« {v['siren']} » n'est pas un SIREN (9 chiffres)")
    if not (v.get("id") or v.get("nom") or siren):
        raise CalibrationError(f"{path}:{line}: colonnes 'id', 'nom' et 'siren' vides : le candidat ne peut être trouvé")
    return Published(line, year, used, result, rank, track, tuple(mentions), v.get("id", ""), v.get("nom", ""), siren)


def load_reports(out: str | Path) -> list[dict]:
    """The report.json of every candidate folder of a run (folders without one are left aside)."""
    reports = []
    for folder in candidate_dirs(Path(out)):
        path = folder / REPORT_JSON
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CalibrationError(f"{path} : report.json illisible ({exc.__class__.__name__})") from None
        if not isinstance(data, dict) or not isinstance(data.get("candidate"), dict):
            raise CalibrationError(f"{path} : report.json sans candidat")
        reports.append(data)
    if not reports:
        raise CalibrationError(UI["no_reports"].format(out=out))
    return reports


class Matcher:
    """Finds a row's candidate: by id, else by SIREN, else by its folded name (one candidate only)."""

    def __init__(self, reports: list[dict]):
        self.by_id: dict[str, dict] = {}
        self.by_siren: dict[str, list[dict]] = {}
        self.by_name: dict[str, list[dict]] = {}
        for report in reports:
            cand = report["candidate"]
            self.by_id[str(cand.get("id"))] = report
            if cand.get("siren"):
                self.by_siren.setdefault(re.sub(r"\s+", "", str(cand["siren"])), []).append(report)
            if cand.get("name"):
                self.by_name.setdefault(name_key(cand["name"]), []).append(report)

    def find(self, row: Published) -> tuple[dict | None, str]:
        """(report, how it was found: id | siren | nom) or (None, why not: not_found | ambiguous)."""
        if row.id and row.id in self.by_id:
            return self.by_id[row.id], "id"
        ambiguous = False
        for key, table, how in ((row.siren, self.by_siren, "siren"), (name_key(row.name), self.by_name, "nom")):
            found = table.get(key, []) if key else []
            if len(found) == 1:
                return found[0], how
            ambiguous = ambiguous or len(found) > 1
        return None, "ambiguous" if ambiguous else "not_found"


def signals_of(report: dict) -> list[Signal]:
    try:
        return [Signal.from_dict(s) for s in report.get("signals") or []]
    except (KeyError, TypeError, ValueError) as exc:
        cid = report["candidate"].get("id")
        raise CalibrationError(f"{cid}/{REPORT_JSON} : signal illisible ({exc})") from None


def recompute(report: dict, signals: list[Signal], rubric: Rubric, track: str | None) -> tuple[dict, dict | None]:
    """The candidate's outcome under `rubric`, offline, from its stored signals (and the profile that
    applied). Since 2025 the track is the published one: a published badge is compared on the badge track."""
    titles = {s.get("id"): s.get("title") or s.get("id") for s in report.get("signals") or []}
    candidate = dict(report["candidate"])
    if track is not None:
        candidate["parcours"] = track
    effective, profile = apply_profile(rubric, candidate)
    lost = (report.get("evaluation") or {}).get("unreachable")
    levels = domain_levels(signals, effective, titles, lost)
    return candidate_outcome(levels, signals, effective, candidate, titles, lost), profile


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties; DataFrame.corr needs no SciPy, Series.corr
    would); None on fewer than 3 pairs or when either side does not vary."""
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    rho = pd.DataFrame({"x": xs, "y": ys}).corr(method="spearman").loc["x", "y"]
    return round(float(rho), 3)


def _share(k: int | None, n: int) -> float | None:
    return round(k / n, 3) if n and k is not None else None


def classes_of(scale: str, track: str | None) -> tuple[list[str], list[str]]:
    """The published outcomes of a scale and track, and our outcomes (the confusion table's columns)."""
    if scale == "levels":
        return list(LEVELS), [*LEVELS, NOT_EVALUABLE]
    if track == "badge":
        return [BADGE], [NO_TIER, BADGE, NOT_EVALUABLE]
    return list(TIERS), [NO_TIER, *TIERS, NOT_EVALUABLE]


def rank_of(scale: str, track: str | None, result: str) -> int:
    if scale == "levels":
        return int(result)
    return BADGE_RANK[result] if track == "badge" else TIER_RANK[result]


def current_thresholds(rubric: Rubric, track: str | None) -> tuple[dict[str, float], list[dict]]:
    """The rubric's thresholds on the score for a track (general, and each profile's own)."""
    def pick(levels, tiers, badge) -> dict[str, float] | None:
        if rubric.outcome.scale == "levels":
            return {str(k): v for k, v in sorted(levels.items())} if levels else None
        if track == "badge":
            return {BADGE: badge} if badge is not None else None
        return {t: tiers[t] for t in TIERS} if tiers else None

    general = pick(rubric.levels, rubric.outcome.tiers, rubric.outcome.badge) or {}
    profiles = [{"id": p.id, "title": p.title, "thresholds": own} for p in rubric.profiles
                if (own := pick(p.levels, p.tiers, p.badge))]
    return general, profiles


def fit_cuts(points: list[tuple[float, int]], current: dict[int, float]) -> dict[int, float]:
    """The cut-points on the score (3 decimals) that agree best with the published ranks: a score at or
    above cuts[r] predicts rank r (the highest reached), below every cut the lowest published rank.
    Only ranks above the lowest published one get a cut (nothing published below it tells where it
    starts). Among equally good cut-points, those nearest the current ones (`current`, by rank).
    Exact, by dynamic programming over the distinct scores."""
    ranks = sorted({r for _, r in points})
    scores = sorted({s for s, _ in points})
    g_count, position = len(scores), {s: i for i, s in enumerate(scores)}
    counts = [Counter() for _ in scores]
    for s, r in points:
        counts[position[s]][r] += 1
    prefix = {r: [0] * (g_count + 1) for r in ranks}  # candidates of rank r among the g lowest scores
    for r in ranks:
        for g in range(g_count):
            prefix[r][g + 1] = prefix[r][g] + counts[g][r]

    def cut(rank: int, p: int) -> float:  # rank starts at the p-th distinct score: scores[p-1] < cut ≤ scores[p]
        value = current.get(rank, 0.0)
        if p > 0:
            value = max(value, round(scores[p - 1] + 0.001, 3))
        if p < g_count:
            value = min(value, scores[p])
        return round(value, 3)

    # best[j][p]: (agreement, −distance to the current cuts) of ranks[:j] on the scores below p, ranks[j] from p.
    best: list[list[tuple[int, float] | None]] = [[None] * (g_count + 1) for _ in ranks]
    back = [[0] * (g_count + 1) for _ in ranks]
    best[0][0] = (0, 0.0)
    for j in range(1, len(ranks)):
        below, run, arg = ranks[j - 1], None, 0
        for p in range(g_count + 1):
            if best[j - 1][p] is not None:
                a, d = best[j - 1][p]
                key = (a - prefix[below][p], d)
                if run is None or key > run:
                    run, arg = key, p
            if run is not None:
                best[j][p] = (run[0] + prefix[below][p], round(run[1] - abs(cut(ranks[j], p) - current.get(ranks[j], 0.0)), 6))
                back[j][p] = arg
    last = ranks[-1]
    end = max((p for p in range(g_count + 1) if best[-1][p] is not None),
              key=lambda p: (best[-1][p][0] + prefix[last][g_count] - prefix[last][p], best[-1][p][1], -p))
    cuts, p = {}, end
    for j in range(len(ranks) - 1, 0, -1):
        cuts[ranks[j]] = cut(ranks[j], p)
        p = back[j][p]
    return dict(sorted(cuts.items()))


def predict(score: float, cuts: dict[int, float], lowest: int) -> int:
    reached = [r for r, c in cuts.items() if score + 1e-9 >= c]
    return max(reached) if reached else lowest


def leave_one_out(points: list[tuple[float, int]], current: dict[int, float]) -> int:
    """How many candidates the cut-points fitted on all the others predict right."""
    hits = 0
    for i, (score, rank) in enumerate(points):
        rest = points[:i] + points[i + 1:]
        hits += predict(score, fit_cuts(rest, current), min(r for _, r in rest)) == rank
    return hits


def _thresholds(evaluated: list[dict], rubric: Rubric, scale: str, track: str | None, minimum: int) -> dict:
    general, profiles = current_thresholds(rubric, track)
    ranks = {name: rank_of(scale, track, name) for name in general}
    points = [(e["score"], e["published_rank"]) for e in evaluated]
    n = len(points)
    exact = sum(e["ours"] == e["published"] for e in evaluated)
    out: dict[str, Any] = {"current": general, "profiles": profiles, "n": n, "min_candidates": minimum,
                           "current_agreement": {"exact": exact, "share": _share(exact, n)},
                           "fitted": None, "fitted_agreement": None, "loo_agreement": None}
    if n < minimum:
        return {**out, "status": "donnees_insuffisantes"}
    if len({r for _, r in points}) < 2:
        return {**out, "status": "un_seul_resultat"}
    current = {ranks[name]: v for name, v in general.items()}
    cuts = fit_cuts(points, current)
    lowest = min(r for _, r in points)
    fitted_hits = sum(predict(s, cuts, lowest) == r for s, r in points)
    loo = leave_one_out(points, current)
    return {**out, "status": "ajuste", "fitted": {name: cuts.get(ranks[name]) for name in general},
            "fitted_agreement": {"exact": fitted_hits, "share": _share(fitted_hits, n)},
            "loo_agreement": {"exact": loo, "share": _share(loo, n)}}


def _signals(entries: list[dict], classes: list[str], minimum: int) -> list[dict]:
    """Per signal: its assessments across the published outcomes, and ρ(points, published rank)."""
    seen: dict[str, dict] = {}
    for e in entries:
        for s in e["_report"].get("signals") or []:
            seen.setdefault(s.get("id"), s)
    out = []
    for sid, meta in seen.items():
        table = {a: {c: 0 for c in classes} for a in ASSESSMENT_ORDER}
        xs, ys = [], []
        for e in entries:
            assessment = e["_assessments"].get(sid, INCONNU)
            table[assessment][e["published"]] += 1
            if assessment in POINTS:
                xs.append(POINTS[assessment])
                ys.append(e["published_rank"])
        rho, n = spearman(xs, ys), len(xs)
        if n < minimum:
            verdict = "donnees_insuffisantes"
        elif rho is None or abs(rho) < RHO_SMALL:
            verdict = "ne_dit_rien"
        else:
            verdict = "separe" if rho > 0 else "a_rebours"
        out.append({"id": sid, "title": meta.get("title") or sid, "title_en": meta.get("title_en") or "",
                    "domain": meta.get("domain"), "n": n, "rho": rho, "verdict": verdict, "table": table})
    out.sort(key=lambda s: (s["rho"] is None, -abs(s["rho"] or 0.0), s["id"]))
    return out


def _track(entries: list[dict], rubric: Rubric, scale: str, track: str | None, minimum: int) -> dict:
    classes, columns = classes_of(scale, track)
    confusion = []
    for c in classes:
        mine = [e for e in entries if e["published"] == c]
        counts = {col: sum(1 for e in mine if (e["ours"] or NOT_EVALUABLE) == col) for col in columns}
        confusion.append({"published": c, "counts": counts, "total": len(mine)})
    evaluated = [e for e in entries if e["status"] == EVALUATED]
    n = len(evaluated)
    exact = sum(e["ours"] == e["published"] for e in evaluated)
    # Within one rank: meaningless on the badge track (two outcomes only).
    within = None if track == "badge" else sum(abs(e["ours_rank"] - e["published_rank"]) <= 1 for e in evaluated)
    rho = spearman([e["published_rank"] for e in evaluated], [e["score"] for e in evaluated])
    candidates = sorted(entries, key=lambda e: (-e["published_rank"], -(e["score"] or -1), e["id"]))
    return {
        "track": track, "classes": classes, "columns": columns, "n": len(entries),
        "candidates": [{k: v for k, v in e.items() if not k.startswith("_")} for e in candidates],
        "confusion": confusion,
        "agreement": {"n": n, "exact": exact, "exact_share": _share(exact, n), "within_one": within,
                      "within_one_share": _share(within, n), "not_evaluable": len(entries) - n,
                      "coverage": _share(n, len(entries))},
        "spearman": {"rho": rho, "n": n, "sufficient": n >= minimum},
        "signals": _signals(entries, classes, minimum),
        "thresholds": _thresholds(evaluated, rubric, scale, track, minimum),
    }


def _mentions(entries: list[dict], rubric: Rubric) -> list[dict]:
    out = []
    for m in rubric.outcome.mentions:
        table = {"both": 0, "published_only": 0, "suggested_only": 0, "neither": 0}
        not_evaluable = {"published": 0, "not_published": 0}
        for e in entries:
            published = m.id in e["mentions_published"]
            status = e["mentions"].get(m.id, NOT_EVALUABLE)
            if status == NOT_EVALUABLE:
                not_evaluable["published" if published else "not_published"] += 1
                continue
            suggested = status == SUGGESTED
            key = ("both" if suggested else "published_only") if published else \
                ("suggested_only" if suggested else "neither")
            table[key] += 1
        n = sum(table.values())
        agree = table["both"] + table["neither"]
        out.append({"id": m.id, "title": m.title, "title_en": m.title_en, "judged": True, "n": n, "table": table,
                    "not_evaluable": not_evaluable, "agreement": agree, "agreement_share": _share(agree, n)})
    for u in rubric.outcome.unjudged:
        out.append({"id": u.id, "title": u.title, "title_en": u.title_en, "judged": False,
                    "published": sum(u.id in e["mentions_published"] for e in entries), "why": u.why, "why_en": u.why_en})
    return out


def _entry(row: Published, report: dict, how: str) -> dict:
    signals = signals_of(report)
    outcome, profile = recompute(report, signals, edition_rubric(row.rubric_edition), row.track)
    evaluated = outcome["status"] == EVALUATED
    cand = report["candidate"]
    return {"line": row.line, "id": cand.get("id"), "name": cand.get("name") or cand.get("id"), "matched_by": how,
            "track": row.track, "published": row.result, "published_rank": row.rank,
            "ours": outcome["result"], "ours_rank": outcome["rank"], "status": outcome["status"],
            "score": outcome["score"], "domains_evaluated": outcome["domains_evaluated"],
            "profile": profile["id"] if profile else None,
            "agree": (outcome["result"] == row.result) if evaluated and row.result else None,
            "mentions_published": list(row.mentions),
            "mentions": {m["id"]: m["status"] for m in outcome.get("mentions") or []},
            "_report": report, "_assessments": {s.id: s.assessment for s in signals}}


def calibrate(out: str | Path, results: str | Path, min_candidates: int = MIN_CANDIDATES) -> dict:
    """calibration.json's content: the published results set against our outcomes recomputed."""
    results = Path(results)
    rows = read_results(results)
    matcher = Matcher(load_reports(out))
    unmatched, by_edition, seen = [], {}, {}
    for row in rows:
        report, how = matcher.find(row)
        cid = report["candidate"].get("id") if report else None
        reason, first = (how, None) if report is None else (None, seen.get((row.edition, cid)))
        if first is not None:
            reason = "duplicate"
        if reason:
            unmatched.append({"line": row.line, "edition": row.edition, "resultat": row.result, "id": row.id,
                              "nom": row.name, "siren": row.siren, "reason": reason,
                              **({"first_line": first, "candidate": cid} if first else {})})
            continue
        seen[(row.edition, cid)] = row.line
        by_edition.setdefault(row.edition, []).append(_entry(row, report, how))
    out_editions = []
    for year in sorted({r.edition for r in rows}, reverse=True):
        used = rubric_edition(year)
        rubric = edition_rubric(used)
        entries = by_edition.get(year, [])
        scale = rubric.outcome.scale
        tracks = [t for t in ((None,) if scale == "levels" else ("label", "badge"))
                  if any(e["track"] == t and e["published"] for e in entries)]
        out_editions.append({
            "edition": year, "rubric_edition": used, "scale": scale,
            "rows": sum(r.edition == year for r in rows), "matched": len(entries),
            "tracks": [_track([e for e in entries if e["track"] == t and e["published"]], rubric, scale, t, min_candidates)
                       for t in tracks],
            # Rows that publish a special mention without a tier: counted for the mentions only.
            "mentions_only": [{k: v for k, v in e.items() if not k.startswith("_")} for e in entries if not e["published"]],
            "mentions": _mentions(entries, rubric) if scale == "tiers" else [],
        })
    return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "tool": {"name": "tnl-evidence", "version": __version__},
            "generated_at": utc_now_iso(), "indicative": True, "out": str(out),
            "results": {"path": str(results), "sha256": hashlib.sha256(results.read_bytes()).hexdigest(),
                        "rows": len(rows)},
            "min_candidates": min_candidates, "rho_small": RHO_SMALL, "points": POINTS,
            "editions": out_editions, "unmatched": unmatched}


def write_calibration(out: str | Path, results: str | Path, min_candidates: int = MIN_CANDIDATES,
                      lang: str = "fr") -> tuple[dict, dict[str, Path]]:
    """Compute and write OUT/calibration.json and its view OUT/calibration.html."""
    out = Path(out)
    data = calibrate(out, results, min_candidates)
    paths = {"json": out / CALIBRATION_JSON, "html": out / CALIBRATION_HTML}
    try:
        write_json(paths["json"], data)
        render_calibration(data, paths["html"], lang)
    except OSError as exc:
        raise CalibrationError(f"{out} : impossible d'y écrire la calibration ({exc.strerror or exc})") from None
    return data, paths


def summary_lines(data: dict, paths: dict[str, Path]) -> list[str]:
    """The terminal's short summary (French)."""
    def ratio(k: int | None, n: int, share: float | None) -> str:
        return f"{k}/{n}" + (f" ({round(share * 100)} %)" if share is not None else "")

    lines = []
    for ed in data["editions"]:
        lines.append(UI["edition"].format(edition=ed["edition"], rows=ed["rows"], matched=ed["matched"]))
        for t in ed["tracks"]:
            ag = t["agreement"]
            within = "" if ag["within_one"] is None else \
                f", à un rang près {ratio(ag['within_one'], ag['n'], ag['within_one_share'])}"
            rho = "—" if t["spearman"]["rho"] is None else f"{t['spearman']['rho']:g}".replace(".", ",")
            lines.append(UI["track"].format(track=UI["tracks"][t["track"]], n=ag["n"], matched=t["n"],
                                            exact=ratio(ag["exact"], ag["n"], ag["exact_share"]), within=within,
                                            rho=rho))
    if data["unmatched"]:
        lines.append(UI["unmatched"].format(n=len(data["unmatched"])))
    lines.append(UI["written"].format(html=paths["html"], json=paths["json"]))
    return lines
