"""The bench's synthetic territory: N sites × M pages (~60 KB each, links, documents) served by nginx."""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PAGE_BYTES = 60_000  # a typical CMS page (HTML only): header, menus, text, footer
FANOUT = 8  # links from a page to its children: page k links to k*FANOUT+1 .. k*FANOUT+FANOUT
DOCS_EVERY = 10  # one in ten pages links one document

_WORDS = ("commune conseil municipal délibération séance mairie service public habitants quartier école "
          "cantine travaux voirie budget rapport annuel associations culture sport bibliothèque marché "
          "enquête urbanisme permis construire état civil élections recensement déchets collecte tri "
          "transport navette accessibilité numérique logiciel libre données ouvertes démarches en ligne "
          "horaires accueil agenda actualité patrimoine environnement jeunesse solidarité santé sécurité").split()


def host(i: int) -> str:
    return f"s{i:04d}.bench.test"


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(40, 90))]
    return "<p>" + " ".join(words).capitalize() + ".</p>\n"


def _page(rng: random.Random, site: int, k: int, m_pages: int) -> str:
    def href(j: int) -> str:
        return "/" if j == 0 else f"/p/{j}.html"

    nav = "".join(f'<li><a href="{href(j)}">Rubrique {j}</a></li>' for j in range(0, min(FANOUT + 1, m_pages)))
    children = "".join(f'<li><a href="{href(j)}">Page {j}</a></li>'
                       for j in range(k * FANOUT + 1, min(k * FANOUT + FANOUT + 1, m_pages)))
    doc = (f'<p><a href="/docs/{k}.pdf">Délibération n° {k} (PDF)</a> '
           f'<a href="/docs/{k}.odt">version ODT</a></p>' if k % DOCS_EVERY == 0 else "")
    head = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Page {k} — Commune {site}</title>'
            '<meta name="generator" content="SPIP 4.2"><link rel="stylesheet" href="/style.css">'
            '<script src="/app.js" defer></script></head><body>'
            f'<header><a href="/">Commune {site}</a><nav><ul>{nav}</ul></nav></header><main>'
            f'<h1>Page {k}</h1><ul class="children">{children}</ul>{doc}')
    foot = ('</main><footer><a href="/p/1.html">Mentions légales</a> '
            '<a href="/p/2.html">Accessibilité : non conforme</a></footer></body></html>\n')
    body = []
    size = len(head) + len(foot)
    while size < PAGE_BYTES:
        para = _paragraph(rng)
        body.append(para)
        size += len(para.encode("utf-8"))
    return head + "".join(body) + foot


_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Producer(LibreOffice 7.5)>>endobj\ntrailer<</Root 1 0 R/Info 3 0 R>>\n%%EOF\n")


def generate(root: Path, n_sites: int, m_pages: int, seed: int = 1) -> dict:
    """Write N sites of M pages each under root/sites/<host>/; returns counts (deterministic)."""
    sites = root / "sites"
    if sites.exists():
        shutil.rmtree(sites)
    rng = random.Random(seed)
    pages = docs = 0
    for i in range(n_sites):
        base = sites / host(i)
        (base / "p").mkdir(parents=True)
        (base / "docs").mkdir()
        (base / "robots.txt").write_text("User-agent: *\nDisallow:\n")
        # The theme's own style sheet and script bundle, as every page links them: tnl fetches each once
        # per site (its assets, for fonts, trackers and weight); sizes of a typical public-sector theme.
        (base / "style.css").write_text("/* theme */\n" + "body{font-family:Marianne,sans-serif}\n" * 500)
        (base / "app.js").write_text("/* bundle */\n" + "window.app=window.app||{};\n" * 4000)
        for k in range(m_pages):
            path = base / ("index.html" if k == 0 else f"p/{k}.html")
            path.write_text(_page(rng, i, k, m_pages), encoding="utf-8")
            pages += 1
            if k % DOCS_EVERY == 0:
                (base / "docs" / f"{k}.pdf").write_bytes(_PDF)
                (base / "docs" / f"{k}.odt").write_bytes(b"PK\x03\x04" + bytes(2000))
                docs += 2
    return {"sites": n_sites, "pages": pages, "documents": docs}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """\
{user}worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log crit;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; application/pdf pdf; application/vnd.oasis.opendocument.text odt; text/plain txt; text/css css; application/javascript js; }}
    default_type application/octet-stream;
    client_body_temp_path {dir}/tmp_body;
    proxy_temp_path {dir}/tmp_proxy;
    fastcgi_temp_path {dir}/tmp_fastcgi;
    uwsgi_temp_path {dir}/tmp_uwsgi;
    scgi_temp_path {dir}/tmp_scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        root {root}/sites/$host;
        index index.html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


class Server:
    """nginx (Debian package) on a free loopback port, or Python's http.server when it is absent;
    with a latency, bench.slowserver (asyncio), which answers each request after that delay."""

    def __init__(self, root: Path, latency_ms: float = 0.0) -> None:
        self.root = Path(root)
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.kind = ""
        self.latency_ms = latency_ms

    def __enter__(self) -> "Server":
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if self.latency_ms:
            self.proc = subprocess.Popen([sys.executable, "-m", "bench.slowserver", str(self.root / "sites"),
                                          str(self.port), str(self.latency_ms)], cwd=Path(__file__).parents[1])
            self.kind = f"bench.slowserver (asyncio), {self.latency_ms:g} ms before each answer"
        elif nginx:
            d = self.root / "nginx"
            d.mkdir(exist_ok=True)
            conf = d / "nginx.conf"
            conf.write_text(NGINX_CONF.format(user="user root;\n" if os.geteuid() == 0 else "", dir=d,
                                              port=self.port, root=self.root))
            self.proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(d)], stderr=subprocess.DEVNULL)
            self.kind = "nginx " + subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
        else:
            self.proc = subprocess.Popen(["python3", "-m", "bench.pyserver", str(self.root / "sites"), str(self.port)])
            self.kind = "Python ThreadingHTTPServer (nginx absent)"
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("bench server did not start")

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
