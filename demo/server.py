"""Local server for the demo world: virtual-host static sites plus a fake data.gouv.fr API v1.

Reachable both as an HTTP proxy (absolute-form request line, ``GET http://host/path``) and
directly with a ``Host:`` header. Every site is a folder ``<world>/sites/<hostname>/``; the host
``www.data.gouv.test`` answers JSON under ``/api/1`` from ``<world>/datagouv/*.json``.

Third-party hosts the pages make a browser contact (tag managers, analytics, CDNs: demo/content/standins.py)
are folders too, flagged ``"stand_in": true`` in their ``_server.json``: a path without a file answers 200
with an empty body (a beacon, a CDN file of no interest), and ``"types"`` gives the type of extensionless
paths (``/gtag/js``). A host that is not in the world gets a 502 from the proxy, never the internet.

    python -m demo.server [--verbose]
"""
from __future__ import annotations

import argparse
import email.utils
import json
import math
import mimetypes
import re
import ssl
import sys
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from demo import DATAGOUV_HOST, WORLD_DIR

API_PREFIX = "/api/1"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/vnd.microsoft.icon",
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".zip": "application/zip",
}
_MIMES = mimetypes.MimeTypes()
for _ext, _type in _TYPES.items():
    _MIMES.add_type(_type, _ext)
_TEXT_TYPES = ("text/", "application/json", "application/geo+json", "application/xml", "image/svg+xml")
INDEX_FILES = ("index.html", "index.json")
# Per-site server behaviour (sites/<host>/_server.json) and other world facts (_dns.zone,
# _whois.txt) sit beside the pages: they are never served.
SERVER_CONF = "_server.json"
WORLD_FACTS = (SERVER_CONF, "_dns.zone", "_whois.txt")
# Static self-signed certificate for *.test (generated once, 100 years): the crawler does not verify.
TLS_DIR = Path(__file__).parent / "tls"

# What a beacon or an image of a stand-in answers: a 1×1 transparent GIF.
PIXEL_GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
NOT_FOUND_HTML = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Page introuvable (404)</title></head>
<body><h1>Page introuvable</h1>
<p>La page demandée n'existe pas ou a été déplacée.</p>
<p><a href="/">Retour à l'accueil</a></p></body>
</html>
"""


def content_type(path: Path) -> str:
    ctype = _TYPES.get(path.suffix.lower()) or _MIMES.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith(_TEXT_TYPES):
        ctype += "; charset=utf-8"
    return ctype


def fold(text: str) -> str:
    """Lower-case, strip accents."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "sur", "a", "au", "aux"}


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w]


class DataGouv:
    """The fake data.gouv.fr API v1, answering from the world's JSON files."""

    def __init__(self, folder: Path):
        self.organizations: list[dict] = []
        self.datasets: list[dict] = []
        if (folder / "organizations.json").exists():
            self.organizations = json.loads((folder / "organizations.json").read_text("utf-8"))
        if (folder / "datasets.json").exists():
            self.datasets = json.loads((folder / "datasets.json").read_text("utf-8"))

    def find_org(self, key: str) -> dict | None:
        for org in self.organizations:
            if key in (org["id"], org["slug"]):
                return org
        return None

    def search_orgs(self, q: str) -> list[dict]:
        q = (q or "").strip()
        if not q:
            return list(self.organizations)
        digits = re.sub(r"\s", "", q)
        if digits.isdigit():
            return [o for o in self.organizations if (o.get("business_number_id") or "").startswith(digits)]
        terms = [w for w in words(q) if w not in _STOPWORDS] or words(q)
        scored = []
        for org in self.organizations:
            vocab = set(words(" ".join([org["name"], org.get("acronym") or "", org["slug"]])))
            if all(any(v.startswith(t) for v in vocab) for t in terms):
                exact = fold(org["name"]) == fold(q)
                scored.append((0 if exact else 1, len(vocab), org["name"], org))
        return [s[-1] for s in sorted(scored, key=lambda s: s[:3])]

    def org_datasets(self, org: dict) -> list[dict]:
        return [d for d in self.datasets if (d.get("organization") or {}).get("id") == org["id"]]

    def find_dataset(self, key: str) -> dict | None:
        for ds in self.datasets:
            if key in (ds["id"], ds["slug"]):
                return ds
        return None


class _Handler(BaseHTTPRequestHandler):
    server_version = "tnl-demo-world/1.0"
    protocol_version = "HTTP/1.1"
    server: "_Server"
    scheme = "http"  # "https" inside a CONNECT tunnel

    # --- plumbing ------------------------------------------------------------------------------

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)

    def _target(self) -> tuple[str, str, str]:
        """(host, netloc as requested, path with query) for proxy and direct requests."""
        raw = self.path
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", raw):
            parts = urlsplit(raw)
            netloc = parts.netloc
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
        else:
            netloc = self.headers.get("Host", "")
            path = raw
        host = netloc.rsplit("@", 1)[-1]
        host = re.sub(r":\d*$", "", host).strip().lower().rstrip(".")
        return host, netloc, path

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        site_headers = {k: v for k, v in getattr(self, "_site_headers", {}).items() if k.lower() != "server"}
        for key, value in {**(extra or {}), **site_headers, **getattr(self, "_extra_headers", {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload) -> None:
        body = json.dumps(payload, ensure_ascii=False, indent=None).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def version_string(self) -> str:
        """The site's own Server header (`headers` in _server.json), else the demo server's."""
        return getattr(self, "_site_headers", {}).get("Server") or super().version_string()

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        host, netloc, path = self._target()
        # Per-site response headers (Server, X-Powered-By…), from `headers` in sites/<host>/_server.json.
        self._site_headers = self.server.site_conf.get(host, {}).get("headers", {})
        if host == DATAGOUV_HOST:
            self._api(netloc, path)
        elif host in self.server.sites:
            if self._tls_policy(host, path):
                return
            self._static(self.server.sites[host], path, host)
        else:
            body = f"502 Bad Gateway: unknown host {host or '(none)'!r} in the demo world\n".encode()
            self._send(502, body, "text/plain; charset=utf-8")

    do_HEAD = do_GET

    def _refuse(self) -> None:
        self._send(405, b"405 Method Not Allowed\n", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def do_CONNECT(self) -> None:  # noqa: N802
        host = re.sub(r":\d*$", "", self.path).strip().lower().rstrip(".")
        conf = self.server.site_conf.get(host, {})
        if self.scheme != "http" or not conf.get("https") or self.server.tls_context is None:
            self._send(502, b"502 Bad Gateway: HTTPS is not served for this host in the demo world\n",
                       "text/plain; charset=utf-8")
            return
        tunnel_tls(self, self.server.tls_context, _TLSHandler)

    def _tls_policy(self, host: str, path: str) -> bool:
        """HSTS on HTTPS answers; HTTP→HTTPS redirect. True when the answer was sent here.

        `redirect_https: "upgrade-insecure-requests"` redirects only requests carrying
        `Upgrade-Insecure-Requests: 1` (what browsers send; W3C Upgrade Insecure Requests §3.2
        lets servers redirect them): the demo's http crawl then stays on http.
        """
        conf = self.server.site_conf.get(host, {})
        if self.scheme == "https":
            if conf.get("hsts"):
                self._extra_headers = {"Strict-Transport-Security": conf["hsts"]}
            return False
        mode = conf.get("redirect_https")
        if conf.get("https") and (mode is True or (mode == "upgrade-insecure-requests"
                                                   and self.headers.get("Upgrade-Insecure-Requests") == "1")):
            self._send(301, b"", "text/html; charset=utf-8",
                       {"Location": f"https://{host}{path}", "Vary": "Upgrade-Insecure-Requests"})
            return True
        return False

    # --- static sites --------------------------------------------------------------------------

    def _not_found(self) -> None:
        self._send(404, NOT_FOUND_HTML.encode("utf-8"), "text/html; charset=utf-8")

    def _absent(self, conf: dict, path: str) -> None:
        """No file here: 404, or on a third party's stand-in an empty 200 (what its beacons and CDN files give;
        an image is a 1×1 transparent GIF)."""
        if not conf.get("stand_in"):
            return self._not_found()
        ctype = conf.get("types", {}).get(path) or content_type(Path(path))
        self._send(200, PIXEL_GIF if ctype.startswith("image/") else b"", ctype, {"Access-Control-Allow-Origin": "*"})

    def _static(self, root: Path, raw_path: str, host: str = "") -> None:
        conf = self.server.site_conf.get(host, {})
        path = raw_path.split("?", 1)[0].split("#", 1)[0]
        decoded = unquote(path)
        segments = [s for s in decoded.split("/") if s not in ("", ".")]
        if len(segments) == 1 and segments[0] in WORLD_FACTS:
            return self._not_found()  # world facts (_server.json, _dns.zone, _whois.txt), not pages
        if not decoded.startswith("/") or any(s == ".." or "\\" in s or "\x00" in s for s in segments):
            return self._not_found()
        target = root.joinpath(*segments) if segments else root
        try:
            resolved = target.resolve()
            resolved.relative_to(root.resolve())
        except (ValueError, OSError):
            return self._not_found()
        if resolved.is_dir():
            if not path.endswith("/"):
                return self._send(
                    301, b"", "text/html; charset=utf-8", {"Location": path + "/"}
                )
            for name in INDEX_FILES:
                if (resolved / name).is_file():
                    resolved = resolved / name
                    break
            else:
                return self._absent(conf, path)
        elif not path.endswith("/") and not resolved.exists() and resolved.with_name(resolved.name + ".json").is_file():
            resolved = resolved.with_name(resolved.name + ".json")  # extensionless API routes (open-data portals)
        elif path.endswith("/") or not resolved.is_file():
            return self._absent(conf, path)
        body = resolved.read_bytes()
        mtime = resolved.stat().st_mtime
        extra = {"Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        if conf.get("stand_in"):
            extra["Access-Control-Allow-Origin"] = "*"  # as CDNs answer: a page's scripts may read their files
        self._send(200, body, conf.get("types", {}).get(path) or content_type(resolved), extra)

    # --- fake data.gouv.fr API ------------------------------------------------------------------

    def _api_error(self, status: int, message: str) -> None:
        self._json(status, {"message": message, "status": status})

    def _paginate(self, netloc: str, route: str, params: dict, items: list[dict]) -> dict | None:
        try:
            page = int(params.get("page", ["1"])[0] or 1)
            page_size = int(params.get("page_size", [str(DEFAULT_PAGE_SIZE)])[0] or DEFAULT_PAGE_SIZE)
        except ValueError:
            self._api_error(400, "Validation error: page and page_size must be integers")
            return None
        page = max(page, 1)
        page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
        total = len(items)
        last = max(1, math.ceil(total / page_size))

        def link(n: int) -> str:
            query = {k: v[0] for k, v in params.items() if k not in ("page", "page_size")}
            query.update(page=n, page_size=page_size)
            return f"http://{netloc}{API_PREFIX}{route}?{urlencode(query)}"

        return {
            "data": items[(page - 1) * page_size : page * page_size],
            "facets": None,
            "next_page": link(page + 1) if page < last else None,
            "page": page,
            "page_size": page_size,
            "previous_page": link(page - 1) if page > 1 else None,
            "total": total,
        }

    def _api(self, netloc: str, raw_path: str) -> None:
        api = self.server.datagouv
        parts = urlsplit(raw_path)
        params = parse_qs(parts.query, keep_blank_values=True)
        path = unquote(parts.path)
        if not path.startswith(API_PREFIX + "/"):
            return self._api_error(404, "Not found: only the API v1 (/api/1/) is served here")
        route = "/" + path[len(API_PREFIX) :].strip("/") + "/"
        segs = [s for s in route.split("/") if s]

        if segs == ["organizations"]:
            page = self._paginate(netloc, route, params, api.search_orgs(params.get("q", [""])[0]))
            if page is not None:
                self._json(200, page)
            return
        if len(segs) in (2, 3) and segs[0] == "organizations":
            org = api.find_org(segs[1])
            if org is None:
                return self._api_error(404, f"Organization {segs[1]!r} not found")
            if len(segs) == 2:
                return self._json(200, org)
            if segs[2] == "datasets":
                page = self._paginate(netloc, route, params, api.org_datasets(org))
                if page is not None:
                    self._json(200, page)
                return
        if segs == ["datasets"]:
            items = api.datasets
            org_key = params.get("organization", [""])[0]
            if org_key:
                org = api.find_org(org_key)
                items = api.org_datasets(org) if org else []
            q = params.get("q", [""])[0]
            if q:
                terms = words(q)
                items = [d for d in items if all(t in words(d["title"]) for t in terms)]
            page = self._paginate(netloc, route, params, items)
            if page is not None:
                self._json(200, page)
            return
        if len(segs) == 2 and segs[0] == "datasets":
            ds = api.find_dataset(segs[1])
            if ds is None:
                return self._api_error(404, f"Dataset {segs[1]!r} not found")
            return self._json(200, ds)
        return self._api_error(404, f"Not found: {route}")


def tunnel_tls(handler, context: ssl.SSLContext, tls_handler_cls) -> None:
    """Answer a CONNECT with 200, then speak TLS on the client's socket through a fresh handler
    (the way an HTTPS proxy tunnel ends at the origin). Shared by the demo and fault worlds."""
    handler.send_response(200, "Connection established")
    handler.end_headers()
    handler.wfile.flush()
    try:
        tls = context.wrap_socket(handler.connection, server_side=True)
    except (ssl.SSLError, OSError):
        handler.close_connection = True
        return
    try:
        tls_handler_cls(tls, handler.client_address, handler.server)
    except OSError:
        pass  # the client went away inside the tunnel
    finally:
        handler.close_connection = True


class _TLSHandler(_Handler):
    """The same handler, inside a CONNECT tunnel wrapped in TLS."""

    scheme = "https"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    sites: dict[str, Path]
    site_conf: dict[str, dict]
    tls_context: ssl.SSLContext | None
    datagouv: DataGouv
    verbose: bool

    def handle_error(self, request, client_address) -> None:
        """A client that closes its connection (a browser's spare or cancelled connection) is no error."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class WorldServer:
    """Serve the demo world on 127.0.0.1 (random free port), in a daemon thread."""

    def __init__(self, world_dir: Path = WORLD_DIR, verbose: bool = False):
        self.world_dir = Path(world_dir)
        self.verbose = verbose
        sites_dir = self.world_dir / "sites"
        self.sites = {p.name: p for p in sorted(sites_dir.iterdir()) if p.is_dir()} if sites_dir.is_dir() else {}
        self.hosts: list[str] = sorted(self.sites) + [DATAGOUV_HOST]
        # The third parties' stand-ins (tag managers, CDNs…): served like the rest, but not the world's own sites.
        self.stand_ins: list[str] = sorted(
            h for h, root in self.sites.items()
            if (root / SERVER_CONF).is_file() and json.loads((root / SERVER_CONF).read_text("utf-8")).get("stand_in"))
        self.port: int = 0
        self.address: str = ""
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "WorldServer":
        if self._httpd is not None:
            return self
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.sites = self.sites
        httpd.site_conf = {host: json.loads((root / SERVER_CONF).read_text("utf-8"))
                           for host, root in self.sites.items() if (root / SERVER_CONF).is_file()}
        httpd.tls_context = None
        if (TLS_DIR / "world.pem").is_file():
            httpd.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            httpd.tls_context.load_cert_chain(TLS_DIR / "world.pem", TLS_DIR / "world.key")
        httpd.datagouv = DataGouv(self.world_dir / "datagouv")
        httpd.verbose = self.verbose
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self.address = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=httpd.serve_forever, name="tnl-demo-world", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def host_map(self) -> dict[str, str]:
        return {host: self.address for host in self.hosts}

    @property
    def proxy_url(self) -> str:
        return f"http://{self.address}"

    def __enter__(self) -> "WorldServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the tnl-evidence demo world locally.")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    server = WorldServer(verbose=args.verbose).start()
    print(f"Demo world served on {server.address} (port {server.port})")
    print(f"Use it as an HTTP proxy: http_proxy=http://{server.address}")
    for host, addr in server.host_map().items():
        print(f"  {host} -> {addr}")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
