"""Dependencies point one way: an app never imports an app above it (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. config (settings, URLs, the project-level pages) and seeds sit on top.
LAYERS = ["core", "taxonomy", "accounts", "scripts_app", "reviews"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_an_app_above_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1 :]) | {"seeds", "config"}
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(_imports(path) & above)}"
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and _imports(path) & above
    ]
    assert not offenders, "\n".join(offenders)
