"""The mutation score of checks/ from a mutmut run (`mutmut run`, results under mutants/): mutants killed
among the logic mutants, i.e. leaving out those that only change a string (a message shown to people,
which no test should pin word for word). A mutant no test runs counts as surviving.

    .venv/bin/mutmut run                        # every mutant of checks/ (pyproject.toml [tool.mutmut])
    PYTHONPATH=. python -m bench.mutation_score  # the score, per module and overall
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
KILLED = {1, 3}  # pytest failed: a test caught the mutant
SURVIVED = {0}
NO_TESTS = {5, 33}  # no test covers the mutated function


class _BlankStrings(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("") if isinstance(node.value, str) else node


def _functions(path: Path) -> dict[str, str]:
    """Each function of a mutated module (orig and mutants), dumped with its strings blanked."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and "__mutmut_" in node.name:
            body = _BlankStrings().visit(ast.Module(body=node.body, type_ignores=[]))
            out[node.name] = ast.dump(body)
    return out


def string_only(functions: dict[str, str], name: str) -> bool:
    """The mutant differs from its original only in string literals."""
    base = name.rsplit("__mutmut_", 1)[0]
    orig = functions.get(base + "__mutmut_orig")
    return orig is not None and functions.get(name) == orig


def score(mutants: Path = MUTANTS) -> dict[str, Counter]:
    per_module: dict[str, Counter] = {}
    for meta in sorted((mutants / "checks").glob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key") or {}
        if not codes:
            continue
        functions = _functions(meta.with_suffix(""))
        tally = per_module.setdefault(meta.name.removesuffix(".py.meta"), Counter())
        for key, code in codes.items():
            name = key.rsplit(".", 1)[-1]
            if code is None:
                tally["not_run"] += 1
            elif string_only(functions, name):
                tally["message"] += 1
            elif code in KILLED:
                tally["killed"] += 1
            elif code in SURVIVED or code in NO_TESTS:
                tally["survived" if code in SURVIVED else "no_tests"] += 1
            else:
                tally["other"] += 1  # timeouts, crashes: counted as killed by mutmut, apart here
    return per_module


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} %" if d else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=MUTANTS)
    args = parser.parse_args(argv)
    per_module = score(args.mutants)
    total = Counter()
    print("| module | mutants de logique | tués | survivants | sans test | messages (exclus) | score |")
    print("|---|---|---|---|---|---|---|")
    for module, t in per_module.items():
        total.update(t)
        logic = t["killed"] + t["survived"] + t["no_tests"] + t["other"]
        print(f"| `{module}` | {logic} | {t['killed'] + t['other']} | {t['survived']} | {t['no_tests']} | "
              f"{t['message']} | {pct(t['killed'] + t['other'], logic)} |")
    logic = total["killed"] + total["survived"] + total["no_tests"] + total["other"]
    print(f"| **ensemble** | {logic} | {total['killed'] + total['other']} | {total['survived']} | {total['no_tests']} | "
          f"{total['message']} | **{pct(total['killed'] + total['other'], logic)}** |")
    if total["not_run"]:
        print(f"\n{total['not_run']} mutants pas encore exécutés.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
