"""a11y_multiyear_plan: the "schéma pluriannuel de mise en accessibilité" published by the candidate."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from checks.a11y_declaration import reference_date
from checks.base import CheckMeta, document_evidence, fold, load_data, page_evidence, signal, unreachable_reason
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="a11y_multiyear_plan",
    domain="interop_accessibilite",
    title="Schéma pluriannuel de mise en accessibilité",
    description=(
        "La collectivité publie son schéma pluriannuel de mise en accessibilité numérique (obligation du "
        "décret n° 2019-768, art. 4, pour trois ans au plus) : il montre que l'accessibilité est planifiée, "
        "pas seulement constatée."
    ),
    title_en="Multi-year digital accessibility plan",
    description_en=(
        'The local authority publishes its multi-year digital accessibility plan (required by decree no. '
        '2019-768, art. 4, for at most three years): it shows that accessibility is planned, not only '
        'assessed.'
    ),
    evidence="La page ou le document qui porte le schéma, et le lien qui y mène.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
UI = {"expired": "schéma publié mais échu (période {period})", "found": "publié", "absent": "non trouvé"}
_P = load_data("accessibility.yaml")["multiyear_plan"]
_NAME = re.compile(_P["name"])
_TOPIC = re.compile(_P["topic"])
_PERIOD = re.compile(_P["period"])


def names_plan(*texts: str) -> bool:
    joined = " ".join(fold(unquote(t or "")) for t in texts)
    return bool(_NAME.search(joined) and _TOPIC.search(joined))


def period(*texts: str) -> tuple[int, int] | None:
    for t in texts:
        m = _PERIOD.search(fold(unquote(t or "")))
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None


def _opening(text: str) -> str:
    """The first words of a document, as its evidence: where it names itself."""
    return " ".join(text.split())[:300]


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    hits: dict[str, tuple[list[Evidence], tuple[int, int] | None, str]] = {}

    def found(url: str, evidence: Evidence, years: tuple[int, int] | None, how: str) -> None:
        """A place that is, or leads to, the plan; its period from whichever names it (a link
        without years to a page whose title has them)."""
        if url not in hits:
            hits[url] = ([evidence], years, how)
        elif years and not hits[url][1]:
            hits[url] = (hits[url][0] + [evidence], years, hits[url][2])

    for page in sorted(obs.pages, key=lambda p: (p.depth, p.url)):
        here = page.url.split("#", 1)[0]
        if names_plan(page.title or "", urlsplit(page.url).path):
            found(here, page_evidence(page, f"<title>{page.title}</title>"), period(page.title or "", page.url), "page")
        # A plan written inside a page (the accessibility page's own section): its heading names it.
        for heading in page.headings:
            if names_plan(heading):
                found(here, page_evidence(page, f"<h2>{heading}</h2>"), period(heading), "section")
                break
        for link in page.links:
            url = link.url.split("#", 1)[0]
            if names_plan(link.text, urlsplit(url).path):
                found(url, page_evidence(page, f'<a href="{url}">{link.text}</a>'),
                      period(link.text, urlsplit(url).path), "lien")
    docs = {d.url: d for d in obs.documents}
    for url, (ev, _, _) in hits.items():
        doc = docs.get(url)
        if doc is not None and doc.fetched:
            ev.insert(0, document_evidence(doc, f"{doc.format.upper()} lié depuis {doc.linked_from}"))
    for doc in obs.documents:
        if doc.url not in hits and doc.fetched and names_plan(urlsplit(doc.url).path):
            hits[doc.url] = ([document_evidence(doc, f"{doc.format.upper()} lié depuis {doc.linked_from}")],
                             period(doc.url), "document")
    # What the documents say of themselves (ground.doctext): a plan behind an opaque name
    # (« spma.pdf », « telecharger?id=12 »), and its years when neither its link nor its name gives them.
    for doc in obs.documents:
        if not (doc.fetched and doc.text):
            continue
        number, first = doc.text[0]
        opening = first[:600]
        if names_plan(opening):
            years = period(opening)
            ev = document_evidence(doc, _opening(first), page=number)
            if doc.url not in hits:
                hits[doc.url] = ([ev], years, "document")
            elif years and not hits[doc.url][1]:
                hits[doc.url] = (hits[doc.url][0] + [ev], years, hits[doc.url][2])
    if not hits:
        homes = [p for p in obs.homepages() if p.site in obs.candidate.get("websites", [])] or obs.homepages()
        ev = [page_evidence(p, "aucune page ni aucun document « schéma pluriannuel » lié") for p in homes[:1]]
        return signal(META, None, DEFAVORABLE, UI["absent"], evidence=ev, details={"schemas": []})
    ref = reference_date(obs)
    periods = [p for _, p, _ in hits.values() if p]
    latest = max(periods, key=lambda p: p[1]) if periods else None
    expired = bool(latest and ref and latest[1] < ref.year)
    # The current plan first: the one whose period ends last.
    urls = sorted(hits, key=lambda u: (-(hits[u][1] or (0, 0))[1], u))
    value = {"url": urls[0], "periode": f"{latest[0]}-{latest[1]}" if latest else None, "echu": expired}
    evidence = [e for u in urls for e in hits[u][0]]
    details = {"schemas": urls, "date_reference": ref.isoformat() if ref else None}
    if expired:
        return signal(META, value, NEUTRE, UI["expired"].format(period=value["periode"]), evidence=evidence,
                      details=details)
    display = UI["found"] + (f" ({value['periode']})" if latest else "")
    return signal(META, value, FAVORABLE, display, evidence=evidence, details=details)
