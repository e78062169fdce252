"""The fixed cost of a candidate (issue 21): what it asks before its pages, counted where it arrives.

One real `tnl crawl` of six fictional candidates against this module's loopback proxy (absolute-form
requests; `CONNECT` answered as each host's HTTPS would be) and the DNS and WHOIS doubles of
demo/netdoubles.py, which log every query they receive:
- www.sans-tls.test: no TLS (the proxy answers 502 to CONNECT), its homepage links an https page of
  its own and two pages of docs.sans-tls.test, which has no TLS either and no TLS fact before the crawl;
- www.tls-casse.test: the tunnel opens, then plain HTTP where a TLS handshake was expected; its homepage
  links two pages of autre.tls-casse.test, which does the same;
- www.refuse.test: mapped to a closed port (connection refused);
- www.lent.test: robots.txt answers at once, every other page waits longer than --timeout;
- commune-a.agglo.test and commune-b.agglo.test: two candidates under one registrable domain.
Expected values are written by hand from this setup.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from dnslib import RR

from demo.netdoubles import DnsDouble, WhoisDouble
from tests.loopback import QuietHandler, serving

ROOT = Path(__file__).resolve().parents[2]
SANS_TLS, DOCS = "www.sans-tls.test", "docs.sans-tls.test"
TLS_CASSE, AUTRE = "www.tls-casse.test", "autre.tls-casse.test"
REFUSE, LENT = "www.refuse.test", "www.lent.test"
COMMUNE_A, COMMUNE_B = "commune-a.agglo.test", "commune-b.agglo.test"
API = "api.fixe.test"
TIMEOUT = 1.0  # --timeout: www.lent.test answers after STALL seconds
STALL = 3.0
WHOIS_PACE = 0.5  # --whois-pace
API_PACE = 0.3  # --datagouv-pace
RUN_TIMEOUT = 240  # a hang guard, not a speed target

ZONE = """$ORIGIN agglo.test.
$TTL 3600
@ IN SOA ns1.agglo.test. hostmaster.agglo.test. 1 7200 3600 1209600 3600
@ IN MX 10 mx.agglo.test.
@ IN A 192.0.2.10
commune-a IN A 192.0.2.11
commune-b IN A 192.0.2.12
"""
AGGLO_WHOIS = """%% This is the AFNIC Whois server.

domain:      agglo.test
holder-c:    AG1-FRNIC
registrar:   Registrar public
created:     2009-05-12T10:00:00Z

nic-hdl:     AG1-FRNIC
type:        ORGANIZATION
contact:     Communauté d'agglomération d'Essai
anonymous:   NO
"""


def _page(title: str, links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1><ul>{items}</ul></body></html>").encode()


LINKS = {
    SANS_TLS: ["/actualites", f"https://{SANS_TLS}/agenda", f"https://{DOCS}/guide", f"https://{DOCS}/tarifs"],
    TLS_CASSE: ["/actualites", f"https://{AUTRE}/guide", f"https://{AUTRE}/tarifs"],
    COMMUNE_A: ["/actualites"], COMMUNE_B: ["/actualites"],
}


class _Handler(QuietHandler):
    timeout = 10

    def do_GET(self) -> None:
        host, path = self.host_and_path()
        self.server.log.append((time.monotonic(), "GET", host, path, self.headers.get("Upgrade-Insecure-Requests")))
        if host == API:
            self._send(200, b'{"data": [], "next_page": null}', "application/json")
        elif path == "/robots.txt":
            self._send(404, b"introuvable\n", "text/plain")
        elif host == LENT:
            time.sleep(STALL)  # longer than --timeout: the crawler has gone
            self.close_connection = True
        elif host in LINKS:
            self._send(200, _page(f"{host}{path}", LINKS[host] if path == "/" else []))
        else:
            self._send(404, b"introuvable\n", "text/plain")

    def do_CONNECT(self) -> None:
        host = self.path.rsplit(":", 1)[0].lower()
        self.server.log.append((time.monotonic(), "CONNECT", host, "", None))
        if host in (TLS_CASSE, AUTRE):  # the tunnel opens, then plain HTTP instead of a TLS handshake
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            try:
                self.connection.recv(4096)
                self.connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.close_connection = True
            return
        self._send(502, b"pas de HTTPS pour cet hote\n", "text/plain")
        self.close_connection = True


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def _siren(n: int) -> str:
    from tests.faults.candidates import siren  # a fictional SIREN with a valid key

    return siren(950 + n)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    with serving(_Handler, log=[]) as server:
        yield from _crawled(server, tmp_path_factory)


def _crawled(server, tmp_path_factory):
    """The six candidates crawled once through `server`, with the DNS and WHOIS doubles."""
    dns = DnsDouble(RR.fromZone(ZONE)).start()
    whois = WhoisDouble({"agglo.test": AGGLO_WHOIS}).start()
    tmp = tmp_path_factory.mktemp("cout-fixe")
    hosts = {"sans-tls": SANS_TLS, "tls-casse": TLS_CASSE, "refuse": REFUSE, "lent": LENT,
             "commune-a": COMMUNE_A, "commune-b": COMMUNE_B}
    cands = [{"id": cid, "name": f"Mairie {cid}", "kind": "commune", "siren": _siren(n), "websites": [f"http://{h}/"]}
             for n, (cid, h) in enumerate(hosts.items())]
    (tmp / "candidats.yaml").write_text(yaml.safe_dump(cands, allow_unicode=True, sort_keys=False), encoding="utf-8")
    port = server.server_address[1]
    resolve = [a for h in (SANS_TLS, DOCS, TLS_CASSE, AUTRE, LENT, COMMUNE_A, COMMUNE_B, API)
               for a in ("--resolve", f"{h}=127.0.0.1:{port}")]
    resolve += ["--resolve", f"{REFUSE}=127.0.0.1:{_closed_port()}"]
    args = ["crawl", str(tmp / "candidats.yaml"), "--out", str(tmp / "out"), "--allow-private", "--delay", "0",
            "--quiet", "--max-pages", "10", "--max-depth", "2", "--timeout", str(TIMEOUT),
            "--datagouv-api", f"http://{API}/api/1", "--datagouv-pace", str(API_PACE),
            "--dns-server", dns.address, "--whois-server", whois.address, "--whois-pace", str(WHOIS_PACE),
            "--comptoir-url", "", "--sill-url", "", "--codegouv-accounts-url", "", *resolve]
    try:
        main = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
        proc = subprocess.run([sys.executable, "-c", main, *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=RUN_TIMEOUT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert proc.returncode == 0, proc.stderr[-3000:]
        yield {"out": tmp / "out", "log": list(server.log), "dns": dns.queries, "whois": whois.queries}
    finally:
        dns.stop()
        whois.stop()


def _index(run, cid: str) -> list[dict]:
    lines = (run["out"] / cid / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _lines(run, cid: str, url: str, kind: str | None = None) -> list[dict]:
    return [e for e in _index(run, cid) if e["url"] == url and (kind is None or e["kind"] == kind)]


def _connects(run, host: str) -> int:
    return sum(1 for _, method, h, _, _ in run["log"] if method == "CONNECT" and h == host)


def _payload(run, cid: str, uri: str) -> dict:
    from ground.observe import build

    return next(r for r in build(run["out"] / cid).netrecords if r.uri == uri).data


# --- a site without TLS: one https attempt ---------------------------------------------------------


def test_site_without_tls_gets_one_https_attempt(run):
    # The TLS fact's CONNECT, before the crawl; the https robots.txt, probe and page are not sent.
    assert _connects(run, SANS_TLS) == 1
    probe = _lines(run, "sans-tls", f"https://{SANS_TLS}/", "probe")
    assert len(probe) == 1 and probe[0].get("status") is None
    assert probe[0]["error"].startswith(f"pas de TLS sur {SANS_TLS}:443 : le mandataire")
    assert probe[0]["error"].endswith(f"constat TLS d'avant la collecte (tls:{SANS_TLS}) ; requête non envoyée")
    page = _lines(run, "sans-tls", f"https://{SANS_TLS}/agenda")
    assert len(page) == 1 and "requête non envoyée" in page[0]["error"]


def test_a_host_found_without_tls_during_the_crawl_is_asked_once(run):
    # docs.sans-tls.test had no TLS fact: its robots.txt is the one attempt, its two pages get its finding.
    assert _connects(run, DOCS) == 1
    robots = _lines(run, "sans-tls", f"https://{DOCS}/robots.txt")
    assert [e["error"] for e in robots] == ["le mandataire n'a pas pu joindre le serveur (réponse 502 au tunnel HTTPS)"]
    for path in ("/guide", "/tarifs"):
        [line] = _lines(run, "sans-tls", f"https://{DOCS}{path}")
        assert line["error"] == ("le mandataire n'a pas pu joindre le serveur (réponse 502 au tunnel HTTPS) — "
                                 f"constaté à la première requête vers https://{DOCS} ; requête non envoyée")
        assert line["extra"]["technique"].endswith(f"(https://{DOCS}/robots.txt)")


def test_a_failed_tls_handshake_is_not_retried(run):
    assert _connects(run, TLS_CASSE) == 1  # the TLS fact: "négociation TLS impossible"
    [probe] = _lines(run, "tls-casse", f"https://{TLS_CASSE}/", "probe")
    assert probe["error"].startswith(f"pas de TLS sur {TLS_CASSE}:443 : négociation TLS impossible")
    assert _connects(run, AUTRE) == 1
    [robots] = _lines(run, "tls-casse", f"https://{AUTRE}/robots.txt")
    assert robots["error"] == "échec de la négociation TLS"
    for path in ("/guide", "/tarifs"):
        [line] = _lines(run, "tls-casse", f"https://{AUTRE}{path}")
        assert line["error"] == ("échec de la négociation TLS — constaté à la première requête vers "
                                 f"https://{AUTRE} ; requête non envoyée")


def test_a_refused_connection_is_not_retried(run):
    [robots] = _lines(run, "refuse", f"http://{REFUSE}/robots.txt")
    assert robots["error"] == "connexion refusée par le serveur"
    home = _lines(run, "refuse", f"http://{REFUSE}/")
    assert sorted(e["kind"] for e in home) == ["page", "probe"]  # once each, neither sent
    for line in home:
        assert line["error"] == ("connexion refusée par le serveur — constaté à la première requête vers "
                                 f"http://{REFUSE} ; requête non envoyée")
    assert not [e for e in _index(run, "refuse") if e.get("extra", {}).get("attempt")]


def test_a_timeout_keeps_one_retry(run):
    homepage = [t for t, method, host, path, uir in run["log"] if host == LENT and path == "/" and not uir]
    assert len(homepage) == 2  # the first try and one retry
    lines = _lines(run, "lent", f"http://{LENT}/", "page")
    assert [e.get("extra", {}).get("attempt") for e in lines] == [None, 2]
    assert all("délai dépassé" in e["error"] for e in lines)


# --- two candidates of one registrable domain ------------------------------------------------------


def test_one_registrable_domain_is_looked_up_once_for_two_candidates(run):
    assert [q for _, q in run["whois"]].count("agglo.test") == 1
    assert sorted(t for _, name, t in run["dns"] if name == "agglo.test") == ["A", "AAAA", "MX"]
    # Each host's own questions are its own.
    for host in (COMMUNE_A, COMMUNE_B):
        assert sorted(t for _, name, t in run["dns"] if name == host) == ["A", "AAAA", "MX"]


def test_each_archive_holds_the_answers_it_used(run):
    for cid in ("commune-a", "commune-b"):
        who = _payload(run, cid, "whois:agglo.test")
        assert who["registrant"] == "Communauté d'agglomération d'Essai" and who["registrar"] == "Registrar public"
        assert who["asked_at"]
        mx = _payload(run, cid, "dns:agglo.test?type=MX")
        assert [(a["preference"], a["exchange"]) for a in mx["answers"]] == [(10, "mx.agglo.test")]
    # The same answer, asked once: the same time of asking in both archives.
    assert (_payload(run, "commune-a", "dns:agglo.test?type=A")["asked_at"]
            == _payload(run, "commune-b", "dns:agglo.test?type=A")["asked_at"])
    own = _payload(run, "commune-b", f"dns:{COMMUNE_B}?type=A")
    assert [a["data"] for a in own["answers"]] == ["192.0.2.12"]


# --- paces shared by every candidate ---------------------------------------------------------------


def test_whois_server_is_asked_at_its_pace(run):
    # Five registrable domains, one WHOIS server; candidates prepared side by side.
    times = sorted(t for t, _ in run["whois"])
    assert sorted(q for _, q in run["whois"]) == ["agglo.test", "lent.test", "refuse.test", "sans-tls.test",
                                                   "tls-casse.test"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= WHOIS_PACE * 0.8, gaps  # generous: the slots are computed from the sending side


def test_datagouv_api_is_asked_at_one_pace_for_all_candidates(run):
    times = sorted(t for t, method, host, _, _ in run["log"] if host == API)
    assert len(times) == 12  # six candidates: by SIREN, then by name (no organisation found)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= API_PACE * 0.5, gaps


def test_crawl_json_keeps_only_the_mappings_of_its_own_domains(run):
    # Of the nine --resolve mappings, commune-a's crawl.json keeps its registered domain's two and the API's.
    crawl = json.loads((run["out"] / "commune-a" / "crawl.json").read_text(encoding="utf-8"))
    assert sorted(crawl["settings"]["host_map"]) == [API, COMMUNE_A, COMMUNE_B]
