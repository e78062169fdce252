"""Command-line contract: commands, flags and exit codes that users' scripts rely on."""
from __future__ import annotations

import pytest

from checks.registry import CHECKS
from tnl.cli import EXIT_BAD_INPUT, build_parser, main


def test_signals_table_is_generated_from_the_registry(capsys):
    assert main(["signals"]) == 0
    out = capsys.readouterr().out
    for check in CHECKS:
        assert check.meta.id in out and check.meta.title in out


@pytest.mark.parametrize("command", [
    ["run", "c.yaml", "--out", "o"], ["crawl", "c.yaml", "--out", "o"], ["check", "o"], ["report", "o"],
    ["demo", "--out", "o"],
])
def test_commands_exist(command):
    assert build_parser().parse_args(command).command == command[0]


def test_common_options_and_their_defaults():
    args = build_parser().parse_args(["run", "c.yaml", "--out", "o"])
    assert (args.max_pages, args.max_depth, args.datagouv_api, args.allow_private, args.user_agent) == (
        200, 4, "https://www.data.gouv.fr/api/1", False, None)
    args = build_parser().parse_args(["crawl", "c.yaml", "--out", "o", "--max-pages", "5", "--max-depth", "1",
                                      "--allow-private", "--user-agent", "UA", "--quiet"])
    assert (args.max_pages, args.max_depth, args.allow_private, args.user_agent, args.quiet) == (5, 1, True, "UA", True)


def test_bad_resolve_value_is_bad_input(tmp_path, capsys):
    cands = tmp_path / "c.yaml"
    cands.write_text("- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n  websites: [http://a.test/]\n")
    assert main(["crawl", str(cands), "--out", str(tmp_path / "o"), "--resolve", "nonsense"]) == EXIT_BAD_INPUT
    assert "--resolve" in capsys.readouterr().err


def test_missing_candidates_file_is_bad_input(tmp_path, capsys):
    assert main(["run", str(tmp_path / "absent.yaml"), "--out", str(tmp_path / "o")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert "absent.yaml" in err and len(err.splitlines()) == 1
