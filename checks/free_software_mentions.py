"""free_software_mentions: free-software names from our catalogue found in the pages' main content."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from checks.base import CheckMeta, context, fold, load_data, page_evidence, signal, unreachable_reason
from tnl.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from tnl.observe import Observations

META = CheckMeta(
    id="free_software_mentions",
    domain="communication",
    title="Logiciels libres cités sur les sites",
    description=(
        "Les logiciels libres du catalogue (SILL, Comptoir du Libre, exemples du label) nommés dans le contenu "
        "des pages, hors menus et pieds de page : en parler publiquement fait connaître le libre aux habitants "
        "et aux agents."
    ),
    title_en="Free software named on the websites",
    description_en=(
        'Free software from the catalogue (SILL, Comptoir du Libre, examples of the label) named in the '
        'content of the pages, outside menus and footers: talking about it publicly makes free software '
        'known to residents and staff.'
    ),
    evidence="La phrase qui cite le logiciel, sur une page archivée (une par logiciel, puis les autres pages).",
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
    needles: tuple[str, ...] = ()  # the first word of each alias: a cheap test before the regex


def _alias_regex(alias: str) -> str:
    # Whole words: "Libre Office" also matches "libre-office"; "GNU/Linux" keeps its slash.
    return r"[ -]?".join(re.escape(part) for part in fold(alias).split())


@lru_cache(maxsize=1)
def catalogue() -> tuple[Entry, ...]:
    entries = []
    for item in load_data("free_software.yaml"):
        names = [item["name"], *item.get("aliases", [])]
        body = "|".join(sorted({_alias_regex(n) for n in names}, key=len, reverse=True))
        pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
        # The first word run of each alias: a match always starts a [\w-]+ run of the text with it.
        needles = tuple(sorted({m.group(0) for n in names if (m := _WORD.search(fold(n)))}))
        entries.append(Entry(item["name"], pattern, tuple(fold(c) for c in item.get("context", [])), needles))
    return tuple(entries)


_WORD = re.compile(r"[\w-]+")


def _starts_a_word(words: list[str], needle: str) -> bool:
    """Some word of the (sorted) list starts with `needle`: a bisection, not a scan of the text."""
    i = bisect_left(words, needle)
    return i < len(words) and words[i].startswith(needle)


def find(text: str) -> dict[str, list[tuple[int, int]]]:
    """Catalogue names found in `text`: {name: [(start, end), …]} (offsets valid in `text`)."""
    folded = fold(text)
    words = sorted(set(_WORD.findall(folded)))
    out: dict[str, list[tuple[int, int]]] = {}
    for entry in catalogue():
        if entry.needles and not any(_starts_a_word(words, n) for n in entry.needles):
            continue  # none of its names can match: the regex is not even tried
        for m in entry.pattern.finditer(folded):
            if entry.context:
                around = folded[max(0, m.start() - CONTEXT_WINDOW): m.end() + CONTEXT_WINDOW]
                if not any(word in around for word in entry.context):
                    continue
            out.setdefault(entry.name, []).append((m.start(), m.end()))
    return out


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_name: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    first: dict[str, Evidence] = {}
    for page in obs.pages:
        # main_text leaves out nav/header/footer/aside: a name in a menu repeated on every page is not a mention.
        for name, spans in find(page.main_text).items():
            pages_by_name.setdefault(name, []).append(page.url)
            counts[name] = counts.get(name, 0) + len(spans)
            if name not in first:
                start, end = spans[0]
                first[name] = page_evidence(page, context(page.main_text, start, end))
    names = sorted(pages_by_name, key=str.lower)
    details = {"pages_par_logiciel": {n: len(pages_by_name[n]) for n in names},
               "occurrences": {n: counts[n] for n in names},
               "pages": {n: pages_by_name[n][:MAX_PAGES_LISTED] for n in names},
               "pages_lues": len(obs.pages)}
    if not names:
        return signal(META, [], DEFAVORABLE, "aucun logiciel libre cité", details=details)
    assessment = FAVORABLE if len(names) >= FAVORABLE_NAMES else NEUTRE
    display = f"{len(names)} logiciel{'s' if len(names) > 1 else ''} : {', '.join(names)}"
    return signal(META, names, assessment, display, evidence=[first[n] for n in names], details=details)
