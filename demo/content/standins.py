"""Stand-ins for the hosts a visitor's browser contacts beyond the collectivités' pages (issue 22).

The rendered pass opens pages in Chromium through the demo server used as its HTTP proxy: every host the
pages make a browser contact must be served by the world, never by the internet. This module lists them
BY HAND, with what each serves; build_world writes each as a folder `sites/<host>/` flagged `stand_in`
(demo/server.py: a path without a file answers an empty 200) and fails when a page of a candidate's
website makes a browser fetch a host missing here.

The real host names are kept on purpose: they are only ever served on loopback by our proxy, and the
tool's catalogues (checks/data/analytics.yaml, third_parties.yaml) recognise them. The scripts are OURS,
tiny, and do on a first visit what a browser sees the real tool do (the cookies it sets, the hit it
sends); none is the vendor's code:
- www.googletagmanager.com: `gtag/js` (GA4: cookies `_ga` and `_ga_<id>`, a hit to
  region1.google-analytics.com/g/collect) and `gtm.js` (a container: the tags of the containers in
  CONTAINERS, injected into the page — what a tag manager does that the served HTML never shows);
- www.google-analytics.com: `analytics.js` (Universal Analytics: `_ga`, `_gid`, `_gat`, a hit to /collect);
- static.hotjar.com: `c/hotjar-<id>.js` (cookies `_hjSessionUser_<id>`, `_hjSession_<id>`, the storage
  keys `hjActiveViewportIds` (local) and `hjViewportId` (session), as Hotjar documents them; and its
  « Votre avis » feedback tab, whose icon has no text alternative: an accessibility fault that only a
  rendered page shows);
- connect.facebook.net: `fr_FR/fbevents.js` (the Meta pixel: cookie `_fbp`, a hit to www.facebook.com/tr/);
- the collectivités' own Matomo servers (stats.libreville-isere.test, analytics.valderoche-agglo.test):
  `matomo.js` reads the page's `_paq` queue and, unless `disableCookies` was pushed, sets `_pk_id` and
  `_pk_ses` (named `.<site id>.<first 4 hex digits of sha1(host + "/")>`, as Matomo names them);
- the Wix runtime of Petit-Bourg (siteassets.parastorage.com, demo/content/petitbourg.py) and its style
  sheet (static.parastorage.com);
- CDNs and embeds with nothing to run (jsDelivr, cdnjs, jQuery, Google Fonts, Sentry, Wix's images,
  Google Maps, YouTube, uMap): empty answers.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from demo.content import hautegarrigue, libreville, petitbourg, valderoche
from demo.server import SERVER_CONF
from demo.walker import file_for, walk
from ground.hosts import registered_domain

JS = "text/javascript; charset=utf-8"

# Tag Manager containers: id -> the script URLs its tags inject (written by the site's content module).
CONTAINERS = {hautegarrigue.GTM_ID: hautegarrigue.GTM_CONTAINER_TAGS}

GTAG_JS = """/* Demo-world stand-in for gtag.js (Google Analytics 4): NOT Google's code. */
(function () {
  var id = new URL(document.currentScript.src).searchParams.get("id") || "";
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Math.floor(Date.now() / 1000);
  var client = (Math.floor(Math.random() * 2147483647) + 1) + "." + now;
  function put(name, value, seconds) {
    document.cookie = name + "=" + value + "; path=/; domain=" + domain + "; max-age=" + seconds + "; SameSite=Lax";
  }
  if (!/(?:^|; )_ga=/.test(document.cookie)) put("_ga", "GA1.1." + client, 63072000);
  put("_ga_" + id.replace(/^G-/, ""), "GS1.1." + now + ".1.0." + now + ".0.0.0", 63072000);
  fetch("https://region1.google-analytics.com/g/collect?v=2&tid=" + encodeURIComponent(id) + "&cid=" + client +
    "&en=page_view&dl=" + encodeURIComponent(location.href) + "&dt=" + encodeURIComponent(document.title),
    {mode: "no-cors", keepalive: true, credentials: "include"});
})();
"""

GTM_JS = """/* Demo-world stand-in for gtm.js (Google Tag Manager): NOT Google's code. Each container injects
   the scripts of its tags, which the page's HTML never names. */
(function () {
  var containers = __CONTAINERS__;
  var id = new URL(document.currentScript.src).searchParams.get("id") || "";
  (containers[id] || []).forEach(function (src) {
    var tag = document.createElement("script");
    tag.async = true;
    tag.src = src;
    document.head.appendChild(tag);
  });
  (window.dataLayer = window.dataLayer || []).push({event: "gtm.load"});
})();
"""

ANALYTICS_JS = """/* Demo-world stand-in for analytics.js (Universal Analytics): NOT Google's code. */
(function () {
  var name = window.GoogleAnalyticsObject || "ga";
  var queue = (window[name] && window[name].q) || [];
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Math.floor(Date.now() / 1000);
  var client = (Math.floor(Math.random() * 2147483647) + 1) + "." + now;
  function put(cookie, value, seconds) {
    document.cookie = cookie + "=" + value + "; path=/; domain=" + domain + "; max-age=" + seconds;
  }
  var property = null;
  function run(args) {
    if (args[0] === "create") {
      property = args[1];
      put("_ga", "GA1.2." + client, 63072000);
      put("_gid", "GA1.2." + (Math.floor(Math.random() * 2147483647) + 1) + "." + now, 86400);
      put("_gat", "1", 60);
    } else if (args[0] === "send" && property) {
      var hit = new Image();
      hit.src = "https://www.google-analytics.com/collect?v=1&t=" + encodeURIComponent(args[1]) + "&tid=" +
        encodeURIComponent(property) + "&cid=" + client + "&dl=" + encodeURIComponent(location.href);
    }
  }
  for (var i = 0; i < queue.length; i++) run(queue[i]);
  window[name] = function () { run(arguments); };
})();
"""

HOTJAR_JS = """/* Demo-world stand-in for Hotjar's tracking code: NOT Hotjar's code. */
(function () {
  var site = (document.currentScript.src.match(/hotjar-(\\d+)\\.js/) || [])[1] || "0";
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Date.now();
  var user = JSON.stringify({id: Math.random().toString(16).slice(2), created: now, existing: false});
  document.cookie = "_hjSessionUser_" + site + "=" + btoa(user) + "; path=/; domain=" + domain + "; max-age=31536000";
  document.cookie = "_hjSession_" + site + "=" + btoa(JSON.stringify({c: now})) + "; path=/; domain=" + domain +
    "; max-age=1800";
  try {
    localStorage.setItem("hjActiveViewportIds", JSON.stringify([{id: "v1", expirationTimestamp: now + 1800000}]));
    sessionStorage.setItem("hjViewportId", "v1");
  } catch (e) { /* storage refused: nothing kept */ }
  function feedback() {  /* the « Feedback » tab of the survey widget: its icon has no text alternative */
    var tab = document.createElement("div");
    tab.id = "_hj_feedback_container";
    tab.innerHTML = '<button type="button" class="_hj-feedback-tab" style="position:fixed;right:0;top:40%;' +
      'background:#c8102e;color:#fff;border:0;padding:8px">' +
      '<img src="https://static.hotjar.com/static/client/feedback-icon.svg" width="16" height="16"> Votre avis</button>';
    document.body.appendChild(tab);
  }
  if (document.body) feedback(); else document.addEventListener("DOMContentLoaded", feedback);
})();
"""

FBEVENTS_JS = """/* Demo-world stand-in for fbevents.js (the Meta pixel): NOT Meta's code. The pixel's id is given by
   the script element that loads it (data-pixel). */
(function () {
  var pixel = (document.currentScript && document.currentScript.dataset.pixel) || "";
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Date.now();
  if (!/(?:^|; )_fbp=/.test(document.cookie)) {
    document.cookie = "_fbp=fb.1." + now + "." + Math.floor(Math.random() * 2147483647) + "; path=/; domain=" + domain +
      "; max-age=7776000; SameSite=Lax";
  }
  var hit = new Image();
  hit.src = "https://www.facebook.com/tr/?id=" + encodeURIComponent(pixel) + "&ev=PageView&dl=" +
    encodeURIComponent(location.href) + "&ts=" + now;
})();
"""

MATOMO_JS = """/* Demo-world stand-in for matomo.js, as served by the collectivité's own Matomo: NOT Matomo's code. */
(function () {
  var hashes = __HASHES__;
  var queue = window._paq || [];
  var tracker = null, site = null, cookies = true;
  function hit(action) {
    var suffix = "." + site + "." + (hashes[location.hostname] || "0000");
    var visitor = Math.random().toString(16).slice(2, 18);
    if (cookies) {
      var now = Math.floor(Date.now() / 1000);
      document.cookie = "_pk_id" + suffix + "=" + visitor + "." + now + "; path=/; max-age=33955200; SameSite=Lax";
      document.cookie = "_pk_ses" + suffix + "=1; path=/; max-age=1800; SameSite=Lax";
    }
    var img = new Image();
    img.src = tracker + "?idsite=" + encodeURIComponent(site) + "&rec=1&action_name=" + encodeURIComponent(action) +
      "&url=" + encodeURIComponent(location.href);
  }
  function run(args) {
    var name = args[0];
    if (name === "setTrackerUrl") tracker = args[1];
    else if (name === "setSiteId") site = args[1];
    else if (name === "disableCookies") cookies = false;
    else if (name === "trackPageView") hit(document.title);
  }
  var pending = [];
  for (var i = 0; i < queue.length; i++) {
    if (queue[i][0] === "trackPageView") pending.push(queue[i]); else run(queue[i]);
  }
  pending.forEach(run);
  window._paq = {push: run};
})();
"""

def matomo_cookie_hash(host: str) -> str:
    """The 4 hex digits Matomo puts in its cookies' names for a site at http(s)://host/: sha1(host + "/")."""
    return hashlib.sha1(f"{host}/".encode()).hexdigest()[:4]


def _matomo(*sites: str) -> bytes:
    return MATOMO_JS.replace("__HASHES__", json.dumps({h: matomo_cookie_hash(h) for h in sites})).encode()


def hosts() -> dict[str, dict]:
    """{host: {"files": {path: bytes}, "types": {path: content type}}} of every stand-in host."""
    wix_css = petitbourg.WIX_CSS_URL.split("static.parastorage.com", 1)[1]
    wix_runtime = petitbourg.WIX_RUNTIME_URL.split("siteassets.parastorage.com", 1)[1].split("?", 1)[0]
    return {
        # Tag managers and audience tools (the trackers of the rendered pass).
        "www.googletagmanager.com": {"files": {"/gtag/js": GTAG_JS.encode(),
                                               "/gtm.js": GTM_JS.replace("__CONTAINERS__", json.dumps(CONTAINERS)).encode()},
                                     "types": {"/gtag/js": JS}},
        "region1.google-analytics.com": {"files": {}, "types": {"/g/collect": "image/gif"}},
        "www.google-analytics.com": {"files": {"/analytics.js": ANALYTICS_JS.encode()},
                                     "types": {"/collect": "image/gif"}},
        "static.hotjar.com": {"files": {f"/c/hotjar-{hautegarrigue.HOTJAR_ID}.js": HOTJAR_JS.encode()}},
        "connect.facebook.net": {"files": {"/fr_FR/fbevents.js": FBEVENTS_JS.encode()}},
        "www.facebook.com": {"files": {}, "types": {"/tr/": "image/gif"}},
        # The collectivités' own Matomo servers (first party: same registered domain as their sites).
        "stats.libreville-isere.test": {"files": {"/matomo.js": _matomo(libreville.HOST), },
                                        "types": {"/matomo.php": "image/gif"}},
        "analytics.valderoche-agglo.test": {"files": {"/matomo.js": _matomo(valderoche.HOST), },
                                            "types": {"/matomo.php": "image/gif"}},
        # Petit-Bourg's site builder: its runtime and its style sheet (the chunks are empty).
        "siteassets.parastorage.com": {"files": {wix_runtime: petitbourg.WIX_RUNTIME_JS.encode()},
                                       "types": {wix_runtime: JS}},
        "static.parastorage.com": {"files": {wix_css: petitbourg.WIX_CSS.encode()}},
        "static.wixstatic.com": {"files": {}},
        "browser.sentry-cdn.com": {"files": {}},
        # CDNs and embeds of the Département and of Libreville's urbanism page.
        "cdn.jsdelivr.net": {"files": {}},
        "cdnjs.cloudflare.com": {"files": {}},
        "code.jquery.com": {"files": {}},
        "fonts.googleapis.com": {"files": {}, "types": {"/css2": "text/css; charset=utf-8"}},
        "www.google.com": {"files": {}, "types": {"/maps/embed": "text/html; charset=utf-8"}},
        "maps.google.com": {"files": {}, "types": {"/maps": "text/html; charset=utf-8"}},
        "www.youtube.com": {"files": {}},
        "www.youtube-nocookie.com": {"files": {}},
        "umap.openstreetmap.fr": {"files": {}},
    }


def write(sites_dir: Path) -> list[str]:
    """The third parties' stand-ins (demo/content/standins.py), one folder per host, flagged for the server."""
    out = []
    for host, spec in sorted(hosts().items()):
        root = sites_dir / host
        root.mkdir(parents=True)
        for path, blob in spec["files"].items():
            f = file_for(root, path)
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(blob)
        conf = {"https": True, "stand_in": True, "types": spec.get("types", {})}
        (root / SERVER_CONF).write_text(json.dumps(conf, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        out.append(host)
    return out


# What a page's HTML makes a browser fetch (what a tag manager or a runtime adds is listed in hosts() by hand).
FETCHED = ("//script/@src | //img/@src | //iframe/@src | //link[contains(' stylesheet icon preload ', "
           "concat(' ', normalize-space(@rel), ' '))]/@href")


def check(host: str, root: Path, served: set[str]) -> None:
    """Every host outside the candidate's registered domain that its pages make a browser fetch is served
    by the world (a stand-in), so that a rendered page never waits on a host the proxy does not know."""
    pages = walk(root, f"http://{host}/")["pages"]
    own = registered_domain(host)
    missing = {}
    for url, page in pages.items():
        for ref in lxml_html.fromstring(page["html"]).xpath(FETCHED):
            h = urlsplit(urljoin(url, ref.strip())).hostname
            if h and registered_domain(h) != own and h not in served:
                missing.setdefault(h, url)
    if missing:
        raise AssertionError(f"{host}: hosts fetched by its pages with no stand-in in demo/content/standins.py: "
                             f"{sorted(missing.items())}")
