"""HTML pages: decoding and one lxml parse of a page into the fields of `ground.observations.Page`."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from ground.memo import per_candidate
from ground.observations import FormControl, Image, Link
from ground.text import squash

TEXT_CAP = 200_000  # characters of visible text kept per page
TOP_LINKS = 10  # first links kept as written (skip links are among them: RGAA criterion 12.7)
MAX_IMAGES = 500
MAX_CONTROLS = 200
INLINE_SCRIPT_CAP = 4_000  # characters kept per inline script
MAX_SCRIPT_TAGS = 50  # external scripts with data-* attributes kept as written, per page


_INVISIBLE = {"script", "style", "noscript", "template"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
# Controls that need no label of their own (RGAA 11.1 applies to fields users fill in).
_UNLABELLED_OK = {"hidden", "submit", "reset", "button"}


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


# Single-byte encodings a server may declare by default for a page that is in fact UTF-8.
_SINGLE_BYTE = {"latin1", "iso88591", "iso885915", "cp1252", "windows1252", "l1"}


def decode_html(body: bytes, charset: str | None = None) -> str:
    """Text of a page, decoded as Scrapy does (w3lib: header, BOM, <meta>, then UTF-8), with a
    fallback to Windows-1252 when a page declared UTF-8 is not (old CMS, hand-edited pages), and to
    UTF-8 when a page declared Latin-1 is valid UTF-8 (a server's default header)."""
    from w3lib.encoding import html_to_unicode

    header = f"text/html; charset={charset}" if charset else None
    try:
        encoding, text = html_to_unicode(header, body, default_encoding="utf-8")
    except LookupError:  # an unknown charset name in the header
        encoding, text = html_to_unicode(None, body, default_encoding="utf-8")
    if encoding.replace("-", "").replace("_", "").lower() in _SINGLE_BYTE and any(b > 127 for b in body[:65536]):
        # A header saying Latin-1 (the old default of many servers) on a page written in UTF-8: the
        # bytes decode as UTF-8 without a fault, which Latin-1 text nearly never does ("Ã©" pairs).
        try:
            return _XML_DECL.sub("", body.decode("utf-8"), count=1)
        except UnicodeDecodeError:
            pass
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
              "embed", "h1", "h2", "h3")
MAX_HEADINGS = 40  # h1–h3 kept per page: what a section is about (a plan written inside a page)


def parse_html(body: bytes, url: str, charset: str | None = None) -> dict[str, Any]:
    """One lxml parse of a page; returns the fields of `Page` it determines."""
    out: dict[str, Any] = {"title": None, "lang": None, "text": "", "main_text": "", "links": [], "scripts": [],
                           "inline_scripts": [], "resources": [], "generator": None, "images": [],
                           "form_controls": [], "top_links": [], "feeds": [], "iframes": [],
                           "stylesheets": [], "inline_styles": [], "html_bytes": len(body), "dom_elements": 0,
                           "script_tags": [], "headings": []}
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
        out["title"] = squash(title.text_content())
    label_for = {el.get("for") for el in root.iter("label") if el.get("for")}
    controls = []
    # Only the elements read below (lxml filters them in C: no Python object for every <p> and <div>).
    for el in root.iter(*_READ_TAGS):
        tag = el.tag
        if tag == "a":
            href = _absolute(base, el.get("href"))
            text = squash(el.text_content())[:200]
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
                data = sorted((k, v) for k, v in el.attrib.items() if k.startswith("data-"))
                if data and len(out["script_tags"]) < MAX_SCRIPT_TAGS:
                    # What only its attributes tell (self-hosted Plausible's data-domain, Umami's website id).
                    attrs = " ".join(f'{k}="{v[:100]}"' for k, v in data[:6])
                    out["script_tags"].append(f'<script {attrs} src="{src[:300]}">')
            elif el.text and not el.get("src"):
                out["inline_scripts"].append(el.text[:INLINE_SCRIPT_CAP])
        elif tag in ("h1", "h2", "h3"):
            if len(out["headings"]) < MAX_HEADINGS:
                out["headings"].append(squash(el.text_content())[:200])
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
        out["text"] = squash(text[: TEXT_CAP * 2])[:TEXT_CAP]
        for el in list(container.iter("nav", "header", "footer", "aside")):
            el.drop_tree()
        main = container
        out["main_text"] = squash(" ".join(main.itertext())[: TEXT_CAP * 2])[:TEXT_CAP]
        return out
    main_raw = " ".join(main.itertext())
    main_text = squash(main_raw[: TEXT_CAP * 2])
    out["main_text"] = main_text[:TEXT_CAP]
    out["text"] = _page_text(container, main, main_raw, main_text)[:TEXT_CAP]
    return out


_MAIN_MARK = "\ue000tnl-main\ue000"  # private-use characters: stands for the main content, once


def _page_text(container, main, main_raw: str, main_text: str) -> str:
    """squash(" ".join(container.itertext())[: TEXT_CAP * 2]), reusing the main content's squashed text
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
            return " ".join(x for x in (squash(before), main_text, squash(after)) if x)
        parent.replace(mark, main)
        main.tail = mark.tail
    return squash(" ".join(container.itertext())[: TEXT_CAP * 2])
