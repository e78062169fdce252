"""The candidate spider: its websites breadth-first within their registered domain, and data.gouv.fr."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor

from crawler import probes
from crawler.scope import site_key
from crawler.traps import TrapDetector, strip_session
from ground.archive import IndexEntry
from ground.formats import DOCUMENT_FORMATS, document_format
from ground.text import normalise_name  # noqa: F401 - shared with the registry checks

# `@import url("x.css")`, `@import 'x.css'` (CSS Cascading and Inheritance, §2: the @import rule).
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", re.I)
ASSET_SCAN_BYTES = 512 * 1024  # a style sheet's @import rules come first (they must precede other rules)
MAX_URL_LENGTH = 400  # longer URLs are nearly always session ids or generated traps
# Follow HTML and documents; skip images, media, archives and other binaries.
_DENY = sorted(set(IGNORED_EXTENSIONS) - DOCUMENT_FORMATS)


def _body_text(response) -> str:
    """The text of the page's body, from the tree Scrapy parsed for its links, by lxml in C (~0.1 ms
    for a 60 KB page; an XPath over its text nodes through parsel costs ten times more). Inline
    scripts' text is in it: the same on pages of one template."""
    from lxml import etree

    root = response.selector.root
    body = root.find("body") if hasattr(root, "find") else None
    target = body if body is not None else root
    try:
        return etree.tostring(target, method="text", encoding="unicode") or ""
    except (TypeError, ValueError):
        return ""


class LinksOncePerPage:
    """Scrapy's link extractor, remembering the links of the last page it read.

    The portal probe (crawler/portal_probe.py) and the crawl both ask for a page's links, one after
    the other: extracting them twice cost ~1 ms of CPU per 60 KB page. Only the last page is held.
    """

    def __init__(self, extractor: LinkExtractor) -> None:
        self.extractor = extractor
        self._page = None
        self._links: list = []

    def extract_links(self, response) -> list:
        if response is not self._page:
            self._links = self.extractor.extract_links(response)
            self._page = response
        return list(self._links)


class CandidateSpider(scrapy.Spider):
    name = "candidate"

    def __init__(self, candidate: dict, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.start_urls_ = list(candidate["websites"]) + list(candidate.get("opendata", []))
        self.scopes = {url: site_key(url) for url in self.start_urls_}
        # A website and an open-data portal often share a registered domain: a URL belongs to the
        # start URL on its own host when there is one, whichever of them found it first.
        self.site_by_host = {}
        for url in self.start_urls_:
            self.site_by_host.setdefault(urlsplit(url).hostname, url)
        self.pages_scheduled: dict[str, int] = {url: 0 for url in self.start_urls_}
        self.documents_scheduled: dict[str, int] = {url: 0 for url in self.start_urls_}
        self.assets_scheduled: dict[str, int] = {url: 0 for url in self.start_urls_}
        self.seen: set[str] = set()
        # Shallowest depth at which each URL was found so far. Responses come back out of order,
        # so a page first found through a long path may later be found closer to the homepage;
        # its links are then followed from the shorter depth (near-breadth-first under concurrency).
        self.depth_of: dict[str, int] = {}
        self.traps = TrapDetector()
        self.site_bytes: dict[str, int] = {url: 0 for url in self.start_urls_}
        self.over_budget: set[str] = set()
        self.extractor = LinksOncePerPage(LinkExtractor(deny_extensions=_DENY, tags=("a", "area"), attrs=("href",)))

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.max_pages = s.getint("TNL_MAX_PAGES")
        spider.max_depth = s.getint("TNL_MAX_DEPTH")
        spider.max_site_bytes = s.getint("TNL_MAX_SITE_BYTES")
        spider.doc_maxsize = s.getint("TNL_DOCUMENT_MAXSIZE")
        spider.max_documents = s.getint("TNL_MAX_DOCUMENTS")
        spider.max_assets = s.getint("TNL_MAX_ASSETS")
        spider.asset_maxsize = s.getint("TNL_ASSET_MAXSIZE")
        spider.api = s.get("TNL_DATAGOUV_API").rstrip("/")
        spider.api_max_pages = s.getint("TNL_DATAGOUV_MAX_PAGES")
        return spider

    def declared_urls(self) -> list[str]:
        """URLs the user named (start URLs, the data.gouv.fr API): private ones may be allowed."""
        return self.start_urls_ + ([self.api] if getattr(self, "api", None) else [])

    # --- start ---------------------------------------------------------------------------------

    async def start(self):
        for url in self.start_urls_:
            self.seen.add(url)
            self.depth_of[url] = 0
            self.pages_scheduled[url] += 1
            yield scrapy.Request(url, callback=self.parse_page, errback=self.request_failed, dont_filter=True,
                                 meta={"tnl_kind": "page", "tnl_site": url, "tnl_homepage": True,
                                       "tnl_depth": 0})
        for request in probes.start_requests(self):
            yield request
        if self.api:
            yield self._datagouv_start()

    # --- websites ------------------------------------------------------------------------------

    def parse_page(self, response):
        site = response.meta["tnl_site"]
        if not isinstance(response, scrapy.http.TextResponse):
            return
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
        if ctype and "html" not in ctype:
            return
        yield from probes.on_page(self, response)
        if 200 <= response.status < 300:  # what it says, for the near-duplicate rule (crawler/traps.py)
            self.traps.read(response.url, _body_text(response))
        if self._over_budget(site, response):
            return
        scope = self.scopes[site]
        depth = min(self.depth_of.get(response.request.url, 99), response.meta.get("tnl_depth", 0))
        child = depth + 1
        css = response.xpath("//link[contains(concat(' ', translate(normalize-space(@rel), 'STYLESHEET', "
                             "'stylesheet'), ' '), ' stylesheet ')]/@href").getall()
        yield from self._assets(response, site, scope, depth, [(h, "css") for h in css]
                                + [(h, "js") for h in response.xpath("//script/@src").getall()])
        for link in self.extractor.extract_links(response):
            url = strip_session(link.url.split("#", 1)[0])
            if len(url) > MAX_URL_LENGTH:
                continue
            if url in self.seen:
                if child < self.depth_of.get(url, 0):
                    self.depth_of[url] = child
                continue
            if urlsplit(url).scheme not in ("http", "https") or site_key(url) != scope:
                continue
            fmt = document_format(url)
            if fmt:
                # A document is part of the page that links it: fetched even one level past the limit.
                if child > self.max_depth + 1:
                    continue
                owner = self.site_by_host.get(urlsplit(url).hostname, site)
                if self.documents_scheduled.get(owner, 0) >= self.max_documents:
                    self.crawler.stats.inc_value("tnl/documents_over_cap")
                    if self.documents_scheduled[owner] == self.max_documents:
                        self.documents_scheduled[owner] += 1  # said once per website
                        self._finding(url, owner, response.url,
                                      f"plafond de {self.max_documents} documents téléchargés atteint pour ce site : "
                                      "les documents suivants sont listés sans être lus")
                    continue
                self.documents_scheduled[owner] = self.documents_scheduled.get(owner, 0) + 1
                self.seen.add(url)
                self.depth_of[url] = child
                yield scrapy.Request(url, callback=self.parse_document, errback=self.request_failed,
                                     meta={"tnl_kind": "document", "tnl_site": owner, "tnl_depth": child,
                                           "download_maxsize": self.doc_maxsize})
                continue
            if child > self.max_depth:
                self.crawler.stats.inc_value("tnl/pages_over_depth")
                continue
            trap = self.traps.check(url)
            if trap:
                self.crawler.stats.inc_value("tnl/traps_avoided")
                if self.traps.first_time(url, trap):
                    self._finding(url, site, response.url, f"piège à robots évité : {trap}")
                continue
            owner = self.site_by_host.get(urlsplit(url).hostname, site)
            if self.pages_scheduled[owner] >= self.max_pages:
                self.crawler.stats.inc_value("tnl/pages_over_cap")
                continue
            self.seen.add(url)
            self.depth_of[url] = child
            self.pages_scheduled[owner] += 1
            yield scrapy.Request(url, callback=self.parse_page, errback=self.request_failed,
                                 meta={"tnl_kind": "page", "tnl_site": owner, "tnl_depth": child})

    def _assets(self, response, site: str, scope: str, depth: int, refs: list[tuple[str, str]]):
        """Requests for the site's own style sheets and scripts (same registered domain), on their own
        cap per website (TNL_MAX_ASSETS): the evidence of the signals that read them. Another
        site's files are not fetched: the page's reference to them is the evidence."""
        for href, kind in refs:
            try:
                url = response.urljoin(href.strip()).split("#", 1)[0]
            except ValueError:
                continue
            if url in self.seen or urlsplit(url).scheme not in ("http", "https") or site_key(url) != scope:
                continue
            owner = self.site_by_host.get(urlsplit(url).hostname, site)
            if self.assets_scheduled.get(owner, 0) >= self.max_assets:
                self.crawler.stats.inc_value("tnl/assets_over_cap")
                continue
            self.seen.add(url)
            self.assets_scheduled[owner] = self.assets_scheduled.get(owner, 0) + 1
            yield scrapy.Request(url, callback=self.parse_asset, errback=self.request_failed,
                                 meta={"tnl_kind": "asset", "tnl_asset": kind, "tnl_site": owner, "tnl_depth": depth,
                                       "download_maxsize": self.asset_maxsize})

    def parse_asset(self, response):
        """Archived by the middleware; a style sheet's own @import of the site's files is followed."""
        site = response.meta.get("tnl_site")
        if site:
            self.site_bytes[site] = self.site_bytes.get(site, 0) + len(response.body)
        if response.meta.get("tnl_asset") != "css" or not (200 <= response.status < 300) or not site:
            return
        text = response.body[:ASSET_SCAN_BYTES].decode("utf-8", "replace")
        yield from self._assets(response, site, self.scopes[site], response.meta.get("tnl_depth", 0),
                                [(m.group(1), "css") for m in _CSS_IMPORT.finditer(text)])

    def _finding(self, url: str, site: str, referrer: str, message: str) -> None:
        """Something not fetched on purpose (trap, budget): indexed, so the report shows it."""
        archive = getattr(self, "archive", None)
        if archive is not None:
            archive.write_index(IndexEntry(url=url, kind="page", site=site, referrer=referrer, error=message))

    def _over_budget(self, site: str, response) -> bool:
        """Count the bytes read for a site; past its budget, stop following its links (once said)."""
        self.site_bytes[site] = self.site_bytes.get(site, 0) + len(response.body)
        if self.max_site_bytes and self.site_bytes[site] > self.max_site_bytes:
            if site not in self.over_budget:
                self.over_budget.add(site)
                self._finding(response.url, site, response.url,
                              f"budget d'octets du site atteint ({self.max_site_bytes // (1024 * 1024)} Mio) : "
                              "liens suivants non parcourus")
            return True
        return False

    def request_failed(self, failure):
        """Every failure ends as one index line in French (no traceback on the terminal).

        Download errors were indexed on their way by the archive middleware; what is refused after
        the download (a redirect loop, a body over the decompression cap) is indexed here.
        """
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(HttpError):
            return None  # a 4xx/5xx answer: archived as it came, judged later
        request = failure.request
        if request.meta.get("tnl_error_indexed") or getattr(self, "archive_failure", None) is None:
            return None
        refused = "larger than" in str(failure.value) and "max size" in str(failure.value)
        self.archive_failure(request, failure.value, **({"refused": True} if refused else {}))
        return None

    def parse_probe(self, response):
        """Probes are archived by the middleware and judged later, offline."""
        return None

    def probe_failed(self, failure):
        """A failed probe is a finding: indexed like any failure."""
        return self.request_failed(failure)

    def parse_document(self, response):
        """Documents are archived by the middleware; their metadata is read later, offline."""
        site = response.meta.get("tnl_site")
        if site:
            self.site_bytes[site] = self.site_bytes.get(site, 0) + len(response.body)
        return None

    # --- data.gouv.fr --------------------------------------------------------------------------

    def _api(self, path: str, purpose: str, callback, params: dict | None = None, **meta) -> scrapy.Request:
        url = f"{self.api}{path}" + (f"?{urlencode(params)}" if params else "")
        return scrapy.Request(url, callback=callback, errback=self.request_failed, dont_filter=True, meta={
            "tnl_kind": "api", "tnl_purpose": purpose, "dont_obey_robotstxt": True,
            "handle_httpstatus_all": True, **meta,
        }, headers={"Accept": "application/json"})

    def _datagouv_start(self) -> scrapy.Request:
        org = self.candidate.get("datagouv_organization")
        if org:
            return self._api(f"/organizations/{org}/", "organization", self.parse_organization)
        return self._search_by_siren()

    def _search_by_siren(self) -> scrapy.Request:
        if not self.candidate.get("siren"):  # a self-check (`tnl check-site`) without SIREN: by name only
            return self._search_by_name()
        return self._api("/organizations/", "organization_search", self.parse_org_search,
                         {"q": self.candidate["siren"], "page_size": 20}, tnl_by="siren")

    def _search_by_name(self) -> scrapy.Request:
        return self._api("/organizations/", "organization_search", self.parse_org_search,
                         {"q": self.candidate["name"], "page_size": 20}, tnl_by="name")

    @staticmethod
    def _json(response):
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError):
            return None

    def parse_organization(self, response):
        data = self._json(response)
        if response.status == 200 and isinstance(data, dict) and data.get("id"):
            yield self._datasets_page(data["id"])
        else:
            yield self._search_by_siren()

    def parse_org_search(self, response):
        data = self._json(response)
        orgs = data.get("data", []) if isinstance(data, dict) else []
        by = response.meta.get("tnl_by")
        match = None
        if by == "siren":
            siren = self.candidate["siren"]
            match = next((o for o in orgs if str(o.get("business_number_id") or "").startswith(siren)), None)
        else:
            wanted = normalise_name(self.candidate["name"])
            match = next((o for o in orgs if normalise_name(str(o.get("name") or "")) == wanted), None)
        if match and match.get("id"):
            yield self._datasets_page(match["id"])
        elif by == "siren":
            yield self._search_by_name()

    def _datasets_page(self, org_id: str) -> scrapy.Request:
        return self._api("/datasets/", "datasets", self.parse_datasets,
                         {"organization": org_id, "page_size": 100}, tnl_api_page=1)

    def parse_datasets(self, response):
        data = self._json(response)
        if response.status != 200 or not isinstance(data, dict):
            return
        next_page = data.get("next_page")
        page = response.meta.get("tnl_api_page", 1)
        if next_page and page < self.api_max_pages:
            yield scrapy.Request(next_page, callback=self.parse_datasets, errback=self.request_failed,
                                 dont_filter=True, meta={
                "tnl_kind": "api", "tnl_purpose": "datasets", "dont_obey_robotstxt": True,
                "handle_httpstatus_all": True, "tnl_api_page": page + 1,
            }, headers={"Accept": "application/json"})
