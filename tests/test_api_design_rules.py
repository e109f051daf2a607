"""The NL API Design Rules linter's rules as tests on the committed document (openapi/openapi.json).

The rules are those of the ADR Spectral ruleset (Logius / Developer Overheid, API Design Rules 2.x),
checked here in Python so that CI needs no Node tool, plus the issue's stricter readings:

- ``/core/version-header`` (rules ``missing-header``, ``missing-version-header``): every response of
  every operation documents the ``API-Version`` header (the ruleset asks it of 2xx/3xx; we ask it of
  every response, since the middleware sends it on errors too);
- ``/core/uri-version`` (``include-major-version-in-uri``): each server URL carries the major version
  (``/v1``), and the paths under it do not repeat it;
- ``/core/no-trailing-slash`` (``paths-no-trailing-slash``): no path ends in ``/``;
- ``/core/http-methods`` (``http-methods``): path items hold only standard HTTP methods;
- ``/core/semver`` (``semver``, ``info-version``): ``info.version`` is a semantic version;
- ``/core/doc-openapi-contact`` (``info-contact``, ``info-contact-fields-exist``): ``info.contact`` has
  name, url and e-mail;
- ``/core/naming-resources`` (``paths-kebab-case``): path segments are lower case (kebab-case), path
  parameters are simple names;
- ``schema-camel-case``: component schema names are PascalCase;
- ``property-casing``: properties are lowerCamelCase (question ids inside ``antwoorden`` are data, not
  properties, and are not described as properties);
- ``use-problem-schema`` (``/core/error-handling/problem-details``): every 4xx/5xx response is
  ``application/problem+json``;
- the issue's rule: a 400 problem response on every operation that takes input (query parameters or
  a body), and query parameter names in camelCase (``deadlineNa``, ``gerichtAan``, ``teLaat``);
- the paginated list shape (``count``, ``next``, ``previous``, ``results``) on every list.

Not checked: ``servers-use-https`` (a warning in the ruleset): the server URL is relative, so the
scheme is the deployment's (HTTPS in production, see the production settings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
VERSION_HEADERS = {"API-Version", "Api-Version", "Api-version", "api-version", "API-version"}
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
PASCAL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
KEBAB_PATH = re.compile(r"^(/([a-z0-9-]+(\.[a-z]+)?|\{[a-zA-Z]+\}))+$")
PROBLEM = {"application/problem+json", "application/problem+xml"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation, item


def responses(document: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path, method, operation, _ in operations(document):
        for code, response in operation.get("responses", {}).items():
            yield path, method, code, resolve(document, response)


def resolve(document: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    while isinstance(value, dict) and "$ref" in value:
        node: Any = document
        for part in value["$ref"].lstrip("#/").split("/"):
            node = node[part]
        value = node
    return value


def report(errors: list[str], rule: str) -> None:
    shown = "\n".join(errors[:30]) + (f"\n… and {len(errors) - 30} more" if len(errors) > 30 else "")
    assert not errors, f"{rule}: {len(errors)} errors\n{shown}"


def test_core_version_header_on_every_response(document: dict[str, Any]) -> None:
    errors = [
        f"{method.upper()} {path} {code}"
        for path, method, code, response in responses(document)
        if not VERSION_HEADERS & set(response.get("headers") or {})
    ]
    report(errors, "/core/version-header")


def test_core_uri_version_in_the_server_url(document: dict[str, Any]) -> None:
    servers = document.get("servers") or []
    assert servers, "no servers: /core/uri-version needs the major version in the server URL"
    for server in servers:
        assert re.search(r"/v\d+", server["url"]), f"/core/uri-version: {server['url']} has no /v<major>"
        major = document["info"]["version"].split(".")[0]
        assert server["url"].rstrip("/").endswith(f"/v{major}"), (server["url"], major)
    report([p for p in document["paths"] if re.match(r"^/v\d+(/|$)", p)], "version repeated in path")


def test_core_no_trailing_slash(document: dict[str, Any]) -> None:
    report([p for p in document["paths"] if re.match(r".+/$", p)], "/core/no-trailing-slash")


def test_core_http_methods(document: dict[str, Any]) -> None:
    allowed = {"get", "put", "post", "delete", "patch", "head", "options", "parameters"}
    allowed |= {"summary", "description", "servers"}
    errors = [
        f"{path}: {key}" for path, item in document["paths"].items() for key in item if key not in allowed
    ]
    report(errors, "/core/http-methods")


def test_core_semver(document: dict[str, Any]) -> None:
    assert SEMVER.match(document["info"].get("version", "")), document["info"].get("version")


def test_core_doc_openapi_contact(document: dict[str, Any]) -> None:
    contact = document["info"].get("contact") or {}
    missing = {"name", "url", "email"} - {k for k, v in contact.items() if v}
    assert not missing, f"/core/doc-openapi-contact: info.contact lacks {sorted(missing)}"
    assert re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", contact["email"]), contact["email"]


def test_core_naming_resources_kebab_case_paths(document: dict[str, Any]) -> None:
    report([p for p in document["paths"] if not KEBAB_PATH.match(p)], "paths-kebab-case")


def test_schema_names_are_pascal_case(document: dict[str, Any]) -> None:
    names = document.get("components", {}).get("schemas", {})
    report([n for n in names if not PASCAL.match(n)], "schema-camel-case")


def _properties(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    if not CAMEL.match(name):
                        yield f"{where}.{name}"
                    yield from _properties(sub, f"{where}.{name}")
            else:
                yield from _properties(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


def test_property_casing(document: dict[str, Any]) -> None:
    errors = [
        e for name, schema in document["components"]["schemas"].items() for e in _properties(schema, name)
    ]
    for path, method, operation, _ in operations(document):
        errors.extend(_properties(operation.get("requestBody", {}), f"{method.upper()} {path} body"))
        errors.extend(_properties(operation.get("responses", {}), f"{method.upper()} {path}"))
    report(errors, "property-casing")


def test_use_problem_schema_for_every_error(document: dict[str, Any]) -> None:
    errors = []
    for path, method, code, response in responses(document):
        if code[0] in "45":
            content = set(response.get("content") or {})
            if not content or content - PROBLEM:
                errors.append(f"{method.upper()} {path} {code}: {sorted(content) or 'no content'}")
    report(errors, "use-problem-schema")


def test_every_error_response_refers_to_the_problem_schema(document: dict[str, Any]) -> None:
    errors = [
        f"{method.upper()} {path} {code}"
        for path, method, code, response in responses(document)
        if code[0] in "45"
        and (response.get("content") or {}).get("application/problem+json", {}).get("schema")
        != {"$ref": "#/components/schemas/Probleem"}
    ]
    report(errors, "problem schema")


def test_400_problem_on_every_operation_that_takes_input(document: dict[str, Any]) -> None:
    errors = []
    for path, method, operation, item in operations(document):
        parameters = [
            resolve(document, p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]
        ]
        takes_input = "requestBody" in operation or any(p["in"] == "query" for p in parameters)
        if takes_input and "400" not in operation.get("responses", {}):
            errors.append(f"{method.upper()} {path}")
    report(errors, "400 on operations with input")


def test_query_parameters_in_camel_case(document: dict[str, Any]) -> None:
    errors = sorted(
        {
            f"{method.upper()} {path} ?{p['name']}"
            for path, method, operation, item in operations(document)
            for p in (
                resolve(document, x) for x in [*item.get("parameters", []), *operation.get("parameters", [])]
            )
            if p["in"] == "query" and not CAMEL.match(p["name"])
        }
    )
    report(errors, "camelCase query parameters")


def test_every_operation_documents_a_success_and_the_auth_errors(document: dict[str, Any]) -> None:
    errors = []
    for path, method, operation, _ in operations(document):
        codes = set(operation.get("responses", {}))
        if not any(c.startswith("2") for c in codes):
            errors.append(f"{method.upper()} {path}: no 2xx")
        missing = {"401", "403", "404", "500"} - codes
        if missing:
            errors.append(f"{method.upper()} {path}: lacks {sorted(missing)}")
        if method in {"put", "patch", "delete"} and not {"412", "428"} <= codes:
            errors.append(f"{method.upper()} {path}: lacks 412/428")
    report(errors, "documented responses")


def test_paginated_lists_have_the_house_shape(document: dict[str, Any]) -> None:
    errors = []
    for path, method, operation, item in operations(document):
        names = {
            resolve(document, p)["name"]
            for p in [*item.get("parameters", []), *operation.get("parameters", [])]
        }
        if method != "get" or "pagina" not in names:
            continue
        ok = resolve(document, operation["responses"]["200"])
        schema = resolve(document, ok["content"]["application/json"]["schema"])
        props = set(schema.get("properties", {}))
        if not {"count", "next", "previous", "results"} <= props:
            errors.append(f"GET {path}: {sorted(props)}")
        if "paginaGrootte" not in names:
            errors.append(f"GET {path}: no paginaGrootte")
    report(errors, "pagination shape")
