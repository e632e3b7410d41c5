"""OpenAPI additions shared by every endpoint: the one error body, documented everywhere.

Every operation lists the error statuses the API can answer with, each with the single
error body (`core.api.exceptions`) as `application/json`. Operations that change state
also document 409 (a valid request the object's state refuses) and, when they take a
body, 415 (a body in a media type the operation does not parse).
"""

from typing import Any

ERROR_STATUSES = {
    "400": "Invalid input: each field lists what is wrong with it.",
    "401": "Not signed in.",
    "403": "Signed in but not allowed.",
    "404": "Not found, or not visible to you.",
    "405": "This method is not allowed here.",
    "406": "None of the accepted response media types can be produced.",
    "429": "Too many requests; try again later.",
}
UNSAFE_ERROR_STATUSES = {
    "409": "Valid, but refused in the object's current state.",
}
BODY_ERROR_STATUSES = {
    "413": "The request body or an uploaded file is larger than the limit.",
    "415": "The request body's media type is not accepted here.",
}
UNSAFE_METHODS = {"post", "put", "patch", "delete"}

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'Errors keyed by field; "detail" and "non_field_errors" hold those tied to no field. '
        'Nested fields are flattened to dotted keys ("roles.0").'
    ),
    "properties": {
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
    "required": ["errors"],
}


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular post-processing hook: document the error body everywhere."""
    result.setdefault("components", {}).setdefault("schemas", {})["Errors"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Errors"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            statuses = dict(ERROR_STATUSES)
            if method in UNSAFE_METHODS:
                statuses.update(UNSAFE_ERROR_STATUSES)
            if "requestBody" in operation:
                statuses.update(BODY_ERROR_STATUSES)
            responses = operation["responses"]
            for status, description in statuses.items():
                responses.setdefault(
                    status,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
