"""strategy_mentions: pages that state an adopted digital strategy, a free-software policy of the
collectivité or a council decision on it.

A formal plan named on the collectivité's pages (« schéma directeur du numérique », SDSI) or a
free-software policy named as such counts; a general name (« stratégie numérique », « feuille de route
numérique ») counts only with a cue of adoption or ownership in its sentence (« adoptée par le conseil
municipal », « de la ville »). Anything whose sentence says it is not adopted yet is left out; a map
called « plan de ville numérique » or a note that documents can be read with free software is no
strategy. Phrases and cues: checks/data/strategy.yaml."""
from __future__ import annotations

import re
from collections.abc import Iterator

from checks.base import (
    CheckMeta,
    Phrase,
    context,
    document_evidence,
    document_pages,
    fold,
    load_data,
    page_evidence,
    readable_documents,
    searched,
    signal,
    unreachable_reason,
)
from checks.dates import dates_of_documents, document_date
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="strategy_mentions",
    domain="strategie",
    title="Stratégie numérique et politique du logiciel libre publiées",
    description=(
        "Les pages qui présentent une stratégie ou un schéma directeur numérique adopté par la collectivité, "
        "sa politique en faveur des logiciels libres ou une délibération à leur sujet : le premier domaine du "
        "label attend des plans d'action concrets, votés et publiés (la mutualisation est un signal à part)."
    ),
    title_en="Published digital strategy and free software policy",
    description_en=(
        'Pages presenting a digital strategy or master plan adopted by the local authority, its policy in '
        "favour of free software or a council decision about it: the label's first domain expects concrete "
        'action plans, voted and published (pooling is a separate signal).'
    ),
    evidence="La phrase qui en parle, sur chaque page archivée concernée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

_DATA = load_data("strategy.yaml")
# Theme -> its phrases (checks.base.Phrase over folded text; see checks/data/strategy.yaml).
THEMES: dict[str, tuple[Phrase, ...]] = {
    theme: tuple(Phrase.parse(spec) for spec in specs) for theme, specs in _DATA["themes"].items()}
# The phrases that name something general and count only with a cue of adoption or ownership.
STATED: frozenset[Phrase] = frozenset(
    phrase for theme, specs in _DATA["themes"].items() for phrase, spec in zip(THEMES[theme], specs)
    if isinstance(spec, dict) and spec.get("stated"))
ADOPTED = re.compile(_DATA["adopted"])
NOT_YET = re.compile(_DATA["not_yet"])
FAVORABLE_THEMES = 2
SENTENCE_REACH = 150  # characters of a sentence read on each side of a phrase, at most
MAX_PAGES_LISTED = 10
# « Ville de X », « Commune de X »: the name without what every candidate's name may start with.
_NAME_PREFIX = re.compile(r"^(?:ville|commune|mairie|departement|region|communaute (?:de communes|d'agglomeration)"
                          r"|metropole|agglomeration|syndicat)(?: (?:de la|de l'|des|du|de|d'))? ?")


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around folded[start:end]: from past the last ". " / "! " / "? " before it to the
    next one after it, at most SENTENCE_REACH characters away."""
    lo = max(0, start - SENTENCE_REACH)
    a = max(folded.rfind(". ", lo, start), folded.rfind("! ", lo, start), folded.rfind("? ", lo, start))
    a = lo if a == -1 else a + 2
    hi = min(len(folded), end + SENTENCE_REACH)
    ends = [i for i in (folded.find(". ", end, hi), folded.find("! ", end, hi), folded.find("? ", end, hi)) if i != -1]
    return a, (min(ends) + 1 if ends else hi)


def own_name(candidate: dict) -> str | None:
    """The collectivité's name as it shows in folded text (« Libreville-sur-Isère » -> « libreville-sur-isere »),
    a cue of ownership; None when too short to tell anything."""
    name = _NAME_PREFIX.sub("", fold(str(candidate.get("name") or "")).strip())
    return name if len(name) >= 4 else None


def _matches(phrase: Phrase, folded: str) -> Iterator[re.Match]:
    """Every match of the phrase, in order: the first by the phrase's fast search, the others by the
    regex from there (only on the few pages that hold a first one)."""
    m = phrase.search(folded)
    if m is None:
        return
    yield m
    yield from phrase.pattern.finditer(folded, m.end())


def stated(phrase: Phrase, folded: str, m: re.Match, name: str | None) -> bool:
    """Whether the match states an adopted plan or policy: not one still to come, and for a general
    name, with a cue of adoption or ownership in its sentence."""
    a, b = _sentence(folded, m.start(), m.end())
    if NOT_YET.search(folded, a, b):
        return False
    if phrase not in STATED:
        return True
    return bool(ADOPTED.search(folded, a, b) or (name and folded.find(name, a, b) != -1))


def find(folded: str, name: str | None = None) -> tuple[dict[str, re.Match], int]:
    """The first match of each theme that states an adopted plan or policy ({theme: match}), and how
    many matches were left out for want of one."""
    found: dict[str, re.Match] = {}
    unstated = 0
    for theme, phrases in THEMES.items():
        best = None
        for phrase in phrases:
            for m in _matches(phrase, folded):
                if best is not None and m.start() >= best.start():
                    break
                if stated(phrase, folded, m, name):
                    best = m
                    break
                unstated += 1
        if best is not None:
            found[theme] = best
    return found, unstated


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    name = own_name(obs.candidate)
    pages_by_theme: dict[str, list[str]] = {}
    evidence: list[Evidence] = []
    unstated_pages: list[str] = []
    for page in obs.pages:
        # The page's own content: a menu entry « Stratégie numérique » repeated on every page states nothing.
        folded = fold(page.main_text)
        hits, unstated = find(folded, name)
        if unstated and not hits:
            unstated_pages.append(page.url)
        if not hits:
            continue
        for theme in hits:
            pages_by_theme.setdefault(theme, []).append(page.url)
        theme, m = min(hits.items(), key=lambda item: item[1].start())
        themes = ", ".join(t for t in THEMES if t in hits)
        evidence.append(page_evidence(page, f"[{themes}] " + context(page.main_text, m.start(), m.end())))
    # Documents too (deliberations, SDSI, roadmaps published as PDF or ODT): each page of their text,
    # the evidence naming the document and the page (ground.doctext).
    docs_by_theme: dict[str, list[str]] = {}
    for doc in readable_documents(obs):
        for number, text in document_pages(doc):
            folded = fold(text)
            hits, _ = find(folded, name)
            if not hits:
                continue
            for theme in hits:
                if doc.url not in docs_by_theme.setdefault(theme, []):
                    docs_by_theme[theme].append(doc.url)
            theme, m = min(hits.items(), key=lambda item: item[1].start())
            themes = ", ".join(t for t in THEMES if t in hits)
            evidence.append(document_evidence(doc, f"[{themes}] " + context(text, m.start(), m.end()), page=number,
                                              when=document_date(doc)))
            break  # the first page of the document that states it
    pages = sorted({u for urls in pages_by_theme.values() for u in urls})
    documents = sorted({u for urls in docs_by_theme.values() for u in urls})
    themes = [t for t in THEMES if t in pages_by_theme or t in docs_by_theme]
    details = {"pages_par_theme": {t: len(pages_by_theme.get(t, [])) for t in themes}, "pages": pages}
    if documents:
        details["documents"] = documents
        # How old each one is: a policy adopted in 2016 and one adopted last year are not the same evidence.
        details["dates_des_documents"] = dates_of_documents(evidence, documents)
    if unstated_pages:
        # Pages that name a strategy without stating it adopted (a link, a plan still to come).
        details["pages_sans_adoption"] = unstated_pages[:MAX_PAGES_LISTED]
    if not pages and not documents:
        return signal(META, 0, DEFAVORABLE, "aucune page sur une stratégie numérique ou le logiciel libre",
                      details=details, searched=searched(obs))
    enough = len(themes) >= FAVORABLE_THEMES
    sources = [f"{len(pages)} page{'s' if len(pages) > 1 else ''}"] if pages else []
    if documents:
        sources.append(f"{len(documents)} document{'s' if len(documents) > 1 else ''}")
    display = f"{' et '.join(sources)} ({', '.join(themes)})"
    # Pages that touch several themes first.
    evidence.sort(key=lambda e: (-e.snippet.split("]")[0].count(","), e.url))
    return signal(META, len(pages) + len(documents), FAVORABLE if enough else NEUTRE, display, evidence=evidence,
                  details=details,
                  searched=None if enough else searched(obs))
