"""The layers hold: core never imports Qt, the window builds no HTTP requests, no module of core imports another
that imports it back (not even for types), and no import inside a function dodges one (docs/architecture.md).

Read from the source with `ast`, so an import added anywhere (module level, under TYPE_CHECKING, in a
function) is seen."""

from __future__ import annotations

import ast
from pathlib import Path

import assetdrop

PACKAGE = Path(assetdrop.__file__).parent
# Imported inside a function on purpose, for a measured reason given beside each (not to dodge a circle).
# Third-party imports a core module may make inside a function, each for a measured reason: keyring's backends
# load slowly and probe D-Bus; filelock pulls in asyncio, which a plain CLI start never needs (test_cli_start.py).
LAZY = {
    ("assetdrop.core.credentials", "keyring"),
    ("assetdrop.core.diagnostics", "keyring"),
    ("assetdrop.core.queue.ownership", "filelock"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("assetdrop", *path.relative_to(PACKAGE).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported module, inside a function) for every import statement of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    in_function = {
        id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) for n in ast.walk(f)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in in_function) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.append((base, id(node) in in_function))
            found += [(f"{base}.{alias.name}", id(node) in in_function) for alias in node.names]
    return found


def test_core_never_imports_qt_and_qt_never_speaks_http():
    for name, path in _modules().items():
        targets = {target.split(".")[0] for target, _ in _imports(name, path)}
        if name.startswith("assetdrop.core"):
            assert "PySide6" not in targets, name
        if name.startswith("assetdrop.qt"):
            assert not targets & {"requests", "urllib3", "http"}, name
            assert not any(t.startswith("assetdrop.core.http") for t, _ in _imports(name, path)), name


def test_no_import_inside_a_function_in_core():
    inside = [
        (name, target.split(".")[0])
        for name, path in _modules().items()
        if name.startswith("assetdrop.core")
        for target, in_function in _imports(name, path)
        if in_function
    ]
    assert set(inside) <= LAZY, sorted(set(inside) - LAZY)


def test_no_import_circle_in_core():
    modules = {name: path for name, path in _modules().items() if name.startswith("assetdrop.core")}
    graph = {name: {t for t, _ in _imports(name, path) if t in modules and t != name} for name, path in modules.items()}
    for name in graph:  # a package's __init__ importing its own modules is not a circle through the package
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    seen: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            assert seen.get(target) != 1, "import circle: " + " -> ".join(path[path.index(target) :] + [target])
            if target not in seen:
                visit(target)
        path.pop()
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node)
    assert len(graph) > 40  # the walk saw core, not an empty folder
