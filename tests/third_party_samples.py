"""Small archives in the shapes the web-archiving field's tools write, made here with warcio for a
fictional site (www.bourg-exemple.test): wget's `--warc-file`, Heritrix, Browsertrix (in a WACZ) and
Common Crawl's records. Their warcinfo fields and record headers are those each tool writes (wget:
WARC/1.0, `<…>` around the target URI, request before response, its log and arguments as
metadata/resource records at the end; Heritrix: a `dns:` record, WARC-IP-Address, outlinks as
metadata, identical-payload-digest revisits, WARC-Truncated; Browsertrix: WARC/1.1, a WACZ with
datapackage.json, pages/pages.jsonl and a CDXJ index; Common Crawl: WARC-Identified-Payload-Type).

Each builder returns where it wrote each record (offset and length in its file, record id), so
that a test compares the import with what was written, not with what the import computes.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HOST = "www.bourg-exemple.test"
HOME = f"http://{HOST}/"
MAIRIE = f"http://{HOST}/mairie/"
CONTACT = f"http://{HOST}/contact/"
CSV = f"http://{HOST}/donnees/budget.csv"
LOGO = f"http://{HOST}/logo.png"

HOME_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Accueil | Bourg-Exemple</title>
<meta name="generator" content="SPIP 4.2.8 [24184]">
<script src="https://stats.bourg-exemple.test/matomo.js"></script></head>
<body><h1>Mairie de Bourg-Exemple</h1>
<nav><a href="/mairie/">La mairie</a> <a href="/contact/">Contact</a></nav>
<p><img src="/logo.png" alt="Logo de la commune"></p>
<footer>Accessibilité : partiellement conforme · <a href="/donnees/budget.csv">Budget (CSV)</a></footer>
</body></html>""".encode()
MAIRIE_HTML = b"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>La mairie | Bourg-Exemple</title></head>
<body><h1>La mairie</h1><p>Horaires d'ouverture : du lundi au vendredi.</p><a href="/">Accueil</a></body></html>"""
CONTACT_HTML = b"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Contact | Bourg-Exemple</title></head>
<body><h1>Contact</h1><p>Mairie, 1 place de l'Eglise.</p></body></html>"""
CSV_BODY = b"annee;montant\n2024;125000\n2025;131000\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def _http(status: str, ctype: str, body: bytes, extra: list[tuple[str, str]] = ()) -> StatusAndHeaders:
    headers = [("Content-Type", ctype), ("Content-Length", str(len(body))), *extra]
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


class Writer:
    """A warcio writer that notes where each record starts and ends in its file."""

    def __init__(self, fh, version: str, gzip: bool = True) -> None:
        self.fh = fh
        self.w = WARCWriter(fh, gzip=gzip, warc_version=version)
        self.places: dict[tuple[str, str], dict] = {}  # (WARC-Type, URI) -> offset, length, record_id

    def write(self, record, key: tuple[str, str] | None = None) -> dict:
        start = self.fh.tell()
        self.w.write_record(record)
        place = {"offset": start, "length": self.fh.tell() - start,
                 "record_id": record.rec_headers.get_header("WARC-Record-ID"),
                 "payload_digest": record.rec_headers.get_header("WARC-Payload-Digest")}
        if key is not None:
            self.places[key] = place
        return place

    def warcinfo(self, filename: str, fields: dict[str, str], date: str) -> dict:
        rec = self.w.create_warcinfo_record(filename, fields)
        rec.rec_headers.replace_header("WARC-Date", date)
        return self.write(rec, ("warcinfo", filename))

    def response(self, url: str, status: str, ctype: str, body: bytes, date: str, uri: str | None = None,
                 warc: dict[str, str] | None = None, extra: list[tuple[str, str]] = ()) -> dict:
        rec = self.w.create_warc_record(uri or url, "response", payload=io.BytesIO(body), length=len(body),
                                        http_headers=_http(status, ctype, body, extra),
                                        warc_headers_dict={"WARC-Date": date, **(warc or {})})
        return self.write(rec, ("response", url))

    def request(self, url: str, date: str, uri: str | None = None, agent: str = "Wget/1.21.3") -> dict:
        host, _, path = url.split("://", 1)[1].partition("/")
        http = StatusAndHeaders(f"GET /{path} HTTP/1.1", [("Host", host), ("User-Agent", agent), ("Accept", "*/*")],
                                is_http_request=True)
        rec = self.w.create_warc_record(uri or url, "request", payload=io.BytesIO(b""), length=0, http_headers=http,
                                        warc_headers_dict={"WARC-Date": date})
        return self.write(rec, ("request", url))

    def plain(self, uri: str, rec_type: str, ctype: str, body: bytes, date: str) -> dict:
        rec = self.w.create_warc_record(uri, rec_type, payload=io.BytesIO(body), length=len(body),
                                        warc_content_type=ctype, warc_headers_dict={"WARC-Date": date})
        return self.write(rec, (rec_type, uri))


def site(with_home: bool = True) -> list[tuple[str, str, str, bytes]]:
    """(url, status, content type, body) of the fictional site, homepage first."""
    pages = [(HOME, "200 OK", "text/html; charset=utf-8", HOME_HTML)] if with_home else []
    return pages + [(MAIRIE, "200 OK", "text/html; charset=utf-8", MAIRIE_HTML),
                    (CONTACT, "200 OK", "text/html; charset=utf-8", CONTACT_HTML),
                    (CSV, "200 OK", "text/csv", CSV_BODY),
                    (LOGO, "200 OK", "image/png", PNG)]


def chunked(body: bytes, size: int = 100) -> bytes:
    """`body` in HTTP/1.1 chunks (as a server sends it and wget or Heritrix keep it)."""
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def wget_warc(path: Path, with_home: bool = True, date: str = "2025-11-15T10:00:00Z",
              chunked_home: bool = False) -> dict:
    """wget 1.21's `--warc-file`: WARC/1.0, a request record before each response, `<…>` around the
    target URIs, its MANIFEST.txt (metadata), arguments and log (resource) records at the end;
    `chunked_home`: the homepage as a server sent it in chunks (Transfer-Encoding kept, as wget does)."""
    with open(path, "wb") as fh:
        w = Writer(fh, "1.0")
        w.warcinfo(path.name, {"software": "Wget/1.21.3 (linux-gnu)", "format": "WARC File Format 1.0",
                               "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
                               "robots": "classic",
                               "wget-arguments": f'"--recursive" "--warc-file={path.stem}" "{HOME}"'}, date)
        for url, status, ctype, body in site(with_home):
            w.request(url, date, uri=f"<{url}>")
            if chunked_home and url == HOME:
                rec = w.w.create_warc_record(f"<{url}>", "response", payload=io.BytesIO(chunked(body)),
                                             http_headers=StatusAndHeaders(status, [
                                                 ("Content-Type", ctype), ("Transfer-Encoding", "chunked")],
                                                 protocol="HTTP/1.1"), warc_headers_dict={"WARC-Date": date})
                w.write(rec, ("response", url))
                continue
            w.response(url, status, ctype, body, date, uri=f"<{url}>")
        w.plain("metadata://gnu.org/software/wget/warc/MANIFEST.txt", "metadata", "text/plain",
                b"<urn:uuid:00000000-0000-4000-8000-000000000001>\n", date)
        w.plain("metadata://gnu.org/software/wget/warc/wget_arguments.txt", "resource", "text/plain",
                b'"--recursive" "--warc-file=bourg"\n', date)
        w.plain("metadata://gnu.org/software/wget/warc/wget.log", "resource", "text/plain",
                b"FINISHED --2025-11-15 10:00:01--\n", date)
    return w.places


HERITRIX = "Heritrix/3.4.0-20220727 http://crawler.archive.org"


def heritrix_warc(path: Path, gzip: bool = True) -> dict:
    """Heritrix 3: a `dns:` record first, responses with WARC-IP-Address, their request and outlinks
    (metadata) records, then a second visit: an identical-payload-digest revisit of the homepage, a
    revisit whose original is another address, a revisit whose original is not in the file, and a
    document cut at the crawler's size limit (WARC-Truncated: length)."""
    d1, d2 = "2025-10-02T08:00:00Z", "2025-10-09T08:00:00Z"
    with open(path, "wb") as fh:
        w = Writer(fh, "1.0", gzip=gzip)
        w.warcinfo(path.name, {"software": HERITRIX, "ip": "192.0.2.80", "hostname": "crawler.archives.test",
                               "format": "WARC File Format 1.0",
                               "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
                               "isPartOf": "collectivites-2025", "description": "Collecte de sites de communes",
                               "robots": "obey",
                               "http-header-user-agent": "Mozilla/5.0 (compatible; heritrix/3.4.0)"}, d1)
        w.plain(f"dns:{HOST}", "response", "text/dns", f"20251002080000\n{HOST}.\t300\tIN\tA\t192.0.2.10\n".encode(), d1)
        ip = {"WARC-IP-Address": "192.0.2.10"}
        for url, status, ctype, body in site()[:3]:
            w.response(url, status, ctype, body, d1, warc=ip)
            w.request(url, d1, agent="Mozilla/5.0 (compatible; heritrix/3.4.0)")
            w.plain(url, "metadata", "application/warc-fields", b"outlink: /mairie/ L a/@href\n", d1)
        w.response(CSV, "200 OK", "text/csv", CSV_BODY[:10], d1, warc={**ip, "WARC-Truncated": "length"})
        home = w.places[("response", HOME)]
        w.write(w.w.create_revisit_record(HOME, home["payload_digest"], HOME, d1, warc_headers_dict={
            "WARC-Date": d2, "WARC-Refers-To": home["record_id"]}, http_headers=_http(
            "200 OK", "text/html; charset=utf-8", b"")), ("revisit", HOME))
        mairie = w.places[("response", MAIRIE)]
        w.write(w.w.create_revisit_record(f"http://{HOST}/mairie/index.html", mairie["payload_digest"], MAIRIE, d1,
                                          warc_headers_dict={"WARC-Date": d2}), ("revisit", "index.html"))
        w.write(w.w.create_revisit_record(f"http://{HOST}/agenda/", "sha1:GONEGONEGONEGONEGONEGONEGONEGONE",
                                          f"http://{HOST}/agenda/", "2025-09-01T08:00:00Z",
                                          warc_headers_dict={"WARC-Date": d2}), ("revisit", "agenda"))
    return w.places


BROWSERTRIX = "Browsertrix-Crawler 1.4.2 (with warcio.js 2.3.1)"


def browsertrix_wacz(path: Path, bad_hash: bool = False) -> dict:
    """Browsertrix Crawler's WACZ: archive/rec-….warc.gz (WARC/1.1), indexes/index.cdxj,
    pages/pages.jsonl (a header line, then one line per page with its seed flag and depth),
    datapackage.json (profile, software, every file with its SHA-256 and size) and its digest."""
    date = "2025-11-20T14:30:00.123Z"
    warc_name = "rec-20251120143000123-bourg-1.warc.gz"
    buf = io.BytesIO()
    w = Writer(buf, "1.1")
    w.warcinfo(warc_name, {"software": BROWSERTRIX, "format": "WARC File Format 1.1",
                           "isPartOf": "bourg-exemple"}, date)
    for url, status, ctype, body in site():
        w.response(url, status, ctype, body, date, warc={"WARC-Page-ID": "5d9e1c2a-0000-4000-8000-000000000001"})
        w.request(url, date, agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36")
    warc = buf.getvalue()
    pages = "\n".join(json.dumps(x) for x in [
        {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"},
        {"id": "p1", "url": HOME, "title": "Accueil | Bourg-Exemple", "loadState": 4, "ts": date, "seed": True,
         "depth": 0, "status": 200, "mime": "text/html"},
        {"id": "p2", "url": MAIRIE, "title": "La mairie", "loadState": 4, "ts": date, "seed": False,
         "depth": 1, "status": 200, "mime": "text/html"}]).encode() + b"\n"
    cdxj = f'test,bourg-exemple,www)/ 20251120143000 {{"url": "{HOME}", "mime": "text/html", "status": "200", ' \
           f'"offset": "{w.places[("response", HOME)]["offset"]}", "filename": "{warc_name}"}}\n'.encode()
    files = {f"archive/{warc_name}": warc, "indexes/index.cdxj": cdxj, "pages/pages.jsonl": pages}
    resources = []
    for name, data in files.items():
        digest = hashlib.sha256(data).hexdigest()
        if bad_hash and name.startswith("archive/"):
            digest = "0" * 64  # what a file changed after its packaging would show
        resources.append({"name": name.rsplit("/", 1)[1], "path": name, "hash": f"sha256:{digest}", "bytes": len(data)})
    datapackage = json.dumps({"profile": "data-package", "wacz_version": "1.1.1", "title": "Bourg-Exemple",
                              "software": BROWSERTRIX, "created": "2025-11-20T14:35:00Z",
                              "resources": resources}, indent=2).encode()
    digest = json.dumps({"path": "datapackage.json",
                         "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest()}).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        zf.writestr("datapackage.json", datapackage, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("datapackage-digest.json", digest, compress_type=zipfile.ZIP_DEFLATED)
    return {"warc": warc, "warc_name": warc_name, "places": w.places}


def commoncrawl_warc(path: Path) -> dict:
    """Common Crawl's WARC file (Nutch): response records with WARC-IP-Address and
    WARC-Identified-Payload-Type, each its own gzip member, among other sites' records."""
    date = "2025-11-18T03:12:45Z"
    with open(path, "wb") as fh:
        w = Writer(fh, "1.0")
        w.warcinfo(path.name, {"software": "Apache Nutch 1.21 (modified, https://github.com/commoncrawl/nutch/)",
                               "format": "WARC File Format 1.1", "isPartOf": "CC-MAIN-2025-47"}, date)
        w.response("http://www.autre-site.test/", "200 OK", "text/html", b"<html><body>autre</body></html>", date)
        for url, status, ctype, body in site()[:2]:
            w.response(url, status, ctype, body, date, warc={"WARC-IP-Address": "192.0.2.10",
                                                             "WARC-Identified-Payload-Type": "text/html"})
    return w.places
