"""The folders keep their roles: no upward imports, no cycles, a core free of Rasa.

Layers, lowest first: settings, language and the domain's names
(domain_names); the core packages (corpus, retrieval, safety, intake, and any
other plain package of bot/); what Rasa loads (rasa_plugins); the patches of
Rasa internals; the processes (serve).
A module may import its own layer or a lower one. actions/ glue the core to
rasa_sdk; tools/ may use anything, and nothing shipped imports tools/.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = {"bot.settings", "bot.language", "bot.domain_names"}
CORE = {"bot.corpus", "bot.retrieval", "bot.safety", "bot.intake"} | BASE
RANK = {"bot.rasa_plugins": 2, "bot.patches": 3, "bot.serve": 4}
RASA_PACKAGES = {"rasa", "rasa_sdk", "sanic", "tensorflow"}
# Within the core, the corpus is what retrieval reads; it must not read back.
CORE_FORBIDDEN = {"bot.corpus": {"bot.retrieval", "bot.safety", "bot.intake"}}


def _unit(module: str) -> str:
    """The folder a dotted module belongs to: bot.X, actions or tools."""
    parts = module.split(".")
    if parts[0] == "bot" and len(parts) > 1:
        return "bot." + parts[1]
    return parts[0]


def _rank(unit: str) -> int:
    if unit in BASE:
        return 0
    return RANK.get(unit, 1)


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[Tuple[str, int]]:
    """Every absolute import in a file, function-level ones included."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module in ("bot",) and node.names:
                for alias in node.names:
                    yield f"bot.{alias.name}", node.lineno
            else:
                yield module, node.lineno


def _sources() -> Iterator[Path]:
    for folder in ("bot", "actions", "tools"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def _edges() -> Dict[str, Set[Tuple[str, str]]]:
    """unit -> {(imported unit, where)} for imports of this project's code."""
    edges: Dict[str, Set[Tuple[str, str]]] = {}
    for path in _sources():
        here = _unit(_module_name(path))
        for module, line in _imports(path):
            top = module.split(".")[0]
            if top not in ("bot", "actions", "tools"):
                continue
            there = _unit(module)
            if there != here:
                where = f"{path.relative_to(ROOT)}:{line} imports {module}"
                edges.setdefault(here, set()).add((there, where))
    return edges


def test_no_module_imports_a_higher_layer():
    upward = []
    for here, targets in _edges().items():
        if here in ("actions", "tools"):
            continue
        for there, where in targets:
            if there in ("actions", "tools") or _rank(there) > _rank(here):
                upward.append(where)
            elif there in CORE_FORBIDDEN.get(here, ()):
                upward.append(where)
    assert not upward, "upward imports:\n" + "\n".join(sorted(upward))


def test_actions_use_the_core_only():
    wrong = [
        where
        for there, where in _edges().get("actions", set())
        if there == "tools" or _rank(there) > 1
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_the_core_imports_nothing_from_rasa():
    found = []
    for path in _sources():
        if _unit(_module_name(path)) not in CORE:
            continue
        for module, line in _imports(path):
            if module.split(".")[0] in RASA_PACKAGES:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not found, "\n".join(found)


def test_no_import_cycles_between_folders():
    graph = {here: {t for t, _ in targets} for here, targets in _edges().items()}
    state: Dict[str, int] = {}

    def visit(node: str, trail: Tuple[str, ...]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = trail[trail.index(node) :] + (node,)
            pytest.fail("import cycle: " + " -> ".join(cycle))
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, trail + (node,))
        state[node] = 2

    for node in sorted(graph):
        visit(node, ())
