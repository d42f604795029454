"""The layers hold: models import no services, forms or blueprints; services import no forms or blueprints;
and no modules of app/ import each other in a circle, so every import runs one way."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"


def imported_modules(path):
    """Every module `path` imports, as a dotted name under `app`, including imports inside functions."""
    package = ["app", *path.relative_to(APP).with_suffix("").parts]
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules_of(layer):
    return sorted((APP / layer).rglob("*.py"))


def offending(layer, forbidden):
    return {
        str(path.relative_to(APP)): sorted(m for m in imported_modules(path) if m.startswith(forbidden))
        for path in modules_of(layer)
        if any(m.startswith(forbidden) for m in imported_modules(path))
    }


def test_the_walk_sees_relative_and_late_imports():
    # A check that finds nothing must be able to find something.
    blueprint = APP / "blueprints" / "appointments" / "booking.py"
    assert "app.services.appointments" in imported_modules(blueprint)
    assert any(m.startswith("app.services") for m in imported_modules(APP / "cli.py"))


@pytest.mark.parametrize(
    "layer, forbidden",
    [
        ("models", ("app.services", "app.forms", "app.blueprints")),
        ("services", ("app.forms", "app.blueprints")),
    ],
)
def test_a_lower_layer_never_imports_a_higher_one(layer, forbidden):
    assert modules_of(layer), f"no modules found in app/{layer}"
    assert offending(layer, forbidden) == {}


def module_name(path):
    parts = ["app", *path.relative_to(APP).with_suffix("").parts]
    return ".".join(parts[:-1] if path.name == "__init__.py" else parts)


def import_graph():
    """Module -> the modules of app/ it imports (late imports too; migrations are apart)."""
    files = {module_name(p): p for p in APP.rglob("*.py") if "migrations" not in p.parts}
    return {m: {i for i in imported_modules(p) if i in files and i != m} for m, p in files.items()}


def reachable(graph, start):
    seen, todo = set(), list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph[module])
    return seen


def circles(graph):
    """Each set of modules that import each other, directly or round about."""
    reach = {m: reachable(graph, m) for m in graph}
    return {frozenset({m} | {n for n in reach[m] if m in reach[n]}) for m in graph if m in reach[m]}


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == {frozenset("abc")}


def test_no_modules_of_app_import_each_other_in_a_circle():
    found = circles(import_graph())
    assert found == set(), sorted(sorted(c) for c in found)
