"""free_software_mentions: free-software names from our catalogue that the collectivité's own pages
cite in their main content, outside boilerplate.

A name counts where the collectivité speaks (« La ville a migré ses postes vers LibreOffice »), not
where its site describes itself: an accessibility declaration (its test environment, the technologies
of the site), browsers recommended to visitors, a cookie or privacy policy, legal notices (hosting,
credits), « propulsé par … ». Those are set aside by their context (checks/data/free_software_context.yaml):
the page they are on, the section heading they sit under, the sentence around them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from checks.base import (
    CheckMeta,
    context,
    document_evidence,
    document_pages,
    fold,
    has_word,
    load_data,
    occurrences,
    page_evidence,
    readable_documents,
    searched,
    signal,
    unreachable_reason,
    word_index,
    word_soup,
)
from ground.html import TEXT_CAP
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations, Page

META = CheckMeta(
    id="free_software_mentions",
    domain="communication",
    title="Logiciels libres cités sur les sites",
    description=(
        "Les logiciels libres du catalogue (SILL, Comptoir du Libre, exemples du label) que la collectivité "
        "cite dans le contenu de ses pages, hors menus et pieds de page et hors mentions d'usage (déclaration "
        "d'accessibilité, navigateurs recommandés, cookies, mentions légales, crédits du site) : en parler "
        "publiquement fait connaître le libre aux habitants et aux agents."
    ),
    title_en="Free software named on the websites",
    description_en=(
        'Free software from the catalogue (SILL, Comptoir du Libre, examples of the label) that the local '
        'authority names in the content of its pages, outside menus, footers and boilerplate (accessibility '
        'statement, recommended browsers, cookies, legal notice, site credits): talking about it publicly '
        'makes free software known to residents and staff.'
    ),
    evidence=(
        "La phrase qui cite le logiciel, sur une page archivée (une par logiciel) ; les mentions d'usage "
        "écartées sont listées dans le détail avec leur raison."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_NAMES = 3  # three different packages named: a practice talked about, not a passing mention
CONTEXT_WINDOW = 120  # characters either side where an ambiguous name's context word must appear
MAX_PAGES_LISTED = 10  # pages kept per name in details


@dataclass(frozen=True)
class Entry:
    name: str
    pattern: re.Pattern
    context: tuple[str, ...] = ()
    # The first [\w-]+ run of each alias, where every match starts: a match is only tried where one
    # of them occurs in the text (str.find).
    needles: tuple[str, ...] = ()
    # Each alias's words (\w+ runs): a text can hold the alias only if every one of them is inside
    # one of its words ("libre" and "office" for "Libre Office", joined or not).
    alias_words: tuple[tuple[str, ...], ...] = ()


def _alias_regex(alias: str) -> str:
    # Whole words: "Libre Office" also matches "libre-office"; "GNU/Linux" keeps its slash.
    return r"[ -]?".join(re.escape(part) for part in fold(alias).split())


_WORD = re.compile(r"[\w-]+")
_FIRST_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Catalogue:
    """The entries, and which page words let each one match (word_index words: \\w+ runs).

    A one-word alias ("firefox", "e-magnus", "gnu/linux") always shows its first \\w+ run as a whole
    word of the text; an alias of several words may be written joined ("libreoffice" for
    "Libre Office"), so its first word is only a prefix of a word of the text."""

    entries: tuple[Entry, ...]
    by_word: dict[str, tuple[int, ...]]  # a whole word of the text -> the entries it may start
    by_prefix: tuple[tuple[str, int], ...]  # (first word of a several-word alias, entry), sorted
    always: tuple[int, ...]  # entries with an alias that starts with no word character: always tried


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    entries = []
    by_word: dict[str, set[int]] = {}
    by_prefix: set[tuple[str, int]] = set()
    always: list[int] = []
    for item in load_data("free_software.yaml"):
        names = [item["name"], *item.get("aliases", [])]
        body = "|".join(sorted({_alias_regex(n) for n in names}, key=len, reverse=True))
        pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
        i = len(entries)
        folded = [fold(n) for n in names]
        runs = [_WORD.match(f) for f in folded]
        if not all(runs) or not all(_FIRST_WORD.match(f) for f in folded):
            always.append(i)  # one of its names starts with no word character: its regex runs everywhere
            needles: tuple[str, ...] = ()
        else:
            needles = tuple(sorted({m.group(0) for m in runs}))
            for f in folded:
                first = _FIRST_WORD.match(f).group(0)
                if len(f.split()) > 1:
                    by_prefix.add((first, i))
                else:
                    by_word.setdefault(first, set()).add(i)
        alias_words = tuple(tuple(_FIRST_WORD.findall(f)) for f in folded)
        entries.append(Entry(item["name"], pattern, tuple(fold(c) for c in item.get("context", [])), needles,
                             alias_words))
    return Catalogue(tuple(entries), {k: tuple(sorted(v)) for k, v in by_word.items()},
                     tuple(sorted(by_prefix)), tuple(always))


def _candidates(words: tuple[str, ...]) -> list[int]:
    """Entries one of whose names may occur in a text with these words (a sorted word_index):
    the others' regexes are not even tried."""
    cat = catalogue()
    found = set(cat.always)
    for word in words:
        found.update(cat.by_word.get(word, ()))
    for stem, i in cat.by_prefix:
        if i not in found and has_word(words, stem):
            found.add(i)
    return sorted(found)


def _matches(entry: Entry, folded: str):
    """entry.pattern.finditer(folded), tried only where one of its first words occurs."""
    if not entry.needles:
        yield from entry.pattern.finditer(folded)
        return
    starts = {at for needle in entry.needles for at in occurrences(folded, needle)}
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # inside the previous match: finditer does not overlap matches either
        m = entry.pattern.match(folded, at)
        if m:
            end = m.end()
            yield m


def find(text: str, page: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """Catalogue names found in `text`: {name: [(start, end), …]} (offsets valid in `text`).

    `page`: a folded text holding every word of this one (the whole page for its main content),
    whose word index and soup are shared with other checks; by default the folded text itself."""
    folded = fold(text)
    page = folded if page is None else page
    entries = catalogue().entries
    soup = word_soup(page)
    out: dict[str, list[tuple[int, int]]] = {}
    for i in _candidates(word_index(page)):
        entry = entries[i]
        if entry.alias_words and not any(all(w in soup for w in words) for words in entry.alias_words):
            continue  # no alias has all its words in the page
        for m in _matches(entry, folded):
            if entry.context:
                around = folded[max(0, m.start() - CONTEXT_WINDOW): m.end() + CONTEXT_WINDOW]
                if not any(word in around for word in entry.context):
                    continue
            out.setdefault(entry.name, []).append((m.start(), m.end()))
    return out


# --- boilerplate: where a name found is not the collectivité speaking ---------------------------------

@dataclass(frozen=True)
class PageKind:
    why: str
    url: re.Pattern | None
    title: re.Pattern | None
    opening: re.Pattern | None
    body: tuple[str, ...]


@dataclass(frozen=True)
class Boilerplate:
    pages: tuple[PageKind, ...]
    # Each family of cues as one regex, a named group per cue (its reason: whys[group]): one search
    # per mention instead of one per cue.
    sections: re.Pattern
    section_reach: int
    section_ends: re.Pattern
    sentences: re.Pattern
    before: int
    after: int
    whys: dict[str, str]


def _compile(pattern: str | None) -> re.Pattern | None:
    return re.compile(pattern) if pattern else None


def _family(cues: list[dict], prefix: str, whys: dict[str, str]) -> re.Pattern:
    groups = []
    for i, cue in enumerate(cues):
        if re.compile(cue["pattern"]).groups:
            raise ValueError(f"free_software_context.yaml: write groups as (?:…) in {cue['pattern']!r}")
        whys[f"{prefix}{i}"] = cue["why"]
        groups.append(f"(?P<{prefix}{i}>{cue['pattern']})")
    return re.compile("|".join(groups))


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    data = load_data("free_software_context.yaml")
    pages = tuple(PageKind(k["why"], _compile(k.get("url")), _compile(k.get("title")), _compile(k.get("opening")),
                           tuple(k.get("body", ()))) for k in data["pages"])
    sections, sentences = data["sections"], data["sentences"]
    whys: dict[str, str] = {}
    return Boilerplate(
        pages, _family(sections["cues"], "section", whys), int(sections["reach"]), re.compile(data["section_ends"]),
        _family(sentences["cues"], "sentence", whys), int(sentences["before"]), int(sentences["after"]), whys)


# Where a <title> joins the page's name and the site's (« Mentions légales - Ville de X »); not the
# colon, which is part of a title (« Accessibilité numérique : la ville forme ses agents »).
_TITLE_PARTS = re.compile(r"\s+[-/]\s+|\s*[|–—·»]\s*")
OPENING = 120  # characters of the main content read as its heading (the page's <h1>)


def page_kind(page: Page, folded_main: str) -> str | None:
    """Why the whole page is boilerplate (a legal notice, a cookie policy, an accessibility
    declaration), or None."""
    path = unquote(urlsplit(page.url).path).lower()
    segments = [fold(s) for s in path.split("/") if s]
    parts = [p.strip(" .") for p in _TITLE_PARTS.split(fold(page.title or "")) if p.strip(" .")]
    opening = folded_main[:OPENING]
    for kind in boilerplate().pages:
        if kind.url and any(kind.url.match(s) for s in segments):
            return kind.why
        if kind.title and any(kind.title.fullmatch(p) for p in parts):
            return kind.why
        if kind.opening and kind.opening.match(opening):
            return kind.why
        if kind.body and all(b in folded_main for b in kind.body):
            return kind.why
    return None


def _sentence(folded: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """The sentence around folded[start:end]: from past the last ". " / "! " before it to the next
    one after it, within `before` / `after` characters. A "?" does not end it: a question runs on
    into its answer (« Quels navigateurs ? Firefox ou Chrome »)."""
    lo = max(0, start - before)
    a = max(folded.rfind(". ", lo, start), folded.rfind("! ", lo, start))
    a = lo if a == -1 else a + 2
    hi = min(len(folded), end + after)
    ends = [i for i in (folded.find(". ", end, hi), folded.find("! ", end, hi)) if i != -1]
    return a, (min(ends) + 1 if ends else hi)


def context_reason(folded: str, start: int, end: int) -> str | None:
    """Why the name at folded[start:end] is boilerplate by its context on the page (a set-up section
    of an accessibility declaration above it, a boilerplate phrase in its sentence), or None."""
    bp = boilerplate()
    heading = None
    for heading in bp.sections.finditer(folded, max(0, start - bp.section_reach), start):
        pass  # the nearest set-up heading above the name: if the declaration's next section began
        # after it, it began after any earlier one too
    if heading is not None and not bp.section_ends.search(folded, heading.end(), start):
        return bp.whys[heading.lastgroup]
    a, b = _sentence(folded, start, end, bp.before, bp.after)
    cue = bp.sentences.search(folded, a, b)
    return bp.whys[cue.lastgroup] if cue else None


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_name: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    first: dict[str, Evidence] = {}
    set_aside: dict[str, dict[str, int]] = {}  # name -> reason -> occurrences
    set_aside_pages: dict[str, list[str]] = {}

    def sort_out(name: str, spans, kind: str | None, folded: str, url: str) -> list[tuple[int, int]]:
        """The spans of `name` that count; the others are recorded as set aside, with their reason."""
        kept = []
        for start, end in spans:
            why = kind or context_reason(folded, start, end)
            if why is None:
                kept.append((start, end))
                continue
            reasons = set_aside.setdefault(name, {})
            reasons[why] = reasons.get(why, 0) + 1
            if url not in set_aside_pages.setdefault(name, []):
                set_aside_pages[name].append(url)
        return kept

    for page in obs.pages:
        # main_text leaves out nav/header/footer/aside: a name in a menu repeated on every page is not a mention.
        # The whole page's words serve as a filter for its main content (every word of one is in the
        # other), unless the page text was cut at its size cap.
        whole = fold(page.text) if len(page.text) < TEXT_CAP else None
        found = find(page.main_text, whole)
        if not found:
            continue
        folded = fold(page.main_text)
        kind = page_kind(page, folded)
        for name, spans in found.items():
            kept = sort_out(name, spans, kind, folded, page.url)
            if not kept:
                continue
            pages_by_name.setdefault(name, []).append(page.url)
            counts[name] = counts.get(name, 0) + len(kept)
            if name not in first:
                start, end = kept[0]
                first[name] = page_evidence(page, context(page.main_text, start, end))
    # Documents too (activity reports, deliberations, procurement): each page of their text, with the same
    # care about boilerplate; the evidence names the document and its page.
    docs_by_name: dict[str, list[str]] = {}
    for doc in readable_documents(obs):
        title = (doc.pdf_facts or {}).get("title")
        opening = fold(doc.text[0][1])
        kind = page_kind(Page(url=doc.url, site=None, depth=99, status=doc.status, fetched_at=doc.fetched_at or "",
                              sha256=doc.sha256, record_id=doc.record_id, is_homepage=False, title=title, text="",
                              main_text=""), opening)
        for number, text in document_pages(doc):
            found = find(text, None)
            if not found:
                continue
            folded = fold(text)
            for name, spans in found.items():
                kept = sort_out(name, spans, kind, folded, doc.url)
                if not kept:
                    continue
                if doc.url not in docs_by_name.setdefault(name, []):
                    docs_by_name[name].append(doc.url)
                counts[name] = counts.get(name, 0) + len(kept)
                if name not in first:
                    first[name] = document_evidence(doc, context(text, kept[0][0], kept[0][1]), page=number)
    names = sorted(set(pages_by_name) | set(docs_by_name), key=str.lower)
    details = {"pages_par_logiciel": {n: len(pages_by_name.get(n, [])) for n in names},
               "occurrences": {n: counts[n] for n in names},
               "pages": {n: pages_by_name.get(n, [])[:MAX_PAGES_LISTED] for n in names},
               "pages_lues": len(obs.pages)}
    if docs_by_name:
        details["documents_par_logiciel"] = {n: docs_by_name[n][:MAX_PAGES_LISTED] for n in names if n in docs_by_name}
    if set_aside:
        aside = sorted(set_aside, key=str.lower)
        details["mentions_ecartees"] = {n: set_aside[n] for n in aside}
        details["pages_ecartees"] = {n: set_aside_pages[n][:MAX_PAGES_LISTED] for n in aside}
    if not names:
        return signal(META, [], DEFAVORABLE, "aucun logiciel libre cité", details=details, searched=searched(obs))
    enough = len(names) >= FAVORABLE_NAMES
    display = f"{len(names)} logiciel{'s' if len(names) > 1 else ''} : {', '.join(names)}"
    return signal(META, names, FAVORABLE if enough else NEUTRE, display, evidence=[first[n] for n in names],
                  details=details, searched=None if enough else searched(obs))
