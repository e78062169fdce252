"""The registry: every check run on the same observations, a faulty one turned into `inconnu`."""
from __future__ import annotations

import logging

import pytest

from checks import registry
from checks.base import Check, CheckMeta
from ground.model import FAVORABLE, Signal
from tests.checks.baseline import observations

BOOM = CheckMeta(id="boom", domain="strategie", title="Boum", description="", evidence="",
                 outcomes=(FAVORABLE,))
FINE = CheckMeta(id="fine", domain="communication", title="Bien", description="", evidence="",
                 outcomes=(FAVORABLE,))


def _fine(obs):
    # What it read is carried in the value: run_all must hand the check the observations it was given.
    return Signal(id="fine", domain="communication", value=obs.candidate["name"], assessment=FAVORABLE,
                  display="ok")


def _boom(obs):
    raise RuntimeError("panne")


def test_run_all_gives_one_signal_per_check_in_the_registry_order_on_plain_observations():
    signals = registry.run_all(observations())
    assert [s.id for s in signals] == list(registry.CHECK_MODULES)
    assert all(s.display != "erreur interne" for s in signals)  # no check breaks on a plain page
    by_id = {s.id: s for s in signals}
    # The one page says <html lang="fr">: every page (1 of 1) declares a valid language.
    assert by_id["html_lang"].assessment == "favorable"
    assert by_id["html_lang"].domain == "interop_accessibilite"


def test_run_all_passes_the_observations_to_each_check(monkeypatch):
    monkeypatch.setattr(registry, "CHECKS", (Check(FINE, _fine),))
    [out] = registry.run_all(observations(candidate={"name": "Ville-Témoin"}))
    assert (out.id, out.domain, out.value, out.assessment, out.display) == (
        "fine", "communication", "Ville-Témoin", "favorable", "ok")


def test_a_check_that_breaks_yields_inconnu_and_the_others_still_run(monkeypatch, caplog):
    monkeypatch.setattr(registry, "CHECKS", (Check(BOOM, _boom), Check(FINE, _fine)))
    with caplog.at_level(logging.ERROR, logger="tnl.checks"):
        broken, fine = registry.run_all(observations())
    assert (broken.id, broken.domain, broken.value, broken.assessment) == ("boom", "strategie", None, "inconnu")
    assert broken.display == "erreur interne"
    assert broken.reason == "erreur du contrôle : RuntimeError('panne')"
    assert (fine.id, fine.value) == ("fine", "Exemple")
    # The failure is logged on the checks' logger, naming the check, with its traceback.
    [record] = [r for r in caplog.records if r.name == "tnl.checks"]
    assert record.getMessage() == "check boom failed"
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_the_reason_of_a_broken_check_is_cut_at_300_characters(monkeypatch):
    def long_failure(obs):
        raise ValueError("x" * 1000)

    monkeypatch.setattr(registry, "CHECKS", (Check(BOOM, long_failure),))
    [out] = registry.run_all(observations())
    assert len(out.reason) == 300
    assert out.reason.startswith("erreur du contrôle : ValueError('xxx")


def test_load_takes_a_modules_meta_and_run():
    from checks import https

    check = registry._load("https")
    assert check.meta is https.META and check.run is https.run


@pytest.mark.parametrize("sid, domain", [("https", "interop_accessibilite"), ("cms", "logiciels_libres"),
                                          ("website_links_opendata", "open_data")])
def test_meta_finds_a_check_by_its_id(sid, domain):
    found = registry.meta(sid)
    assert (found.id, found.domain) == (sid, domain)


def test_meta_of_an_unknown_id_fails():
    with pytest.raises(StopIteration):
        registry.meta("nimporte")
