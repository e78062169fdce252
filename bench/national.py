"""The "national" size of the bench: thousands of candidates of a few pages each, on loopback.

    PYTHONPATH=. .venv/bin/python -m bench.national                    # 5,000 candidates, 100 ms per answer
    PYTHONPATH=. .venv/bin/python -m bench.national --candidates 500   # a quick look

What a national run costs is mostly per candidate, not per page: a crawler to start, DNS, WHOIS and
TLS facts, robots.txt, the HTTPS probes, the data.gouv.fr API, a report. This size measures that:
`tnl run` over N candidates of PAGES pages each (~8 KB pages, a style sheet and a script, one PDF),
timed whole, with its peak memory (the largest process, and the whole process tree sampled every
second), the requests each candidate cost before its pages (counted where they arrive: the bench
server's request log, the DNS and WHOIS doubles' query logs) and the largest HTML file the run wrote.

The world is shaped like the real one where it changes the fixed cost: 7 candidates in 10 have their
own registrable domain (www.commune-NNNNN.test), 2 in 10 a host under one of 50 intercommunal
domains (commune-NNNNN.cc-KK.test), 1 in 10 a host under a website builder's domain
(commune-NNNNN.sitebuilder.test). No site speaks TLS (the bench server refuses every CONNECT): the
case where a site without TLS cost the most. Candidates spread over 101 départements.

Prints figures; asserts nothing (they go to bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from bench.run import ROOT, _siren, calibrate
from bench.world import Server

PAGES = 5  # pages per site, the homepage included
PAGE_TEXT = 6_000  # characters of text per page: a small commune's page
SHARED_CC = 50  # intercommunal domains hosting 2 candidates in 10
API_HOST = "api.bench.test"
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
_WORDS = ("commune conseil municipal délibération mairie école cantine travaux voirie budget associations "
          "culture sport bibliothèque urbanisme état civil déchets transport accessibilité numérique logiciel "
          "libre données ouvertes démarches en ligne horaires accueil agenda patrimoine environnement").split()


def host(i: int) -> str:
    slot = i % 10
    if slot < 7:
        return f"www.commune-{i:05d}.test"
    if slot < 9:
        return f"commune-{i:05d}.cc-{(i // 10) % SHARED_CC:02d}.test"
    return f"commune-{i:05d}.sitebuilder.test"


def _page(i: int, k: int) -> str:
    nav = "".join(f'<li><a href="{"/" if j == 0 else f"/p/{j}.html"}">Rubrique {j}</a></li>' for j in range(PAGES))
    words = [_WORDS[(i * 7 + k * 13 + n) % len(_WORDS)] for n in range(PAGE_TEXT // 9)]
    text = "".join(f"<p>{' '.join(words[n:n + 60]).capitalize()}.</p>\n" for n in range(0, len(words), 60))
    doc = '<p><a href="/docs/deliberation.pdf">Délibération (PDF)</a></p>' if k == 1 else ""
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Page {k} — Commune {i}</title>'
            '<meta name="generator" content="SPIP 4.2"><link rel="stylesheet" href="/style.css">'
            '<script src="/app.js" defer></script></head><body>'
            f'<header><a href="/">Commune {i}</a><nav><ul>{nav}</ul></nav></header><main><h1>Page {k}</h1>'
            f'{text}{doc}</main><footer><a href="/p/1.html">Mentions légales</a> '
            '<a href="/p/2.html">Accessibilité : non conforme</a></footer></body></html>\n')


_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Producer(LibreOffice 7.5)>>endobj\ntrailer<</Root 1 0 R/Info 3 0 R>>\n%%EOF\n")


def generate(root: Path, n: int) -> dict:
    """N sites under root/sites/<host>/ and root/candidates.yaml (deterministic)."""
    sites = root / "sites"
    if sites.exists():
        shutil.rmtree(sites)
    for i in range(n):
        base = sites / host(i)
        (base / "p").mkdir(parents=True)
        (base / "docs").mkdir()
        (base / "robots.txt").write_text("User-agent: *\nDisallow:\n")
        (base / "style.css").write_text("body{font-family:Marianne,sans-serif}\n" * 50)
        (base / "app.js").write_text("window.app=window.app||{};\n" * 200)
        (base / "docs" / "deliberation.pdf").write_bytes(_PDF)
        for k in range(PAGES):
            (base / ("index.html" if k == 0 else f"p/{k}.html")).write_text(_page(i, k), encoding="utf-8")
    with (root / "candidates.yaml").open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(f"- id: c{i:05d}\n  name: Commune {i}\n  kind: commune\n  siren: '{_siren(i)}'\n"
                     f"  population: {200 + (i * 37) % 20000}\n  departement: '{DEPARTEMENTS[i % len(DEPARTEMENTS)]}'\n"
                     f"  websites: ['http://{host(i)}/']\n")
    from ground.hosts import registered_domain

    return {"candidates": n, "pages_per_site": PAGES, "registrable_domains": len({registered_domain(host(i))
                                                                                 for i in range(n)})}


class TreeMemory:
    """Peak of the summed RSS of a process and all its descendants, sampled every second (/proc)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(children.get(pid, []))
        return out

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
                        total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
                except OSError:
                    continue
            self.peak_kb = max(self.peak_kb, total)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _run_measured(cmd: list[str], env: dict) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    with TreeMemory(proc.pid) as tree:
        chunks = []
        while True:
            data = proc.stdout.read(65536)
            if not data:
                break
            chunks.append(data)
        _, status, usage = os.wait4(proc.pid, 0)
    return {"wall": time.perf_counter() - started, "rc": os.waitstatus_to_exitcode(status),
            "out": b"".join(chunks).decode(errors="replace"), "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "tree_rss_mb": tree.peak_kb / 1024}


def server_counts(log: Path) -> Counter:
    """What the bench server received, by kind: https attempts (CONNECT), robots.txt, the http probe
    (Upgrade-Insecure-Requests: 1), the API, and the rest (pages, documents, assets)."""
    counts: Counter = Counter()
    if not log.exists():
        return counts
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        method, host_, path, probe = (line.split("\t") + ["", "", "", ""])[:4]
        if method == "CONNECT":
            counts["https_connect"] += 1
        elif host_ == API_HOST:
            counts["api"] += 1
        elif path.split("?", 1)[0] == "/robots.txt":
            counts["robots_http"] += 1
        elif probe == "1":
            counts["probe_http"] += 1
        else:
            counts["pages_documents_assets"] += 1
    return counts


def largest_html(out: Path) -> dict:
    """The largest HTML file the run wrote, anywhere under out/, and the largest that is not a
    candidate's own report.html (the overview's pages)."""
    biggest = {"all": (0, ""), "overview": (0, "")}
    for path in out.rglob("*.html"):
        size = path.stat().st_size
        rel = str(path.relative_to(out))
        if size > biggest["all"][0]:
            biggest["all"] = (size, rel)
        if path.name != "report.html" and size > biggest["overview"][0]:
            biggest["overview"] = (size, rel)
    return {k: {"bytes": v[0], "path": v[1]} for k, v in biggest.items()}


def bench(work: Path, n: int, latency_ms: float, extra: list[str], keep: bool) -> dict:
    root = work / f"national-{n}"
    t0 = time.perf_counter()
    row: dict = {**generate(root, n), "latency_ms": latency_ms}
    row["generate_s"] = time.perf_counter() - t0
    from demo.netdoubles import NetDoubles

    log = root / "requests.log"
    log.unlink(missing_ok=True)
    os.environ["BENCH_REQUEST_LOG"] = str(log)  # read by bench.slowserver (the server inherits it)
    try:
        with NetDoubles() as net, Server(root, latency_ms) as server:
            proxy = f"127.0.0.1:{server.port}"
            out = root / "out"
            shutil.rmtree(out, ignore_errors=True)
            resolve = [a for i in range(n) for a in ("--resolve", f"{host(i)}={proxy}")]
            cmd = [sys.executable, "-m", "tnl.cli", "-q", "run", str(root / "candidates.yaml"), "--out", str(out),
                   "--allow-private", "--delay", "0", "--max-pages", str(PAGES * 2), "--max-depth", "3",
                   "--datagouv-api", f"http://{API_HOST}/api/1", "--dns-server", net.dns_address,
                   "--whois-server", net.whois_address, "--comptoir-url", "", "--sill-url", "",
                   "--codegouv-accounts-url", "", *resolve, "--resolve", f"{API_HOST}={proxy}", *extra]
            row["command"] = " ".join(a for a in cmd[2:] if not a.startswith(("www.", "commune-", "--resolve")))
            row["run"] = _run_measured(cmd, dict(os.environ, PYTHONPATH=str(ROOT)))
            row["dns_queries"] = len(getattr(net.dns, "queries", []))
            row["whois_queries"] = len(getattr(net.whois, "queries", []))
    finally:
        os.environ.pop("BENCH_REQUEST_LOG", None)
    row["server"] = dict(server_counts(log))
    row["html"] = largest_html(out)
    row["warc_mb"] = sum(p.stat().st_size for p in out.glob("*/*.warc.gz")) / 1e6
    row["out_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    row["reports"] = sum(1 for _ in out.glob("*/report.json"))
    if not keep:
        shutil.rmtree(root / "sites", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    return row


def report(row: dict) -> None:
    n, run, s = row["candidates"], row["run"], row["server"]
    fixed = {"DNS": row["dns_queries"], "WHOIS": row["whois_queries"], "https (CONNECT)": s.get("https_connect", 0),
             "robots.txt http": s.get("robots_http", 0), "http probe": s.get("probe_http", 0), "API": s.get("api", 0)}
    total = sum(fixed.values())
    print(f"\n== national: {n} candidates × {row['pages_per_site']} pages, {row['registrable_domains']} registrable "
          f"domains, server latency {row['latency_ms']:g} ms (generated in {row['generate_s']:.0f} s)")
    print(f"   tnl run: rc {run['rc']}, {run['wall']:.0f} s ({run['wall'] / n * 1000:.0f} ms of wall time "
          "per candidate), "
          f"CPU {run['cpu']:.0f} s ({run['cpu'] / n * 1000:.0f} ms per candidate); peak RSS: largest process "
          f"{run['rss_mb']:.0f} MB, whole process tree {run['tree_rss_mb']:.0f} MB; {row['reports']} reports")
    print(f"   requests before pages: {total} ({total / n:.2f} per candidate): "
          + ", ".join(f"{k} {v} ({v / n:.2f})" for k, v in fixed.items()))
    print(f"   pages, documents and assets received by the server: {s.get('pages_documents_assets', 0)}")
    h = row["html"]
    print(f"   largest HTML: {h['all']['bytes'] / 1e6:.2f} MB ({h['all']['path']}); largest not a report.html: "
          f"{h['overview']['bytes'] / 1e6:.2f} MB ({h['overview']['path']})")
    print(f"   disk: WARC {row['warc_mb']:.0f} MB, whole output {row['out_mb']:.0f} MB")
    if run["rc"] != 0:
        print(run["out"][-3000:], file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tnl-bench"))
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the sites and the output folder")
    parser.add_argument("extra", nargs="*", help="more options for `tnl run` (after --)")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    speed = calibrate()
    row = bench(args.work, args.candidates, args.latency_ms, args.extra, args.keep)
    row["calibration_ms"] = [speed, calibrate()]
    print("   CPU speed: reference loop %.0f ms before, %.0f ms after" % tuple(row["calibration_ms"]))
    report(row)
    if args.json:
        row["run"].pop("out", None)
        args.json.write_text(json.dumps(row, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
