"""The rendered pass of one candidate (`--render`, issue 22): its sample of pages opened in Chromium.

After the candidate's crawl, a small sample of the pages crawled is opened in headless Chromium
(crawler/render.py), the WCAG-EM way (W3C, Website Accessibility Conformance Evaluation Methodology,
steps 3.b–3.e): a STRUCTURED sample — each website's homepage, then the pages a visitor looks for,
found by the homepages' link texts or the pages' addresses: the accessibility page, the legal notice,
the personal-data page, a contact page — plus a RANDOM sample, drawn with a seed among the other pages
crawled (TNL_RENDER_RANDOM of them, TNL_RENDER_PAGES in all). The seed is the candidate's own by default
(the same sample run after run: a jury re-reads the same pages) and written in render.json with the
sample, as WCAG-EM asks.

Each page is visited once with no interaction (`first`: what a visitor gets before any consent, and
axe-core's rules); the first page of the sample whose consent manager was recognised (the homepages
come first) is visited again and « accept » clicked (`consent`: what consent adds). The records go to the candidate's `render` shard
(crawl-render.warc.gz + index-render.jsonl); render.json says what was done, and is written last: a
pass cut short (crash, Ctrl-C) leaves no render.json and is done again from the start next time.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler import settings
from crawler.render import Renderer, write_rendering
from ground.archive import ArchiveWriter, IndexEntry, read_indexed, read_json, read_merged_index, shard_names, utc_now
from ground.html import parse_html
from ground.rendered import RENDER_JSON, RENDER_SHARD, SAMPLE_TYPE, SAMPLE_URN
from ground.text import fold

# Structured sample: what a visitor looks for, by link text or address (folded: no accents, lower case).
# The legal notice and the personal-data page in the words checks/data/legal_pages.yaml recognises them
# (the crawler does not read the checks' data: keep the two in step); the DSFR footer's « Accessibilité :
# non conforme », « Mentions légales », « Données personnelles », « Gestion des cookies » among them.
STRUCTURED: tuple[tuple[str, re.Pattern], ...] = (
    ("accessibilite", re.compile(r"\baccessibilit")),
    ("mentions_legales", re.compile(r"mentions?[\s_-]*legales?|informations?[\s_-]*legales?|/legal(?:-notice)?/?$"
                                    r"|/imprint/?$")),
    ("donnees_personnelles", re.compile(r"donnees[\s_-]*personnelles|confidentialite|vie[\s_-]*privee|\brgpd\b"
                                        r"|protection[\s_-]*des[\s_-]*donnees|\bcookies\b|\bprivacy\b")),
    ("contact", re.compile(r"\bcontact|nous[\s_-]*ecrire|ecrire[\s_-]*a[\s_-]*la[\s_-]*mairie")),
)
HOMEPAGE, RANDOM = "accueil", "aleatoire"


def default_seed(candidate_id: str) -> int:
    """The candidate's own seed: the same sample run after run, unless the user gives one."""
    return int(hashlib.sha256(candidate_id.encode("utf-8")).hexdigest()[:8], 16)


def _html_pages(directory: Path, websites: list[str]) -> list[IndexEntry]:
    """The HTML pages crawled on the candidate's websites (2xx, not refused), one per URL, in URL order."""
    seen: dict[str, IndexEntry] = {}
    for e in read_merged_index(directory):
        if e.kind != "page" or not (e.status and 200 <= e.status < 300) or e.extra.get("refused"):
            continue
        if "html" not in (e.content_type or "text/html").lower() or e.site not in websites:
            continue
        seen.setdefault(e.url, e)
    return [seen[u] for u in sorted(seen)]


def _links(directory: Path, entry: IndexEntry) -> list[tuple[str, str]]:
    """(URL, link text) of a page's links, read from its archived record."""
    offset = entry.extra.get("warc_offset")
    if offset is None or not entry.record_id:
        return []
    for shard in [None, *sorted({p.name[len("crawl-"):-len(".warc.gz")] for p in directory.glob("crawl-*.warc.gz")})]:
        path = directory / shard_names(shard)[0]
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            try:
                resp = read_indexed(fh, entry)
            except (OSError, ValueError, EOFError):
                resp = None
        if resp is not None:
            fields = parse_html(resp.body, entry.url)
            return [(link.url.split("#", 1)[0], link.text) for link in fields["links"]]
    return []


def choose_sample(directory: Path, candidate: dict, seed: int, pages_max: int = settings.TNL_RENDER_PAGES,
                  random_count: int = settings.TNL_RENDER_RANDOM) -> list[dict]:
    """[{url, reasons}]: the structured sample, then the random one (see the module's docstring)."""
    websites = list(candidate.get("websites") or [])
    pages = _html_pages(Path(directory), websites)
    crawled = {e.url: e for e in pages}
    sample: dict[str, list[str]] = {}
    homes = [e for e in pages if e.extra.get("homepage")]
    for e in homes:
        sample.setdefault(e.url, []).append(HOMEPAGE)
    links = [link for e in homes for link in _links(Path(directory), e)]
    for reason, pattern in STRUCTURED:
        # First the homepages' links (their words say what the page is), then the addresses crawled.
        found = next((u for u, text in links if u in crawled and pattern.search(fold(text))), None)
        found = found or next((u for u in crawled if pattern.search(fold(unquote(urlsplit(u).path)))), None)
        if found:
            sample.setdefault(found, []).append(reason)
    # The random pages keep their places: the structured ones fill the rest (the homepages first).
    chosen = list(sample.items())[:max(1, pages_max - random_count)]
    rest = [u for u in crawled if u not in dict(chosen)]
    draw = random.Random(seed).sample(rest, max(0, min(random_count, len(rest), pages_max - len(chosen))))
    return [{"url": u, "reasons": r} for u, r in chosen] + [{"url": u, "reasons": [RANDOM]} for u in draw]


def render_candidate(directory: Path, renderer: Renderer, seed: int | None = None,
                     pages_max: int = settings.TNL_RENDER_PAGES, random_count: int = settings.TNL_RENDER_RANDOM,
                     on_page=None) -> dict:
    """Render the candidate's sample into its `render` shard and write render.json (returned). A pass
    already complete (render.json present) is kept as it is; one cut short is done again."""
    directory = Path(directory)
    done = directory / RENDER_JSON
    if done.exists():
        return read_json(done)
    for name in shard_names(RENDER_SHARD):  # a pass cut short: its partial records go
        (directory / name).unlink(missing_ok=True)
    candidate = read_json(directory / "candidate.json")
    seed = default_seed(candidate.get("id", directory.name)) if seed is None else seed
    meta = {"seed": seed, "pages_max": pages_max, "random": random_count, "started_at": utc_now(),
            "sample": choose_sample(directory, candidate, seed, pages_max, random_count), "errors": [],
            "pages": [], "consent": None, "browser": None, "axe_version": None}
    start = time.monotonic()
    writer = ArchiveWriter(directory, shard=RENDER_SHARD)
    try:
        consent_url = None
        for item in meta["sample"]:
            began = time.monotonic()
            try:
                rendering = renderer.render(item["url"], "first")
            except Exception as exc:  # noqa: BLE001 - a browser that cannot start or crashed: a finding
                meta["errors"].append({"url": item["url"], "error": f"rendu impossible : {exc}"[:300]})
                continue
            write_rendering(writer, rendering, site=item["url"])
            meta["browser"] = meta["browser"] or rendering.browser
            meta["axe_version"] = meta["axe_version"] or ((rendering.axe or {}).get("testEngine") or {}).get("version")
            meta["pages"].append({"url": item["url"], "seconds": round(time.monotonic() - began, 3),
                                  "error": rendering.error, "axe_error": rendering.axe_error})
            if rendering.error:
                meta["errors"].append({"url": item["url"], "error": rendering.error})
            if consent_url is None and rendering.consent:  # the first page that showed a banner (homepages first)
                consent_url = item["url"]
            if on_page is not None:
                on_page(item["url"])
        if consent_url is not None:
            began = time.monotonic()
            try:
                rendering = renderer.render(consent_url, "consent")
            except Exception as exc:  # noqa: BLE001
                meta["errors"].append({"url": consent_url, "error": f"rendu impossible : {exc}"[:300]})
            else:
                write_rendering(writer, rendering, site=consent_url)
                c = rendering.consent or {}
                meta["consent"] = {"url": consent_url, "manager": c.get("manager"), "clicked": bool(c.get("clicked")),
                                   "error": c.get("error"), "seconds": round(time.monotonic() - began, 3)}
        meta["finished_at"] = utc_now()
        meta["seconds"] = round(time.monotonic() - start, 3)
        payload = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8")
        writer.write_resource(IndexEntry(url=SAMPLE_URN, kind="render", extra={"part": "sample"}),
                              content_type=SAMPLE_TYPE, payload=payload)
    finally:
        writer.close()
    tmp = done.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(done)
    return meta
