"""models/ stays pure: the vocabulary below both shells may not reach up into them or draw."""

import ast
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "models"
# what a model may never import: the project's upper layers and anything that draws or does I/O
FORBIDDEN = {
    "ui",
    "dataio",
    "cli",
    "pages",
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
    assert imported_packages("import plotly.io as pio\nfrom ui.text import x\n") == {"plotly", "ui"}


@pytest.mark.parametrize("module", sorted(MODELS.glob("*.py")), ids=lambda p: p.name)
def test_models_import_nothing_that_draws_or_sits_above(module: Path) -> None:
    assert not imported_packages(module.read_text(encoding="utf-8")) & FORBIDDEN
