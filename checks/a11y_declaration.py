"""a11y_declaration: the accessibility declaration page, its facts and their consistency."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from checks.a11y_mention import find_mention
from checks.base import (
    CheckMeta,
    compile_patterns,
    context,
    fold,
    load_data,
    page_evidence,
    signal,
    unreachable_reason,
)
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
_STATUS_ANCHOR = re.compile(_DECL["status_anchor"])
_STATUS = re.compile(_DECL["status"])
_RATES = [re.compile(p) for p in _DECL["rate"]]
_AUDIT = re.compile(_DECL["audit_anchor"])
_AUDIT_WINDOW = int(_DECL["audit_window"])
_RGAA = re.compile(_DECL["rgaa_version"])
_RECOURSE = compile_patterns(_DECL["recourse"])
_MONTHS = _D["months"]
_M = "|".join(_MONTHS)
# Most precise first: "12 mars 2024" / "1er mars 2024", "12/03/2024", "mars 2024", "en 2024".
_DATES = [
    ("day", re.compile(rf"\b(1er|\d{{1,2}})\s+({_M})\s+((?:19|20)\d\d)\b")),
    ("num", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")),
    ("month", re.compile(rf"\b({_M})\s+((?:19|20)\d\d)\b")),
    ("year", re.compile(r"\ben\s+((?:19|20)\d\d)\b")),
]
_MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
VALUES = {"totalement": "totalement conforme", "partiellement": "partiellement conforme", "non": "non conforme"}


@dataclass
class Facts:
    page: Page
    status: str | None = None
    status_at: tuple[int, int] | None = None
    rate: float | None = None
    rate_at: tuple[int, int] | None = None
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


def find_date(folded: str, start: int = 0, end: int | None = None) -> tuple[str, date, int, int] | None:
    """(ISO text, last day it may mean, start, end) of the first date in folded[start:end]."""
    end = len(folded) if end is None else end
    best = None
    for kind, rx in _DATES:
        m = rx.search(folded, start, end)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    if best is None:
        return None
    kind, m = best
    try:
        if kind == "day":
            d = 1 if m.group(1) == "1er" else int(m.group(1))
            day = date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, d)
            return day.isoformat(), day, m.start(), m.end()
        if kind == "num":
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return day.isoformat(), day, m.start(), m.end()
        if kind == "month":
            y, mo = int(m.group(2)), _MONTHS.index(m.group(1)) + 1
            return f"{y}-{mo:02d}", date(y, mo, calendar.monthrange(y, mo)[1]), m.start(), m.end()
        y = int(m.group(1))
        return str(y), date(y, 12, 31), m.start(), m.end()
    except ValueError:  # 31/02/2024 and the like
        return None


def read_facts(page: Page) -> Facts:
    """The facts a declaration states, read from the page's own content."""
    text = page.main_text or page.text
    folded = fold(text)
    facts = Facts(page=page, text=text)
    anchor = _STATUS_ANCHOR.search(folded)
    m = (_STATUS.search(folded, anchor.end(), anchor.end() + 300) if anchor else None) or _STATUS.search(folded)
    if m:
        facts.status, facts.status_at = VALUES[m.group(1)], (m.start(), m.end())
    for rx in _RATES:
        m = rx.search(folded)
        if m and 0 <= _number(m.group(1)) <= 100:
            facts.rate, facts.rate_at = _number(m.group(1)), (m.start(), m.end())
            break
    for a in _AUDIT.finditer(folded):
        hit = find_date(folded, a.start(), a.end() + _AUDIT_WINDOW)
        if hit:
            facts.audit, facts.audit_end, start, end = hit[0], hit[1], a.start(), hit[3]
            facts.audit_at = (start, end)
            break
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


def candidates(obs: Observations) -> list[Page]:
    """Pages that may be the declaration: named so by URL, title or a link text, and saying so in their text."""
    targets = {link.url.split("#", 1)[0] for p in obs.pages for link in p.links
               if _LINK and _LINK.search(" ".join(fold(link.text).split()))}
    out = []
    for page in obs.pages:
        named = (page.url.split("#", 1)[0] in targets
                 or (_URL and _URL.search(fold(urlsplit(page.url).path)))
                 or (_TITLE and _TITLE.search(" ".join(fold(page.title or "").split()))))
        if named and _BODY and _BODY.search(fold(page.main_text or page.text)):
            out.append(page)
    return out


def _snip(facts: Facts, at: tuple[int, int] | None, width: int = 60) -> str:
    return context(facts.text, at[0], at[1], width) if at else ""


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    websites = obs.candidate.get("websites", [])
    order = {url: i for i, url in enumerate(websites)}
    found = [read_facts(p) for p in candidates(obs)]
    homes = sorted(obs.homepages(), key=lambda p: (order.get(p.site, len(order)), p.url))
    if not found:
        ev = [page_evidence(p, "aucun lien ni page « Déclaration d'accessibilité »") for p in homes[:1]]
        return signal(META, None, DEFAVORABLE, "absente", evidence=ev,
                      details={"pages_candidates": [], "incoherences": [], "manquants": list(UI["missing"].values())})
    # The main website's declaration first; among its pages, the one that states the most.
    found.sort(key=lambda f: (order.get(f.page.site, len(order)), -f.score(), f.page.depth, f.page.url))
    facts = found[0]
    page = facts.page

    home = next((p for p in homes if p.site == page.site), homes[0] if homes else None)
    mention = find_mention(home.text) if home is not None else None
    issues: list[str] = []
    evidence: list[Evidence] = []
    if facts.rate is not None and facts.status and expected_status(facts.rate) != facts.status:
        rate = f"{facts.rate:g}".replace(".", ",")
        issues.append(UI["rate_mismatch"].format(rate=rate, status=facts.status, expected=expected_status(facts.rate)))
        # One passage from the stated status to the stated rate, when they are close; else both apart.
        (a, b), (c, d) = sorted([facts.rate_at, facts.status_at])
        passage = _snip(facts, (a, d), 30) if d - a <= 250 else _snip(facts, facts.status_at, 30) + " / " + _snip(facts, facts.rate_at, 30)
        evidence.append(page_evidence(page, passage))
    if mention and facts.status and mention[0] != facts.status:
        issues.append(UI["home_mismatch"].format(home=mention[0], status=facts.status))
        evidence.append(page_evidence(home, mention[1]))

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
    if mention and not any(e.url == home.url for e in evidence):
        evidence.append(page_evidence(home, mention[1]))

    value = {"url": page.url, "etat": facts.status, "taux_conformite": facts.rate, "date_audit": facts.audit,
             "version_rgaa": facts.rgaa, "voies_de_recours": facts.recourse,
             "mention_accueil": mention[0] if mention else None}
    details = {
        "incoherences": issues,
        "audit_ancien": old,
        "manquants": missing,
        "date_reference": ref.isoformat() if ref else None,
        "pages_candidates": sorted(f.page.url for f in found),
    }
    if old:
        details["audit_ancien_detail"] = UI["old_audit"].format(audit=fr_date(facts.audit), years=MAX_AUDIT_AGE_YEARS,
                                                                ref=fr_date(ref.isoformat()))
    if issues:
        assessment = DEFAVORABLE
    elif missing or old or facts.status == VALUES["non"]:
        assessment = NEUTRE
    else:
        assessment = FAVORABLE
    parts = [facts.status or "état non indiqué"]
    if facts.rate is not None:
        parts.append(f"{facts.rate:g} %".replace(".", ","))
    if facts.audit:
        parts.append(f"audit {fr_date(facts.audit)}" + (" (plus de 3 ans)" if old else ""))
    if issues:
        parts.append("incohérente")
    elif missing:
        parts.append("incomplète")
    return signal(META, value, assessment, "publiée : " + ", ".join(parts), evidence=evidence, details=details)
