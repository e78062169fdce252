"""cms: the CMS or site builder behind each website, and whether it is free software."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checks.base import CheckMeta, load_data, page_evidence, signal, unreachable_reason
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
WEIGHT = {"generator": 3, "header": 2, "cookie": 2, "path": 1}
_VERSION = re.compile(r"\b(\d+(?:\.\d+){0,3})\b")


@dataclass(frozen=True)
class Fingerprint:
    name: str
    free: bool
    generator: re.Pattern | None
    paths: tuple[str, ...]
    headers: tuple[tuple[str, re.Pattern], ...]
    cookies: re.Pattern | None


@lru_cache(maxsize=1)
def fingerprints() -> tuple[Fingerprint, ...]:
    out = []
    for item in load_data("cms.yaml"):
        out.append(Fingerprint(
            name=item["name"], free=bool(item["free"]),
            generator=re.compile("|".join(item.get("generator") or []), re.I) if item.get("generator") else None,
            paths=tuple(p.lower() for p in item.get("paths") or []),
            headers=tuple((h.lower(), re.compile(r, re.I)) for h, r in (item.get("headers") or {}).items()),
            cookies=re.compile("|".join(item["cookies"])) if item.get("cookies") else None,
        ))
    return tuple(out)


def page_hits(page: Page) -> list[tuple[Fingerprint, str, str]]:
    """(fingerprint, kind of clue, the clue itself) for one page."""
    hits = []
    refs = [u.lower() for u in page.scripts + page.resources + [link.url for link in page.links]]
    for fp in fingerprints():
        if fp.generator and page.generator and fp.generator.search(page.generator):
            hits.append((fp, "generator", f'<meta name="generator" content="{page.generator}">'))
        for header, pattern in fp.headers:
            value = page.headers.get(header)
            if value and pattern.search(value):
                hits.append((fp, "header", f"{header}: {value}"))
        if fp.cookies:
            for name in page.cookies:
                if fp.cookies.search(name):
                    hits.append((fp, "cookie", f"Set-Cookie: {name}=…"))
                    break
        for path in fp.paths:
            ref = next((r for r in refs if path in r), None)
            if ref:
                hits.append((fp, "path", ref))
                break
    return hits


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    scores: dict[str, int] = {}
    clues: dict[str, list[Evidence]] = {}
    kinds: dict[str, set[str]] = {}
    by_name = {fp.name: fp for fp in fingerprints()}
    versions: dict[str, str] = {}
    # Homepages first: they are where generators and assets are most telling.
    for page in sorted(obs.pages, key=lambda p: (not p.is_homepage, p.depth, p.url))[:50]:
        for fp, kind, clue in page_hits(page):
            if kind in kinds.setdefault(fp.name, set()) and len(clues[fp.name]) >= 5:
                continue
            if kind not in kinds[fp.name]:
                scores[fp.name] = scores.get(fp.name, 0) + WEIGHT[kind]
                kinds[fp.name].add(kind)
            clues.setdefault(fp.name, []).append(page_evidence(page, clue))
            if kind == "generator" and fp.name not in versions:
                m = _VERSION.search(page.generator or "")
                if m:
                    versions[fp.name] = m.group(1)
    if not scores:
        return signal(META, None, INCONNU, "non identifié",
                      reason="aucune empreinte de CMS connue (balise generator, chemins, en-têtes, cookies)",
                      details={"candidats": {}})
    name = max(sorted(scores), key=lambda n: scores[n])
    fp = by_name[name]
    value = {"name": name, "version": versions.get(name), "free": fp.free}
    display = f"{name}{' ' + versions[name] if name in versions else ''} ({'libre' if fp.free else 'propriétaire'})"
    evidence = clues[name] + [e for n in sorted(clues) if n != name for e in clues[n]]
    return signal(META, value, FAVORABLE if fp.free else DEFAVORABLE, display, evidence=evidence,
                  details={"scores": dict(sorted(scores.items())),
                           "indices": sorted(kinds[name]),
                           "autres_candidats": sorted(n for n in scores if n != name)})
