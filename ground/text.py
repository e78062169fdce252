"""Text as the checks and the matchers compare it: folded (case, accents, spaces, apostrophes), squashed,
names reduced to their words."""
from __future__ import annotations

import codecs
import re
import unicodedata

from ground.memo import per_candidate


def squash(text: str) -> str:
    """Runs of whitespace made one space, ends trimmed: the same as re.sub(r"\\s+", " ", text).strip()
    (str.split and the re module share one definition of whitespace), three times faster."""
    return " ".join(text.split())


class _FoldTable(dict):
    """Code point -> its folded character, computed once per distinct character (for str.translate)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "\u00a0\u202f\u2007\u2009\u200a\t\r\n":
            out = " "
        elif ch in "\u2019\u2018\u02bc`´":
            out = "'"
        else:
            base = unicodedata.normalize("NFKD", ch)[0]
            out = base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or " "
            if out != ch and out in "\u00a0\u202f\u2007\u2009\u200a\t\r\n\u2019\u2018\u02bc`´":
                out = self[ord(out)]  # idempotent: a character folding to a backtick folds on to "'"
        self[code] = out
        return out


# One table for the process: the per-character work (NFKD) is done once per distinct character.
_FOLD = _FoldTable()


class _BeyondLatin1(Exception):
    """A character folds to something outside Latin-1: the byte fast path cannot hold it."""


def _fold_beyond_latin1(exc: UnicodeEncodeError) -> tuple[str, int]:
    """Encoding error handler: characters above U+00FF are folded here (a run at a time)."""
    out = "".join(_FOLD[ord(c)] for c in exc.object[exc.start:exc.end])
    if not out.isascii() and max(out) > "\xff":
        raise _BeyondLatin1
    return out, exc.end


codecs.register_error("tnl-fold", _fold_beyond_latin1)
# Latin-1 byte -> folded byte (é -> e, É -> e, no-break space -> space, ` -> '): bytes.translate in C.
_LATIN1_TABLE = bytes(ord(_FOLD[i]) if ord(_FOLD[i]) <= 0xFF else i for i in range(256))
# The few Latin-1 characters whose fold is not Latin-1 (µ -> μ): their texts take the slow path.
_LATIN1_ESCAPES = tuple(chr(i) for i in range(256) if ord(_FOLD[i]) > 0xFF)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, with every kind of space and apostrophe made plain.

    Keeps one character per input character, so match offsets map back to the original text;
    the same as `text.translate(_FOLD)`. Fast path: French text is mostly Latin-1, folded as bytes
    in C; the rarer characters above U+00FF (’, œ, –) go through the encoding error handler.
    """
    # Several checks fold the same texts: each is folded once. Page texts and short strings (titles,
    # link texts: ~20 per page) are cached apart, so that the short ones do not push out the pages.
    return _fold_short(text) if len(text) < _SHORT else _fold_long(text)


_SHORT = 1024


def _fold(text: str) -> str:
    if not any(c in text for c in _LATIN1_ESCAPES):
        try:
            return text.encode("latin-1", "tnl-fold").translate(_LATIN1_TABLE).decode("latin-1")
        except _BeyondLatin1:
            pass
    return text.translate(_FOLD)


# A candidate's page texts, folded once for every check that reads them, up to this many characters
# (a count of texts would not do: a page holds 2 KB to 200 KB of text). Each check reads the pages in
# turn: a bound smaller than the candidate's texts means each of them folds every page again (with
# the former bound of 512 texts, 7.4 ms/page instead of 5.4 for candidates of 1,000 bench pages).
# 64 M characters: a candidate of ~3,000 real pages (~10 KB of text each), at most ~64 MB.
TEXT_CACHE_CHARS = 64_000_000
_fold_long = per_candidate(TEXT_CACHE_CHARS, getsizeof=len)(_fold)
_fold_short = per_candidate(16384)(_fold)


def normalise_name(name: str) -> str:
    """A name reduced to its words, folded, punctuation as spaces: « Libreville-sur-Isère » ->
    « libreville sur isere » (collectivités compared across data.gouv.fr, Comptoir du Libre, SILL,
    code.gouv.fr)."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


def name_key(name: str) -> str:
    """A name as published results and candidates are matched on (`tnl calibrate`, the prospects): folded,
    spaces, hyphens, apostrophes and any other punctuation left out: « L'Isle-d'Abeau » -> « lisledabeau »."""
    return re.sub(r"[\W_]+", "", fold(name or ""))
