"""The dependency rule, checked on the source: imports between apps point one way, and no two modules import each other.

core ← events ← (programme, registration) ← (participation, outcomes, partnerships, reports, organise, api) ← demo.
Every `import` and `from ... import` of every module under src/rendezvous (migrations aside) counts, at the top of a
file or inside a function alike: an import moved into a function to dodge a cycle is still a cycle. The project's
own settings, urls and wsgi modules stand outside the apps and may import any of them.
"""

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import rendezvous

PACKAGE = "rendezvous"
SOURCE_ROOT = Path(rendezvous.__file__).resolve().parent

_FIRST = {"core"}
_SECOND = _FIRST | {"events"}
_THIRD = _SECOND | {"programme", "registration"}
_FOURTH = {"participation", "outcomes", "partnerships", "reports", "api", "organise"}

# The apps each app may import besides itself. programme and registration stand side by side and may not import each
# other; neither may the apps of the fourth layer, with the two exceptions the design names.
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "events": _FIRST,
    "programme": _SECOND,
    "registration": _SECOND,
    "participation": _THIRD,
    "outcomes": _THIRD,
    "partnerships": _THIRD,
    # The secretariat's pages: editions, cloning (programme and registration together), staff, records.
    "organise": _THIRD,
    # The official report is built from the attendance records (participation) and carries the adopted outcome
    # document as its annex (outcomes); neither of those apps imports reports.
    "reports": _THIRD | {"participation", "outcomes"},
    # Certificates and visa letters are drawn from the attendance records (participation).
    "documents": _THIRD | {"participation"},
    # The HTTP API is a door to every app below it, as the pages are.
    "api": _THIRD | (_FOURTH - {"api"}) | {"documents"},
    # Webhooks listen to what every app below announces (core.happenings); nothing below imports them.
    "webhooks": _THIRD,
    "demo": _THIRD | _FOURTH | {"documents"},
}

# Edges that still break the rule while another helper of issue 10 works on the files they are in. Each names who
# removes it; once an edge is gone its entry must go too (the test says so), so this list only ever shrinks to empty.
# (importer, imported): each a module, or a package standing for every module in it -> who removes it.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(SOURCE_ROOT.parent)}:{self.line}: {self.importer} imports {self.imported}"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's __init__), for every module of the project but its migrations."""
    modules = {}
    for path in sorted(SOURCE_ROOT.rglob("*.py")):
        parts = path.relative_to(SOURCE_ROOT.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def _owning_module(name: str, modules) -> str | None:
    """The project module a dotted name lives in (`rendezvous.events.services.get_visible_edition` -> `...services`)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imports(modules) -> list[Import]:
    found = []
    for module, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    here = module.split(".") if is_package else module.split(".")[:-1]
                    base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                # `from package import name` imports the submodule `name` when there is one, else the package.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
                ]
            else:
                continue
            for target in targets:
                if target != PACKAGE and not target.startswith(PACKAGE + "."):
                    continue
                imported = _owning_module(target, modules)
                if imported is not None and imported != module:
                    found.append(Import(module, imported, path, node.lineno))
    # `from package import a, b` names one edge per line, not one per name.
    return list(dict.fromkeys(found))


def _app(module: str) -> str | None:
    """The app a module belongs to; None for the project's own settings, urls and wsgi modules."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (SOURCE_ROOT / parts[1]).is_dir() else None


def _within(module: str, name: str) -> bool:
    return module == name or module.startswith(name + ".")


def _is_known(edge: Import) -> bool:
    return any(_within(edge.importer, a) and _within(edge.imported, b) for a, b in KNOWN_EXCEPTIONS)


def _cycles(edges: list[Import]) -> list[list[Import]]:
    """One cycle of imports for each group of modules that import each other (Tarjan's strongly connected parts)."""
    graph: dict[str, dict[str, Import]] = defaultdict(dict)
    for edge in edges:
        graph[edge.importer].setdefault(edge.imported, edge)
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = lowest[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                lowest[node] = min(lowest[node], lowest[successor])
            elif successor in on_stack:
                lowest[node] = min(lowest[node], index[successor])
        if lowest[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)

    cycles = []
    for group in groups:
        # Walk from the group's first module, breadth first inside the group, back to that module.
        start = min(group)
        came_by: dict[str, Import] = {}
        frontier = [start]
        while frontier and start not in came_by:
            following = []
            for node in frontier:
                for successor, edge in sorted(graph[node].items()):
                    if successor in group and successor not in came_by:
                        came_by[successor] = edge
                        following.append(successor)
            frontier = following
        cycle, node = [], start
        while True:
            edge = came_by[node]
            cycle.append(edge)
            node = edge.importer
            if node == start:
                break
        cycles.append(list(reversed(cycle)))
    return cycles


MODULES = _modules()
IMPORTS = _imports(MODULES)


def test_every_app_is_placed_in_a_layer():
    apps = {_app(module) for module in MODULES} - {None}
    assert apps <= set(MAY_IMPORT), f"place these apps in MAY_IMPORT: {sorted(apps - set(MAY_IMPORT))}"


def test_the_layers_themselves_form_no_cycle():
    for app, allowed in MAY_IMPORT.items():
        for other in allowed:
            assert app not in MAY_IMPORT[other], f"{app} and {other} may import each other"


def _against_layers(edges: list[Import]) -> list[str]:
    wrong = []
    for edge in edges:
        importer_app, imported_app = _app(edge.importer), _app(edge.imported)
        if importer_app is None or imported_app is None or importer_app == imported_app or _is_known(edge):
            continue
        if imported_app not in MAY_IMPORT.get(importer_app, set()):
            wrong.append(f"{edge} ({importer_app} may not import {imported_app})")
    return wrong


def test_no_app_imports_an_app_above_it_or_beside_it():
    wrong = _against_layers(IMPORTS)
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_modules_import_each_other():
    cycles = _cycles([edge for edge in IMPORTS if not _is_known(edge)])
    described = ["\n".join(f"  {edge}" for edge in cycle) for cycle in cycles]
    assert not cycles, "modules that import each other (function-local imports count):\n" + "\n\n".join(described)


def test_every_known_exception_still_occurs():
    for (importer, imported), helper in KNOWN_EXCEPTIONS.items():
        assert any(_within(edge.importer, importer) and _within(edge.imported, imported) for edge in IMPORTS), (
            f"{importer} no longer imports {imported}: remove its entry ({helper}) from KNOWN_EXCEPTIONS"
        )


def _edge(importer: str, imported: str) -> Import:
    return Import(importer, imported, SOURCE_ROOT / "__init__.py", 1)


def test_the_checks_name_upward_and_sideways_imports_and_cycles():
    upward = _edge("rendezvous.events.services", "rendezvous.programme.timetable")
    sideways = _edge("rendezvous.registration.views", "rendezvous.programme.models")
    into_demo = _edge("rendezvous.api.views", "rendezvous.demo.loader")
    downward = _edge("rendezvous.programme.views", "rendezvous.events.services")
    project = _edge("rendezvous.urls", "rendezvous.demo.loader")
    wrong = _against_layers([upward, sideways, into_demo, downward, project])
    assert wrong == [
        f"{upward} (events may not import programme)",
        f"{sideways} (registration may not import programme)",
        f"{into_demo} (api may not import demo)",
    ]
    there, back = _edge("rendezvous.core.a", "rendezvous.core.b"), _edge("rendezvous.core.b", "rendezvous.core.a")
    assert _cycles([there, back, downward]) == [[there, back]]


def test_the_walk_sees_function_local_and_relative_imports():
    # The walk must see what it is meant to police: an import inside a function (events.apps imports its services
    # in ready()) and a relative one (events.services imports .models).
    edges = {(edge.importer, edge.imported) for edge in IMPORTS}
    assert ("rendezvous.events.apps", "rendezvous.events.services") in edges
    assert ("rendezvous.events.services", "rendezvous.events.models") in edges
    assert ("rendezvous.demo.loader", "rendezvous.demo.data") in edges
