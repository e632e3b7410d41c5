"""Which URL patterns are lists, for the check that every list has a query-count measurement.

Used by tests/test_list_views_measured.py, whose docstring explains the rules.
"""

import inspect
import re
import sys
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.list import MultipleObjectMixin
from drf_spectacular.generators import EndpointEnumerator, SchemaGenerator
from rest_framework.views import APIView


@dataclass(frozen=True)
class Route:
    name: str | None  # as reverse() and resolver_match.view_name spell it: "reviews:inbox"
    path: str  # as the OpenAPI schema writes it: "/api/v1/series/{pk}/revisions/"
    callback: Callable

    @property
    def label(self) -> str:
        return f"{self.name or '(no URL name)'} (GET {self.path})"


def routes() -> list[Route]:
    """Every URL pattern of the current URLconf, includes followed."""
    to_path = EndpointEnumerator(patterns=[]).get_path_from_regex

    def walk(patterns: list, prefix: str, namespaces: tuple[str, ...]) -> Iterator[Route]:
        for pattern in patterns:
            regex = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, regex, inner)
            elif isinstance(pattern, URLPattern):
                name = ":".join((*namespaces, pattern.name)) if pattern.name else None
                yield Route(name=name, path=to_path(regex), callback=pattern.callback)

    return list(walk(get_resolver().url_patterns, "", ()))


def _api_view(callback: Callable) -> type[APIView] | None:
    cls = getattr(callback, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, APIView) else None


def _defined_in(callback: Callable) -> str:
    view = _api_view(callback) or getattr(callback, "view_class", None)
    return (view or inspect.unwrap(callback)).__module__


def is_ours(callback: Callable) -> bool:
    """A view of this project (not Django's admin, allauth or drf-spectacular)."""
    module = sys.modules.get(_defined_in(callback))
    filename = getattr(module, "__file__", None)
    if not filename:
        return False
    path = Path(filename).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in (
        path.parts
    )


def _allowed_methods(function: Callable) -> Collection[str] | None:
    # require_http_methods / require_POST keep the allowed methods in their wrapper's
    # closure; follow the functools.wraps chain (login_required, rate_limited_post...).
    while function is not None:
        try:
            methods = inspect.getclosurevars(function).nonlocals.get("request_method_list")
        except TypeError:
            methods = None
        if methods is not None:
            return methods
        function = getattr(function, "__wrapped__", None)
    return None


def answers_get(callback: Callable) -> bool:
    api = _api_view(callback)
    if api is not None:
        actions = getattr(callback, "actions", None)  # a ViewSet route: method -> action
        if actions is not None:
            return "get" in actions
        return "get" in api.http_method_names and hasattr(api, "get")
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    methods = _allowed_methods(callback)
    return methods is None or "GET" in methods


def _shape(path: str) -> str:
    # The schema renames path parameters ({pk} becomes {id}); compare without the names.
    return re.sub(r"\{[^}]+\}", "{}", path)


def _answers_a_list(operation: dict[str, Any], components: dict[str, Any]) -> bool:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    results = schema.get("properties", {}).get("results", {})
    return schema.get("type") == "array" or results.get("type") == "array"


def _is_list_page(callback: Callable) -> bool:
    view_class = getattr(callback, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, MultipleObjectMixin)


def coverage_problems(*, measured: Collection[str], not_lists: Mapping[str, str]) -> list[str]:
    """What stops "every list is measured" from being true, one sentence each.

    Args:
        measured: URL names some query-count test declares it measures.
        not_lists: URL names of pages that answer GET but show no list, with the reason.

    Returns:
        An empty list when every list endpoint and every page is accounted for.
    """
    everything = routes()
    ours = [r for r in everything if is_ours(r.callback) and answers_get(r.callback)]
    api = [r for r in ours if _api_view(r.callback) is not None]
    pages = [r for r in ours if _api_view(r.callback) is None]
    problems = []

    document = SchemaGenerator().get_schema(request=None, public=True)
    components = document.get("components", {}).get("schemas", {})
    operations = {_shape(path): item for path, item in document["paths"].items()}
    for route in api:
        operation = operations.get(_shape(route.path), {}).get("get")
        if operation is None:
            problems.append(
                f"{route.label}: an API view whose GET is not in the OpenAPI schema, so "
                "nothing says whether it answers a list; document it with @extend_schema."
            )
        elif _answers_a_list(operation, components) and route.name not in measured:
            problems.append(
                f"{route.label}: a list endpoint (its OpenAPI 200 answer is a list) with no "
                "query-count measurement."
            )

    for route in pages:
        if route.name in measured:
            continue
        if _is_list_page(route.callback):
            problems.append(
                f"{route.label}: a ListView page with no query-count measurement (NOT_LISTS "
                "cannot excuse a ListView)."
            )
        elif route.name not in not_lists:
            problems.append(
                f"{route.label}: a page that answers GET, with no query-count measurement "
                "and not in NOT_LISTS. If it shows a list, measure it; if not, add it to "
                "NOT_LISTS with the reason."
            )

    named = {r.name for r in everything}
    page_names = {r.name for r in pages}
    for name in sorted(set(measured) - named):
        problems.append(f"{name}: a query-count test declares it, but no URL has that name.")
    for name in sorted(not_lists):
        if name in measured:
            problems.append(f"{name}: measured, and in NOT_LISTS too; take it out of NOT_LISTS.")
        elif name not in page_names:
            problems.append(f"{name}: in NOT_LISTS, but it is not a page of ours that answers GET.")
    return problems
