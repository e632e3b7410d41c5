"""Every API response seen by a test is checked against the generated OpenAPI schema.

A response whose path, method or status code the schema does not document fails
the test, so the published API description cannot drift from the code.
"""

import re
from functools import cache
from typing import Any

import jsonschema
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient


def _openapi_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 says `nullable: true`; JSON Schema says "or null"."""
    if isinstance(node, list):
        return [_openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _openapi_to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def _schema() -> tuple[dict, list[tuple[re.Pattern, dict]]]:
    document = SchemaGenerator().get_schema(request=None, public=True)
    components = _openapi_to_json_schema(document.get("components", {}))
    routes = []
    # Literal segments beat parameters: /series/import/ is not /series/{id}/.
    for template, operations in sorted(
        document["paths"].items(), key=lambda item: item[0].count("{")
    ):
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(template))
        routes.append((re.compile(f"^{pattern}$"), operations))
    return components, routes


def validate_response(method: str, path: str, status: int, body: Any) -> None:
    components, routes = _schema()
    operations = next((ops for pattern, ops in routes if pattern.match(path)), None)
    assert operations is not None, f"{path} is not in the OpenAPI schema"
    operation = operations.get(method.lower())
    assert operation is not None, f"{method} {path} is not in the OpenAPI schema"
    responses = operation.get("responses", {})
    documented = responses.get(str(status)) or responses.get("default")
    assert documented is not None, (
        f"{method} {path} answered {status}, which the schema does not document "
        f"(documented: {sorted(responses)})"
    )
    content = documented.get("content", {}).get("application/json")
    if content is None:
        assert body in (None, b"", ""), f"{method} {path} {status} should have no body"
        return
    schema = {**_openapi_to_json_schema(content["schema"]), "components": components}
    try:
        jsonschema.Draft7Validator(schema).validate(body)
    except jsonschema.ValidationError as error:
        raise AssertionError(
            f"{method} {path} {status} does not match its schema: {error.message} "
            f"at {list(error.absolute_path)}"
        ) from error


class SchemaValidatingClient(APIClient):
    def request(self, **kwargs):
        response = super().request(**kwargs)
        path = kwargs.get("PATH_INFO", "")
        if path.startswith("/api/v1/"):
            is_json = response.get("Content-Type", "").startswith("application/json")
            body = response.json() if is_json and response.content else None
            validate_response(kwargs["REQUEST_METHOD"], path, response.status_code, body)
        return response
