"""`tnl run`'s digester (tnl.digester): the records of a candidate digested while it crawls, read back
by its checks instead of the WARC. A spool is a cache: complete, partial, torn, stale or missing, the
observations are the ones `tnl check` builds from the WARC alone."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from ground import archive, observe
from ground.spool import SpoolWriter, read_spool
from tests.e2e.helpers import EXPECTED
from tnl.digester import SPOOL_DIR, Digester, _Follower, spool_path


@pytest.fixture(scope="module")
def archives(run_out, tmp_path_factory):
    """A copy of the shared run's folders (the digester's tests write spools next to them)."""
    out, _ = run_out
    copy = tmp_path_factory.mktemp("digests") / "out"
    shutil.copytree(out, copy)
    return copy


def _records(directory) -> set[str]:
    return {e.record_id for e in archive.read_merged_index(directory) if e.record_id}


def _follow_to_the_end(directory, spool) -> int:
    """What the digester does for a candidate it follows from its start to its end, in this process."""
    follower = _Follower(directory, spool)
    try:
        read = 0
        while (step := follower.step(7)):
            read += step
        return read
    finally:
        follower.close()


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_a_complete_spool_gives_the_observations_of_the_warc(archives, tmp_path, cid):
    directory = archives / cid
    spool = tmp_path / f"{cid}.pickle"
    read = _follow_to_the_end(directory, spool)
    digests = read_spool(spool)
    assert read == len(_records(directory)) and set(digests) == _records(directory), cid
    if EXPECTED[cid].get("reachable", True):
        assert any(isinstance(d, dict) and d.get("links") for d in digests.values())  # pages parsed
    assert observe.build(directory, spool) == observe.build(directory)


def test_the_spool_carries_each_page_s_word_soups_and_the_checks_use_them(archives, tmp_path):
    """The digester also splits each page's words (checks.base.page_soups: the checks' first look at
    a page); the worker that checks the candidate finds them in word_soup's cache, the very strings
    of the spool, and the report is the one computed without them."""
    from checks.base import fold, page_soups, seed_page_soups, word_soup
    from ground import memo
    from tnl.pipeline import check_candidate

    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    directory = archives / cid
    spool = tmp_path / "soups.pickle"
    _follow_to_the_end(directory, spool)
    prepared: dict = {}
    obs = observe.build(directory, spool, prepared)
    assert obs == observe.build(directory)  # not an observation: the same observations
    assert obs.pages and set(prepared) == {p.record_id for p in obs.pages}
    for page in obs.pages:
        assert prepared[page.record_id] == page_soups(page.text, page.main_text), page.url
    memo.clear()
    assert seed_page_soups(obs.pages, prepared) == sum(bool(p.text) + bool(p.main_text) for p in obs.pages)
    page = obs.pages[0]
    assert word_soup(fold(page.text)) is prepared[page.record_id][0]  # found, not computed again
    memo.clear()
    # The whole check with the spool equals the check without it.
    with_spool = check_candidate(directory, spool=spool)
    without = check_candidate(directory)
    for report in (with_spool, without):
        report.pop("generated_at")
    assert with_spool == without


def test_every_record_of_a_new_archive_has_its_offset(archives):
    """The digester and the checks read a record alone, at the offset its index line gives: pages,
    documents and probes (responses) as well as DNS, WHOIS and TLS facts (resources)."""
    kinds = set()
    for cid in EXPECTED:
        for entry in archive.read_index(archives / cid):
            if entry.record_id:
                kinds.add(entry.kind)
                with open(archives / cid / archive.WARC_NAME, "rb") as fh:
                    resp = archive.read_response(fh, int(entry.extra["warc_offset"]))
                assert resp is not None and resp.record_id == entry.record_id, entry
    assert {"page", "document", "dns", "whois", "tls"} <= kinds, kinds


def test_the_follower_reads_an_index_as_it_grows(archives, tmp_path):
    """As during a crawl: lines appended after the first look, one of them written in two pieces."""
    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    directory = tmp_path / cid
    shutil.copytree(archives / cid, directory)
    index = directory / archive.INDEX_NAME
    raw = index.read_bytes()
    third, half = raw.index(b"\n", len(raw) // 3) + 1, len(raw) // 2  # a whole line, then half of one
    index.write_bytes(raw[:third])
    spool = tmp_path / "grown.pickle"
    follower = _Follower(directory, spool)
    try:
        while follower.step(5):
            pass
        first = set(read_spool(spool))
        with open(index, "ab") as fh:
            fh.write(raw[third:half])
        while follower.step(5):
            pass
        with open(index, "ab") as fh:
            fh.write(raw[half:])
        while follower.step(5):
            pass
    finally:
        follower.close()
    assert 0 < len(first) < len(_records(directory))
    assert set(read_spool(spool)) == _records(directory)
    assert observe.build(directory, spool) == observe.build(directory)


def test_a_partial_or_torn_spool_is_completed_from_the_warc(archives, tmp_path):
    """The checks start when the crawl ends: the digester may be behind, or mid-write."""
    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    directory = archives / cid
    full = tmp_path / "full.pickle"
    _follow_to_the_end(directory, full)
    raw = full.read_bytes()
    for cut in (len(raw) // 3, len(raw) // 2 + 7, len(raw) - 5):
        partial = tmp_path / f"cut{cut}.pickle"
        partial.write_bytes(raw[:cut])
        kept = read_spool(partial)
        assert 0 < len(kept) < len(_records(directory))
        assert observe.build(directory, partial) == observe.build(directory), cut


def test_a_spool_of_another_version_or_none_is_not_read(archives, tmp_path, monkeypatch):
    cid = sorted(EXPECTED)[0]
    directory = archives / cid
    spool = tmp_path / "old.pickle"
    _follow_to_the_end(directory, spool)
    assert read_spool(spool)
    monkeypatch.setattr("ground.__version__", "0.0.0-other")
    assert read_spool(spool) == {}
    assert read_spool(tmp_path / "missing.pickle") == {}
    assert observe.build(directory, tmp_path / "missing.pickle") == observe.build(directory)


def test_an_archive_without_offsets_is_read_through(archives, tmp_path):
    """Archives written before the resources had offsets: the WARC is read in full, the spool's
    digests used where it has them."""
    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    directory = tmp_path / cid
    shutil.copytree(archives / cid, directory)
    spool = tmp_path / "spool.pickle"
    _follow_to_the_end(directory, spool)
    index = directory / archive.INDEX_NAME
    lines = []
    for line in index.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("kind") in ("dns", "whois", "tls"):
            entry.get("extra", {}).pop("warc_offset", None)
        lines.append(json.dumps(entry, ensure_ascii=False, sort_keys=True))
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert observe.build(directory, spool) == observe.build(directory)
    assert observe.build(directory, spool).pages


def test_a_record_not_at_its_offset_sends_the_checks_through_the_warc(archives, tmp_path):
    """An index line whose offset points elsewhere (an archive edited by hand, a bug): the record is not
    lost, the WARC is read through."""
    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    directory = tmp_path / cid
    shutil.copytree(archives / cid, directory)
    full = tmp_path / "full.pickle"
    _follow_to_the_end(directory, full)
    digests = read_spool(full)
    entries = [json.loads(line) for line in (directory / archive.INDEX_NAME).read_text(encoding="utf-8").splitlines()]
    pages = [e for e in entries if e.get("kind") == "page" and e.get("record_id") and e.get("status") == 200]
    moved, elsewhere = pages[-1], pages[0]
    moved["extra"]["warc_offset"] = elsewhere["extra"]["warc_offset"]
    (directory / archive.INDEX_NAME).write_text(
        "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries), encoding="utf-8")
    partial = tmp_path / "partial.pickle"  # every digest but the moved record's
    writer = SpoolWriter(partial)
    for record_id, found in digests.items():
        if record_id != moved["record_id"]:
            writer.add(record_id, found)
    writer.close()
    obs = observe.build(directory, partial)
    assert moved["url"] in {p.url for p in obs.pages}
    assert obs == observe.build(directory)


def test_the_digester_process_follows_a_candidate_and_leaves_nothing(archives, tmp_path):
    """The process itself: told a candidate started, it digests every record its index names;
    told it ended, it stops; closed, its spools are gone."""
    out = tmp_path / "out"
    cid = max(EXPECTED, key=lambda c: len(_records(archives / c)))
    shutil.copytree(archives / cid, out / cid)
    digester = Digester(out)
    try:
        digester.start(cid)
        wanted = _records(out / cid)
        for _ in range(600):
            if set(read_spool(digester.spool(cid))) == wanted:
                break
            time.sleep(0.05)
        assert set(read_spool(digester.spool(cid))) == wanted
        digester.end(cid)
        assert digester.spool(cid) == spool_path(out, cid)
        assert observe.build(out / cid, digester.spool(cid)) == observe.build(out / cid)
    finally:
        digester.close()
    assert not digester.process.is_alive()
    assert not (out / SPOOL_DIR).exists()


def test_tnl_run_removes_its_spools(run_out):
    out, _ = run_out
    assert not (out / SPOOL_DIR).exists()
    assert not list(out.glob("*/*.pickle"))


def test_tnl_run_digests_pages_while_they_are_crawled(world, net, tmp_path):
    """Watched from outside while `tnl run` works: each reachable candidate's spool appears and holds
    its pages, parsed, before its checks read and remove it."""
    from demo import CANDIDATES_FILE, DATAGOUV_API
    from tests.e2e.helpers import REACHABLE, ROOT, world_args

    out = tmp_path / "out"
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "run", str(CANDIDATES_FILE), "--out", str(out), "--allow-private", "--quiet",
         "--delay", "0", "--datagouv-api", DATAGOUV_API, *world_args(world), "--dns-server", net.dns_address,
         "--whois-server", net.whois_address],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pages_seen: dict[str, int] = {}
    while proc.poll() is None:
        for path in (out / SPOOL_DIR).glob("*.pickle"):
            digests = read_spool(path)  # a spool being written: its whole pairs
            pages = sum(1 for d in digests.values() if isinstance(d, dict) and "links" in d)
            pages_seen[path.stem] = max(pages_seen.get(path.stem, 0), pages)
        time.sleep(0.02)
    _, stderr = proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    assert all(pages_seen.get(cid, 0) > 0 for cid in REACHABLE), pages_seen
    assert not (out / SPOOL_DIR).exists()
