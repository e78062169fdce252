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
    ["demo", "--out", "o"], ["render", "o"],
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


# --- issue 18: ordinary mistakes are one clear line and exit 2 -------------------------------------------

CANDIDATE = "- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n  websites: [http://a.test/]\n"


def test_a_folder_given_as_candidates_file_is_bad_input(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "o")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"tnl : {tmp_path}: c'est un dossier ; le fichier des candidats (YAML ou CSV) est attendu"


@pytest.mark.parametrize("command", ["run", "crawl"])
def test_out_naming_an_existing_file_is_bad_input(tmp_path, capsys, command):
    cands = tmp_path / "c.yaml"
    cands.write_text(CANDIDATE)
    taken = tmp_path / "rapport.txt"
    taken.write_text("x")
    assert main([command, str(cands), "--out", str(taken)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"tnl : --out {taken} : c'est un fichier ; un dossier de sortie est attendu"
    assert taken.read_text() == "x"


def test_out_in_an_unwritable_place_is_bad_input(tmp_path, capsys):
    import os

    cands = tmp_path / "c.yaml"
    cands.write_text(CANDIDATE)
    locked = tmp_path / "verrou"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # running as root: permissions do not stop writing
            pytest.skip("permissions are not enforced for this user")
        assert main(["crawl", str(cands), "--out", str(locked / "sortie")]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"tnl : --out {locked / 'sortie'} : impossible de créer le dossier (")
    finally:
        locked.chmod(0o700)


def test_out_below_a_file_is_bad_input(tmp_path, capsys):
    cands = tmp_path / "c.yaml"
    cands.write_text(CANDIDATE)
    (tmp_path / "fichier").write_text("x")
    assert main(["crawl", str(cands), "--out", str(tmp_path / "fichier" / "sortie")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"tnl : --out {tmp_path / 'fichier' / 'sortie'} : impossible de créer le dossier (")
    assert len(err.splitlines()) == 1


def test_a_claim_in_a_form_no_dossier_uses_is_bad_input_with_its_line(tmp_path, capsys):
    cands = tmp_path / "c.yaml"
    cands.write_text(CANDIDATE + "  claims:\n    - text: Taux\n      signal: analytics\n"
                                 "      expect: au moins quatre-vingts\n")
    assert main(["crawl", str(cands), "--out", str(tmp_path / "o")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"tnl : {cands}:9: candidat 'a', champ 'claims.0.expect' : condition "
                          "'au moins quatre-vingts' : un nombre est attendu après « au moins »")
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_signals_into_a_closed_pipe_exits_quietly(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    # `tnl signals | head -1`: the reader has gone before the table is written (`true` reads nothing).
    proc = subprocess.run(["bash", "-c", f'"{sys.executable}" -c "import sys; from tnl.cli import main; '
                           f'sys.exit(main())" signals | true; exit ${{PIPESTATUS[0]}}'],
                          capture_output=True, text=True, cwd=root, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_demo_refuses_an_unknown_edition_before_serving_anything(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "o"), "--edition", "1999", "--quiet"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "édition 1999 inconnue" in err and "2025" in err and "Territoire de démonstration" not in err


def test_a_bad_parcours_in_the_candidates_file_is_bad_input_with_its_line(tmp_path, capsys):
    cands = tmp_path / "c.yaml"
    cands.write_text("- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n  parcours: or\n"
                     "  websites: [http://a.test/]\n")
    assert main(["crawl", str(cands), "--out", str(tmp_path / "o")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"{cands}:5:" in err and "parcours" in err and "badge | label" in err


@pytest.mark.parametrize("extra", [["--render-random", "9"], ["--render-random", "-1"], ["--render-timeout", "0"]])
def test_bad_render_bounds_are_bad_input_before_anything_is_gathered(tmp_path, capsys, extra):
    cands = tmp_path / "c.yaml"
    cands.write_text("- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n  websites: [http://a.test/]\n")
    assert main(["crawl", str(cands), "--out", str(tmp_path / "o"), "--render", *extra]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--render-random doit être entre 0 et --render-pages, --render-timeout > 0" in err[0]
    assert not (tmp_path / "o" / "a").exists()


def test_render_options_are_on_the_commands_the_issue_names():
    parser = build_parser()
    for command in (["run", "c.yaml", "--out", "o"], ["crawl", "c.yaml", "--out", "o"], ["check-site", "https://x.fr/"],
                    ["serve"], ["demo"]):
        args = parser.parse_args([*command, "--render", "--render-pages", "5", "--render-seed", "42"])
        assert (args.render, args.render_pages, args.render_seed, args.render_random) == (True, 5, 42, 2), command


def test_serve_hands_its_render_options_to_each_check(tmp_path):
    """`tnl serve --render`: every `tnl check-site` it starts renders too, with the same bounds."""
    from tnl.selfcheck import child_argv

    args = build_parser().parse_args(["serve", "--render", "--render-pages", "4", "--render-seed", "7",
                                      "--allow-private"])
    argv = child_argv(args)
    assert "--render" in argv and "--allow-private" in argv
    assert argv[argv.index("--render-pages") + 1] == "4" and argv[argv.index("--render-seed") + 1] == "7"
    assert argv[argv.index("--render-random") + 1] == "2"
    child = build_parser().parse_args(["check-site", "https://www.ville.fr/", *argv])
    assert (child.render, child.render_pages, child.render_seed) == (True, 4, 7)
    plain = child_argv(build_parser().parse_args(["serve"]))
    assert not any(a.startswith("--render") for a in plain)
