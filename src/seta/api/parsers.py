"""Request-body parsers of the API: camelCase JSON, form and multipart, refusing what would crash.

A JSON document nested deeper than ``MAX_DIEPTE`` is refused with 400 "te diep genest" before it
reaches ``json.loads`` (which raises ``RecursionError`` at about 1,000 levels, a server error) or the
recursive camelCase conversion. ``json_uit_tekst`` is the same check for JSON that arrives as text in a
form field, so every place that parses JSON from a request refuses it the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from djangorestframework_camel_case.parser import (
    CamelCaseFormParser,
    CamelCaseMultiPartParser,
)
from djangorestframework_camel_case.settings import api_settings
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DIEPTE = 64
TE_DIEP = f"Het JSON-document is te diep genest (meer dan {MAX_DIEPTE} niveaus)."

__all__ = [
    "MAX_DIEPTE",
    "CamelCaseFormParser",
    "CamelCaseJSONParser",
    "CamelCaseMultiPartParser",
    "PlainJSONParser",
    "TeDiepGenest",
    "json_uit_tekst",
]


class TeDiepGenest(ValueError):
    """A JSON text nested deeper than ``MAX_DIEPTE``."""

    def __init__(self) -> None:
        super().__init__(TE_DIEP)


def diepte(tekst: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in a JSON text (outside strings), in one linear pass."""
    diepst = huidig = 0
    in_string = escape = False
    for teken in tekst:
        if in_string:
            if escape:
                escape = False
            elif teken == "\\":
                escape = True
            elif teken == '"':
                in_string = False
        elif teken == '"':
            in_string = True
        elif teken in "[{":
            huidig += 1
            if huidig > diepst:
                diepst = huidig
                if diepst > MAX_DIEPTE:
                    return diepst
        elif teken in "]}":
            huidig -= 1
    return diepst


def json_uit_tekst(tekst: str) -> Any:
    """``json.loads`` that raises ``TeDiepGenest`` (a ``ValueError``) instead of ``RecursionError``, and
    ``ValueError`` for a string with a lone surrogate (``"\\ud800"``): valid JSON, but not text, so it
    could be neither stored nor echoed in an error message (``UnicodeEncodeError``, a server error)."""
    if ("[" in tekst or "{" in tekst) and diepte(tekst) > MAX_DIEPTE:
        raise TeDiepGenest
    try:
        data = json.loads(tekst)
    except RecursionError:
        raise TeDiepGenest from None
    if "\\u" in tekst:  # only an escape can produce a lone surrogate
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                "de tekst bevat een ongeldig teken (een losse surrogaat, zoals \\ud800)"
            ) from None
    return data


class PlainJSONParser(JSONParser):
    """JSON as sent (no key conversion); invalid or too deep JSON is a 400 problem."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            return self.convert(json_uit_tekst(stream.read().decode(encoding)))
        except TeDiepGenest as exc:
            raise ParseError(str(exc), code="te_diep_genest") from None
        except ValueError as exc:  # also UnicodeDecodeError
            raise ParseError(f"Ongeldige JSON: {exc}") from None

    def convert(self, data: Any) -> Any:
        return data


class CamelCaseJSONParser(PlainJSONParser):
    """JSON with camelCase keys turned into snake_case (``json_underscoreize`` as the package's parser)."""

    json_underscoreize: dict[str, Any] = api_settings.JSON_UNDERSCOREIZE

    def convert(self, data: Any) -> Any:
        return underscoreize(data, **self.json_underscoreize)
