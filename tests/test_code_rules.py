"""Lint rules for our own conventions (docs/architecture.md), in the spirit of Zulip's.

Each rule walks the source with `ast` and fails with the file, line and the fix. A rule
has a short allowlist, each entry with its reason; an entry that no longer matches
anything fails too, so the list cannot rot.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "taxonomy", "accounts", "scripts_app", "reviews", "config"]


def _sources(*, under: tuple[str, ...] = ()) -> list[Path]:
    paths = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts:
                continue
            if under and not any(
                part in under or part == f"{u}.py" for u in under for part in parts
            ):
                continue
            paths.append(path)
    return paths


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# -- Workflows as data: a status changes only through core.workflows ----------------------

STATE_FIELDS = {"status"}
# The task outbox's rows are delivery bookkeeping, not a workflow: a worker claims a row
# with one conditional UPDATE so that two workers cannot both run it, and an audit row per
# task would bury the trail. (core/services/outbox.py says so where it happens.)
STATE_ALLOWED = {"core/services/outbox.py"}


def _state_changes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                for element in elements:
                    if isinstance(element, ast.Attribute) and element.attr in STATE_FIELDS:
                        found.append((node.lineno, f"assigns .{element.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "bulk_update"}
        ):
            keywords = {k.arg for k in node.keywords}
            fields = set()
            if node.func.attr == "bulk_update" and len(node.args) > 1:
                second = node.args[1]
                if isinstance(second, ast.List | ast.Tuple):
                    fields = {e.value for e in second.elts if isinstance(e, ast.Constant)}
            if (keywords | fields) & STATE_FIELDS:
                found.append((node.lineno, f"{node.func.attr}()s a status"))
    return found


def test_no_status_changes_outside_the_workflow_service():
    offenders, used = [], set()
    for path in _sources():
        changes = _state_changes(ast.parse(path.read_text(encoding="utf-8")))
        if changes and _rel(path) in STATE_ALLOWED:
            used.add(_rel(path))
            continue
        offenders += [f"{_rel(path)}:{line}: {what}" for line, what in changes]
    assert not offenders, (
        "Change a status only with core.workflows.workflow_move / workflow_move_all, "
        "after declaring the move in the app's workflows.py:\n" + "\n".join(offenders)
    )
    assert used == STATE_ALLOWED, f"Stale allowlist entries: {STATE_ALLOWED - used}"


@pytest.mark.parametrize(
    "source",
    [
        "request.status = 'open'",
        "a.status, a.at = 'x', now",
        "Model.objects.filter(pk=1).update(status='closed')",
        "Model.objects.bulk_update(rows, ['status'])",
    ],
)
def test_the_status_rule_catches_a_planted_change(source):
    assert _state_changes(ast.parse(source))


def test_the_status_rule_leaves_reads_and_filters_alone():
    source = "x = a.status\nModel.objects.filter(status='open').update(seen=True)\n"
    assert _state_changes(ast.parse(source)) == []
