"""Turn one candidate's archive (WARC + index) into typed observations, parsing each page once."""
from __future__ import annotations

import contextlib
import io
import json
import pickle
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from tnl import archive
from tnl.archive import ArchivedResponse, IndexEntry
from tnl.formats import document_format
from tnl.memo import per_candidate

TEXT_CAP = 200_000  # characters of visible text kept per page
TOP_LINKS = 10  # first links kept as written (skip links are among them: RGAA criterion 12.7)
MAX_IMAGES = 500
MAX_CONTROLS = 200
INLINE_SCRIPT_CAP = 4_000  # characters kept per inline script
DOC_META_CAP = 512  # characters kept of a producer string
PROBE_TEXT_CAP = 65_536  # characters kept of a probe's body


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
    feeds: list[str] = field(default_factory=list)  # <link rel="alternate" type="application/rss+xml|atom+xml">
    iframes: list[str] = field(default_factory=list)  # absolute src of <iframe>
    stylesheets: list[str] = field(default_factory=list)  # absolute href of <link rel="stylesheet">
    inline_styles: list[str] = field(default_factory=list)  # <style> contents (capped), for @font-face / @import
    html_bytes: int | None = None  # size of the HTML body as archived (sobriety signals)
    dom_elements: int | None = None  # elements in the parsed document (EcoIndex's DOM size)


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

    def homepages(self) -> list[Page]:
        return [p for p in self.pages if p.is_homepage]


# --- page parsing --------------------------------------------------------------------------------

def _squash(text: str) -> str:
    """Runs of whitespace made one space, ends trimmed: the same as re.sub(r"\\s+", " ", text).strip()
    (str.split and the re module share one definition of whitespace), three times faster."""
    return " ".join(text.split())


_INVISIBLE = {"script", "style", "noscript", "template"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
# Controls that need no label of their own (RGAA 11.1 applies to fields users fill in).
_UNLABELLED_OK = {"hidden", "submit", "reset", "button"}


def _charset(resp: ArchivedResponse) -> str | None:
    ctype = resp.header("Content-Type") or ""
    m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    return m.group(1) if m else None


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def decode_html(body: bytes, charset: str | None = None) -> str:
    """Text of a page, decoded as Scrapy does (w3lib: header, BOM, <meta>, then UTF-8), with a
    fallback to Windows-1252 when a page declared UTF-8 is not (old CMS, hand-edited pages)."""
    from w3lib.encoding import html_to_unicode

    header = f"text/html; charset={charset}" if charset else None
    try:
        encoding, text = html_to_unicode(header, body, default_encoding="utf-8")
    except LookupError:  # an unknown charset name in the header
        encoding, text = html_to_unicode(None, body, default_encoding="utf-8")
    if "\ufffd" in text and encoding.replace("-", "").lower() in ("utf8",):
        # Mostly invalid UTF-8 (every accent broken) is Windows-1252; a few stray bad bytes
        # among valid UTF-8 accents are just that.
        bad = text.count("\ufffd")
        good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
        if good < bad:
            latin = body.decode("cp1252", errors="replace")
            if latin.count("\ufffd") < bad:
                text = latin
    return _XML_DECL.sub("", text, count=1)


def _absolute(base: str, href: str | None) -> str | None:
    """Absolute http(s) URL of a link, or None (fragments, mailto:, javascript:, broken URLs)."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    if href[0] == "/" and href[:2] != "//" and base.startswith(("http://", "https://")):
        base = _origin(base)  # a /path link does not depend on the page's own path: menus hit the cache
    return _join(base, href)


@per_candidate(4096)
def _origin(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}/"


@per_candidate(65536)  # menus and footers repeat the same links on every page of a site
def _join(base: str, href: str) -> str | None:
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


_READ_TAGS = ("a", "img", "input", "select", "textarea", "style", "script", "meta", "link", "iframe", "source",
              "embed")


def parse_html(body: bytes, url: str, charset: str | None = None) -> dict[str, Any]:
    """One lxml parse of a page; returns the fields of `Page` it determines."""
    out: dict[str, Any] = {"title": None, "lang": None, "text": "", "main_text": "", "links": [], "scripts": [],
                           "inline_scripts": [], "resources": [], "generator": None, "images": [],
                           "form_controls": [], "top_links": [], "feeds": [], "iframes": [],
                           "stylesheets": [], "inline_styles": [], "html_bytes": len(body), "dom_elements": 0}
    if not body.strip():
        return out
    # huge_tree: libxml2 otherwise stops at 255 nested elements (a broken template is enough).
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(decode_html(body, charset), parser=parser)
    except (etree.ParserError, ValueError):
        return out
    base = url
    for b in root.iter("base"):
        if b.get("href"):
            base = urljoin(url, b.get("href"))
            break
    out["dom_elements"] = int(root.xpath("count(//*)"))  # elements only (no comments): counted in C
    out["lang"] = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or None)
    title = root.find(".//title")
    if title is not None:
        out["title"] = _squash(title.text_content())
    label_for = {el.get("for") for el in root.iter("label") if el.get("for")}
    controls = []
    # Only the elements read below (lxml filters them in C: no Python object for every <p> and <div>).
    for el in root.iter(*_READ_TAGS):
        tag = el.tag
        if tag == "a":
            href = _absolute(base, el.get("href"))
            text = _squash(el.text_content())[:200]
            if href:
                out["links"].append(Link(href, text, (el.get("rel") or "").lower()))
            if len(out["top_links"]) < TOP_LINKS and el.get("href"):
                out["top_links"].append(Link((href or el.get("href", "").strip())[:300], text,
                                             (el.get("rel") or "").lower()))
        elif tag == "img":
            if len(out["images"]) < MAX_IMAGES:
                out["images"].append(Image(_absolute(base, el.get("src")) or (el.get("src") or "")[:300],
                                           el.get("alt"), (el.get("role") or "").lower()
                                           or ("aria-hidden" if el.get("aria-hidden") == "true" else "")))
        elif tag in ("input", "select", "textarea"):
            controls.append(el)
        elif tag == "style" and el.text:
            out["inline_styles"].append(el.text[:INLINE_SCRIPT_CAP])
        elif tag == "script":
            src = _absolute(base, el.get("src"))
            if src:
                out["scripts"].append(src)
            elif el.text and not el.get("src"):
                out["inline_scripts"].append(el.text[:INLINE_SCRIPT_CAP])
        elif tag == "meta":
            if (el.get("name") or "").lower() == "generator" and out["generator"] is None:
                out["generator"] = (el.get("content") or "").strip()[:200] or None
        if tag in ("link", "img", "iframe", "source", "embed"):
            src = _absolute(base, el.get("href") if tag == "link" else el.get("src"))
            if src:
                out["resources"].append(src)
                rel = (el.get("rel") or "").lower().split()
                if tag == "link" and "me" in rel:
                    out["links"].append(Link(src, "", "me"))
                if tag == "link" and "stylesheet" in rel:
                    out["stylesheets"].append(src)
                if tag == "link" and "alternate" in rel and (el.get("type") or "").lower() in _FEED_TYPES:
                    out["feeds"].append(src)
                if tag == "iframe":
                    out["iframes"].append(src)
    for el in controls[:MAX_CONTROLS]:
        ctype = (el.get("type") or "text").lower() if el.tag == "input" else ""
        if ctype in _UNLABELLED_OK:
            continue
        labelled = bool(
            (el.get("id") and el.get("id") in label_for)
            or any(a.tag == "label" for a in el.iterancestors())
            or (el.get("aria-label") or "").strip() or el.get("aria-labelledby")
            or (el.get("title") or "").strip()
            or (ctype == "image" and (el.get("alt") or "").strip())
        )
        out["form_controls"].append(FormControl(
            el.tag, ctype, (el.get("name") or el.get("id") or "")[:100], labelled,
            etree.tostring(el, encoding="unicode", with_tail=False)[:200]))
    for el in list(root.iter(*_INVISIBLE)):
        el.drop_tree()  # keeps the tail text, which belongs to the parent's flow
    body = root.find("body")
    # itertext + join: block elements ("<h1>Mairie</h1><p>Horaires") must not run words together.
    container = body if body is not None else root
    # Navigation boilerplate repeats on every page: the main content is read apart.
    main = next(iter(root.xpath("//main|//*[@role='main']")), None)
    if main is None:
        text = " ".join(container.itertext())
        out["text"] = _squash(text[: TEXT_CAP * 2])[:TEXT_CAP]
        for el in list(container.iter("nav", "header", "footer", "aside")):
            el.drop_tree()
        main = container
        out["main_text"] = _squash(" ".join(main.itertext())[: TEXT_CAP * 2])[:TEXT_CAP]
        return out
    main_raw = " ".join(main.itertext())
    main_text = _squash(main_raw[: TEXT_CAP * 2])
    out["main_text"] = main_text[:TEXT_CAP]
    out["text"] = _page_text(container, main, main_raw, main_text)[:TEXT_CAP]
    return out


_MAIN_MARK = "\ue000tnl-main\ue000"  # private-use characters: stands for the main content, once


def _page_text(container, main, main_raw: str, main_text: str) -> str:
    """_squash(" ".join(container.itertext())[: TEXT_CAP * 2]), reusing the main content's squashed text
    (most of a page): the main element is swapped for a marker and only what surrounds it is joined.
    Exact, since pieces are joined with spaces: whitespace at the seams collapses the same way."""
    parent = main.getparent()
    if parent is not None and len(main_raw) <= TEXT_CAP * 2:
        mark = etree.Element("span")
        mark.text, mark.tail = _MAIN_MARK, main.tail
        parent.replace(main, mark)  # the tree is not used after this
        rest = " ".join(container.itertext())
        before, found, after = rest.partition(_MAIN_MARK)
        if found and _MAIN_MARK not in after and len(rest) + len(main_raw) <= TEXT_CAP * 2:
            return " ".join(x for x in (_squash(before), main_text, _squash(after)) if x)
        parent.replace(mark, main)
        main.tail = mark.tail
    return _squash(" ".join(container.itertext())[: TEXT_CAP * 2])


# --- documents -------------------------------------------------------------------------------------

_ODF_GEN = re.compile(rb"<meta:generator>([^<]{1,512})</meta:generator>")
_OOXML_APP = re.compile(rb"<(?:\w+:)?Application>([^<]{1,512})</(?:\w+:)?Application>")


def document_producer(body: bytes) -> tuple[str | None, str | None]:
    """(producer, creator) from a document's own metadata, its kind told by its first bytes (PDF, or a
    zip: ODF, OOXML); (None, None) if unreadable."""
    try:
        if body[:4] == b"%PDF":
            from pypdf import PdfReader

            meta = PdfReader(io.BytesIO(body)).metadata
            if meta is None:
                return None, None
            producer = meta.producer
            creator = meta.creator
            return (str(producer)[:DOC_META_CAP] if producer else None,
                    str(creator)[:DOC_META_CAP] if creator else None)
        if body[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                names = set(zf.namelist())
                if "meta.xml" in names:
                    m = _ODF_GEN.search(zf.read("meta.xml")[:65536])
                    return (m.group(1).decode("utf-8", "replace").strip() if m else None), None
                if "docProps/app.xml" in names:
                    m = _OOXML_APP.search(zf.read("docProps/app.xml")[:65536])
                    return (m.group(1).decode("utf-8", "replace").strip() if m else None), None
    except Exception:  # noqa: BLE001 - hostile or broken files must not stop the checks
        return None, None
    return None, None


# --- building ------------------------------------------------------------------------------------


def _json_or_none(body: bytes) -> Any:
    head = body[:1].strip() or body.lstrip()[:1]
    if head not in (b"{", b"["):
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _norm(url: str) -> str:
    return url.split("#", 1)[0]


def digest(entry: IndexEntry, resp: ArchivedResponse) -> Any:
    """What the observations keep of one archived record, computed from that record alone (the same
    wherever and whenever it is computed: `tnl run`'s digester does it while the crawl goes on):
    page: the fields of its `Page` read from the body (None: not an HTML answer in 2xx); document:
    (producer, creator); probe: (headers, text, JSON); dns, whois, tls, api: the JSON payload."""
    kind = entry.kind
    if kind == "page":
        ctype = (resp.header("Content-Type") or "").lower()
        if not (entry.status and 200 <= entry.status < 300 and ("html" in ctype or not ctype)):
            return None
        fields = parse_html(resp.body, entry.url, _charset(resp))
        fields["headers"] = {k.lower(): v for k, v in resp.headers}
        fields["cookies"] = [v.split("=", 1)[0].strip() for k, v in resp.headers if k.lower() == "set-cookie"]
        return fields
    if kind == "document":
        if entry.status and 200 <= entry.status < 300:
            return document_producer(resp.body)
        return None, None
    if kind == "probe":
        text = resp.body[: PROBE_TEXT_CAP * 4].decode(_charset(resp) or "utf-8", "replace")[:PROBE_TEXT_CAP]
        return {k.lower(): v for k, v in resp.headers}, text, _json_or_none(resp.body)
    if kind in ("dns", "whois", "tls"):
        return _json_or_none(resp.body)
    if kind == "api":
        try:
            return json.loads(resp.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
    return None


def _digested(directory: Path, index: list[IndexEntry], spool: Path | None,
              prepared: dict[str, Any] | None = None) -> Iterator[tuple[IndexEntry, Any]]:
    """Each archived record with its index entry and digest, in archive order. With a spool (`tnl
    run`): the digests it holds, and the records it lacks read alone at their offset; otherwise, or
    when a record's offset is unknown (older archives, shards of --redis), the WARC read through."""
    by_record = {e.record_id: e for e in index if e.record_id}
    digests = read_spool(spool, prepared) if spool is not None else {}
    if digests and archive.shards(directory) == [None] and all(
            e.record_id in digests or e.extra.get("warc_offset") is not None for e in by_record.values()):
        found = _by_offset(directory / archive.WARC_NAME, by_record.values(), digests)
        if found is not None:
            yield from found
            return
    for resp in archive.iter_merged_responses(directory):
        entry = by_record.get(resp.record_id)
        if entry is not None:
            found = digests.pop(resp.record_id, _NONE)
            yield entry, digest(entry, resp) if found is _NONE else found


def _by_offset(warc: Path, entries, digests: dict[str, Any]) -> list[tuple[IndexEntry, Any]] | None:
    """The entries' digests, from the spool or from their record read alone; None if a record is not
    where its index line says (then the WARC is read through, as without a spool)."""
    found = []
    with contextlib.ExitStack() as stack:
        fh = None
        for e in entries:  # index order is archive order: each line is written after its record
            if e.record_id in digests:
                found.append((e, digests[e.record_id]))
                continue
            if fh is None:
                fh = stack.enter_context(open(warc, "rb"))
            try:
                resp = archive.read_indexed(fh, e)
            except (EOFError, zlib.error, ValueError, OSError):
                return None
            if resp is None:
                return None
            found.append((e, digest(e, resp)))
    return found


_NONE = object()

# --- the digests' file (a spool): written by tnl.digester as a candidate crawls, read by build() ---

SPOOL_FORMAT = ("tnl-evidence/digests", 2)


class SpoolWriter:
    """Appends (record id, digest, prepared) triples to a file, each flushed whole: a reader sees
    every one written before it opened the file, and at most one torn at its end, which it ignores.
    `prepared`: what the checks would compute from the record alone (a page's word soups,
    checks.base.page_soups), or None; not an observation."""

    def __init__(self, path: Path) -> None:
        from tnl import __version__

        self.fh = open(path, "wb")
        self._dump(SPOOL_FORMAT + (__version__,))

    def add(self, record_id: str, found: Any, prepared: Any = None) -> None:
        if isinstance(found, dict) and found.get("main_text"):
            # The page's own content is most of its text (observe.parse_html): kept once, as a slice.
            at = found["text"].find(found["main_text"])
            if at >= 0:
                found = {**found, "main_text": (at, len(found["main_text"]))}
        self._dump((record_id, found, prepared))

    def _dump(self, obj: Any) -> None:
        self.fh.write(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def read_spool(path: Path, prepared: dict[str, Any] | None = None) -> dict[str, Any]:
    """The digests of a spool by record id; {} if it is missing or from another version of the tool.
    `prepared`, if given, receives what the spool holds beyond them, by record id (SpoolWriter)."""
    from tnl import __version__

    digests: dict[str, Any] = {}
    try:
        fh = open(path, "rb")
    except OSError:
        return digests
    with fh:
        try:
            if pickle.load(fh) != SPOOL_FORMAT + (__version__,):
                return digests
            while True:
                record_id, found, extra = pickle.load(fh)
                if isinstance(found, dict) and isinstance(found.get("main_text"), tuple):
                    at, length = found["main_text"]
                    found["main_text"] = found["text"][at:at + length]
                digests[record_id] = found
                if extra is not None and prepared is not None:
                    prepared[record_id] = extra
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, IndexError):
            pass  # the end, or a pair torn by a writer still at work: the records after it are read again
    return digests


def build(directory: Path, spool: Path | None = None, prepared: dict[str, Any] | None = None) -> Observations:
    """Read one candidate's folder (candidate.json, crawl.json, index.jsonl, WARC) into observations;
    `spool`: the digests of its records written during the crawl (tnl.digester), if any; `prepared`,
    if given, receives what the spool holds beyond the observations (SpoolWriter)."""
    directory = Path(directory)
    candidate = archive.read_json(directory / archive.CANDIDATE_NAME)
    crawl_path = directory / archive.CRAWL_NAME
    crawl = archive.read_json(crawl_path) if crawl_path.exists() else {}
    index = archive.read_merged_index(directory)  # one crawler process, or the shards of several (--redis)
    # Answers refused after their download (a body over the decompression cap): not pages.
    refused = {e.url for e in index if e.extra.get("refused")}
    start_urls = list(candidate.get("websites", [])) + list(candidate.get("opendata", []))

    pages: list[Page] = []
    fetched_docs: dict[str, Document] = {}
    api: list[ApiResponse] = []
    probes: list[Probe] = []
    netrecords: list[NetRecord] = []
    for entry, found in _digested(directory, index, spool, prepared):
        if entry.kind == "page":
            if found is not None and entry.url not in refused:
                pages.append(Page(
                    url=entry.url, site=entry.site, depth=entry.depth, status=entry.status,
                    fetched_at=entry.fetched_at, sha256=entry.sha256, record_id=entry.record_id,
                    is_homepage=bool(entry.extra.get("homepage")), **found,
                ))
        elif entry.kind == "document":
            producer, creator = found
            fetched_docs[_norm(entry.url)] = Document(
                url=entry.url, format=document_format(entry.url, entry.content_type) or "autre",
                linked_from=entry.referrer, fetched=True, status=entry.status,
                fetched_at=entry.fetched_at, sha256=entry.sha256, record_id=entry.record_id,
                size=entry.length, producer=producer, creator=creator,
            )
        elif entry.kind == "probe":
            headers, text, data = found
            probes.append(Probe(entry.url, entry.extra.get("purpose", ""), entry.status, entry.fetched_at,
                                entry.sha256, entry.record_id, headers, text, data, entry.redirect_to))
        elif entry.kind in ("dns", "whois", "tls"):
            netrecords.append(NetRecord(entry.kind, entry.url, entry.fetched_at, entry.sha256, entry.record_id,
                                        found, entry.error))
        elif entry.kind == "api":
            api.append(ApiResponse(entry.url, entry.status, entry.fetched_at, entry.sha256,
                                   entry.record_id, entry.extra.get("purpose", ""), found))

    # Every document linked from a page, fetched or not (offsite, too large, refused...).
    # Pages in (depth, URL) order, so that "linked from" does not depend on the crawl's timing.
    pages.sort(key=lambda p: (p.depth, p.url))
    documents: dict[str, Document] = {}
    for page in pages:
        for link in page.links:
            url = _norm(link.url)
            fmt = document_format(url)
            if not fmt:
                continue
            doc = documents.get(url)
            if doc is None:
                doc = fetched_docs.get(url) or Document(url=url, format=fmt, linked_from=page.url)
                doc.linked_from = page.url
                documents[url] = doc
            if page.url not in doc.linked_by:
                doc.linked_by.append(page.url)
    failed = {_norm(e.url): e.error for e in index if e.kind == "document" and e.error}
    for url, doc in documents.items():
        if not doc.fetched and url in failed:
            doc.error = failed[url]
    for url, doc in fetched_docs.items():
        documents.setdefault(url, doc)

    # Failed probes and lookups leave no record, only an index line: they are facts too.
    for e in index:
        if e.kind == "probe" and e.record_id is None:
            probes.append(Probe(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, None, None,
                                error=e.error))
        elif e.kind in ("dns", "whois", "tls") and e.record_id is None:
            netrecords.append(NetRecord(e.kind, e.url, e.fetched_at, None, None, error=e.error))
    sites = _site_statuses(start_urls, [e for e in index if not (e.record_id and e.url in refused)],
                           pages, list(documents.values()))
    return Observations(candidate=candidate, crawl=crawl, index=index, pages=pages,
                        documents=sorted(documents.values(), key=lambda d: d.url),
                        api=api, sites=sites,
                        probes=sorted(probes, key=lambda p: (p.purpose, p.url, p.fetched_at)),
                        netrecords=sorted(netrecords, key=lambda r: (r.uri, r.fetched_at)),
                        registries=load_registries(directory.parent / "_registries"))


_REGISTRY_CACHE: dict[tuple, list[RegistryExport]] = {}


def load_registries(directory: Path) -> list[RegistryExport]:
    """The run's registry exports (index kind "registry"), the latest of each purpose; parsed once per run."""
    # The main index, or the shards of a distributed crawl (--redis).
    paths = [directory / archive.shard_names(s)[1] for s in archive.shards(directory)] if directory.is_dir() else []
    paths = [p for p in paths if p.exists()]
    if not paths:
        return []
    key = (str(directory.resolve()), *((p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if key not in _REGISTRY_CACHE:
        entries = [e for e in archive.read_merged_index(directory) if e.kind == "registry"]
        by_record = {e.record_id: e for e in entries if e.record_id}
        found: list[RegistryExport] = []
        for resp in archive.iter_merged_responses(directory):
            e = by_record.get(resp.record_id)
            if e is not None:
                data = _json_or_none(resp.body) if e.status and 200 <= e.status < 300 else None
                found.append(RegistryExport(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, e.sha256,
                                            e.record_id, data, None if data is not None or not e.status
                                            or e.status >= 300 else "réponse non JSON"))
        found += [RegistryExport(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, None, None, error=e.error)
                  for e in entries if e.record_id is None]
        latest: dict[str, RegistryExport] = {}
        for reg in sorted(found, key=lambda r: (r.data is not None, r.fetched_at)):
            latest[reg.purpose] = reg  # a usable export wins over a failed one, then the latest
        _REGISTRY_CACHE.clear()  # one run at a time: keep memory bounded
        _REGISTRY_CACHE[key] = sorted(latest.values(), key=lambda r: r.purpose)
    return list(_REGISTRY_CACHE[key])


def _site_statuses(start_urls: list[str], index: list[IndexEntry], pages: list[Page],
                   documents: list[Document]) -> list[SiteStatus]:
    statuses = []
    for url in start_urls:
        tried = [e for e in index if e.site == url and e.extra.get("homepage")]
        ok = [e for e in tried if e.status and 200 <= e.status < 300]
        last = ok[0] if ok else (tried[-1] if tried else None)
        error = None
        if last is None:
            error = "jamais atteint (aucune tentative enregistrée)"
        elif not ok:
            error = last.error or (f"HTTP {last.status}" if last.status else "erreur inconnue")
        site_pages = [p for p in pages if p.site == url]
        page_urls = {p.url for p in site_pages}
        site_docs = [d for d in documents if d.fetched and page_urls.intersection(d.linked_by)]
        statuses.append(SiteStatus(
            url=url, reachable=bool(ok), status=last.status if last else None, error=error,
            fetched_at=last.fetched_at if last else None, pages=len(site_pages), documents=len(site_docs),
        ))
    return statuses


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
