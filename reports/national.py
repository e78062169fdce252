"""The national section of chiffres.html, and chiffres_groupes.csv and chiffres_observatoires.csv: the
figures (reports/shares.py) overall, by kind and by population class, each beside the figure an
observatory published for the same thing, with its denominator and its source (reports/data/
observatoires.yaml), and beside ANCT's own checks where the candidates' directory rows carry them.
The comparison is arithmetic (our share minus theirs, in points) and the flag « à examiner » a rule
stated in the data file; nothing here judges a collectivité.
"""
from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ground.text import fold
from reports.catalogues import catalogue
from reports.html import kind_label, safe_href
from reports.i18n import number, percent
from reports.shares import BY_KEY, Tally, add, candidate_name, state
from reports.workbook import neutralise_formula

DATA = Path(__file__).resolve().parent / "data" / "observatoires.yaml"
GROUPS_CSV = "chiffres_groupes.csv"
OBSERVATORIES_CSV = "chiffres_observatoires.csv"
KIND_ORDER = ("commune", "epci", "departement", "region", "autre")
_CRITERION = re.compile(r"\w+(?:\.\w+)?")  # « 1.4 », « 2.a », « aa »
NO_CLASS = "inconnue"  # population not given in the candidates file
UI = {lang: catalogue("national", lang) for lang in ("fr", "en")}
WORDS = {lang: catalogue("figures_words", lang) for lang in ("fr", "en")}


@lru_cache(maxsize=2)
def observatories(path: Path = DATA) -> dict[str, Any]:
    """The reference figures, the flag rule, the population classes and ANCT's criteria (our own data file)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def population_class(population: Any, bands: list[dict[str, Any]]) -> str:
    """The key of the band the population falls in (bounds inclusive), or « inconnue »."""
    if isinstance(population, bool) or not isinstance(population, (int, float)) or population <= 0:
        return NO_CLASS
    for band in bands:
        if band.get("min", 0) <= population <= band.get("max", float("inf")):
            return band["key"]
    return NO_CLASS


def in_population(report: dict[str, Any], population: dict[str, Any]) -> bool:
    """Whether the candidate belongs to the population an observatory counted: its kinds (none: all)
    and more than `population_over` inhabitants (a candidate without a population is left out then)."""
    candidate = report.get("candidate") or {}
    kinds = population.get("kinds") or []
    if kinds and candidate.get("kind") not in kinds:
        return False
    over = population.get("population_over")
    if over is not None:
        pop = candidate.get("population")
        return isinstance(pop, (int, float)) and not isinstance(pop, bool) and pop > over
    return True


def anct_criteria(report: dict[str, Any], columns: list[str]) -> set[str] | None:
    """The RCPNT criteria ANCT publishes as met in the candidate's directory row (a list in its JSON,
    "1.1,1.4" in its CSV, or a JSON list kept as text; empty: none met), or None when the row carries
    no such column (its name compared folded, as checks/directory.py reads it)."""
    row = (((report.get("candidate") or {}).get("directory") or {}).get("row")) or {}
    column = next((k for k in row if fold(str(k)).strip() in columns), None)
    if column is None:
        return None
    value = row[column]
    raw = value if isinstance(value, list) else _CRITERION.findall("" if value is None else str(value))
    return {str(v).strip() for v in raw if str(v).strip()}


def cell(t: Tally) -> dict[str, Any]:
    share = t.share
    return {"count": len(t.yes), "base": len(t.base), "unknown": len(t.unknown),
            "share": round(share, 4) if share is not None else None, "measured": t.measured}


def gap_and_flag(share: float | None, theirs: float | None, base: int, rule: dict[str, Any]) -> tuple[Any, bool]:
    """(our share minus theirs in percentage points, rounded to 0.1; flagged « à examiner » when larger
    than rule.points on a base of at least rule.min_base), or (None, False) when either is missing."""
    if share is None or theirs is None:
        return None, False
    gap = round(share * 100 - theirs, 1)
    return gap, base >= rule["min_base"] and abs(gap) > rule["points"]


def _tally(states: list[str], names: list[str], members: Iterable[int]) -> Tally:
    out = Tally([], [], [], False)
    for i in members:
        add(out, states[i], names[i])
    return out


def compute_national(reports: list[dict[str, Any]], data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every figure overall, by kind and by population class; the comparisons with the published
    figures; ANCT's own checks beside ours on the same candidates. Each candidate's state for each
    figure is read once (a national run has 36,000 candidates), then counted per group."""
    data = data or observatories()
    rule, bands = data["rule"], data["classes"]["bands"]
    names = [candidate_name(r) for r in reports]
    indexed = [{s.get("id"): s for s in r.get("signals") or []} for r in reports]
    keys = list(dict.fromkeys([*data["figures"], *(ref["figure"] for ref in data.get("references") or []
                                                  if ref.get("figure"))]))
    states = {k: [state(BY_KEY[k], sigs.get(BY_KEY[k].signal)) for sigs in indexed] for k in keys}
    every = range(len(reports))
    by_kind: dict[str, list[int]] = {}
    by_class: dict[str, list[int]] = {}
    for i, report in enumerate(reports):
        candidate = report.get("candidate") or {}
        by_kind.setdefault(candidate.get("kind"), []).append(i)
        by_class.setdefault(population_class(candidate.get("population"), bands), []).append(i)
    kinds = [k for k in KIND_ORDER if k in by_kind] + sorted((k for k in by_kind if k not in KIND_ORDER), key=str)
    classes = [b["key"] for b in bands if b["key"] in by_class] + ([NO_CLASS] if NO_CLASS in by_class else [])
    anct = data.get("anct") or {}
    met = [anct_criteria(r, anct.get("columns") or []) for r in reports]
    carried = [i for i in every if met[i] is not None]
    rows = []
    for key in data["figures"]:
        row = {"key": key, "signal": BY_KEY[key].signal, "overall": cell(_tally(states[key], names, every)),
               "by_kind": {k: cell(_tally(states[key], names, by_kind[k])) for k in kinds},
               "by_class": {c: cell(_tally(states[key], names, by_class[c])) for c in classes}, "anct": None}
        rule_anct = (anct.get("figures") or {}).get(key)
        if rule_anct and carried:
            wanted = set(rule_anct["criteria"])
            theirs = {"count": sum(1 for i in carried if wanted <= met[i]), "base": len(carried)}
            theirs["share"] = round(theirs["count"] / theirs["base"], 4)
            same = _tally(states[key], names, carried)
            ours = cell(same)
            gap, flag = gap_and_flag(same.share, 100 * theirs["count"] / theirs["base"],
                                     min(ours["base"], theirs["base"]), rule)
            row["anct"] = {"criteria": rule_anct["criteria"], "words": rule_anct["words"],
                           "words_en": rule_anct.get("words_en") or rule_anct["words"],
                           "theirs": theirs, "ours": ours, "gap": gap, "flag": flag}
        rows.append(row)
    comparisons, context = [], []
    for ref in data.get("references") or []:
        if not ref.get("figure"):
            context.append(ref)
            continue
        members = [i for i in every if in_population(reports[i], ref.get("population") or {})]
        counted = _tally(states[ref["figure"]], names, members)
        ours = cell(counted)
        gap, flag = gap_and_flag(counted.share, ref.get("value"), ours["base"], rule)  # on the unrounded share
        comparisons.append({"ref": ref, "ours": ours, "gap": gap, "flag": flag})
    return {"rule": rule, "kinds": kinds, "classes": classes, "figures": rows, "comparisons": comparisons,
            "context": context, "anct": {k: anct.get(k) for k in ("source", "url", "dataset_url")}}


# --- views -------------------------------------------------------------------------------------------

def _en(item: dict[str, Any], key: str, lang: str) -> Any:
    return item.get(f"{key}_en") or item.get(key) if lang == "en" else item.get(key)


def shown(c: dict[str, Any], lang: str) -> str:
    """« 23,1 % (6 / 26) », « — » on an empty base, « non mesuré » when no report carries the signal."""
    if not c.get("measured", True):
        return UI[lang]["not_measured"]
    if not c["base"]:
        return "—"
    return f"{percent(c['share'], lang)} ({number(c['count'], lang)} / {number(c['base'], lang)})"


def _class_label(key: str, bands: list[dict[str, Any]], lang: str) -> str:
    band = next((b for b in bands if b["key"] == key), None)
    return _en(band, "label", lang) if band else UI[lang]["no_class"]


def _population_words(population: dict[str, Any], lang: str) -> str:
    ui = UI[lang]
    kinds = population.get("kinds") or []
    words = ", ".join(kind_label(k, lang) for k in kinds) if kinds else ui["all_candidates"]
    if population.get("population_over") is not None:
        words += " " + ui["over"].format(n=number(population["population_over"], lang))
    return words


def _source(ref: dict[str, Any], lang: str) -> str:
    href = safe_href(ref.get("url"))
    name = html.escape(str(ref.get("source") or ""))
    link = f'<a href="{html.escape(href)}">{name}</a>' if href else f"{name} ({UI[lang]['no_url']})"
    return f"{link}, {html.escape(str(ref.get('date') or UI[lang]['undated']))}"


def _denominator(ref: dict[str, Any], lang: str) -> str:
    """« 1 821 sites web de communes de l'échantillon »; « ≈ 5 000 … » when they gave a rounded count."""
    den = ref.get("denominator") or {}
    words = str(_en(den, "words", lang) or "")
    if den.get("number"):
        return f"{'≈ ' if den.get('approx') else ''}{number(den['number'], lang)} {words}"
    return words


def _flag(flag: bool, lang: str) -> str:
    return f'<strong class="flag">{UI[lang]["flag"]}</strong>' if flag else ""


def _gap(gap: Any, lang: str) -> str:
    return "—" if gap is None else UI[lang]["points"].format(n=("+" if gap > 0 else "") + number(gap, lang))


def national_section(national: dict[str, Any], lang: str = "fr") -> str:
    """The section's HTML (every text escaped): comparisons, ANCT, by kind, by class, other figures."""
    ui, words = UI[lang], WORDS[lang]
    data = observatories()
    bands = data["classes"]["bands"]
    esc = html.escape
    out = [f'<section id="national"><h2>{esc(ui["title"])}</h2>',
           f'<p>{esc(ui["intro"].format(points=national["rule"]["points"], min_base=national["rule"]["min_base"]))}</p>']
    head = "".join(f'<th scope="col">{esc(ui[k])}</th>' for k in
                   ("col_figure", "col_ours", "col_population", "col_theirs", "col_denominator", "col_source",
                    "col_gap", "col_flag"))
    rows = []
    for comp in national["comparisons"]:
        ref = comp["ref"]
        den_words = esc(_denominator(ref, lang))
        extra = "".join(f'<br><span class="note">{esc(str(_en(ref, k, lang)))}</span>'
                        for k in ("derivation", "note") if _en(ref, k, lang))
        rows.append(f'<tr id="ref-{esc(ref["key"])}"><th scope="row">{esc(words[ref["figure"]])}</th>'
                    f'<td class="num">{esc(shown(comp["ours"], lang))}</td>'
                    f'<td>{esc(_population_words(ref.get("population") or {}, lang))}</td>'
                    f'<td class="num">{esc(percent(ref["value"] / 100, lang))}<br>'
                    f'<span class="note">« {esc(str(_en(ref, "published", lang)))} »</span></td>'
                    f'<td>{den_words}{extra}</td><td>{_source(ref, lang)}</td>'
                    f'<td class="num">{esc(_gap(comp["gap"], lang))}</td><td>{_flag(comp["flag"], lang)}</td></tr>')
    out.append(f'<table id="comparaisons"><caption>{esc(ui["caption_comparisons"])}</caption>'
               f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    anct_rows = [f for f in national["figures"] if f["anct"]]
    anct = national["anct"]
    if anct_rows:
        head = "".join(f'<th scope="col">{esc(ui[k])}</th>' for k in
                       ("col_figure", "col_anct", "col_ours_same", "col_gap", "col_flag"))
        body = "".join(
            f'<tr><th scope="row">{esc(words[f["key"]])}</th>'
            f'<td class="num">{esc(shown(dict(f["anct"]["theirs"], measured=True), lang))}<br>'
            f'<span class="note">{esc(_en(f["anct"], "words", lang))}</span></td>'
            f'<td class="num">{esc(shown(f["anct"]["ours"], lang))}</td>'
            f'<td class="num">{esc(_gap(f["anct"]["gap"], lang))}</td><td>{_flag(f["anct"]["flag"], lang)}</td></tr>'
            for f in anct_rows)
        href = safe_href(anct.get("url"))
        source = f'<a href="{esc(href)}">{esc(str(anct.get("source")))}</a>' if href else esc(str(anct.get("source")))
        out.append(f'<table id="selon-anct"><caption>{esc(ui["caption_anct"])}</caption>'
                   f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
                   f'<p class="note">{esc(ui["anct_note"])} {source}.</p>')
    for table_id, groups, label, caption in (
            ("par-type", national["kinds"], lambda k: kind_label(k, lang), ui["caption_kinds"]),
            ("par-population", national["classes"], lambda c: _class_label(c, bands, lang), ui["caption_classes"])):
        field = "by_kind" if table_id == "par-type" else "by_class"
        head = (f'<th scope="col">{esc(ui["col_figure"])}</th><th scope="col">{esc(ui["overall"])}</th>'
                + "".join(f'<th scope="col">{esc(label(g))}</th>' for g in groups))
        body = "".join(
            f'<tr><th scope="row">{esc(words[f["key"]])}</th><td class="num">{esc(shown(f["overall"], lang))}</td>'
            + "".join(f'<td class="num">{esc(shown(f[field][g], lang))}</td>' for g in groups) + "</tr>"
            for f in national["figures"])
        out.append(f'<table id="{table_id}"><caption>{esc(caption)}</caption>'
                   f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    out.append(f'<p class="note" id="classes-source">{esc(_en(data["classes"], "source", lang))}</p>')
    if national["context"]:
        items = "".join(f'<li>« {esc(str(_en(ref, "published", lang)))} » ({esc(_denominator(ref, lang))}) — '
                        f'{_source(ref, lang)}'
                        + (f' <span class="note">{esc(str(_en(ref, "note", lang)))}</span>' if _en(ref, "note", lang)
                           else "") + "</li>" for ref in national["context"])
        out.append(f'<h3>{esc(ui["context_title"])}</h3><ul id="autres-chiffres">{items}</ul>')
    out.append("</section>")
    return "".join(out)


def write_national_csv(national: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """chiffres_groupes.csv (one row per figure and group: ensemble, type, strate, selon_anct) and
    chiffres_observatoires.csv (one row per published figure set beside ours); cells neutralised."""
    paths = {"figures_groups_csv": Path(out_dir) / GROUPS_CSV, "figures_observatories_csv": Path(out_dir) / OBSERVATORIES_CSV}

    def share(c: dict[str, Any]) -> Any:
        return c["share"] if c.get("measured", True) else "non_mesure"

    with open(paths["figures_groups_csv"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["chiffre", "signal", "groupe", "valeur", "nombre", "base", "part", "non_etabli"])
        for f in national["figures"]:
            groups = [("ensemble", "", f["overall"])]
            groups += [("type", k, c) for k, c in f["by_kind"].items()]
            groups += [("strate", k, c) for k, c in f["by_class"].items()]
            if f["anct"]:
                theirs = f["anct"]["theirs"]
                groups.append(("selon_anct", "+".join(f["anct"]["criteria"]), dict(theirs, unknown="", measured=True)))
            for group, value, c in groups:
                writer.writerow([neutralise_formula(v) for v in (f["key"], f["signal"], group, value, c["count"],
                                                                 c["base"], share(c), c["unknown"])])
    with open(paths["figures_observatories_csv"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["reference", "chiffre", "notre_nombre", "notre_base", "notre_part", "leur_part",
                         "leur_denominateur", "leur_denominateur_nombre", "population", "source", "url", "date",
                         "ecart_points", "a_examiner"])
        for comp in national["comparisons"]:
            ref, ours = comp["ref"], comp["ours"]
            den = ref.get("denominator") or {}
            pop = ref.get("population") or {}
            population = "|".join(pop.get("kinds") or ["toutes"]) + (
                f">{pop['population_over']}" if pop.get("population_over") is not None else "")
            writer.writerow([neutralise_formula(v) for v in (
                ref["key"], ref["figure"], ours["count"], ours["base"], share(ours), ref["value"], den.get("words"),
                den.get("number"), population, ref.get("source"), ref.get("url"), ref.get("date"), comp["gap"],
                comp["flag"])])
    return paths
