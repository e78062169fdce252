"""End to end: HTTPS probes through the world's TLS tunnel, DNS and WHOIS from the loopback doubles."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import EXPECTED, signals

CANDIDATES = sorted(EXPECTED)


@pytest.mark.parametrize("cid", CANDIDATES)
def test_network_signals_match_the_world(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["network"]
    sig = signals(out, cid)
    for sid, key in (("https", "https"), ("hsts", "hsts_assessment"), ("ipv6", "ipv6"),
                     ("mail_provider", "mail_provider"), ("domain_registration", "domain_registration")):
        assert sig[sid]["assessment"] == exp[key], (cid, sid, sig[sid])
        if exp[key] == "inconnu":
            assert sig[sid]["reason"], (cid, sid)
        else:
            assert sig[sid]["evidence"], (cid, sid)


@pytest.mark.parametrize("cid", [c for c in CANDIDATES if EXPECTED[c].get("reachable", True)])
def test_network_evidence_shows_what_was_served(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["network"]
    sig = signals(out, cid)
    https = sig["https"]
    snippets = " ".join(e["snippet"] for e in https["evidence"])
    if exp["hsts"]:
        assert f"Strict-Transport-Security: {exp['hsts']}" in snippets
        assert f"Location: https://{exp['host']}/" in snippets
    mx = sig["mail_provider"]
    assert [e["hote"] for e in mx["details"]["mx"][exp["domain"]]] == exp["mx"]
    ev = mx["evidence"][0]
    assert ev["url"] == f"dns:{exp['domain']}?type=MX" and ev["record_id"] and ev["sha256"]
    if exp["mail_cloud"]:
        assert mx["value"] == exp["mail_cloud"]
    reg = sig["domain_registration"]
    assert reg["evidence"][0]["url"] == f"whois:{exp['domain']}"
    assert exp["created"][:10] in reg["evidence"][0]["snippet"]
    if exp["registrant"]:
        assert reg["value"]["titulaire"] == exp["registrant"]
        assert reg["value"]["anciennete_annees"] > 0
