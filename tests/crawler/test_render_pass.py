"""crawler/render_pass.py: a candidate's sample (WCAG-EM: structured + random, with its seed), its first
visits and its consent visit, archived in the `render` shard and read back by the observations.

The candidate's crawl is written by hand (ArchiveWriter: the pages as a crawl would have archived them);
a loopback server serves the same pages to Chromium. The homepage carries a consent banner of our own
whose accept button has tarteaucitron's id (#tarteaucitronPersonalize2): before the click nothing
but the site is contacted; the click sets a consent cookie and loads a script from another domain.
"""
from __future__ import annotations

import json

import pytest

from crawler.render import Renderer, RenderOptions
from crawler.render_pass import choose_sample, default_seed, render_candidate
from ground.archive import write_json
from ground.observe import build
from ground.rendered import RENDER_JSON, consent_visits, first_visits
from tests.archivekit import write_pages
from tests.crawler.test_render import needs_chromium
from tests.loopback import QuietHandler, serving

HOME = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie de Villerendue</title></head>
<body><header><nav>
<a href="/pages/declaration-a11y">Accessibilité : partiellement conforme</a>
<a href="/pages/ml">Mentions légales</a>
<a href="/vie-privee">Données personnelles</a>
<a href="/ecrire">Nous écrire</a>
</nav></header>
<main><h1>Bienvenue à Villerendue</h1><p>Le site de la mairie.</p></main>
<div id="tarteaucitronRoot"><div id="tarteaucitronAlertBig">Ce site utilise des cookies.
<button type="button" id="tarteaucitronPersonalize2">Tout accepter</button></div></div>
<script>
document.getElementById("tarteaucitronPersonalize2").addEventListener("click", function () {
  document.cookie = "tarteaucitron=!gtag=true; path=/; max-age=3600";
  var s = document.createElement("script");
  s.src = "http://traceur.example:PORT/gtag.js";
  document.head.appendChild(s);
});
</script></body></html>"""
PLAIN = '<!doctype html><html lang="fr"><head><title>{t}</title></head><body><main><h1>{t}</h1></main></body></html>'
# The pages of the crawl: the homepage's four, and six others for the random draw.
OTHERS = [f"/actualites/{n}" for n in ("fete", "marche", "travaux", "ecole", "conseil", "budget")]
PATHS = ["/", "/pages/declaration-a11y", "/pages/ml", "/vie-privee", "/ecrire", *OTHERS]
RULES = {"www.villerendue.test": "127.0.0.1"}


class _Handler(QuietHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        host, path = self.host_and_path()
        self.server.seen.append((host, path))
        port = str(self.server.server_address[1])
        if path == "/":
            self._send(200, HOME.replace("PORT", port).encode())
        elif path == "/boucle":  # a script that never gives the browser's main thread back
            self._send(200, b'<!doctype html><html lang="fr"><body><p>Avant</p><script>while (true) {}</script>'
                            b'</body></html>')
        elif path == "/gtag.js":
            self._send(200, b"window.gtagLoaded = true;", "application/javascript")
        elif path in PATHS:
            self._send(200, PLAIN.format(t=path.strip("/")).encode())
        else:
            self._send(404, b"")


def _crawl(directory, base: str, paths=PATHS) -> None:
    """The candidate's crawl, as the crawler would have archived it (pages only)."""
    write_json(directory / "candidate.json", {"id": "villerendue", "name": "Villerendue", "websites": [base + "/"]})
    write_json(directory / "crawl.json", {"finished_at": "2026-12-06T10:00:00Z"})
    bodies = [(HOME if path == "/" else PLAIN.format(t=path.strip("/"))).encode() for path in paths]
    write_pages(directory, base + "/", [(base + path, body) for path, body in zip(paths, bodies)], homepage=base + "/")


def test_sample_is_structured_then_random_and_the_seed_decides(tmp_path):
    base = "http://www.villerendue.test"
    _crawl(tmp_path, base)
    sample = choose_sample(tmp_path, {"id": "villerendue", "websites": [base + "/"]}, seed=7, pages_max=7,
                           random_count=2)
    # Structured, in this order: the homepage, then each kind of page found by the homepage's link words
    # (« Nous écrire » is the contact page; « Données personnelles » the personal-data page).
    assert sample[:5] == [
        {"url": base + "/", "reasons": ["accueil"]},
        {"url": base + "/pages/declaration-a11y", "reasons": ["accessibilite"]},
        {"url": base + "/pages/ml", "reasons": ["mentions_legales"]},
        {"url": base + "/vie-privee", "reasons": ["donnees_personnelles"]},
        {"url": base + "/ecrire", "reasons": ["contact"]},
    ]
    drawn = [s["url"] for s in sample[5:]]
    assert len(drawn) == 2 and all(s["reasons"] == ["aleatoire"] for s in sample[5:])
    assert set(drawn) <= {base + p for p in OTHERS}
    # The same seed draws the same pages; over a few seeds, not always the same ones.
    again = choose_sample(tmp_path, {"id": "villerendue", "websites": [base + "/"]}, seed=7, pages_max=7,
                          random_count=2)
    assert again == sample
    draws = {tuple(s["url"] for s in choose_sample(tmp_path, {"websites": [base + "/"]}, seed, 7, 2)[5:])
             for seed in range(6)}
    assert len(draws) > 1


def test_sample_bounds_keep_the_random_places_and_the_homepage(tmp_path):
    base = "http://www.villerendue.test"
    _crawl(tmp_path, base)
    cand = {"websites": [base + "/"]}
    three = choose_sample(tmp_path, cand, seed=1, pages_max=3, random_count=1)
    assert [s["reasons"] for s in three] == [["accueil"], ["accessibilite"], ["aleatoire"]]
    only_home = choose_sample(tmp_path, cand, seed=1, pages_max=1, random_count=1)
    assert only_home == [{"url": base + "/", "reasons": ["accueil"]}]
    none_random = choose_sample(tmp_path, cand, seed=1, pages_max=8, random_count=0)
    assert [s["reasons"][0] for s in none_random] == ["accueil", "accessibilite", "mentions_legales",
                                                      "donnees_personnelles", "contact"]


def test_sample_falls_back_on_addresses_and_skips_other_sites(tmp_path):
    """No homepage link names the legal notice: its address does. A page of another site is never sampled."""
    base = "http://www.ville2.test"
    write_json(tmp_path / "candidate.json", {"id": "v2", "websites": [base + "/"]})
    body = b"<html><body>x</body></html>"
    write_pages(tmp_path, base + "/", [(base + "/", body), (base + "/infos/mentions-legales.html", body)])
    write_pages(tmp_path, None, [("http://autre.test/contact", body)], homepage="")
    sample = choose_sample(tmp_path, {"websites": [base + "/"]}, seed=3, pages_max=8, random_count=2)
    assert sample == [{"url": base + "/", "reasons": ["accueil"]},
                      {"url": base + "/infos/mentions-legales.html", "reasons": ["mentions_legales"]}]


@pytest.mark.parametrize(("text", "reason"), [
    # The DSFR footer, as État and collectivités' sites write it.
    ("Accessibilité : non conforme", "accessibilite"),
    ("Accessibilité\u00a0: partiellement conforme", "accessibilite"),
    ("Mentions légales", "mentions_legales"),
    ("Données personnelles", "donnees_personnelles"),
    ("Gestion des cookies", "donnees_personnelles"),
    # Other CMS' wordings.
    ("Politique de protection des données", "donnees_personnelles"),
    ("Politique de confidentialité", "donnees_personnelles"),
    ("Cookies", "donnees_personnelles"),
    ("Informations légales", "mentions_legales"),
    ("Nous contacter", "contact"),
    ("Contactez-nous", "contact"),
    ("Écrire à la mairie", "contact"),
])
def test_structured_pages_by_the_words_of_real_footers(tmp_path, text, reason):
    base = "http://www.ville3.test"
    home = f'<html><body><footer><a href="/p/1">{text}</a><a href="/p/2">Plan du site</a></footer></body></html>'
    write_json(tmp_path / "candidate.json", {"id": "v3", "websites": [base + "/"]})
    write_pages(tmp_path, base + "/", [(base + "/", home.encode()), (base + "/p/1", b"<html></html>"),
                                       (base + "/p/2", b"<html></html>")])
    sample = choose_sample(tmp_path, {"websites": [base + "/"]}, seed=1, pages_max=8, random_count=0)
    assert sample == [{"url": base + "/", "reasons": ["accueil"]}, {"url": base + "/p/1", "reasons": [reason]}]


def test_default_seed_is_the_candidates_own():
    assert default_seed("villerendue") == default_seed("villerendue") != default_seed("villerendue-2")


@pytest.fixture(scope="module")
def site():
    with serving(_Handler, quiet_errors=True, seen=[]) as server:
        yield server


@needs_chromium
def test_pass_renders_the_sample_then_accepts_consent_and_reads_back(site, tmp_path):
    port = site.server_address[1]
    base = f"http://www.villerendue.test:{port}"
    _crawl(tmp_path, base)
    options = RenderOptions(allow_private=True, timeout=20, settle=1.0, viewport=(800, 600),
                            host_rules={"www.villerendue.test": "127.0.0.1", "traceur.example": "127.0.0.1"})
    with Renderer(options) as renderer:
        meta = render_candidate(tmp_path, renderer, seed=11, pages_max=6, random_count=1)
    assert meta["seed"] == 11 and [s["reasons"][0] for s in meta["sample"]] == [
        "accueil", "accessibilite", "mentions_legales", "donnees_personnelles", "contact", "aleatoire"]
    assert json.loads((tmp_path / RENDER_JSON).read_text(encoding="utf-8"))["sample"] == meta["sample"]
    assert meta["consent"]["manager"] == "tarteaucitron" and meta["consent"]["clicked"] is True
    assert meta["axe_version"] and meta["browser"] and meta["errors"] == []

    obs = build(tmp_path)
    firsts, consents = first_visits(obs.renderings), consent_visits(obs.renderings)
    assert [r["url"] for r in firsts] == [s["url"] for s in meta["sample"]]
    assert obs.render["seed"] == 11
    home = firsts[0]
    # First visit: the banner is seen, nothing clicked, no cookie, the tracker never asked.
    assert home["consent"] == {"manager": "tarteaucitron", "selector": "#tarteaucitronPersonalize2"}
    assert home["cookies"] == [] and not any("traceur.example" in r["url"] for r in home["requests"])
    assert home["axe"]["testEngine"]["name"] == "axe-core"
    # Consent visit: the jar was empty at the click; the click added the consent cookie and the script.
    [consent] = consents
    assert consent["url"] == base + "/" and consent["consent"]["clicked"] is True
    assert consent["consent"]["cookies_before"] == []
    assert [c["name"] for c in consent["cookies"]] == ["tarteaucitron"]
    tracker = [r for r in consent["requests"] if r["url"] == f"http://traceur.example:{port}/gtag.js"]
    assert tracker and tracker[0]["after_consent"] is True and tracker[0]["third_party"] is True
    assert not any(r["after_consent"] for r in consent["requests"] if r["url"] == base + "/")
    # The pass's own record is archived too; the observations' pages are the crawl's, as before.
    assert [p.url for p in obs.pages if p.is_homepage] == [base + "/"] and not any(p.rendered for p in obs.pages)


@needs_chromium
def test_a_complete_pass_is_kept_and_a_pass_cut_short_is_done_again(site, tmp_path):
    port = site.server_address[1]
    base = f"http://www.villerendue.test:{port}"
    _crawl(tmp_path, base, ["/", "/ecrire"])
    options = RenderOptions(allow_private=True, timeout=20, settle=0.5, host_rules=RULES)
    (tmp_path / "crawl-render.warc.gz").write_bytes(b"cut short")  # a pass killed mid-record: no render.json
    with Renderer(options) as renderer:
        first = render_candidate(tmp_path, renderer, seed=1, pages_max=2, random_count=0)
        assert len(first_visits(build(tmp_path).renderings)) == 2
        asked = len(site.seen)
        again = render_candidate(tmp_path, renderer, seed=1, pages_max=2, random_count=0)
    assert again == json.loads((tmp_path / RENDER_JSON).read_text(encoding="utf-8"))
    assert again["started_at"] == first["started_at"] and len(site.seen) == asked  # nothing rendered again


@needs_chromium
def test_browser_relaunched_after_a_crash(site):
    """A browser that crashed (DevTools' Browser.crash) is launched again for the next page."""
    port = site.server_address[1]
    options = RenderOptions(allow_private=True, timeout=20, settle=0.2, host_rules=RULES)
    with Renderer(options) as renderer:
        renderer.axe = False
        assert renderer.render(f"http://www.villerendue.test:{port}/ecrire").status == 200
        browser = renderer._browser
        session = browser.new_browser_cdp_session()
        try:
            session.send("Browser.crash")
        except Exception:  # noqa: BLE001 - the browser dies while answering
            pass
        after = renderer.render(f"http://www.villerendue.test:{port}/ecrire")
        assert after.status == 200 and after.error is None
        assert renderer._browser is not browser


@needs_chromium
def test_a_page_that_never_yields_is_a_finding_and_its_browser_is_replaced(site):
    """`while (true) {}` holds the page's main thread: every call into the page would wait for ever. The
    watchdog kills that browser past the page's deadline; the page is a finding, the next page renders."""
    from pathlib import Path

    port = site.server_address[1]
    options = RenderOptions(allow_private=True, timeout=2, settle=0.2, axe_timeout=2, deadline=8,
                            host_rules={"www.villerendue.test": "127.0.0.1"})
    with Renderer(options) as renderer:
        stuck = renderer.render(f"http://www.villerendue.test:{port}/boucle")
        marker = renderer._marker.encode()
        assert stuck.error.startswith("page bloquée : le navigateur ne répondait plus après 8 s")
        after = renderer.render(f"http://www.villerendue.test:{port}/ecrire")
        assert after.status == 200 and after.error is None and renderer._marker.encode() != marker
    # None of the killed browser's processes is left running.
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().split(b"\0"):
                    alive.append(entry.name)
            except OSError:
                pass
    assert alive == []
