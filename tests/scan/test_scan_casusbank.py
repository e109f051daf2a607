"""The case base as data: loaded from YAML, edited by the beheerder in the admin, used by the next scan."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.autorisaties.actor import system_actor
from seta.core.errors import Forbidden, InvalidInput
from seta.core.models import AuditEvent
from seta.scan import kern, services
from seta.scan.models import Casus, Scansessie
from seta.scan.scoring.cases import load_cases

SYSTEEM = system_actor("scan-casussen")

pytestmark = pytest.mark.django_db


def test_case_base_in_the_database_is_the_shipped_file() -> None:
    shipped = {c.id for c in load_cases()}
    assert set(Casus.objects.values_list("code", flat=True)) >= shipped
    assert {c.id for c in kern.casussen_uit_db()} >= shipped
    telling = services.load_casussen(actor=SYSTEEM)
    assert telling["toegevoegd"] == 0  # idempotent


def _admin_post_data(casus: Casus, **changes: Any) -> dict[str, str]:
    data: dict[str, Any] = {
        "code": casus.code,
        "naam": casus.naam,
        "jaar": casus.jaar or "",
        "vorm": casus.vorm,
        "uitkomst": casus.uitkomst,
        "actief": "on" if casus.actief else "",
        "partners": json.dumps(casus.partners),
        "aantal_partners": casus.aantal_partners or "",
        "genoemde_factoren": json.dumps(casus.genoemde_factoren),
        "antwoorden": json.dumps(casus.antwoorden),
        "bron": json.dumps(casus.bron),
        "toelichting": casus.toelichting,
        "interpretatie": casus.interpretatie,
    }
    data.update(changes)
    return {k: str(v) for k, v in data.items() if v != ""}


def test_beheerder_edits_a_case_in_the_admin_and_the_next_scan_uses_it(
    user_named: Callable[[str], Any], actor_named: Callable[[str], Any]
) -> None:
    admin = Client()
    admin.force_login(user_named("beheerder"))
    casus = Casus.objects.get(code="heumen_wijchen")
    url = f"/beheer/scan/casus/{casus.pk}/change/"
    assert admin.get(url).status_code == 200

    response = admin.post(url, _admin_post_data(casus, naam="Heumen–Wijchen (herzien)"))
    assert response.status_code == 302, response.content.decode()[:2000]
    casus.refresh_from_db()
    assert casus.naam == "Heumen–Wijchen (herzien)" and casus.versie == 2
    event = AuditEvent.objects.filter(actie="casus.wijzigen", object_id=str(casus.pk)).latest("id")
    assert (
        event.actor_naam == "beheerder" and event.voor is not None and event.voor["naam"] == "Heumen–Wijchen"
    )

    # The next scan compares with the edited case.
    eigenaar = actor_named("secretaris.laren")
    scan = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    scan = services.calculate(actor=eigenaar, scansessie=scan)
    assert scan.resultaat is not None
    namen = [c["naam"] for c in scan.resultaat["vergelijkbare_casussen"]]
    assert "Heumen–Wijchen (herzien)" in namen

    # Deactivated cases are left out of the comparison.
    response = admin.post(url, _admin_post_data(casus, actief=""))
    assert response.status_code == 302
    scan = services.calculate(actor=eigenaar, scansessie=scan)
    assert scan.resultaat is not None
    assert "heumen_wijchen" not in [c["casus_id"] for c in scan.resultaat["vergelijkbare_casussen"]]


def test_admin_refuses_an_invalid_case_with_the_field_named(user_named: Callable[[str], Any]) -> None:
    admin = Client()
    admin.force_login(user_named("beheerder"))
    casus = Casus.objects.get(code="heumen_wijchen")
    response = admin.post(
        f"/beheer/scan/casus/{casus.pk}/change/",
        _admin_post_data(casus, partners=json.dumps([{"code": "GM9999"}])),
    )
    assert response.status_code == 200  # the form again, with the error
    assert "GM9999" in response.content.decode()
    casus.refresh_from_db()
    assert casus.partners == [{"code": "GM0252"}, {"code": "GM0296"}]


def test_admin_adds_a_new_case(user_named: Callable[[str], Any]) -> None:
    admin = Client()
    admin.force_login(user_named("beheerder"))
    nieuw = Casus(
        code="proef_nieuw",
        naam="Nieuwe casus",
        jaar=2022,
        vorm="menu_1",
        uitkomst="gestopt",
        partners=[{"code": "GM1705"}, {"code": "GM1734"}],
        genoemde_factoren=[{"factor": "vertrouwen", "richting": "ongunstig", "regels": "852-865"}],
        antwoorden={"vertrouwen": 1},
        bron=[{"regels": "852-865", "titel": "Gebrek aan vertrouwen"}],
    )
    response = admin.post("/beheer/scan/casus/add/", _admin_post_data(nieuw))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "proef_nieuw" in {c.id for c in kern.casussen_uit_db()}


def test_only_the_beheerder_maintains_the_case_base(
    user_named: Callable[[str], Any], actor_named: Callable[[str], Any]
) -> None:
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    assert client.get("/beheer/scan/casus/").status_code in (302, 403)
    casus = Casus.objects.get(code="bel")
    with pytest.raises(Forbidden):
        services.update_casus(actor=actor_named("secretaris.laren"), casus=casus, naam="x")
    with pytest.raises(InvalidInput) as exc:
        services.update_casus(actor=actor_named("beheerder"), casus=casus, uitkomst="mislukt")
    assert "uitkomst" in exc.value.fields


def test_reload_with_overwrite_restores_the_shipped_case(actor_named: Callable[[str], Any]) -> None:
    beheerder = actor_named("beheerder")
    casus = Casus.objects.get(code="bel")
    services.update_casus(actor=beheerder, casus=casus, naam="BEL (gewijzigd)")
    assert services.load_casussen(actor=beheerder)["bijgewerkt"] == 0
    assert Casus.objects.get(code="bel").naam == "BEL (gewijzigd)"
    telling = services.load_casussen(actor=beheerder, overschrijven=True)
    assert telling["bijgewerkt"] == 1
    assert Casus.objects.get(code="bel").naam.startswith("BEL Combinatie")
    with pytest.raises(Forbidden):
        services.load_casussen(actor=actor_named("raadslid.laren"))


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("partners", "GM0252"),
        ("partners", [123]),
        ("antwoorden", "vertrouwen=1"),
        ("genoemde_factoren", ["vertrouwen"]),
        ("genoemde_factoren", [{"richting": "ongunstig", "regels": "852-865"}]),
        ("bron", "852-865"),
    ],
)
def test_a_case_of_the_wrong_shape_is_refused_in_dutch_naming_the_field(
    actor_named: Callable[[str], Any], veld: str, waarde: Any
) -> None:
    casus = Casus.objects.get(code="bel")
    with pytest.raises(InvalidInput) as exc:
        services.update_casus(actor=actor_named("beheerder"), casus=casus, **{veld: waarde})
    assert list(exc.value.fields) == [veld]
    melding = " ".join(exc.value.fields[veld])
    assert melding.startswith("Geef de ") and "object" in melding
    assert "has no attribute" not in melding and "indices" not in melding
