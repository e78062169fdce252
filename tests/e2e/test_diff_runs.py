"""`tnl diff` between two real runs of the demo, the second after a site changed."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from demo import CANDIDATES_FILE, DATAGOUV_API, WORLD_DIR
from tests.e2e.helpers import tnl, world_args

CID = "libreville-isere"


@pytest.fixture(scope="module")
def changed_world(tmp_path_factory):
    """A copy of the world where the commune's homepage now says « non conforme »."""
    from demo.server import WorldServer

    root = tmp_path_factory.mktemp("world2") / "world"
    shutil.copytree(WORLD_DIR, root)
    home = root / "sites" / "www.libreville-isere.test" / "index.html"
    text = home.read_text(encoding="utf-8")
    assert "partiellement conforme" in text
    home.write_text(text.replace("partiellement conforme", "non conforme"), encoding="utf-8")
    server = WorldServer(world_dir=root).start()
    yield server
    server.stop()


def test_diff_shows_the_changed_signal_with_its_evidence(run_out, changed_world, net, tmp_path):
    old, _ = run_out
    one = [c for c in yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8")) if c["id"] == CID]
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(one, allow_unicode=True), encoding="utf-8")
    new = tmp_path / "new"
    proc = tnl("run", str(path), "--out", str(new), "--allow-private", "--delay", "0", "--quiet",
               "--datagouv-api", DATAGOUV_API, *world_args(changed_world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = tnl("diff", str(old), str(new), "--out", str(tmp_path / "diff"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    diff = json.loads((tmp_path / "diff" / "diff.json").read_text(encoding="utf-8"))
    entry = next(c for c in diff["candidates"] if c["id"] == CID)
    changed = {s["id"]: s for s in entry["signals"]}
    mention = changed["a11y_mention"]
    assert (mention["old"]["value"], mention["new"]["value"]) == ("partiellement conforme", "non conforme")
    assert (mention["old"]["assessment"], mention["new"]["assessment"]) == ("favorable", "defavorable")
    assert any("non conforme" in e["snippet"] for e in mention["evidence_added"])
    assert any("partiellement conforme" in e["snippet"] for e in mention["evidence_lost"])
    # The other candidates were not crawled again: they are reported as absent from the new run.
    assert {c["status"] for c in diff["candidates"] if c["id"] != CID} == {"gone"}
    html = (tmp_path / "diff" / "diff.html").read_text(encoding="utf-8")
    assert "non conforme" in html and 'lang="fr"' in html
