"""The house rules, read from the source with the standard library's ast.

Layers point one way: app.py, serve.py and pages/ -> ui/ -> dataio/ -> models/, and cli/ ->
dataio/ -> models/. dataio never imports ui or cli, models imports nothing of the project, nothing imports
pages or cli (but tests), and no two modules import each other, directly or round a cycle, even
through an import inside a function.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("models", "dataio", "ui", "cli")
# What each top-level part may import of the project.
ALLOWED = {
    "models": {"models"},
    "dataio": {"dataio", "models"},
    "ui": {"ui", "dataio", "models"},
    "cli": {"cli", "dataio", "models"},
    "pages": {"ui", "dataio", "models"},
    "app": {"ui", "dataio", "models"},
    "serve": {"ui"},  # the st.App that `streamlit run serve.py` starts: app.py plus ui.web
}
MAX_MODULES_PER_FOLDER = 12


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _sources() -> Iterator[Path]:
    yield ROOT / "app.py"
    yield ROOT / "serve.py"
    yield from (ROOT / "pages").glob("*.py")
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


MODULES = {_module_name(p): p for p in _sources()}


def _resolve(name: str) -> str | None:
    """The project module an import names (a submodule if it exists, else its package)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {m for n in names if (m := _resolve(n)) is not None}
    return found - {_module_name(path)}


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _part(module: str) -> str:
    top = module.split(".")[0]
    return "pages" if top.startswith("pages") else top


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_the_layers(module: str) -> None:
    backward = {m for m in GRAPH[module] if _part(m) not in ALLOWED[_part(module)]}
    assert not backward, f"{module} imports {sorted(backward)} against the layer rule"


def test_no_import_cycle() -> None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            cycle = [*visiting[visiting.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        visiting.append(module)
        for imported in sorted(GRAPH[module]):
            # a package's __init__ importing its own submodules is how packages are made
            if not imported.startswith(module + "."):
                visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(GRAPH):
        visit(module)


def test_the_graph_sees_imports_inside_functions() -> None:
    assert "dataio.store.access" in GRAPH["dataio.store.action_plans"]
    assert "streamlit" not in str(GRAPH["dataio.store.action_plans"])


@pytest.mark.parametrize(
    "folder", sorted({p.parent for p in MODULES.values() if "dataio" in p.parts}), ids=str
)
def test_no_dataio_folder_holds_more_than_a_dozen_modules(folder: Path) -> None:
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= MAX_MODULES_PER_FOLDER, f"{folder}: {len(modules)} modules"


def test_every_dataio_package_says_what_lives_there() -> None:
    for init in (ROOT / "dataio").rglob("__init__.py"):
        if "migrations" in init.parts:
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} has no docstring"
