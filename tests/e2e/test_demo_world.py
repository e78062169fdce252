"""End to end: the real `tnl` command crawls the fixture world with Scrapy over HTTP on loopback.

The expected values come from the world's own expected.yaml, written by the script that built
the sites: the report must show what each collectivité was built to show.
"""
from __future__ import annotations

import json
import shutil
import time
from urllib.parse import urlsplit

import pytest
import yaml

from demo import CANDIDATES_FILE, DATAGOUV_API
from tests.e2e.helpers import EXPECTED, REACHABLE, report, signals, tnl
from tests.e2e.helpers import world_args as resolve_args


def test_every_candidate_has_archive_index_and_reports(run_out):
    out, proc = run_out
    for cid in EXPECTED:
        for name in ("crawl.warc.gz", "index.jsonl", "candidate.json", "crawl.json", "report.json", "report.html"):
            assert (out / cid / name).is_file(), f"{cid}/{name}"
    assert (out / "index.html").is_file() and (out / "overview.csv").is_file()
    assert "report.html" in proc.stdout  # the closing summary says where the reports are


def test_all_five_domains_and_every_signal_present(run_out):
    out, _ = run_out
    for cid in EXPECTED:
        rep = report(out, cid)
        assert [d["id"] for d in rep["domains"]] == [
            "strategie", "interop_accessibilite", "logiciels_libres", "communication", "open_data"]
        assert {s["id"] for s in rep["signals"]} >= {
            "a11y_mention", "open_formats", "cms", "analytics", "free_software_mentions", "fediverse",
            "strategy_mentions", "datagouv_datasets"}
        assert rep["schema_version"] == 1 and rep["candidate"]["id"] == cid


@pytest.mark.parametrize("cid", REACHABLE)
def test_page_signals_match_what_the_site_was_built_to_show(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]
    sig = signals(out, cid)
    assert sig["a11y_mention"]["value"] == exp["a11y_mention"]
    if exp.get("cms"):
        assert sig["cms"]["value"]["name"] == exp["cms"]["name"]
        assert sig["cms"]["value"]["free"] == exp["cms"]["free"]
    assert sorted(sig["analytics"]["value"]) == sorted(exp["analytics"])
    assert sorted(sig["fediverse"]["value"]) == sorted(u.rstrip("/") for u in exp["fediverse"])
    assert sorted(sig["free_software_mentions"]["value"]) == sorted(exp["free_software_names"])
    # expected.yaml lists the websites' pages; the open-data portal's are reported too, apart.
    hosts = {urlsplit(u).hostname for u in report(out, cid)["candidate"]["websites"]}
    found_pages = {u for u in sig["strategy_mentions"]["details"]["pages"] if urlsplit(u).hostname in hosts}
    assert found_pages == set(exp["strategy_pages"])


@pytest.mark.parametrize("cid", REACHABLE)
def test_documents_by_format_and_their_producers(run_out, cid):
    from ground.observe import build

    out, _ = run_out
    exp = EXPECTED[cid]
    obs = build(out / cid)
    websites = set(obs.candidate["websites"])
    site_of = {p.url: p.site for p in obs.pages}
    counts: dict[str, int] = {}
    for doc in obs.documents:
        if any(site_of.get(page) in websites for page in doc.linked_by):
            counts[doc.format] = counts.get(doc.format, 0) + 1
    assert counts == {k: v for k, v in exp["documents"].items() if v}
    # The signal counts every linked document, the open-data portal's included.
    assert signals(out, cid)["open_formats"]["details"]["documents"] == len(obs.documents)
    # Producer metadata read from the archived files themselves.
    docs = {d.url: d for d in obs.documents}
    for url, producer in exp.get("document_producers", {}).items():
        assert docs[url].producer == producer, url


@pytest.mark.parametrize("cid", REACHABLE)
def test_datagouv_signal_matches_the_fake_api(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid].get("datagouv")
    value = signals(out, cid)["datagouv_datasets"]["value"]
    if not exp:
        assert value["organization"] is None
        assert signals(out, cid)["datagouv_datasets"]["assessment"] == "defavorable"
        return
    assert value["organization_id"] == exp["organization_id"]
    assert (value["datasets"], value["resources"], value["open_resources"]) == (
        exp["datasets"], exp["resources"], exp["open_resources"])


def test_evidence_carries_url_date_status_and_hash(run_out):
    out, _ = run_out
    for cid in REACHABLE:
        for s in report(out, cid)["signals"]:
            for ev in s["evidence"]:
                # http(s) URLs, or the URI of a DNS / WHOIS / TLS resource record (dns:…, whois:…, tls:…)
                assert ev["url"].startswith(("http", "dns:", "whois:", "tls:")) and ev["fetched_at"]
                if ev["http_status"] is not None:
                    assert len(ev["sha256"]) == 64


def test_unreachable_site_is_a_finding_not_a_crash(run_out):
    out, _ = run_out
    gone = [cid for cid, exp in EXPECTED.items() if not exp.get("reachable", True)]
    if not gone:
        pytest.skip("the fixture world has no unreachable candidate")
    for cid in gone:
        rep = report(out, cid)
        site = rep["crawl"]["sites"][0]
        assert site["reachable"] is False and site["error"]
        assert {s["id"]: s["assessment"] for s in rep["signals"]}["a11y_mention"] == "inconnu"
        assert rep["errors"]
        # No level at all, and it says so: in report.json, its HTML and the overview (CSV too).
        assert [d["level"] for d in rep["levels"]] == [None] * 5
        assert all(d["reason"].startswith("aucun niveau : site injoignable") for d in rep["levels"])
        assert rep["evaluation"]["levels_given"] == 0
        assert rep["evaluation"]["summary"].startswith("aucun niveau : site injoignable (http://")
        html = (out / cid / "report.html").read_text(encoding="utf-8")
        assert "aucun niveau : site injoignable" in html
        overview = (out / "overview.csv").read_text(encoding="utf-8")
        row = next(line for line in overview.splitlines() if line.startswith(cid + ","))
        assert "aucun niveau : site injoignable" in row
        assert "aucun niveau : site injoignable" in (out / "index.html").read_text(encoding="utf-8")


def test_robots_txt_is_obeyed(run_out):
    out, _ = run_out
    refused = []
    for cid in REACHABLE:
        for line in (out / cid / "index.jsonl").read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "robots.txt" in (entry.get("error") or ""):
                refused.append(entry["url"])
            if "/admin/" in entry["url"]:
                assert entry.get("status") is None, entry  # never fetched
    assert refused, "no URL was refused by robots.txt although the world disallows some"


def test_check_and_report_again_without_network_give_the_same_report(run_out, tmp_path):
    out, _ = run_out
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    before = {cid: report(copy, cid) for cid in EXPECTED}
    for path in copy.glob("*/report.*"):
        path.unlink()
    proc = tnl("check", str(copy), "--quiet", block_network=True)
    assert proc.returncode == 0, proc.stderr
    proc = tnl("report", str(copy), "--quiet", block_network=True)
    assert proc.returncode == 0, proc.stderr
    for cid in EXPECTED:
        after = report(copy, cid)
        before[cid].pop("generated_at")
        after.pop("generated_at")
        assert after == before[cid], cid
        assert (copy / cid / "report.html").is_file()


def test_check_in_parallel_gives_the_reports_of_one_process(run_out, tmp_path):
    """--jobs N checks N candidates at once in worker processes: same report.json, same order of lines."""
    out, _ = run_out
    reports = {}
    for jobs in ("1", "3"):
        copy = tmp_path / f"jobs{jobs}"
        shutil.copytree(out, copy)
        for path in copy.glob("*/report.*"):
            path.unlink()
        proc = tnl("check", str(copy), "--jobs", jobs, block_network=True)
        assert proc.returncode == 0, proc.stderr
        lines = [line.split("]")[0] for line in proc.stderr.splitlines() if line.startswith("[")]
        assert lines == sorted(lines) and len(lines) == len(EXPECTED), proc.stderr
        reports[jobs] = {cid: report(copy, cid) for cid in EXPECTED}
        for rep in reports[jobs].values():
            rep.pop("generated_at")
    assert reports["1"] == reports["3"]
    proc = tnl("check", str(tmp_path / "jobs1"), "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "entier positif" in proc.stderr


def test_checks_started_during_the_crawl_and_taken_back_after_it(run_out, tmp_path):
    """tnl run's early checks (tnl.pipeline.EarlyChecks): one worker gets every candidate, as a crawl
    would hand them over; check_all then takes back those not started, checks them itself, and
    returns every summary in folder order; the reports are the ones `tnl check` writes."""
    from tnl.pipeline import EarlyChecks, check_all

    out, _ = run_out
    copy = tmp_path / "early"
    shutil.copytree(out, copy)
    for path in copy.glob("*/report.*"):
        path.unlink()
    with EarlyChecks(copy, workers=1, lang="fr") as early:
        for cid in sorted(EXPECTED):  # in the order of the folders, as check_all takes them
            early.submit(cid)
        first = early.futures[sorted(EXPECTED)[0]]
        for _ in range(500):  # the pool hands the first one to its worker (then it cannot be taken back)
            if first.running() or first.done():
                break
            time.sleep(0.01)
        summaries = check_all(copy, log=None, jobs=2, early=early)
        kept = set(early.futures)
        written = early.render(copy, "fr", summaries)  # the overview from the summaries at hand
    assert kept and kept != set(EXPECTED)  # the first one was under way; later ones were taken back
    # ...the one render_all makes from the report.json files.
    again = tmp_path / "again"
    shutil.copytree(copy, again)
    from tnl.pipeline import render_all

    assert render_all(again, None, "fr", set(EXPECTED)).keys() == written.keys()
    assert (again / "overview.csv").read_bytes() == (copy / "overview.csv").read_bytes()
    assert [s["candidate"]["id"] for s in summaries] == sorted(EXPECTED)
    # The pages the early workers wrote with their reports, and the after workers with theirs: none
    # is redone by render_all.
    assert early.rendered() == set(EXPECTED) and early.rendered_after == set(EXPECTED) - kept
    for cid in EXPECTED:
        assert (copy / cid / "report.html").exists(), cid
        mine, theirs = report(copy, cid), report(out, cid)
        mine.pop("generated_at"), theirs.pop("generated_at")
        assert mine == theirs, cid


def test_the_workers_after_the_crawl_load_the_overview_once_a_crawl_has_started(tmp_path):
    """tnl.pipeline.EarlyChecks, in a fresh interpreter as `tnl run` starts: the `after` workers load
    the overview's renderer (pandas, ~1 s of CPU each) not while the crawl starts (its imports, its
    first crawler, on the same cores), but once a candidate's crawl has started."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tnl.pipeline import EarlyChecks
        def has(name):
            return name in sys.modules
        with EarlyChecks(Path({str(tmp_path)!r}), workers=1, lang="fr", after_workers=1) as early:
            before = early.after.submit(has, "pandas").result()
            early.started("c1")
            early.started("c2")  # once: one warm-up per worker
            after = early.after.submit(has, "pandas").result()
        print(before, after, "pandas" in sys.modules)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["False", "True", "False"]  # loaded by the worker, not by the crawl's process


def _stamped_sleep(seconds: float) -> tuple[float, float]:
    start = time.time()
    time.sleep(seconds)
    return start, time.time()


def test_after_the_crawl_no_more_candidates_at_once_than_cores_early_ones_included(tmp_path):
    """EarlyChecks.finish: an early check still running (at a low priority) counts among the
    candidates checked at once after the crawl, so that it is never starved by as many normal ones
    as there are cores; the results come back in the jobs' order."""
    from tnl.pipeline import EarlyChecks

    with EarlyChecks(tmp_path, workers=1, after_workers=2) as early:
        early.futures["early"] = early.pool.submit(_stamped_sleep, 1.2)
        while not early.futures["early"].running():
            time.sleep(0.01)
        spans = list(early.finish([0.3, 0.31, 0.32, 0.33], work=_stamped_sleep))
        spans.append(early.futures["early"].result())
    assert [round(end - start, 1) for start, end in spans] == [0.3, 0.3, 0.3, 0.3, 1.2]  # in order
    at_once = max(sum(1 for s, e in spans if s <= t < e) for t, _ in spans)
    assert at_once == 2  # never three: the early one and one after it, then two once it has ended


def test_a_crawled_candidate_waits_for_a_free_worker_and_can_be_taken_back(run_out, tmp_path):
    """EarlyChecks gives a worker one candidate at a time: the others wait in `waiting`, where the
    end of the crawl takes all of them back (a process pool would have sent one ahead to its worker,
    to be checked there at a low priority after the crawl)."""
    from tnl.pipeline import EarlyChecks

    out, _ = run_out
    copy = tmp_path / "one-at-a-time"
    shutil.copytree(out, copy)
    order = sorted(EXPECTED)
    with EarlyChecks(copy, workers=1) as early:
        for cid in order:
            early.submit(cid)
        assert list(early.futures) == order[:1] and list(early.waiting) == order[1:]
        early.futures[order[0]].result()
        for _ in range(500):  # the next one is given to the worker as the first one is done
            if len(early.futures) == 2:
                break
            time.sleep(0.01)
        assert list(early.futures) == order[:2]
        assert early.withdraw_waiting() == order[2:]
        assert not early.waiting and early.futures[order[1]].result()["candidate"]["id"] == order[1]
        early.submit("late")  # after the end of the crawl: nothing more starts early
        assert list(early.futures) == order[:2]


def test_loopback_sites_are_refused_without_allow_private(world, tmp_path):
    cid = REACHABLE[0]
    cands = yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8"))
    one = [c for c in cands if c["id"] == cid]
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(one, allow_unicode=True), encoding="utf-8")
    proc = tnl("run", str(path), "--out", str(tmp_path / "out"), "--delay", "0", "--quiet",
               "--datagouv-api", DATAGOUV_API, *resolve_args(world))
    assert proc.returncode == 0, proc.stderr
    rep = report(tmp_path / "out", cid)
    assert rep["crawl"]["sites"][0]["reachable"] is False
    assert "adresse privée refusée" in rep["crawl"]["sites"][0]["error"]
    assert rep["crawl"]["counts"]["pages"] == 0


def test_bad_candidates_file_exits_2_with_one_precise_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- id: a\n  name: A\n  kind: commune\n  siren: '123456789'\n  websites: [http://a.fr/]\n",
                    encoding="utf-8")
    proc = tnl("run", str(path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{path}:4:" in lines[0] and "siren" in lines[0]
    assert not (tmp_path / "out").exists()


def test_check_on_an_empty_folder_exits_2(tmp_path):
    proc = tnl("check", str(tmp_path))
    assert proc.returncode == 2 and "candidate.json" in proc.stderr


def test_page_and_depth_caps_hold(world, tmp_path):
    cid = REACHABLE[0]
    cands = [c for c in yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8")) if c["id"] == cid]
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(cands, allow_unicode=True), encoding="utf-8")
    proc = tnl("crawl", str(path), "--out", str(tmp_path / "out"), "--allow-private", "--delay", "0", "--quiet",
               "--max-pages", "5", "--max-depth", "1", "--datagouv-api", DATAGOUV_API, *resolve_args(world))
    assert proc.returncode == 0, proc.stderr
    entries = [json.loads(line) for line in (tmp_path / "out" / cid / "index.jsonl").read_text().splitlines()]
    pages = [e for e in entries if e["kind"] == "page" and e.get("status") == 200]
    for site in cands[0]["websites"] + cands[0].get("opendata", []):
        assert 1 <= sum(1 for e in pages if e["site"] == site) <= 5
    assert max(e["depth"] for e in pages) <= 1
    assert max((e["depth"] for e in entries if e["kind"] == "document"), default=0) <= 2
    assert not (tmp_path / "out" / cid / "report.json").exists()  # crawl only gathers


def test_claims_of_the_demo_are_confirmed_or_contradicted_by_the_evidence(run_out):
    out, _ = run_out
    statuses = {cid: [c["status"] for c in report(out, cid)["claims"]] for cid in REACHABLE}
    assert statuses["libreville-isere"] == ["confirmé", "confirmé", "confirmé"]
    assert statuses["agglo-val-de-roche"] == ["confirmé", "contredit"]
    assert statuses["departement-haute-garrigue"] == ["contredit"]
    assert statuses["petit-bourg"] == []
    contradicted = report(out, "departement-haute-garrigue")["claims"][0]
    assert "Google Analytics" in contradicted["explanation"] and contradicted["evidence"]


def test_indicative_levels_follow_the_intended_levels(run_out):
    """The world was built with a level in mind per candidate: the indicative levels agree on average."""
    out, _ = run_out
    mean = {}
    for cid in REACHABLE:
        levels = [d["level"] for d in report(out, cid)["levels"] if d["level"]]
        mean[cid] = sum(levels) / len(levels)
    order = sorted(REACHABLE, key=lambda cid: EXPECTED[cid]["level_intended"])
    assert [mean[c] for c in order] == sorted(mean[c] for c in order)
    for cid in REACHABLE:
        assert abs(mean[cid] - EXPECTED[cid]["level_intended"]) <= 1.5, (cid, mean[cid])


def test_the_sites_own_css_and_js_are_archived_apart_from_the_pages(run_out):
    """Each website's own style sheets and scripts are fetched (evidence of fonts, trackers, weight),
    indexed as assets, and never counted as pages; other sites' files are not fetched."""
    out, _ = run_out
    entries = [json.loads(line) for line in (out / "libreville-isere" / "index.jsonl").read_text("utf-8").splitlines()]
    assets = [e for e in entries if e["kind"] == "asset"]
    assert {e["url"] for e in assets} >= {"http://www.libreville-isere.test/squelettes/css/libreville.css"}
    assert all(e["extra"]["asset"] in ("css", "js") and e["status"] == 200 for e in assets)
    assert all(urlsplit(e["url"]).hostname.endswith("libreville-isere.test") for e in assets)
    rep = report(out, "libreville-isere")
    site = rep["crawl"]["sites"][0]
    assert site["pages"] == EXPECTED["libreville-isere"]["pages_crawlable"]  # assets are not pages
    fonts = next(s for s in rep["signals"] if s["id"] == "fonts_cdn")
    assert fonts["details"]["feuilles_de_style_lues"] >= 1
    # Haute-Garrigue's Google Fonts and CDN files are another site's: referenced, never fetched.
    hg = [json.loads(line) for line in (out / "departement-haute-garrigue" / "index.jsonl").read_text("utf-8").splitlines()]
    assert not any(e["kind"] == "asset" and "googleapis" in e["url"] for e in hg)
    assert any(e["kind"] == "asset" and e["url"].startswith("http://www.haute-garrigue.test/") for e in hg)
