"""What the directories tell, end to end: a demo commune read in ANCT's directory (website and e-mail on
its domain) and a commune without a website (`websites: []`) whose e-mail is on its intercommunality's
domain. The real `tnl run` on the demo world (loopback), then `tnl check` offline."""
from __future__ import annotations

import csv
import json
import re

import pytest
import yaml

from demo import CANDIDATES_FILE, DATAGOUV_API
from reports.labels import DETAIL_LABELS
from tests.e2e.helpers import report, signals, tnl, world_args
from tests.e2e.test_plain_french import IDENTIFIER, _keys

FILE_SHA = "7e" * 32  # the directory file's digest, as `tnl candidates` would write it
DIRECTORY = {"source": "anct", "file": "dpnt-extrait.csv", "sha256": FILE_SHA, "published": "2026-11-30"}
HAMEAU = {
    "id": "hameau-sans-site", "name": "Le Hameau-sur-Roche", "kind": "commune", "siren": "217100015",
    "population": 96, "websites": [], "email": "Mairie.Hameau@Valderoche-Agglo.test", "departement": "71",
    "directory": {**DIRECTORY, "line": 4, "row": {
        "type": "commune", "siren": "217100015", "libelle": "Le Hameau-sur-Roche",
        "adresse_messagerie": "Mairie.Hameau@Valderoche-Agglo.test", "site_internet": "", "rpnt": "2.1, 2.4",
        "service_public_url": "https://lannuaire.service-public.fr/bourgogne-franche-comte/saone-et-loire/0a1b"}},
}
SIGNALS = ("directory_website", "domain_extension", "official_email")


@pytest.fixture(scope="module")
def directory_run(world, net, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("directory")
    demo = next(c for c in yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8")) if c["id"] == "petit-bourg")
    demo.update(email="mairie@petit-bourg.test", directory={**DIRECTORY, "line": 3, "row": {
        "type": "commune", "siren": demo["siren"], "libelle": demo["name"], "adresse_messagerie": "mairie@petit-bourg.test",
        "site_internet": "http://www.petit-bourg.test/", "rpnt": "1.1, 2.1, 2.3, 2.4",
        "service_public_url": "https://lannuaire.service-public.fr/occitanie/lot/6d1b"}})
    candidates = tmp / "candidats.yaml"
    candidates.write_text(yaml.safe_dump([demo, HAMEAU], allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp / "out"
    proc = tnl("run", str(candidates), "--out", str(out), "--allow-private", "--delay", "0",
               "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def test_a_collectivite_without_website_runs_end_to_end_and_says_so(directory_run):
    rep = report(directory_run, "hameau-sans-site")
    assert rep["crawl"]["sites"] == [] and rep["crawl"]["counts"]["pages"] == 0
    assert rep["evaluation"]["summary"] == ("aucun niveau : aucun site web, ni dans l'annuaire ni dans le fichier "
                                              "des candidats")
    sig = signals(directory_run, "hameau-sans-site")
    site = sig["directory_website"]
    assert (site["assessment"], site["display"]) == ("defavorable", "aucun site web dans l'annuaire")
    assert site["evidence"][0]["url"] == "annuaire:dpnt-extrait.csv#ligne=4"
    assert site["evidence"][0]["sha256"] == FILE_SHA
    assert site["evidence"][0]["snippet"].startswith("site_internet : (vide) (ANCT")
    assert (sig["domain_extension"]["assessment"], sig["domain_extension"]["display"]) == ("inconnu", "aucun site web")
    # The page signals say there is no website, not that a site could not be reached.
    assert sig["cms"]["reason"] == "aucun site web connu pour ce candidat"
    html = (directory_run / "hameau-sans-site" / "report.html").read_text(encoding="utf-8")
    assert "aucun site web dans l&#39;annuaire" in html or "aucun site web dans l'annuaire" in html


def test_the_email_of_a_collectivite_without_website_is_still_judged_with_its_mx(directory_run):
    mail = signals(directory_run, "hameau-sans-site")["official_email"]
    assert (mail["assessment"], mail["display"]) == (
        "neutre", "sur un domaine propre ou partagé (valderoche-agglo.test), sans site pour comparer")
    urls = [e["url"] for e in mail["evidence"]]
    assert urls == ["annuaire:dpnt-extrait.csv#ligne=4", "dns:valderoche-agglo.test?type=MX"]
    # The demo world's zone for valderoche-agglo.test: three OVHcloud servers.
    assert mail["evidence"][1]["snippet"] == (
        "valderoche-agglo.test MX 1 mx1.mail.ovh.net; 5 mx2.mail.ovh.net; 100 mx3.mail.ovh.net")
    assert len(mail["evidence"][1]["sha256"]) == 64
    anct = {r["critere"][:3]: r["constat_anct"] for r in mail["details"]["selon_l_anct"]}
    assert anct == {"2.1": "respecté", "2.2": "non respecté", "2.3": "non respecté", "2.4": "respecté"}


def test_the_demo_commune_read_in_the_directory(directory_run):
    sig = signals(directory_run, "petit-bourg")
    assert (sig["directory_website"]["assessment"], sig["directory_website"]["value"]) == (
        "favorable", ["http://www.petit-bourg.test/"])
    mail = sig["official_email"]
    assert (mail["assessment"], mail["display"]) == ("favorable", "sur le domaine du site (petit-bourg.test)")
    assert mail["evidence"][1]["snippet"] == (
        "petit-bourg.test MX 1 aspmx.l.google.com; 5 alt1.aspmx.l.google.com; 5 alt2.aspmx.l.google.com")
    # .test is reserved for tests (RFC 6761): no registration to judge.
    assert sig["domain_extension"]["assessment"] == "inconnu"
    assert "RFC 6761" in sig["domain_extension"]["reason"]


def test_overview_lists_both_and_every_details_key_has_words(directory_run):
    index = (directory_run / "index.html").read_text(encoding="utf-8")
    assert "Le Hameau-sur-Roche" in index and "Petit-Bourg-en-Causse" in index
    with open(directory_run / "overview.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["hameau-sans-site"]["directory_website__assessment"] == "defavorable"
    assert rows["petit-bourg"]["official_email__assessment"] == "favorable"
    missing = set()
    for cid in ("hameau-sans-site", "petit-bourg"):
        for s in report(directory_run, cid)["signals"]:
            if s["id"] in SIGNALS:
                missing |= {k for k in _keys(s.get("details") or {}) if IDENTIFIER.match(k) and k not in DETAIL_LABELS}
    assert missing == set()


def test_check_recomputes_the_same_offline(directory_run):
    before = {cid: {k: v["assessment"] for k, v in signals(directory_run, cid).items() if k in SIGNALS}
              for cid in ("hameau-sans-site", "petit-bourg")}
    proc = tnl("check", str(directory_run), block_network=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    after = {cid: {k: v["assessment"] for k, v in signals(directory_run, cid).items() if k in SIGNALS}
             for cid in ("hameau-sans-site", "petit-bourg")}
    assert after == before
    assert json.loads((directory_run / "hameau-sans-site" / "report.json").read_text(encoding="utf-8"))["crawl"]
    assert re.search(r"aucun site web", (directory_run / "hameau-sans-site" / "report.html").read_text("utf-8"))
