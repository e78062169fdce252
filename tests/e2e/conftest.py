"""One real crawl of the whole fixture world, shared by every end-to-end test module."""
from __future__ import annotations

import pytest

from demo import CANDIDATES_FILE, DATAGOUV_API
from tests.e2e.helpers import tnl, world_args


@pytest.fixture(scope="session")
def run_out(world, net, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    proc = tnl("run", str(CANDIDATES_FILE), "--out", str(out), "--allow-private", "--delay", "0",
               "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc
