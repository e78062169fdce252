"""A crawl killed mid-way and started again with the same --out ends with the same archive as an
uninterrupted one: no duplicate, no missing page (the archive is replayed, not refetched)."""
from __future__ import annotations

import signal
from collections import Counter

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from demo import CANDIDATES_FILE, DATAGOUV_API
from ground.archive import read_index
from tests.e2e.helpers import interrupt_crawl, tnl, world_args

CID = "libreville-isere"


def args(world, net, out):
    return ["crawl", str(out.parent / "one.yaml"), "--out", str(out), "--allow-private", "--delay", "0.05",
            "--quiet", "--datagouv-api", DATAGOUV_API, *world_args(world),
            "--dns-server", net.dns_address, "--whois-server", net.whois_address]


def responses(out) -> Counter:
    with open(out / CID / "crawl.warc.gz", "rb") as fh:
        return Counter(r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)
                       if r.rec_type in ("response", "resource"))


@pytest.fixture(scope="module")
def one_candidate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    cands = [c for c in yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8")) if c["id"] == CID]
    (folder / "one.yaml").write_text(yaml.safe_dump(cands, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def baseline(world, net, one_candidate):
    out = one_candidate / "uninterrupted"
    proc = tnl(*args(world, net, out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return responses(out)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupted_crawl_resumes_to_the_same_archive(world, net, one_candidate, baseline, how):
    out = one_candidate / f"interrupted-{how.name}"
    interrupt_crawl(args(world, net, out), out / CID / "index.jsonl", how)
    first = responses(out)
    assert 0 < sum(first.values()) < sum(baseline.values())

    proc = tnl(*args(world, net, out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    final = responses(out)
    assert final == baseline  # every record once, as often as uninterrupted: no duplicate, none missing
    entries = [e for e in read_index(out / CID) if e.record_id]
    assert len({e.record_id for e in entries}) == len(entries)
    # The resumed crawl is the same report: checks see one archive.
    assert tnl("check", str(out), "--quiet").returncode == 0
