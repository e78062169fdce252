"""cookies_before_consent: the cookies and storage keys a page sets before the visitor consents (CNIL's rule).

Read in the rendered pass (`--render`, ground/rendered.py): the cookie jar and the localStorage /
sessionStorage keys at the END of the FIRST visit of each sampled page (no click, no consent given).
Each cookie and key is named by our catalogue, checks/data/cookies.yaml (tracker, audience tool that
CNIL lists as exemptable when configured for it, the visitor's choice, technical), with its domain,
whether it is a third party's (another registered domain than the page's and the candidate's own) and
its lifetime (session, or days until it expires, from the visit).

The rule (CNIL, délibération n° 2020-091, lignes directrices « cookies et autres traceurs », and its
recommendation n° 2020-092): trackers need prior consent; exempted are the cookies that store the
visitor's choice, load balancing, the site's own session or protection, and audience measurement
configured for the exemption (Matomo, AT Internet / Piano… on CNIL's list: we cannot see how they are
configured, so never unfavourable for themselves). Assessment:
- defavorable: a cookie or key known as a tracker's, or any third-party cookie that is not a consent
  manager's, was set before consent;
- neutre: only first-party cookies or keys not known as trackers (unknown ones, audience tools that may
  be exempt, a session identifier kept beyond the session): possibly exempt, we cannot judge;
- favorable: no cookie and no storage key at all, or only ones known as exempt (the visitor's choice,
  load balancing, a session cookie of the server);
- inconnu: no page rendered (or only with errors, and nothing set).

details: pages_rendues; cookies: [{nom, domaine, tiers, duree, categorie, outil, pages}]; stockage:
[{cle, stockage, origine_web, categorie, outil, pages}]; ajoutes_par_consentement (consent visits: the
cookies the accept click added, with the consent manager's name); pages_non_rendues: [{page, raison}].
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from checks.base import CheckMeta, load_data, parse_datetime, render_evidence, signal
from checks.rendered_pages import complete, consented, own, pages_or_unknown, plural, site
from ground.hosts import url_host
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence

META = CheckMeta(
    id="cookies_before_consent",
    domain="interop_accessibilite",
    title="Cookies déposés avant consentement (page rendue)",
    description=(
        "Les cookies et le stockage local que les pages déposent dans le navigateur d'un visiteur avant "
        "tout consentement (première visite, sans aucun clic). La CNIL exige le consentement préalable "
        "pour les traceurs ; en sont exemptés les cookies qui gardent le choix du visiteur, ceux de "
        "session ou d'équilibrage de charge, et la mesure d'audience configurée pour l'exemption "
        "(Matomo par exemple). Un cookie de traceur ou un cookie tiers déposé dès l'arrivée va contre "
        "cette règle. Mesuré sur un échantillon de pages rendues par un navigateur sans interface "
        "(option --render)."
    ),
    title_en="Cookies set before consent (rendered page)",
    description_en=(
        "The cookies and local storage the pages set in a visitor's browser before any consent (first "
        "visit, no click at all). The CNIL requires prior consent for trackers; exempted are the "
        "cookies that keep the visitor's choice, session or load-balancing cookies, and audience "
        "measurement configured for the exemption (Matomo for instance). A tracker's cookie or a "
        "third-party cookie set on arrival goes against this rule. Measured on a sample of pages "
        "rendered by a headless browser (--render option)."
    ),
    evidence=("Le nom, le domaine et l'échéance de chaque cookie, ou la clé de stockage, relevés à la fin "
              "de la première visite dans l'enregistrement du rendu archivé."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE_PER_ITEM = 5
MAX_EVIDENCE = 40
AUDIENCE_MAX_DAYS = 13 * 31  # CNIL: an exempted audience cookie lives 13 months at most

# What each category means for the rule: its words in the report and how it weighs.
BAD, UNSURE, EXEMPT = "bad", "unsure", "exempt"
_ORDER = {BAD: 0, UNSURE: 1, EXEMPT: 2}
CATEGORY_WORDS = {"tracker": "traceur", "audience": "mesure d'audience (exemptée si configurée pour l'être)",
                  "consent": "choix du visiteur (exempté)", "technical": "technique (exempté)"}


@dataclass(frozen=True)
class Kind:
    tool: str
    category: str
    session_only: bool
    names: frozenset[str]
    prefixes: tuple[str, ...]
    pattern: re.Pattern | None
    domains: frozenset[str]


@lru_cache(maxsize=1)
def catalogue() -> tuple[Kind, ...]:
    out = []
    for e in load_data("cookies.yaml"):
        patterns = e.get("patterns") or []
        out.append(Kind(e["tool"], e["category"], bool(e.get("session_only")), frozenset(e.get("names") or ()),
                        tuple(e.get("prefixes") or ()),
                        re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None,
                        frozenset(e.get("domains") or ())))
    return tuple(out)


def classify(name: str, domain: str | None = None) -> Kind | None:
    """The catalogue's entry for a cookie (`domain`: its registered domain) or a storage key (None)."""
    for kind in catalogue():
        if kind.domains and (domain is None or domain not in kind.domains):
            continue
        if name in kind.names or name.startswith(kind.prefixes) or (kind.pattern and kind.pattern.fullmatch(name)):
            return kind
    return None


def _weigh(kind: Kind | None, third: bool, session: bool, days: int | None) -> tuple[str, str]:
    """(BAD | UNSURE | EXEMPT, the words for the report) of one cookie or key."""
    if kind is not None and kind.category == "tracker":
        return BAD, CATEGORY_WORDS["tracker"]
    if third and kind is not None and kind.category == "technical":
        # A third party's own technical cookie (Cloudflare's __cf_bm on a CDN's domain): not a tracker, but
        # set by a third party before any consent, for its own service: not judged either way.
        return UNSURE, f"cookie technique d'un tiers ({kind.tool})"
    if third and (kind is None or kind.category != "consent"):
        return BAD, "cookie tiers" + (f" ({kind.tool})" if kind else "")
    if kind is None:
        return UNSURE, "inconnu (peut-être exempté : on ne peut pas juger)"
    if kind.category == "audience":
        words = CATEGORY_WORDS["audience"]
        return UNSURE, words + (" ; au-delà des 13 mois de la CNIL" if days is not None and days > AUDIENCE_MAX_DAYS else "")
    if kind.category == "technical" and kind.session_only and not session:
        return UNSURE, "technique, mais gardé au-delà de la session"
    return EXEMPT, CATEGORY_WORDS[kind.category]


def _seconds(expires, when: datetime | None) -> float | None:
    if expires is None or when is None:
        return None
    try:
        return max(0.0, float(expires) - when.timestamp())
    except (TypeError, ValueError, OverflowError):
        return None


def _lifetime(expires, seconds: float | None) -> str:
    """« session », « 30 min », « 12 h », « 1 jour », « 393 jours (≈ 13 mois) »."""
    if expires is None:
        return "session"
    if seconds is None:
        return "persistant"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = round(seconds / 86400)
    return f"{days} jour{'s' if days > 1 else ''}" + (f" (≈ {round(days / 30.44)} mois)" if days >= 60 else "")


@dataclass
class Item:
    row: dict
    weight: str
    pages: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)


def _collect(pages: list[dict], own_sites: set[str]) -> tuple[dict, dict]:
    cookies: dict[tuple, Item] = {}
    keys: dict[tuple, Item] = {}
    for page in pages:
        page_url = page.get("url", "")
        page_site = site(url_host(page_url))
        when = parse_datetime(page.get("rendered_at"))
        for c in page.get("cookies") or []:
            name, domain = c.get("name") or "", (c.get("domain") or "").lower()
            reg = site(domain.lstrip("."))
            third = bool(reg) and reg != page_site and reg not in own_sites
            expires = c.get("expires")
            seconds = _seconds(expires, when)
            days = None if seconds is None else round(seconds / 86400)
            kind = classify(name, reg)
            weight, words = _weigh(kind, third, expires is None, days)
            item = cookies.get((name, domain))
            if item is None or _ORDER[weight] < _ORDER[item.weight]:  # the worst seen (a page elsewhere: third party)
                row = {"nom": name, "domaine": domain, "tiers": third, "duree": _lifetime(expires, seconds),
                       "categorie": words, "outil": kind.tool if kind else None, "pages": 0}
                item = cookies[(name, domain)] = Item(row, weight, item.pages if item else set(),
                                                      item.evidence if item else [])
            item.pages.add(page_url)
            if len(item.evidence) < MAX_EVIDENCE_PER_ITEM:
                end = (f"expire le {datetime.fromtimestamp(float(expires), timezone.utc):%Y-%m-%d}, "
                       f"dans {_lifetime(expires, seconds)}" if seconds is not None else
                       "cookie de session" if expires is None else "persistant")
                item.evidence.append(render_evidence(page, (
                    f"cookie « {name} » (domaine {domain}, {'tiers' if third else 'du site'}) — {end} — "
                    f"{(kind.tool + ' : ') if kind else ''}{words}")))
        storage = page.get("storage") or {}
        origin = storage.get("origin")
        for area in ("localStorage", "sessionStorage"):
            for key in storage.get(area) or []:
                kind = classify(key)
                weight, words = _weigh(kind, False, area == "sessionStorage", None)
                item = keys.get((area, key, origin))
                if item is None:
                    item = keys[(area, key, origin)] = Item(
                        {"cle": key, "stockage": area, "origine_web": origin, "categorie": words,
                         "outil": kind.tool if kind else None, "pages": 0}, weight)
                item.pages.add(page_url)
                if len(item.evidence) < MAX_EVIDENCE_PER_ITEM:
                    item.evidence.append(render_evidence(page, f"{area} de {origin} : clé « {key} » — "
                                                               f"{(kind.tool + ' : ') if kind else ''}{words}"))
    for item in (*cookies.values(), *keys.values()):
        item.row["pages"] = len(item.pages)
    return cookies, keys


def _added_by_consent(obs) -> list[dict]:
    out = []
    for visit in consented(obs):
        consent = visit.get("consent") or {}
        before = {(c.get("name"), c.get("domain")) for c in consent.get("cookies_before") or []}
        added = sorted({c.get("name") or "" for c in visit.get("cookies") or []
                        if (c.get("name"), c.get("domain")) not in before})
        out.append({"page": visit.get("url", ""), "gestionnaire": consent.get("manager"),
                    "clic": bool(consent.get("clicked")), "cookies_ajoutes": added})
    return out


def _label(item: Item) -> str:
    return item.row.get("nom") or item.row.get("cle") or ""


def _names(items: list[Item], limit: int = 5) -> str:
    names = sorted({_label(i) for i in items})
    return ", ".join(names[:limit]) + ("…" if len(names) > limit else "")


def run(obs):
    pages, missing, unknown = pages_or_unknown(META, obs)
    if unknown is not None:
        return unknown
    cookies, keys = _collect(pages, own(obs))
    ordered = sorted((*cookies.values(), *keys.values()),
                     key=lambda i: (_ORDER[i.weight], _label(i), i.row.get("domaine", "")))
    details = {"pages_rendues": len(pages),
               "cookies": [i.row for i in sorted(cookies.values(), key=lambda i: (_ORDER[i.weight], i.row["nom"]))],
               "stockage": [i.row for i in sorted(keys.values(), key=lambda i: (_ORDER[i.weight], i.row["cle"]))]}
    added = _added_by_consent(obs)
    if added:
        details["ajoutes_par_consentement"] = added
    if missing:
        details["pages_non_rendues"] = missing
    value = sorted({_label(i) for i in (*cookies.values(), *keys.values())})
    evidence = [e for i in ordered for e in i.evidence][:MAX_EVIDENCE]
    where = f" ({plural(len(pages), 'page rendue', 'pages rendues')})"
    if not cookies and not keys:
        if not complete(pages):
            return signal(META, None, INCONNU, "indéterminé", details=details,
                          reason="les pages ne se sont rendues qu'avec une erreur : l'absence de cookie n'est pas établie")
        return signal(META, [], FAVORABLE, "aucun cookie ni stockage avant consentement" + where,
                      details=details, searched={"pages": len(pages)})
    what = " et ".join(x for x in (plural(len(cookies), "cookie") if cookies else "",
                                   plural(len(keys), "clé", "clés") + " de stockage" if keys else "") if x)
    bad = [i for i in ordered if i.weight == BAD]
    if bad:
        trackers = [i for i in bad if i.row["categorie"] == CATEGORY_WORDS["tracker"]]
        third = [i for i in bad if i not in trackers]
        parts = []
        if trackers:
            tools = sorted({i.row["outil"] for i in trackers})
            parts.append(f"{plural(len(trackers), 'traceur')} ({_names(trackers)} : {', '.join(tools)})")
        if third:
            parts.append(f"{plural(len(third), 'cookie tiers', 'cookies tiers')} ({_names(third)})")
        return signal(META, value, DEFAVORABLE, f"{what} avant consentement, dont " + " et ".join(parts),
                      evidence=evidence, details=details)
    unsure = [i for i in ordered if i.weight == UNSURE]
    if unsure:
        return signal(META, value, NEUTRE, f"{what} avant consentement, aucun connu comme traceur : à vérifier "
                      f"({_names(unsure)})", evidence=evidence, details=details)
    shown = ", ".join(sorted({_label(i) if _label(i) == i.row["outil"] else f"{_label(i)} ({i.row['outil']})"
                              for i in ordered})[:5])
    return signal(META, value, FAVORABLE, f"{what} avant consentement, tous exemptés : {shown}",
                  evidence=evidence, details=details)
