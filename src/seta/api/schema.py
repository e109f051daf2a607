"""OpenAPI post-processing: the problem+json responses every operation can give."""

from __future__ import annotations

from typing import Any

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Foutbericht volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
    "required": ["title", "status"],
}

STANDARD = {
    "400": "Ongeldige invoer; invalidParams noemt elk ongeldig veld.",
    "401": "Niet ingelogd.",
    "403": "U mag dit record zien maar deze handeling niet uitvoeren.",
    "404": "Niet gevonden (of u mag niet weten dat het bestaat).",
}


def add_problem_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Probleem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Probleem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in STANDARD.items():
                if code == "400" and method in {"get", "delete"}:
                    continue
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/problem+json": {"schema": ref}}},
                )
            for code in ("409", "412"):
                if code in responses:
                    responses[code].setdefault("content", {"application/problem+json": {"schema": ref}})
    return result
