"""Dependencies point one way: an app never imports an app above it (docs/architecture.md)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. config (settings, URLs, the project-level pages) and seeds sit on top.
LAYERS = [
    "core", "taxonomy", "accounts", "scripts_app", "registry", "reviews", "courses", "incubator",
    "scouting",
]  # fmt: skip


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


def _url_namespaces() -> dict[str, str]:
    """URL namespace -> the app that owns it (its urls.py says `app_name = "..."`)."""
    owners = {}
    for app in LAYERS:
        urls = ROOT / app / "urls.py"
        if urls.exists():
            found = re.search(r'^app_name = "(\w+)"', urls.read_text(encoding="utf-8"), re.M)
            if found:
                owners[found.group(1)] = app
    return owners


URL_TAG = re.compile(r"""{%\s*url\s+['"](\w+):""")


@pytest.mark.parametrize("app", LAYERS)
def test_no_template_of_an_app_links_to_an_app_above_it(app):
    owners = _url_namespaces()
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    offenders = [
        f"{path.relative_to(ROOT)} links to {namespace}:"
        for path in (ROOT / app).rglob("templates/**/*")
        if path.is_file()
        for namespace in URL_TAG.findall(path.read_text(encoding="utf-8"))
        if owners.get(namespace) in above
    ]
    assert not offenders, "\n".join(offenders)


def test_the_template_check_knows_every_namespace():
    assert set(_url_namespaces()) >= {"accounts", "scripts", "reviews", "taxonomy"}
