"""What `--render` costs (issue 22): `tnl run` on the bench world without and with the rendered pass.

    PYTHONPATH=. .venv/bin/python -m bench.render                        # 1,000 and 4,000 pages, 100 ms per answer
    PYTHONPATH=. .venv/bin/python -m bench.render --sizes 10000 --workers 1,2
    PYTHONPATH=. .venv/bin/python -m bench.render --sizes 200 --before ""    # one site, a quick look

For each size (bench/world.py: N/200 sites of 200 pages of ~60 KB, a style sheet and a script each,
served on loopback by bench/slowserver.py after 100 ms), on the same generated world and one after the
other: (1) the code at commit `--before` (aa9d146: before issue 22's wiring; `git archive` into a
temporary folder) without --render, (2) the code of the working tree (copied into a temporary folder
when the bench starts: the others' edits during the bench do not mix in) without --render, (3) the same
with `--render` and each `--render-workers` asked. Each command is timed whole; its CPU is the whole
process tree's, Chromium's processes (grandchildren, and orphans) included: the bench makes itself the
children's subreaper (prctl PR_SET_CHILD_SUBREAPER), reaps every descendant and reads the rusage of all
of them; the tree is also sampled each second in /proc (summed RSS and PSS, the largest process, CPU by
program). With --render: render.json of each candidate (pages rendered, `pages[].seconds`, the pass's
`seconds`), the bytes of its render shard (crawl-render.warc.gz, index-render.jsonl) and of its
screenshots next to report.html (rendu/). Then the reports: those of (1) and (2) must be the same
once volatile keys are removed (dates, timings, versions, digests of rubric and catalogues, record ids);
those of (3) are compared with (2) too (what the rendered pass adds or changes). `--phases N` renders N
pages of the world in this process, with each phase timed (browser launch, page load, settle, DOM and
screenshot, axe-core). The reports are compared by bench/report_diff.py.

Prints figures; asserts nothing (they go to bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Self

from bench.report_diff import compare_runs
from bench.run import MAX_DEPTH, PAGES_PER_SITE, ROOT, _crawl_seconds, _index_counts, _siren, calibrate
from bench.world import Server, generate, host

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
PR_SET_CHILD_SUBREAPER = 36


# -- the code measured --------------------------------------------------------------------------------

def snapshot_tree(dest: Path) -> str:
    """The working tree's files (tracked and untracked, not ignored) copied to dest; git state untouched."""
    names = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    shutil.rmtree(dest, ignore_errors=True)
    copied = 0
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
            copied += 1
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True,
                           check=False).stdout
    return f"working tree on {head.strip()} ({len(dirty.splitlines())} files changed or new), {copied} files"


def archive_commit(commit: str, dest: Path) -> str:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    data = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, check=True, capture_output=True).stdout
    tar = dest.parent / f"{dest.name}.tar"
    tar.write_bytes(data)
    with tarfile.open(tar) as fh:
        fh.extractall(dest, filter="data")
    tar.unlink()
    subject = subprocess.run(["git", "log", "-1", "--format=%h %s", commit], cwd=ROOT, capture_output=True,
                             text=True, check=False).stdout.strip()
    return f"commit {subject[:100]}"


# -- measuring a whole process tree -------------------------------------------------------------------

def _proc_table() -> dict[int, tuple[int, str, int, int]]:
    """pid -> (ppid, program, CPU ticks, RSS in KB), from /proc/<pid>/stat."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                raw = fh.read()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw.rsplit(")", 1)[1].split()
        # after the comm: state ppid … utime (12th) stime (13th) … rss (22nd, pages)
        table[int(entry)] = (int(fields[1]), comm, int(fields[11]) + int(fields[12]), int(fields[21]) * PAGE_SIZE_KB)
    return table


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def program(comm: str) -> str:
    if comm.startswith(("chrom", "headless_shell")):
        return "chromium"
    if comm.startswith("node"):
        return "node (Playwright's driver)"
    if comm.startswith("python"):
        return "python (tnl)"
    return comm


RENDER_WORKER = "python (render workers)"  # the parent of a Playwright driver


class TreeSampler:
    """Each second: the processes that descend from `root` or that were re-parented to this process (the
    subreaper) and are not `exclude` (the bench server); their summed RSS and PSS, the largest one, and the
    last CPU seen for each (by program: an approximation, a process ending loses its last second)."""

    def __init__(self, root: int, exclude: set[int], interval: float = 1.0) -> None:
        self.root, self.exclude, self.interval = root, exclude, interval
        self.peak_rss_kb = self.peak_pss_kb = self.peak_one_kb = self.peak_count = 0
        self.peak_one_program = ""
        self.cpu_ticks: dict[int, tuple[str, int]] = {}  # pid -> (program, last CPU ticks seen)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _members(self, table: dict) -> list[int]:
        children: dict[int, list[int]] = {}
        for pid, (ppid, *_rest) in table.items():
            children.setdefault(ppid, []).append(pid)
        out, todo = [], [self.root] + [p for p in children.get(os.getpid(), []) if p not in self.exclude]
        seen = set()
        while todo:
            pid = todo.pop()
            if pid in seen or pid in self.exclude or pid not in table:
                continue
            seen.add(pid)
            out.append(pid)
            todo.extend(children.get(pid, []))
        return out

    def sample(self) -> None:
        table = _proc_table()
        members = self._members(table)
        rss = pss = 0
        drivers = {table[pid][0] for pid in members if program(table[pid][1]).startswith("node")}
        for pid in members:
            _, comm, ticks, kb = table[pid]
            known = self.cpu_ticks.get(pid, ("", 0))[0]
            label = RENDER_WORKER if pid in drivers or known == RENDER_WORKER else program(comm)
            self.cpu_ticks[pid] = (label, ticks)
            rss += kb
            pss += _pss_kb(pid)
            if kb > self.peak_one_kb:
                self.peak_one_kb, self.peak_one_program = kb, program(comm)
        self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)
        self.peak_count = max(self.peak_count, len(members))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def cpu_by_program(self) -> dict[str, float]:
        out: Counter = Counter()
        for prog, ticks in self.cpu_ticks.values():
            out[prog] += ticks / CLK_TCK
        return dict(out.most_common())

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


def _reap_orphans(keep: set[int], wait: float = 10.0) -> list[str]:
    """Reap the descendants re-parented to us once they exit; those still running after `wait` seconds are
    named (a browser left behind) and reaped later."""
    deadline = time.monotonic() + wait
    while True:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if pid == 0:
                break
        table = _proc_table()
        left = [p for p, (ppid, *_r) in table.items() if ppid == os.getpid() and p not in keep]
        if not left or time.monotonic() > deadline:
            return [f"{p} {table[p][1]}" for p in left]
        time.sleep(0.2)


def measured(cmd: list[str], cwd: Path, server_pid: int) -> dict:
    """Run a command; wall time, CPU of all its descendants (subreaper + rusage), peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started_epoch = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=cwd,
                            env=dict(os.environ, PYTHONPATH=str(cwd)))
    with TreeSampler(proc.pid, {server_pid}) as tree:
        chunks = []
        while True:  # drain the pipe ourselves so that wait4 (not communicate) reaps the child
            data = proc.stdout.read(65536)
            if not data:
                break
            chunks.append(data)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        left = _reap_orphans({server_pid})
        tree.sample()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "rc": proc.returncode, "started_epoch": started_epoch, "out": b"".join(chunks).decode(errors="replace"),
            "cpu": cpu, "cpu_user": after.ru_utime - before.ru_utime,
            "cpu_main_and_reaped": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": tree.peak_rss_kb / 1024, "tree_pss_mb": tree.peak_pss_kb / 1024,
            "largest_sampled_mb": tree.peak_one_kb / 1024, "largest_sampled_program": tree.peak_one_program,
            "processes_max": tree.peak_count, "cpu_by_program": tree.cpu_by_program(), "left_running": left}


# -- what a run wrote ---------------------------------------------------------------------------------

def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def render_figures(out: Path) -> dict:
    """render.json of every candidate, and the bytes the rendered pass added to its folder."""
    pages, passes, shard, shots, errors, axe_errors, consent = [], [], [], [], Counter(), Counter(), 0
    rendered = failed = 0
    for meta_path in sorted(out.glob("*/render.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        d = meta_path.parent
        passes.append(meta.get("seconds") or 0.0)
        for p in meta.get("pages") or []:
            pages.append(p.get("seconds") or 0.0)
            if p.get("error"):
                failed += 1
                errors[re.sub(r"\d+(\.\d+)?", "N", p["error"])[:90]] += 1
            else:
                rendered += 1
            if p.get("axe_error"):
                axe_errors[re.sub(r"\d+(\.\d+)?", "N", p["axe_error"])[:90]] += 1
        for e in meta.get("errors") or []:
            if not any(e.get("url") == p.get("url") for p in meta.get("pages") or []):
                errors[re.sub(r"\d+(\.\d+)?", "N", str(e.get("error")))[:90]] += 1
        consent += 1 if meta.get("consent") else 0
        shard.append(sum(p.stat().st_size for p in (d / "crawl-render.warc.gz", d / "index-render.jsonl")
                         if p.exists()) + meta_path.stat().st_size)
        shots.append(sum(p.stat().st_size for p in (d / "rendu").glob("*.png")) if (d / "rendu").exists() else 0)
    return {"candidates": len(passes), "pages": len(pages), "pages_ok": rendered, "pages_error": failed,
            "errors": dict(errors.most_common(5)), "axe_errors": dict(axe_errors.most_common(5)),
            "consent_visits": consent,
            "page_s": {"median": statistics.median(pages) if pages else float("nan"), "p95": _quantile(pages, 0.95),
                       "min": min(pages, default=float("nan")), "max": max(pages, default=float("nan")),
                       "mean": statistics.mean(pages) if pages else float("nan")},
            "pass_s": {"median": statistics.median(passes) if passes else float("nan"),
                       "max": max(passes, default=float("nan")), "sum": sum(passes)},
            "shard_bytes": {"median": statistics.median(shard) if shard else 0, "sum": sum(shard)},
            "screenshot_bytes": {"median": statistics.median(shots) if shots else 0, "sum": sum(shots)}}


def out_bytes(out: Path) -> int:
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


# -- the phases of one page, in this process ----------------------------------------------------------

def phases(urls: list[str], proxy_map: dict[str, str]) -> dict:
    """Render `urls` one after the other with one browser, each phase timed (bench-only wrappers around
    Playwright's calls and crawler.render.run_axe; the product code is not changed)."""
    from playwright.sync_api import Browser, BrowserContext, Page

    import crawler.render as render_mod

    spent: Counter = Counter()
    originals = []

    def timed(owner, name: str, label: str) -> None:
        original = getattr(owner, name)
        originals.append((owner, name, original))

        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                spent[label] += time.perf_counter() - t
        setattr(owner, name, wrapper)

    timed(Browser, "new_context", "context opened and closed")
    timed(BrowserContext, "close", "context opened and closed")
    timed(BrowserContext, "new_page", "context opened and closed")
    timed(Page, "goto", "page load (goto, until the load event)")
    timed(Page, "wait_for_load_state", "settle (network quiet, at most TNL_RENDER_SETTLE)")
    timed(Page, "content", "DOM serialised")
    timed(Page, "screenshot", "screenshot")
    timed(render_mod, "run_axe", "axe-core (script injected and rules run)")
    timed(render_mod, "find_consent", "consent manager looked for")
    per_page = []
    try:
        options = render_mod.RenderOptions(allow_private=True, host_rules=dict(proxy_map))
        t = time.perf_counter()
        renderer = render_mod.Renderer(options)
        renderer._browser_ready()  # the launch, once per worker
        launch = time.perf_counter() - t
        errors = []
        for url in urls:
            t = time.perf_counter()
            r = renderer.render(url, "first")
            per_page.append(time.perf_counter() - t)
            if r.error or r.axe_error:
                errors.append(r.error or r.axe_error)
        t = time.perf_counter()
        renderer.close()
        close = time.perf_counter() - t
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    n = max(1, len(per_page))
    accounted = sum(spent.values())
    return {"pages": len(per_page), "launch_s": launch, "close_s": close, "errors": errors[:3],
            "page_s": {"median": statistics.median(per_page) if per_page else float("nan"),
                       "mean": sum(per_page) / n},
            "per_page_s": {**{k: v / n for k, v in spent.most_common()},
                           "the rest (requests listed, cookies, storage)": (sum(per_page) - accounted) / n}}


# -- one size -----------------------------------------------------------------------------------------

def tnl_cmd(cands: Path, out: Path, net, n_sites: int, proxy: str, extra: list[str]) -> list[str]:
    resolve = [a for i in range(n_sites) for a in ("--resolve", f"{host(i)}={proxy}")]
    return [sys.executable, "-m", "tnl.cli", "-q", "run", str(cands), "--out", str(out),
            "--allow-private", "--delay", "0", "--max-pages", str(PAGES_PER_SITE), "--max-depth", str(MAX_DEPTH),
            "--datagouv-api", "http://api.bench.test/api/1", "--dns-server", net.dns_address,
            "--whois-server", net.whois_address, "--comptoir-url", "", "--sill-url", "",
            "--codegouv-accounts-url", "", *resolve, "--resolve", f"api.bench.test={proxy}", *extra]


def bench_size(work: Path, total: int, trees: dict[str, Path], workers: list[int], latency_ms: float, net,
               phase_pages: int, keep: bool) -> dict:
    n_sites = max(1, total // PAGES_PER_SITE)
    root = work / f"{total}"
    t0 = time.perf_counter()
    row: dict = {"total": total, **generate(root, n_sites, PAGES_PER_SITE), "latency_ms": latency_ms}
    row["generate_s"] = time.perf_counter() - t0
    cands = root / "candidates.yaml"
    with cands.open("w", encoding="utf-8") as fh:
        for i in range(n_sites):
            fh.write(f"- id: c{i:04d}\n  name: Commune {i}\n  kind: commune\n  siren: '{_siren(i)}'\n"
                     f"  websites: ['http://{host(i)}/']\n")
    variants = [("before", trees.get("before"), [])] if trees.get("before") else []
    variants.append(("without", trees["now"], []))
    variants += [(f"render-w{w}", trees["now"], ["--render", "--render-workers", str(w)]) for w in workers]
    row["runs"] = {}
    with Server(root, latency_ms) as server:
        proxy = f"127.0.0.1:{server.port}"
        for name, tree, extra in variants:
            out = root / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            speed = calibrate()
            load = os.getloadavg()[0]
            run = measured(tnl_cmd(cands, out, net, n_sites, proxy, extra), tree, server.proc.pid)
            run.update(calibration_ms=[speed, calibrate()], load_before=load, load_after=os.getloadavg()[0],
                       out=run["out"][-3000:], **_index_counts(out))
            run["crawl_s"] = _crawl_seconds(out, run["started_epoch"]) if run["rc"] == 0 else float("nan")
            run["reports"] = sum(1 for _ in out.glob("*/report.json"))
            run["warc_mb"] = sum(p.stat().st_size for p in out.glob("*/crawl.warc.gz")) / 1e6
            run["out_mb"] = out_bytes(out) / 1e6
            if extra:
                run["render"] = render_figures(out)
            row["runs"][name] = run
            print_run(name, run)
            if run["rc"] != 0:
                print(run["out"], file=sys.stderr)
        if phase_pages:
            urls = [f"http://{host(0)}/"] + [f"http://{host(0)}/p/{k}.html" for k in range(1, phase_pages)]
            row["phases"] = phases(urls, {host(0): proxy})
            print_phases(row["phases"])
    outs = {name: root / f"out-{name}" for name in row["runs"]}
    row["compare"] = {}
    if "before" in outs:
        row["compare"]["before/without"] = compare_runs(outs["before"], outs["without"])
    for name, out in outs.items():
        if name.startswith("render-"):
            row["compare"][f"without/{name}"] = compare_runs(outs["without"], out)
    for label, diff in row["compare"].items():
        print_compare(label, diff)
    if not keep:
        shutil.rmtree(root / "sites", ignore_errors=True)
        for out in outs.values():
            shutil.rmtree(out, ignore_errors=True)
    return row


# -- printing -----------------------------------------------------------------------------------------

def print_run(name: str, run: dict) -> None:
    cpu = ", ".join(f"{k} {v:.0f} s" for k, v in run["cpu_by_program"].items() if v >= 0.5)
    print(f"   {name}: rc {run['rc']}, {run['wall']:.1f} s (crawl ended at {run['crawl_s']:.1f} s), CPU {run['cpu']:.0f} s "
          f"(sampled: {cpu}); memory: largest process {run['rss_mb']:.0f} MB (sampled {run['largest_sampled_mb']:.0f} MB, "
          f"{run['largest_sampled_program']}), tree RSS {run['tree_rss_mb']:.0f} MB / PSS {run['tree_pss_mb']:.0f} MB, "
          f"{run['processes_max']} processes at most; {run['pages']} pages, {run['reports']} reports; WARC "
          f"{run['warc_mb']:.0f} MB, output {run['out_mb']:.0f} MB; CPU calibration {run['calibration_ms'][0]:.0f}/"
          f"{run['calibration_ms'][1]:.0f} ms, load {run['load_before']:.1f} → {run['load_after']:.1f}")
    if run["left_running"]:
        print(f"      left running after the command: {run['left_running']}")
    r = run.get("render")
    if r:
        print(f"      rendered: {r['pages']} pages of {r['candidates']} candidates ({r['pages_ok']} without error); "
              f"per page median {r['page_s']['median']:.2f} s, p95 {r['page_s']['p95']:.2f} s, max "
              f"{r['page_s']['max']:.2f} s; pass per candidate median {r['pass_s']['median']:.1f} s, max "
              f"{r['pass_s']['max']:.1f} s, sum {r['pass_s']['sum']:.0f} s; render shard per candidate "
              f"{r['shard_bytes']['median'] / 1e6:.2f} MB, screenshots {r['screenshot_bytes']['median'] / 1e6:.2f} MB"
              f"; consent visits {r['consent_visits']}")
        if r["errors"] or r["axe_errors"]:
            print(f"      errors: {r['errors']} axe: {r['axe_errors']}")


def print_phases(p: dict) -> None:
    print(f"   phases, {p['pages']} pages rendered in this process: browser launch {p['launch_s']:.2f} s (once per "
          f"worker), close {p['close_s']:.2f} s; per page {p['page_s']['mean']:.2f} s (median "
          f"{p['page_s']['median']:.2f} s):")
    for k, v in p["per_page_s"].items():
        print(f"      {k}: {v:.3f} s")
    if p["errors"]:
        print(f"      errors: {p['errors']}")


def print_compare(label: str, diff: dict) -> None:
    print(f"   reports {label}: {diff['candidates']} candidates compared, {diff['identical']} identical once "
          f"volatile keys are removed; signals: {diff['signals_same']} the same, added {diff['signals_added']}, "
          f"removed {diff['signals_removed']}, changed {diff['signals_changed']}")
    if diff["changed_ids"]:
        print(f"      signals changed: {diff['changed_ids']}")
    for path, count in list(diff["paths"].items())[:15]:
        print(f"      differs: {path} ({count} candidates)")
    print("      volatile keys set aside (candidates): " + ", ".join(f"{p} {n}" for p, n in diff["volatile"].items()))
    print(f"      outcome: {diff['outcomes']}")
    if diff["added"]:
        print(f"      signals added: {diff['added']}")
    for line in diff["examples"][:6]:
        print(f"      e.g. {line}")


def print_table(rows: list[dict]) -> None:
    print("\n== summary (wall, CPU of the whole tree, peak memory; with --render: the difference to `without`)")
    print(f"   {'pages':>6} {'run':<12} {'wall s':>8} {'CPU s':>7} {'largest MB':>11} {'tree PSS MB':>12} "
          f"{'rendered':>9} {'s/page med':>11} {'p95':>6} {'pass s med':>11} {'shard MB/c':>11} {'Δwall s':>8} "
          f"{'ΔCPU s':>7}")
    for row in rows:
        base = row["runs"].get("without")
        for name, run in row["runs"].items():
            r = run.get("render") or {}
            dw = run["wall"] - base["wall"] if r and base else float("nan")
            dc = run["cpu"] - base["cpu"] if r and base else float("nan")
            print(f"   {row['pages']:>6} {name:<12} {run['wall']:>8.1f} {run['cpu']:>7.0f} {run['rss_mb']:>11.0f} "
                  f"{run['tree_pss_mb']:>12.0f} {r.get('pages', ''):>9} "
                  f"{(r.get('page_s') or {}).get('median', float('nan')):>11.2f} "
                  f"{(r.get('page_s') or {}).get('p95', float('nan')):>6.2f} "
                  f"{(r.get('pass_s') or {}).get('median', float('nan')):>11.1f} "
                  f"{(r.get('shard_bytes') or {}).get('median', 0) / 1e6:>11.2f} {dw:>8.1f} {dc:>7.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="total pages per world, comma-separated (10000: optional)")
    parser.add_argument("--workers", default="1", help="--render-workers values, comma-separated (e.g. 1,2)")
    parser.add_argument("--before", default="aa9d146",
                        help="commit whose reports without --render must be the same (empty: not run)")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--phases", type=int, default=10, help="pages rendered in this process, phases timed (0: no)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tnl-bench-render"))
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the sites and the output folders")
    args = parser.parse_args(argv)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("prctl(PR_SET_CHILD_SUBREAPER) refused: orphans' CPU is not counted", file=sys.stderr)
    from demo.netdoubles import NetDoubles

    load = os.getloadavg()
    meminfo = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()
    mem = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPU, {mem / 2**20:.0f} GB, Python "
          f"{platform.python_version()}, {chromium}; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"server latency {args.latency_ms:g} ms")
    args.work.mkdir(parents=True, exist_ok=True)
    trees = {"now": args.work / "code-now"}
    print(f"   now: {snapshot_tree(trees['now'])}")
    if args.before:
        trees["before"] = args.work / "code-before"
        print(f"   before: {archive_commit(args.before, trees['before'])}")
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    rows = []
    started = time.perf_counter()
    with NetDoubles() as net:
        for total in (int(s) for s in args.sizes.split(",")):
            print(f"\n== {total} pages: {max(1, total // PAGES_PER_SITE)} candidates × {PAGES_PER_SITE} pages")
            rows.append(bench_size(args.work, total, trees, workers, args.latency_ms, net,
                                   args.phases if not rows else 0, args.keep))
            if args.json:
                args.json.write_text(json.dumps(rows, indent=1, default=str))
    print_table(rows)
    load = os.getloadavg()
    print(f"\ntotal {time.perf_counter() - started:.0f} s; load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
