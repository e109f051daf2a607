"""The page buttons that change a record send the version they showed: a stale one answers 412 and
changes nothing (recalculating a scenario, deleting a scan)."""

from __future__ import annotations

from typing import Any

import pytest

from seta.financien.models import Scenario
from seta.scan.models import Scansessie

pytestmark = pytest.mark.django_db


def test_recalculating_a_scenario_from_a_stale_page_is_412(client: Any, user_named: Any) -> None:
    scenario = Scenario.objects.filter(samenwerkingsverband__slug="bel").first()
    assert scenario is not None
    client.force_login(user_named("controller.bel"))
    page = client.get(f"/financien/scenarios/{scenario.pk}").content.decode()
    assert f'name="versie" value="{scenario.versie}"' in page
    url = f"/financien/scenarios/{scenario.pk}/berekenen"
    r = client.post(url, {"versie": scenario.versie + 3})
    assert r.status_code == 412
    assert Scenario.objects.get(pk=scenario.pk).versie == scenario.versie
    r = client.post(url, {"versie": scenario.versie})
    assert r.status_code == 302
    assert Scenario.objects.get(pk=scenario.pk).versie == scenario.versie + 1


def test_deleting_a_scan_from_a_stale_page_is_412(client: Any, user_named: Any) -> None:
    scan = Scansessie.objects.filter(eigenaar__username="secretaris.laren").first()
    assert scan is not None
    client.force_login(user_named("secretaris.laren"))
    r = client.post(f"/scan/{scan.pk}/verwijderen", {"versie": scan.versie + 3})
    assert r.status_code == 412
    assert Scansessie.objects.filter(pk=scan.pk).exists()
    r = client.post(f"/scan/{scan.pk}/verwijderen", {"versie": scan.versie})
    assert r.status_code == 302
    assert not Scansessie.objects.filter(pk=scan.pk).exists()
