"""End to end: the certificate of every website host is verified before the crawl (crawler/tlsfacts.py)."""
from __future__ import annotations

import json

import pytest

from tests.e2e.helpers import EXPECTED, REACHABLE, signals


@pytest.mark.parametrize("cid", REACHABLE)
def test_world_certificate_is_trusted_through_ca_file(run_out, cid):
    out, _ = run_out
    host = EXPECTED[cid]["network"]["host"]
    lines = [json.loads(line) for line in (out / cid / "index.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    tls = [e for e in lines if e.get("kind") == "tls" and e["url"] == f"tls:{host}"]
    assert len(tls) == 1 and tls[0]["record_id"] and not tls[0].get("error"), tls
    https = signals(out, cid)["https"]
    if https["value"]["https"]:
        # Served over TLS: the world's self-signed certificate, trusted with --ca-file, is valid.
        assert https["value"]["certificat_valide"] is True, https
        cert = next(e for e in https["evidence"] if e["url"] == f"tls:{host}")
        assert "certificat vérifié" in cert["snippet"] and cert["sha256"]
    else:
        # No TLS in the world for this host (the proxy answers 502 to CONNECT): judged by its probes.
        assert https["value"]["certificat_valide"] is None and https["assessment"] == "defavorable"
