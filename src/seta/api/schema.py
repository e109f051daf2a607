"""OpenAPI post-processing: the problem+json responses every operation can give, and ``If-Match``.

Which operations require ``If-Match`` is read from the code itself: every view method that calls
:func:`seta.api.concurrency.expected_version` (directly or through a helper method of its view) gets
the required header and its 412 and 428 responses, so the document and the code cannot disagree.
"""

from __future__ import annotations

import re
import types
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


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": (
        'De ETag van de versie waarop de wijziging is gebaseerd, zoals W/"3" (uit de ETag-kop van '
        "het laatste antwoord). Zonder deze kop: 428; bij een verouderde versie: 412. Het veld "
        "versie in de body mag in plaats van deze kop."
    ),
    "schema": {"type": "string"},
}
IF_MATCH_OPTIONAL = {
    **IF_MATCH,
    "required": False,
    "description": (
        "Verplicht wanneer het record al bestaat (dan een wijziging): de ETag van de gelezen versie. "
        "Zonder deze kop bij een bestaand record: 428; bij een verouderde versie: 412."
    ),
}
IF_MATCH_RESPONSES = {
    "412": "Verouderde versie: het record is intussen door iemand anders gewijzigd; lees het opnieuw.",
    "428": "Versie vereist: stuur de kop If-Match met de ETag van de gelezen versie.",
}


def _calls(cls: type, fn: Any, wanted: str, seen: set[str] | None = None) -> bool:
    """Whether ``fn`` (a method of view ``cls``) calls ``wanted``, directly or via a ``self._helper``."""
    code = getattr(getattr(fn, "__wrapped__", fn), "__code__", None)
    if not isinstance(code, types.CodeType):
        return False
    seen = seen if seen is not None else set()
    names = set(code.co_names)
    for const in code.co_consts:  # nested functions and comprehensions
        if isinstance(const, types.CodeType):
            names |= set(const.co_names)
    if wanted in names:
        return True
    for name in names - seen:
        if not name.startswith("_") or name.startswith("__"):
            continue  # only the view's own helpers (``self._overgang``), not attributes that share a name
        seen.add(name)
        helper = getattr(cls, name, None)
        if callable(helper) and _calls(cls, helper, wanted, seen):
            return True
    return False


def _shape(path: str) -> str:
    """A path without its parameter names (the generator says ``{pk}`` where the document says ``{id}``)."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def if_match_operations(generator: Any) -> dict[tuple[str, str], bool]:
    """(path shape, method) of every update taking ``If-Match``: True where it is required.

    ``expected_version`` requires it; ``optional_version`` (a POST that creates or updates) does not.
    """
    found: dict[tuple[str, str], bool] = {}
    for path, _regex, method, callback in getattr(generator, "endpoints", None) or []:
        cls = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        name = actions.get(method.lower(), method.lower())
        fn = getattr(cls, name, None) if cls is not None else None
        if cls is None or fn is None or method.lower() not in {"post", "put", "patch", "delete"}:
            continue
        if _calls(cls, fn, "expected_version"):
            found[_shape(path), method.lower()] = True
        elif _calls(cls, fn, "optional_version"):
            found[_shape(path), method.lower()] = False
    return found


def add_problem_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Probleem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Probleem"}
    if_match = if_match_operations(generator)
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            required = if_match.get((_shape(path), method))
            if required is not None:
                parameters = [
                    p
                    for p in operation.get("parameters", [])
                    if (p.get("in"), p.get("name")) != ("header", "If-Match")
                ]
                operation["parameters"] = [*parameters, IF_MATCH if required else IF_MATCH_OPTIONAL]
                for code, description in IF_MATCH_RESPONSES.items():
                    response = responses.setdefault(code, {"description": description})
                    if response.get("description") in {"", "No response body"}:
                        response["description"] = description
            for code, description in STANDARD.items():
                if code == "400" and method in {"get", "delete"}:
                    continue
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/problem+json": {"schema": ref}}},
                )
            for code in ("409", "412", "428"):
                if code in responses:
                    responses[code].setdefault("content", {"application/problem+json": {"schema": ref}})
    return result
