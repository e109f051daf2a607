"""Bounded integer filters for every FilterSet: a value outside the range is a 400 naming the parameter.

django-filter's ``NumberFilter`` accepts any decimal, and an id beyond 64 bits then reaches SQLite as an
``OverflowError`` (a 500). Every integer query parameter uses ``IdFilter`` (an id) or ``JaarFilter``
(a year, ``seta.core.bounds``); the document declares the same range, so clients (and schemathesis)
know it. The filter's query name is the FilterSet attribute, so renaming a parameter does not touch
these classes.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from seta.core.bounds import ID_MAX, ID_MIN, JAAR_MAX, JAAR_MIN


class _BoundedIntegerField(forms.IntegerField):
    minimum = -ID_MAX
    maximum = ID_MAX

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", self.minimum)
        kwargs.setdefault("max_value", self.maximum)
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = "Moet een geheel getal zijn."
        self.error_messages["min_value"] = f"Moet tussen {self.minimum} en {self.maximum} liggen."
        self.error_messages["max_value"] = f"Moet tussen {self.minimum} en {self.maximum} liggen."


class IdField(_BoundedIntegerField):
    minimum = ID_MIN
    maximum = ID_MAX


class JaarField(_BoundedIntegerField):
    minimum = JAAR_MIN
    maximum = JAAR_MAX


@extend_schema_field({"type": "integer", "format": "int64", "minimum": ID_MIN, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    """The id of a related record (``eenheid``, ``medewerker``, ``bestuursopdracht``, …)."""

    field_class = IdField


@extend_schema_field({"type": "integer", "minimum": JAAR_MIN, "maximum": JAAR_MAX})
class JaarFilter(django_filters.NumberFilter):
    """A year in ``JAAR_MIN..JAAR_MAX``."""

    field_class = JaarField
