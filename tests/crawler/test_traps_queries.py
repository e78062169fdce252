"""Trap detection on query strings: CMS addresses are followed, calendars and facet combinations are not.

Every expected figure is worked out by hand in the comments; the bounds are the constants of
crawler/traps.py (MAX_DATE_YEARS_AHEAD = 2, MAX_DATE_VALUES = 36, MAX_FREE_RECOMBINATIONS = 20,
RECOMBINATIONS_PER_VALUE = 1), written here as numbers so that changing one fails a test.
"""
from __future__ import annotations

from datetime import date

from crawler.traps import TrapDetector, date_parameters, path_date, query_pairs, strip_session

TODAY = date(2026, 12, 6)  # crawl date: the horizon is 2028-12-06


def _months(start: tuple[int, int], count: int, step: int = 1) -> list[str]:
    """`count` months from `start` (year, month), forwards (step 1) or backwards (step -1), as YYYY-MM."""
    y, m = start
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = divmod(y * 12 + (m - 1) + step, 12)
        m += 1
    return out


# --- addresses of real CMS: all followed ----------------------------------------------------------

def _all_followed(urls: list[str]) -> list[tuple[str, str]]:
    traps = TrapDetector(today=TODAY)
    return [(u, r) for u in urls if (r := traps.check(u))]


def test_spip_addresses_are_all_followed():
    base = "http://www.ville.test/spip.php?"
    urls = [base + "page=backend", base + "page=plan", base + "page=recherche&recherche=budget"]
    urls += [base + f"rubrique{r}" for r in range(1, 21)]
    urls += [base + f"article{a}" for a in range(1, 151)]
    urls += [base + f"page=article&id_article={a}" for a in range(1, 151)]
    urls += [base + f"breve{b}" for b in range(1, 31)] + [base + f"mot{m}" for m in range(1, 21)]
    # Each rubrique's list, 3 pages of 10: offsets 10 and 20 recombined with 20 rubriques (38 times).
    urls += [base + f"rubrique{r}&debut_articles={d}#pagination_articles".split("#")[0]
             for r in range(1, 21) for d in (10, 20)]
    # The SPIP agenda: this year's months, and the days of one month.
    urls += [base + f"page=agenda&annee=2026&mois={m}" for m in range(1, 13)]
    urls += [base + f"page=agenda&jour=2026-07-{d:02d}&qdate=2026-07" for d in range(1, 32)]
    assert len(urls) == 3 + 20 + 150 + 150 + 30 + 20 + 40 + 12 + 31
    assert _all_followed(urls) == []


def test_joomla_addresses_are_all_followed():
    base = "http://www.ville.test/index.php?"
    urls = [base + f"Itemid={i}" for i in range(101, 109)]
    urls += [base + f"option=com_content&view=category&layout=blog&id={c}&Itemid={100 + c}" for c in range(1, 9)]
    # Category blogs, 4 pages each (limitstart 10, 20, 30): 8 × 3 = 24 addresses, 21 of them recombinations.
    urls += [base + f"option=com_content&view=category&layout=blog&id={c}&Itemid={100 + c}&limitstart={s}"
             for c in range(1, 9) for s in (10, 20, 30)]
    # 120 articles, each under its category's menu item; the first 30 also under the home menu item.
    urls += [base + f"option=com_content&view=article&id={a}:article-{a}&catid={a % 8 + 1}&Itemid={101 + a % 8}"
             for a in range(1, 121)]
    urls += [base + f"option=com_content&view=article&id={a}:article-{a}&catid={a % 8 + 1}&Itemid=101"
             for a in range(1, 31)]
    urls += [base + "option=com_content&view=featured&Itemid=101&format=feed&type=rss"]
    assert _all_followed(urls) == []


def test_lutece_addresses_are_all_followed():
    base = "http://www.ville.test/jsp/site/Portal.jsp?"
    urls = [base + f"page_id={p}" for p in range(1, 41)]
    urls += [base + f"document_id={d}&portlet_id={d % 5 + 1}" for d in range(1, 61)]
    urls += [base + f"page=article&id={i}" for i in range(1, 51)]
    # Events numbered like the articles: `page=event` is new once, then ids 2…30 recombine known values (29).
    urls += [base + f"page=event&id={i}" for i in range(1, 31)]
    urls += [base + "page=search", base + "page=contact", base + "page=map&action=view"]
    urls += ["http://www.ville.test/Portal.jsp?page_id=3", "http://www.ville.test/Portal.jsp?page_id=4"]
    assert _all_followed(urls) == []


def test_typo3_and_drupal_addresses_are_all_followed():
    typo3 = "http://www.ville.test/index.php?"
    urls = [typo3 + f"id={p}" for p in range(1, 61)]
    urls += [typo3 + f"id={p}&L=1" for p in range(1, 61)]  # the English version: 59 recombinations for 61 values
    urls += [typo3 + f"id=12&tx_news_pi1%5Bnews%5D={n}&tx_news_pi1%5Bcontroller%5D=News"
             f"&tx_news_pi1%5Baction%5D=detail&cHash={n * 7919:032x}" for n in range(1, 41)]
    drupal = "http://www.ville.test/?"
    urls += [drupal + f"q=node/{n}" for n in range(1, 81)]
    urls += [drupal + f"q=taxonomy/term/{t}" for t in range(1, 11)]
    urls += [drupal + f"q=node&page={p}" for p in range(1, 6)]
    assert _all_followed(urls) == []


# --- calendars -------------------------------------------------------------------------------------

def test_calendar_running_forward_stops_at_the_horizon_and_says_why():
    """`agenda.php?mois=YYYY-MM`, each month linking the next, from the crawl month (2026-12)."""
    traps = TrapDetector(today=TODAY)
    followed, reason = [], None
    for month in _months((2026, 12), 100):
        reason = traps.check(f"http://www.ville.test/agenda.php?mois={month}")
        if reason:
            break
        followed.append(month)
    # 2026-12 … 2028-12: 25 months (the horizon is 2028-12-06, and 2028-12 means 2028-12-01).
    assert len(followed) == 25 and followed[-1] == "2028-12"
    assert reason == ("calendrier sans fin pour /agenda.php : mois=2029-01 est à plus de 2 ans "
                      "de la date de collecte")


def test_calendar_running_backward_stops_after_36_dates():
    """`?mois=` each month linking the previous one, without end: 36 dates, then refused."""
    traps = TrapDetector(today=TODAY)
    followed, reason = [], None
    for month in _months((2026, 12), 100, step=-1):
        reason = traps.check(f"http://www.ville.test/agenda.php?mois={month}")
        if reason:
            break
        followed.append(month)
    assert len(followed) == 36 and followed[-1] == "2024-01"  # 2026-12 back to 2024-01
    assert reason == "calendrier sans fin pour /agenda.php : plus de 36 dates différentes (mois)"
    # Another path, other date parameters: counted apart.
    assert traps.check("http://www.ville.test/evenements.php?mois=2023-12") is None
    assert traps.check("http://www.ville.test/agenda.php?semaine=2023-W50") is None


def test_year_and_month_given_apart_make_one_date():
    traps = TrapDetector(today=TODAY)
    assert traps.check("http://v.test/cal.php?year=2028&month=12") is None
    assert traps.check("http://v.test/cal.php?year=2029&month=1") == (
        "calendrier sans fin pour /cal.php : year=2029&month=1 est à plus de 2 ans de la date de collecte")
    # 36 distinct (year, month) pairs: 2026-12 back to 2024-01 followed, the 37th refused.
    traps = TrapDetector(today=TODAY)
    verdicts = [traps.check(f"http://v.test/cal.php?annee={m[:4]}&mois={int(m[5:])}")
                for m in _months((2026, 12), 37, step=-1)]
    assert verdicts[:36] == [None] * 36
    assert verdicts[36] == "calendrier sans fin pour /cal.php : plus de 36 dates différentes (annee, mois)"


def test_dates_are_recognised_in_their_usual_forms():
    def latest(query: str):
        return date_parameters(query_pairs(query))[1]

    assert latest("mois=2031-07") == date(2031, 7, 1)
    assert latest("date=2031-07-14") == date(2031, 7, 14)
    assert latest("date=14/07/2031") == date(2031, 7, 14)
    assert latest("start=2031-07-14T00%3A00%3A00%2B02%3A00") == date(2031, 7, 14)
    assert latest("semaine=2031-W02") == date(2031, 1, 6)
    assert latest("tx_cal_controller%5Bgetdate%5D=20310714") == date(2031, 7, 14)  # TYPO3 cal
    assert latest("q=agenda/2031-07") == date(2031, 7, 1)  # Drupal, without clean URLs
    assert latest("annee=2031&mois=7&jour=14") == date(2031, 7, 14)
    assert latest("statisticsYear=7749") == date(7749, 1, 1)  # OJS (crawler4j issue #31)
    # Not dates: ids, offsets, a month without its year, a slug that contains a date.
    assert latest("id=20310714") is None
    assert latest("debut_articles=2040") is None and latest("start=2030") is None and latest("limitstart=2030") is None
    assert latest("mois=7") is None
    assert latest("q=node/2031") is None and latest("page=compte-rendu-2031-07-14") is None


def test_dates_in_paths_past_the_horizon():
    traps = TrapDetector(today=TODAY)
    assert traps.check("http://v.test/agenda/mois/2028-12/") is None
    assert traps.check("http://v.test/agenda/mois/2029-01/") == (
        "calendrier sans fin : /agenda/mois/2029-01/ est à plus de 2 ans de la date de collecte")
    assert traps.check("http://v.test/agenda/2029/01/15/") is not None
    assert traps.check("http://v.test/objectifs/2035/") is None  # a year alone is a topic, not a calendar
    assert traps.check("http://v.test/conseil-municipal/seance-2031-01-28/") is None
    assert path_date(["actualites", "2025", "06", "fete"]) == date(2025, 6, 1)


def test_horizon_of_a_crawl_on_29_february():
    assert TrapDetector(today=date(2028, 2, 29)).horizon == date(2030, 2, 28)


# --- combinations ----------------------------------------------------------------------------------

FACETS = {"cat": ["a", "b", "c", "d"], "ville": ["v1", "v2", "v3", "v4", "v5"], "tri": ["nom", "date", "note"]}


def _facet_urls() -> list[str]:
    """Every filter alone, then every combination of two or three filters (parameters in one order)."""
    base = "http://www.ville.test/annuaire?"
    singles = [f"{k}={v}" for k, values in FACETS.items() for v in values]
    pairs = [f"{a}={x}&{b}={y}" for a, b in (("cat", "ville"), ("cat", "tri"), ("ville", "tri"))
             for x in FACETS[a] for y in FACETS[b]]
    triples = [f"cat={c}&ville={v}&tri={t}" for c in FACETS["cat"] for v in FACETS["ville"] for t in FACETS["tri"]]
    return [base + q for q in singles + pairs + triples]


def test_facet_combinations_stop_after_20_recombinations():
    urls = _facet_urls()
    assert len(urls) == 12 + (20 + 12 + 15) + 60
    traps = TrapDetector(today=TODAY)
    verdicts = [traps.check(u) for u in urls]
    followed = [u for u, v in zip(urls, verdicts) if v is None]
    # The 12 filters alone bring 12 values; then 20 recombinations (more than 1 per value: 12).
    assert len(followed) == 12 + 20
    assert followed[-1] == "http://www.ville.test/annuaire?cat=d&ville=v5"  # the 20th pair of (cat, ville): 4 × 5
    refused = [v for v in verdicts if v]
    assert len(refused) == len(urls) - 32
    assert refused[0] == ("combinaisons de paramètres sans fin pour /annuaire : 20 adresses qui ne font que "
                          "recombiner 12 valeurs déjà vues (cat, tri)")  # the first pair after the 20 of (cat, ville)


def test_recombinations_allowed_grow_with_the_values_seen():
    """Lists by category and page: 10 categories and 20 pages seen alone (30 values), then combined:
    30 recombinations (one per value, more than the free 20), then refused; a new value is always
    followed, and allows one more recombination."""
    base = "http://www.ville.test/liste?"
    traps = TrapDetector(today=TODAY)
    singles = [base + f"categorie=c{c}" for c in range(1, 11)] + [base + f"page={p}" for p in range(2, 22)]
    assert [traps.check(u) for u in singles] == [None] * 30
    combos = [base + f"categorie=c{c}&page={p}" for c in range(1, 11) for p in range(2, 22)]
    verdicts = [traps.check(u) for u in combos]
    assert verdicts[:30] == [None] * 30
    assert verdicts[30] == ("combinaisons de paramètres sans fin pour /liste : 30 adresses qui ne font que "
                            "recombiner 30 valeurs déjà vues (categorie, page)")
    assert all(verdicts[30:])
    assert traps.check(base + "categorie=c11") is None  # a new value: followed
    assert traps.check(base + "categorie=c2&page=12") is None  # 31 values: a 31st recombination
    assert traps.check(base + "categorie=c2&page=13") is not None


def test_same_parameters_in_another_order_are_the_page_already_followed():
    traps = TrapDetector(today=TODAY)
    assert traps.check("http://v.test/annuaire?cat=a&ville=v1") is None
    assert traps.check("http://v.test/annuaire?cat=a&ville=v1") is None  # the same address: still followed
    assert traps.check("http://v.test/annuaire?ville=v1&cat=a") == (
        "doublon : mêmes paramètres qu'une adresse déjà suivie, écrits autrement (ordre, encodage), "
        "pour /annuaire")
    assert traps.check("http://v.test/annuaire?cat=%61&ville=v1") is not None  # `a` percent-encoded
    assert traps.check("http://v.test/annuaire?cat=a&ville=v2") is None  # a new value


def test_spip_short_form_is_not_the_long_form():
    assert query_pairs("article12") == [("article#", "12")]
    assert query_pairs("page=article&id_article=12&imprimer") == [
        ("page", "article"), ("id_article", "12"), ("imprimer", "")]
    traps = TrapDetector(today=TODAY)
    assert traps.check("http://v.test/spip.php?article12") is None
    assert traps.check("http://v.test/spip.php?article=12") is None


# --- session ids -----------------------------------------------------------------------------------

def test_session_ids_are_stripped_before_the_detector_counts_anything():
    """100 links to one article, each with its own session id: one address, followed."""
    traps = TrapDetector(today=TODAY)
    urls = {strip_session(f"http://v.test/spip.php?article7&PHPSESSID={s:032x}") for s in range(100)}
    urls |= {strip_session(f"http://v.test/spip.php;jsessionid={s:08X}?article7") for s in range(100)}
    assert urls == {"http://v.test/spip.php?article7"}
    assert traps.check(urls.pop()) is None
    seen = traps.paths[("v.test", "/spip.php")]
    assert seen.queries == {"article7"} and seen.recombinations == 0
