"""`tnl calibrate`: published results against our outcomes recomputed from report.json (tnl/calibrate.py).

Every report here is written by hand: each domain's signals all share one assessment, so a domain
scores 1 (favorable), 0.5 (neutre) or 0 (defavorable) and the candidate's score is their mean, which
the expected figures below are worked out from, by hand, in the comments."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.rubric import load_rubric
from ground.model import DOMAINS, Evidence, Signal
from tnl.calibrate import (
    CALIBRATION_JSON,
    MIN_CANDIDATES,
    CalibrationError,
    calibrate,
    fit_cuts,
    read_results,
    spearman,
    write_calibration,
)
from tnl.cli import EXIT_BAD_INPUT, build_parser, main

F, N, D, U = "favorable", "neutre", "defavorable", "inconnu"
RUBRIC_SIGNALS = {d: [s for s, rule in rules.items() if rule.weight > 0]
                  for d, rules in load_rubric(edition=2024)[0].domains.items()}


def pattern(favorable: int, neutral: int = 0) -> list[str]:
    """The assessments of the five domains (in DOMAINS order): a score of (favorable + neutral / 2) / 5."""
    return [F] * favorable + [N] * neutral + [D] * (5 - favorable - neutral)


def write_report(out: Path, cid: str, domains: list[str] | None, extra: dict[str, str] | None = None,
                 name: str | None = None, siren: str | None = None, kind: str = "commune",
                 parcours: str | None = "label") -> None:
    """A candidate folder with a minimal report.json; `domains` None: its site was not reached."""
    signals = []
    for i, domain in enumerate(DOMAINS):
        for sid in RUBRIC_SIGNALS[domain]:
            signals.append({"id": sid, "domain": domain, "title": f"titre {sid}", "value": None,
                            "assessment": domains[i] if domains else U, "display": "", "evidence": [],
                            "details": {}, "reason": None, "searched": None})
    for sid, assessment in (extra or {}).items():  # signals the rubric does not weigh: no effect on the score
        signals.append({"id": sid, "domain": "communication", "title": f"titre {sid}", "value": None,
                        "assessment": assessment, "display": "", "evidence": [], "details": {}})
    candidate = {"id": cid, "name": name or cid.replace("-", " ").title(), "kind": kind,
                 "siren": siren, "parcours": parcours, "websites": [f"http://{cid}.test/"]}
    folder = out / cid
    folder.mkdir(parents=True)
    (folder / "candidate.json").write_text(json.dumps(candidate), encoding="utf-8")
    report = {"candidate": candidate, "signals": signals,
              "evaluation": {"unreachable": None if domains else "site injoignable (test)"}}
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def track(data: dict, edition: int, name: str | None = None) -> dict:
    ed = next(e for e in data["editions"] if e["edition"] == edition)
    return next(t for t in ed["tracks"] if t["track"] == name)


# --- Signal.from_dict ---------------------------------------------------------------------------

def test_signal_from_dict_is_the_inverse_of_to_dict_and_ignores_the_report_s_extra_keys():
    ev = Evidence(url="http://a.test/", fetched_at="2025-01-01T00:00:00Z", http_status=200, snippet="x",
                  sha256="ab", record_id="<urn:uuid:1>", page=2, dated="2024-11-12", dated_by="texte")
    sig = Signal(id="cms", domain="logiciels_libres", value={"name": "SPIP", "free": True}, assessment=F,
                 display="SPIP (libre)", evidence=[ev], details={"k": 1}, reason=None, searched={"pages": 3})
    data = {**sig.to_dict(), "title": "CMS", "description": "…", "title_en": "CMS"}
    assert Signal.from_dict(data) == sig
    assert Signal.from_dict({"id": "x", "domain": "open_data", "assessment": U}).display == ""
    with pytest.raises(ValueError):
        Signal.from_dict({"id": "x", "domain": "nulle_part", "assessment": F})


# --- the figures, worked out by hand --------------------------------------------------------------

def test_spearman_by_hand():
    # x ranks (4, 2.5, 2.5, 1), y ranks (4, 3, 2, 1), both of mean 2.5: Σdxdy = 2.25 + 2.25 = 4.5,
    # Σdx² = 4.5, Σdy² = 5: ρ = 4.5 / √22.5 = 0.9487.
    assert spearman([5, 3, 3, 1], [1.0, 0.6, 0.4, 0.2]) == 0.949
    assert spearman([1, 2], [1, 2]) is None  # fewer than 3 pairs
    assert spearman([1, 1, 1], [0.1, 0.5, 0.9]) is None  # one side does not vary


def test_fit_cuts_keeps_a_current_cut_that_fits_and_moves_one_that_does_not():
    # 0.1, 0.2 → 1; 0.5 → 2; 0.9 → 3: the current cuts 0.4 and 0.7 already separate them.
    assert fit_cuts([(0.1, 1), (0.2, 1), (0.5, 2), (0.9, 3)], {1: 0.0, 2: 0.4, 3: 0.7}) == {2: 0.4, 3: 0.7}
    # 0.35 is published 2: the cut must lie in (0.3, 0.35]; the nearest to 0.4 is 0.35.
    assert fit_cuts([(0.3, 1), (0.35, 2), (0.6, 2)], {1: 0.0, 2: 0.4}) == {2: 0.35}


def test_levels_edition_confusion_agreement_spearman_signals_and_leave_one_out(tmp_path):
    out = tmp_path / "out"
    # scores 1.0, 0.6, 0.4, 0.2 → levels 5, 4, 3, 2 (2024: 0.2, 0.4, 0.6, 0.8); e is not reached.
    write_report(out, "a", pattern(5), {"consent_manager": F, "zz_extra": F})
    write_report(out, "b", pattern(3), {"consent_manager": N, "zz_extra": F})
    write_report(out, "c", pattern(2), {"consent_manager": D, "zz_extra": F})
    write_report(out, "d", pattern(1), {"consent_manager": F, "zz_extra": D})
    write_report(out, "e", None)
    results = write_csv(tmp_path / "r.csv", "edition,id,resultat\n2024,a,5\n2024,b,3\n2024,c,3\n2024,d,1\n2024,e,2\n")
    data = calibrate(out, results, min_candidates=3)
    t = track(data, 2024)
    by_id = {c["id"]: c for c in t["candidates"]}
    assert {k: (c["ours"], c["score"]) for k, c in by_id.items()} == {
        "a": ("5", 1.0), "b": ("4", 0.6), "c": ("3", 0.4), "d": ("2", 0.2), "e": (None, None)}
    # published × ours: 5→5, 3→4, 3→3, 1→2, 2→non évaluable.
    confusion = {row["published"]: {k: v for k, v in row["counts"].items() if v} for row in t["confusion"]}
    assert confusion == {"1": {"2": 1}, "2": {"non_evaluable": 1}, "3": {"3": 1, "4": 1}, "4": {}, "5": {"5": 1}}
    # Evaluated: a, b, c, d. Exact: a and c (2 of 4); within one: all four (|4−3|, |2−1| are 1).
    assert t["agreement"] == {"n": 4, "exact": 2, "exact_share": 0.5, "within_one": 4, "within_one_share": 1.0,
                              "not_evaluable": 1, "coverage": 0.8}
    assert t["spearman"] == {"rho": 0.949, "n": 4, "sufficient": True}  # as in test_spearman_by_hand
    signals = {s["id"]: s for s in t["signals"]}
    # consent_manager (weight 0): points a 1, b 0.5, c 0, d 1 against ranks 5, 3, 3, 1: point ranks
    # (3.5, 2, 1, 3.5), published ranks (4, 2.5, 2.5, 1), mean 2.5 each: dx (1, −0.5, −1.5, 1),
    # dy (1.5, 0, 0, −1.5): Σdxdy = 1.5 + 0 + 0 − 1.5 = 0.
    assert signals["consent_manager"]["rho"] == 0.0 and signals["consent_manager"]["verdict"] == "ne_dit_rien"
    assert signals["consent_manager"]["n"] == 4  # e's is inconnu: left out
    assert {a: {k: v for k, v in row.items() if v} for a, row in signals["consent_manager"]["table"].items()} == {
        "favorable": {"5": 1, "1": 1}, "neutre": {"3": 1}, "defavorable": {"3": 1}, "inconnu": {"2": 1}}
    # zz_extra: points (1, 1, 1, 0) → ranks (3, 3, 3, 1), published ranks (4, 2.5, 2.5, 1): dx (.5, .5, .5, −1.5),
    # dy (1.5, 0, 0, −1.5): Σdxdy = 0.75 + 2.25 = 3, Σdx² = 3, Σdy² = 4.5: ρ = 3 / √13.5 = 0.8165.
    assert signals["zz_extra"]["rho"] == 0.816 and signals["zz_extra"]["verdict"] == "separe"
    rhos = [abs(s["rho"]) for s in t["signals"] if s["rho"] is not None]  # ranked by |ρ|, the undefined last
    assert rhos == sorted(rhos, reverse=True) and all(s["rho"] is None for s in t["signals"][len(rhos):])
    th = t["thresholds"]
    # Published 1 (0.2), 3 (0.4, 0.6), 5 (1.0): the cut of 3 in (0.2, 0.4] nearest 0.4 → 0.4; of 5 in
    # (0.6, 1.0] nearest 0.8 → 0.8; levels 1 (lowest published), 2 and 4 (never published): not fitted.
    assert th["status"] == "ajuste"
    assert th["fitted"] == {"1": None, "2": None, "3": 0.4, "4": None, "5": 0.8}
    assert th["fitted_agreement"] == {"exact": 4, "share": 1.0}
    assert th["current_agreement"] == {"exact": 2, "share": 0.5}
    # Leave-one-out: without a, no 5 is published (a is missed); without d, no 1 (missed); b and c are
    # predicted 3 by the cuts fitted on the three others. 2 of 4.
    assert th["loo_agreement"] == {"exact": 2, "share": 0.5}


def test_below_the_minimum_no_threshold_is_fitted_and_no_signal_is_judged(tmp_path):
    out = tmp_path / "out"
    for cid, favorable in (("a", 5), ("b", 3), ("c", 2), ("d", 1)):
        write_report(out, cid, pattern(favorable), {"zz_extra": F if cid != "d" else D})
    results = write_csv(tmp_path / "r.csv", "edition,id,resultat\n2024,a,5\n2024,b,3\n2024,c,3\n2024,d,1\n")
    t = track(calibrate(out, results), 2024)  # the default minimum, 20
    assert MIN_CANDIDATES == 20
    assert t["thresholds"]["status"] == "donnees_insuffisantes"
    assert t["thresholds"]["fitted"] is None and t["thresholds"]["loo_agreement"] is None
    assert {s["verdict"] for s in t["signals"]} == {"donnees_insuffisantes"}
    assert t["spearman"] == {"rho": 0.949, "n": 4, "sufficient": False}  # given, said to be insufficient


def test_leave_one_out_on_twenty_candidates_where_the_best_cut_is_obvious(tmp_path):
    out = tmp_path / "out"
    lines = ["edition;nom;resultat"]
    # 2025, label track. Bronze: 8 at 0.3 (one favorable domain, one neutre) and 2 at 0.5; Argent: 9 at
    # 0.6 and one at 0.3 (what the jury saw that the sites do not show).
    groups = [("bronze", 8, pattern(1, 1)), ("bronze", 2, pattern(2, 1)), ("argent", 9, pattern(3)),
              ("argent", 1, pattern(1, 1))]
    k = 0
    for published, count, domains in groups:
        for _ in range(count):
            k += 1
            write_report(out, f"c{k:02d}", domains, name=f"Commune {k:02d}")
            lines.append(f"2025;Commune {k:02d};{published}")
    results = write_csv(tmp_path / "r.csv", "\n".join(lines) + "\n")
    data = calibrate(out, results)
    t = track(data, 2025, "label")
    assert t["n"] == 20
    # Ours with the current tiers (0.4, 0.55, 0.7): 0.3 → aucun, 0.5 → bronze, 0.6 → argent.
    confusion = {row["published"]: {k: v for k, v in row["counts"].items() if v} for row in t["confusion"]}
    assert confusion == {"bronze": {"aucun": 8, "bronze": 2}, "argent": {"aucun": 1, "argent": 9}, "or": {}}
    # exact: 2 + 9 = 11; within one: all but the argent at 0.3 (aucun, 2 ranks below) = 19.
    assert (t["agreement"]["exact"], t["agreement"]["within_one"]) == (11, 19)
    # Spearman: published ranks 5.5 (bronze) and 15.5 (argent), dx ∓5; score ranks 5 (0.3 ×9), 10.5 (0.5 ×2),
    # 16 (0.6 ×9), dy −5.5, 0, 5.5: Σdxdy = 8·27.5 − 27.5 + 9·27.5 = 440; Σdx² = 500; Σdy² = 18·30.25 = 544.5;
    # ρ = 440 / √272250 = 0.8433.
    assert t["spearman"] == {"rho": 0.843, "n": 20, "sufficient": True}
    th = t["thresholds"]
    # Cut for argent: below 0.3 → 10 right; in (0.3, 0.5] → 8 + 9 = 17; in (0.5, 0.6] → 10 + 9 = 19; above
    # 0.6 → 10. Best: (0.5, 0.6], nearest the current 0.55 → 0.55. Bronze is the lowest published: not
    # fitted; or was never published: not fitted.
    assert th["fitted"] == {"bronze": None, "argent": 0.55, "or": None}
    assert th["fitted_agreement"] == {"exact": 19, "share": 0.95}
    assert th["current_agreement"] == {"exact": 11, "share": 0.55}
    # Leave-one-out: each left out is predicted by the cut fitted on the 19 others, still in (0.5, 0.6]
    # (0.55): every one right but the argent at 0.3. 19 of 20.
    assert th["loo_agreement"] == {"exact": 19, "share": 0.95}
    # One more than we have: « données insuffisantes », no thresholds.
    th21 = track(calibrate(out, results, min_candidates=21), 2025, "label")["thresholds"]
    assert (th21["status"], th21["fitted"], th21["loo_agreement"]) == ("donnees_insuffisantes", None, None)


def test_badge_track_and_mentions_2025(tmp_path):
    out = tmp_path / "out"
    # DOMAINS order: strategie, interop_accessibilite, logiciels_libres, communication, open_data.
    write_report(out, "m1", pattern(5))  # everything favorable: every mention suggested
    write_report(out, "m2", pattern(0))  # nothing: no mention
    write_report(out, "m3", pattern(5))
    write_report(out, "m4", None)  # not reached: mentions not evaluable
    write_report(out, "b1", [D, D, F, D, F])  # 0.4: badge (0.35) on the badge track, bronze on the label one
    write_report(out, "b2", [D, D, D, D, F])  # 0.2: no badge
    write_report(out, "m5", pattern(5))  # mutualisation published, and suggested: no tier published
    results = write_csv(tmp_path / "r.csv", (
        "edition,id,resultat,mentions\n"
        "2025,m1,or,mutualisation|premiere_candidature\n"
        "2025,m2,bronze,mutualisation\n"
        "2025,m3,argent,\n"
        "2025,m4,bronze,sobriete\n"
        "2025,b1,badge,\n"
        "2025,b2,Badge,\n"
        "2025,m5,,mutualisation\n"))  # a mention published without a tier
    data = calibrate(out, results, min_candidates=2)
    badge = track(data, 2025, "badge")
    # The published badge is compared on the badge track (b1's candidates file says « label »).
    assert {c["id"]: c["ours"] for c in badge["candidates"]} == {"b1": "badge", "b2": "aucun"}
    assert badge["confusion"] == [{"published": "badge", "counts": {"aucun": 1, "badge": 1, "non_evaluable": 0},
                                   "total": 1 + 1}]
    assert badge["agreement"]["exact"] == 1 and badge["agreement"]["within_one"] is None
    assert badge["thresholds"]["status"] == "un_seul_resultat" and badge["thresholds"]["current"] == {"badge": 0.35}
    label = track(data, 2025, "label")
    assert {c["id"]: c["ours"] for c in label["candidates"]} == {"m1": "or", "m3": "or", "m2": "aucun", "m4": None}
    mentions = {m["id"]: m for m in next(e for e in data["editions"] if e["edition"] == 2025)["mentions"]}
    # mutualisation: m1 and m5 published and suggested; m2 published, not suggested; m3 suggested, not
    # published; b1, b2 neither (strategie défavorable); m4 not evaluable. Agreement (2 + 2) / 6.
    assert mentions["mutualisation"]["table"] == {"both": 2, "published_only": 1, "suggested_only": 1, "neither": 2}
    assert mentions["mutualisation"]["not_evaluable"] == {"published": 0, "not_published": 1}
    assert (mentions["mutualisation"]["agreement"], mentions["mutualisation"]["agreement_share"]) == (4, 0.667)
    # sobriete: published only for m4, which is not evaluable; suggested for m1, m3 and m5.
    assert mentions["sobriete"]["table"] == {"both": 0, "published_only": 0, "suggested_only": 3, "neither": 3}
    assert mentions["sobriete"]["not_evaluable"] == {"published": 1, "not_published": 0}
    assert mentions["premiere_candidature"]["judged"] is False and mentions["premiere_candidature"]["published"] == 1
    ed = next(e for e in data["editions"] if e["edition"] == 2025)
    assert [(e["id"], e["published"], e["agree"]) for e in ed["mentions_only"]] == [("m5", "", None)]
    assert all(c["id"] != "m5" for t in ed["tracks"] for c in t["candidates"])  # in no track's figures


def test_matching_by_id_siren_folded_name_and_the_rows_left_over(tmp_path):
    out = tmp_path / "out"
    write_report(out, "se", pattern(3), name="Saint-Étienne-les-Bains")
    write_report(out, "sr", pattern(3), siren="213801517", name="Autre nom")
    write_report(out, "m1", pattern(3), name="Sainte-Marie")
    write_report(out, "m2", pattern(3), name="Sainte Marie")
    results = write_csv(tmp_path / "r.csv", (
        "edition,id,nom,siren,resultat\n"
        "2024,,SAINT ETIENNE  les bains,,3\n"       # the name, folded
        "2024,,Nom différent,213 801 517,4\n"       # the SIREN (spaces allowed)
        "2024,m1,Sainte-Marie,,2\n"                 # the id first
        "2024,,Sainte-Marie,,2\n"                   # two candidates of that name: ambiguous
        "2024,,Ville inconnue,,1\n"                 # nobody
        "2024,se,,,3\n"                             # se again in 2024: a duplicate
        "2025,se,,,argent\n"))                      # the same candidate, another edition: fine
    data = calibrate(out, results)
    matched = {c["line"]: (c["id"], c["matched_by"]) for c in track(data, 2024)["candidates"]}
    assert matched == {2: ("se", "nom"), 3: ("sr", "siren"), 4: ("m1", "id")}
    assert [(u["line"], u["reason"]) for u in data["unmatched"]] == [(5, "ambiguous"), (6, "not_found"), (7, "duplicate")]
    assert data["unmatched"][2]["first_line"] == 2
    assert track(data, 2025, "label")["candidates"][0]["id"] == "se"


def test_the_palmares_header_and_a_french_spreadsheet_csv_are_read(tmp_path):
    out = tmp_path / "out"
    write_report(out, "lib", pattern(4), name="Libreville-sur-Isère", siren="213801517")
    palmares = write_csv(tmp_path / "palmares.csv", (
        "edition,nom,type,siren,resultat,mentions,source_url,source_siren\n"
        "2025,Libreville-sur-Isère,commune,213801517,or,,https://example.org/,https://example.org/s\n"
        "2023,Libreville-sur-Isère,commune,,4,,https://example.org/,\n"
        "2016,Libreville-sur-Isère,commune,,3,,https://example.org/,\n"))
    data = calibrate(out, palmares)
    # 2023: the rubric of 2019, the latest shipped before it; 2016: the first shipped (the same levels).
    assert [(e["edition"], e["rubric_edition"], e["matched"]) for e in data["editions"]] == [
        (2025, 2025, 1), (2023, 2019, 1), (2016, 2019, 1)]
    spreadsheet = write_csv(tmp_path / "tableur.csv", "Édition;Nom;Résultat\r\n2024;LIBREVILLE SUR ISÈRE;4\r\n",
                            encoding="cp1252")
    assert track(calibrate(out, spreadsheet), 2024)["candidates"][0]["id"] == "lib"


def test_the_shipped_palmares_is_accepted_as_is(tmp_path):
    from checks.rubric import EDITIONS_DIR

    out = tmp_path / "out"
    write_report(out, "x", pattern(3), name="Aucune ville du palmarès")
    data = calibrate(out, EDITIONS_DIR / "palmares.csv")
    assert data["results"]["rows"] == len(data["unmatched"]) > 0
    assert all(ed["tracks"] == [] for ed in data["editions"])  # nothing matched: no figures


@pytest.mark.parametrize(("text", "expected"), [
    ("id,resultat\na,3\n", "r.csv:1: colonne 'edition' absente"),
    ("edition,resultat\n2024,3\n", "r.csv:1: aucune des colonnes 'id', 'nom', 'siren'"),
    ("edition,id,resultat\n2024,a,3\n2025,a,platine\n", "r.csv:3: colonne 'resultat' : « platine » invalide pour l'édition 2025"),
    ("edition,id,resultat\n2024,a,7\n", "r.csv:2: colonne 'resultat' : « 7 » invalide pour l'édition 2024"),
    ("edition,id,resultat\n2024,a,or\n", "r.csv:2: colonne 'resultat'"),
    ("edition,id,resultat\n2015,a,3\n", "r.csv:2: colonne 'edition' : édition 2015 : le label n'existait pas encore"),
    ("edition,id,resultat\n2031,a,or\n", "r.csv:2: colonne 'edition' : édition 2031 sans grille"),
    ("edition,id,resultat\nvingt,a,3\n", "r.csv:2: colonne 'edition' : « vingt » n'est pas une année"),
    ("edition,id,resultat,mentions\n2025,a,or,courage\n", "r.csv:2: colonne 'mentions' : mention « courage » inconnue"),
    ("edition,id,resultat,mentions\n2024,a,3,sobriete\n", "l'édition 2024 n'a pas de mentions"),
    ("edition,id,siren,resultat\n2024,a,12345,3\n", "r.csv:2: colonne 'siren' : « 12345 » n'est pas un SIREN"),
    ("edition,id,nom,resultat\n2024,,,3\n", "r.csv:2: colonnes 'id', 'nom' et 'siren' vides"),
    ("edition,id,resultat,mentions\n2025,a,,\n", "r.csv:2: colonne 'resultat' : vide (attendu : badge"),
    ("edition,id,resultat\n", "aucune ligne de résultat"),
])
def test_bad_results_files_are_one_line_errors_naming_file_line_and_column(tmp_path, text, expected):
    path = write_csv(tmp_path / "r.csv", text)
    with pytest.raises(CalibrationError) as err:
        read_results(path)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_the_command_writes_both_files_prints_a_summary_and_says_bad_input_with_exit_2(tmp_path, capsys):
    out = tmp_path / "out"
    write_report(out, "a", pattern(5), name="<b>Ville</b>")
    write_report(out, "b", pattern(2))
    results = write_csv(tmp_path / "r.csv", "edition,id,nom,resultat\n2024,a,,5\n2024,b,,3\n2024,,<script>x</script>,2\n")
    assert main(["calibrate", str(out), str(results), "--min-candidates", "2"]) == 0
    printed = capsys.readouterr().out
    assert "Édition 2024 : 3 ligne(s), 2 appariée(s)" in printed and "accord exact 2/2 (100 %)" in printed
    assert str(out / "calibration.html") in printed
    data = json.loads((out / CALIBRATION_JSON).read_text(encoding="utf-8"))
    assert data["schema"] == "tnl-evidence/calibration" and data["min_candidates"] == 2
    page = (out / "calibration.html").read_text(encoding="utf-8")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<b>Ville" not in page and "le jury décide" in page and "<svg" in page
    assert main(["calibrate", str(out), str(results), "--lang", "en"]) == 0
    assert "the jury decides" in (out / "calibration.html").read_text(encoding="utf-8")
    capsys.readouterr()
    bad = write_csv(tmp_path / "bad.csv", "edition,id,resultat\n2024,a,7\n")
    assert main(["calibrate", str(out), str(bad)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"tnl : {bad}:2: colonne 'resultat'") and err.count("\n") == 1
    assert main(["calibrate", str(tmp_path / "vide"), str(results)]) == EXIT_BAD_INPUT
    assert build_parser().parse_args(["calibrate", "o", "r.csv"]).min_candidates == MIN_CANDIDATES


def test_a_run_without_any_report_is_bad_input(tmp_path):
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "candidate.json").write_text("{}", encoding="utf-8")
    results = write_csv(tmp_path / "r.csv", "edition,id,resultat\n2024,a,3\n")
    with pytest.raises(CalibrationError, match="aucun report.json"):
        write_calibration(out, results)
