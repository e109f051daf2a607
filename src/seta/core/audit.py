"""Recording writes in the audit trail. Every service calls :func:`record` inside its transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import uuid
from typing import Any

from django.db import models

from seta.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        # a stored document (a frozen report's PDF): its size and hash, not the bytes
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model | None) -> dict[str, Any] | None:
    """The concrete field values of ``instance`` as JSON-safe data (foreign keys as ids)."""
    if instance is None:
        return None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"aangemaakt_op", "gewijzigd_op"}:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    if instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            data[m2m.name] = sorted(obj.pk for obj in getattr(instance, m2m.name).all())
    return data


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one event. ``actor`` is a :class:`seta.autorisaties.actor.Actor` (a person, or the system
    actor, recorded as ``systeem:<reden>``) or a user. There is no anonymous write: None is refused."""
    if actor is None:
        raise TypeError(
            "audit.record needs an actor; use autorisaties.actor.system_actor(reden) for the system."
        )
    user = getattr(actor, "user", actor)
    user_id = getattr(user, "pk", None)
    name = getattr(actor, "audit_naam", None) or (user.get_username() if user_id else "anoniem")
    return AuditEvent.objects.create(
        actor_id=user_id,
        actor_naam=name,
        actie=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_omschrijving=str(instance)[:255],
        voor=before,
        na=after if after is not None else snapshot(instance),
        toelichting=note,
    )
