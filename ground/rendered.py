"""The rendered pass read back from a candidate's archive, offline (written by crawler/render.py).

A rendering is up to four WARC `resource` records: its facts (`application/vnd.tnl-render+json`, URI
`urn:tnl:render:<visit>:facts:<url>`), its DOM (`text/html`), its screenshot (`image/png`) and the
accessibility rules' results (`application/vnd.tnl-axe+json`: axe-core's results object as it returned
it), the last three naming the facts record in `WARC-Concurrent-To`. Read from the WARC itself (every
shard), not from the index: an archive copied without its index still says what the browser did.

The pass's own record (render.json in the candidate folder: the sample, its seed, the time taken) is
read by `read_render_meta`; it is also archived as a resource record (`urn:tnl:render:sample`).
"""
from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ground.archive import READ_CAP, shard_names, shards
from ground.html import parse_html
from ground.observations import Page

FACTS_TYPE = "application/vnd.tnl-render+json"
AXE_TYPE = "application/vnd.tnl-axe+json"
SAMPLE_TYPE = "application/vnd.tnl-render-sample+json"
URN_PREFIX = "urn:tnl:render:"
SAMPLE_URN = URN_PREFIX + "sample"
RENDER_JSON = "render.json"  # the pass's own record, in the candidate folder
RENDER_SHARD = "render"  # its records: crawl-render.warc.gz + index-render.jsonl (ground.archive.shard_names)
_PARTS = {"text/html": "dom", "image/png": "screenshot", AXE_TYPE: "axe"}


def read_renderings(directory: Path, only: str | None = None) -> list[dict]:
    """Every rendering of a candidate's archive, in the order written: the facts' JSON keys (url,
    visit, rendered_at, final_url, status, error, requests, cookies, storage, …) plus `dom` (str, ""
    if its record is missing), `screenshot` (PNG bytes or None) and `record_ids` {facts, dom,
    screenshot}. A facts record that is not JSON is skipped; a WARC cut short is read up to the cut."""
    facts: dict[str, dict] = {}
    parts: list[tuple[str, str, bytes, str]] = []  # (facts record id, content type, payload, own id)
    for shard in shards(Path(directory)) if only is None else [only]:
        path = Path(directory) / shard_names(shard)[0]
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            try:
                for record in ArchiveIterator(fh):
                    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                    if record.rec_type != "resource" or not uri.startswith(URN_PREFIX):
                        continue
                    ctype = (record.rec_headers.get_header("Content-Type") or "").split(";", 1)[0].strip()
                    payload = record.raw_stream.read(READ_CAP + 1)[:READ_CAP]
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    if ctype == FACTS_TYPE:
                        try:
                            data = json.loads(payload.decode("utf-8"))
                        except (UnicodeDecodeError, json.JSONDecodeError):
                            continue
                        if isinstance(data, dict):
                            data.update(dom="", screenshot=None, axe=None,
                                        record_ids={"facts": record_id, "dom": None, "screenshot": None, "axe": None},
                                        sha256={"facts": hashlib.sha256(payload).hexdigest(), "dom": None,
                                                "screenshot": None, "axe": None})
                            data.setdefault("consent", None)
                            facts[record_id] = data
                    else:
                        parts.append((record.rec_headers.get_header("WARC-Concurrent-To") or "", ctype,
                                      payload, record_id))
            except (EOFError, zlib.error, ValueError):
                pass  # a record cut short by a crash: what came before is kept
    for owner, ctype, payload, record_id in parts:
        data = facts.get(owner)
        part = _PARTS.get(ctype)
        if data is None or part is None:
            continue
        if part == "dom":
            data["dom"] = payload.decode("utf-8", "replace")
        elif part == "screenshot":
            data["screenshot"] = payload
        else:
            try:
                data["axe"] = json.loads(payload.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue  # unreadable results: no axe results for this page
        data["record_ids"][part] = record_id
        data["sha256"][part] = hashlib.sha256(payload).hexdigest()
    return list(facts.values())


# A bot-protection interstitial instead of the page, whatever its status (Cloudflare serves its managed
# challenge with 403, sometimes 200 once solved elsewhere): what only the interstitial's document holds.
# Cloudflare: the inline `window._cf_chl_opt = {…}` of « Just a moment… » (a Turnstile widget on a real
# form loads challenges.cloudflare.com but defines no _cf_chl_opt in the page); DataDome: its block page's
# iframe geo.captcha-delivery.com/captcha/; Imperva: « Incapsula incident ID ».
CHALLENGES = (("window._cf_chl_opt", "Cloudflare"), ("captcha-delivery.com/captcha", "DataDome"),
              ("Incapsula incident ID", "Imperva"))


def challenge(rendering: dict) -> str | None:
    """The bot protection whose interstitial the browser got instead of the page, or None."""
    dom = rendering.get("dom") or ""
    return next((name for marker, name in CHALLENGES if marker in dom), None)


def shown(rendering: dict) -> bool:
    """Whether the browser showed the page itself: a DOM, its document not an HTTP error (a 403 of a
    firewall, a 503 of a bot challenge) nor a bot-protection interstitial: else it is not the site's page
    and makes no claim about the site."""
    status = rendering.get("status")
    return (bool(rendering.get("dom")) and not (isinstance(status, int) and status >= 400)
            and challenge(rendering) is None)


def not_shown_reason(rendering: dict) -> str:
    """Why a rendering does not show the page (French), for a page `shown` refuses."""
    if rendering.get("dom") and challenge(rendering):
        return f"page de vérification anti-robots ({challenge(rendering)}) : ce n'est pas la page du site"
    if rendering.get("dom") and isinstance(rendering.get("status"), int):
        return f"la page a répondu HTTP {rendering['status']} au navigateur : ce n'est pas la page du site"
    return rendering.get("error") or "aucun DOM rendu"


def first_visits(renderings: list[dict]) -> list[dict]:
    """The first visits (no interaction, no consent given), one per sampled page."""
    return [r for r in renderings if r.get("visit") == "first"]


def consent_visits(renderings: list[dict]) -> list[dict]:
    """The visits where the consent manager's « accept » was clicked (spec: `consent` says how)."""
    return [r for r in renderings if r.get("visit") == "consent"]


def read_render_meta(directory: Path) -> dict:
    """render.json of a candidate folder ({} when the run had no --render, or the file is unreadable)."""
    path = Path(directory) / RENDER_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


# A single-page site: the served HTML has almost no text, the rendered page has it. Then the text
# checks read the rendered DOM (its text, headings, links, images, form controls), marked as rendered;
# what was served stays the measure of everything else (headers, scripts, weight).
SPA_SERVED_MAX = 200  # characters of served text, at most
SPA_RENDERED_MIN = 400  # characters of rendered text, at least, and at least SPA_RATIO times the served
SPA_RATIO = 3
_RENDERED_FIELDS = ("text", "main_text", "links", "top_links", "headings", "images", "form_controls")


def apply_rendered_text(pages: list[Page], renderings: list[dict]) -> list[dict]:
    """Give the text checks the rendered DOM of the pages whose text exists only once rendered (see
    SPA_*): each such page takes the rendered fields, `rendered` True, and its record (the DOM's) for
    evidence. Returns [{url, served_chars, rendered_chars, record_id}] for the report."""
    by_url = {p.url: p for p in pages}
    out = []
    for r in first_visits(renderings):
        page = by_url.get(r.get("url"))
        if page is None or page.rendered or not shown(r) or not (r.get("record_ids") or {}).get("dom"):
            continue
        served = len(page.text.strip())
        fields = parse_html(r["dom"].encode("utf-8"), r.get("final_url") or page.url, "utf-8")
        rendered = len(fields["text"].strip())
        if served > SPA_SERVED_MAX or rendered < SPA_RENDERED_MIN or rendered < SPA_RATIO * max(served, 1):
            continue
        for name in _RENDERED_FIELDS:
            setattr(page, name, fields[name])
        page.title = page.title or fields["title"]
        page.lang = page.lang or fields["lang"]
        page.rendered = True
        page.record_id, page.sha256 = r["record_ids"]["dom"], r["sha256"]["dom"]
        page.fetched_at = r.get("rendered_at") or page.fetched_at
        out.append({"url": page.url, "served_chars": served, "rendered_chars": rendered,
                    "record_id": page.record_id})
    return out
