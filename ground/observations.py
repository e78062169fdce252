"""The observations: typed, plain data that the checks read about one candidate (built by ground.observe)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ground.archive import IndexEntry


@dataclass
class Link:
    url: str  # absolute
    text: str
    rel: str = ""


@dataclass
class Image:
    src: str
    alt: str | None  # None: no alt attribute at all; "" : decorative image (alt="")
    role: str = ""  # role="presentation" / aria-hidden also make an image decorative


@dataclass
class FormControl:
    tag: str  # input | select | textarea
    type: str  # input type (text, email, search…); "" for select/textarea
    name: str
    labelled: bool  # <label for>, wrapping <label>, aria-label, aria-labelledby or title
    snippet: str  # the tag as written (truncated)


@dataclass
class Page:
    """An HTML page as archived, reduced once to what the checks read."""

    url: str
    site: str | None
    depth: int
    status: int | None
    fetched_at: str
    sha256: str | None
    record_id: str | None
    is_homepage: bool
    title: str | None = None
    lang: str | None = None
    text: str = ""
    main_text: str = ""  # the page's own content: <main> if any, else body without nav/header/footer/aside
    links: list[Link] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # absolute src of external scripts
    inline_scripts: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # absolute URLs of link/img/iframe sources
    generator: str | None = None  # <meta name="generator">
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    cookies: list[str] = field(default_factory=list)  # names from Set-Cookie
    images: list[Image] = field(default_factory=list)
    form_controls: list[FormControl] = field(default_factory=list)
    top_links: list[Link] = field(default_factory=list)  # first links of the page, in-page (#) ones too
    headings: list[str] = field(default_factory=list)  # texts of its h1–h3, in order (at most 40)
    feeds: list[str] = field(default_factory=list)  # <link rel="alternate" type="application/rss+xml|atom+xml">
    iframes: list[str] = field(default_factory=list)  # absolute src of <iframe>
    stylesheets: list[str] = field(default_factory=list)  # absolute href of <link rel="stylesheet">
    inline_styles: list[str] = field(default_factory=list)  # <style> contents (capped), for @font-face / @import
    # External scripts carrying data-* attributes, as `<script data-…="…" src="…">` (attributes sorted):
    # some tools show themselves only so (self-hosted Plausible's data-domain).
    script_tags: list[str] = field(default_factory=list)
    html_bytes: int | None = None  # size of the HTML body as archived (sobriety signals)
    dom_elements: int | None = None  # elements in the parsed document (EcoIndex's DOM size)
    # Its text, links, headings, images and form controls read in the rendered DOM (--render: a page
    # whose text exists only once its scripts ran; ground.rendered.apply_rendered_text).
    rendered: bool = False


@dataclass
class Document:
    """An office/data document linked from a crawled page, fetched or not."""

    url: str
    format: str  # extension-like key: odt, pdf, docx, csv, ...
    linked_from: str | None  # the first linking page, in (depth, URL) order: stable across runs
    fetched: bool = False
    status: int | None = None
    fetched_at: str | None = None
    sha256: str | None = None
    record_id: str | None = None
    size: int | None = None
    producer: str | None = None  # software that produced the file (PDF Producer, ODF generator, OOXML Application)
    creator: str | None = None  # PDF Creator / authoring tool, when distinct
    error: str | None = None
    linked_by: list[str] = field(default_factory=list)  # every crawled page that links it
    # Its text (ground.doctext): [(page number, or None for a flow without pages, text)], bounded.
    text: list[tuple[int | None, str]] = field(default_factory=list)
    text_truncated: bool = False
    scanned: bool | None = None  # a PDF of images: no text to read without OCR (a finding)
    text_error: str | None = None  # why its text could not be read (encrypted, hostile, too slow…)
    pdf_facts: dict[str, Any] | None = None  # PDF: pages_total, tagged, marked, lang, title, display_title
    created: str | None = None  # the day its own metadata say it was created ("2025-01-20"), if they do
    last_modified: str | None = None  # the day of the HTTP Last-Modified it was served with, if any


@dataclass
class ApiResponse:
    url: str
    status: int | None
    fetched_at: str
    sha256: str | None
    record_id: str | None
    purpose: str  # organization | organization_search | datasets
    data: Any


@dataclass
class Probe:
    """A targeted request that is not part of the site crawl (HTTPS check, open-data API probe…)."""

    url: str
    purpose: str  # e.g. https, http_redirect, portal:ckan
    status: int | None
    fetched_at: str
    sha256: str | None
    record_id: str | None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    text: str = ""  # body decoded as text, first PROBE_TEXT_CAP characters
    data: Any = None  # body parsed as JSON, when it is JSON
    redirect_to: str | None = None
    error: str | None = None


@dataclass
class NetRecord:
    """A non-HTTP observation archived as a WARC resource record: DNS answers, WHOIS replies."""

    kind: str  # dns | whois | tls
    uri: str  # dns:www.ville.fr?type=AAAA, whois:ville.fr, tls:www.ville.fr
    fetched_at: str
    sha256: str | None
    record_id: str | None
    data: Any = None  # parsed JSON payload (answers, parsed WHOIS fields, raw text…)
    error: str | None = None


@dataclass
class RegistryExport:
    """A public registry's export fetched once per run (Comptoir du Libre, SILL, code.gouv.fr accounts)."""

    url: str
    purpose: str  # comptoir | sill | codegouv_accounts
    status: int | None
    fetched_at: str
    sha256: str | None
    record_id: str | None
    data: Any = None  # body parsed as JSON
    error: str | None = None


@dataclass
class Asset:
    """One of the site's own style sheets or scripts, as archived (crawler: TNL_MAX_ASSETS per site)."""

    url: str
    kind: str  # css | js
    site: str | None
    status: int | None
    fetched_at: str
    sha256: str | None
    record_id: str | None
    size: int | None  # bytes as archived
    text: str = ""  # the body decoded (UTF-8, errors replaced), first ASSET_TEXT_CAP characters
    error: str | None = None


@dataclass
class SiteStatus:
    url: str
    reachable: bool
    status: int | None = None
    error: str | None = None
    fetched_at: str | None = None
    pages: int = 0
    documents: int = 0


@dataclass
class Observations:
    """Everything the checks may read about one candidate."""

    candidate: dict[str, Any]
    crawl: dict[str, Any]
    index: list[IndexEntry]
    pages: list[Page]
    documents: list[Document]
    api: list[ApiResponse]
    sites: list[SiteStatus]
    probes: list[Probe] = field(default_factory=list)
    netrecords: list[NetRecord] = field(default_factory=list)
    registries: list[RegistryExport] = field(default_factory=list)  # from <out>/_registries/, shared by all
    assets: list[Asset] = field(default_factory=list)  # the site's own CSS and JS, in URL order
    # The rendered pass (--render; ground/rendered.py): every rendering read back from the WARC, and
    # the pass's own record (render.json: the sample, its seed…). Empty without --render.
    renderings: list[dict[str, Any]] = field(default_factory=list)
    render: dict[str, Any] = field(default_factory=dict)

    def assets_of(self, page: Page) -> list[Asset]:
        """The archived assets a page references (its style sheets and scripts; CSS @imports are not)."""
        if not self.assets:
            return []
        wanted = set(page.stylesheets) | set(page.scripts)
        return [a for a in self.assets if a.url in wanted]

    def pages_loading(self, asset: Asset) -> list[Page]:
        """The pages that reference an archived asset (as a style sheet or a script): its other side."""
        return [p for p in self.pages if asset.url in p.stylesheets or asset.url in p.scripts]

    def homepages(self) -> list[Page]:
        return [p for p in self.pages if p.is_homepage]
