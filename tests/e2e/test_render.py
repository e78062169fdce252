"""`tnl demo --render` end to end: the rendered pass of every demo candidate, against the truth written by
hand next to the content that produces it (each demo/content module's PROFILE["render"], in
expected.yaml): the structured sample, the third parties contacted and the cookies set before consent,
what accepting adds, the axe rules broken on purpose and the indicative grade, the pages whose text
exists only once rendered, and the four rendered signals' assessments. And without --render, the
reports of the same world have none of it (tests/e2e/conftest.py's run).

Runs where Chromium (Debian's package) and Playwright are installed, like the other browser tests.
"""
from __future__ import annotations

import json

import pytest

from checks.registry import CHECKS, RENDERED_MODULES
from tests.browserkit import needs_chromium
from tests.e2e.helpers import EXPECTED, REACHABLE, report, tnl

pytestmark = needs_chromium
RENDERED = {cid for cid in REACHABLE if EXPECTED[cid].get("render", {}).get("signals")}


@pytest.fixture(scope="module")
def rendered_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    proc = tnl("demo", "--render", "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def _signals(rep: dict) -> dict[str, dict]:
    return {s["id"]: s for s in rep["signals"]}


def test_every_reachable_candidate_was_rendered_and_the_sample_is_the_expected_one(rendered_out):
    assert RENDERED == set(REACHABLE)  # the truth covers every candidate the demo can reach
    for cid in REACHABLE:
        render = report(rendered_out, cid)["render"]
        expected = EXPECTED[cid]["render"]
        # The structured sample, page by page, with its reason; then the random pages, drawn with the seed.
        structured = {r: s["url"] for s in render["sample"] for r in s["reasons"] if r != "aleatoire"}
        assert structured == expected["sample"], cid
        assert isinstance(render["seed"], int) and render["pages_max"] == 8 and render["random"] == 2
        assert len(render["sample"]) <= 8 and render["errors"] == [], (cid, render["errors"])
        # Every sampled page rendered, with a screenshot next to report.html.
        assert [p["url"] for p in render["pages"]] == [s["url"] for s in render["sample"]]
        for page in render["pages"]:
            assert page["status"] == 200 and page["error"] is None, (cid, page["url"])
            assert (rendered_out / cid / page["screenshot"]).read_bytes()[:4] == b"\x89PNG"


def test_what_the_browser_loaded_before_consent_is_what_each_site_was_built_to_do(rendered_out):
    for cid in RENDERED:
        rep = report(rendered_out, cid)
        expected = EXPECTED[cid]["render"]
        pages = {p["url"]: p for p in rep["render"]["pages"]}
        for url, want in (expected.get("pages") or {}).items():
            got = pages[url]
            assert got["third_party_hosts"] == want["third_party_hosts"], (cid, url)
            assert got["cookies"] == want["cookies"], (cid, url)
            assert got["storage_keys"] == want["storage_keys"], (cid, url)
        sig = _signals(rep)
        assert sig["rendered_third_parties"]["value"] == expected["third_party_domains"], cid
        trackers = sorted({t.strip() for row in sig["rendered_third_parties"]["details"]["tiers_contactes"]
                           for t in (row.get("traceur") or "").split(",") if t.strip()})
        assert trackers == expected["trackers_before_consent"], cid
        cookies = sorted(r["nom"] for r in sig["cookies_before_consent"]["details"]["cookies"])
        keys = sorted(r["cle"] for r in sig["cookies_before_consent"]["details"]["stockage"])
        assert cookies == expected["cookies_before_consent"] and keys == expected["storage_before_consent"], cid
        assert sorted(sig["scripted_trackers"]["value"]) == expected["scripted_trackers"], cid
        for signal_id, assessment in expected["signals"].items():
            assert sig[signal_id]["assessment"] == assessment, (cid, signal_id, sig[signal_id]["display"])
        # Each rendered signal's evidence is a record of the render shard, marked as rendered.
        for signal_id in RENDERED_MODULES:
            for evidence in sig[signal_id]["evidence"]:
                assert evidence["rendered"] is True and evidence["record_id"], (cid, signal_id)


def test_accepting_the_consent_manager_adds_what_it_holds_back(rendered_out):
    for cid in RENDERED:
        expected = EXPECTED[cid]["render"].get("consent")
        consent = report(rendered_out, cid)["render"]["consent"]
        if expected is None:
            assert consent is None, cid
            continue
        assert (consent["url"], consent["manager"], consent["clicked"]) == (expected["url"], expected["manager"], True)
        assert consent["added_hosts"] == expected["added_hosts"], cid
        assert consent["added_cookies"] == expected["added_cookies"], cid


def test_axe_rules_broken_on_purpose_are_found_and_mapped_to_rgaa(rendered_out):
    for cid in RENDERED:
        expected = EXPECTED[cid]["render"]
        sig = _signals(report(rendered_out, cid))["axe_accessibility"]
        assert sig["value"] == expected["axe_grade"], (cid, sig["display"])
        found = {(row["url"], rule["rule"]) for row in sig["details"]["pages"] for rule in row.get("violations") or []}
        for url, want in (expected.get("pages") or {}).items():
            for rule in want["axe_rules"]:
                assert (url, rule) in found, (cid, url, rule)
        for rule_id, rule in sig["details"]["rules"].items():
            assert "rgaa" in rule, rule_id  # a criterion, or [] said « sans critère RGAA »


def test_text_that_only_a_script_writes_feeds_the_text_checks(rendered_out, run_out):
    out, _ = run_out
    for cid in RENDERED:
        expected = EXPECTED[cid]["render"]
        rendered_text = report(rendered_out, cid)["render"]["rendered_text"]
        assert sorted(t["url"] for t in rendered_text) == sorted(expected["rendered_text_pages"]), cid
        if expected.get("rendered_text_sample"):
            # The words exist only once rendered: evidence quoting them is marked « page rendue ».
            words = expected["rendered_text_sample"]
            quoting = [e for s in report(rendered_out, cid)["signals"] for e in s["evidence"] if words in e["snippet"]]
            assert quoting and all(e.get("rendered") for e in quoting), cid
            assert not any(words in e["snippet"] for s in report(out, cid)["signals"] for e in s["evidence"]), cid


def test_without_render_the_reports_have_none_of_it(run_out, rendered_out):
    out, _ = run_out
    static = [c.meta.id for c in CHECKS]
    for cid in REACHABLE:
        plain = report(out, cid)
        assert "render" not in plain and [s["id"] for s in plain["signals"]] == static
        assert not (out / cid / "rendu").exists() and not (out / cid / "render.json").exists()
        # With --render, the static signals stand as they were wherever no page's text came from the browser.
        if EXPECTED[cid]["render"]["rendered_text_pages"]:
            continue
        rendered = _signals(report(rendered_out, cid))
        for s in plain["signals"]:
            assert rendered[s["id"]]["assessment"] == s["assessment"], (cid, s["id"])


def test_a_rendered_report_is_bundled_and_verified_offline(rendered_out, tmp_path):
    cid = "departement-haute-garrigue"
    bundle = tmp_path / "preuves.zip"
    made = tnl("bundle", str(rendered_out / cid), "--output", str(bundle))
    assert made.returncode == 0, made.stderr
    import zipfile

    names = set(zipfile.ZipFile(bundle).namelist())
    assert {"crawl-render.warc.gz", "index-render.jsonl", "render.json", "rendu/1.png"} <= names
    verdict = tnl("verify", str(bundle), block_network=True)
    assert verdict.returncode == 0, verdict.stdout + verdict.stderr
    manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    assert manifest["files"]["render.json"]["sha256"]


def test_tnl_render_renders_a_crawl_made_without_it_then_checks(run_out, world, tmp_path):
    """`tnl render OUT --check`: a crawl made without --render (here a copy of the shared run's Val de Roche)
    gets its rendered pass, then its signals and reports; a second call keeps the pass as it is."""
    import shutil

    from tests.e2e.helpers import world_args

    out, _ = run_out
    mine = tmp_path / "out"
    shutil.copytree(out / "agglo-val-de-roche", mine / "agglo-val-de-roche")
    shutil.copytree(out / "_registries", mine / "_registries")
    # The world's hosts by --resolve (HOST=127.0.0.1:PORT), as for `tnl crawl`; its CA for https.
    pairs = world_args(world)  # option, value, option, value…
    flags = [x for i in range(0, len(pairs), 2) if pairs[i] in ("--resolve", "--ca-file") for x in pairs[i:i + 2]]
    proc = tnl("render", str(mine), "--check", "--allow-private", "--render-pages", "3", "--render-random", "1",
               *flags)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rep = report(mine, "agglo-val-de-roche")
    assert [s["reasons"][0] for s in rep["render"]["sample"]] == ["accueil", "accessibilite", "aleatoire"]
    assert {"rendered_third_parties", "cookies_before_consent", "scripted_trackers", "axe_accessibility"} <= {
        s["id"] for s in rep["signals"]}
    assert 'id="passage-rendu"' in (mine / "agglo-val-de-roche" / "report.html").read_text(encoding="utf-8")
    first = (mine / "agglo-val-de-roche" / "render.json").read_text(encoding="utf-8")
    again = tnl("render", str(mine), "--allow-private", *flags)
    assert again.returncode == 0 and (mine / "agglo-val-de-roche" / "render.json").read_text(encoding="utf-8") == first


def test_render_with_redis_is_refused_in_one_line(tmp_path):
    from demo import CANDIDATES_FILE

    proc = tnl("crawl", str(CANDIDATES_FILE), "--out", str(tmp_path / "o"), "--render", "--redis", "redis://127.0.0.1:1/0")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "tnl : --render et --redis s'excluent : une fois toutes les collectes finies, lancez « tnl render OUT --check » "
        "une seule fois"]


def test_the_archived_copies_of_the_rendered_pass_are_served_offline(rendered_out):
    """`tnl archive OUT`: the links of the rendered evidence open their records (the `render` shard): the
    facts of a page, its screenshot, its axe results; each under the sandbox of every archived copy."""
    from tnl.archive_server import Archives, create_app

    cid = "departement-haute-garrigue"
    rep = report(rendered_out, cid)
    app = create_app(Archives(rendered_out)).test_client()
    facts = rep["render"]["pages"][0]["record_id"]
    got = app.get(f"/{cid}/{facts.strip('<>').removeprefix('urn:uuid:')}")
    assert got.status_code == 200 and got.content_type.startswith("application/vnd.tnl-render+json")
    assert json.loads(got.data)["url"] == rep["render"]["pages"][0]["url"]
    assert "sandbox" in got.headers["Content-Security-Policy"]
    axe = _signals(rep)["axe_accessibility"]["evidence"][0]["record_id"]
    got = app.get(f"/{cid}/{axe.strip('<>').removeprefix('urn:uuid:')}")
    assert got.status_code == 200 and json.loads(got.data)["testEngine"]["name"] == "axe-core"


def test_check_site_with_render_renders_in_its_own_process(world, net, tmp_path):
    """`tnl check-site --render`: the crawl's loop has stopped when the browser starts (Playwright's sync API
    beside Scrapy's asyncio reactor, in one process); the report has the rendered pass."""
    from demo import DATAGOUV_API
    from tests.e2e.helpers import world_args

    proc = tnl("check-site", "http://www.valderoche-agglo.test/", "--out", str(tmp_path), "--kind", "epci",
               "--allow-private", "--delay", "0", "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address,
               "--render", "--render-pages", "2", "--render-random", "0")
    assert proc.returncode == 0, proc.stderr[-3000:]
    rep = report(tmp_path, "valderoche-agglo-test")
    assert [s["reasons"] for s in rep["render"]["sample"]] == [["accueil"], ["accessibilite"]]
    assert all(p["status"] == 200 for p in rep["render"]["pages"])
    assert "axe_accessibility" in {s["id"] for s in rep["signals"]}
