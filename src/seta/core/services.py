"""Helpers every domain service uses: optimistic concurrency and field updates with audit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError

from seta.core import audit
from seta.core.errors import InvalidInput, StaleVersion
from seta.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


def check_version(instance: VersionedModel, expected: int | None) -> None:
    """Refuse an edit based on an outdated version (``expected`` None means: not checked)."""
    if expected is not None and int(expected) != instance.versie:
        raise StaleVersion(expected=int(expected), current=instance.versie)


def full_clean_or_raise(instance: Any, *, exclude: Iterable[str] | None = None) -> None:
    """Run Django's model validation and translate it into :class:`InvalidInput` naming each field."""
    try:
        instance.full_clean(exclude=list(exclude or []))
    except DjangoValidationError as exc:
        fields = {name: [str(m) for m in msgs] for name, msgs in exc.message_dict.items()}
        raise InvalidInput(fields=fields) from exc


def update_fields(
    instance: M,
    *,
    actor: Any,
    action: str,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> M:
    """Apply ``changes`` to ``instance``, validate, bump the version, save and audit.

    Call inside the service's ``transaction.atomic`` block, after the permission check.
    """
    check_version(instance, expected_version)
    before = audit.snapshot(instance)
    for name, value in changes.items():
        setattr(instance, name, value)
    full_clean_or_raise(instance)
    instance.versie += 1
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    audit.record(actor=actor, action=action, instance=instance, before=before)
    return instance


def create(instance: M, *, actor: Any, action: str, m2m: Mapping[str, Iterable[Any]] | None = None) -> M:
    """Validate, save and audit a new record."""
    full_clean_or_raise(instance)
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    audit.record(actor=actor, action=action, instance=instance)
    return instance
