"""crawler/render.py: one page rendered in headless Chromium (Debian's), archived, read back offline.

A loopback server serves a page whose script sets a cookie, writes localStorage, writes its only
visible text, injects a script from another registered domain, and asks an undeclared private
address. Both host names (ville-rendue.test, traceur.example) are mapped to 127.0.0.1 with Chromium's
--host-resolver-rules. Skipped, with the reason, where Playwright or Chromium cannot be had.
"""
from __future__ import annotations

import struct
import time

import pytest

from crawler.render import Renderer, RenderOptions, chromium_executable, third_party, write_rendering
from ground.archive import ArchiveWriter, read_index
from ground.rendered import read_renderings
from tests.loopback import QuietHandler, serving

try:
    import playwright.sync_api  # noqa: F401
except ImportError:
    needs_chromium = pytest.mark.skip(reason="Playwright n'est pas installé")
else:
    needs_chromium = pytest.mark.skipif(chromium_executable() is None,
                                        reason="Chromium (paquet Debian « chromium ») absent")

# The visible text is written by the script, reversed in the source: it is nowhere in the served HTML.
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mairie</title></head>
<body><main id="app"></main>
<script>
document.cookie = "tnl_visite=1; path=/; max-age=3600; SameSite=Lax";
localStorage.setItem("tnl_cle", "v");
var s = document.createElement("script");
s.src = "http://traceur.example:PORT/traceur.js";
document.head.appendChild(s);
fetch("http://127.0.0.1:PORT/interne.json").catch(function () {});
document.getElementById("app").textContent = "eudnerelliV à eunevneiB".split("").reverse().join("");
</script>
</body></html>
"""
TEXT = "Bienvenue à Villerendue"
SLOW = '<!doctype html><html lang="fr"><body><p>Visible avant la fin</p><img src="/dort.png" alt=""></body></html>'


class _Handler(QuietHandler):
    protocol_version = "HTTP/1.0"  # the browser's connections close after each answer

    def do_GET(self):
        self.server.seen.append((self.headers.get("Host", "").split(":")[0], self.path))
        if self.path == "/":
            body, ctype = PAGE.replace("PORT", str(self.server.server_address[1])).encode(), "text/html; charset=utf-8"
        elif self.path == "/lent":  # loads an image that never comes in time
            body, ctype = SLOW.encode(), "text/html; charset=utf-8"
        elif self.path == "/dort.png":
            time.sleep(3)
            body, ctype = b"", "image/png"
        elif self.path == "/traceur.js":
            body, ctype = b"window.traceurCharge = true;", "application/javascript"
        else:
            body, ctype = b"{}", "application/json"
        self._send(200, body, ctype)


@pytest.fixture(scope="module")
def site():
    with serving(_Handler, seen=[]) as server:
        yield server


RULES = {"ville-rendue.test": "127.0.0.1", "traceur.example": "127.0.0.1"}


@pytest.fixture(scope="module")
def rendered(site):
    port = site.server_address[1]
    options = RenderOptions(allow_private=True, host_rules=RULES, viewport=(800, 600), timeout=20, settle=1.5)
    with Renderer(options) as renderer:
        rendering = renderer.render(f"http://ville-rendue.test:{port}/")
    return rendering, port


def test_third_party_is_by_registered_domain():
    assert third_party("https://www.google-analytics.com/ga.js", "https://www.ville.fr/")
    assert not third_party("https://static.ville.fr/a.js", "https://www.ville.fr/accueil")
    assert third_party("https://ville.gouv.fr/", "https://autre.gouv.fr/")  # gouv.fr is a public suffix
    assert not third_party("data:image/png;base64,AAAA", "https://www.ville.fr/")


@needs_chromium
def test_rendered_page_says_what_the_browser_did(rendered, site):
    r, port = rendered
    page = f"http://ville-rendue.test:{port}/"
    assert r.error is None and r.status == 200 and r.final_url == page
    # The text exists only once rendered.
    served = PAGE.replace("PORT", str(port))
    assert TEXT not in served and "Bienvenue" not in served
    assert TEXT in r.dom
    # The cookie set by the script, first-party, for an hour.
    assert [(c["name"], c["domain"], c["path"], c["http_only"], c["secure"], c["same_site"], c["third_party"])
            for c in r.cookies] == [("tnl_visite", "ville-rendue.test", "/", False, False, "Lax", False)]
    assert r.cookies[0]["expires"] is not None
    assert r.storage == {"origin": f"http://ville-rendue.test:{port}", "localStorage": ["tnl_cle"],
                         "sessionStorage": []}
    by_url = {q.url: q for q in r.requests}
    doc = by_url[page]
    assert (doc.resource_type, doc.status, doc.third_party, doc.frame_url) == ("document", 200, False, page)
    tracker = by_url[f"http://traceur.example:{port}/traceur.js"]
    assert (tracker.resource_type, tracker.status, tracker.third_party) == ("script", 200, True)
    assert tracker.initiator == {"type": "script", "url": page}  # injected by the page's inline script
    # The undeclared private address is refused by our manners, never reaches the server.
    internal = by_url[f"http://127.0.0.1:{port}/interne.json"]
    assert internal.refused == ("adresse privée refusée : 127.0.0.1 → 127.0.0.1 (hôte non déclaré : requête "
                                "vers le réseau interne)")
    assert internal.status is None and internal.third_party is True
    assert ("127.0.0.1", "/interne.json") not in site.seen and ("traceur.example", "/traceur.js") in site.seen
    # A PNG of the viewport: the signature, then IHDR's width and height.
    assert r.screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", r.screenshot[16:24]) == (800, 600)


@needs_chromium
def test_written_to_warc_then_read_back_gives_the_same_facts(rendered, tmp_path):
    r, port = rendered
    page = f"http://ville-rendue.test:{port}/"
    writer = ArchiveWriter(tmp_path)
    try:
        write_rendering(writer, r, site=page)
    finally:
        writer.close()
    assert [(e.kind, e.url, e.extra["part"]) for e in read_index(tmp_path)] == [
        ("render", f"urn:tnl:render:first:facts:{page}", "facts"),
        ("render", f"urn:tnl:render:first:dom:{page}", "dom"),
        ("render", f"urn:tnl:render:first:screenshot:{page}", "screenshot"),
        ("render", f"urn:tnl:render:first:axe:{page}", "axe"),
    ]
    [back] = read_renderings(tmp_path)
    assert back["url"] == page and back["visit"] == "first" and back["status"] == 200
    assert TEXT in back["dom"] and back["dom"] == r.dom
    assert back["screenshot"] == r.screenshot
    # axe-core's results object as the engine returned it, in its own record, and its version in the facts.
    assert back["axe"]["testEngine"]["name"] == "axe-core" and back["axe"] == r.axe
    assert back["axe_version"] == r.axe["testEngine"]["version"] and back["record_ids"]["axe"]
    assert {"violations", "passes", "incomplete", "inapplicable"} <= set(back["axe"])
    # No consent manager on this page: none seen, nothing clicked.
    assert back["consent"] is None
    assert [c["name"] for c in back["cookies"]] == ["tnl_visite"]
    assert back["storage"]["localStorage"] == ["tnl_cle"]
    tracker = next(q for q in back["requests"] if q["url"] == f"http://traceur.example:{port}/traceur.js")
    assert tracker["third_party"] is True and tracker["initiator"] == {"type": "script", "url": page}
    assert set(back["record_ids"]) == {"facts", "dom", "screenshot", "axe"} and all(back["record_ids"].values())


@needs_chromium
def test_private_page_refused_without_allow_private(site):
    port = site.server_address[1]
    options = RenderOptions(allow_private=False, host_rules=RULES, timeout=10, settle=0)
    with Renderer(options) as renderer:
        r = renderer.render(f"http://ville-rendue.test:{port}/")
    assert r.status is None and r.error is not None and r.error.startswith("page non rendue : ")
    assert r.requests[0].refused == "adresse privée refusée : ville-rendue.test → 127.0.0.1 (voir --allow-private)"
    assert r.cookies == [] and TEXT not in r.dom


def test_rendering_records_leave_the_observations_as_they_were(tmp_path):
    """Written by hand (no browser): the records read back, and observe.build sees the same pages."""
    from crawler.render import RenderedRequest, Rendering
    from ground.archive import CANDIDATE_NAME, IndexEntry, write_json
    from ground.observe import build

    write_json(tmp_path / CANDIDATE_NAME, {"id": "v", "name": "Ville", "websites": ["https://www.ville.fr/"]})
    writer = ArchiveWriter(tmp_path)
    try:
        writer.write_exchange(IndexEntry(url="https://www.ville.fr/", kind="page", site="https://www.ville.fr/",
                                         status=200, content_type="text/html", extra={"homepage": True}),
                              method="GET", request_headers=[], reason="OK",
                              response_headers=[("Content-Type", "text/html")],
                              body=b"<html lang='fr'><title>Ville</title><body>Servi</body></html>")
        before = [(p.url, p.title) for p in build(tmp_path).pages]
        rendering = Rendering(
            url="https://www.ville.fr/", visit="first", rendered_at="2026-01-02T03:04:05.000000Z", status=200,
            dom="<html><body>Rendu</body></html>",
            requests=[RenderedRequest("https://stats.example.com/t.js", "GET", "script", "https://www.ville.fr/",
                                      {"type": "script", "url": "https://www.ville.fr/"}, 200, third_party=True)],
            cookies=[{"name": "_id", "domain": ".ville.fr", "path": "/", "expires": None, "http_only": False,
                      "secure": True, "same_site": "Lax", "third_party": False}],
            storage={"origin": "https://www.ville.fr", "localStorage": ["k"], "sessionStorage": []})
        write_rendering(writer, rendering, site="https://www.ville.fr/")  # no screenshot: two records
    finally:
        writer.close()
    assert [(p.url, p.title) for p in build(tmp_path).pages] == before == [("https://www.ville.fr/", "Ville")]
    [back] = read_renderings(tmp_path)
    assert back["dom"] == "<html><body>Rendu</body></html>" and back["screenshot"] is None
    assert back["rendered_at"] == "2026-01-02T03:04:05.000000Z" and back["record_ids"]["screenshot"] is None
    assert back["requests"] == [{"url": "https://stats.example.com/t.js", "method": "GET", "resource_type": "script",
                                 "frame_url": "https://www.ville.fr/",
                                 "initiator": {"type": "script", "url": "https://www.ville.fr/"}, "status": 200,
                                 "failure": None, "refused": None, "third_party": True, "after_consent": False}]
    assert back["cookies"][0]["name"] == "_id" and back["storage"]["localStorage"] == ["k"]


@needs_chromium
def test_page_past_its_time_is_a_finding_with_what_was_rendered(site):
    port = site.server_address[1]
    with Renderer(RenderOptions(allow_private=True, host_rules=RULES, timeout=1, settle=0)) as renderer:
        r = renderer.render(f"http://ville-rendue.test:{port}/lent")
    assert r.error == "délai dépassé : la page n'a pas fini de charger en 1 s"
    assert "Visible avant la fin" in r.dom and r.screenshot[:4] == b"\x89PNG"
