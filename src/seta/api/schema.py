"""OpenAPI post-processing: what every operation answers besides its own success response.

One generic hook, so no view has to remember it (the NL API Design Rules as tests in
tests/test_api_design_rules.py check the result):

- the ``API-Version`` header on every response (/core/version-header);
- the problem+json responses (RFC 9457) every operation can give: 401, 403, 404, 406 and 500 on all;
  400 on every operation that takes input (query parameters or a body); 413 and 415 on operations with a
  body; 409 on every write; 412 (stale ``If-Match``) and 428 (``If-Match`` missing) on every operation
  that changes an existing record;
- every 4xx/5xx response (also those a view documents itself, such as 409) as problem+json.
- ``If-Match`` on the updates: read from the code itself. Every view method that calls
  :func:`seta.api.concurrency.expected_version` (directly or through a helper method of its view) gets
  the required header and its 412 and 428 responses, so the document and the code cannot disagree.
"""

from __future__ import annotations

import re
import types
from typing import Any

PROBLEM = "application/problem+json"

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

API_VERSION_HEADER = {
    "description": "De volledige versie van de API (semver), op elk antwoord.",
    "schema": {"type": "string", "example": "1.0.0"},
    "required": True,
}

METHODS = {"get", "post", "put", "patch", "delete"}

ALWAYS = {
    "401": "Niet ingelogd.",
    "403": "U mag dit record zien maar deze handeling niet uitvoeren.",
    "404": "Niet gevonden (of u mag niet weten dat het bestaat).",
    "406": "Geen van de gevraagde mediatypen (Accept) kan worden geleverd.",
    "500": "Interne fout; het antwoord bevat geen details, de fout is vastgelegd.",
}
WITH_INPUT = {"400": "Ongeldige invoer; invalidParams noemt elk ongeldig veld of parameter."}
WITH_BODY = {
    "413": "Het verzoek is te groot.",
    "415": "Mediatype van het verzoek niet ondersteund.",
}
ON_WRITE = {"409": "Conflict: de handeling past niet bij de huidige toestand van het record."}
ON_UPDATE = {
    "412": "Verouderde versie: het record is intussen door iemand anders gewijzigd; lees het opnieuw.",
    "428": "Versie vereist: stuur de kop If-Match met de ETag van de gelezen versie.",
}


def changes_a_record(path: str, method: str, operation: dict[str, Any]) -> bool:
    """PUT, PATCH and DELETE, a POST on an existing record (``/x/{id}/actie``), or any operation that
    takes ``If-Match``: these may answer 412 (stale version) and 428 (version missing)."""
    if method in {"put", "patch", "delete"} or (method == "post" and "{" in path):
        return True
    return any(
        p.get("in") == "header" and p.get("name") == "If-Match" for p in operation.get("parameters", [])
    )


def takes_input(operation: dict[str, Any], path_item: dict[str, Any]) -> bool:
    """Whether an operation takes input a client can get wrong: query parameters, a header such as
    ``If-Match`` (a malformed ETag is a 400) or a body."""
    parameters = [*path_item.get("parameters", []), *operation.get("parameters", [])]
    return "requestBody" in operation or any(p.get("in") in {"query", "header"} for p in parameters)


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
    """A path without its parameter names (the generator says ``{pk}`` where the document says ``{id}``)
    and without the server's ``/api/v1`` (the document's paths are relative to ``servers``)."""
    path = path.removeprefix("/api/v1")
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
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Probleem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    problem = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Probleem"}}}
    header_ref = {"$ref": "#/components/headers/API-Version"}
    if_match = if_match_operations(generator)
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            required = if_match.get((_shape(path), method))
            if required is not None:
                parameters = [
                    p
                    for p in operation.get("parameters", [])
                    if (p.get("in"), p.get("name")) != ("header", "If-Match")
                ]
                # With the header, changes_a_record() is true below: 412 and 428 are documented there.
                operation["parameters"] = [*parameters, IF_MATCH if required else IF_MATCH_OPTIONAL]
            standard = dict(ALWAYS)
            if takes_input(operation, path_item):
                standard.update(WITH_INPUT)
            if "requestBody" in operation:
                standard.update(WITH_BODY)
            if method != "get":
                standard.update(ON_WRITE)
            if changes_a_record(path, method, operation):
                standard.update(ON_UPDATE)
            for code, description in standard.items():
                response = responses.setdefault(code, {"description": description})
                if response.get("description") in {"", "No response body"}:
                    response["description"] = description
            for code, response in responses.items():
                if code[0] in "45":
                    response["content"] = dict(problem)
                response.setdefault("headers", {})["API-Version"] = header_ref
            operation["responses"] = dict(sorted(responses.items()))
    return result
