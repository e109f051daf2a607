"""The verdeelmodel as a form, through the web as the controller of BEL: creating every kind of part, changing a
concept (with versie; stale: 412), a vastgesteld model refused (409), the preview (per partner, writes
nothing), errors naming the field, JSON import and download."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seta.core.models import AuditEvent
from seta.financien.models import Berekening, Verdeelmodel
from .modelformulier_hulp import pagina_postdata

pytestmark = pytest.mark.django_db
NIEUW = "/financien/verdeelmodellen/nieuw?samenwerkingsverband=bel"


@pytest.fixture
def controller(client: Any, user_named: Any) -> Any:
    client.force_login(user_named("controller.bel"))
    return client


def _concept() -> Verdeelmodel:
    return Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="Inwonersaantal")


def test_new_model_page_renders_the_form(controller: Any) -> None:
    r = controller.get(NIEUW)
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "Onderdeel toevoegen: naar gebruik" in html and "JSON importeren" in html
    assert "<legend" in html and "Shapley verdeelt de besparing" in html
    assert "<script" not in html.split("</head>")[1] and " style=" not in html
