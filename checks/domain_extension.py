"""domain_extension: the websites' domain names end in an extension ANCT deems fit for a French
collectivité (.fr, regional, overseas: RCPNT 1.2)."""
from __future__ import annotations

from checks.base import CheckMeta, page_evidence, signal
from checks.directory import (
    anct_results,
    cell_with,
    data,
    directory,
    extension,
    extension_kind,
    row_evidence,
    unjudged_host,
    website_hosts_ascii,
)
from ground.hosts import registered_domain
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Evidence, Signal
from ground.observations import Observations

META = CheckMeta(
    id="domain_extension",
    domain="interop_accessibilite",
    title="Extension française du nom de domaine",
    description=(
        "Le nom de domaine des sites doit finir par une extension géographique gérée par un organisme "
        "français : .fr, une extension régionale (.alsace, .bzh, .corsica, .paris) ou .eu, ou une extension "
        "d'outre-mer (.re, .gp, .mq, .gf, .yt, .pm, .wf, .tf, .nc, .pf). C'est une marque de confiance "
        "pour les usagers et un recours en cas d'usurpation (référentiel de conformité de l'ANCT, "
        "critère 1.2) ; .com, .org ou .net ne le sont pas."
    ),
    title_en="French extension of the domain name",
    description_en=(
        "The websites' domain name should end in a geographic extension run by a French body: .fr, a "
        "regional one (.alsace, .bzh, .corsica, .paris) or .eu, or an overseas one (.re, .gp, .mq, .gf, "
        ".yt, .pm, .wf, .tf, .nc, .pf). It is a mark of trust for users and a remedy against "
        "impersonation (ANCT's conformity framework, criterion 1.2); .com, .org or .net are not."
    ),
    evidence=("L'adresse de chaque site, telle que la donne le fichier des candidats, et, pour un candidat lu "
              "dans un annuaire public, la ligne de l'annuaire (fichier, ligne, empreinte SHA-256) qui la donne."),
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

UI = {
    "fr": "extension française ({ext})",
    "not_fr": "extension non française ({ext})",
    "unknown": "indéterminé",
    "no_site": "aucun site web",
    "kinds": {"national": "nationale", "regional": "régionale ou européenne", "overseas": "d'outre-mer"},
}


def _evidence(obs: Observations, url: str, host: str, verdict: str, ext: str, found: dict | None) -> Evidence:
    """The directory's line that gives the website, when the candidate came from one; else its homepage as
    archived; else the address as the candidates file gives it."""
    if found:
        row = found.get("row") or {}
        cell = cell_with(row, url.rstrip("/")) or cell_with(row, host)
        if cell:
            return row_evidence(found, *cell)
    words = f"{host} : " + UI["fr" if verdict == FAVORABLE else "not_fr"].format(ext="." + ext)
    home = next((p for p in obs.pages if p.is_homepage and p.site == url), None)
    if home is not None:
        return page_evidence(home, words)
    return Evidence(url=url, fetched_at="", http_status=None, snippet=words, sha256=None)


def run(obs: Observations) -> Signal:
    hosts = website_hosts_ascii(obs)
    if not hosts:
        return signal(META, None, INCONNU, UI["no_site"], reason=UI["no_site"])
    found = directory(obs)
    per_site, evidence, reasons = [], [], []
    for host, url in hosts:
        why = unjudged_host(host)
        if why:
            reasons.append(why)
            per_site.append({"site": url, "domaine": host, "extension": None, "verdict": INCONNU, "raison": why})
            continue
        ext = extension(host)
        kind = extension_kind(ext)
        verdict = FAVORABLE if kind else DEFAVORABLE
        per_site.append({"site": url, "domaine": registered_domain(host), "extension": "." + ext,
                         "verdict": verdict, "type": UI["kinds"][kind] if kind else None})
        evidence.append(_evidence(obs, url, host, verdict, ext, found))
    details = {"par_site": per_site, "source": data()["french_extensions"]["source"]}
    ancts = anct_results(found, META.id)
    if ancts:
        details["selon_l_anct"] = ancts
    judged = [s for s in per_site if s["verdict"] != INCONNU]
    if not judged:
        return signal(META, None, INCONNU, UI["unknown"], details=details, reason="; ".join(reasons))
    bad = [s for s in judged if s["verdict"] == DEFAVORABLE]
    exts = sorted({s["extension"] for s in (bad or judged)})
    if bad:
        return signal(META, exts, DEFAVORABLE, UI["not_fr"].format(ext=", ".join(exts)),
                      evidence=evidence, details=details, reason="; ".join(reasons) or None)
    return signal(META, exts, FAVORABLE, UI["fr"].format(ext=", ".join(exts)), evidence=evidence,
                  details=details, reason="; ".join(reasons) or None)
