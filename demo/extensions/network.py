"""Network facts of the demo world: HTTPS/HSTS per site, DNS zone (AAAA, MX) and WHOIS answers.

Written beside each site's pages as `_server.json` (read by WorldServer), `_dns.zone` (master-file
syntax, served by the DNS double) and `_whois.txt` (served by the WHOIS double); names starting
with "_" are never served as pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from demo.sitekit import Site
from ground.hosts import registered_domain

SERVER_CONF = "_server.json"
ZONE_FILE = "_dns.zone"
WHOIS_FILE = "_whois.txt"

HSTS = "max-age=31536000; includeSubDomains"

# Per candidate: HTTPS behaviour, IPv6, mail exchangers, WHOIS style and holder.
# Addresses are from the documentation ranges (RFC 5737, RFC 3849).
FACTS: dict[str, dict] = {
    "libreville-isere": {
        "tls": {"https": True, "redirect_https": "upgrade-insecure-requests", "hsts": HSTS},
        "ipv6": True, "extra_hosts": ["data", "mx"],
        "mx": [(10, "mx.{domain}."), (20, "mx2.{domain}.")],
        "whois": {"style": "afnic", "holder": "Commune de Libreville-sur-Isère", "holder_type": "ORGANIZATION",
                  "registrar": "GANDI", "created": "2001-03-14T10:12:45Z", "updated": "2024-11-02T08:41:03Z"},
    },
    "agglo-val-de-roche": {
        "tls": {"https": True},  # HTTPS served, but plain HTTP is not redirected and no HSTS
        "ipv6": False, "extra_hosts": [],
        "mx": [(1, "mx1.mail.ovh.net."), (5, "mx2.mail.ovh.net."), (100, "mx3.mail.ovh.net.")],
        "whois": {"style": "afnic", "holder": "Communauté d'agglomération du Val de Roche",
                  "holder_type": "ORGANIZATION", "registrar": "OVH", "created": "2014-01-02T15:20:11Z",
                  "updated": "2025-01-03T06:12:40Z"},
    },
    "departement-haute-garrigue": {
        "tls": {"https": False},
        "ipv6": False, "extra_hosts": [],
        "mx": [(0, "haute-garrigue-test.mail.protection.outlook.com.")],
        "whois": {"style": "icann_redacted", "registrar": "Gandi SAS", "created": "2009-06-22T09:03:57Z",
                  "updated": "2024-06-21T12:00:31Z"},
    },
    "petit-bourg": {
        "tls": {"https": False},
        "ipv6": False, "extra_hosts": [],
        "mx": [(1, "aspmx.l.google.com."), (5, "alt1.aspmx.l.google.com."), (5, "alt2.aspmx.l.google.com.")],
        "whois": {"style": "afnic", "holder": "Quercy Pixel SARL", "holder_type": "ORGANIZATION",
                  "registrar": "OVH", "created": "2019-05-17T13:44:09Z", "updated": "2025-05-18T01:02:17Z"},
    },
}


def _zone(domain: str, host: str, index: int, facts: dict) -> str:
    v4 = f"192.0.2.{10 + index * 10}"
    v6 = f"2001:db8:{index + 1}::10"
    lines = [f"$ORIGIN {domain}.", "$TTL 3600",
             f"@ IN SOA ns1.{domain}. hostmaster.{domain}. 2025031001 7200 3600 1209600 3600",
             f"@ IN NS ns1.{domain}.", f"ns1 IN A {v4[:-1]}3", f"@ IN A {v4}"]
    labels = [host[: -len(domain) - 1]] + facts["extra_hosts"]
    for n, label in enumerate(labels):
        lines.append(f"{label} IN A {v4[:-1]}{n}")
        if facts["ipv6"]:
            lines.append(f"{label} IN AAAA {v6[:-2]}{n + 10}")
    for pref, target in facts["mx"]:
        lines.append(f"@ IN MX {pref} {target.format(domain=domain)}")
    if any("{domain}" in t for _, t in facts["mx"]):
        lines.append(f"mx2 IN A {v4[:-1]}5")
    return "\n".join(lines) + "\n"


def _handle(name: str) -> str:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())[:3] or "X"
    return f"{initials}{len(name)}-FRNIC"


def _whois(domain: str, w: dict) -> str:
    if w["style"] == "afnic":
        holder = _handle(w["holder"])
        reg = w["registrar"]
        return f"""%%
%% This is the AFNIC Whois server.
%%
%% complete date format: YYYY-MM-DDThh:mm:ssZ
%%
%% Rights restricted by copyright.
%%

domain:                        {domain}
status:                        ACTIVE
eppstatus:                     active
hold:                          NO
holder-c:                      {holder}
admin-c:                       {holder}
tech-c:                        {reg[:3]}5-FRNIC
registrar:                     {reg}
Expiry Date:                   2026-{w["created"][5:]}
created:                       {w["created"]}
last-update:                   {w["updated"]}
source:                        FRNIC

nserver:                       ns1.{domain}
source:                        FRNIC

registrar:                     {reg}
country:                       FR
anonymous:                     No
source:                        FRNIC

nic-hdl:                       {holder}
type:                          {w["holder_type"]}
contact:                       {w["holder"]}
country:                       FR
registrar:                     {reg}
anonymous:                     NO
source:                        FRNIC
"""
    return f"""Domain Name: {domain.upper()}
Registry Domain ID: 2405880931_DOMAIN_TEST-VRSN
Registrar WHOIS Server: whois.gandi.net
Registrar URL: http://www.gandi.net
Updated Date: {w["updated"]}
Creation Date: {w["created"]}
Registry Expiry Date: 2026-{w["created"][5:]}
Registrar: {w["registrar"]}
Registrar IANA ID: 81
Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited
Registrant Name: REDACTED FOR PRIVACY
Registrant Organization: REDACTED FOR PRIVACY
Registrant Country: FR
Registrant Email: Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant
Name Server: NS1.{domain.upper()}
DNSSEC: unsigned
>>> Last update of WHOIS database: 2025-03-10T08:00:00Z <<<
"""


def extend(cid: str, site: Site) -> None:
    facts = FACTS.get(cid)
    if facts is None:
        return
    conf = json.loads(site.assets.get("/" + SERVER_CONF, b"{}"))  # another extension may have written it
    conf.update(facts["tls"])
    site.assets["/" + SERVER_CONF] = (json.dumps(conf, indent=1, sort_keys=True) + "\n").encode("utf-8")
    domain = registered_domain(site.host)
    index = list(FACTS).index(cid)
    site.assets["/" + ZONE_FILE] = _zone(domain, site.host, index, facts).encode("utf-8")
    site.assets["/" + WHOIS_FILE] = _whois(domain, facts["whois"]).encode("utf-8")


# --- ground truth, read back from the written files ---------------------------------------------

_MX_CLOUD = {"Microsoft 365": ".mail.protection.outlook.com", "Google Workspace": "google.com"}


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"network": {"https": "inconnu", "hsts_assessment": "inconnu", "ipv6": "inconnu", "mail_provider": "inconnu",
                            "domain_registration": "inconnu", "mx": [], "registrant": None}}
    host = site.host
    domain = registered_domain(host)
    conf = json.loads((root / SERVER_CONF).read_text("utf-8"))
    redirects = bool(conf.get("https") and conf.get("redirect_https"))
    https = "favorable" if conf.get("https") and redirects else "defavorable"
    max_age = int(re.search(r"max-age=(\d+)", conf["hsts"]).group(1)) if conf.get("https") and conf.get("hsts") else 0
    # six months: the threshold of checks/hsts.py (Mozilla http-observatory)
    hsts = "favorable" if max_age >= 15_768_000 else "neutre" if max_age else "defavorable"
    zone = (root / ZONE_FILE).read_text("utf-8")
    prefix = host[: -len(domain) - 1]
    ipv6 = "favorable" if re.search(rf"^{re.escape(prefix)} IN AAAA ", zone, re.M) else "defavorable"
    mx = sorted((int(p), t.rstrip(".")) for p, t in re.findall(r"^@ IN MX (\d+) (\S+)", zone, re.M))
    mx_hosts = [t for _, t in mx]
    cloud = [name for name, suffix in _MX_CLOUD.items() if any(h.endswith(suffix) for h in mx_hosts)]
    mail = "defavorable" if cloud else "favorable"
    text = (root / WHOIS_FILE).read_text("utf-8")
    m = re.search(r"^holder-c:\s*(\S+)", text, re.M)
    registrant = None
    if m:
        block = text[text.index(f"nic-hdl:                       {m.group(1)}"):]
        registrant = re.search(r"^contact:\s*(.+)$", block, re.M).group(1).strip()
    if registrant is None:
        reg = "inconnu"
    else:
        reg = "favorable" if registrant in (site.name, ) or site.name.split("-")[0] in registrant else "defavorable"
    created = re.search(r"^(?:created|Creation Date):\s*(\S+)", text, re.M).group(1)
    return {"network": {
        "host": host, "domain": domain, "https": https, "hsts": conf.get("hsts"), "hsts_assessment": hsts,
        "ipv6": ipv6, "mail_provider": mail, "mail_cloud": cloud[0] if cloud else None, "mx": mx_hosts,
        "domain_registration": reg, "registrant": registrant, "created": created,
    }}
