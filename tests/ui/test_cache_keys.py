"""Every cached read is keyed by the data version, so a write on one server shows on all of them."""

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"


def _decorator_name(decorator: ast.expr) -> str:
    """'st.cache_data' for both `@st.cache_data` and `@st.cache_data(ttl=...)`."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target)


def cached_data_functions(source: str) -> list[ast.FunctionDef]:
    """The functions of a module decorated with st.cache_data (however it is imported)."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
        and any(_decorator_name(d).endswith("cache_data") for d in node.decorator_list)
    ]


def _first_argument(function: ast.FunctionDef) -> tuple[str, str]:
    arguments = [*function.args.posonlyargs, *function.args.args]
    if not arguments:
        return "", ""
    first = arguments[0]
    return first.arg, ast.unparse(first.annotation) if first.annotation else ""


@pytest.mark.parametrize("module", sorted(UI.glob("*.py")), ids=lambda p: p.name)
def test_every_cached_loader_takes_the_data_version_first(module: Path) -> None:
    for function in cached_data_functions(module.read_text()):
        assert _first_argument(function) == ("version", "int"), (
            f"{module.name}:{function.lineno} {function.name} is cached with st.cache_data but its "
            "first argument is not `version: int`: a write on another server would not reach it"
        )


def test_the_loaders_module_has_cached_loaders_to_check() -> None:
    # the check above must not pass vacuously (a renamed decorator, a moved module)
    assert len(cached_data_functions((UI / "loaders.py").read_text())) >= 5


def test_the_check_catches_a_loader_without_the_version() -> None:
    source = (
        "import streamlit as st\n"
        "@st.cache_data(ttl=600)\n"
        "def load_things(code: int) -> int:\n"
        "    return code\n"
    )
    (function,) = cached_data_functions(source)
    assert _first_argument(function) == ("code", "int")


def _cached_resources() -> dict[tuple[str, str], ast.FunctionDef]:
    return {
        (module.name, node.name): node
        for module in UI.glob("*.py")
        for node in ast.walk(ast.parse(module.read_text()))
        if isinstance(node, ast.FunctionDef)
        and any(_decorator_name(d).endswith("cache_resource") for d in node.decorator_list)
    }


def test_resources_cached_per_process_hold_no_data_or_take_the_version_first() -> None:
    """st.cache_resource holds the engine and constants, or what was drawn from data (figures and
    maps: ui.built_once), then keyed by the data version like every loader."""
    constants = {("loaders.py", "engine"), ("auth.py", "_unusable_hash")}
    found = _cached_resources()
    drawn = {name for name, function in found.items() if name not in constants}
    assert drawn == {("built_once.py", "_built")}, f"new st.cache_resource: {drawn}"
    for name in drawn:
        assert _first_argument(found[name]) == ("version", "int"), (
            f"{name} is cached per process but not keyed by `version: int` first"
        )
