"""cms: the CMS or site builder behind each website, and whether it is free software.

Only what the site says of itself counts: its generator tag, its response headers, its cookies, its
inline scripts, and the paths of what it loads or links on its own registered domain; never what it
links to elsewhere (a partner's /wp-content/… file says nothing of this site). Generator, headers,
cookies and inline scripts are strong clues; paths, a builder's runtime script and a cookie name
that other software may also use are weak ones. A CMS with strong clues wins over weak hints of
others; weak hints decide only when they all point to one CMS, otherwise the answer is « inconnu »:
a wrong verdict costs more than a missing one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checks.base import CheckMeta, context, load_data, page_evidence, searched, signal, unreachable_reason, url_host
from ground.hosts import registered_domain
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Evidence
from ground.observations import Observations, Page

META = CheckMeta(
    id="cms",
    domain="logiciels_libres",
    title="Outil de gestion du site (CMS)",
    description=(
        "Le logiciel qui fait tourner le site, reconnu par sa balise « generator », ses chemins, "
        "en-têtes et cookies : un CMS libre (SPIP, Drupal, WordPress…) montre l'usage de logiciels "
        "libres au cœur de la communication de la collectivité."
    ),
    title_en="Website content management system (CMS)",
    description_en=(
        'The software that runs the website, recognised by its « generator » tag, its paths, headers and '
        'cookies: a free CMS (SPIP, Drupal, WordPress…) shows free software in use at the heart of the '
        "local authority's communication."
    ),
    evidence="La balise generator, le chemin, l'en-tête ou le cookie reconnu, sur une page archivée.",
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)
# Points per kind of clue (each kind counts once per CMS); the strong kinds decide, the weak ones
# only when no CMS shows a strong clue and all the weak ones agree.
WEIGHT = {"generator": 3, "header": 2, "cookie": 2, "inline": 2, "path": 1, "platform": 1, "weak_cookie": 1}
STRONG = frozenset({"generator", "header", "cookie", "inline"})
MAX_PAGES = 50  # homepages first, then the shallowest pages
MAX_CLUES = 5  # evidence kept per CMS (the first clue of each kind always)
_VERSION = re.compile(r"\b(\d+(?:\.\d+){0,3})\b")
NOTHING = "aucune empreinte de CMS connue (balise generator, chemins, en-têtes, cookies)"


@dataclass(frozen=True)
class Fingerprint:
    name: str
    free: bool | None
    note: str
    extends: str | None
    generator: re.Pattern | None
    headers: tuple[tuple[str, re.Pattern], ...]
    cookies: re.Pattern | None
    weak_cookies: re.Pattern | None
    inline: re.Pattern | None
    paths: tuple[str, ...]
    platform: re.Pattern | None


def _union(patterns: list[str] | None, flags: int = 0) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


@lru_cache(maxsize=1)
def fingerprints() -> tuple[Fingerprint, ...]:
    out = []
    for item in load_data("cms.yaml"):
        out.append(Fingerprint(
            name=item["name"], free=item["free"], note=item.get("note", ""), extends=item.get("extends"),
            generator=_union(item.get("generator"), re.IGNORECASE),
            headers=tuple((h.lower(), re.compile(r, re.IGNORECASE)) for h, r in (item.get("headers") or {}).items()),
            cookies=_union(item.get("cookies")),
            weak_cookies=_union(item.get("weak_cookies")),
            inline=_union(item.get("inline")),
            paths=tuple(p.lower() for p in item.get("paths") or []),
            platform=_union(item.get("platform"), re.IGNORECASE),
        ))
    return tuple(out)


def own_refs(page: Page) -> list[str]:
    """What the page loads or links on its own registered domain, lower case."""
    own = registered_domain(url_host(page.url))
    refs = page.scripts + page.stylesheets + page.resources + [link.url for link in page.links]
    return [r.lower() for r in refs if (host := url_host(r)) and registered_domain(host) == own]


def page_hits(page: Page) -> list[tuple[Fingerprint, str, str]]:
    """(fingerprint, kind of clue, the clue itself) for one page."""
    hits = []
    refs = own_refs(page)
    loaded = page.scripts + page.stylesheets
    for fp in fingerprints():
        if fp.generator and page.generator and fp.generator.search(page.generator):
            hits.append((fp, "generator", f'<meta name="generator" content="{page.generator}">'))
        for header, pattern in fp.headers:
            value = page.headers.get(header)
            if value and pattern.search(value):
                hits.append((fp, "header", f"{header}: {value}"))
        for kind, pattern in (("cookie", fp.cookies), ("weak_cookie", fp.weak_cookies)):
            name = next((n for n in page.cookies if pattern and pattern.search(n)), None)
            if name:
                hits.append((fp, kind, f"Set-Cookie: {name}=…"))
        if fp.inline:
            for script in page.inline_scripts:
                m = fp.inline.search(script)
                if m:
                    hits.append((fp, "inline", "<script> " + context(script, m.start(), m.end(), 60)))
                    break
        ref = next((r for r in refs if any(path in r for path in fp.paths)), None)
        if ref:
            hits.append((fp, "path", ref))
        src = next((s for s in loaded if fp.platform and fp.platform.search(s)), None)
        if src:
            hits.append((fp, "platform", src))
    return hits


def website_pages(obs: Observations) -> list[Page]:
    """The pages of the candidate's websites (not of its open-data portal), homepages first."""
    websites = set(obs.candidate.get("websites", []))
    pages = [p for p in obs.pages if p.site in websites or p.site is None] if websites else list(obs.pages)
    return sorted(pages, key=lambda p: (not p.is_homepage, p.depth, p.url))[:MAX_PAGES]


def decide(kinds: dict[str, set[str]]) -> tuple[str | None, list[str]]:
    """The CMS the clues designate, or None; and the CMS left in competition (for the reason)."""
    scores = {name: sum(WEIGHT[k] for k in ks) for name, ks in kinds.items()}
    strong = [name for name, ks in kinds.items() if ks & STRONG]
    pool = sorted(strong or kinds)
    best = max(scores[n] for n in pool)
    top = [n for n in pool if scores[n] == best]
    if len(top) > 1 or (not strong and len(pool) > 1):
        return None, pool
    return top[0], pool


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    kinds: dict[str, set[str]] = {}
    clues: dict[str, list[Evidence]] = {}
    versions: dict[str, str] = {}
    for page in website_pages(obs):
        for fp, kind, clue in page_hits(page):
            seen = kinds.setdefault(fp.name, set())
            if kind in seen and len(clues[fp.name]) >= MAX_CLUES:
                continue
            seen.add(kind)
            clues.setdefault(fp.name, []).append(page_evidence(page, clue))
            if kind == "generator" and fp.name not in versions:
                m = _VERSION.search(page.generator or "")
                if m:
                    versions[fp.name] = m.group(1)
    if not kinds:
        return signal(META, None, INCONNU, "non identifié", reason=NOTHING, details={"candidats": {}},
                      searched=searched(obs))
    by_name = {fp.name: fp for fp in fingerprints()}
    # A CMS built on another (TYPO3 for Stratis, Liferay for its editions) takes its clues.
    for name in [n for n in kinds if by_name[n].extends in kinds]:
        base = by_name[name].extends
        kinds[name] |= kinds[base]
        clues[name] += clues[base]
    for name in {by_name[n].extends for n in kinds if by_name[n].extends in kinds}:
        del kinds[name]
    scores = {name: sum(WEIGHT[k] for k in ks) for name, ks in sorted(kinds.items())}
    name, pool = decide(kinds)
    evidence = [e for n in ([name] if name else []) + [n for n in sorted(clues) if n != name] for e in clues[n]]
    if name is None:
        found = ", ".join(f"{n} ({', '.join(sorted(kinds[n]))})" for n in pool)
        return signal(META, None, INCONNU, "non identifié", evidence=evidence,
                      reason="indices contradictoires, aucun ne l'emporte : " + found,
                      details={"scores": scores, "candidats": pool}, searched=searched(obs))
    fp = by_name[name]
    version = versions.get(name) or versions.get(fp.extends or "")
    value = {"name": name, "version": version, "free": fp.free}
    details = {"scores": scores, "indices": sorted(kinds[name]),
               "autres_candidats": sorted(n for n in kinds if n != name)}
    label = f"{name}{' ' + version if version else ''}"
    if fp.free is None:
        return signal(META, value, INCONNU, f"{label} (licence non établie)", evidence=evidence,
                      reason=fp.note, details=details)
    return signal(META, value, FAVORABLE if fp.free else DEFAVORABLE,
                  f"{label} ({'libre' if fp.free else 'propriétaire'})", evidence=evidence, details=details)
