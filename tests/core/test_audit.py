"""The audit trail records every service write and cannot be edited or deleted."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from seta.autorisaties import services as autorisatie_services
from seta.autorisaties.actor import actor_for
from seta.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_service_write_is_audited_with_actor_and_after_state() -> None:
    user = get_user_model().objects.create_user("auditproef", password="x")
    actor = actor_for(user)
    before = AuditEvent.objects.count()
    autorisatie_services.renew_token(actor=actor, user=user)
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.actie == "token.aanmaken"
    assert event.actor_id == user.pk
    assert event.actor_naam == "auditproef"
    assert event.na == {"gebruiker": "auditproef", "prefix": user.api_token.prefix}


def test_audit_event_cannot_be_changed_or_deleted() -> None:
    user = get_user_model().objects.create_user("auditproef2", password="x")
    autorisatie_services.renew_token(actor=actor_for(user), user=user)
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    event.actie = "vervalst"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(actie="vervalst")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.actie == "token.aanmaken"


def test_audit_trail_is_not_exposed_for_writing_through_admin() -> None:
    admin_user = get_user_model().objects.create_superuser("auditbeheer", password="x")
    client = APIClient()
    client.force_login(admin_user)
    response = client.get("/beheer/core/auditevent/add/")
    assert response.status_code == 403
