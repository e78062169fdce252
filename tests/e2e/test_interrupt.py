"""Ctrl-C on a real `tnl run`: said at once, requests stop within seconds, exit 130, the reports written
say the crawl is incomplete and how to resume; the resumed run completes them without doubled rows.

The site is served by this module on 127.0.0.1 (a `.test` name through --resolve), each page after a
delay, so that the crawl is under way when the signal comes. The server notes when each request
arrived: that is how "no request after the stop" is measured. Time bounds are generous (the machine
may be busy); the issue's target is 2 s.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
from html import escape
from pathlib import Path

import pytest
import yaml

from tests.loopback import QuietHandler, serving

ROOT = Path(__file__).resolve().parents[2]
HOST = "www.lente-exemple.test"
API = "api.donnees.test"
PAGES = 40
BROKEN = 3  # links to pages that answer 404, read first (linked from the homepage)
DELAY = 0.4  # seconds before each page's answer
STOP_BOUND = 6.0  # seconds after SIGINT by which requests must have stopped (target: 2)


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        host, path = self.host_and_path()
        if host == API:
            self._send(200, b'{"data": [], "next_page": null}', "application/json")
            return
        self.server.hits.append((time.monotonic(), path))
        if path == "/robots.txt":
            self._send(404, b"", "text/plain")
            return
        time.sleep(DELAY if self.server.slow else 0)
        if path.startswith("/casse-"):
            self._send(404, b"<html><body>introuvable</body></html>")
            return
        links = [f'<a href="/casse-{n}">Lien cassé {n}</a>' for n in range(BROKEN)] if path == "/" else []
        links += [f'<a href="/page-{n}">Page {n}</a>' for n in range(PAGES)]
        title = "Mairie de Lente-Exemple" if path == "/" else f"Page {escape(path)}"
        body = (f'<!DOCTYPE html><html lang="fr"><head><title>{title}</title></head><body><h1>{title}</h1>'
                f'<p>Texte propre à {escape(path)} : {"mot " * (len(path) % 7)}.</p>'
                + " ".join(links) + "</body></html>")
        self._send(200, body.encode("utf-8"))

    do_HEAD = do_GET


@pytest.fixture
def site():
    # Connections the stopped crawl dropped are expected: not printed.
    with serving(_Handler, quiet_errors=True, hits=[], slow=True) as server:
        yield server


def _args(site, tmp: Path) -> list[str]:
    from tests.faults.candidates import siren

    cands = tmp / "candidats.yaml"
    cands.write_text(yaml.safe_dump([{"id": "lente", "name": "Mairie de Lente", "kind": "commune",
                                      "siren": siren(951), "websites": [f"http://{HOST}/"]}]), encoding="utf-8")
    port = site.server_address[1]
    return ["run", str(cands), "--out", str(tmp / "out"), "--allow-private", "--delay", "0", "--jobs", "1",
            "--datagouv-api", f"http://{API}/api/1", "--comptoir-url", "", "--sill-url", "",
            "--codegouv-accounts-url", "", "--resolve", f"{HOST}=127.0.0.1:{port}",
            "--resolve", f"{API}=127.0.0.1:{port}"]


def _tnl(args: list[str]) -> subprocess.Popen:
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _read_lines(stream, into: list, stamps: list) -> threading.Thread:
    def pump():
        for line in stream:
            into.append(line)
            stamps.append(time.monotonic())
    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


def test_ctrl_c_stops_at_once_marks_the_reports_and_the_same_command_resumes(site, tmp_path):
    args = _args(site, tmp_path)
    out = tmp_path / "out"
    child = _tnl(args)
    err: list[str] = []
    err_at: list[float] = []
    pump = _read_lines(child.stderr, err, err_at)
    index = out / "lente" / "index.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        # A few pages read (the index also holds probes, robots.txt…): the crawl is under way.
        if index.exists() and sum('"kind": "page"' in line for line in open(index, encoding="utf-8")) >= 5:
            break
        time.sleep(0.05)
    assert child.poll() is None, "the crawl ended before it could be interrupted"
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    stdout = child.stdout.read()
    assert child.wait(timeout=120) == 130, "".join(err)[-3000:]
    pump.join(timeout=10)
    stderr = "".join(err)

    # Said at once, on its own line.
    said = [at for line, at in zip(err, err_at) if "arrêt demandé" in line]
    assert said and said[0] - sent < STOP_BOUND, stderr[-2000:]
    # No request arrived once the stop had time to act.
    late = [path for at, path in site.hits if at > sent + STOP_BOUND]
    assert late == [], late
    # The reports were written, and say the crawl is incomplete, and how to resume.
    assert "Relancez la même commande pour la reprendre" in stderr, stderr[-2000:]
    report = json.loads((out / "lente" / "report.json").read_text(encoding="utf-8"))
    assert report["crawl"]["complete"] is False
    assert report["crawl"]["incomplete"] == "collecte interrompue (relancer la même commande pour la reprendre)"
    html = (out / "lente" / "report.html").read_text(encoding="utf-8")
    assert 'id="collecte-incomplete"' in html and "Collecte incomplète" in html
    with open(out / "overview.csv", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["crawl_complete"] == "False"
    assert "Rapports écrits" in stdout  # the summary, then the interruption said on stderr

    # The same command resumes and completes: the reports become complete; every error once.
    site.slow = False
    proc = subprocess.run([sys.executable, "-c", "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))",
                           *args, "--quiet"], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((out / "lente" / "report.json").read_text(encoding="utf-8"))
    assert report["crawl"]["complete"] is True and report["crawl"]["incomplete"] is None
    # The three broken links, once each (counted by hand: no other page fails on this site); the
    # other rows (DNS and WHOIS not asked for a reserved name) once each too; no "interrompue" row.
    pages = sorted(e["url"] for e in report["errors"] if e["kind"] == "page")
    assert pages == [f"http://{HOST}/casse-{n}" for n in range(BROKEN)]
    keys = [(e["url"], e["kind"]) for e in report["errors"]]
    assert len(keys) == len(set(keys)) and not [e for e in report["errors"] if e["kind"] == "crawl"]
    assert report["crawl"]["counts"]["pages"] == 1 + PAGES
    with open(out / "overview.csv", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["crawl_complete"] == "True"
