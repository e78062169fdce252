"""Accuracy of the signals on the real-variety corpus (tests/realworld/cases/): precision, coverage,
false positives and false negatives per fact key, against the facts written by hand in each case.

    PYTHONPATH=. python -m bench.accuracy                  # every case; prints the table
    PYTHONPATH=. python -m bench.accuracy --heldout        # the held-out third only
    PYTHONPATH=. python -m bench.accuracy --write bench/ACCURACY.md

Each case is written as a real archive (WARC + index, the pages with their headers, the documents
with bodies that carry the producer the case states), read back with ground.observe.build and
checked with every check, as `tnl check` does: the real path, offline. Precision = right verdicts
among the verdicts given; coverage = verdicts given among labelled facts. A fact labelled `null`
(the pages do not decide) is right only when the check says `inconnu`.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from checks.office_suite import classify
from checks.registry import run_all
from ground import archive, observe
from ground.archive import ArchiveWriter, IndexEntry
from ground.formats import document_format, served_format
from ground.observations import Observations

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "realworld" / "cases"
GOALS = {"precision": 0.95, "signal_precision": 0.90, "coverage": 0.90}

# Names the labellers may spell otherwise: one spelling per product.
ALIASES = {
    "xiti": "at internet", "piano analytics": "at internet", "at internet (xiti)": "at internet",
    "liferay community edition": "liferay", "liferay dxp": "liferay", "apple iwork": "apple",
    "quantcast choice": "quantcast", "web-delib": "webdelib", "k-sup": "kosmos", "k-sup (kosmos)": "kosmos",
    "google analytics 4": "google analytics", "ga4": "google analytics", "gtm": "google tag manager",
    "mtm": "matomo tag manager", "piwik": "matomo", "jalios": "jalios jcms", "jcms": "jalios jcms",
    "imio": "plone", "plone (imio)": "plone", "x (twitter)": "x", "twitter": "x", "linux": "gnu/linux",
    "rmll": "rencontres mondiales du logiciel libre", "sill": "code.gouv.fr", "install-party": "install party",
    "libre en fete": "libre en fete", "osor": "joinup", "tnl": "territoire numerique libre",
}


def norm(name: Any) -> str:
    """One spelling per product: accents, case and spaces folded; "AT Internet / Piano" and "TYPO3
    (Stratis)" (the check's precise names) compared by their first name."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower().strip()
    text = " ".join(text.replace("’", "'").split())
    text = ALIASES.get(text, text)
    text = text.split(" / ")[0].split(" (")[0].strip()
    return ALIASES.get(text, text)


# Channels of its own that social_networks counts apart (as « fédivers »), not among its platforms.
OWN_CHANNELS = {"mastodon", "peertube", "pixelfed", "fediverse", "fedivers"}


# --- writing a case as an archive -----------------------------------------------------------------

def _pdf(producer: str | None, creator: str | None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    meta = {k: v for k, v in (("/Producer", producer), ("/Creator", creator)) if v}
    if meta:
        writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def _document_with_text(doc: dict, fmt: str | None, ctype: str) -> bytes:
    """A real file holding the text the case gives: a PDF page per item of `text` (with the `pdf`
    options: tagged, lang, title, display_title; `scanned`: pictures of pages, no text), an ODT or a
    DOCX paragraph per item, through the demo world's generators."""
    from demo import docgen

    text = [str(t) for t in doc.get("text") or []]
    producer = docgen.Producer(odf_generator=doc.get("producer"), pdf_producer=doc.get("producer"),
                               pdf_creator=doc.get("creator"))
    created = str(doc.get("created") or "2025-01-15")
    options = doc.get("pdf") or {}
    if fmt == "pdf" or "pdf" in ctype:
        pages = [[para for para in page.split("\n") if para.strip()] for page in text]
        return docgen.pdf(options.get("title") or "", "", "D:" + created.replace("-", "") + "100000+01'00'",
                          producer, pages=pages or [[]], tagged=bool(options.get("tagged")), lang=options.get("lang"),
                          display_title=bool(options.get("display_title")), image_only=bool(doc.get("scanned")))
    if fmt == "odt":
        return docgen.odf(fmt, options.get("title") or "", "", f"{created}T10:00:00", producer, text)
    if fmt == "docx":
        return docgen.ooxml(fmt, options.get("title") or "", "", f"{created}T10:00:00Z", producer, text,
                            application=doc.get("producer"))
    raise ValueError(f"{doc['url']}: text is given for pdf, odt and docx documents only")


def document_body(doc: dict) -> bytes:
    """A small file of the format the case says was served, carrying the producer it states."""
    ctype = (doc.get("content_type") or "").lower()
    url = doc["url"].lower()
    producer, creator = doc.get("producer"), doc.get("creator")
    fmt = served_format(doc["url"], ctype, doc.get("content_disposition"), b"") or document_format(doc["url"])
    if doc.get("text") is not None or doc.get("scanned"):
        return _document_with_text(doc, fmt, ctype)
    if fmt == "pdf" or "pdf" in ctype:
        return _pdf(producer, creator)
    if fmt in ("odt", "ods", "odp", "odg") or "opendocument" in ctype:
        gen = f"<meta:generator>{producer}</meta:generator>" if producer else ""
        return _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                     "meta.xml": f'<office:document-meta xmlns:meta="m"><office:meta>{gen}</office:meta>'
                                 "</office:document-meta>"})
    if fmt in ("docx", "xlsx", "pptx") or "officedocument" in ctype or any(f".{e}" in url for e in ("docx", "xlsx", "pptx")):
        app = f"<Application>{producer}</Application>" if producer else ""
        return _zip({"[Content_Types].xml": "<Types/>", "docProps/app.xml": f"<Properties>{app}</Properties>"})
    return (doc.get("body") or "x").encode("utf-8")


def write_case(case: dict, directory: Path) -> None:
    site = case["site"]
    archive.write_json(directory / archive.CANDIDATE_NAME, {
        "id": case["case"][:60], "name": case.get("name") or "Collectivité du corpus", "kind": "commune",
        "siren": None, "websites": [site], "opendata": [], "claims": []})
    archive.write_json(directory / archive.CRAWL_NAME, {"started_at": "2026-12-01T00:00:00Z",
                                                         "finished_at": "2026-12-01T00:01:00Z", "settings": {}})
    writer = ArchiveWriter(directory)
    try:
        for i, page in enumerate(case.get("pages") or []):
            headers = [(str(k), str(v)) for k, v in (page.get("headers") or {}).items()]
            if not any(k.lower() == "content-type" for k, _ in headers):
                headers.append(("Content-Type", "text/html; charset=utf-8"))
            entry = IndexEntry(url=page["url"], kind="page", site=site, depth=0 if i == 0 else 1,
                               referrer=None if i == 0 else site, status=int(page.get("status") or 200),
                               content_type=dict((k.lower(), v) for k, v in headers)["content-type"],
                               extra={"homepage": True} if i == 0 else {})
            writer.write_exchange(entry, method="GET", request_headers=[("User-Agent", "tnl-evidence")],
                                  reason="OK", response_headers=headers, body=str(page.get("html") or "").encode())
        first = (case.get("pages") or [{}])[0].get("url", site)
        for doc in case.get("documents") or []:
            headers = [("Content-Type", doc.get("content_type") or "application/octet-stream")]
            if doc.get("content_disposition"):
                headers.append(("Content-Disposition", doc["content_disposition"]))
            # Crawled as the spider would: a document when its link says so, else as a page (what was
            # served then tells whether it is a document).
            kind = "document" if document_format(doc["url"]) else "page"
            entry = IndexEntry(url=doc["url"], kind=kind, site=site, depth=1, referrer=first,
                               status=int(doc.get("status") or 200), content_type=headers[0][1])
            writer.write_exchange(entry, method="GET", request_headers=[("User-Agent", "tnl-evidence")],
                                  reason="OK", response_headers=headers, body=document_body(doc))
    finally:
        writer.close()
    if case.get("renderings"):
        write_renderings(case, directory)


def write_renderings(case: dict, directory: Path) -> None:
    """A case's rendered pass (`renderings`: what a browser did, in ground/rendered.py's shape), archived
    in the candidate's render shard by the pass's own writer (crawler/render.py)."""
    from crawler.render import RenderedRequest, Rendering, write_rendering
    from ground.rendered import RENDER_SHARD

    writer = ArchiveWriter(directory, shard=RENDER_SHARD)
    try:
        for r in case["renderings"]:
            rendering = Rendering(**{"visit": "first", "rendered_at": "2026-12-01T00:02:00Z", "status": 200,
                                     **{k: v for k, v in r.items() if k != "requests"}})
            rendering.requests = [RenderedRequest(**req) for req in r.get("requests") or []]
            write_rendering(writer, rendering, site=case["site"])
    finally:
        writer.close()


def observe_case(case: dict) -> tuple[Observations, dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="tnl-accuracy-") as tmp:
        directory = Path(tmp) / "c"
        directory.mkdir()
        write_case(case, directory)
        obs = observe.build(directory)
    return obs, {s.id: s for s in run_all(obs)}


# --- reading a verdict for each fact key ------------------------------------------------------------

UNKNOWN = object()  # the check said `inconnu`: no verdict given


def _given(sig) -> bool:
    return sig is not None and sig.assessment != "inconnu"


def _names(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return {norm(value)}
    if isinstance(value, dict):
        return {norm(value.get("name"))} if value.get("name") else set()
    return {norm(v.get("name") if isinstance(v, dict) else v) for v in value}


def v_cms(obs, sigs):
    sig = sigs.get("cms")
    if not _given(sig):
        return UNKNOWN
    return norm(sig.value["name"]) if isinstance(sig.value, dict) and sig.value.get("name") else "aucun"


def _set_of(sid: str) -> Callable:
    def read(obs, sigs):
        sig = sigs.get(sid)
        return _names(sig.value) if _given(sig) else UNKNOWN
    return read


def v_consent(obs, sigs):
    sig = sigs.get("consent_manager")
    if not _given(sig):
        return UNKNOWN
    names = _names(sig.value)
    return next(iter(sorted(names))) if names else "aucun"


def v_a11y_mention(obs, sigs):
    sig = sigs.get("a11y_mention")
    if not _given(sig):
        return UNKNOWN
    return norm(sig.value) if isinstance(sig.value, str) and sig.value else "absente"


def _declaration(key: str) -> Callable:
    def read(obs, sigs):
        sig = sigs.get("a11y_declaration")
        if not _given(sig) or not isinstance(sig.value, dict):
            return UNKNOWN
        value = sig.value.get(key)
        if key == "etat" and (sig.details or {}).get("sans_audit"):
            return "non conforme"  # a status claimed without an audit is, by law, « non conforme »
        if value is None:  # the declaration states none: no verdict on it
            return UNKNOWN
        return norm(value) if isinstance(value, str) else value
    return read


def v_skip_link(obs, sigs):
    sig = sigs.get("skip_link")
    if not _given(sig) or not isinstance(sig.value, (int, float)):
        return UNKNOWN
    return sig.value > 0


def _stated(sid: str) -> Callable:
    """A signal that states something was found (strategy, pooling): a value, not judged against."""
    def read(obs, sigs):
        sig = sigs.get(sid)
        if not _given(sig):
            return UNKNOWN
        return bool(sig.value) and sig.assessment != "defavorable"
    return read


def v_legal(obs, sigs):
    sig = sigs.get("legal_pages")
    if not _given(sig):
        return UNKNOWN
    value = sig.value
    return bool(value.get("mentions_legales")) if isinstance(value, dict) else bool(value)


def v_plan(obs, sigs):
    sig = sigs.get("a11y_multiyear_plan")
    if not _given(sig):
        return UNKNOWN
    return isinstance(sig.value, dict) and bool(sig.value.get("url"))


def v_plan_period(obs, sigs):
    sig = sigs.get("a11y_multiyear_plan")
    if not _given(sig) or not isinstance(sig.value, dict):
        return UNKNOWN
    return norm(sig.value.get("periode") or "aucune")


def v_documents(obs, sigs):
    return {d.url: d.format for d in obs.documents}


def v_office(obs, sigs):
    found = {}
    for d in obs.documents:
        got = classify(d.producer, d.creator) if d.fetched else None
        found[d.url] = None if got is None else got[0]
    return found


@dataclass
class Tally:
    facts: int = 0
    given: int = 0
    right: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # facts the check said `inconnu` about

    def add(self, given: bool, right: bool, fp: bool = False, fn: bool = False, where: str = "") -> None:
        self.facts += 1
        self.given += given
        self.right += given and right
        self.fp += fp
        self.fn += fn
        if given and not right:
            self.wrong.append(where)
        elif not given and where:
            self.unanswered.append(where)

    @property
    def precision(self) -> float | None:
        return self.right / self.given if self.given else None

    @property
    def coverage(self) -> float | None:
        return self.given / self.facts if self.facts else None


SCALAR = {"cms": v_cms, "consent_manager": v_consent, "a11y_mention": v_a11y_mention,
          "a11y_declaration_status": _declaration("etat"), "a11y_declaration_rate": _declaration("taux_conformite"),
          "skip_link": v_skip_link, "strategy_mentions": _stated("strategy_mentions"), "legal_pages": v_legal,
          "mutualisation": _stated("mutualisation"), "a11y_multiyear_plan": v_plan, "a11y_multiyear_plan_period": v_plan_period}
SETS = {"analytics": _set_of("analytics"), "free_software_mentions": _set_of("free_software_mentions"),
        "social_networks": _set_of("social_networks"), "video_hosting": _set_of("video_hosting"),
        "ecosystem_links": _set_of("ecosystem_links"),
        # The rendered pass (a case's `renderings`): what the browser contacted and kept before consent.
        "rendered_third_parties": _set_of("rendered_third_parties"),
        "cookies_before_consent": _set_of("cookies_before_consent"),
        "scripted_trackers": _set_of("scripted_trackers")}
def v_document_dates(obs, sigs):
    """The date each document's own text gives (checks/dates.py), or « aucune »: the fallbacks
    (metadata, Last-Modified) are not the text's."""
    from checks.dates import document_date

    out = {}
    for d in obs.documents:
        if d.fetched and d.text:
            when = document_date(d)
            out[d.url] = when.value if when and when.source == "texte" else "aucune"
    return out


PER_URL = {"documents": v_documents, "office_suite": v_office, "document_dates": v_document_dates}
ABSENT = {"aucun", "absente", "aucune"}


def score_case(case: dict, tallies: dict[str, Tally]) -> None:
    obs, sigs = observe_case(case)
    name = case["case"]
    for key, fact in (case.get("facts") or {}).items():
        tally = tallies.setdefault(key, Tally())
        where = f"{name}: {key}"
        if key in SCALAR:
            got = SCALAR[key](obs, sigs)
            if fact is None:  # the pages do not decide: only `inconnu` is right
                tally.add(got is not UNKNOWN, False, fp=got is not UNKNOWN,
                          where=f"{where} = null, got {got!r}" if got is not UNKNOWN else "")
                continue
            if got is UNKNOWN:
                tally.add(False, False, where=f"{where}: inconnu")
                continue
            if isinstance(fact, bool):
                tally.add(True, got == fact, fp=got and not fact, fn=fact and not got, where=f"{where}: {fact} ≠ {got!r}")
            elif isinstance(fact, (int, float)):
                ok = isinstance(got, (int, float)) and abs(got - fact) < 0.01
                tally.add(True, ok, fp=not ok and got is not None, fn=got is None, where=f"{where}: {fact} ≠ {got!r}")
            else:
                want = norm(fact)
                ok = got == want or (want in ABSENT and got in ABSENT)
                tally.add(True, ok, fp=not ok and got not in ABSENT, fn=not ok and got in ABSENT,
                          where=f"{where}: {want!r} ≠ {got!r}")
        elif key in SETS:
            got = SETS[key](obs, sigs)
            want = {norm(x) for x in fact or []} if fact is not None else None
            if key == "social_networks" and want is not None:
                want -= OWN_CHANNELS
            if want is None:
                tally.add(got is not UNKNOWN, False, fp=got is not UNKNOWN,
                          where=f"{where} = null, got {got!r}" if got is not UNKNOWN else "")
            elif got is UNKNOWN:
                tally.add(False, False, where=f"{where}: inconnu")
            else:
                tally.add(True, got == want, fp=bool(got - want), fn=bool(want - got),
                          where=f"{where}: {sorted(want)} ≠ {sorted(got)}")
        elif key in PER_URL:
            got = PER_URL[key](obs, sigs)
            for url, want in (fact or {}).items():
                have = got.get(url, "pas un document" if key == "documents" else None)
                want_n = None if want is None else norm(want)
                have_n = None if have is None else norm(have)
                ok = want_n == have_n
                is_doc = key == "documents"
                tally.add(True, ok,
                          fp=not ok and (have_n != "pas un document" if is_doc else have_n is not None),
                          fn=not ok and (have_n == "pas un document" if is_doc else have_n is None),
                          where=f"{where} {url}: {want_n!r} ≠ {have_n!r}")


def load_cases(heldout: bool | None = None) -> list[dict]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if heldout is None or bool(case.get("heldout")) == heldout:
            cases.append(case)
    return cases


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f} %"


def table(tallies: dict[str, Tally]) -> list[str]:
    lines = ["| fait (signal) | faits étiquetés | verdicts donnés | justes | précision | couverture | faux positifs | faux négatifs |",
             "|---|---|---|---|---|---|---|---|"]
    total = Tally()
    for key in sorted(tallies):
        t = tallies[key]
        lines.append(f"| `{key}` | {t.facts} | {t.given} | {t.right} | {pct(t.precision)} | {pct(t.coverage)} | {t.fp} | {t.fn} |")
        for attr in ("facts", "given", "right", "fp", "fn"):
            setattr(total, attr, getattr(total, attr) + getattr(t, attr))
    lines.append(f"| **ensemble** | {total.facts} | {total.given} | {total.right} | **{pct(total.precision)}** | "
                 f"**{pct(total.coverage)}** | {total.fp} | {total.fn} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="the held-out cases only")
    parser.add_argument("--write", type=Path, help="also write the Markdown table to this file")
    parser.add_argument("--wrong", action="store_true", help="list every wrong verdict")
    args = parser.parse_args(argv)
    cases = load_cases(True if args.heldout else None)
    tallies: dict[str, Tally] = {}
    for case in cases:
        score_case(case, tallies)
    lines = table(tallies)
    print(f"{len(cases)} cas, {sum(t.facts for t in tallies.values())} faits étiquetés")
    print("\n".join(lines))
    if args.wrong:
        for key in sorted(tallies):
            for where in tallies[key].wrong:
                print("  ✘", where)
    if args.write:
        held = sum(1 for c in cases if c.get("heldout"))
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        head = text.split("<!-- table -->")[0] if "<!-- table -->" in text else "# Précision des signaux\n\n"
        args.write.write_text(head + "<!-- table -->\n" + f"{len(cases)} cas ({held} mis de côté), "
                              f"{sum(t.facts for t in tallies.values())} faits.\n\n" + "\n".join(lines) + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
