"""`tnl report --lang en` on the shared crawl: English pages from the same report.json, French by default."""
from __future__ import annotations

import hashlib
import shutil

from bs4 import BeautifulSoup

from checks.registry import CHECKS
from demo import DATAGOUV_API
from ground.model import DOMAINS
from tests.e2e.helpers import EXPECTED, report, tnl, world_args


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_lang_en_writes_english_pages_from_the_same_json(run_out, tmp_path):
    out, _ = run_out
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    json_before = {cid: _sha(copy / cid / "report.json") for cid in EXPECTED}
    proc = tnl("report", str(copy), "--lang", "en", "--quiet", block_network=True)
    assert proc.returncode == 0, proc.stderr
    titles_en = {c.meta.id: c.meta.title_en for c in CHECKS}
    for cid in EXPECTED:
        assert _sha(copy / cid / "report.json") == json_before[cid], cid  # one canonical JSON, untouched
        assert not list((copy / cid).glob("report*.json"))[1:], cid  # and no second, English JSON
        rep = report(copy, cid)
        # report.json carries the English twins of every title next to the French ones.
        assert [d["title_en"] for d in rep["domains"]] and all(d["title_en"] for d in rep["domains"]), cid
        assert all(s["title_en"] == titles_en[s["id"]] and s["description_en"] for s in rep["signals"]), cid
        soup = BeautifulSoup((copy / cid / "report.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "en", cid
        headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
        assert headings[0] == "Summary by domain" and "Synthèse par domaine" not in headings, cid
        assert headings[3:3 + len(DOMAINS)] == [d["title_en"] for d in rep["domains"]], cid
        h3 = {a["id"]: a.find("h3").get_text() for a in soup.find_all("article", class_="signal")}
        assert h3["signal-cms"] == titles_en["cms"], cid
        assert soup.find(id="langue-citations") is not None, cid
    index = BeautifulSoup((copy / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.html["lang"] == "en" and index.find("h1").get_text() == "Overview of the applications"
    # The crawl's own pages stayed French (the default).
    original = BeautifulSoup((out / "libreville-isere" / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert original.html["lang"] == "fr" and original.find("h2").get_text() == "Synthèse par domaine"
    # And back to French on the copy: the default needs no option.
    proc = tnl("report", str(copy), "--quiet", block_network=True)
    assert proc.returncode == 0, proc.stderr
    again = BeautifulSoup((copy / "libreville-isere" / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert again.html["lang"] == "fr" and again.find("h2").get_text() == "Synthèse par domaine"


def test_lang_is_a_closed_choice(tmp_path):
    proc = tnl("report", str(tmp_path), "--lang", "de")
    assert proc.returncode == 2 and "--lang" in proc.stderr


def test_signals_table_in_english():
    proc = tnl("signals", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    head, *rows = proc.stdout.splitlines()
    assert head.split()[:4] == ["id", "domain", "title", "description"]
    cms = next(r for r in rows if r.startswith("cms "))
    assert "Website content management system (CMS)" in cms


def test_an_english_report_bundles_and_verifies(world, net, tmp_path):
    # A self-check folder (`tnl check-site`), the kind `tnl bundle` seals, re-rendered in English.
    out = tmp_path / "site"
    proc = tnl("check-site", "http://www.petit-bourg.test/", "--out", str(out), "--kind", "commune",
               "--allow-private", "--delay", "0", "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address, "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tnl("report", str(out), "--lang", "en", "--quiet").returncode == 0
    (folder,) = [p for p in out.iterdir() if (p / "report.json").is_file()]
    target = tmp_path / "evidence.zip"
    proc = tnl("bundle", str(folder), "--output", str(target))
    assert proc.returncode == 0, proc.stderr
    proc = tnl("verify", str(target), block_network=True)  # re-rendered in English, as bundled
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("VALIDE")


# French words a translated value or reason must not keep (proper names aside: the test reads the
# checks' own words, matched by the catalogue's templates, not the names they quote).
FRENCH_VALUE_WORDS = ("aucun", "aucune", "des pages", "sur", "publiée", "publié", "trouvé", "trouvée", "conforme",
                      "ouverts", "jeux", "oui", "lien", "liens", "serveur", "libre", "propriétaire",
                      "indéterminé", "absente", "collecte", "niveaux", "domaine", "introuvable")


def test_values_and_reasons_are_in_english_too(run_out, tmp_path):
    """`--lang en` translates what the checks wrote (values, reasons, evaluation) through the
    catalogue's templates, not only titles (issue 18); report.json keeps the French."""
    import re

    from reports.values import translate

    out, _ = run_out
    names_only = re.compile(r"^[A-Z][\w .+/-]*(?:, [A-Z][\w .+/()-]*)*$")  # « Google Analytics, Google Tag Manager »
    for cid in EXPECTED:
        rep = report(out, cid)
        texts = [s[k] for s in rep["signals"] for k in ("display", "reason") if s.get(k)]
        texts += [lv["reason"] for lv in rep["levels"] if lv.get("reason")] + [rep["evaluation"]["summary"]]
        for text in texts:
            english = translate(text)
            if english is None:
                assert names_only.match(text), f"{cid}: no English for « {text} »"
                continue
            # Left out: addresses, host names, and the names quoted in it (an organisation's name before
            # its colon, a holder's name in brackets: « Commune de Libreville-sur-Isère »).
            quoted = re.sub(r"https?://\S+|[\w.-]+\.test\b|\([^)]*RFC 6761[^)]*\)|\((?=[A-Z])[^)]*\)", "", english)
            quoted = re.sub(r"^[A-Z][^:]*:", "", quoted)
            left = [w for w in FRENCH_VALUE_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", quoted)]
            assert not left, f"{cid}: « {english} » keeps {left}"
