"""legal_pages: legal notice and privacy policy found, and whether they name the tracking tools detected.

A legal page counts only if it was served (2xx): a page read, or a document, reached by a link of the
site (redirects followed) or recognised by its address or title. A link that led to an HTTP error
does not count; a link whose target was never read (robots.txt, crawl limits) leaves the answer
open. Links to other sites (the CNIL's advice, a platform's privacy policy) are not the site's
legal pages."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks import analytics
from checks.base import CheckMeta, fold, load_data, page_evidence, signal, unreachable_reason, url_host
from ground.archive import IndexEntry
from ground.hosts import registered_domain
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations, Page

META = CheckMeta(
    id="legal_pages",
    domain="communication",
    title="Mentions légales et politique de confidentialité",
    description=(
        "Les mentions légales (loi n° 2004-575, art. 6) et une politique de confidentialité (RGPD, "
        "art. 13) doivent être publiées, et cette dernière doit nommer les outils de mesure "
        "d'audience et de pistage réellement chargés par le site : la transparence envers les "
        "habitants est attendue d'un territoire numérique libre."
    ),
    title_en="Legal notice and privacy policy",
    description_en=(
        'The legal notice (law no. 2004-575, art. 6) and a privacy policy (GDPR, art. 13) must be '
        'published, and the latter must name the audience measurement and tracking tools the website '
        'actually loads: transparency towards residents is expected of a free digital territory.'
    ),
    evidence=(
        "La page de mentions légales et celle de confidentialité (titre, adresse), et pour chaque "
        "outil détecté mais non nommé, la page où il est chargé."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
LEGAL = "mentions_legales"
PRIVACY = "politique_confidentialite"


@lru_cache(maxsize=1)
def _data():
    data = load_data("legal_pages.yaml")
    kinds = {}
    for kind, key in ((LEGAL, "legal_notice"), (PRIVACY, "privacy_policy")):
        kinds[kind] = (re.compile("|".join(data[key]["text"])), re.compile("|".join(data[key]["url"])))
    return kinds, data["tool_aliases"]


def _aliases(tool: str) -> list[str]:
    return [fold(a) for a in _data()[1].get(tool, [])] + [fold(p.strip()) for p in tool.split("/")]


def _kinds_of(page: Page) -> set[str]:
    path = urlsplit(page.url).path.lower()
    title = fold(page.title or "")
    return {kind for kind, (text, url) in _data()[0].items() if url.search(path) or text.search(title)}


MAX_REDIRECTS = 5


def _rank(entry: IndexEntry) -> int:
    return 2 if entry.status and 200 <= entry.status < 300 else 1 if entry.status else 0


def _answers(obs: Observations) -> dict[str, IndexEntry]:
    """For each URL the crawl tried (fragment dropped), its answer: a 2xx one if any, else the last
    one with an HTTP status, else the last attempt."""
    answers: dict[str, IndexEntry] = {}
    for entry in obs.index:
        url = entry.url.split("#", 1)[0]
        if url not in answers or _rank(entry) >= _rank(answers[url]):
            answers[url] = entry
    return answers


def fate(url: str, answers: dict[str, IndexEntry], pages: dict[str, Page]) -> tuple[str, str, IndexEntry | None]:
    """What became of a linked URL, redirects followed: ("served", final URL, its index entry) for a
    2xx answer; ("error", "HTTP 404", entry) for an HTTP error; ("unread", why, entry) when no answer
    was read (never requested: beyond the crawl's limits, refused by robots.txt, network failure)."""
    seen: set[str] = set()
    for _ in range(MAX_REDIRECTS + 1):
        entry = answers.get(url)
        if url in pages or (entry is not None and _rank(entry) == 2):
            return "served", url, entry
        if entry is None:
            return "unread", "jamais demandée", None
        status = entry.status or 0
        if 300 <= status < 400 and entry.redirect_to and url not in seen:
            seen.add(url)
            url = entry.redirect_to.split("#", 1)[0]
            continue
        if status >= 400:
            return "error", f"HTTP {status}", entry
        return "unread", entry.error or (f"HTTP {status}" if status else "sans réponse"), entry
    return "unread", "trop de redirections", None


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    by_url = {p.url.split("#", 1)[0]: p for p in obs.pages}
    answers = _answers(obs)
    own = {registered_domain(url_host(u)) for u in obs.candidate.get("websites", []) + obs.candidate.get("opendata", [])}
    # Per kind, the legal pages served (2xx: a page read, or a document), the links that led to an
    # HTTP error and those whose target was never read; only links within the site's own domains.
    served: dict[str, dict[str, Page | None]] = {LEGAL: {}, PRIVACY: {}}
    entries: dict[str, IndexEntry] = {}
    failed: dict[str, dict[str, tuple[str, Page, str]]] = {LEGAL: {}, PRIVACY: {}}
    unread: dict[str, dict[str, tuple[str, Page, str]]] = {LEGAL: {}, PRIVACY: {}}
    for page in obs.pages:
        for kind in _kinds_of(page):
            served[kind][page.url] = page
        domains = own | {registered_domain(url_host(page.url))}
        for link in page.links:
            target = link.url.split("#", 1)[0]
            host = url_host(target)
            if not host or registered_domain(host) not in domains:
                continue
            kinds = [kind for kind, (text, url) in _data()[0].items()
                     if text.search(fold(link.text)) or url.search(urlsplit(target).path.lower())]
            if not kinds:
                continue
            state, info, entry = fate(target, answers, by_url)
            for kind in kinds:
                if state == "served":
                    served[kind].setdefault(info, by_url.get(info))
                    if entry is not None:
                        entries.setdefault(info, entry)
                else:
                    (failed if state == "error" else unread)[kind].setdefault(target, (info, page, link.text))
    read = {u: p for kind in served.values() for u, p in kind.items() if p is not None}
    legal_text = " ".join(fold(p.main_text or p.text) for p in read.values())
    tools_signal = analytics.run(obs)
    tools = list(tools_signal.value or [])
    unnamed = [t for t in tools if not any(re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", legal_text)
                                           for a in _aliases(t))]
    value = {LEGAL: bool(served[LEGAL]), PRIVACY: bool(served[PRIVACY]),
             "outils_detectes": tools, "outils_non_nommes": unnamed}
    details = {"pages_mentions_legales": sorted(served[LEGAL]), "pages_confidentialite": sorted(served[PRIVACY]),
               "pages_lues": sorted(read),
               "liens_en_erreur": {u: f[0] for kind in failed.values() for u, f in sorted(kind.items())},
               "liens_non_lus": {u: f[0] for kind in unread.values() for u, f in sorted(kind.items())}}
    evidence: list[Evidence] = []
    for tool in unnamed:
        ev = next((e for e in tools_signal.evidence if tool_matches(tool, e.snippet)), None)
        if ev is not None:
            evidence.append(Evidence(ev.url, ev.fetched_at, ev.http_status,
                                     f"{tool} chargé ici mais non nommé dans les pages légales : {ev.snippet}"[:300],
                                     ev.sha256, ev.record_id))
    labels = ((LEGAL, "mentions légales"), (PRIVACY, "politique de confidentialité"))
    for kind, label in labels:
        for url in sorted(served[kind])[:3]:
            page = served[kind][url]
            if page is not None:
                evidence.append(page_evidence(page, f"{label} : « {page.title or url} »"))
            elif url in entries:
                e = entries[url]
                evidence.append(Evidence(url, e.fetched_at, e.status, f"{label} : {url}", e.sha256, e.record_id))
        if not served[kind]:
            for url, (info, page, text) in sorted(failed[kind].items())[:3]:
                evidence.append(page_evidence(page, f"lien « {text} » vers {url} : {info}"))
    # Absent: not served, and no link left unread that could have led to it.
    missing = [label for kind, label in labels if not served[kind] and not unread[kind]]
    broken = sorted({f[0] for kind, _ in labels if not served[kind] and not unread[kind] for f in failed[kind].values()})
    absent = ", ".join(missing) + (f" (lien en erreur : {', '.join(broken)})" if broken else "")
    unknown = [(label, url, unread[kind][url][0]) for kind, label in labels if not served[kind] for url in sorted(unread[kind])]
    if not served[LEGAL] and not unread[LEGAL] or unnamed and not unknown:
        parts = []
        if missing:
            parts.append("absentes : " + absent)
        if unnamed and not unknown:
            parts.append("outils non nommés : " + ", ".join(unnamed))
        return signal(META, value, DEFAVORABLE, " ; ".join(parts), evidence=evidence, details=details)
    if unknown:
        return signal(META, value, INCONNU, "indéterminé", evidence=evidence, details=details,
                      reason="page liée mais non lue : " + " ; ".join(f"{label} ({url} : {why})"
                                                                       for label, url, why in unknown[:3]))
    named = f" ; outils nommés : {', '.join(tools)}" if tools else ""
    if missing:
        return signal(META, value, NEUTRE, "absente : " + absent + named, evidence=evidence, details=details)
    return signal(META, value, FAVORABLE, "mentions légales et politique de confidentialité publiées" + named,
                  evidence=evidence, details=details)


def tool_matches(tool: str, snippet: str) -> bool:
    """Whether an analytics evidence snippet belongs to `tool` (re-run its pattern)."""
    return any(name == tool and pattern.search(snippet) for name, _free, pattern in analytics.tools())
