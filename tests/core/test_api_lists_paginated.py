"""Every list endpoint answers the same paginated envelope, never a bare array."""

from drf_spectacular.generators import SchemaGenerator

ENVELOPE = {"count", "next", "previous", "results"}


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    return components[ref.rsplit("/", 1)[1]] if ref else schema


def test_no_get_operation_answers_a_bare_array():
    document = SchemaGenerator().get_schema(request=None, public=True)
    components = document["components"]["schemas"]
    bare, lists = [], 0
    for path, item in document["paths"].items():
        operation = item.get("get")
        if not operation:
            continue
        content = operation["responses"].get("200", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if not schema:
            continue
        schema = _resolve(schema, components)
        if schema.get("type") == "array":
            bare.append(path)
        elif set(schema.get("properties", {})) >= ENVELOPE:
            lists += 1
    assert not bare, f"list endpoints without the paginated envelope: {bare}"
    assert lists >= 15  # the walk really saw the list endpoints
