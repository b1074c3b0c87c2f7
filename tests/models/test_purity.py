"""models/ stays pure: the vocabulary below both shells may not draw (the project's own layers are
tests/test_architecture.py's; this is about the libraries a shell draws with)."""

import ast
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "models"
# what a model may never import: what the page and the meeting pack draw and write with
FORBIDDEN = {
    "streamlit",
    "plotly",
    "matplotlib",
    "pydeck",
    "fpdf",
    "openpyxl",
}


def imported_packages(source: str) -> set[str]:
    """The top-level package of every import in a module's source."""
    packages: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            packages.add(node.module.split(".")[0])
    return packages


def test_the_check_sees_imports() -> None:
    source = "import plotly.io as pio\nfrom matplotlib.figure import Figure\nfrom . import x\n"
    assert imported_packages(source) == {"plotly", "matplotlib"}


@pytest.mark.parametrize("module", sorted(MODELS.glob("*.py")), ids=lambda p: p.name)
def test_models_import_nothing_that_draws(module: Path) -> None:
    assert not imported_packages(module.read_text(encoding="utf-8")) & FORBIDDEN
