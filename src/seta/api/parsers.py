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
    CamelCaseFormParser as _CamelCaseFormParser,
)
from djangorestframework_camel_case.parser import (
    CamelCaseMultiPartParser as _CamelCaseMultiPartParser,
)
from djangorestframework_camel_case.settings import api_settings
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from seta.api.nul import nul_error, nul_in

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
    """``json.loads`` that raises ``TeDiepGenest`` (a ``ValueError``) instead of ``RecursionError``.

    Also a ``ValueError`` for a NUL character (PostgreSQL can neither store nor compare one) and for a
    lone surrogate (``"\\ud800"``: valid JSON, not text; echoing it in an error message raised
    ``UnicodeEncodeError``). Each of these was a server error.
    """
    if ("[" in tekst or "{" in tekst) and diepte(tekst) > MAX_DIEPTE:
        raise TeDiepGenest
    try:
        data = json.loads(tekst)
    except RecursionError:
        raise TeDiepGenest from None
    if "\\u0000" in tekst:  # PostgreSQL can neither store nor compare a NUL character
        raise NulTeken(nul_in(data) or "")
    if "\\u" in tekst:  # only an escape can produce a lone surrogate
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                "de tekst bevat een ongeldig teken (een losse surrogaat, zoals \\ud800)"
            ) from None
    return data


class NulTeken(ValueError):
    """A NUL character in the JSON text; ``naam`` is where (a key path such as ``antwoorden.a``)."""

    def __init__(self, naam: str) -> None:
        super().__init__(f"de tekst bevat een ongeldig teken (NUL, \\u0000) in '{naam}'")
        self.naam = naam


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
        except NulTeken as exc:
            raise nul_error(exc.naam) from None
        except ValueError as exc:  # also UnicodeDecodeError
            raise ParseError(f"Ongeldige JSON: {exc}") from None

    def convert(self, data: Any) -> Any:
        return data


class CamelCaseJSONParser(PlainJSONParser):
    """JSON with camelCase keys turned into snake_case (``json_underscoreize`` as the package's parser)."""

    json_underscoreize: dict[str, Any] = api_settings.JSON_UNDERSCOREIZE

    def convert(self, data: Any) -> Any:
        return underscoreize(data, **self.json_underscoreize)


def _zonder_nul(parsed: Any) -> Any:
    """``parsed`` (a QueryDict, or DataAndFiles of a multipart body) unless a value holds a NUL character."""
    velden = parsed.data if hasattr(parsed, "files") else parsed
    paren = velden.lists() if hasattr(velden, "lists") else ((k, [v]) for k, v in velden.items())
    for naam, waarden in paren:
        if "\x00" in str(naam) or any(isinstance(w, str) and "\x00" in w for w in waarden):
            raise nul_error(str(naam))
    return parsed


class CamelCaseFormParser(_CamelCaseFormParser):
    """Form data with camelCase keys; a NUL character in a value is a 400."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        return _zonder_nul(super().parse(stream, media_type, parser_context))


class CamelCaseMultiPartParser(_CamelCaseMultiPartParser):
    """Multipart data (uploads) with camelCase keys; a NUL character in a field value is a 400."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        return _zonder_nul(super().parse(stream, media_type, parser_context))
