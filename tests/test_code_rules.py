"""Lint rules for our own conventions (docs/architecture.md), in the spirit of Zulip's.

Each rule walks the source with `ast` and fails with the file, line and the fix. A rule
has a short allowlist, each entry with its reason; an entry that no longer matches
anything fails too, so the list cannot rot.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "core", "taxonomy", "accounts", "scripts_app", "registry", "reviews", "courses", "incubator",
    "scouting", "config",
]  # fmt: skip


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


# -- Fetch by id only through access helpers (STYLE #5) -------------------------------------
#
# A view or API view that loads an object by id from a model's own manager has skipped the
# question "may this person see it?". Load through an access helper in the app's
# permissions.py (`get_series_for(user, pk, action=...)`), through the related manager of
# a parent the helper already authorised (`series.line_comments`), or through a selector
# that returns only what the user may see (`users_public()`).

FETCHERS = {"get_object_or_404", "get_list_or_404"}
BY_ID = {"pk", "id", "pk__in", "id__in"}


def _chain(node: ast.AST) -> list[ast.AST]:
    """The nodes from a call or attribute chain down to its root name."""
    nodes = []
    while True:
        nodes.append(node)
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        else:
            return nodes


def _is_model_manager(node: ast.AST) -> bool:
    """`Model`, `Model.objects` or `Model.objects.<anything>(...)`: the unscoped table."""
    chain = _chain(node)
    root = chain[-1]
    if any(
        isinstance(n, ast.Attribute) and n.attr in {"objects", "_default_manager"} for n in chain
    ):
        return True
    return isinstance(root, ast.Name) and root.id[:1].isupper() and len(chain) == 1


def _unscoped_fetches(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in FETCHERS and node.args and _is_model_manager(node.args[0]):
            found.append((node.lineno, f"{name}() on a model's own manager"))
            continue
        if not isinstance(node.func, ast.Attribute):
            continue
        receiver = node.func.value
        on_manager = any(
            isinstance(n, ast.Attribute) and n.attr in {"objects", "_default_manager"}
            for n in _chain(receiver)
        )
        if not on_manager:
            continue
        if node.func.attr in {"get", "get_or_create", "in_bulk"}:
            found.append((node.lineno, f".objects.{node.func.attr}()"))
        elif node.func.attr in {"filter", "exclude"} and {k.arg for k in node.keywords} & BY_ID:
            found.append((node.lineno, f".objects.{node.func.attr}(pk=...)"))
    return found


def _view_modules() -> list[Path]:
    return [
        path
        for path in _sources()
        if {"views", "api"} & set(path.relative_to(ROOT).parts) or path.name == "views.py"
    ]


def test_views_and_api_views_fetch_by_id_only_through_access_helpers():
    offenders = []
    for path in _view_modules():
        for line, what in _unscoped_fetches(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{_rel(path)}:{line}: {what}")
    assert not offenders, (
        "Load objects in views through an access helper (permissions.get_<thing>_for), an "
        "authorised parent's related manager, or a visibility selector:\n" + "\n".join(offenders)
    )


@pytest.mark.parametrize(
    "source",
    [
        "get_object_or_404(Review, pk=pk, assignment__request=r)",
        "get_object_or_404(Collaborator.objects.select_related('user'), pk=pk, series=s)",
        "Series.objects.get(pk=pk)",
        "User.objects.filter(pk=values['mentor'], is_active=True).first()",
        "Organisation.objects.filter(pk__in=ids)",
        "Rubric._default_manager.get(slug=slug)",
    ],
)
def test_the_fetch_rule_catches_a_planted_unscoped_fetch(source):
    assert _unscoped_fetches(ast.parse(source))


@pytest.mark.parametrize(
    "source",
    [
        "get_object_or_404(series.line_comments, pk=pk)",
        "get_object_or_404(users_public(), pk=pk)",
        "get_series_for(request.user, pk, action='edit')",
        "Series.objects.filter(owner=request.user)",
    ],
)
def test_the_fetch_rule_allows_scoped_loads(source):
    assert _unscoped_fetches(ast.parse(source)) == []


# -- Templates show what they are told: no permission worked out in a template -------------
#
# A template that re-derives a rule ("owner or co-writer", "staff", "the note's reviewer")
# drifts from the rule in permissions.py. Views and selectors pass booleans
# (`can_close`, `series.viewer_can.edit`, `placed.can_reply`) instead.

TEMPLATE_RULE_TOKENS = re.compile(
    r"is_staff|is_superuser|viewer_role|reader_exports|\bperms\.|user\.pk|\buser\s*==|==\s*(request\.)?user\b"
)
IF_TAG = re.compile(r"{%\s*(?:if|elif)\s(.*?)%}")
TEMPLATE_ALLOWED = {
    # Django's admin gates itself on is_staff; the link to it follows the same flag.
    ("templates/base.html", "user.is_staff"),
    # Wording, not permission: one's own row's remove button reads "Leave".
    ("core/templates/core/partials/member_table.html", "member.user_id == user.pk"),
}


def _template_rule_offenders(text: str) -> list[str]:
    return [
        condition.strip()
        for condition in IF_TAG.findall(text)
        if TEMPLATE_RULE_TOKENS.search(condition)
    ]


def test_templates_take_permissions_as_booleans():
    offenders, used = [], set()
    for app in [*APPS, "templates"]:
        for path in sorted((ROOT / app).rglob("*.html")):
            for condition in _template_rule_offenders(path.read_text(encoding="utf-8")):
                if (_rel(path), condition) in TEMPLATE_ALLOWED:
                    used.add((_rel(path), condition))
                else:
                    offenders.append(f"{_rel(path)}: {{% if {condition} %}}")
    assert not offenders, (
        "Pass a boolean from the view or selector (worked out with the app's "
        "permissions.py) instead of deriving it in the template:\n" + "\n".join(offenders)
    )
    assert used == TEMPLATE_ALLOWED, f"Stale allowlist entries: {TEMPLATE_ALLOWED - used}"


@pytest.mark.parametrize(
    "template",
    [
        '{% if series.viewer_role == "owner" %}',
        "{% if report.side == 'writer' or note.review.assignment.reviewer_id == user.pk %}",
        "{% if person == user %}",
        "{% elif request.user.is_staff %}",
    ],
)
def test_the_template_rule_catches_a_planted_derivation(template):
    assert _template_rule_offenders(template)


def test_the_template_rule_leaves_booleans_alone():
    assert _template_rule_offenders("{% if placed.can_reply %}{% if user.is_authenticated %}") == []


# -- Every string a user reads is translatable ---------------------------------------------
#
# A literal handed to messages, ValidationError, Conflict, PermissionDenied or a DRF
# exception reaches a page or a JSON error body; it must go through gettext (`_("...")`)
# so that the Chinese interface shows Chinese.

USER_FACING_CALLS = {
    "ValidationError", "Conflict", "PermissionDenied", "Http404", "NotFound", "ParseError",
    "Throttled", "AuthenticationFailed", "NotAuthenticated", "APIException",
    "success", "error", "warning", "info", "add_message", "add_error",
}  # fmt: skip


def _untranslated_literals(tree: ast.AST) -> list[tuple[int, str]]:
    found = []

    def literals(node: ast.AST):
        # A bare string, or the strings inside a dict or list given as the message.
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.strip()
            or isinstance(node, ast.JoinedStr)
        ):
            yield node
        elif isinstance(node, ast.Dict):
            for value in node.values:
                yield from literals(value)
        elif isinstance(node, ast.List | ast.Tuple):
            for element in node.elts:
                yield from literals(element)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.id
            if isinstance(node.func, ast.Name)
            else node.func.attr
            if isinstance(node.func, ast.Attribute)
            else None
        )
        if name not in USER_FACING_CALLS:
            continue
        arguments = list(node.args) + [
            k.value for k in node.keywords if k.arg in {"detail", "message"}
        ]
        if name in {"success", "error", "warning", "info", "add_error"}:
            arguments = arguments[1:]  # (request, message) and (field, message)
        for argument in arguments:
            for literal in literals(argument):
                text = literal.value if isinstance(literal, ast.Constant) else "f-string"
                found.append((literal.lineno, str(text)[:60]))
    return found


def test_every_message_a_user_reads_is_marked_for_translation():
    offenders = []
    for path in _sources():
        for line, text in _untranslated_literals(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{_rel(path)}:{line}: {text!r}")
    assert not offenders, "Mark these for translation with _():\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        'raise ValidationError({"revision": ["No revision with this number."]})',
        'messages.success(request, "Saved.")',
        'raise Conflict(f"It is {state}.")',
        'form.add_error("name", "Too long.")',
    ],
)
def test_the_translation_rule_catches_a_planted_literal(source):
    assert _untranslated_literals(ast.parse(source))


def test_the_translation_rule_leaves_marked_strings_alone():
    source = (
        'raise ValidationError({"revision": [_("No revision.")]})\nmessages.error(request, _("x"))'
    )
    assert _untranslated_literals(ast.parse(source)) == []


GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "pgettext_lazy"}


def _gettext_inside_fstrings(tree: ast.AST) -> list[int]:
    """xgettext cannot see into f-strings: a message marked there never reaches the catalogue."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in GETTEXT_NAMES
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_message_is_marked_inside_an_fstring():
    offenders = [
        f"{_rel(path)}:{line}"
        for path in _sources()
        for line in _gettext_inside_fstrings(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not offenders, "Take the gettext call out of the f-string:\n" + "\n".join(offenders)


def test_the_fstring_rule_catches_a_planted_call():
    assert _gettext_inside_fstrings(ast.parse("x = f\"<b>{gettext('Cast:')}</b>\""))
