"""What every check declares (Lighthouse-style meta) and small helpers to build evidence."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from ground.hosts import url_host  # noqa: F401 - the checks' helpers, in one import
from ground.memo import per_candidate, seed
from ground.model import DEFAVORABLE, DOMAINS, FAVORABLE, NEUTRE, Evidence, Signal, truncate
from ground.observations import ApiResponse, Asset, Document, Observations, Page
from ground.text import TEXT_CACHE_CHARS, _fold, fold  # noqa: F401

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CheckMeta:
    id: str
    domain: str
    title: str  # French, shown as the signal's heading
    description: str  # French: what it measures and why it matters for the label
    evidence: str  # French: what counts as evidence
    outcomes: tuple[str, ...]  # the closed set of assessments this check can give
    # English for `--lang en` reports (empty: the French text is shown); the French stays canonical.
    title_en: str = ""
    description_en: str = ""

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"{self.id}: unknown domain {self.domain}")


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: Callable[[Observations], Signal]


def signal(meta: CheckMeta, value: Any, assessment: str, display: str, *,
           evidence: list[Evidence] | None = None, details: dict | None = None,
           reason: str | None = None, searched: dict[str, int] | None = None) -> Signal:
    if assessment not in meta.outcomes:
        raise ValueError(f"{meta.id}: outcome {assessment!r} not declared in {meta.outcomes}")
    return Signal(id=meta.id, domain=meta.domain, value=value, assessment=assessment, display=display,
                  evidence=evidence or [], details=details or {}, reason=reason, searched=searched)


def searched(obs: Observations, pages: bool = True, documents: bool = False) -> dict[str, int]:
    """What a search went through, for a signal that found nothing (or not enough): the pages read and,
    if it reads them too, the documents read. The report says "recherché dans N pages et M documents";
    their list is the candidate's index.jsonl."""
    out = {"pages": len(obs.pages)} if pages else {}
    if documents:
        out["documents"] = sum(1 for d in obs.documents if d.fetched and d.status and 200 <= d.status < 300)
    return out


def page_evidence(page: Page, snippet: str) -> Evidence:
    return Evidence(url=page.url, fetched_at=page.fetched_at, http_status=page.status,
                    snippet=truncate(snippet), sha256=page.sha256, record_id=page.record_id,
                    rendered=True if page.rendered else None)


def render_evidence(rendering: dict, snippet: str, part: str = "facts") -> Evidence:
    """Evidence read in a rendering (ground/rendered.py): `part` is the record it is read in (facts:
    requests, cookies, storage; dom; axe: the accessibility rules' results; screenshot)."""
    return Evidence(url=rendering.get("url", ""), fetched_at=rendering.get("rendered_at") or "",
                    http_status=rendering.get("status"), snippet=truncate(snippet),
                    sha256=(rendering.get("sha256") or {}).get(part),
                    record_id=(rendering.get("record_ids") or {}).get(part), rendered=True)


def document_evidence(doc: Document, snippet: str, page: int | None = None, when=None) -> Evidence:
    """Evidence read in a document, at `page`; `when`: the document's date and how it is known
    (checks.dates.document_date), for evidence whose age matters (a policy, an agreement)."""
    return Evidence(url=doc.url, fetched_at=doc.fetched_at or "", http_status=doc.status,
                    snippet=truncate(snippet), sha256=doc.sha256, record_id=doc.record_id, page=page,
                    dated=when.value if when else None, dated_by=when.source if when else None)


def document_pages(doc: Document):
    """(page number, text) of each page of a document's text, its blanks squashed: a PDF's line breaks
    are its layout, not its sentences (« adhérer au GIP\nTerritoires Numériques » is one phrase)."""
    for number, text in doc.text:
        yield number, " ".join(text.split())


def readable_documents(obs) -> list[Document]:
    """The documents whose text was read (ground.doctext), in URL order."""
    return sorted((d for d in obs.documents if d.fetched and d.text), key=lambda d: d.url)


def asset_evidence(asset: Asset, snippet: str) -> Evidence:
    return Evidence(url=asset.url, fetched_at=asset.fetched_at, http_status=asset.status,
                    snippet=truncate(snippet), sha256=asset.sha256, record_id=asset.record_id)


def api_evidence(resp: ApiResponse, snippet: str) -> Evidence:
    return Evidence(url=resp.url, fetched_at=resp.fetched_at, http_status=resp.status,
                    snippet=truncate(snippet), sha256=resp.sha256, record_id=resp.record_id)




_JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_JS_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*", re.M)


def js_without_comments(script: str) -> str:
    """An inline script without its /* … */ blocks and its lines commented out with //: a tracker's
    snippet kept commented out (« // tarteaucitron.job.push('gtag'); ») is not loaded. A // after code
    on the same line stays (it may be a URL's `https://`)."""
    if "/*" not in script and "//" not in script:
        return script
    return _JS_LINE_COMMENT.sub("", _JS_BLOCK_COMMENT.sub(" ", script))


def context(text: str, start: int, end: int, width: int = 80) -> str:
    """The matched text with some of what surrounds it, for a readable snippet."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def unreachable_reason(obs: Observations) -> str | None:
    """Why nothing could be read from the websites, or None if at least one page was read."""
    if obs.pages:
        return None
    if not obs.candidate.get("websites"):  # a collectivité without a website (a finding, not a failure)
        return "aucun site web connu pour ce candidat"
    errors = [f"{s.url} : {s.error}" for s in obs.sites if s.error]
    return "aucune page lue — " + ("; ".join(errors) if errors else "site non atteint")


# libyaml's safe loader when PyYAML was built with it (PyPI's wheels are): the same documents, ten
# times faster to read; the catalogue files are read by every `tnl check`, the rubric for every
# candidate (23 ms with the pure-Python loader, 3 ms with this one).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=YAML_LOADER)


def grade(share: float, favorable_at: float, neutral_at: float) -> str:
    """The assessment of a share: favourable from `favorable_at`, neutral from `neutral_at`."""
    if share >= favorable_at:
        return FAVORABLE
    if share >= neutral_at:
        return NEUTRE
    return DEFAVORABLE


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time (with or without zone) as an aware UTC datetime, or None."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def compile_patterns(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


# --- phrases searched in folded page text ----------------------------------------------------------

_RUN = re.compile(r"\w+")


def _words_size(words: tuple[str, ...]) -> int:
    return sum(map(len, words)) + len(words)


# One per page text, shared by every check that looks for phrases; a page's distinct words are a few
# kilobytes: bounded like the texts, by their characters.
@per_candidate(TEXT_CACHE_CHARS // 8, getsizeof=_words_size)
def word_index(folded: str) -> tuple[str, ...]:
    """The distinct words (\\w+ runs) of a folded text, sorted, for "does the page hold a word
    starting with …" tests (word_soup, split)."""
    return tuple(word_soup(folded).split())


def has_word(words: tuple[str, ...], stem: str) -> bool:
    """Some word of a sorted word_index() starts with `stem` (a bisection)."""
    i = bisect_left(words, stem)
    return i < len(words) and words[i].startswith(stem)


_LEADING_LITERAL = re.compile(r"(\\b)?([a-z0-9' -]+)")


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ("a|b(c|d)" -> ["a", "b(c|d)"]): groups, classes and
    escapes are stepped over."""
    out, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return out + [pattern[start:]]


def _top_level_alternation(pattern: str) -> bool:
    """The pattern is "a|b" at its top level (the literal it opens with is then only one choice)."""
    return len(alternatives(pattern)) > 1


@per_candidate(TEXT_CACHE_CHARS // 8, getsizeof=len)
def word_soup(folded: str) -> str:
    """The distinct words of a folded text, sorted, each between spaces (" a b c "): a needle made of
    word characters is in the text if and only if it is in some word of this short string, so a
    substring test here ("adullact", " service ", "mixte ") spares a search through the whole text.
    The words are found in the text's distinct whitespace-separated tokens, not in the whole text."""
    return " " + " ".join(sorted(set(_RUN.findall(" ".join(set(folded.split())))))) + " "


def page_soups(text: str, main_text: str) -> tuple[str, str]:
    """word_soup(fold(…)) of a page's text and of its main text, without this process's caches:
    `tnl run`'s digester computes them for thousands of pages while the crawl goes on (its memory
    stays flat); the worker that checks the candidate gets them through the spool (seed_page_soups)."""
    return (word_soup.__wrapped__(_fold(text)) if text else "",
            word_soup.__wrapped__(_fold(main_text)) if main_text else "")


def seed_page_soups(pages: "list[Page]", soups: dict[str, tuple[str, str]]) -> int:
    """Give word_soup's cache the soups computed by the digester (by page record id), as far as they
    fit; the checks then find them instead of splitting each page's text again. Returns how many."""
    kept = 0
    for page in pages:
        pair = soups.get(page.record_id)
        if pair is None:
            continue
        for text, soup in zip((page.text, page.main_text), pair):
            if text and soup:
                if not seed(word_soup, soup, fold(text)):
                    return kept
                kept += 1
    return kept


def soup_needles(literal: str, starts_word: bool = False) -> tuple[str, ...]:
    """What a plain piece of text ("syndicat mixte", "e-collectivites") shows in word_soup: each word,
    with a space before it when it begins a word, after it when it ends one within the literal. The
    first word begins a word only if `starts_word` (a substring may start inside a longer word)."""
    needles = []
    for run in _RUN.finditer(literal):
        begins = starts_word or run.start() > 0
        ends = run.end() < len(literal)
        needles.append((" " if begins else "") + run.group() + (" " if ends else ""))
    return tuple(needles)


def literal_needles(pattern: str) -> tuple[str, ...]:
    """soup_needles of the plain text a folded-text pattern opens with: every match holds them.

    "fete du logiciel libre" -> ("fete ", " du ", " logiciel ", " libre"); with \\b ahead, the first
    word begins a word; a character made optional by the next quantifier ("publics?") is left out;
    nothing for a pattern that is an alternation at its top level ("a|b")."""
    m = _LEADING_LITERAL.match(pattern)
    if not m or _top_level_alternation(pattern):
        return ()
    literal = m.group(2)
    if pattern[m.end():m.end() + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # "publics?": the s may be absent
    return soup_needles(literal, starts_word=bool(m.group(1)))


@dataclass(frozen=True)
class Phrase:
    """A regex over folded text, and what every one of its matches contains, so that a page is
    scanned only where a match can be: Lucene-style, the words are tested before the phrase.

    - needles: word_soup needles every match holds (by default read from the plain text the pattern
      opens with); a page without one of them is not scanned at all.
    - requires: groups of word stems; each group must have a word of the page starting with one of
      its stems.
    - anchors: substrings every match contains; with them, the regex only runs in a window around
      each occurrence, from `before` characters ahead of it to `after` characters past its start
      (a match reaching further is not found: keep the reach generous).
    A match found in a window is confirmed on the whole text, so it is the one a plain search gives.
    """

    pattern: re.Pattern
    requires: tuple[tuple[str, ...], ...] = ()
    anchors: tuple[str, ...] = ()
    before: int = 0
    after: int = 0
    needles: tuple[str, ...] | None = None  # None: read from the pattern

    def __post_init__(self) -> None:
        if self.needles is None:
            object.__setattr__(self, "needles", literal_needles(self.pattern.pattern))
        object.__setattr__(self, "_anchor_needles", tuple(soup_needles(a) for a in self.anchors))
        # Substrings each window must hold: the required stems and the words of the needles, but for
        # those every anchor holds already (the window is built around one).
        groups = tuple((n.strip(),) for n in self.needles) + self.requires
        object.__setattr__(self, "_window_words", tuple(
            g for g in groups if not (self.anchors and all(any(w in a for w in g) for a in self.anchors))))

    @classmethod
    def parse(cls, spec: Any, reach: int = 0) -> "Phrase":
        """From a data file: a pattern string, or {pattern, requires: [[stem, …], …], anchors, before, after};
        `reach` is the default of `before` and `after`."""
        if isinstance(spec, str):
            spec = {"pattern": spec}
        return cls(re.compile(spec["pattern"]), tuple(tuple(g) for g in spec.get("requires", ())),
                   tuple(spec.get("anchors", ())), int(spec.get("before", reach)), int(spec.get("after", reach)))

    def possible(self, folded: str) -> bool:
        """Whether the page holds every word a match needs (tested on its word_soup, not its text)."""
        if not (self.needles or self.requires or self.anchors):
            return True
        soup = word_soup(folded)
        return (all(n in soup for n in self.needles)
                and all(any(" " + stem in soup for stem in group) for group in self.requires)
                and (not self.anchors or any(all(n in soup for n in an) for an in self._anchor_needles)))

    def search(self, folded: str) -> re.Match | None:
        """The first match in the text, as pattern.search(folded) gives it."""
        if not self.possible(folded):
            return None
        if not self.anchors:
            return self.pattern.search(folded)
        starts = sorted({at for anchor in self.anchors for at in occurrences(folded, anchor)})
        best: re.Match | None = None
        for at in starts:
            pos, end = max(0, at - self.before), at + self.after
            if best is not None and pos > best.start():
                break  # every later window starts after the best match: it is the leftmost
            if not all(any(folded.find(w, pos, end) != -1 for w in group) for group in self._window_words):
                continue  # a required word is missing from the window: no match can lie in it
            while pos <= end:
                m = self.pattern.search(folded, pos, end)
                if m is None:
                    break
                whole = self.pattern.match(folded, m.start())  # not cut short by the window's end
                if whole is not None:
                    if best is None or whole.start() < best.start():
                        best = whole
                    break
                pos = m.start() + 1
        return best


def first_match(phrases: "tuple[Phrase, ...] | list[Phrase]", folded: str) -> re.Match | None:
    """The leftmost match of any of the phrases."""
    found = [m for p in phrases if (m := p.search(folded))]
    return min(found, key=lambda m: m.start()) if found else None


def occurrences(text: str, needle: str):
    """Every start offset of `needle` in `text` (overlapping ones included), by str.find."""
    at = text.find(needle)
    while at != -1:
        yield at
        at = text.find(needle, at + 1)
