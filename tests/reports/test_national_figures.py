"""The national section of chiffres.html (reports/national.py): figures overall, by kind and by
population class, beside the observatories' published figures and ANCT's own checks.

Five hand-made candidates (sample_reports.make_report, signals replaced); every expected share below
is counted by hand from the table in `five()`:

    cand  kind         pop     mention        https (https, redirect)  official_email  cms free  analytics              data.gouv   ANCT rpnt
    A     commune      300     fav "partiel."  fav (T, T)              favorable       True      [Matomo]               0 sets      "1.1,1.4,1.5,2.1,2.2"
    B     commune      1 200   def None        def (T, F)              defavorable     False     [Google Analytics]     3 sets      "1.1,1.5,2.1"
    C     commune      5 000   inconnu         inconnu                 favorable       inconnu   inconnu                12 sets     ["1.4", "1.5", "2.2"]
    D     epci         60 000  fav "non conf." fav (T, T)              neutre          True      [Matomo, Google An.]   0 sets      (no row)
    E     region       —       fav "totale."   def (F, F)              (no signal)     False     []                     1 set       (no row)
"""
from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sample_reports import make_report, signal

from reports.figures import render_figures
from reports.national import anct_criteria, compute_national, gap_and_flag, observatories, population_class

BANDS = observatories()["classes"]["bands"]


def cand(cid: str, kind: str, population: int | None, sigs: dict[str, tuple[str, Any]],
         rpnt: Any = None) -> dict[str, Any]:
    report = make_report(cid, f"Collectivité {cid}")
    report["candidate"].update(kind=kind, population=population)
    if rpnt is not None:
        report["candidate"]["directory"] = {"source": "anct", "file": "dpnt.csv", "sha256": "0" * 64, "line": 2,
                                            "row": {"siren": "213801514", "rpnt": rpnt}}
    report["signals"] = [signal(sid, "interop_accessibilite", assessment=a, display=str(v), value=v)
                         for sid, (a, v) in sigs.items()]
    return report


def five() -> list[dict[str, Any]]:
    return [
        cand("a", "commune", 300, {
            "a11y_mention": ("favorable", "partiellement conforme"),
            "https": ("favorable", {"https": True, "redirection": True}),
            "official_email": ("favorable", "mairie@a.fr"),
            "cms": ("favorable", {"name": "SPIP", "free": True}),
            "analytics": ("favorable", ["Matomo"]),
            "datagouv_datasets": ("neutre", {"datasets": 0})}, rpnt="1.1,1.4,1.5,2.1,2.2"),
        cand("b", "commune", 1200, {
            "a11y_mention": ("defavorable", None),
            "https": ("defavorable", {"https": True, "redirection": False}),
            "official_email": ("defavorable", "mairie.b@wanadoo.fr"),
            "cms": ("neutre", {"name": "Wix", "free": False}),
            "analytics": ("defavorable", ["Google Analytics"]),
            "datagouv_datasets": ("favorable", {"datasets": 3})}, rpnt="1.1,1.5,2.1"),
        cand("c", "commune", 5000, {
            "a11y_mention": ("inconnu", None),
            "https": ("inconnu", None),
            "official_email": ("favorable", "contact@c.fr"),
            "cms": ("inconnu", None),
            "analytics": ("inconnu", None),
            "datagouv_datasets": ("favorable", {"datasets": 12})}, rpnt=["1.4", "1.5", "2.2"]),
        cand("d", "epci", 60000, {
            "a11y_mention": ("favorable", "non conforme"),
            "https": ("favorable", {"https": True, "redirection": True}),
            "official_email": ("neutre", "contact@syndicat.fr"),
            "cms": ("favorable", {"name": "Drupal", "free": True}),
            "analytics": ("neutre", ["Matomo", "Google Analytics"]),
            "datagouv_datasets": ("neutre", {"datasets": 0})}),
        cand("e", "region", None, {
            "a11y_mention": ("favorable", "totalement conforme"),
            "https": ("defavorable", {"https": False, "redirection": False}),
            "cms": ("neutre", {"name": "Sitecore", "free": False}),
            "analytics": ("favorable", []),
            "datagouv_datasets": ("favorable", {"datasets": 1})}),
    ]


def figure(national: dict[str, Any], key: str) -> dict[str, Any]:
    return next(f for f in national["figures"] if f["key"] == key)


def comparison(national: dict[str, Any], key: str) -> dict[str, Any]:
    return next(c for c in national["comparisons"] if c["ref"]["key"] == key)


def counted(c: dict[str, Any]) -> tuple:
    return c["count"], c["base"], c["unknown"]


# --- classes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("population,band", [
    (1, "moins_500"), (499, "moins_500"), (500, "500_3499"), (3499, "500_3499"), (3500, "3500_9999"),
    (9999, "3500_9999"), (10000, "10000_49999"), (49999, "10000_49999"), (50000, "50000_plus"),
    (2_100_000, "50000_plus"), (None, "inconnue"), (0, "inconnue"), ("12000", "inconnue"), (True, "inconnue")])
def test_population_classes_are_the_grouped_strata(population, band):
    assert population_class(population, BANDS) == band


# --- overall, by kind, by class ----------------------------------------------------------------------

def test_each_figure_overall_counts_over_the_candidates_where_its_signal_was_established():
    national = compute_national(five())
    # mention: base A, B, D, E (C inconnu); yes A, D, E (a non-empty state, even « non conforme »).
    assert counted(figure(national, "mention_accessibilite")["overall"]) == (3, 4, 1)
    assert figure(national, "mention_accessibilite")["overall"]["share"] == 0.75
    # https: yes A, D (https and redirection); B redirects nothing, E has no https.
    assert counted(figure(national, "https")["overall"]) == (2, 4, 1)
    # own-domain e-mail: favorable for A and C; D « neutre » is in the base; E has no such signal.
    assert counted(figure(national, "email_domaine_propre")["overall"]) == (2, 4, 1)
    assert counted(figure(national, "cms_libre")["overall"]) == (2, 4, 1)
    assert counted(figure(national, "google_analytics")["overall"]) == (2, 4, 1)  # B and D
    assert counted(figure(national, "data_gouv")["overall"]) == (3, 5, 0)  # B, C, E
    assert figure(national, "data_gouv")["overall"]["share"] == 0.6


def test_figures_by_kind_and_by_population_class():
    national = compute_national(five())
    assert national["kinds"] == ["commune", "epci", "region"]
    assert national["classes"] == ["moins_500", "500_3499", "3500_9999", "50000_plus", "inconnue"]
    mention = figure(national, "mention_accessibilite")
    assert {k: counted(c) for k, c in mention["by_kind"].items()} == {
        "commune": (1, 2, 1), "epci": (1, 1, 0), "region": (1, 1, 0)}
    assert {k: counted(c) for k, c in mention["by_class"].items()} == {
        "moins_500": (1, 1, 0), "500_3499": (0, 1, 0), "3500_9999": (0, 0, 1), "50000_plus": (1, 1, 0),
        "inconnue": (1, 1, 0)}
    assert mention["by_class"]["3500_9999"]["share"] is None  # no base: no share
    data_gouv = figure(national, "data_gouv")
    assert {k: counted(c) for k, c in data_gouv["by_kind"].items()} == {
        "commune": (2, 3, 0), "epci": (0, 1, 0), "region": (1, 1, 0)}


def test_a_figure_whose_signal_no_report_carries_is_not_measured():
    reports = five()
    for report in reports:
        report["signals"] = [s for s in report["signals"] if s["id"] != "official_email"]
    email = figure(compute_national(reports), "email_domaine_propre")
    assert email["overall"]["measured"] is False and email["overall"]["share"] is None
    assert counted(email["overall"]) == (0, 0, 5)
    assert figure(compute_national(reports), "https")["overall"]["measured"] is True


# --- beside the observatories --------------------------------------------------------------------------

def test_each_published_figure_is_set_beside_ours_on_the_population_it_counted():
    national = compute_national(five())
    # Fédération des Aveugles, communes: our communes A, B, C; mention base A, B; yes A: 50 %, 50 − 21.3.
    faf = comparison(national, "faf_mention")
    assert counted(faf["ours"]) == (1, 2, 1) and faf["gap"] == 28.7 and faf["flag"] is False
    assert faf["ref"]["denominator"]["number"] == 1821
    # DINUM, every candidate: https 2 of 4 = 50 %; 50 − 84.6.
    assert comparison(national, "dinum_https")["gap"] == -34.6
    # OpenDataFrance, over 3,500 inhabitants: C (5,000) and D (60,000), E has no population; C has data.
    odf = comparison(national, "odf_opendata")
    assert counted(odf["ours"]) == (1, 2, 0) and odf["gap"] == 34.0
    # ANCT e-mail, communes: A fav, B def, C fav: 2 of 3 = 66.67 %; 66.67 − 39.9 = 26.77.
    email = comparison(national, "anct_email")
    assert counted(email["ours"]) == (2, 3, 0) and email["gap"] == 26.8
    # Context only (no figure of ours): listed apart, never compared.
    assert {ref["key"] for ref in national["context"]} == {"anct_domaine", "carte_accessibilite"}


def test_a_large_gap_on_a_large_enough_base_is_flagged_for_review():
    rule = {"points": 15, "min_base": 30}
    assert gap_and_flag(0.5, 34.9, 30, rule) == (15.1, True)
    assert gap_and_flag(0.5, 35.0, 30, rule) == (15.0, False)  # « more than » 15 points
    assert gap_and_flag(0.5, 34.9, 29, rule) == (15.1, False)  # base under 30
    assert gap_and_flag(0.2, 40.0, 100, rule) == (-20.0, True)  # either way
    assert gap_and_flag(None, 40.0, 100, rule) == (None, False)
    data = copy.deepcopy(observatories())
    data["rule"] = {"points": 15, "min_base": 2}
    national = compute_national(five(), data)
    assert comparison(national, "faf_mention")["flag"] is True  # +28.7 on a base of 2
    assert comparison(national, "dinum_https")["flag"] is True  # −34.6 on 4


# --- ANCT's own results -------------------------------------------------------------------------------

def test_anct_criteria_are_read_from_the_directory_row_as_published():
    a, b, c, d, _ = five()
    assert anct_criteria(a, ["rpnt"]) == {"1.1", "1.4", "1.5", "2.1", "2.2"}  # CSV: joined by commas
    assert anct_criteria(c, ["rpnt"]) == {"1.4", "1.5", "2.2"}  # JSON: a list
    assert anct_criteria(d, ["rpnt"]) is None  # no directory row
    b["candidate"]["directory"]["row"] = {"RPNT": ""}
    assert anct_criteria(b, ["rpnt"]) == set()  # the column, empty: no criterion met
    b["candidate"]["directory"]["row"] = {"rpnt": '["1.2", "a"]'}
    assert anct_criteria(b, ["rpnt"]) == {"1.2", "a"}  # a JSON list kept as text


def test_anct_results_are_shown_beside_ours_on_the_same_candidates():
    national = compute_national(five())
    https = figure(national, "https")["anct"]
    # Rows A, B, C; criteria 1.4 and 1.5: A and C meet both, B only 1.5: 2 of 3 according to ANCT.
    assert https["theirs"] == {"count": 2, "base": 3, "share": 0.6667}
    # Ours on A, B, C: base A, B (C inconnu), yes A: 50 %; 50 − 66.67.
    assert counted(https["ours"]) == (1, 2, 1) and https["gap"] == -16.7 and https["flag"] is False
    email = figure(national, "email_domaine_propre")["anct"]
    assert email["theirs"] == {"count": 2, "base": 3, "share": 0.6667} and email["gap"] == 0.0  # 2.2: A and C
    assert figure(national, "mention_accessibilite")["anct"] is None  # no ANCT criterion for it
    for report in five():
        report["candidate"].pop("directory", None)
    assert figure(compute_national([r for r in five() if "directory" not in r["candidate"]]), "https")["anct"] is None


# --- the page and its CSV files --------------------------------------------------------------------------

def plain(text: str) -> str:
    """French numbers use narrow no-break spaces (« 1 821 », « 50 % »): compared as plain spaces here."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def cells_of(row: Any) -> list[str]:
    return [plain(td.get_text(" ", strip=True)) for td in row.find_all("td")]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_page_shows_ours_theirs_the_denominator_the_source_and_the_gap(tmp_path):
    paths = render_figures(five(), tmp_path)
    page = BeautifulSoup(paths["figures_html"].read_text(encoding="utf-8"), "lxml")
    row = page.find(id="ref-faf_mention")
    cells = cells_of(row)
    assert cells[0] == "50 % (1 / 2)" and cells[1] == "commune"
    assert cells[2].startswith("21,3 %") and "1 821 sites web de communes" in cells[3]
    assert row.find("a")["href"] == "https://observatoire-access-num.aveuglesdefrance.org/les-communes"
    assert cells[5] == "+28,7 points" and cells[6] == ""
    odf = plain(page.find(id="ref-odf_opendata").get_text(" ", strip=True))
    assert "≈ 5 000 collectivités soumises" in odf and "toutes les candidates de plus de 3 500 habitants" in odf
    anct = cells_of(page.find(id="selon-anct").tbody.tr)
    assert anct[0].startswith("66,7 % (2 / 3)") and anct[1] == "50 % (1 / 2)" and anct[2] == "-16,7 points"
    heads = [th.get_text() for th in page.find(id="par-type").thead.find_all("th")]
    assert heads == ["Les candidates qui…", "Ensemble", "commune", "intercommunalité (EPCI)", "région"]
    heads = [plain(th.get_text()) for th in page.find(id="par-population").thead.find_all("th")]
    assert heads[2:] == ["moins de 500 hab.", "500 à 3 499 hab.", "3 500 à 9 999 hab.", "50 000 hab. et plus",
                         "population non donnée"]
    first = cells_of(page.find(id="par-population").tbody.tr)
    assert first == ["75 % (3 / 4)", "100 % (1 / 1)", "0 % (0 / 1)", "—", "100 % (1 / 1)", "100 % (1 / 1)"]
    assert "L2334-3" in page.find(id="classes-source").get_text()
    assert "carte de l'accessibilité" in page.find(id="autres-chiffres").get_text()


def test_the_flag_and_the_unmeasured_figure_on_the_page(tmp_path):
    reports = five()
    for report in reports:
        report["signals"] = [s for s in report["signals"] if s["id"] != "official_email"]
    reports += [copy.deepcopy(reports[0]) for _ in range(29)]  # 30 × A: a base of 31 communes
    page = BeautifulSoup(render_figures(reports, tmp_path)["figures_html"].read_text(encoding="utf-8"), "lxml")
    faf = cells_of(page.find(id="ref-faf_mention"))
    # Communes: 30 × A (mention) + B (none), C not established: 30 of 31 = 96.77 %; 96.77 − 21.3 = 75.47.
    assert faf[0] == "96,8 % (30 / 31)" and faf[5] == "+75,5 points" and faf[6] == "à examiner"
    assert page.find(id="ref-anct_email").find("td").get_text() == "non mesuré"


def test_the_csv_files_give_every_group_and_every_comparison(tmp_path):
    paths = render_figures(five(), tmp_path)
    groups = read(paths["figures_groups_csv"])
    mention = [(r["groupe"], r["valeur"], r["nombre"], r["base"], r["part"]) for r in groups
               if r["chiffre"] == "mention_accessibilite"]
    assert mention == [("ensemble", "", "3", "4", "0.75"), ("type", "commune", "1", "2", "0.5"),
                       ("type", "epci", "1", "1", "1.0"), ("type", "region", "1", "1", "1.0"),
                       ("strate", "moins_500", "1", "1", "1.0"), ("strate", "500_3499", "0", "1", "0.0"),
                       ("strate", "3500_9999", "0", "0", ""), ("strate", "50000_plus", "1", "1", "1.0"),
                       ("strate", "inconnue", "1", "1", "1.0")]
    anct = [r for r in groups if r["groupe"] == "selon_anct"]
    assert [(r["chiffre"], r["valeur"], r["nombre"], r["base"]) for r in anct] == [
        ("https", "1.4+1.5", "2", "3"), ("email_domaine_propre", "2.2", "2", "3")]
    comparisons = {r["reference"]: r for r in read(paths["figures_observatories_csv"])}
    assert (comparisons["dinum_https"]["notre_part"], comparisons["dinum_https"]["leur_part"],
            comparisons["dinum_https"]["ecart_points"], comparisons["dinum_https"]["a_examiner"]) == (
        "0.5", "84.6", "-34.6", "False")
    assert comparisons["odf_opendata"]["population"] == "toutes>3500"
    assert comparisons["faf_mention"]["leur_denominateur_nombre"] == "1821"


def test_words_and_cells_from_the_reports_are_escaped_and_neutralised(tmp_path):
    reports = five()
    reports[3]["candidate"]["kind"] = "=HYPERLINK(\"http://evil\")"
    reports[4]["candidate"]["name"] = "<script>alert(1)</script>"
    paths = render_figures(reports, tmp_path)
    text = paths["figures_html"].read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    kinds = {r["valeur"] for r in read(paths["figures_groups_csv"]) if r["groupe"] == "type"}
    assert "'=HYPERLINK(\"http://evil\")" in kinds


def test_a_source_without_a_safe_url_is_no_link(tmp_path):
    data = copy.deepcopy(observatories())
    data["references"][0].update(url="javascript:alert(1)", source="<b>Observatoire</b>")
    html_text = _section(compute_national(five(), data))
    assert "javascript:" not in html_text and "&lt;b&gt;Observatoire&lt;/b&gt; (adresse non relevée)" in html_text


def _section(national: dict[str, Any]) -> str:
    from reports.national import national_section

    return national_section(national, "fr")


def test_the_page_lists_a_bounded_number_of_names_and_the_csv_all(tmp_path):
    base = five()[0]
    reports = []
    for i in range(60):
        report = copy.deepcopy(base)
        report["candidate"]["name"] = f"Commune {i:02d}"
        reports.append(report)
    paths = render_figures(reports, tmp_path)
    page = BeautifulSoup(paths["figures_html"].read_text(encoding="utf-8"), "lxml")
    row = next(tr for tr in page.tbody.find_all("tr") if "état d'accessibilité" in tr.th.get_text())
    who = row.find_all("td")[-1].get_text()
    assert "Commune 49" in who and "Commune 50" not in who and who.endswith("… et 10 autres (toutes dans chiffres.csv)")
    whole = next(r for r in read(paths["figures_csv"]) if r["chiffre"] == "mention_accessibilite")["candidates"]
    assert whole.count("Commune") == 60


def test_the_english_page(tmp_path):
    page = render_figures(five(), tmp_path, lang="en")["figures_html"].read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "lxml")
    assert soup.find(id="national").h2.get_text() == "National figures, beside the observatories'"
    assert soup.find(id="ref-faf_mention").find("td").get_text() == "50% (1 / 2)"
    assert "under 500 inhab." in soup.find(id="par-population").get_text()


def test_every_reference_names_a_figure_we_have_and_states_its_denominator_and_source():
    from reports.shares import BY_KEY

    data = observatories()
    assert set(data["figures"]) <= set(BY_KEY)
    for ref in data["references"]:
        assert ref["figure"] is None or ref["figure"] in BY_KEY, ref["key"]
        assert (ref["value"] is None) == (ref["figure"] is None), ref["key"]
        assert ref["denominator"]["words"] and ref["source"] and "date" in ref and "url" in ref, ref["key"]
    assert set(data["anct"]["figures"]) <= set(data["figures"])
