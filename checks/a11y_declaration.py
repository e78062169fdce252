"""a11y_declaration: the accessibility declaration page, its facts and their consistency."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from checks.a11y_mention import find_mention
from checks.base import (
    CheckMeta,
    Phrase,
    compile_patterns,
    context,
    document_pages,
    first_match,
    fold,
    load_data,
    page_evidence,
    readable_documents,
    searched,
    signal,
    unreachable_reason,
)
from checks.dates import document_date, find_date
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations, Page

META = CheckMeta(
    id="a11y_declaration",
    domain="interop_accessibilite",
    title="Déclaration d'accessibilité",
    description=(
        "La déclaration d'accessibilité est publiée, complète (état de conformité, taux, date d'audit, version "
        "du RGAA, voies de recours), cohérente et fondée sur un audit de moins de trois ans (loi n° 2005-102, "
        "art. 47 ; décret n° 2019-768, art. 7 ; arrêté du 20 septembre 2019) : elle atteste une démarche réelle."
    ),
    title_en="Accessibility declaration",
    description_en=(
        'The accessibility declaration is published, complete (compliance status, rate, audit date, RGAA '
        'version, means of redress), consistent and based on an audit less than three years old (law no. '
        '2005-102, art. 47; decree no. 2019-768, art. 7; order of 20 September 2019): it attests a real '
        'approach.'
    ),
    evidence="Le texte de la déclaration (état, taux, date d'audit) et, en cas d'incohérence, la mention qui la contredit.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

# Shown in the report (display / details).
UI = {
    "absent": "aucune déclaration d'accessibilité trouvée",
    "missing": {"etat": "état de conformité", "taux_conformite": "taux de conformité", "date_audit": "date de l'audit",
                "version_rgaa": "version du RGAA", "voies_de_recours": "voies de recours (Défenseur des droits)"},
    "rate_mismatch": "taux de {rate} % annoncé avec l'état « {status} » (un taux de {rate} % correspond à « {expected} »)",
    "home_mismatch": "la page d'accueil affiche « {home} », la déclaration « {status} »",
    "old_audit": "audit ({audit}) fait plus de {years} ans avant la collecte ({ref})",
    "no_audit": "« {status} » annoncé alors que la déclaration indique qu'aucun audit n'a été réalisé : sans audit, "
                "l'état de conformité est « non conforme »",
    "home_no_audit": "la page d'accueil affiche « {home} » alors que la déclaration indique qu'aucun audit n'a été réalisé",
}
# The arrêté of 20 September 2019 (RGAA 4) and DINUM's model: an audit older than three years no longer
# supports the declaration.
MAX_AUDIT_AGE_YEARS = 3
# The usual reading of the rate (DINUM model declaration): 100 % totally, 50 % or more partially, below non.
PARTIAL_FROM = 50.0
TOTAL_AT = 100.0

_D = load_data("accessibility.yaml")
_DECL = _D["declaration"]
_URL = compile_patterns(_DECL["url"])
_TITLE = compile_patterns(_DECL["title"])
_LINK = compile_patterns(_DECL["link_text"])
_BODY = compile_patterns(_DECL["body"])
_FORM = _DECL["status_form"]
_STATUS_STATEMENT = re.compile(_DECL["status_statement"].replace("{form}", _FORM))
_STATUS_AFTER_ANCHOR = re.compile(_DECL["status_after_anchor"].replace("{form}", _FORM))
_STATUS_ANCHOR = re.compile(_DECL["status_anchor"])
_STATUS_BLOCK_END = re.compile(_DECL["status_block_end"])
_STATUS_BLOCK = int(_DECL["status_block"])
_STATUS_DEFINITION = re.compile(_DECL["status_definition"])
_STATUS_FALLBACK_END = re.compile(_DECL["status_fallback_end"])
_STATUS_SUBJECT = re.compile(_DECL["status_subject"])
_STATUS_REFERENCE = re.compile(_DECL["status_reference"])
_RATES = [re.compile(p) for p in _DECL["rate"]]
_AVERAGE_RATES = [re.compile(p) for p in _DECL["rate_average"]]
_NO_AUDIT = tuple(Phrase(re.compile(p)) for p in _DECL["no_audit"])
_AUDIT = re.compile(_DECL["audit_anchor"])
_AUDIT_WINDOW = int(_DECL["audit_window"])
_SENTENCE_END = re.compile(r"[.!?](?=\s+[a-z0-9])|\n\s*\n")  # on folded text: a stop before the next sentence
_RGAA = re.compile(_DECL["rgaa_version"])
_RECOURSE = compile_patterns(_DECL["recourse"])
_MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
VALUES = {"totalement": "totalement conforme", "partiellement": "partiellement conforme", "non": "non conforme"}


@dataclass
class Facts:
    page: Page
    status: str | None = None
    status_at: tuple[int, int] | None = None
    rate: float | None = None
    rate_at: tuple[int, int] | None = None
    rate_kind: str | None = None  # "criteres": share of criteria met (decides the état); "moyen": pages' average
    no_audit_at: tuple[int, int] | None = None  # the sentence saying no audit was made (and none is reported)
    audit: str | None = None  # ISO, as precise as written: 2024-03-12, 2024-03 or 2024
    audit_end: date | None = None  # last day the written date may mean
    audit_at: tuple[int, int] | None = None
    rgaa: str | None = None
    recourse: bool = False
    text: str = field(default="", repr=False)

    def score(self) -> int:
        return sum(x is not None for x in (self.status, self.rate, self.audit, self.rgaa)) + self.recourse


def _number(raw: str) -> float:
    return float(raw.replace(",", "."))


def _status_value(words: str) -> str:
    """The état named by the words of a statement: partiel… / total… / otherwise non (non, n'est pas)."""
    if "partiel" in words:
        return VALUES["partiellement"]
    return VALUES["totalement"] if "total" in words else VALUES["non"]


def _statements(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(état, start, end) of the statements in folded[start:end], definitions ("… : si …") left out."""
    return [(_status_value(m.group()), m.start(), m.end()) for m in _STATUS_STATEMENT.finditer(folded, start, end)
            if not _STATUS_DEFINITION.match(folded, m.end())]


def read_status(folded: str) -> tuple[str, int, int] | None:
    """The état the declaration states: the statement under "État de conformité" (its block, up to the next
    section), else the statement about the site or the RGAA before the list of what is not accessible. A block,
    or a page, stating two different états (the model's options left in, its definitions) states none; words
    elsewhere ("critères non conformes") never do."""
    for anchor in _STATUS_ANCHOR.finditer(folded):
        start = anchor.end()
        end = min(len(folded), start + _STATUS_BLOCK)
        stop = _STATUS_BLOCK_END.search(folded, start, end)
        end = stop.start() if stop else end
        found = _statements(folded, start, end)
        bare = _STATUS_AFTER_ANCHOR.match(folded, start, end)
        if bare and not _STATUS_DEFINITION.match(folded, bare.end()):
            found.insert(0, (_status_value(bare.group()), bare.start(), bare.end()))
        if len({v for v, _, _ in found}) == 1:
            return found[0]
    about_site = []
    listed = _STATUS_FALLBACK_END.search(folded)
    for value, a, b in _statements(folded, 0, listed.start() if listed else len(folded)):
        lo = max(a - 150, folded.rfind(". ", 0, a) + 1)
        hi = folded.find(". ", b)
        hi = min(b + 150, len(folded) if hi == -1 else hi)
        if _STATUS_SUBJECT.search(folded, lo, a) or _STATUS_REFERENCE.search(folded, b, hi):
            about_site.append((value, a, b))
    return about_site[0] if len({v for v, _, _ in about_site}) == 1 else None


def _first_rate(folded: str, patterns: list[re.Pattern]) -> re.Match | None:
    """The first rate between 0 and 100 % read by the first pattern that reads one (group 1: the number): the
    patterns go from the most precise ("N % des critères") to the loosest."""
    for rx in patterns:
        m = next((m for m in rx.finditer(folded) if 0 <= _number(m.group(1)) <= 100), None)
        if m:
            return m
    return None


def read_facts(page: Page) -> Facts:
    """The facts a declaration states, read from the page's own content."""
    text = page.main_text or page.text
    folded = fold(text)
    facts = Facts(page=page, text=text)
    status = read_status(folded)
    if status:
        facts.status, facts.status_at = status[0], (status[1], status[2])
    for kind, patterns in (("criteres", _RATES), ("moyen", _AVERAGE_RATES)):
        m = _first_rate(folded, patterns)
        if m:
            facts.rate, facts.rate_at, facts.rate_kind = _number(m.group(1)), (m.start(), m.end()), kind
            break
    no_audit = first_match(_NO_AUDIT, folded)
    spans = sorted((m.start(), m.end()) for p in _NO_AUDIT for m in p.pattern.finditer(folded)) if no_audit else []
    for a in _AUDIT.finditer(folded):
        # The date of an audit is in the sentence that speaks of it: « Un audit est programmé. Cette
        # déclaration a été établie le 14 mars 2024 » dates the declaration, not an audit.
        stop = _SENTENCE_END.search(folded, a.end(), a.end() + _AUDIT_WINDOW)
        hit = find_date(folded, a.start(), stop.start() + 1 if stop else a.end() + _AUDIT_WINDOW)
        # An anchor inside a sentence saying there was no audit, or with one between it and the date, dates nothing.
        if hit and not any(s <= a.start() < e or a.start() <= s < hit[2] for s, e in spans):
            facts.audit, facts.audit_end, start, end = hit[0], hit[1], a.start(), hit[3]
            facts.audit_at = (start, end)
            break
    # "No audit" counts when nothing in the page reports one (no rate of criteria met, no audit date): a page
    # saying both is read as unsure, not as either.
    if no_audit and facts.rate_kind != "criteres" and facts.audit is None:
        facts.no_audit_at = (no_audit.start(), no_audit.end())
    m = _RGAA.search(folded)
    if m:
        facts.rgaa = m.group(1)
    facts.recourse = bool(_RECOURSE and _RECOURSE.search(folded))
    return facts


def fr_date(iso: str) -> str:
    """"2024-03-12" → "12 mars 2024", "2024-03" → "mars 2024", "2024" → "2024" (for the reader)."""
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTH_NAMES[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{'1er' if parts[2] == 1 else parts[2]} {month} {parts[0]}"


def expected_status(rate: float) -> str:
    if rate >= TOTAL_AT:
        return VALUES["totalement"]
    return VALUES["partiellement"] if rate >= PARTIAL_FROM else VALUES["non"]


def reference_date(obs: Observations) -> date | None:
    """The crawl's start date (never today), or the latest page fetch if the crawl record lacks it."""
    for raw in [obs.crawl.get("started_at")] + sorted((p.fetched_at for p in obs.pages if p.fetched_at), reverse=True):
        if raw:
            try:
                return datetime.fromisoformat(str(raw).replace("Z", "+00:00")).date()
            except ValueError:
                continue
    return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _names_declaration(link_text: str) -> bool:
    """A link text naming the declaration: "Déclaration d'accessibilité", or the homepage mention
    ("Accessibilité (partiellement conforme)"), which usually leads to it."""
    folded = " ".join(fold(link_text).split())
    return bool((_LINK and _LINK.search(folded)) or ("conformit" in folded or "conforme" in folded)
                and find_mention(link_text))


def _targets(obs: Observations) -> set[str]:
    """Addresses a link text names as the declaration."""
    return {link.url.split("#", 1)[0] for p in obs.pages for link in p.links if _names_declaration(link.text)}


def candidates(obs: Observations, targets: set[str] | None = None) -> list[Page]:
    """Pages that may be the declaration: named so by URL, title or a link text, and saying so in their text."""
    targets = _targets(obs) if targets is None else targets
    out = []
    for page in obs.pages:
        named = (page.url.split("#", 1)[0] in targets
                 or (_URL and _URL.search(fold(urlsplit(page.url).path)))
                 or (_TITLE and _TITLE.search(" ".join(fold(page.title or "").split()))))
        if named and _BODY and _BODY.search(fold(page.main_text or page.text)):
            out.append(page)
    return out


def document_candidates(obs: Observations, targets: set[str] | None = None,
                        ) -> tuple[list[Page], dict[str, list[tuple[int, int | None]]]]:
    """Declarations published as documents (a PDF or ODT linked as « Déclaration d'accessibilité », or
    named so by its address or title, saying so in its text): each read as a page of its whole text,
    with where each of its pages starts in it ({url: [(offset, page number)]}) to cite them."""
    targets = _targets(obs) if targets is None else targets
    sites = {link.url.split("#", 1)[0]: p.site for p in obs.pages for link in p.links}
    out, starts = [], {}
    for doc in readable_documents(obs):
        title = (doc.pdf_facts or {}).get("title") or ""
        named = (doc.url in targets or (_URL and _URL.search(fold(urlsplit(doc.url).path)))
                 or (_TITLE and title and _TITLE.search(" ".join(fold(title).split()))))
        text, offsets = "", []
        for number, part in document_pages(doc):  # blanks squashed as in the quotes taken from it
            offsets.append((len(text), number))
            text += part + "\n"
        if not (named and _BODY and _BODY.search(fold(text))):
            continue
        starts[doc.url] = offsets
        out.append(Page(url=doc.url, site=sites.get(doc.url), depth=99, status=doc.status,
                        fetched_at=doc.fetched_at or "", sha256=doc.sha256, record_id=doc.record_id,
                        is_homepage=False, title=title or None, text=text, main_text=text))
    return out, starts


def _cite_pages(evidence: list[Evidence], page: Page, starts: dict[str, list[tuple[int, int | None]]],
                documents=()) -> None:
    """The page number of each quote taken from a declaration published as a document, and the
    document's date."""
    offsets = starts.get(page.url)
    if not offsets:
        return
    flat = page.text.replace("\n", " ")  # the same length: offsets hold
    doc = next((d for d in documents if d.url == page.url), None)
    when = document_date(doc) if doc is not None else None
    for i, ev in enumerate(evidence):
        if ev.url != page.url:
            continue
        if when is not None:  # the declaration's own date (« établie le… »), or how else it is known
            evidence[i] = ev = replace(ev, dated=when.value, dated_by=when.source)
        core = " ".join(ev.snippet.strip("… ").split())
        at = flat.find(core)
        # The fact quoted is in the middle of its quote (checks.base.context): its page is that of the middle.
        middle = at + len(core) // 2 if at >= 0 else flat.find(core[:40])
        if middle >= 0:
            evidence[i] = replace(ev, page=[number for start, number in offsets if start <= middle][-1])


def _snip(facts: Facts, at: tuple[int, int] | None, width: int = 60) -> str:
    return context(facts.text, at[0], at[1], width) if at else ""


def _passage(facts: Facts, first: tuple[int, int] | None, other: tuple[int, int] | None) -> str:
    """One passage from one fact to the other when they are close, else both apart (`first` first)."""
    if not other:
        return _snip(facts, first, 30)
    (a, _), (_, d) = sorted([first, other])
    return _snip(facts, (a, max(first[1], other[1])), 30) if d - a <= 250 else \
        _snip(facts, first, 30) + " / " + _snip(facts, other, 30)


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    websites = obs.candidate.get("websites", [])
    order = {url: i for i, url in enumerate(websites)}
    targets = _targets(obs)
    in_documents, starts = document_candidates(obs, targets)
    found = [read_facts(p) for p in candidates(obs, targets) + in_documents]
    homes = sorted(obs.homepages(), key=lambda p: (order.get(p.site, len(order)), p.url))
    if not found:
        ev = [page_evidence(p, "aucun lien ni page « Déclaration d'accessibilité »") for p in homes[:1]]
        return signal(META, None, DEFAVORABLE, "absente", evidence=ev, searched=searched(obs),
                      details={"pages_candidates": [], "incoherences": [], "manquants": list(UI["missing"].values())})
    # The main website's declaration first; among its pages, the one that states the most.
    found.sort(key=lambda f: (order.get(f.page.site, len(order)), -f.score(), f.page.depth, f.page.url))
    facts = found[0]
    page = facts.page

    home = next((p for p in homes if p.site == page.site), homes[0] if homes else None)
    mention = find_mention(home.text) if home is not None else None
    issues: list[str] = []
    evidence: list[Evidence] = []
    # Only the share of criteria met decides the état; the pages' average rate does not.
    if facts.rate is not None and facts.rate_kind == "criteres" and facts.status \
            and expected_status(facts.rate) != facts.status:
        rate = f"{facts.rate:g}".replace(".", ",")
        issues.append(UI["rate_mismatch"].format(rate=rate, status=facts.status, expected=expected_status(facts.rate)))
        evidence.append(page_evidence(page, _passage(facts, facts.rate_at, facts.status_at)))
    # Without an audit, the only état the RGAA allows is "non conforme" (no_audit in accessibility.yaml).
    no_audit_shown = False
    if facts.no_audit_at and facts.status not in (None, VALUES["non"]):
        issues.append(UI["no_audit"].format(status=facts.status))
        evidence.append(page_evidence(page, _passage(facts, facts.no_audit_at, facts.status_at)))
        no_audit_shown = True
    if mention and facts.status and mention[0] != facts.status:
        issues.append(UI["home_mismatch"].format(home=mention[0], status=facts.status))
        evidence.append(page_evidence(home, mention[1]))
    elif mention and facts.no_audit_at and not facts.status and mention[0] != VALUES["non"]:
        issues.append(UI["home_no_audit"].format(home=mention[0]))
        evidence += [page_evidence(home, mention[1]), page_evidence(page, _snip(facts, facts.no_audit_at, 40))]
        no_audit_shown = True

    ref = reference_date(obs)
    old = bool(facts.audit_end and ref and facts.audit_end < _years_before(ref, MAX_AUDIT_AGE_YEARS))
    if old:
        evidence.append(page_evidence(page, _snip(facts, facts.audit_at, 20)))
    missing = [label for key, label in UI["missing"].items()
               if not {"etat": facts.status, "taux_conformite": facts.rate is not None, "date_audit": facts.audit,
                       "version_rgaa": facts.rgaa, "voies_de_recours": facts.recourse}[key]]
    main_snip = _snip(facts, facts.status_at) or (page.title or "") + " — " + facts.text[:200]
    evidence.insert(len(evidence) if issues else 0, page_evidence(page, main_snip))
    if facts.audit_at and not old:
        evidence.append(page_evidence(page, _snip(facts, facts.audit_at, 20)))
    if facts.no_audit_at and not no_audit_shown:
        evidence.append(page_evidence(page, _snip(facts, facts.no_audit_at, 40)))
    if mention and not any(e.url == home.url for e in evidence):
        evidence.append(page_evidence(home, mention[1]))

    _cite_pages(evidence, page, starts, obs.documents)
    value = {"url": page.url, "etat": facts.status, "taux_conformite": facts.rate, "date_audit": facts.audit,
             "version_rgaa": facts.rgaa, "voies_de_recours": facts.recourse,
             "mention_accueil": mention[0] if mention else None}
    details = {
        "incoherences": issues,
        "audit_ancien": old,
        "sans_audit": bool(facts.no_audit_at),
        "taux_type": {"criteres": "part des critères respectés", "moyen": "taux moyen des pages"}.get(facts.rate_kind or ""),
        "manquants": missing,
        "date_reference": ref.isoformat() if ref else None,
        "pages_candidates": sorted(f.page.url for f in found),
    }
    if old:
        details["audit_ancien_detail"] = UI["old_audit"].format(audit=fr_date(facts.audit), years=MAX_AUDIT_AGE_YEARS,
                                                                ref=fr_date(ref.isoformat()))
    if issues:
        assessment = DEFAVORABLE
    elif missing or old or facts.status == VALUES["non"]:  # without an audit, its date is missing
        assessment = NEUTRE
    else:
        assessment = FAVORABLE
    parts = [facts.status or "état non indiqué"]
    if facts.rate is not None:
        parts.append(f"{facts.rate:g} %".replace(".", ",") + (" (taux moyen)" if facts.rate_kind == "moyen" else ""))
    if facts.audit:
        parts.append(f"audit {fr_date(facts.audit)}" + (" (plus de 3 ans)" if old else ""))
    if facts.no_audit_at:
        parts.append("sans audit")
    if issues:
        parts.append("incohérente")
    elif missing:
        parts.append("incomplète")
    return signal(META, value, assessment, "publiée : " + ", ".join(parts), evidence=evidence, details=details)
