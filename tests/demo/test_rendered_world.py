"""The demo world's fixtures for the rendered pass (issue 22), in a real browser: what expected.yaml's `render`
sections say (written by hand in demo/content/*.py) is what Chromium does with the pages.

Chromium (Debian's) reaches the world through the demo server used as its HTTP proxy, as `tnl demo --render`
does: every host, the third parties' stand-ins included, is served on loopback; the world's certificate is
its own (ignore_https_errors). No code of the tool runs here: plain Playwright, axe-core as
axe-playwright-python ships it, and the world. Skipped, with the reason, where Chromium is missing.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import yaml
from lxml import html as lxml_html

from demo import EXPECTED_FILE, WORLD_DIR
from demo.content import standins
from ground.hosts import registered_domain
from tests.browserkit import needs_chromium

pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé")
pytestmark = needs_chromium

EXPECTED = yaml.safe_load(EXPECTED_FILE.read_text("utf-8"))
RENDERED = {cid: exp["render"] for cid, exp in EXPECTED.items() if exp["render"]["pages"]}
PAGES = [(cid, url) for cid, r in RENDERED.items() for url in r["pages"]]


def axe_script() -> str:
    base = pytest.importorskip("axe_playwright_python.base", reason="axe-playwright-python n'est pas installé")
    return base.AXE_SCRIPT


class Visit:
    """One page opened in a fresh context (no cookie, no storage), as a first visitor would."""

    def __init__(self, browser, world, url: str):
        self.context = browser.new_context(proxy={"server": world.proxy_url}, ignore_https_errors=True,
                                           viewport={"width": 1280, "height": 800}, locale="fr-FR",
                                           service_workers="block")
        self.page = self.context.new_page()
        self.requests: list = []
        self.initiators: dict[str, dict] = {}
        self.set_cookie_headers: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r))
        self.page.on("response", lambda r: self.set_cookie_headers.extend(
            v for k, v in r.headers.items() if k.lower() == "set-cookie"))
        cdp = self.context.new_cdp_session(self.page)
        cdp.on("Network.requestWillBeSent",
               lambda e: self.initiators.setdefault(e["request"]["url"], e.get("initiator") or {}))
        cdp.send("Network.enable")
        self.page.goto(url, wait_until="load")
        self.settle()

    def settle(self) -> None:
        from playwright.sync_api import Error

        with contextlib.suppress(Error):  # still busy after 3 s: what is there is read
            self.page.wait_for_load_state("networkidle", timeout=3000)

    def third_party_hosts(self, own: str, since: int = 0) -> list[str]:
        hosts = {urlsplit(r.url).hostname for r in self.requests[since:] if urlsplit(r.url).scheme in ("http", "https")}
        return sorted(h for h in hosts if h and registered_domain(h) != own)

    def cookies(self) -> list[str]:
        return sorted(c["name"] for c in self.context.cookies())

    def storage_keys(self) -> list[str]:
        return sorted(self.page.evaluate("() => Object.keys(localStorage).concat(Object.keys(sessionStorage))"))

    def initiator_of(self, pattern: str) -> dict:
        return next(i for u, i in self.initiators.items() if re.search(pattern, u))

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, world):
    """The first visit of every page of the structured samples, with axe-core's violations, done once."""
    script = axe_script()
    out = {}
    for cid, url in PAGES:
        v = Visit(browser, world, url)
        v.page.evaluate(script)
        results = v.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        out[url] = {"third_party_hosts": v.third_party_hosts(registered_domain(urlsplit(url).hostname)),
                    "cookies": v.cookies(), "storage_keys": v.storage_keys(),
                    "axe_rules": sorted(r["id"] for r in results["violations"]),
                    "failed": [(r.url, r.failure) for r in v.requests if r.failure],
                    "set_cookie_headers": list(v.set_cookie_headers),
                    "initiators": dict(v.initiators), "text": v.page.inner_text("body")}
        v.close()
    return out


@pytest.mark.parametrize("cid,url", PAGES)
def test_first_visit_is_as_written(visits, cid, url):
    got, exp = visits[url], RENDERED[cid]["pages"][url]
    assert got["failed"] == []  # every host the page contacts is served by the world
    for key in ("third_party_hosts", "cookies", "storage_keys", "axe_rules"):
        assert got[key] == sorted(exp[key]), (url, key)
    assert got["set_cookie_headers"] == []  # every cookie of the world is set by a script


@pytest.mark.parametrize("cid", sorted(RENDERED))
def test_what_the_sample_adds_up_to(visits, cid):
    r = RENDERED[cid]
    pages = [visits[u] for u in r["pages"]]
    assert sorted({registered_domain(h) for p in pages for h in p["third_party_hosts"]}) == r["third_party_domains"]
    assert sorted({c for p in pages for c in p["cookies"]}) == sorted(r["cookies_before_consent"])
    assert sorted({k for p in pages for k in p["storage_keys"]}) == sorted(r["storage_before_consent"])


def test_trackers_loaded_by_scripts_have_a_script_as_initiator(visits):
    home = visits["http://www.haute-garrigue.test/"]
    gtm = home["initiators"][next(u for u in home["initiators"] if "/gtm.js?id=GTM-K7HG2PX" in u)]
    hotjar = home["initiators"][next(u for u in home["initiators"] if "static.hotjar.com/c/hotjar-" in u)]
    collect = home["initiators"][next(u for u in home["initiators"] if "/g/collect?" in u)]
    assert gtm["type"] == "script"  # the inline snippet
    assert hotjar["type"] == "script"  # the container, which the served pages never name
    frames = [f["url"] for f in hotjar["stack"]["callFrames"]]
    assert any("www.googletagmanager.com/gtm.js" in f for f in frames), frames
    assert collect["type"] == "script" and "tid=G-HG4R7T2Q9Z" in next(u for u in home["initiators"] if "/g/collect?" in u)
    served = Path(WORLD_DIR / "sites" / "www.haute-garrigue.test" / "index.html").read_text("utf-8")
    assert "hotjar" not in served.lower() and "googletagmanager.com/gtm.js" in served
    pb = visits["http://www.petit-bourg.test/"]
    assert pb["initiators"][next(u for u in pb["initiators"] if u.endswith("/analytics.js"))]["type"] == "script"
    assert any("tid=UA-81234567-1" in u for u in pb["initiators"])
    lib = visits["http://www.libreville-isere.test/"]
    matomo = [u for u in lib["initiators"] if "stats.libreville-isere.test" in u]
    assert {urlsplit(u).path for u in matomo} == {"/matomo.js", "/matomo.php"} and lib["cookies"] == []


def test_text_hidden_behind_a_script(world, visits):
    r = RENDERED["petit-bourg"]
    (url,) = r["rendered_text_pages"]
    served = requests.get(url, proxies={"http": world.proxy_url}, timeout=10)
    tree = lxml_html.fromstring(served.content)
    for gone in tree.xpath("//script|//style|//noscript|//head"):
        gone.drop_tree()
    assert " ".join(tree.text_content().split()) == ""  # nothing to read as served
    assert r["rendered_text_sample"] not in served.text
    assert r["rendered_text_sample"] in visits[url]["text"]  # the runtime wrote it
    assert "Mentions légales" in visits[url]["text"] and len(visits[url]["text"]) > 300


def test_consent_manager_accept_adds_the_pixel(browser, world):
    consent = RENDERED["agglo-val-de-roche"]["consent"]
    v = Visit(browser, world, consent["url"])
    try:
        own = registered_domain(urlsplit(consent["url"]).hostname)
        assert v.page.locator("#tarteaucitronRoot").count() == 1
        assert v.page.locator(consent["selector"]).is_visible()
        before, seen = v.cookies(), len(v.requests)
        assert v.third_party_hosts(own) == []
        v.page.click(consent["selector"])
        v.settle()
        v.page.wait_for_function("() => document.cookie.includes('_fbp=')", timeout=5000)
        assert sorted(set(v.cookies()) - set(before)) == consent["added_cookies"]
        assert v.third_party_hosts(own, since=seen) == consent["added_hosts"]
        assert sorted({registered_domain(h) for h in consent["added_hosts"]}) == consent["added_domains"]
        pixel = next(u for u in v.initiators if "fbevents.js" in u)
        assert v.initiators[pixel]["type"] == "script"  # asked for by the banner, after the click
        assert not v.page.locator("#tarteaucitronRoot").count()
        assert [(r.url, r.failure) for r in v.requests if r.failure] == []
    finally:
        v.close()


def test_consent_manager_refusal_loads_nothing(browser, world):
    consent = RENDERED["agglo-val-de-roche"]["consent"]
    v = Visit(browser, world, consent["url"])
    try:
        seen = len(v.requests)
        v.page.click("#tarteaucitronAllDenied2")
        v.settle()
        v.page.wait_for_function("() => document.cookie.includes('tarteaucitron=')", timeout=5000)
        assert v.third_party_hosts("valderoche-agglo.test", since=seen) == []
        choice = next(c for c in v.context.cookies() if c["name"] == "tarteaucitron")
        assert "facebookpixel%3Dfalse" in choice["value"] or "facebookpixel=false" in choice["value"]
        assert "_fbp" not in v.cookies()
    finally:
        v.close()


def test_the_banner_names_no_tracker_to_the_static_crawl():
    root = WORLD_DIR / "sites" / "www.valderoche-agglo.test"
    banner = (root / "wp-content/plugins/bandeau-cookies/bandeau-cookies.js").read_text("utf-8")
    assert "tarteaucitronPersonalize2" in banner
    assert not any(m in banner.lower() for m in ("facebook.net", "fbevents", "fbq("))  # the pixel's address is elsewhere
    services = json.loads((root / "wp-json/bandeau-cookies/v1/services.json").read_text("utf-8"))
    assert services["services"][0]["src"] == "https://connect.facebook.net/fr_FR/fbevents.js"


def test_proxy_refuses_hosts_not_in_the_world(world):
    conn = http.client.HTTPConnection("127.0.0.1", world.port, timeout=10)
    try:
        conn.request("CONNECT", "www.traceur-inconnu.example:443")
        assert conn.getresponse().status == 502
    finally:
        conn.close()
    r = requests.get("http://www.traceur-inconnu.example/t.js", proxies={"http": world.proxy_url}, timeout=10)
    assert r.status_code == 502


def test_stand_ins_are_served_but_told_apart(world):
    assert "www.googletagmanager.com" in world.hosts and world.host_map()["static.hotjar.com"] == world.address
    assert set(world.stand_ins) == set(standins.hosts())
    assert "www.libreville-isere.test" not in world.stand_ins and "www.data.gouv.test" not in world.stand_ins


def test_stand_ins_answer_what_a_tracker_gives(world):
    proxies = {"http": world.proxy_url}
    beacon = requests.get("http://region1.google-analytics.com/g/collect?v=2&tid=G-X", proxies=proxies, timeout=10)
    assert beacon.status_code == 200 and beacon.headers["Content-Type"] == "image/gif" and beacon.content[:6] == b"GIF89a"
    gtag = requests.get("http://www.googletagmanager.com/gtag/js?id=G-HG4R7T2Q9Z", proxies=proxies, timeout=10)
    assert gtag.headers["Content-Type"].startswith("text/javascript") and "NOT Google's code" in gtag.text
    assert requests.get("http://cdn.jsdelivr.net/npm/x.css", proxies=proxies, timeout=10).content == b""


def test_a_page_fetching_an_unserved_host_fails_the_build(tmp_path):
    root = tmp_path / "www.exemple.test"
    root.mkdir()
    (root / "index.html").write_text('<html><body><script src="https://cdn.inconnu.example/x.js"></script></body></html>')
    with pytest.raises(AssertionError, match="cdn.inconnu.example"):
        standins.check("www.exemple.test", root, set(standins.hosts()))
    standins.check("www.exemple.test", root, set(standins.hosts()) | {"cdn.inconnu.example"})
