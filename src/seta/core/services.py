"""Helpers every domain service uses: optimistic concurrency and field updates with audit.

Compare-and-swap lives here, so that no service can forget it: :func:`update_fields` re-reads the row's
version under a row lock (``SELECT … FOR UPDATE``) inside the service's transaction and refuses the edit
with :class:`StaleVersion` (HTTP 412) when someone else changed the record first. Services that change
a record by hand lock it first with :func:`lock`; a change made through a child record (a partner, a
meeting's agenda item) counts as a new version of the parent through :func:`bump_version`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from seta.core import audit
from seta.core.errors import InvalidInput, PreconditionRequired, StaleVersion
from seta.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class VersionRequired(int):
    """The version an API update did not send (no ``If-Match``): the service's version check raises
    :class:`PreconditionRequired` (HTTP 428) *after* its permission check, so a forbidden update still
    answers 403 and an unknown record 404, as HTTP evaluates preconditions last."""

    def __new__(cls) -> VersionRequired:
        return super().__new__(cls, -1)

    def __repr__(self) -> str:
        return "VERSION_REQUIRED"


VERSION_REQUIRED = VersionRequired()


def check_version(instance: VersionedModel, expected: int | None) -> None:
    """Refuse an edit based on an outdated version (``expected`` None means: not checked).

    Only meaningful on a row read under :func:`lock`; :func:`update_fields` does both.
    """
    if isinstance(expected, VersionRequired):
        raise PreconditionRequired("If-Match")
    if expected is not None and int(expected) != instance.versie:
        raise StaleVersion(expected=int(expected), current=instance.versie)


def _require_atomic(instance: VersionedModel) -> None:
    if not transaction.get_connection(instance._state.db or "default").in_atomic_block:
        raise RuntimeError("Versioned writes run inside the service's transaction.atomic block.")


def _locked_version(instance: VersionedModel) -> int:
    """The current version of ``instance``'s row, locked until the end of the transaction."""
    manager = type(instance)._base_manager
    versie = (
        manager.select_for_update(of=("self",))
        .filter(pk=instance.pk)
        .values_list("versie", flat=True)
        .first()
    )
    if versie is None:
        raise StaleVersion(expected=instance.versie, current=0)
    return int(versie)


def lock(instance: M, *, expected_version: int | None = None) -> M:
    """``instance`` re-read under a row lock held until the transaction ends; 412 if not ``expected_version``.

    Every check the service makes after this sees the committed state, and no one else can change the
    row before the service's write commits.
    """
    _require_atomic(instance)
    fresh = type(instance)._base_manager.select_for_update(of=("self",)).get(pk=instance.pk)
    check_version(fresh, expected_version)
    return fresh


def bump_version(instance: VersionedModel) -> None:
    """Count a change made through a child record as a new version of ``instance``.

    One ``UPDATE … SET versie = versie + 1``: concurrent writers never lose a bump, and a client holding
    the old ETag gets 412 on its next edit.
    """
    _require_atomic(instance)
    manager = type(instance)._base_manager
    manager.filter(pk=instance.pk).update(versie=F("versie") + 1, gewijzigd_op=timezone.now())
    instance.versie = manager.filter(pk=instance.pk).values_list("versie", flat=True).get()


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
    """Apply ``changes`` to ``instance``, validate, bump the version, save and audit: compare-and-swap.

    Call inside the service's ``transaction.atomic`` block, after the permission check. The row's version
    is read under a row lock and compared with ``expected_version`` (the client's ``If-Match``), or, when
    the caller passes none, with the version of ``instance`` as the service read it: whoever loses the
    race gets :class:`StaleVersion` instead of silently overwriting the winner.
    """
    _require_atomic(instance)
    if isinstance(expected_version, VersionRequired):
        raise PreconditionRequired("If-Match")
    basis = instance.versie if expected_version is None else int(expected_version)
    current = _locked_version(instance)
    if current != basis:
        raise StaleVersion(expected=basis, current=current)
    if instance.versie != current:
        # The client saw the current version, but this object was loaded before the last commit.
        instance.refresh_from_db()
    before = audit.snapshot(instance)
    for name, value in changes.items():
        setattr(instance, name, value)
    full_clean_or_raise(instance)
    instance.versie = current + 1
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
