"""FaultServer: a loopback web of broken municipal sites, one virtual host per fault (issue 5).

Reachable like the demo world (demo.server.WorldServer): as an HTTP proxy (absolute-form
request line ``GET http://host/path HTTP/1.1``, https through ``CONNECT``) or with a ``Host:``
header. The crawler reaches it with ``--resolve HOST=127.0.0.1:PORT`` for every host in
`FaultServer.hosts` (see `FaultServer.resolve_args`).

Every loop is bounded: the slow handlers (stall, drip, 2 GB stream) stop when the client goes
away or when `FaultServer.stop()` is called; `stop()` also shuts down every open connection.
Every request is logged (`FaultServer.requests`) so that tests can see what the crawler asked for.
"""
from __future__ import annotations

import datetime
import re
import secrets
import select
import socket
import ssl
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from demo.server import tunnel_tls

DOMAIN = "fautes.test"

# One host per fault. The keys are used as candidate ids (tests/faults/candidates.py).
ERREUR_500 = f"erreur-500.{DOMAIN}"      # every URL answers 500
ERREUR_503 = f"erreur-503.{DOMAIN}"      # homepage: 503 + Retry-After twice, then 200
ACCUEIL_404 = f"accueil-404.{DOMAIN}"    # homepage 404
COUPURE = f"coupure.{DOMAIN}"            # connection reset (TCP RST) after the request is read
BLOQUE = f"bloque.{DOMAIN}"              # headers and part of the body, then nothing, forever
GOUTTE = f"goutte.{DOMAIN}"              # one byte per second
BOUCLE = f"boucle.{DOMAIN}"              # redirect loop / -> /boucle-a -> /boucle-b -> /boucle-a
VERS_PRIVE = f"vers-prive.{DOMAIN}"      # links that redirect to 169.254.169.254 and 10.0.0.1
GEANT = f"geant.{DOMAIN}"                # 2 GiB streamed (page without length, PDF with length)
BOMBE = f"bombe.{DOMAIN}"                # gzip bomb: ~1 MB on the wire, 1 GiB decompressed
CP1252 = f"cp1252.{DOMAIN}"              # Windows-1252 bytes declared as UTF-8
HTML_CASSE = f"html-casse.{DOMAIN}"      # malformed, unclosed, deeply nested HTML
LIGNE_UNIQUE = f"ligne-unique.{DOMAIN}"  # a 5 MB page on one line
CALENDRIER = f"calendrier.{DOMAIN}"      # infinite ?month= links, and ever-deeper relative paths
SESSION = f"session.{DOMAIN}"            # ;jsessionid= and ?PHPSESSID= that change on every page
ROBOTS_INTERDIT = f"robots-interdit.{DOMAIN}"  # robots.txt: Disallow: /
TLS_INVALIDE = f"tls-invalide.{DOMAIN}"  # https with an expired, self-signed, wrong-name certificate
INTROUVABLE = f"introuvable.{DOMAIN}"    # never mapped: the name does not resolve
API_LENTE = f"api-lente.{DOMAIN}"        # the data.gouv API double: slow 503s, shared by all candidates
DOCUMENTS = f"documents-pieges.{DOMAIN}"  # hostile documents (issue 19), and more documents than the cap
API_DELAY = 1.0  # seconds before each API answer: requests from all candidates overlap

# Redirect targets of VERS_PRIVE. Tests map them to this server (--resolve) so that a crawler that
# follows them hits a canary here, never the real cloud metadata service or a real intranet.
METADATA_IP = "169.254.169.254"
INTRANET_IP = "10.0.0.1"

GIANT_SIZE = 2 * 1024 ** 3
BOMB_SIZE = 1024 ** 3
SINGLE_LINE_SIZE = 5 * 1024 * 1024
RETRY_AFTER = 5  # seconds, in the 503 answers of ERREUR_503
UNAVAILABLE_TIMES = 2  # ERREUR_503 answers 503 this many times before 200
DRIP_LENGTH = 100_000  # declared length of the slow drip (1 byte/s: it would take 28 hours)
SESSION_PAGES = ("actualites", "demarches", "agenda", "contact", "mentions-legales")
NESTING = 300  # unclosed <div>s in the broken page (one per news item of a broken template)

# DOCUMENTS: four hostile documents linked from the homepage, then a page of SMALL_PDFS ordinary
# deliberations; the fault test runs with --max-documents DOCUMENTS_CAP (< 4 + SMALL_PDFS).
ZIP_BOMB_ODT = "/docs/compte-rendu-bombe.odt"    # content.xml: 64 MiB of "A" in ~64 kB on the wire
LOOPED_PDF = "/docs/budget-boucle.pdf"           # page tree whose /Kids lists itself
LONG_PDF = "/docs/registre-2000-pages.pdf"       # LONG_PDF_PAGES pages sharing one content stream
ENCRYPTED_PDF = "/docs/deliberation-chiffree.pdf"  # user password "secret"
HOSTILE_DOCUMENTS = (ZIP_BOMB_ODT, LOOPED_PDF, LONG_PDF, ENCRYPTED_PDF)
LONG_PDF_PAGES = 2000
SMALL_PDFS = 25
DOCUMENTS_CAP = 20
DELIBERATIONS = "/deliberations"


def small_pdf_path(n: int) -> str:
    return f"/docs/deliberation-{n:02d}.pdf"

_HTML = "text/html; charset=utf-8"


def page(title: str, body: str, lang: str = "fr") -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"><title>{title}</title></head>\n'
            f"<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n").encode("utf-8")


@dataclass
class Hit:
    """One request received (after the CONNECT tunnel, for https)."""

    host: str
    path: str
    method: str
    scheme: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_probe(self) -> bool:
        """The crawler's http→https probe (crawler/https_probe.py) sends this header, pages do not."""
        return self.headers.get("upgrade-insecure-requests") == "1"


def _gzip_bomb(size: int) -> bytes:
    """A valid gzip member of `size` bytes of HTML whitespace, built in ~1 s without compressing it all.

    After Z_FULL_FLUSH a deflate stream does not refer back, so one compressed megabyte of spaces
    can be repeated; the gzip trailer carries the true CRC-32 and length (RFC 1952).
    """
    head = b"<!DOCTYPE html><html><head><title>Bombe</title></head><body><p>"
    tail = b"</p></body></html>"
    chunk = b" " * (1 << 20)
    n = (size - len(head) - len(tail)) // len(chunk)

    def deflate(data: bytes, final: bool) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    total = len(head) + n * len(chunk) + len(tail)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + deflate(head, False) + deflate(chunk, False) * n
            + deflate(tail, True) + struct.pack("<II", crc & 0xFFFFFFFF, total & 0xFFFFFFFF))


def make_bad_certificate(folder: Path) -> tuple[Path, Path]:
    """An expired (2019-2020), self-signed certificate for another name: fails every verification."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "autre-nom.invalid")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(datetime.datetime(2019, 1, 1, tzinfo=datetime.timezone.utc))
            .not_valid_after(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("autre-nom.invalid")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "mauvais.pem", folder / "mauvais.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache/2.2.3 (CentOS)"  # old hosting
    timeout = 15  # an idle keep-alive connection is closed after this (bounded threads)
    scheme = "http"
    server: "_Server"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    # --- plumbing ------------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        self.server.track(self.connection, False)

    def _target(self) -> tuple[str, str]:
        raw = self.path
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", raw):
            parts = urlsplit(raw)
            host, path = parts.netloc, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        else:
            host, path = self.headers.get("Host", ""), raw
        host = re.sub(r":\d*$", "", host.rsplit("@", 1)[-1]).strip().lower().rstrip(".")
        return host, path

    def _send(self, status: int, body: bytes = b"", ctype: str = _HTML, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _client_gone(self, wait: float) -> bool:
        """Wait up to `wait` seconds; True when the client closed the connection or the server stops."""
        if self.server.stopping.is_set():
            return True
        try:
            readable, _, _ = select.select([self.connection], [], [], wait)
            if readable:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True
        return self.server.stopping.is_set()

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        host, path = self._target()
        hit = Hit(host, path, self.command, self.scheme, time.monotonic(),
                  {k.lower(): v for k, v in self.headers.items()})
        self.server.log(hit)
        self.server.enter(host)
        try:
            handler = _ROUTES.get(host)
            if handler is None:
                self._send(502, f"502 Bad Gateway: hôte inconnu {host!r}\n".encode(), "text/plain; charset=utf-8")
                return
            handler(self, path, hit)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, TimeoutError, OSError):
            self.close_connection = True  # the crawler gave up: exactly what some faults expect
        finally:
            self.server.leave(host)

    do_HEAD = do_GET

    def do_CONNECT(self) -> None:  # noqa: N802
        host = re.sub(r":\d*$", "", self.path).strip().lower().rstrip(".")
        self.server.log(Hit(host, "CONNECT", "CONNECT", self.scheme, time.monotonic(),
                            {k.lower(): v for k, v in self.headers.items()}))
        if self.scheme != "http" or host != TLS_INVALIDE or self.server.tls_context is None:
            self._send(502, b"502 Bad Gateway: pas de HTTPS pour cet hote\n", "text/plain; charset=utf-8")
            return
        tunnel_tls(self, self.server.tls_context, _TLSHandler)

    # --- faults (one method per host; `path` includes the query) -------------------------------

    def robots_or_none(self, path: str) -> bool:
        """Default robots.txt: none (404). True when answered."""
        if path.split("?", 1)[0] == "/robots.txt":
            self._send(404, b"Not Found\n", "text/plain")
            return True
        return False

    def erreur_500(self, path: str, hit: Hit) -> None:
        self._send(500, b"<html><body><h1>Internal Server Error</h1></body></html>")

    def erreur_503(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        if path == "/" and not hit.is_probe and self.server.count(hit.host, "/", pages_only=True) <= UNAVAILABLE_TIMES:
            self._send(503, b"<html><body><h1>Service temporairement indisponible</h1></body></html>",
                       headers={"Retry-After": str(RETRY_AFTER)})
            return
        self._send(200, page("Mairie de Retardville", "<p>Le site est de nouveau disponible.</p>"))

    def api_lente(self, path: str, hit: Hit) -> None:
        if not self._client_gone(API_DELAY):
            self._send(503, b'{"message": "Service Unavailable", "status": 503}', "application/json")

    def accueil_404(self, path: str, hit: Hit) -> None:
        self._send(404, page("Page introuvable", "<p>Not Found</p>"))

    def coupure(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        # SO_LINGER 0: close() sends a TCP RST instead of a FIN (connection reset by peer).
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def bloque(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        start = page("Mairie de Bloqueville", "<p>" + "Bienvenue. " * 200 + "</p>")[:2000]
        self.send_response(200)
        self.send_header("Content-Type", _HTML)
        self.send_header("Content-Length", "200000")
        self.end_headers()
        self.wfile.write(start)
        self.wfile.flush()
        while not self._client_gone(0.5):
            pass  # stalled mid-body until the client gives up or the server stops
        self.close_connection = True

    def goutte(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        body = page("Mairie de Goutteville", "<p>" + "Lentement. " * (DRIP_LENGTH // 10) + "</p>")[:DRIP_LENGTH]
        self.send_response(200)
        self.send_header("Content-Type", _HTML)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(len(body)):
            self.wfile.write(body[i:i + 1])
            self.wfile.flush()
            if self._client_gone(1.0):
                break
        self.close_connection = True

    def boucle(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        target = {"/": "/boucle-a", "/boucle-a": "/boucle-b", "/boucle-b": "/boucle-a"}.get(path, "/")
        self._send(302, b"", headers={"Location": target})

    def vers_prive(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        targets = {"/meta": f"http://{METADATA_IP}/latest/meta-data/iam/security-credentials/",
                   "/intranet": f"http://{INTRANET_IP}/admin/"}
        if path in targets:
            self._send(302, b"", headers={"Location": targets[path]})
            return
        self._send(200, page("Mairie de Privas-les-Fautes",
                             '<p><a href="/meta">Espace agents</a> — <a href="/intranet">Intranet</a></p>'))

    def canary(self, path: str, hit: Hit) -> None:
        """What the crawler would reach at a private address: a canary, so tests can see it was asked."""
        self._send(200, b'{"AccessKeyId": "CANARI-NE-DOIT-JAMAIS-ETRE-ATTEINT"}', "application/json")

    def geant(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        if path == "/":
            self._send(200, page("Mairie de Géantville", '<p><a href="/journal-officiel">Journal officiel '
                                 '(tout en une page)</a> — <a href="/registre-2Go.pdf">Registre des '
                                 'délibérations (PDF, 2 Go)</a></p>'))
            return
        chunk = (b"<p>" + b"Registre des deliberations. " * 2340 + b"</p>\n")[:65536]
        if path == "/registre-2Go.pdf":
            # Announced length: the crawler can refuse it from the headers alone.
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(GIANT_SIZE))
            self.end_headers()
            sent, write = 0, self.wfile.write
        else:
            # No length, chunked: the crawler has to count what it receives.
            self.send_response(200)
            self.send_header("Content-Type", _HTML)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n<!DOCTYPE html><html><body>\r\n" % len(b"<!DOCTYPE html><html><body>"))
            sent = 0

            def write(data: bytes) -> None:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        while sent < GIANT_SIZE and not self.server.stopping.is_set():
            write(chunk[: GIANT_SIZE - sent])  # generated on the fly: never held in memory
            sent += len(chunk)
        self.close_connection = True

    def bombe(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        self._send(200, self.server.bomb(), headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})

    def cp1252(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        self._send(200, CP1252_PAGE, "text/html; charset=utf-8")

    def html_casse(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        if path == "/":
            self._send(200, BROKEN_PAGE, "text/html")
        else:
            self._send(200, page("Page de Cassé-sur-Mer", '<p>Contenu.<a href="/">Accueil</a>'))

    def ligne_unique(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        if path == "/":
            self._send(200, self.server.single_line(), _HTML)
        else:
            self._send(200, page("Fin de la ligne", "<p>Trouvée.</p>"))

    def calendrier(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        parts = urlsplit(path)
        month = parse_qs(parts.query).get("month", ["2025-01"])[0]
        try:
            year, mon = (int(x) for x in month.split("-", 1))
        except ValueError:
            year, mon = 2025, 1
        links = []
        for delta in range(-6, 7):  # every month page links 12 more months, without end
            y, m = divmod(year * 12 + (mon - 1) + delta, 12)
            links.append(f'<a href="/agenda?month={y:04d}-{m + 1:02d}">{m + 1:02d}/{y}</a>')
        links.append('<a href="evenements/">Événements</a>')  # relative: /agenda/evenements/evenements/…
        self._send(200, page(f"Agenda — {month}", "<nav>" + " ".join(links) + "</nav>"))

    def session(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return

        def sid() -> str:
            return secrets.token_hex(16).upper()

        links = " ".join(f'<a href="/{name};jsessionid={sid()}?PHPSESSID={sid()}">{name}</a>'
                         for name in SESSION_PAGES)
        self._send(200, page("Mairie de Sessionville", f"<nav>{links}</nav>"),
                   headers={"Set-Cookie": f"PHPSESSID={sid()}; path=/"})

    def robots_interdit(self, path: str, hit: Hit) -> None:
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /\n", "text/plain")
            return
        self._send(200, page("Mairie de Robotville", '<p><a href="/demarches">Démarches</a></p>'))

    def documents(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        if path == "/":
            links = [("Compte rendu du conseil (ODT)", ZIP_BOMB_ODT), ("Budget primitif (PDF)", LOOPED_PDF),
                     ("Registre des délibérations, 2 000 pages (PDF)", LONG_PDF),
                     ("Délibération réservée (PDF)", ENCRYPTED_PDF), ("Toutes les délibérations", DELIBERATIONS)]
            self._send(200, page("Mairie de Documents-les-Pièges",
                                 "<ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in links)
                                 + "</ul>"))
            return
        if path == DELIBERATIONS:
            items = "".join(f'<li><a href="{small_pdf_path(n)}">Délibération n° 2024-{n:03d}</a></li>'
                            for n in range(1, SMALL_PDFS + 1))
            self._send(200, page("Délibérations", f"<ul>{items}</ul>"))
            return
        body = self.server.document(path.split("?", 1)[0])
        if body is None:
            self._send(404, page("Page introuvable", "<p>Not Found</p>"))
            return
        ctype = "application/vnd.oasis.opendocument.text" if path.endswith(".odt") else "application/pdf"
        self._send(200, body, ctype)

    def tls_invalide(self, path: str, hit: Hit) -> None:
        if self.robots_or_none(path):
            return
        headers = {}
        if self.scheme == "https":
            headers["Strict-Transport-Security"] = "max-age=31536000"
        elif self.headers.get("Upgrade-Insecure-Requests") == "1":
            # Like the demo's "upgrade-insecure-requests" mode: browsers are sent to https.
            self._send(301, b"", headers={"Location": f"https://{TLS_INVALIDE}{path}"})
            return
        self._send(200, page("Mairie de Certifville", "<p>Bienvenue (certificat expiré).</p>"), headers=headers)


class _TLSHandler(_Handler):
    scheme = "https"

    def setup(self) -> None:  # already tracked as the tunnel's plain socket
        BaseHTTPRequestHandler.setup(self)

    def finish(self) -> None:
        try:
            BaseHTTPRequestHandler.finish(self)
        except OSError:
            pass


_ROUTES = {
    ERREUR_500: _Handler.erreur_500, ERREUR_503: _Handler.erreur_503, ACCUEIL_404: _Handler.accueil_404,
    COUPURE: _Handler.coupure, BLOQUE: _Handler.bloque, GOUTTE: _Handler.goutte, BOUCLE: _Handler.boucle,
    VERS_PRIVE: _Handler.vers_prive, METADATA_IP: _Handler.canary, INTRANET_IP: _Handler.canary,
    GEANT: _Handler.geant, BOMBE: _Handler.bombe, CP1252: _Handler.cp1252, HTML_CASSE: _Handler.html_casse,
    LIGNE_UNIQUE: _Handler.ligne_unique, CALENDRIER: _Handler.calendrier, SESSION: _Handler.session,
    ROBOTS_INTERDIT: _Handler.robots_interdit, TLS_INVALIDE: _Handler.tls_invalide,
    API_LENTE: _Handler.api_lente, DOCUMENTS: _Handler.documents,
}

# Windows-1252 bytes behind a UTF-8 declaration (header and <meta>): "é" is 0xE9, invalid in UTF-8.
CP1252_TITLE = "Mairie de Sévérac-l'Église — Accueil"
CP1252_PAGE = (
    '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
    f"<title>{CP1252_TITLE}</title></head>\n<body>\n<h1>Bienvenue à Sévérac-l'Église</h1>\n"
    "<p>Accessibilité : non conforme. Démarches en ligne, état civil, écoles, marchés publics.</p>\n"
    '<p><a href="/demarches">Démarches</a></p>\n</body>\n</html>\n'
).encode("cp1252")

# Malformed HTML: unclosed elements, stray end tags, unquoted and unterminated attributes, NUL and
# invalid UTF-8 bytes, a very deep nesting, an unterminated comment and script at the end.
BROKEN_PAGE = (
    b"<html><head><title>Cass\xc3\xa9-sur-Mer</title><body><table><tr><td>Accueil\x00"
    b'<a href="/page-2">Page 2</a></td></div></span></table></table>'
    b"<p>Texte \xff\xfe invalide <b><i>mal imbriqu\xc3\xa9</b></i>"
    b"<a href=/page-3 class=x>Page 3</a>\n"
    + b"<div>" * NESTING + b"profond" + b"</div>" * (NESTING // 2)
    + b'<a href="/page-4">Page 4</a><form><input name="q"<select></form>'
    + b"<!-- commentaire jamais ferm\xc3\xa9 <a href=\"/jamais\">x</a>"
    + b"<script>var a = '</div>"
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stopping = threading.Event()
        self.tls_context: ssl.SSLContext | None = None
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self.hits: list[Hit] = []
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}
        self._bomb: bytes | None = None
        self._single_line: bytes | None = None
        self._documents: dict[str, bytes] | None = None
        self._documents_lock = threading.Lock()

    def track(self, conn: socket.socket, opened: bool) -> None:
        with self._lock:
            (self._open.add if opened else self._open.discard)(conn)

    def close_all(self) -> None:
        with self._lock:
            conns = list(self._open)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def count(self, host: str, path: str, pages_only: bool = False) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.host == host and h.path == path
                       and not (pages_only and h.is_probe))

    def enter(self, host: str) -> None:
        with self._lock:
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self.in_flight[host])

    def leave(self, host: str) -> None:
        with self._lock:
            self.in_flight[host] -= 1

    def bomb(self) -> bytes:
        with self._lock:
            if self._bomb is None:
                self._bomb = _gzip_bomb(BOMB_SIZE)
            return self._bomb

    def single_line(self) -> bytes:
        with self._lock:
            if self._single_line is None:
                head = b'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Ligne unique</title></head><body>'
                tail = b'<a href="/fin-de-ligne">Fin de la ligne</a></body></html>'
                cell = b'<span class="c">Conseil municipal du 12 mars, d\xc3\xa9lib\xc3\xa9ration. </span>'
                self._single_line = head + cell * ((SINGLE_LINE_SIZE - len(head) - len(tail)) // len(cell)) + tail
            return self._single_line

    def document(self, path: str) -> bytes | None:
        """The documents of DOCUMENTS, built once (~0.4 s, mostly pypdf holding the GIL): by
        `FaultServer.start`, before the crawl, so that no request waits on it and the in-flight
        counts of the other hosts are not skewed by a pause of every handler thread."""
        with self._documents_lock:
            if self._documents is None:
                from tests.documents.build import long_pdf, looped_pdf, pdf, zip_bomb_odt

                docs = {ZIP_BOMB_ODT: zip_bomb_odt(),
                        LOOPED_PDF: looped_pdf(["Budget primitif 2025"]),
                        LONG_PDF: long_pdf(LONG_PDF_PAGES, ["Registre des délibérations",
                                                            "Séance du conseil municipal"]),
                        ENCRYPTED_PDF: pdf([["Délibération réservée aux élus"]], encrypt="secret")}
                for n in range(1, SMALL_PDFS + 1):  # ordinary, well-built deliberations (all conditions met)
                    docs[small_pdf_path(n)] = pdf([[f"Délibération n° 2024-{n:03d}", "Le conseil municipal adopte."]],
                                                  tagged=True, lang="fr-FR", title=f"Délibération n° 2024-{n:03d}",
                                                  display_title=True)
                self._documents = docs
            return self._documents.get(path)



class FaultServer:
    """Serve the fault world on 127.0.0.1 (random free port) in a daemon thread."""

    hosts: tuple[str, ...] = tuple(h for h in _ROUTES if h not in (METADATA_IP, INTRANET_IP))

    def __init__(self, tls_dir: Path | None = None) -> None:
        self.tls_dir = tls_dir
        self.port = 0
        self.address = ""
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "FaultServer":
        if self._httpd is not None:
            return self
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.document(ZIP_BOMB_ODT)  # built now, not during the crawl
        if self.tls_dir is not None:
            cert, key = make_bad_certificate(self.tls_dir)
            httpd.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            httpd.tls_context.load_cert_chain(cert, key)
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self.address = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="tnl-fault-world", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd = self._httpd
        if httpd is None:
            return
        httpd.stopping.set()  # slow handlers see it within a second
        httpd.shutdown()
        httpd.close_all()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    # --- what tests read -------------------------------------------------------------------------

    @property
    def hits(self) -> list[Hit]:
        return list(self._httpd.hits) if self._httpd else []

    @property
    def max_in_flight(self) -> dict[str, int]:
        return dict(self._httpd.max_in_flight) if self._httpd else {}

    def hits_for(self, host: str) -> list[Hit]:
        return [h for h in self.hits if h.host == host]

    def resolve_args(self, *, canaries: bool = False) -> list[str]:
        """`--resolve` flags for every fault host (not INTROUVABLE).

        `canaries=True` also maps the private redirect targets to this server, so that a crawler that
        follows them hits a canary here instead of the network; but then they are hosts the user named
        (crawler/guard.py lets --allow-private reach those), so the fault test leaves them unmapped.
        """
        hosts = list(self.hosts) + ([METADATA_IP, INTRANET_IP] if canaries else [])
        out: list[str] = []
        for host in hosts:
            out += ["--resolve", f"{host}={self.address}"]
        return out

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

