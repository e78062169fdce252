"""The trap rules in a real crawl: the real `tnl run` against sites served on 127.0.0.1 by this module.

- a SPIP-like site of 60 articles (`spip.php?article1` … `spip.php?article60`, 6 rubriques linking
  them with a session id in every link, a `spip.php?page=backend` feed), crawled whole under the
  default limits (200 pages, depth 4);
- a faceted directory (`/annuaire?cat=…&ville=…&tri=…`, every filter added in the order clicked):
  stopped by the combination rule, and the report says so;
- an endless calendar (`agenda.php?mois=YYYY-MM`, each month linking the next), crawled with a
  depth limit of 100 so that only the calendar rule can stop it: it stops past the horizon, and
  the report says so;
- a directory whose `fiche.php?id=N` answers the same "fiche introuvable" page (status 200) for any
  id, each linking the next id, beside 12 real records: stopped by the near-duplicate rule (depth
  limit 100 again), the real records all read.

No network: the hosts are `.test` names reached through `--resolve HOST=127.0.0.1:PORT` (the server
answers absolute-form requests like an HTTP proxy and refuses CONNECT); DNS and WHOIS are not asked
for reserved names; the registries are disabled and the data.gouv.fr API is a double served here.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import yaml

from tests.loopback import serving

ROOT = Path(__file__).resolve().parents[2]
SPIP = "www.spip-soixante.test"
ANNUAIRE = "www.annuaire-facettes.test"
AGENDA = "www.agenda-sans-fin.test"
FICHES = "www.fiches-fantomes.test"
REAL_RECORDS = 12
API = "api.donnees.test"
ARTICLES = 60
RUBRIQUES = 6  # 10 articles each
FACETS = {"cat": ["a", "b", "c", "d"], "ville": ["v1", "v2", "v3", "v4", "v5"], "tri": ["nom", "date", "note"]}
RUN_TIMEOUT = 300  # a hang guard: each run takes a few seconds here


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="alternate" type="application/rss+xml" href="/spip.php?page=backend"></head>\n'
            f"<body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n").encode("utf-8")


def _a(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        parts = urlsplit(self.path)
        host = (parts.hostname or self.headers.get("Host", "").split(":")[0]).lower()
        path, query = parts.path or "/", parts.query
        self.server.hits.append((host, path, query))
        route = {SPIP: self.spip, ANNUAIRE: self.annuaire, AGENDA: self.agenda, FICHES: self.fiches,
                 API: self.api}.get(host)
        if route is None or path == "/robots.txt":
            self._send(404, b"introuvable\n", "text/plain; charset=utf-8")
            return
        route(path, query)

    do_HEAD = do_GET

    def do_CONNECT(self) -> None:  # noqa: N802 - no https here
        self.close_connection = True
        self._send(502, b"pas de HTTPS\n", "text/plain; charset=utf-8")

    # --- a SPIP site: short URLs, a session id appended to every link (PHP's trans_sid) -------------

    def spip(self, path: str, query: str) -> None:
        sid = f"&PHPSESSID={len(self.server.hits):032x}"  # a new session id on every page
        if path == "/":
            links = [_a(f"/spip.php?rubrique{r}{sid}", f"Rubrique {r}") for r in range(1, RUBRIQUES + 1)]
            links.append(_a("/spip.php?page=backend", "Fil RSS"))
            self._send(200, _page("Mairie de Soixante", "<nav>" + " ".join(links) + "</nav>"))
        elif path == "/spip.php" and query == "page=backend":
            items = "".join(f"<item><title>Article {n}</title><link>http://{SPIP}/spip.php?article{n}</link></item>"
                            for n in range(1, ARTICLES + 1))
            self._send(200, f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
                       "application/rss+xml; charset=utf-8")
        elif path == "/spip.php" and query.startswith("rubrique"):
            r = int(query[len("rubrique"):].split("&")[0])
            first = (r - 1) * 10 + 1
            links = [_a(f"/spip.php?article{n}{sid}", f"Article {n}") for n in range(first, first + 10)]
            self._send(200, _page(f"Rubrique {r}", _a("/", "Accueil") + "<ul><li>" + "</li><li>".join(links)
                                  + "</li></ul>" + _a("/spip.php?page=backend", "Fil RSS")))
        elif path == "/spip.php" and query.startswith("article"):
            n = int(query[len("article"):].split("&")[0])
            r = (n - 1) // 10 + 1
            nav = [_a(f"/spip.php?rubrique{r}{sid}", f"Rubrique {r}")]
            nav += [_a(f"/spip.php?article{m}{sid}", f"Article {m}") for m in (n - 1, n + 1) if 1 <= m <= ARTICLES]
            self._send(200, _page(f"Article {n}", f"<p>Contenu de l'article {n}.</p>" + " ".join(nav)))
        else:
            self._send(404, _page("Page introuvable", _a("/", "Accueil")))

    # --- a faceted directory: every filter can be added, changed or removed, in the order clicked ---

    def annuaire(self, path: str, query: str) -> None:
        if path == "/":
            self._send(200, _page("Annuaire des associations", _a("/annuaire", "Annuaire")))
            return
        if path != "/annuaire":
            self._send(404, _page("Page introuvable", _a("/", "Accueil")))
            return
        current = parse_qsl(query)
        links = []
        for name, values in FACETS.items():
            for value in values:
                if (name, value) in current:
                    continue
                chosen = [(k, v) for k, v in current if k != name]
                if name in dict(current):  # change the value in place
                    chosen = [(k, value if k == name else v) for k, v in current]
                else:  # add the filter after the others
                    chosen = chosen + [(name, value)]
                links.append(_a("/annuaire?" + urlencode(chosen), f"{name} : {value}"))
        title = "Annuaire" + (" — " + ", ".join(f"{k}={v}" for k, v in current) if current else "")
        self._send(200, _page(title, "<p>Aucune association ne répond à ces critères.</p><nav>"
                              + " ".join(links) + "</nav>"))

    # --- an agenda: each month links the next one, without end ----------------------------------------

    def agenda(self, path: str, query: str) -> None:
        if path == "/":
            self._send(200, _page("Agenda", _a(f"/agenda.php?mois={self.server.first_month}", "Ce mois-ci")))
            return
        month = dict(parse_qsl(query)).get("mois", "")
        try:
            y, m = (int(x) for x in month.split("-"))
        except ValueError:
            self._send(404, _page("Page introuvable", _a("/", "Accueil")))
            return
        y, m = divmod(y * 12 + m, 12)  # the next month (m is 1-based: y*12 + m is next month's index)
        nxt = f"{y:04d}-{m + 1:02d}"
        # Each month its own event (words, not only numbers): the calendar rule, not the near-duplicate
        # one, is what must stop it.
        k = y * 12 + m
        event = "Fête du quartier " + chr(97 + k % 26) + chr(97 + k // 26 % 26) + chr(97 + k // 676 % 26)
        self._send(200, _page(f"Agenda — {month}", f"<p>{event}.</p>"
                              + _a(f"/agenda.php?mois={nxt}", "Mois suivant »")))

    # --- a directory: real records, and any other id answered by the same empty record ----------------

    def fiches(self, path: str, query: str) -> None:
        names = ["boulangerie", "pharmacie", "médiathèque", "piscine", "crèche", "école", "gymnase", "marché",
                 "cinéma", "musée", "stade", "poste"]
        if path == "/":
            links = [_a(f"/fiche.php?id={n}", names[n - 1].capitalize()) for n in range(1, REAL_RECORDS + 1)]
            links.append(_a(f"/fiche.php?id={REAL_RECORDS + 1}", "Fiche suivante"))
            self._send(200, _page("Annuaire des lieux", "<ul><li>" + "</li><li>".join(links) + "</li></ul>"))
            return
        n = int(dict(parse_qsl(query)).get("id", "0") or 0) if path == "/fiche.php" else 0
        if 1 <= n <= REAL_RECORDS:
            self._send(200, _page(names[n - 1].capitalize(), f"<p>Horaires et adresse : {names[n - 1]}.</p>"
                                  + _a("/", "Annuaire")))
        elif n > REAL_RECORDS:  # a "not found" page served with 200, echoing the id, linking the next
            self._send(200, _page("Annuaire", f"<p>La fiche {n} est introuvable.</p>"
                                  + _a(f"/fiche.php?id={n + 1}", "Fiche suivante »") + _a("/", "Annuaire")))
        else:
            self._send(404, _page("Page introuvable", _a("/", "Accueil")))

    # --- the data.gouv.fr API double: no organisation -------------------------------------------------

    def api(self, path: str, query: str) -> None:
        self._send(200, b'{"data": [], "next_page": null}', "application/json")


@pytest.fixture(scope="module")
def sites():
    today = datetime.now(timezone.utc).date()
    with serving(_Handler, hits=[], first_month=f"{today.year:04d}-{today.month:02d}") as server:
        yield server


def _run(sites, tmp: Path, candidates: list[dict], *extra: str) -> Path:
    cands = tmp / "candidats.yaml"
    cands.write_text(yaml.safe_dump(candidates, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp / "out"
    port = sites.server_address[1]
    resolve = [arg for host in (SPIP, ANNUAIRE, AGENDA, FICHES, API) for arg in ("--resolve", f"{host}=127.0.0.1:{port}")]
    args = ["run", str(cands), "--out", str(out), "--allow-private", "--delay", "0", "--quiet", "--jobs", "1",
            "--datagouv-api", f"http://{API}/api/1", "--comptoir-url", "", "--sill-url", "",
            "--codegouv-accounts-url", "", *resolve, *extra]
    proc = subprocess.run([sys.executable, "-c", "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))",
                           *args], capture_output=True, text=True, cwd=ROOT, timeout=RUN_TIMEOUT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def _candidate(cid: str, name: str, host: str, n: int) -> dict:
    from tests.faults.candidates import siren  # a fictional SIREN with a valid key

    return {"id": cid, "name": name, "kind": "commune", "siren": siren(900 + n), "websites": [f"http://{host}/"]}


def _index(out: Path, cid: str) -> list[dict]:
    lines = (out / cid / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _report(out: Path, cid: str) -> dict:
    return json.loads((out / cid / "report.json").read_text(encoding="utf-8"))


def _pages(index: list[dict], prefix: str) -> list[str]:
    return [e["url"] for e in index if e["kind"] == "page" and e.get("status") == 200 and e["url"].startswith(prefix)]


@pytest.fixture(scope="module")
def default_run(sites, tmp_path_factory) -> Path:
    """The SPIP site and the faceted directory, under the default limits (200 pages, depth 4)."""
    return _run(sites, tmp_path_factory.mktemp("defaut"),
                [_candidate("soixante", "Mairie de Soixante", SPIP, 1),
                 _candidate("facettes", "Mairie de Facettes", ANNUAIRE, 2)])


def test_spip_site_of_60_articles_is_crawled_whole_under_the_default_limits(sites, default_run):
    index = _index(default_run, "soixante")
    articles = _pages(index, f"http://{SPIP}/spip.php?article")
    # Every article once, under its address without session id (60 = 6 rubriques × 10).
    assert sorted(articles) == sorted(f"http://{SPIP}/spip.php?article{n}" for n in range(1, ARTICLES + 1))
    assert sorted(_pages(index, f"http://{SPIP}/spip.php?rubrique")) == sorted(
        f"http://{SPIP}/spip.php?rubrique{r}" for r in range(1, RUBRIQUES + 1))
    feed = [e for e in index if e["url"] == f"http://{SPIP}/spip.php?page=backend" and e["kind"] == "page"]
    assert [e["status"] for e in feed] == [200]
    # Session ids never reached the server, and nothing of the site was refused as a trap.
    assert not [e["url"] for e in index if "PHPSESSID" in e["url"]]
    assert not [q for host, _, q in sites.hits if host == SPIP and "PHPSESSID" in q]
    assert not [e for e in index if "piège" in (e.get("error") or "")]
    site = _report(default_run, "soixante")["crawl"]["sites"][0]
    # The report's HTML pages: homepage, rubriques, articles (the feed is archived, but is RSS): 67.
    assert site["pages"] == 1 + RUBRIQUES + ARTICLES


def test_facet_combinations_stop_and_the_report_says_why(default_run):
    index = _index(default_run, "facettes")
    pages = _pages(index, f"http://{ANNUAIRE}/annuaire?")
    # The directory page links the 12 filters alone (4 + 5 + 3 values); then 20 recombinations, no more.
    assert len(pages) == 12 + 20
    assert len(set(pages)) == len(pages)
    errors = [e["error"] for e in _report(default_run, "facettes")["errors"]]
    combos = [e for e in errors if "combinaisons de paramètres sans fin pour /annuaire" in e]
    assert combos and combos[0].startswith("piège à robots évité : combinaisons de paramètres sans fin pour "
                                           "/annuaire : 20 adresses qui ne font que recombiner 12 valeurs")


def test_endless_calendar_stops_past_the_horizon_and_the_report_says_why(sites, tmp_path_factory):
    out = _run(sites, tmp_path_factory.mktemp("agenda"), [_candidate("agenda", "Mairie d'Agenda", AGENDA, 3)],
               "--max-depth", "100")
    months = [urlsplit(u).query.split("=", 1)[1] for u in _pages(_index(out, "agenda"), f"http://{AGENDA}/agenda.php?")]
    # The crawl month and the 24 next (2 years ahead, dates counted from the month's first day): 25 months.
    today = datetime.now(timezone.utc).date()
    expected = []
    for k in range(25):
        y, m = divmod(today.year * 12 + today.month - 1 + k, 12)
        expected.append(f"{y:04d}-{m + 1:02d}")
    assert sorted(months) == expected
    y, m = divmod(today.year * 12 + today.month - 1 + 25, 12)
    refused = f"{y:04d}-{m + 1:02d}"
    errors = [e for e in _report(out, "agenda")["errors"] if "calendrier" in (e.get("error") or "")]
    assert [e["error"] for e in errors] == [
        (f"piège à robots évité : calendrier sans fin pour /agenda.php : mois={refused} est à plus de 2 ans "
         "de la date de collecte")]
    assert errors[0]["url"] == f"http://{AGENDA}/agenda.php?mois={refused}"


def test_a_script_answering_the_same_page_for_any_id_stops_and_the_report_says_why(sites, tmp_path_factory):
    out = _run(sites, tmp_path_factory.mktemp("fiches"), [_candidate("fiches", "Mairie des Fiches", FICHES, 4)],
               "--max-depth", "100")
    ids = sorted(int(u.rsplit("=", 1)[1]) for u in _pages(_index(out, "fiches"), f"http://{FICHES}/fiche.php?id="))
    # The 12 real records, then the empty record for ids 13, 14, …: id 13 is new, each next one repeats
    # it. After id 13 + r the group /fiche.php has read 13 + r pages, r of them repeats; the rule
    # (r >= 10 and r >= half of 13 + r) first holds at r = 13: ids up to 26 read, 27 refused.
    assert ids == list(range(1, 13 + 13 + 1))
    errors = [e for e in _report(out, "fiches")["errors"] if "quasi identiques" in (e.get("error") or "")]
    assert [e["error"] for e in errors] == [
        "piège à robots évité : pages quasi identiques sans fin pour /fiche.php : 13 des 26 pages lues "
        "répétaient une page déjà lue"]
    assert errors[0]["url"] == f"http://{FICHES}/fiche.php?id=27"


def test_library_warnings_go_to_the_journal_not_the_terminal(sites, tmp_path_factory):
    """A site whose server never answers: Scrapy retries the timeout once, then logs "Gave up retrying"
    (an ERROR of its own). The terminal shows tnl's progress and summary only; the journal keeps the
    line (issue 18). (A refused connection is no longer retried: issue 21.)"""
    import socket

    silent = socket.socket()  # listens, never accepts: connections wait in its backlog, unanswered
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    silent_port = silent.getsockname()[1]
    tmp = tmp_path_factory.mktemp("journal")
    cands = tmp / "candidats.yaml"
    cands.write_text(yaml.safe_dump([_candidate("ferme", "Mairie Fermée", "www.ferme.test", 5)]), encoding="utf-8")
    out = tmp / "out"
    proc = subprocess.run([sys.executable, "-c", "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))",
                           "run", str(cands), "--out", str(out), "--allow-private", "--delay", "0", "--jobs", "1",
                           "--datagouv-api", f"http://{API}/api/1", "--comptoir-url", "", "--sill-url", "",
                           "--codegouv-accounts-url", "", "--resolve", f"www.ferme.test=127.0.0.1:{silent_port}",
                           "--resolve", f"{API}=127.0.0.1:{sites.server_address[1]}", "--timeout", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=RUN_TIMEOUT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    silent.close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    journal = (out / "journal.txt").read_text(encoding="utf-8")
    assert "Gave up retrying" in journal
    for line in (proc.stderr + proc.stdout).splitlines():
        assert "Gave up retrying" not in line and "Warning" not in line and "[scrapy" not in line, line
    assert f"Journal technique (avertissements des bibliothèques, pour le dépannage) : {out / 'journal.txt'}" in proc.stdout
