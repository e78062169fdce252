"""End to end: `tnl candidates` on an extract of ANCT's directory (our file, its real columns) naming a
demo commune, then the real `tnl crawl` of the one candidate its filters keep, on the demo world."""
from __future__ import annotations

import json

from demo import DATAGOUV_API
from tests.e2e.helpers import tnl, world_args

HEADER = ("type;siret;siren;libelle;population;code_insee;code_postal;epci_libelle;epci_siren;epci_siret;"
          "epci_population;departement_code_insee;departement_siret;region_code_insee;region_siret;adresse_messagerie;"
          "site_internet;telephone;rpnt;service_public_url\n")
ROWS = (
    "commune;21389990900013;213899909;Libreville-sur-Isère;12040;38999;38990;;;;;38;;84;;mairie@libreville-isere.test;"
    "http://www.libreville-isere.test/;;1.1,1.2,2.1;\n"
    "commune;21389900800014;213899008;Saint-Martin-des-Essarts;850;38990;38990;;;;;38;;84;;"
    "mairie.st-martin-essarts@wanadoo.fr;;;2.1;\n"
)


def test_a_directory_row_becomes_a_candidate_the_crawler_collects(world, net, tmp_path):
    source = tmp_path / "dpnt-extrait.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    candidates = tmp_path / "candidats.yaml"
    made = tnl("candidates", str(source), "--out", str(candidates), "--departement", "38", "--min-population", "10000")
    assert made.returncode == 0, made.stderr[-3000:]
    assert "1 candidat écrit" in made.stdout
    out = tmp_path / "out"
    proc = tnl("crawl", str(candidates), "--out", str(out), "--max-pages", "3", "--max-depth", "1", "--allow-private",
               "--delay", "0", "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = out / "commune-libreville-sur-isere-38999"
    candidate = json.loads((folder / "candidate.json").read_text(encoding="utf-8"))
    assert (candidate["directory"]["line"], candidate["directory"]["source"], candidate["email"]) == (
        2, "anct", "mairie@libreville-isere.test")
    index = [json.loads(line) for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(e["url"] == "http://www.libreville-isere.test/" and e.get("status") == 200 for e in index)
    assert sorted(p.name for p in out.iterdir() if (p / "candidate.json").exists()) == [
        "commune-libreville-sur-isere-38999"]
