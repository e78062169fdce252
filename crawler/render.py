"""One page opened in headless Chromium (Playwright, Debian's `chromium`), and what the browser did.

The building block of the rendered pass (issue 22): `Renderer` keeps one browser (one per worker),
relaunched if it crashed; `Renderer.render(url)` opens the page in a fresh context (no cookie, no
storage: a first visit, no interaction, no consent given), waits for `load` then for the network to
go quiet (bounded by the settle time), and returns a `Rendering`: the rendered DOM, every request the
page made, the cookies and storage keys set, a screenshot of the viewport. `write_rendering` archives
it in the candidate's WARC as three `resource` records that `ground.rendered.read_renderings` reads
back offline:

- `urn:tnl:render:<visit>:facts:<url>`, `application/vnd.tnl-render+json`: requests, cookies, storage;
- `urn:tnl:render:<visit>:dom:<url>`, `text/html; charset=utf-8`: the DOM as serialised after rendering;
- `urn:tnl:render:<visit>:screenshot:<url>`, `image/png`;

the last two with `WARC-Concurrent-To` = the facts record's id. Each has an index line of kind
`render` (extra: page, visit, part), which the observations ignore.

What Playwright gives of a request: its URL, method, resource type, the frame that made it, its
response status or failure. The initiator (parser, script, preload…, with the script's URL or the
first frame of its stack) comes from the Chrome DevTools protocol (`Network.requestWillBeSent`) of
the page's own target: requests of out-of-process iframes (third-party frames) have no initiator here.

Addresses: every request goes through a route that applies the crawler's manners (crawler/guard.py):
link-local never; private or loopback only with `allow_private`, and only for the page's own host and
the hosts mapped with `host_rules` (host → IP, given to Chromium as `--host-resolver-rules`); a
reserved name (.test, .example) only when mapped. A refused request is listed with its reason. The
check resolves the name before Chromium does (Chromium resolves again: a DNS answer that changes in
between is not caught).
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Self

from crawler import settings
from crawler.guard import REFUSED_PREFIX, is_link_local, is_private
from crawler.render_axe import find_consent, run_axe
from ground import __version__
from ground.archive import ArchiveWriter, IndexEntry, utc_now
from ground.hosts import is_ip, is_reserved, registered_domain, url_host
from ground.rendered import AXE_TYPE, FACTS_TYPE, URN_PREFIX

WATCHDOG_SLACK = 30.0  # seconds beyond the load, settle and axe bounds before a page's browser is killed
_LAUNCHES = itertools.count()
QUIET_MS, POLL_MS = 500, 100  # after the accept click: no new request for QUIET_MS, polled every POLL_MS
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps"]
_STORAGE_JS = """() => {
  const out = {origin: location.origin};
  for (const name of ['localStorage', 'sessionStorage']) {
    try { out[name] = Object.keys(window[name]).sort(); } catch (e) { out[name] = null; }
  }
  return out;
}"""


def chromium_executable() -> str | None:
    """Debian's Chromium, as the browser tests use it; None when not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class RenderOptions:
    timeout: float = settings.TNL_RENDER_TIMEOUT
    settle: float = settings.TNL_RENDER_SETTLE
    viewport: tuple[int, int] = settings.TNL_RENDER_VIEWPORT
    user_agent: str = settings.USER_AGENT
    allow_private: bool = settings.TNL_ALLOW_PRIVATE
    host_rules: dict[str, str] = field(default_factory=dict)  # host -> IP address (no port)
    max_dom: int = settings.TNL_RENDER_MAX_DOM
    max_screenshot: int = settings.TNL_RENDER_MAX_SCREENSHOT
    max_requests: int = settings.TNL_RENDER_MAX_REQUESTS
    executable: str | None = None  # default: chromium_executable()
    # The demo world (or a test) serves every host through one HTTP proxy on loopback: then every
    # request goes to it (no name is resolved here nor by Chromium) and `host_rules` only says which
    # hosts are the world's. With `ignore_https_errors`, a certificate of the user's own CA (--ca-file)
    # is not checked by the browser (the crawl's TLS facts check it).
    proxy: str | None = None
    ignore_https_errors: bool = False
    axe_timeout: float = settings.TNL_RENDER_AXE_TIMEOUT
    deadline: float | None = None  # seconds for the whole page, past which its browser is killed (None: the sum)


@dataclass
class RenderedRequest:
    url: str
    method: str
    resource_type: str  # Playwright's: document, script, stylesheet, image, xhr, fetch, font…
    frame_url: str | None  # the frame that made it (None: a service worker's, or unknown)
    initiator: dict | None  # {"type": parser|script|preload|other…, "url": …} (DevTools protocol), or None
    status: int | None = None
    failure: str | None = None  # the browser's error text (net::ERR_…)
    refused: str | None = None  # refused by our address guard, in French
    third_party: bool = False  # another registered domain than the page's
    after_consent: bool = False  # consent visit: made after the accept click


@dataclass
class Rendering:
    url: str
    visit: str
    rendered_at: str
    final_url: str | None = None
    status: int | None = None  # of the page's own document
    error: str | None = None  # why the page did not (fully) render, in French; what was rendered is kept
    dom: str = ""
    dom_truncated: bool = False
    requests: list[RenderedRequest] = field(default_factory=list)
    requests_dropped: int = 0  # requests past max_requests, counted only
    cookies: list[dict] = field(default_factory=list)
    storage: dict = field(default_factory=dict)  # {"origin", "localStorage": [keys], "sessionStorage": [keys]}
    screenshot: bytes | None = None
    screenshot_error: str | None = None
    user_agent: str = ""
    viewport: tuple[int, int] = (0, 0)
    browser: str = ""
    # first visit: the consent manager's accept button seen (not clicked): {"manager", "selector"} or None;
    # consent visit: {"manager", "selector", "clicked", "error", "cookies_before", "storage_before"}.
    consent: dict | None = None
    axe: dict | None = None  # axe-core's results object (first visit), its own record
    axe_error: str | None = None

    def facts(self) -> dict:
        """What the facts record holds: everything but the DOM and the screenshot (their own records)."""
        return {
            "url": self.url, "visit": self.visit, "rendered_at": self.rendered_at, "final_url": self.final_url,
            "status": self.status, "error": self.error, "dom_bytes": len(self.dom.encode("utf-8")),
            "dom_truncated": self.dom_truncated, "requests": [asdict(r) for r in self.requests],
            "requests_dropped": self.requests_dropped, "cookies": self.cookies, "storage": self.storage,
            "screenshot_bytes": len(self.screenshot) if self.screenshot else 0,
            "screenshot_error": self.screenshot_error, "user_agent": self.user_agent,
            "viewport": list(self.viewport), "browser": self.browser, "software": f"tnl-evidence/{__version__}",
            "consent": self.consent, "axe_error": self.axe_error,
            "axe_version": ((self.axe or {}).get("testEngine") or {}).get("version"),
        }


def _site(host: str) -> str:
    return host if is_ip(host) else registered_domain(host)


def third_party(url: str, page_url: str) -> bool:
    """Another registered domain than the page's (an IP literal is its own domain); data:/blob: never."""
    host = url_host(url)
    return bool(host) and _site(host) != _site(url_host(page_url))


def _initiator(data: dict | None) -> dict | None:
    if not data:
        return None
    url = data.get("url")
    stack = data.get("stack")
    while not url and stack:
        frames = stack.get("callFrames") or []
        url = next((f.get("url") for f in frames if f.get("url")), None)
        stack = stack.get("parent")
    return {"type": data.get("type"), "url": url or None}


class Renderer:
    """One headless Chromium, reused page after page; relaunched when it has crashed."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()
        self._playwright = None
        self._manager = None
        self._browser = None
        self._addresses: dict[str, list[str]] = {}
        self.axe = True  # run axe-core's rules on first visits (crawler/render_axe.py)
        self._marker: str | None = None
        self._killed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _launch(self):
        from playwright.sync_api import sync_playwright

        executable = self.options.executable or chromium_executable()
        if executable is None:
            raise RuntimeError("Chromium introuvable (paquet Debian « chromium ») : rendu impossible")
        if self._playwright is None:
            self._manager = sync_playwright()
            self._playwright = self._manager.start()
        args = list(CHROMIUM_ARGS)
        if self.options.host_rules and not self.options.proxy:
            rules = ", ".join(f"MAP {h} {ip}" for h, ip in sorted(self.options.host_rules.items()))
            args.append(f"--host-resolver-rules={rules}")
        proxy = {"server": self.options.proxy} if self.options.proxy else None
        # A switch Chromium ignores, that names this browser's processes for the watchdog (_kill_browser).
        self._marker = f"--tnl-render-browser={os.getpid()}-{next(_LAUNCHES)}"
        args.append(self._marker)
        self._browser = self._playwright.chromium.launch(executable_path=executable, args=args, proxy=proxy)
        return self._browser

    def _kill_browser(self) -> None:
        """The watchdog: the page holds the browser's main thread (a script that never yields) and every
        call into the page waits for it, with no time limit of its own. Kill this browser's processes
        (by its marker switch; its process group when it leads one): the waiting calls fail at once, and
        the next page gets a new browser (_browser_ready)."""
        self._killed = True
        marker = (self._marker or "").encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if marker not in (entry / "cmdline").read_bytes().split(b"\0"):
                    continue
                pid = int(entry.name)
                if os.getpgid(pid) == pid:
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError):
                continue

    def _browser_ready(self):
        if self._browser is None or not self._browser.is_connected():
            if self._browser is not None:
                with contextlib.suppress(Exception):  # a crashed browser may not close cleanly
                    self._browser.close()
            return self._launch()
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(Exception):
                self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()  # what sync_playwright().start() returned
            self._manager = self._playwright = None

    def _resolve(self, host: str) -> list[str]:
        if host not in self._addresses:
            if is_ip(host):
                self._addresses[host] = [host.strip("[]")]
            else:
                try:
                    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                    self._addresses[host] = sorted({info[4][0] for info in infos})
                except (OSError, UnicodeError):
                    self._addresses[host] = []  # the browser fails too, and says so
        return self._addresses[host]

    def refusal(self, url: str, page_url: str) -> str | None:
        """Why our manners refuse this request (French), or None: see the module's docstring."""
        host = url_host(url)
        if self.options.proxy:  # every request goes to the proxy the user gave (the demo world): it answers
            return None
        rules = {h.lower(): _address(ip) for h, ip in self.options.host_rules.items()}
        if host in rules:
            addrs = [rules[host]]
        elif is_reserved(host) and host != "localhost":
            return f"{host} : nom introuvable (domaine réservé RFC 6761, jamais envoyé au DNS)"
        else:
            addrs = self._resolve(host)
        bad = [a for a in addrs if is_private(a)]
        if not bad:
            return None
        if any(is_link_local(a) for a in bad):
            return f"{REFUSED_PREFIX} : {host} → {bad[0]} (adresse lien-local, jamais autorisée)"
        if not self.options.allow_private:
            return f"{REFUSED_PREFIX} : {host} → {bad[0]} (voir --allow-private)"
        if host not in rules and host != url_host(page_url):
            return f"{REFUSED_PREFIX} : {host} → {bad[0]} (hôte non déclaré : requête vers le réseau interne)"
        return None

    def _settle(self, page) -> None:
        from playwright.sync_api import Error as PlaywrightError

        if self.options.settle > 0:
            try:
                page.wait_for_load_state("networkidle", timeout=self.options.settle * 1000)
            except PlaywrightError:
                pass  # still busy after the settle time: what is there is kept

    def _quiet(self, page, count) -> None:
        """After the accept click: the page was idle already (networkidle would return at once), so wait
        until no request has been made for QUIET_MS, for the settle time at most (one second at least):
        what accepting loads (a pixel, then its hit) comes in a chain."""
        from playwright.sync_api import Error as PlaywrightError

        budget, quiet, last = max(self.options.settle, 1.0) * 1000, 0, count()
        try:
            while budget > 0 and quiet < QUIET_MS:
                page.wait_for_timeout(POLL_MS)
                budget -= POLL_MS
                now = count()
                quiet, last = (quiet + POLL_MS, last) if now == last else (0, now)
        except PlaywrightError:
            pass  # the page went away: what was seen is kept

    def _accept(self, page, context) -> dict:
        """The consent visit: the jar and storage at the moment of the click, then « accept » clicked."""
        from playwright.sync_api import Error as PlaywrightError

        found = find_consent(page)
        if found is None:
            return {"manager": None, "selector": None, "clicked": False, "cookies_before": [], "storage_before": {},
                    "error": "aucun gestionnaire de consentement reconnu sur la page"}
        page_url = page.url
        found["cookies_before"] = [_cookie(c, page_url) for c in context.cookies()]
        try:
            found["storage_before"] = page.evaluate(_STORAGE_JS)
        except PlaywrightError:
            found["storage_before"] = {}
        try:
            page.locator(found["selector"]).first.click(timeout=self.options.timeout * 1000)
            found.update(clicked=True, error=None)
        except PlaywrightError as exc:
            found.update(clicked=False, error=f"clic impossible : {str(exc).splitlines()[0]}"[:300])
        return found

    def render(self, url: str, visit: str = "first") -> Rendering:
        """Open `url` once, in a fresh context, and return what the browser did (never raises for the
        page's sake: a page that fails or times out is a finding, in `error`)."""
        from playwright.sync_api import Error as PlaywrightError

        opts = self.options
        browser = self._browser_ready()
        out = Rendering(url=url, visit=visit, rendered_at=utc_now(), user_agent=opts.user_agent,
                        viewport=tuple(opts.viewport), browser=f"Chromium {browser.version}")
        deadline = opts.deadline or opts.timeout + opts.settle + opts.axe_timeout + WATCHDOG_SLACK
        self._killed = False
        watchdog = threading.Timer(deadline, self._kill_browser)
        watchdog.daemon = True
        watchdog.start()
        try:
            context = browser.new_context(user_agent=opts.user_agent, locale="fr-FR", service_workers="block",
                                          viewport={"width": opts.viewport[0], "height": opts.viewport[1]},
                                          ignore_https_errors=opts.ignore_https_errors)
            try:
                self._visit(context, out)
            finally:
                with contextlib.suppress(PlaywrightError):
                    context.close()
        except PlaywrightError:
            if not self._killed:
                raise
        finally:
            watchdog.cancel()
        if self._killed:  # what was read before the kill is kept; the browser is relaunched for the next page
            out.error = (f"page bloquée : le navigateur ne répondait plus après {deadline:g} s (un script qui ne "
                         "rend jamais la main) ; navigateur arrêté, puis relancé pour la page suivante")
            self._browser = None
        return out

    def _visit(self, context, out: Rendering) -> None:
        from playwright.sync_api import Error as PlaywrightError

        opts = self.options
        page = context.new_page()
        seen: list = []  # Playwright's Request objects, in the order made
        initiators: dict[str, dict] = {}  # URL -> the first initiator the DevTools protocol gave for it
        statuses: dict[int, int] = {}
        refused: dict[str, str] = {}

        def on_request(request) -> None:
            if len(seen) < opts.max_requests:
                seen.append(request)
            else:
                out.requests_dropped += 1

        def route(r) -> None:
            reason = self.refusal(r.request.url, out.url)
            if reason:
                refused[r.request.url] = reason
                r.abort("blockedbyclient")
            else:
                r.continue_()

        page.on("request", on_request)
        page.on("response", lambda response: statuses.__setitem__(id(response.request), response.status))
        page.route("**/*", route)
        try:
            cdp = context.new_cdp_session(page)
            cdp.on("Network.requestWillBeSent",
                   lambda p: initiators.setdefault(p.get("request", {}).get("url", ""), p.get("initiator")))
            cdp.send("Network.enable")
        except PlaywrightError:
            pass  # no initiators then; the requests are still listed
        try:
            response = page.goto(out.url, wait_until="load", timeout=opts.timeout * 1000)
            out.status = response.status if response is not None else None
        except PlaywrightError as exc:
            text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "Timeout" in exc.__class__.__name__ or "Timeout" in text:
                out.error = f"délai dépassé : la page n'a pas fini de charger en {opts.timeout:g} s"
            else:
                out.error = f"page non rendue : {text}"[:500]
        self._settle(page)
        before = len(seen)
        if out.visit == "consent":
            out.consent = self._accept(page, context)
            if out.consent.get("clicked"):
                self._quiet(page, lambda: len(seen) + out.requests_dropped)
        else:
            out.consent = find_consent(page)
        out.final_url = page.url
        try:
            dom = page.content()
        except PlaywrightError as exc:
            dom = ""
            out.error = out.error or f"DOM illisible : {str(exc).splitlines()[0]}"[:500]
        raw = dom.encode("utf-8")
        if len(raw) > opts.max_dom:
            out.dom, out.dom_truncated = raw[:opts.max_dom].decode("utf-8", "ignore"), True
        else:
            out.dom = dom
        try:
            out.storage = page.evaluate(_STORAGE_JS)
        except PlaywrightError:
            out.storage = {"origin": None, "localStorage": None, "sessionStorage": None}
        try:
            png = page.screenshot(type="png", timeout=opts.timeout * 1000)
        except PlaywrightError as exc:
            out.screenshot_error = f"capture d'écran impossible : {str(exc).splitlines()[0]}"[:500]
        else:
            if len(png) > opts.max_screenshot:
                out.screenshot_error = f"capture d'écran non gardée : {len(png)} octets (plus de {opts.max_screenshot})"
            else:
                out.screenshot = png
        page_url = out.final_url or out.url
        out.cookies = [_cookie(c, page_url) for c in context.cookies()]
        if out.visit == "first" and self.axe:
            out.axe, out.axe_error = run_axe(page, opts.axe_timeout)
        for number, request in enumerate(seen):
            try:
                frame_url = request.frame.url
            except PlaywrightError:
                frame_url = None
            out.requests.append(RenderedRequest(
                url=request.url, method=request.method, resource_type=request.resource_type, frame_url=frame_url,
                initiator=_initiator(initiators.get(request.url)), status=statuses.get(id(request)),
                failure=None if request.url in refused else request.failure, refused=refused.get(request.url),
                third_party=third_party(request.url, page_url),
                after_consent=out.visit == "consent" and number >= before and bool((out.consent or {}).get("clicked")),
            ))


def _address(target: str) -> str:
    """The IP of a --resolve target: « 127.0.0.1 », « 127.0.0.1:8080 », « [::1]:8080 »."""
    if target.startswith("["):
        return target[1:].split("]", 1)[0]
    return target.rsplit(":", 1)[0] if target.count(":") == 1 else target


def _cookie(c: dict, page_url: str) -> dict:
    domain = c.get("domain", "")
    expires = c.get("expires")
    return {
        "name": c.get("name"), "domain": domain, "path": c.get("path"),
        "expires": expires if isinstance(expires, (int, float)) and expires >= 0 else None,  # None: session
        "http_only": bool(c.get("httpOnly")), "secure": bool(c.get("secure")), "same_site": c.get("sameSite"),
        "third_party": third_party("http://" + domain.lstrip(".") + "/", page_url),
    }


def render_page(url: str, options: RenderOptions | None = None, visit: str = "first") -> Rendering:
    """One page, one browser launched and closed for it (a worker keeps a `Renderer` instead)."""
    with Renderer(options) as renderer:
        return renderer.render(url, visit)


def write_rendering(writer: ArchiveWriter, rendering: Rendering, site: str | None = None) -> list[IndexEntry]:
    """Archive a rendering as three resource records (facts, DOM, screenshot if kept), indexed as `render`."""
    def entry(part: str) -> IndexEntry:
        return IndexEntry(url=f"{URN_PREFIX}{rendering.visit}:{part}:{rendering.url}", kind="render", site=site,
                          fetched_at=rendering.rendered_at,
                          extra={"page": rendering.url, "visit": rendering.visit, "part": part})

    payload = json.dumps(rendering.facts(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    facts = writer.write_resource(entry("facts"), content_type=FACTS_TYPE, payload=payload)
    linked = {"WARC-Concurrent-To": facts.record_id}
    written = [facts, writer.write_resource(entry("dom"), content_type="text/html; charset=utf-8",
                                            payload=rendering.dom.encode("utf-8"), warc_headers=linked)]
    if rendering.screenshot:
        written.append(writer.write_resource(entry("screenshot"), content_type="image/png",
                                             payload=rendering.screenshot, warc_headers=linked))
    if rendering.axe is not None:
        written.append(writer.write_resource(entry("axe"), content_type=AXE_TYPE, warc_headers=linked,
                                             payload=json.dumps(rendering.axe, ensure_ascii=False).encode("utf-8")))
    return written
