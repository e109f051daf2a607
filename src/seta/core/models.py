"""Technical base models and the audit trail. No domain words live here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class VersionedModel(models.Model):
    """A record with timestamps and a version number for optimistic concurrency control.

    Services bump ``versie`` on every change (see :func:`seta.core.services.check_version`), so an
    edit based on an outdated version is refused instead of silently overwriting.
    """

    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    versie = models.PositiveIntegerField("versie", default=1, editable=False)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail cannot be deleted.")


class AuditEvent(models.Model):
    """One write made through a service: who, when, what, on which record, before and after."""

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_naam = models.CharField("actor", max_length=150)
    actie = models.CharField("actie", max_length=100, db_index=True)
    object_type = models.CharField("objecttype", max_length=100, db_index=True)
    object_id = models.CharField("object-id", max_length=64, db_index=True)
    object_omschrijving = models.CharField("object", max_length=255)
    voor = models.JSONField("voor", null=True, blank=True)
    na = models.JSONField("na", null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "audittrail"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} {self.actie} {self.object_omschrijving}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail cannot be deleted.")
