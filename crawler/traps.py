"""Crawler traps: session ids in URLs, endless calendars, endless filter combinations, repeating paths.

Without these guards a site with a "next month" link, a faceted directory or a session id in every
URL would eat the whole page budget on one page repeated forever.

What makes a trap is not the number of addresses one script answers to: SPIP (`spip.php?article12`,
`spip.php?page=article&id_article=12`), Joomla (`index.php?option=com_content&view=article&id=7
&Itemid=101`), Lutece (`Portal.jsp?page_id=3`, `Portal.jsp?document_id=12&portlet_id=4`), TYPO3
(`index.php?id=42&L=1`) and Drupal (`?q=node/5`) sites address every page of the site by query
string on one path. Each of those addresses carries a value of its own, the id of its content.
A trap is a set of addresses that brings no new content:

- a calendar: a date that runs on past the site's content (`?mois=2031-07`, `?year=2031&month=7`),
  reached one month at a time through "next" links. Refused: a date more than
  MAX_DATE_YEARS_AHEAD years after the crawl date (in the query, or in the path: `/agenda/2031/07/`),
  and more than MAX_DATE_VALUES distinct dates in the query of one path (a calendar run backwards,
  or day by day);
- filters and sorts combined in every way (`/annuaire?cat=a&ville=b&tri=c`): a few values
  recombined into ever more addresses. An address whose every parameter value was already seen on
  its path is a recombination; a path's recombinations are followed up to MAX_FREE_RECOMBINATIONS,
  or up to RECOMBINATIONS_PER_VALUE per distinct value seen on the path if that is more. An
  address with a value never seen on its path (a new article id) is always followed;
- the same parameters in another order (filters appended in the order they were clicked): the
  same page as the address already followed, refused;
- near-duplicate pages: addresses that keep answering the same page (a "not found" page served with
  status 200 for any `?id=`, a list that repeats its last page for any `?page=` past the end, any
  `/fiche/<slug>` answering the same empty record). Pages read are compared within their group (the
  same path for query-string addresses, the same folder otherwise) by the fingerprint of their text,
  digits, blanks, punctuation and the words of their own address left out (a "page 123 not found"
  echoes its address). Once MAX_NEAR_DUPLICATES of a group's pages repeated a page already read in
  it, and they are at least half of the group's pages read, new addresses in the group are refused.
  A content site's pages each have their own text: none of them is a duplicate;
- session ids (removed from the URL before it is followed), repeating and very deep paths.

The same ideas as the large crawlers, adapted to a 200-page crawl: Heritrix's
TooManyPathSegmentsDecideRule and PathologicalPathDecideRule (path segments), its
AntiCalendarCostAssignmentPolicy (calendar words and years in a URL: there a lower priority, here a
bound on dates), Nutch's querystring normaliser (parameters sorted: another order is the same page,
as Scrapy's request fingerprint also says).
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from urllib.parse import unquote, unquote_plus, urlsplit, urlunsplit

from w3lib.url import url_query_cleaner

# Query parameters and path parameters that only carry a session (PHP, Java, ASP, generic).
SESSION_PARAMS = {"phpsessid", "jsessionid", "sid", "sessionid", "session_id", "sessid", "aspsessionid", "cfid",
                  "cftoken", "zenid", "osCsid".lower()}
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)

MAX_SEGMENT_REPEAT = 3  # the same path segment more than this: /a/b/a/b/a/b/… (relative links that pile up)
MAX_PATH_SEGMENTS = 15  # deeper paths are generated, never written by hand (Heritrix's default is 20)

# Calendars. Local authorities announce events for the season or the year to come, and publish
# their council's calendar one or two years ahead: a date further than this after the crawl date is
# a "next month" link that runs on without content.
MAX_DATE_YEARS_AHEAD = 2
# Distinct dates per path and date parameters: three years of a monthly agenda, a month of a daily
# one. A calendar run backwards ("previous month", without end) stops here; the events themselves
# have their own pages (articles, `?id_evenement=`), reached from the months followed.
MAX_DATE_VALUES = 36

# Combinations. The first addresses of a path that only recombine values already seen are followed
# whatever: the old limit of 20 variants per path, harmless on small scripts (a search form, a
# list sorted two ways, an article reached from two menus).
MAX_FREE_RECOMBINATIONS = 20
# Beyond, one recombination per distinct value seen on the path. A content site's script brings
# about one new value (an id) per address and recombines a few (list pages, an article under two
# menu items); a faceted directory brings a dozen values and recombines them by the hundred.
RECOMBINATIONS_PER_VALUE = 1

# Parameters whose value is a checksum of the others (TYPO3's cHash): a new one is never new content.
CHECKSUM_PARAMS = {"chash"}

# Near duplicates: pages of a group that only repeat a page read before in it. Ten repeats that make
# at least half of the group's pages are no accident (two menus leading to the same page, a printable
# version): the group answers the same page to addresses without end.
MAX_NEAR_DUPLICATES = 10
NEAR_DUPLICATE_SHARE = 0.5
# What a page's fingerprint leaves out: digits (ids, dates, counts), blanks and ASCII punctuation
# (one bytes.translate pass in C, ~0.05 ms for a 60 KB page). Month names are not left out: an
# endless calendar is the date rule's.
_LEFT_OUT = b"0123456789 \t\n\r\f\v.,;:!?\"'()[]{}<>/\\|-_+=*#%&@"
# The words of a page's own address that its text may echo ("la fiche dupont n'existe pas"):
# removed from it, longest first; short ones (de, la, id) would cut into other words.
_ADDRESS_WORDS = re.compile(r"[^\W\d_]{4,}")

# SPIP's short forms: `spip.php?article12`, `?rubrique3`, `?breve5`, `?mot7`, `?auteur2`, `?site4`.
_BARE_ID = re.compile(r"([A-Za-z_]+?)(\d+)")

# Parameter names that say "date" (English, French; TYPO3 and SPIP plugins' names included):
# compared with the words of the name, the last [bracketed] part of it for TYPO3's plugin[...].
_YEAR_WORDS = {"year", "years", "annee", "année", "annees", "années", "an", "yr"}
_MONTH_WORDS = {"month", "mois", "mon"}
_DAY_WORDS = {"day", "jour", "dd"}
_DATE_WORDS = _DAY_WORDS | {"date", "getdate", "qdate", "dt", "cal", "calendar", "calendrier", "agenda",
                            "periode", "period", "semaine", "week", "start", "end", "debut", "fin",
                            "from", "to", "du", "au", "since", "until", "time", "ts", "timestamp"}
_EPOCH_WORDS = {"time", "ts", "timestamp", "date"}
# Written dates, as a whole value or as one /-separated part of it (Drupal: `?q=agenda/2026-07`).
_ISO = re.compile(r"(?P<y>[12]\d{3})-(?P<m>0?[1-9]|1[0-2])(?:-(?P<d>0?[1-9]|[12]\d|3[01]))?(?:[T ].*)?")
_ISO_WEEK = re.compile(r"(?P<y>[12]\d{3})-?W(?P<w>[0-5]\d)")
_FRENCH = re.compile(r"(?P<d>0?[1-9]|[12]\d|3[01])[/.-](?P<m>0?[1-9]|1[0-2])[/.-](?P<y>[12]\d{3})(?:[T ].*)?")
_SLASHED = re.compile(r"(?P<y>[12]\d{3})[/.](?P<m>0?[1-9]|1[0-2])(?:[/.](?P<d>0?[1-9]|[12]\d|3[01]))?")
# Undelimited numbers of 6 or 8 digits are dates only under a date name, and only in these years (ids
# are numbers too); 4 digits under a year name are a year whatever its value.
_DIGITS_YEARS = range(1900, 2200)


def strip_session(url: str) -> str:
    """The URL without session ids, so that the same page is not fetched once per session.

    Query parameters named like a session id (any case: PHPSESSID, phpsessid…) are removed by w3lib,
    the other parameters kept as written, in their order, repeated ones included; path parameters
    (`;jsessionid=…`, which w3lib leaves) are removed here. The fragment is dropped: it never reaches
    the server, so it never names another page."""
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    url = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    # w3lib compares names as written: list the ones present that are session ids, whatever their case
    # or percent-encoding, and let it remove exactly those.
    names = {pair.partition("=")[0] for pair in parts.query.split("&")}
    session = [name for name in names if unquote_plus(name).lower() in SESSION_PARAMS]
    if session:
        url = url_query_cleaner(url, session, remove=True, unique=False, keep_fragments=False)
    return url


def query_pairs(query: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of a query string, decoded, in their order.

    SPIP's `article12` is the pair ("article#", "12"): the id is its value, the `#` keeps it apart
    from a real `article=12`. A name without value (`?imprimer`) has the value ""."""
    pairs = []
    for item in query.split("&"):
        if not item:
            continue
        name, eq, value = item.partition("=")
        name = unquote_plus(name)
        if not eq:
            bare = _BARE_ID.fullmatch(name)
            if bare:
                pairs.append((bare.group(1) + "#", bare.group(2)))
                continue
        pairs.append((name, unquote_plus(value)))
    return pairs


def _words(name: str) -> set[str]:
    """The words of a parameter name: `tx_cal_controller[getdate]` → {getdate}, `dateDebut` → {date, debut}."""
    last = re.findall(r"\[([^\]]*)\]", name)
    name = last[-1] if last and last[-1] else name
    return {w.lower() for w in re.findall(r"[A-Z]?[a-zà-ÿ]+|[A-Z]+(?![a-z])|\d+", name)}


def _valid(y: int, m: int, d: int = 1) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _written_date(value: str) -> date | None:
    """The date written in a value (ISO, ISO week, French, slashed), or in one /-separated part of it."""
    for part in [value] + (value.split("/") if "/" in value else []):
        part = part.strip()
        m = _ISO.fullmatch(part) or _SLASHED.fullmatch(part) or _FRENCH.fullmatch(part)
        if m:
            return _valid(int(m["y"]), int(m["m"]), int(m["d"] or 1))
        w = _ISO_WEEK.fullmatch(part)
        if w:
            try:
                return date.fromisocalendar(int(w["y"]), int(w["w"]), 1)
            except ValueError:
                return None
    return None


def _numeric_date(words: set[str], value: str) -> date | None:
    """A date written as bare digits, under a name that says so: 20260715, 202607, 2026, a Unix time."""
    if not value.isdigit():
        return None
    if len(value) == 8 and words & (_DATE_WORDS | _MONTH_WORDS | _YEAR_WORDS) and int(value[:4]) in _DIGITS_YEARS:
        return _valid(int(value[:4]), int(value[4:6]), int(value[6:]))
    if len(value) == 6 and words & (_DATE_WORDS | _MONTH_WORDS) and int(value[:4]) in _DIGITS_YEARS:
        return _valid(int(value[:4]), int(value[4:]))
    if len(value) == 4 and words & _YEAR_WORDS and int(value) >= 1000:
        return date(int(value), 1, 1)  # any year: `?statisticsYear=7749` is a calendar run away
    if len(value) == 10 and words & _EPOCH_WORDS:
        return datetime.fromtimestamp(int(value), tz=timezone.utc).date()
    return None


def date_parameters(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], date | None]:
    """The parameters of a query that carry a date ({name: value}), and the latest date they say.

    A year, a month and a day given apart (`?annee=2026&mois=7&jour=14`) make one date; a month or a
    day without a year is no date (it comes back every year)."""
    dated: dict[str, str] = {}
    latest: date | None = None
    year = month = day = None
    for name, value in pairs:
        words = _words(name)
        found = _written_date(value) or _numeric_date(words, value)
        if found is not None:
            dated[name] = value
            latest = found if latest is None or found > latest else latest
            if len(value) == 4 and words & _YEAR_WORDS:
                year = (name, int(value))
            continue
        if value.isdigit() and len(value) <= 2:
            if words & _MONTH_WORDS and 1 <= int(value) <= 12:
                month = (name, int(value))
            elif words & _DAY_WORDS and 1 <= int(value) <= 31:
                day = (name, int(value))
    if year is not None:
        for part in (month, day):
            if part is not None:
                dated[part[0]] = str(part[1])
        combined = _valid(year[1], month[1] if month else 1, day[1] if day and month else 1)
        if combined is not None and (latest is None or combined > latest):
            latest = combined
    return dated, latest


def path_date(segments: list[str]) -> date | None:
    """The latest date a path spells (`/agenda/2031-07/`, `/agenda/2031/07/15/`), or None.

    A segment alone is a date when it is written as one (ISO); a year is one only followed by a month
    (`/objectifs/2035/` is a topic, `/2035/07/` a calendar)."""
    latest = None
    for i, seg in enumerate(segments):
        found = None
        m = _ISO.fullmatch(seg) if "-" in seg else None
        if m:
            found = _valid(int(m["y"]), int(m["m"]), int(m["d"] or 1))
        elif re.fullmatch(r"[12]\d{3}", seg) and i + 1 < len(segments) \
                and re.fullmatch(r"0?[1-9]|1[0-2]", segments[i + 1]):
            day = segments[i + 2] if i + 2 < len(segments) and re.fullmatch(r"\d{1,2}", segments[i + 2]) else "1"
            found = _valid(int(seg), int(segments[i + 1]), int(day)) or _valid(int(seg), int(segments[i + 1]))
        if found is not None and (latest is None or found > latest):
            latest = found
    return latest


def _years_after(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


@dataclass
class _Path:
    """What the detector remembers of one path of one host: the queries followed and their values."""
    queries: set[str] = field(default_factory=set)  # as written
    canonical: set[tuple] = field(default_factory=set)  # sorted pairs: another order, the same page
    values: set[tuple[str, str]] = field(default_factory=set)  # (name, value) pairs seen in them
    recombinations: int = 0  # queries followed that brought no value of their own
    dates: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class _Contents:
    """What the detector remembers of the pages read in one group: their fingerprints, how many repeated."""
    fingerprints: set[bytes] = field(default_factory=set)
    read: int = 0
    duplicates: int = 0

    def endless(self) -> bool:
        return self.duplicates >= MAX_NEAR_DUPLICATES and self.duplicates >= NEAR_DUPLICATE_SHARE * self.read


def content_group(url: str) -> tuple[str, str]:
    """The pages a page is compared with: the same path when it is addressed by query string (one
    script answering `?id=`), else the same folder (`/fiche/a`, `/fiche/b`)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not parts.query:
        path = path.rstrip("/").rpartition("/")[0] + "/"
    return parts.netloc.lower(), path


def fingerprint(url: str, text: str) -> bytes:
    """What a page says, without what changes from one numbered page to the next: its text in lower
    case, the words of its own address (query values, last path segment: a "not found" page that
    echoes them) removed, then digits, blanks and punctuation left out."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rpartition("/")[2])
    echoed = {w.lower().encode() for w in _ADDRESS_WORDS.findall(last + " " + unquote_plus(parts.query))}
    data = text.lower().encode("utf-8", "replace")
    for word in sorted(echoed, key=len, reverse=True):
        data = data.replace(word, b"")
    return hashlib.blake2b(data.translate(None, _LEFT_OUT), digest_size=8).digest()


class TrapDetector:
    """Decides, URL by URL, whether following it would walk into a trap; remembers why once.

    `check(url)` is asked for each new link before it is followed; what it lets through is remembered
    as followed. `today` is the crawl date (dates in URLs are compared with it)."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today or datetime.now(timezone.utc).date()
        self.horizon = _years_after(self.today, MAX_DATE_YEARS_AHEAD)
        self.paths: dict[tuple[str, str], _Path] = defaultdict(_Path)
        self.reported: set[tuple[str, str]] = set()
        self.contents: dict[tuple[str, str], _Contents] = defaultdict(_Contents)

    def read(self, url: str, text: str) -> None:
        """Remember a page read (its URL and visible text): a group whose pages keep repeating one
        another becomes a trap for the addresses not yet followed."""
        group = self.contents[content_group(url)]
        mark = fingerprint(url, text)
        group.read += 1
        if mark in group.fingerprints:
            group.duplicates += 1
        else:
            group.fingerprints.add(mark)

    def check(self, url: str) -> str | None:
        """None if the URL may be followed, else the reason (French) it is a trap."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > MAX_PATH_SEGMENTS:
            return f"chemin de plus de {MAX_PATH_SEGMENTS} segments"
        counts: dict[str, int] = defaultdict(int)
        for seg in segments:
            counts[seg] += 1
            if counts[seg] > MAX_SEGMENT_REPEAT:
                return f"segment « {seg[:40]} » répété plus de {MAX_SEGMENT_REPEAT} fois"
        path = parts.path or "/"
        shown = unquote(path)[:80]
        group = self.contents.get(content_group(url))
        if group is not None and group.endless():
            where = unquote(content_group(url)[1])[:80] if not parts.query else shown
            return (f"pages quasi identiques sans fin pour {where} : {group.duplicates} des {group.read} pages lues "
                    "répétaient une page déjà lue")
        in_path = path_date(segments)
        if in_path is not None and in_path > self.horizon:
            return f"calendrier sans fin : {shown} est à plus de {MAX_DATE_YEARS_AHEAD} ans de la date de collecte"
        if not parts.query:
            return None
        seen = self.paths[(parts.netloc.lower(), path)]
        if parts.query in seen.queries:
            return None  # followed already: still allowed
        pairs = query_pairs(parts.query)
        # Calendars: a date past the horizon, or one date too many on this path.
        dated, latest = date_parameters(pairs)
        date_names = tuple(sorted(dated))
        stamp = tuple(dated[k] for k in date_names)
        if dated:
            if latest is not None and latest > self.horizon:
                written = "&".join(f"{k}={v}" for k, v in dated.items())
                return (f"calendrier sans fin pour {shown} : {written} est à plus de {MAX_DATE_YEARS_AHEAD} ans "
                        "de la date de collecte")
            if stamp not in seen.dates[date_names] and len(seen.dates[date_names]) >= MAX_DATE_VALUES:
                return (f"calendrier sans fin pour {shown} : plus de {MAX_DATE_VALUES} dates différentes "
                        f"({', '.join(date_names)})")
        # The same parameters in another order: the page already followed.
        canonical = tuple(sorted(pairs))
        if canonical in seen.canonical:
            return (f"doublon : mêmes paramètres qu'une adresse déjà suivie, écrits autrement (ordre, encodage), "
                    f"pour {shown}")
        # Combinations: no value of its own, and the path has recombined enough. A date is one value,
        # however many parameters spell it (`?annee=2026&mois=7`): the calendar rule bounds the dates.
        own = {(n, v) for n, v in pairs if n.lower() not in CHECKSUM_PARAMS and n not in dated}
        if dated:
            own.add((" ".join(date_names), " ".join(stamp)))
        recombination = own <= seen.values
        if recombination:
            allowed = max(MAX_FREE_RECOMBINATIONS, RECOMBINATIONS_PER_VALUE * len(seen.values))
            if seen.recombinations >= allowed:
                names = ", ".join(sorted({n for n, _ in pairs}))
                return (f"combinaisons de paramètres sans fin pour {shown} : {seen.recombinations} adresses "
                        f"qui ne font que recombiner {len(seen.values)} valeurs déjà vues ({names})")
        # Followed: remembered.
        seen.recombinations += recombination
        seen.queries.add(parts.query)
        seen.canonical.add(canonical)
        seen.values |= own
        if dated:
            seen.dates[date_names].add(stamp)
        return None

    def first_time(self, url: str, reason: str) -> bool:
        """True the first time a given trap (host, path, reason kind) is met: report it once."""
        parts = urlsplit(url)
        key = (parts.netloc + parts.path, reason.split(" ", 1)[0])
        if key in self.reported:
            return False
        self.reported.add(key)
        return True
