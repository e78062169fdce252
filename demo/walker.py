"""Reading the written demo world back, as a polite crawler would: links only, robots.txt obeyed.

Shared by build_world and the extensions (it imports neither), so that every count in expected.yaml
is made over the same pages. Nothing here knows how a check judges a page: it only finds pages,
documents, text and the literal markers the content modules write.
"""
from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from lxml import html as lxml_html

from demo.sitekit import Site

DOC_EXTS = ("pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "rtf")
# Literal markers the content modules put in a homepage for each analytics tool.
ANALYTICS_MARKERS = {
    "Matomo": ("_paq.push", "matomo.js"),
    "Google Analytics": ("google-analytics.com/analytics.js", "googletagmanager.com/gtag/js"),
    "Google Tag Manager": ("googletagmanager.com/gtm.js",),
}
FEDIVERSE_HOSTS = ("mastodon.social", "piaille.fr", "tube.libreville-isere.test")


def file_for(root: Path, path: str) -> Path:
    rel = path.lstrip("/")
    if path.endswith("/"):
        rel += "index.html"
    return root / rel


def robots_of(root: Path) -> RobotFileParser:
    parser = RobotFileParser()
    robots_file = root / "robots.txt"
    parser.parse(robots_file.read_text("utf-8").splitlines() if robots_file.is_file() else [])
    return parser


def visible_text(raw: str) -> str:
    doc = lxml_html.fromstring(raw)
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return " ".join(doc.text_content().split())


def main_text(raw: str) -> str:
    """The page's main content: <main> (or role=main), else the body without nav/header/footer/aside."""
    doc = lxml_html.document_fromstring(raw)
    for bad in list(doc.iter("script", "style", "noscript", "template")):
        bad.drop_tree()
    main = next(iter(doc.xpath("//main|//*[@role='main']")), None)
    if main is None:
        main = doc.find("body")
        for boiler in list(main.iter("nav", "header", "footer", "aside")):
            boiler.drop_tree()
    return " ".join(" ".join(main.itertext()).split())


def has_word(text: str, word: str) -> bool:
    """`word` in `text` as a whole word (case-insensitive; hyphens join words, as in « libre-office »)."""
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text, re.IGNORECASE) is not None


def walk(root: Path, start: str, strict: bool = False) -> dict:
    """BFS from `start` over the written files of its host, robots.txt obeyed.

    Returns {"pages": {url: {"depth", "html", "bytes", "text"}}, "documents": set, "offsite": set}.
    `strict`: a link to a missing file is an error (the world must have no broken link)."""
    host = urlsplit(start).hostname
    robots = robots_of(root)
    depth = {start: 0}
    queue = deque([start])
    pages: dict[str, dict] = {}
    documents: set[str] = set()
    offsite: set[str] = set()
    while queue:
        url = queue.popleft()
        f = file_for(root, urlsplit(url).path)
        if not f.is_file():
            if strict:
                raise AssertionError(f"broken internal link to {url}")
            continue
        body = f.read_bytes()
        raw = body.decode("utf-8")
        pages[url] = {"depth": depth[url], "html": raw, "bytes": body, "text": visible_text(raw)}
        for href in lxml_html.fromstring(raw).xpath("//a/@href"):
            target = urljoin(url, href).split("#", 1)[0]
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue
            if parts.hostname != host:
                offsite.add(target)
                continue
            last = parts.path.rsplit("/", 1)[-1]
            ext = last.rsplit(".", 1)[-1].lower() if "." in last else ""
            if ext in DOC_EXTS:
                if strict and not file_for(root, parts.path).is_file():
                    raise AssertionError(f"broken document link {target} on {url}")
                documents.add(target)
                continue
            if ext:
                continue
            if not robots.can_fetch("*", target):
                if strict and not file_for(root, parts.path).is_file():
                    raise AssertionError(f"broken link {target} on {url}")
                continue
            if target not in depth:
                depth[target] = depth[url] + 1
                queue.append(target)
    return {"pages": pages, "documents": documents, "offsite": offsite}


def walk_site(site: Site, root: Path) -> dict:
    """walk() of a candidate's generated site from its homepage, strictly."""
    return walk(root, site.base + "/", strict=True)
