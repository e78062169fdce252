"""The overview of a national run, rendered alone: time and memory for N candidates (issue 21).

    PYTHONPATH=. .venv/bin/python -m bench.overview_scale                      # 36,400 candidates
    PYTHONPATH=. .venv/bin/python -m bench.overview_scale --candidates 5000 --lang en

No crawl: N reports shaped like a real one (41 signals with their French and English titles and
descriptions, five domains' levels with their signal rows, the edition's outcome: ~52 KB of JSON
before tnl.pipeline.summary, as a demo candidate's summary was), reduced by tnl.pipeline.summary as
`tnl run` reduces them for the overview, each parsed from JSON so that its strings are its own (as
received from the worker processes). Each measure runs in a child process: its peak resident memory is its own.

Measures: the whole `render_overview` (index.html by région and département, overview.csv,
overview.xlsx, chiffres, prospects), and its parts alone: the national HTML pages
(reports.overview_national) and the workbook. Prints figures; asserts nothing (bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
DESCRIPTION = ("Ce que mesure ce signal, d'où il vient et pourquoi il compte pour le label : une phrase longue "
               "comme celles du catalogue, avec sa référence à un texte de loi ou à un référentiel public. ") * 2


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _sample():
    """The renderer tests' sample reports (tests/reports/national_sample.py)."""
    if str(ROOT / "tests" / "reports") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests" / "reports"))
    import national_sample

    return national_sample


def template() -> dict:
    """One report as tnl.pipeline.summary leaves it (the renderer tests' sample report, given a real
    report's 41 signals, their descriptions, the levels' signal rows)."""
    report = _sample().national_report(0)
    domains = [d["id"] for d in report["domains"]]
    base = report["signals"]
    report["signals"] = [dict(base[k % len(base)], id=f"signal_{k:02d}", domain=domains[k % 5],
                              description=DESCRIPTION, title_en=f"Signal {k} title", description_en=DESCRIPTION)
                         for k in range(41)]
    for d in report["domains"]:
        d["signals"] = [s["id"] for s in report["signals"] if s["domain"] == d["id"]]
    report["levels"] = [dict(lv, status="evalue", score=0.5, points=3.0, max_points=6.0,
                             signals=[{"id": s["id"], "title": s["title"], "weight": 1.0, "points": 0.5,
                                       "assessment": s["assessment"], "applicable": True}
                                      for s in report["signals"] if s["domain"] == lv["domain"]],
                             to_raise=[]) for lv in report["levels"]]
    report["rubric"] = {"path": "défaut", "edition": 2025, "sha256": "0" * 64}
    report["evaluation"] = {"levels_given": 5, "unreachable": None, "summary": "niveaux donnés dans les 5 domaines"}
    from tnl.pipeline import summary

    return summary(report)


def summaries(n: int) -> list[dict]:
    """N summaries, each parsed from its own JSON text (its own strings, as received by pickle)."""
    from tnl.pipeline import shared_strings

    outcome = _sample().outcome
    base = template()
    out = []
    for i in range(n):
        report = json.loads(json.dumps(base, ensure_ascii=False))
        dep = DEPARTEMENTS[i % len(DEPARTEMENTS)]
        report["candidate"].update(id=f"commune-{i:05d}", name=f"Commune {i:05d}", siren=f"{200000000 + i:09d}",
                                   departement=dep, insee=None, region=None)
        report["outcome"] = outcome(i)
        out.append(shared_strings(report) if SHARED else report)  # as `tnl run` keeps them (tnl.pipeline)
    return out


SHARED = True  # --no-shared: the summaries as they were before tnl.pipeline.shared_strings


def _measure(stage: str, n: int, lang: str, out: Path, queue) -> None:
    sys.path.insert(0, str(ROOT))
    from reports.overview import domain_list, overview_frame, render_overview, signal_columns
    from reports.overview_national import render_national
    from reports.workbook import write_workbook

    start = time.perf_counter()
    reports = summaries(n)
    made = time.perf_counter() - start
    before = _rss_mb()
    start = time.perf_counter()
    if stage == "overview":
        render_overview(reports, out, lang)
    elif stage == "national":
        render_national(reports, out, lang, domain_list(reports),
                        {"html": "index.html", "csv": "overview.csv", "xlsx": "overview.xlsx", "figures": "chiffres.html"})
    elif stage == "xlsx":
        write_workbook(out / "overview.xlsx", overview_frame(reports), reports, domain_list(reports),
                       signal_columns(reports), lang)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"stage": stage, "summaries_s": round(made, 1), "rss_with_summaries_mb": round(before),
               "seconds": round(seconds, 1), "peak_mb": round(peak), "added_mb": round(peak - before)})


def measure(stage: str, n: int, lang: str, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_measure, args=(stage, n, lang, out, queue))
    child.start()
    row = queue.get()
    child.join()
    html = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    row.update(html_pages=len(html), largest_html=f"{html[0].relative_to(out)} {html[0].stat().st_size:,} B" if html else "",
               files={p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()})
    search = out / "departements" / "recherche.js"
    if search.is_file():
        row["search_index_bytes"] = search.stat().st_size
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=36_400)
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--stages", default="national,xlsx,overview", help="among national, xlsx, overview")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tnl-bench-overview"))
    parser.add_argument("--no-shared", action="store_true", help="summaries without interned strings (before)")
    args = parser.parse_args(argv)
    global SHARED
    SHARED = not args.no_shared
    print(f"{platform.machine()}, {multiprocessing.cpu_count()} CPU, Python {platform.python_version()}; "
          f"{args.candidates:,} candidates, lang {args.lang}")
    sample = json.dumps(template(), ensure_ascii=False)
    print(f"one summary: {len(sample.encode()):,} bytes of JSON")
    for stage in args.stages.split(","):
        row = measure(stage, args.candidates, args.lang, args.work / stage)
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
