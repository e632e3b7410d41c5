"""OpenAPI additions shared by every endpoint."""

from typing import Any

ERROR_STATUSES = {
    "400": "Invalid input: each field lists what is wrong with it.",
    "401": "Not signed in.",
    "403": "Signed in but not allowed.",
    "404": "Not found, or not visible to you.",
    "429": "Too many requests; try again later.",
}
# Only operations that take a body can be too large.
BODY_ERROR_STATUSES = {
    "413": "The request body or an uploaded file is larger than the limit.",
}

ERROR_SCHEMA = {
    "type": "object",
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
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            statuses = dict(ERROR_STATUSES)
            if "requestBody" in operation:
                statuses.update(BODY_ERROR_STATUSES)
            for status, description in statuses.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return result
