"""No import cycles inside tui/: no module both defines a screen and is imported (directly or
through others) by the screens it pushes. Screens import their base from tui.screen; the app
and tui.navigation import the screens where they open them.

Imports only for the type checker (under `if TYPE_CHECKING:`) are left out: they never run."""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph, package: str) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    modules = sorted(m for m in graph.modules if m == package or m.startswith(package + "."))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return groups


def _describe(graph: grimp.ImportGraph, group: list[str]) -> str:
    lines = []
    for importer in group:
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported in group:
                where = graph.get_import_details(importer=importer, imported=imported)
                numbers = ", ".join(str(d["line_number"]) for d in where)
                lines.append(f"  {importer} -> {imported} (line {numbers})")
    return "\n".join(lines)


def test_no_import_cycles_in_tui() -> None:
    graph = grimp.build_graph("tui", exclude_type_checking_imports=True, cache_dir=None)
    groups = _cycles(graph, "tui")
    assert not groups, "Import cycles in tui/:\n" + "\n\n".join(_describe(graph, g) for g in groups)


def test_the_check_finds_a_cycle() -> None:
    """The check itself: a screen importing the app that pushes it is a cycle."""
    graph = grimp.build_graph("tui", exclude_type_checking_imports=True, cache_dir=None)
    graph.add_import(importer="tui.screens.cases", imported="tui.app")
    assert any({"tui.app", "tui.screens.cases"} <= set(g) for g in _cycles(graph, "tui"))
