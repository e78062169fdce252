"""Archives made by others (tnl import, tnl import-cc): each producer's shape, WACZ checks, revisits,
truncated records, what a capture lacks, and the reports that say « capture tierce ».

The archives are written by tests/third_party_samples.py (warcio, the headers each tool writes); the
expected offsets are those the writer noted while writing, the expected words those of the samples.
"""
from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests import third_party_samples as samples
from tnl.cli import main

CANDIDATES = """\
- id: bourg-exemple
  name: Bourg-Exemple
  kind: commune
  siren: "213899909"
  websites: [http://www.bourg-exemple.test/]
- id: autre-commune
  name: Autre-Commune
  kind: commune
  siren: "200088995"
  websites: [http://www.autre-commune.test/]
"""


@pytest.fixture
def cands(tmp_path) -> Path:
    path = tmp_path / "candidats.yaml"
    path.write_text(CANDIDATES, encoding="utf-8")
    return path


def _import(out: Path, cands: Path, *archives: str, extra: tuple[str, ...] = ()) -> int:
    args = ["import", str(out), "--candidates", str(cands), "-q", "-j", "1", *extra]
    for a in archives:
        args += ["--archive", a]
    return main(args)


def _index(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def _by_url(folder: Path) -> dict[str, dict]:
    return {e["url"]: e for e in _index(folder)}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _signals(folder: Path) -> dict[str, dict]:
    return {s["id"]: s for s in _json(folder / "report.json")["signals"]}


def _same_bytes(folder: Path, source: Path, entry: dict) -> bool:
    """The record in our crawl.warc.gz is the third party's member, byte for byte."""
    extra = entry["extra"]
    theirs = source.read_bytes()[extra["origin_offset"]:extra["origin_offset"] + extra["origin_length"]]
    ours = (folder / "crawl.warc.gz").read_bytes()[extra["warc_offset"]:extra["warc_offset"] + extra["origin_length"]]
    return ours == theirs


def test_wget_capture_is_indexed_with_its_origin_and_copied_byte_for_byte(tmp_path, cands):
    warc = tmp_path / "bourg.warc.gz"
    places = samples.wget_warc(warc)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={warc}", extra=("--no-check",)) == 0
    folder = out / "bourg-exemple"
    entries = _by_url(folder)
    # Three pages, the CSV document; the logo (an image) and wget's own records are not indexed.
    assert sorted(entries) == sorted([samples.HOME, samples.MAIRIE, samples.CONTACT, samples.CSV])
    home = entries[samples.HOME]
    assert home["kind"] == "page" and home["extra"]["homepage"] is True and home["depth"] == 0
    assert home["fetched_at"] == "2025-11-15T10:00:00Z" and home["status"] == 200
    assert home["record_id"] == places[("response", samples.HOME)]["record_id"]
    assert home["extra"]["origin_file"] == "bourg.warc.gz"
    assert home["extra"]["origin_offset"] == places[("response", samples.HOME)]["offset"]
    assert home["extra"]["origin_length"] == places[("response", samples.HOME)]["length"]
    assert entries[samples.MAIRIE]["depth"] == 1 and entries[samples.MAIRIE]["referrer"] == samples.HOME
    assert entries[samples.CSV]["kind"] == "document"
    for entry in entries.values():
        assert _same_bytes(folder, warc, entry)
    crawl = _json(folder / "crawl.json")
    source = crawl["capture"]["sources"][0]
    assert crawl["capture"]["third_party"] is True
    assert (source["producer"], source["software"]) == ("wget", "Wget/1.21.3 (linux-gnu)")
    assert source["warcinfo"]["robots"] == "classic"
    assert (crawl["started_at"], crawl["finished_at"]) == ("2025-11-15T10:00:00Z", "2025-11-15T10:00:00Z")
    # Nothing else was given for the other candidate, and the capture holds nothing of it: no folder.
    assert not (out / "autre-commune").exists()


def test_heritrix_revisits_are_resolved_or_skipped_and_a_truncated_record_is_not_read(tmp_path, cands):
    warc = tmp_path / "heritrix.warc.gz"
    places = samples.heritrix_warc(warc)
    out = tmp_path / "out"
    assert _import(out, cands, str(warc)) == 0  # no ID: its records go to the candidates by host
    folder = out / "bourg-exemple"
    entries = _by_url(folder)
    # The homepage read is the first visit's response (the revisit adds nothing but its date).
    assert entries[samples.HOME]["record_id"] == places[("response", samples.HOME)]["record_id"]
    csv = entries[samples.CSV]
    assert "record_id" not in csv and "tronqué" in csv["error"] and csv["extra"]["warc_truncated"] == "length"
    assert not any(u.startswith("dns:") for u in entries)
    skipped = {s["url"]: s["reason"] for s in _json(folder / "crawl.json")["capture"]["skipped"]}
    assert skipped[samples.HOME].startswith("revisite résolue")
    assert skipped[f"http://{samples.HOST}/mairie/index.html"].startswith("revisite d'une autre adresse")
    assert skipped[f"http://{samples.HOST}/agenda/"].startswith("revisite dont l'original")
    counts = _json(folder / "crawl.json")["capture"]["counts"]
    assert counts["revisits_resolved"] == 1 and counts["truncated"] == 1
    report = _json(folder / "report.json")
    assert report["crawl"]["capture"]["sources"][0]["producer"] == "heritrix"
    # The truncated document is said among the errors, not read.
    assert any(e["url"] == samples.CSV and "tronqué" in e["error"] for e in report["errors"])


def test_plain_warc_records_are_compressed_here_and_their_plain_bytes_are_the_files(tmp_path, cands):
    warc = tmp_path / "heritrix.warc"
    places = samples.heritrix_warc(warc, gzip=False)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={warc}", extra=("--no-check",)) == 0
    home = _by_url(out / "bourg-exemple")[samples.HOME]
    place = places[("response", samples.HOME)]
    assert home["extra"]["recompressed"] is True and home["extra"]["origin_offset"] == place["offset"]
    data = warc.read_bytes()[place["offset"]:place["offset"] + home["extra"]["origin_length"]]
    member = (out / "bourg-exemple" / "crawl.warc.gz").read_bytes()[home["extra"]["warc_offset"]:]
    assert gzip.GzipFile(fileobj=io.BytesIO(member)).read().startswith(data)
    assert data.startswith(b"WARC/1.0\r\n")


def test_browsertrix_wacz_is_read_and_checked(tmp_path, cands):
    wacz = tmp_path / "bourg.wacz"
    made = samples.browsertrix_wacz(wacz)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={wacz}", extra=("--no-check",)) == 0
    folder = out / "bourg-exemple"
    source = _json(folder / "crawl.json")["capture"]["sources"][0]
    assert source["kind"] == "wacz" and source["producer"] == "browsertrix"
    assert source["software"] == samples.BROWSERTRIX and source["findings"] == []
    assert all(f["ok"] for f in source["wacz"]["files"]) and source["wacz"]["pages"] == 2
    home = _by_url(folder)[samples.HOME]
    assert home["extra"]["origin_file"] == f"bourg.wacz#archive/{made['warc_name']}"
    assert home["extra"]["origin_offset"] == made["places"][("response", samples.HOME)]["offset"]
    assert home["fetched_at"] == "2025-11-20T14:30:00.123Z"
    start = home["extra"]["origin_offset"]
    ours = (folder / "crawl.warc.gz").read_bytes()
    assert ours[home["extra"]["warc_offset"]:home["extra"]["warc_offset"] + home["extra"]["origin_length"]] == \
        made["warc"][start:start + home["extra"]["origin_length"]]


def test_wacz_with_a_bad_hash_is_a_finding_shown_in_the_report(tmp_path, cands):
    wacz = tmp_path / "bourg.wacz"
    made = samples.browsertrix_wacz(wacz, bad_hash=True)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={wacz}") == 0
    folder = out / "bourg-exemple"
    findings = _json(folder / "crawl.json")["capture"]["sources"][0]["findings"]
    assert len(findings) == 1
    assert f"archive/{made['warc_name']} n'a pas l'empreinte que déclare datapackage.json" in findings[0]
    soup = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.find(id="captures-tierces")
    assert "n'a pas l'empreinte que déclare datapackage.json" in table.get_text()


def test_a_capture_without_the_homepage_judges_nothing(tmp_path, cands):
    warc = tmp_path / "sans-accueil.warc.gz"
    samples.wget_warc(warc, with_home=False)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={warc}") == 0
    folder = out / "bourg-exemple"
    report = _json(folder / "report.json")
    site = report["crawl"]["sites"][0]
    assert site["reachable"] is False
    assert site["error"].startswith("page d'accueil absente de la capture tierce (Wget/1.21.3 (linux-gnu))")
    assert report["crawl"]["capture"]["missing_homepages"] == [samples.HOME]
    for sig in report["signals"]:
        assert sig["assessment"] == "inconnu", sig["id"]
        assert "sans la page d'accueil du site (http://www.bourg-exemple.test/)" in sig["reason"], sig["id"]
    assert report["evaluation"]["levels_given"] == 0
    assert "site absent de la capture tierce" in report["evaluation"]["summary"]


def test_signals_needing_what_a_capture_lacks_are_unknown_and_evidence_says_capture_tierce(tmp_path, cands):
    warc = tmp_path / "bourg.warc.gz"
    places = samples.wget_warc(warc)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={warc}") == 0
    folder = out / "bourg-exemple"
    sigs = _signals(folder)
    for sid, words in (("ipv6", "les réponses DNS"), ("mail_provider", "les réponses DNS"),
                       ("domain_registration", "la réponse WHOIS"), ("hsts", "la sonde HTTPS"),
                       ("datagouv_org", "les réponses de l'API data.gouv.fr")):
        assert sigs[sid]["assessment"] == "inconnu", sid
        assert sigs[sid]["reason"].startswith("capture tierce (Wget/1.21.3 (linux-gnu)) : elle ne contient pas "), sid
        assert words in sigs[sid]["reason"], sid
    # What the pages show is judged: SPIP (the generator of the homepage), Matomo (its script).
    assert sigs["cms"]["assessment"] == "favorable" and "SPIP" in sigs["cms"]["display"]
    assert sigs["a11y_mention"]["display"] == "partiellement conforme"
    evidence = sigs["a11y_mention"]["evidence"][0]
    assert evidence["capture"] == {
        "third_party": True, "source": "s1", "producer": "wget", "origin": "Wget/1.21.3 (linux-gnu)",
        "file": "bourg.warc.gz", "offset": places[("response", samples.HOME)]["offset"],
        "length": places[("response", samples.HOME)]["length"], "captured_at": "2025-11-15T10:00:00Z"}
    html = (folder / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    banner = soup.find(id="capture-tierce").get_text(" ", strip=True)
    assert banner.startswith("Capture tierce") and "Wget/1.21.3 (linux-gnu)" in banner
    assert "15 novembre 2025 à 10:00:00 UTC" in banner
    tags = [t.get_text(" ", strip=True) for t in soup.select(".capture-tierce")]
    assert "capture tierce : Wget/1.21.3 (linux-gnu), 15 novembre 2025 à 10:00:00 UTC" in tags


def test_a_chunked_answer_kept_by_the_capture_is_read_without_its_framing(tmp_path, cands):
    warc = tmp_path / "bourg.warc.gz"
    samples.wget_warc(warc, chunked_home=True)
    out = tmp_path / "out"
    assert _import(out, cands, f"bourg-exemple={warc}") == 0
    sigs = _signals(out / "bourg-exemple")
    assert sigs["a11y_mention"]["display"] == "partiellement conforme"
    assert sigs["html_lang"]["assessment"] == "favorable"  # every page, the chunked homepage too, says lang="fr"
    assert sigs["cms"]["display"].startswith("SPIP")


def test_bad_archives_are_bad_input_in_one_line(tmp_path, cands, capsys):
    out = tmp_path / "out"
    warc = tmp_path / "bourg.warc.gz"
    samples.wget_warc(warc)
    assert _import(out, cands, f"inconnue={warc}") == 2
    assert "« inconnue » n'est pas un identifiant du fichier des candidats" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("pas une archive\n", encoding="utf-8")
    assert _import(out, cands, str(text)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"tnl : {text} : ni une archive WARC ni un paquet WACZ lisible") and "\n" not in err
    assert _import(out, cands, f"bourg-exemple={tmp_path / 'absent.warc.gz'}") == 2
    assert "fichier introuvable" in capsys.readouterr().err


# --- end to end: a capture of a demo world site, made here, imported, checked -----------------------

def _tiny_wget(world, start: str, path: Path, limit: int = 30) -> None:
    """A wget-like capture (WARC/1.0, request then response) of one demo site through the world's
    proxy on loopback, breadth first, when the real wget is not installed."""
    import http.client
    import re

    proxy_host, proxy_port = world.address.split(":")
    host = urlsplit(start).hostname
    seen, queue = {start}, [start]
    with open(path, "wb") as fh:
        w = samples.Writer(fh, "1.0")
        w.warcinfo(path.name, {"software": "Wget/1.21.3 (linux-gnu)", "format": "WARC File Format 1.0"},
                   "2025-11-15T10:00:00Z")
        while queue and limit:
            url = queue.pop(0)
            limit -= 1
            conn = http.client.HTTPConnection(proxy_host, int(proxy_port), timeout=10)
            conn.request("GET", url, headers={"Host": host, "User-Agent": "Wget/1.21.3"})
            resp = conn.getresponse()
            body = resp.read()
            conn.close()
            ctype = resp.getheader("Content-Type") or "application/octet-stream"
            w.request(url, "2025-11-15T10:00:00Z")
            w.response(url, f"{resp.status} {resp.reason}", ctype, body, "2025-11-15T10:00:00Z")
            if "html" in ctype:
                for href in re.findall(rb'href="([^"#]+)"', body):
                    link = urlsplit(href.decode())
                    target = href.decode() if link.scheme else f"http://{host}{href.decode()}" \
                        if href.startswith(b"/") else None
                    if target and urlsplit(target).hostname == host and target not in seen:
                        seen.add(target)
                        queue.append(target)


@pytest.mark.parametrize("tool", ["wget", "tiny"])
def test_end_to_end_a_demo_site_captured_imported_checked(world, tmp_path, tool):
    from demo import CANDIDATES_FILE
    from tests.e2e.helpers import EXPECTED, tnl

    start = "http://www.petit-bourg.test/"
    warc = tmp_path / "petit-bourg.warc.gz"
    if tool == "wget":
        if shutil.which("wget") is None:
            pytest.skip("wget n'est pas installé sur cette machine")
        proc = subprocess.run(["wget", "-q", "--recursive", "--level=3", "--no-directories", "--delete-after",
                               "-P", str(tmp_path / "dl"), f"--warc-file={tmp_path / 'petit-bourg'}", start],
                              env={"http_proxy": f"http://{world.address}", "PATH": "/usr/bin:/bin"},
                              capture_output=True, timeout=120, check=False)
        assert warc.is_file(), proc.stderr[-2000:]
    else:
        _tiny_wget(world, start, warc)
    out = tmp_path / "out"
    proc = tnl("import", str(out), "--candidates", str(CANDIDATES_FILE), "--archive", f"petit-bourg={warc}",
               "-j", "1", block_network=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = out / "petit-bourg"
    sigs = _signals(folder)
    expected = EXPECTED["petit-bourg"]
    assert sigs["cms"]["display"].startswith(expected["cms"]["name"])  # Wix, from the world's ground truth
    assert sigs["a11y_mention"]["display"] == expected["a11y_mention"]
    assert sigs["ipv6"]["assessment"] == "inconnu"  # the world has no AAAA for it; a capture cannot say so
    soup = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    banner = soup.find(id="capture-tierce").get_text(" ", strip=True)
    assert banner.startswith("Capture tierce") and "Wget/1.21.3" in banner
    tags = [t.get_text(" ", strip=True) for t in soup.select(".capture-tierce")]
    assert tags and all(t.startswith("capture tierce : Wget/1.21.3") for t in tags)
    if tool == "tiny":
        assert "15 novembre 2025 à 10:00:00 UTC" in tags[0]


# --- Common Crawl: a fake URL index and data server on loopback -------------------------------------

CC_FILE = "crawl-data/CC-MAIN-2025-47/segments/1762000000000.12/warc/CC-MAIN-20251118000000-20251118030000-00042.warc.gz"


class FakeCommonCrawl(BaseHTTPRequestHandler):
    warc: bytes = b""
    lines: tuple[dict, ...] = ()
    seen: list[tuple[str, str | None, str | None]]  # set by the test

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.seen.append((self.path, self.headers.get("User-Agent"), self.headers.get("Range")))
        if parts.path == "/CC-MAIN-2025-47-index":
            query = parse_qs(parts.query)
            if query.get("url") != [f"{samples.HOST}/*"]:
                return self._send(404, b'{"message": "No Captures found for: x"}', "application/json")
            if query.get("showNumPages") == ["true"]:
                return self._send(200, b'{"pages": 1, "pageSize": 5, "blocks": 1}', "application/json")
            body = "".join(json.dumps(line) + "\n" for line in self.lines).encode()
            return self._send(200, body, "text/x-ndjson")
        if parts.path == "/" + CC_FILE:
            first, last = (int(x) for x in self.headers["Range"].split("=", 1)[1].split("-"))
            return self._send(206, self.warc[first:last + 1], "application/octet-stream")
        self._send(404, b"", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_common_crawl_records_through_a_fake_index_on_loopback(tmp_path, cands):
    warc = tmp_path / "cc.warc.gz"
    places = samples.commoncrawl_warc(warc)

    def line(url: str, mime: str, place: dict) -> dict:
        return {"urlkey": "test,bourg-exemple,www)/", "timestamp": "20251118031245", "url": url, "mime": mime,
                "mime-detected": mime, "status": "200", "digest": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "length": str(place["length"]), "offset": str(place["offset"]), "filename": CC_FILE}

    home, mairie = places[("response", samples.HOME)], places[("response", samples.MAIRIE)]
    FakeCommonCrawl.warc = warc.read_bytes()
    FakeCommonCrawl.lines = (line(samples.HOME, "text/html", home), line(samples.MAIRIE, "text/html", mairie),
                             line(samples.LOGO, "image/png", home))  # an image: not read
    FakeCommonCrawl.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCommonCrawl)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = tmp_path / "out"
    try:
        code = main(["import-cc", str(out), "--candidates", str(cands), "--crawl", "CC-MAIN-2025-47",
                     "--index-url", base, "--data-url", base, "--delay", "0", "-q", "-j", "1"])
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0
    from crawler.settings import USER_AGENT

    assert {ua for _, ua, _ in FakeCommonCrawl.seen} == {USER_AGENT}
    ranges = [r for _, _, r in FakeCommonCrawl.seen if r]
    assert ranges == [f"bytes={home['offset']}-{home['offset'] + home['length'] - 1}",
                      f"bytes={mairie['offset']}-{mairie['offset'] + mairie['length'] - 1}"]
    folder = out / "bourg-exemple"
    entries = _by_url(folder)
    assert sorted(entries) == [samples.HOME, samples.MAIRIE]
    assert entries[samples.HOME]["extra"]["origin_file"] == CC_FILE
    assert entries[samples.HOME]["extra"]["origin_offset"] == home["offset"]
    assert entries[samples.MAIRIE]["extra"]["origin_length"] == mairie["length"]
    extra = entries[samples.MAIRIE]["extra"]
    copy = (folder / "crawl.warc.gz").read_bytes()[extra["warc_offset"]:extra["warc_offset"] + extra["origin_length"]]
    assert copy == warc.read_bytes()[mairie["offset"]:mairie["offset"] + mairie["length"]]  # their bytes
    report = _json(folder / "report.json")
    source = report["crawl"]["capture"]["sources"][0]
    assert (source["producer"], source["crawl"], source["origin"]) == \
        ("commoncrawl", "CC-MAIN-2025-47", "Common Crawl CC-MAIN-2025-47")
    ev = next(s for s in report["signals"] if s["id"] == "a11y_mention")["evidence"][0]
    assert ev["capture"]["crawl"] == "CC-MAIN-2025-47" and ev["capture"]["file"] == CC_FILE
    assert ev["capture"]["offset"] == home["offset"] and ev["capture"]["length"] == home["length"]
    soup = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert "Common Crawl CC-MAIN-2025-47" in soup.find(id="capture-tierce").get_text()
    # The other candidate: nothing in the index, said as a finding of its (empty) capture.
    other = _json(out / "autre-commune" / "crawl.json")["capture"]
    assert other["missing_homepages"] == ["http://www.autre-commune.test/"]
    assert "aucune capture de www.autre-commune.test dans CC-MAIN-2025-47" in other["sources"][0]["findings"]


def test_common_crawl_out_of_reach_is_a_finding_not_a_crash(tmp_path, cands):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    out = tmp_path / "out"
    assert main(["import-cc", str(out), "--candidates", str(cands), "--crawl", "CC-MAIN-2025-47",
                 "--index-url", base, "--data-url", base, "--delay", "0", "-q", "-j", "1"]) == 0
    capture = _json(out / "bourg-exemple" / "crawl.json")["capture"]
    assert capture["missing_homepages"] == [samples.HOME]
    assert any(f.startswith(f"{base}/CC-MAIN-2025-47-index?") and "injoignable" in f
               for f in capture["sources"][0]["findings"])
    assert _signals(out / "bourg-exemple")["cms"]["assessment"] == "inconnu"


def test_a_bad_crawl_id_is_bad_input(tmp_path, cands, capsys):
    assert main(["import-cc", str(tmp_path / "out"), "--candidates", str(cands), "--crawl", "2025-47", "-q"]) == 2
    assert "--crawl '2025-47' : forme attendue CC-MAIN-AAAA-SS" in capsys.readouterr().err


def test_limit_keeps_what_stands_without_the_missing_inputs_and_what_the_folder_holds_after_all():
    from checks.capture import limit
    from ground.model import Signal
    from tests.checks.baseline import api, observations

    def sig(sid: str, domain: str, assessment: str) -> Signal:
        return Signal(id=sid, domain=domain, value="x", assessment=assessment, display="x")

    signals = [sig("website_links_opendata", "open_data", "favorable"), sig("opendata_portal", "open_data", "defavorable"),
               sig("datagouv_org", "open_data", "favorable"), sig("ipv6", "interop_accessibilite", "defavorable"),
               sig("cms", "logiciels_libres", "favorable")]
    capture = {"third_party": True, "lacks": ["dns", "datagouv_api"], "sources": [{"origin": "Heritrix/3.4.0"}]}
    obs = observations()
    obs.crawl = {"capture": capture}
    got = {s.id: s for s in limit(obs, signals)}
    assert got["website_links_opendata"].assessment == "favorable"  # a link seen on a page stands
    assert got["cms"].assessment == "favorable"  # needs nothing the capture lacks
    for sid, words in (("opendata_portal", "les réponses de l'API data.gouv.fr"), ("ipv6", "les réponses DNS"),
                       ("datagouv_org", "les réponses de l'API data.gouv.fr")):
        assert got[sid].assessment == "inconnu" and got[sid].value is None
        assert got[sid].reason == f"capture tierce (Heritrix/3.4.0) : elle ne contient pas {words} ; signal non établi"
    # The API answers are in the folder after all: what needs them is judged.
    obs.api = [api("https://www.data.gouv.fr/api/1/organizations/x/", "organization", {"id": "x"})]
    got = {s.id: s for s in limit(obs, signals)}
    assert got["datagouv_org"].assessment == "favorable" and got["opendata_portal"].assessment == "defavorable"
    # Our own crawl: nothing changes.
    obs.crawl = {}
    assert limit(obs, signals) == signals


def test_a_capture_holding_the_https_probe_but_no_certificate_leaves_https_unknown_not_hsts():
    """The https probe answers are in the folder (held after all), the certificate is not: `hsts` (needs
    only the probe) is judged, `https` (needs the probe and the certificate) is not."""
    from checks.capture import limit
    from ground.model import Signal
    from tests.checks.netbaseline import net_observations, probe

    signals = [Signal(id="https", domain="interop_accessibilite", value="x", assessment="favorable", display="x"),
               Signal(id="hsts", domain="interop_accessibilite", value="x", assessment="favorable", display="x")]
    obs = net_observations(probes=[probe("https", 200)])
    obs.crawl = {"capture": {"third_party": True, "lacks": ["https_probe", "tls"], "sources": [{"origin": "Wget/1.21"}]}}
    got = {s.id: s for s in limit(obs, signals)}
    assert got["hsts"].assessment == "favorable"
    assert got["https"].assessment == "inconnu"
    assert got["https"].reason == "capture tierce (Wget/1.21) : elle ne contient pas le certificat TLS ; signal non établi"
