"""The ZGW Zaken API client against a loopback stub serving recorded pages: paging, the token, refusals,
time-outs, invalid data, and the proof that the client and the file importer produce the same cases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jwt
import pytest

from seta.core.errors import InvalidInput
from seta.dienstverlening import zaken, zgw
from seta.dienstverlening.models import Zaak, Zaaksysteem, Zaaktypekoppeling

from .zaken_helpers import bel, bestand, rijen_van, zaken_2024
from .zgw_stub import FIXTURES, Stub, zgw_stub

pytestmark = pytest.mark.django_db

VAN, TOT = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
WMO_URL = "https://catalogi.laren.example/catalogi/api/v1/zaaktypen/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8"
GEHEIM = "een-geheim-van-minstens-32-tekens-lang!"

# The part of the Zaken API 1.5 schema (components/schemas/Zaak, PaginatedZaakList) the client relies on.
ZAAK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "url",
        "uuid",
        "identificatie",
        "bronorganisatie",
        "zaaktype",
        "startdatum",
        "verantwoordelijkeOrganisatie",
    ],
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "identificatie": {"type": "string", "maxLength": 40},
        "bronorganisatie": {"type": "string", "pattern": "^[0-9]{9}$"},
        "zaaktype": {"type": "string", "format": "uri", "maxLength": 200},
        "startdatum": {"type": "string", "format": "date"},
        "einddatum": {"type": ["string", "null"], "format": "date"},
        "uiterlijkeEinddatumAfdoening": {"type": ["string", "null"], "format": "date"},
        "verlenging": {
            "type": ["object", "null"],
            "required": ["reden", "duur"],
            "properties": {"reden": {"type": "string", "maxLength": 200}, "duur": {"type": "string"}},
        },
        "opschorting": {
            "type": ["object", "null"],
            "required": ["indicatie", "reden"],
            "properties": {"indicatie": {"type": "boolean"}, "reden": {"type": "string", "maxLength": 200}},
        },
        "resultaat": {"type": ["string", "null"], "format": "uri"},
    },
}
PAGINA_SCHEMA = {
    "type": "object",
    "required": ["count", "results"],
    "properties": {
        "count": {"type": "integer"},
        "next": {"type": ["string", "null"]},
        "previous": {"type": ["string", "null"]},
        "results": {"type": "array", "items": ZAAK_SCHEMA},
    },
}


@pytest.fixture
def stub(actor_named, monkeypatch) -> Iterator[tuple[Stub, Zaaksysteem]]:
    monkeypatch.setenv("SETA_ZGW_LAREN_GEHEIM", GEHEIM)
    controller = actor_named("controller.bel")
    sv = bel()
    zaken.create_koppeling(
        actor=controller,
        samenwerkingsverband=sv,
        zaaktype=WMO_URL,
        catalogusitem=sv.catalogusitems.get(code="wmo-maatwerk"),
    )
    with zgw_stub() as s:
        zaaksysteem = Zaaksysteem.objects.get(samenwerkingsverband=sv, gemeente__slug="laren")
        zaaksysteem = zaken.update_zaaksysteem(actor=controller, zaaksysteem=zaaksysteem, api_root=s.api_root)
        yield s, zaaksysteem


def test_the_recorded_pages_follow_the_schema() -> None:
    for pad in sorted(FIXTURES.glob("zaken-pagina-*.json")):
        jsonschema.validate(json.loads(pad.read_text(encoding="utf-8")), PAGINA_SCHEMA)


def test_the_client_follows_next_and_sends_a_zgw_token(stub) -> None:
    s, zaaksysteem = stub
    rijen = zgw.haal_zaken(zaaksysteem, VAN, TOT)
    assert [r.waarden["identificatie"] for r in rijen] == [f"ZAAK-2024-{n:04d}" for n in range(1, 7)]
    assert [v["query"] for v in s.verzoeken] == [
        {"startdatum__gte": "2024-01-01", "startdatum__lte": "2024-03-31"},
        {"page": "2", "startdatum__gte": "2024-01-01", "startdatum__lte": "2024-03-31"},
    ]
    kop = s.verzoeken[0]["headers"]
    assert kop["Accept-Crs"] == "EPSG:4326"
    scheme, _, token = kop["Authorization"].partition(" ")
    claims = jwt.decode(token, GEHEIM, algorithms=["HS256"])
    assert scheme == "Bearer" and claims["iss"] == claims["client_id"] == "seta-bel"
    per_id = {r.waarden["identificatie"]: r.waarden for r in rijen}
    assert per_id["ZAAK-2024-0002"]["opgeschorte_dagen"] == 14  # verlenging.duur P14D
    assert per_id["ZAAK-2024-0005"]["opgeschorte_dagen"] == 7  # P1W
    assert per_id["ZAAK-2024-0004"]["besloten"] == "" and per_id["ZAAK-2024-0004"]["opgeschorte_dagen"] == 0
    assert per_id["ZAAK-2024-0006"]["resultaat"] == ""
    assert all(r.waarden["gemeente"] == "GM0417" for r in rijen)


def test_client_and_importer_produce_the_same_cases(stub, actor_named) -> None:
    s, zaaksysteem = stub
    controller = actor_named("controller.bel")
    # The same cases as a CSV export, written out by hand from the recording.
    rijen = []
    for nummer in (1, 2):
        for z in s.pagina(nummer)["results"]:
            duur = (z["verlenging"] or {}).get("duur", "")
            dagen = int(duur[1:-1]) * (7 if duur.endswith("W") else 1) if duur else 0
            rijen.append(
                [
                    z["identificatie"],
                    z["zaaktype"],
                    "Laren",
                    z["startdatum"],
                    z["einddatum"] or "",
                    dagen,
                    z["uiterlijkeEinddatumAfdoening"] or "",
                    z["resultaat"] or "",
                    "",
                ]
            )
    uit_bestand = zaken.importeer(
        actor=controller,
        samenwerkingsverband=bel(),
        gemeente=zaaksysteem.gemeente,
        periode_van=VAN,
        periode_tot=TOT,
        bestand=bestand("laren-2024-q1.csv", rijen),
    )
    via_bestand = rijen_van(zaken_2024(bel()))
    assert len(via_bestand) == 6 == uit_bestand.aantal_zaken
    via_api = zaken.haal_op(actor=controller, zaaksysteem=zaaksysteem, periode_van=VAN, periode_tot=TOT)
    assert (via_api.bron, via_api.aantal_zaken, via_api.aantal_vervangen) == ("zgw", 6, 6)
    assert rijen_van(zaken_2024(bel())) == via_bestand
    assert Zaak.objects.filter(zaakimport=via_api).count() == 6


@pytest.mark.parametrize("status", ["401", "403"])
def test_a_refusal_is_a_clear_message_and_nothing_is_stored(stub, actor_named, status) -> None:
    s, zaaksysteem = stub
    s.mode = status
    voor = Zaak.objects.count()
    with pytest.raises(InvalidInput) as exc:
        zaken.haal_op(
            actor=actor_named("controller.bel"), zaaksysteem=zaaksysteem, periode_van=VAN, periode_tot=TOT
        )
    assert f"de Zaken API weigert de toegang ({status}): controleer client-id en geheim" in str(exc.value)
    assert Zaak.objects.count() == voor


def test_a_time_out_is_a_clear_message(stub, actor_named) -> None:
    s, zaaksysteem = stub
    zaaksysteem = zaken.update_zaaksysteem(
        actor=actor_named("controller.bel"), zaaksysteem=zaaksysteem, timeout_seconden=1
    )
    s.mode, s.vertraging = "traag", 2.5
    with pytest.raises(InvalidInput, match=r"niet binnen 1 seconden \(time-out\)"):
        zgw.haal_zaken(zaaksysteem, VAN, TOT)


def test_invalid_data_names_the_zaak_and_the_field(stub) -> None:
    s, zaaksysteem = stub
    s.mode = "ongeldig"
    with pytest.raises(InvalidInput) as exc:
        zgw.haal_zaken(zaaksysteem, VAN, TOT)
    assert set(exc.value.fields) == {
        "Open Zaak Laren, zaak ZAAK-2024-0005, veld einddatum",
        "Open Zaak Laren, zaak ZAAK-2024-0006, veld verlenging.duur",
    }
    s.mode = "geen-json"
    with pytest.raises(InvalidInput, match="geen JSON"):
        zgw.haal_zaken(zaaksysteem, VAN, TOT)


def test_a_missing_secret_and_an_unmapped_zaaktype(stub, actor_named, monkeypatch) -> None:
    s, zaaksysteem = stub
    monkeypatch.delenv("SETA_ZGW_LAREN_GEHEIM")
    with pytest.raises(InvalidInput) as exc:
        zgw.haal_zaken(zaaksysteem, VAN, TOT)
    assert list(exc.value.fields) == ["geheim_variabele"]
    assert s.verzoeken == []
    monkeypatch.setenv("SETA_ZGW_LAREN_GEHEIM", GEHEIM)
    zaken.delete_koppeling(
        actor=actor_named("controller.bel"), koppeling=Zaaktypekoppeling.objects.get(zaaktype=WMO_URL)
    )
    with pytest.raises(InvalidInput) as exc:
        zaken.haal_op(
            actor=actor_named("controller.bel"), zaaksysteem=zaaksysteem, periode_van=VAN, periode_tot=TOT
        )
    assert "Open Zaak Laren, zaak ZAAK-2024-0003, kolom zaaktype" in exc.value.fields


def test_next_may_not_lead_away_from_the_api(stub, monkeypatch) -> None:
    s, zaaksysteem = stub
    origineel = s.pagina

    def pagina(nummer: int) -> dict[str, Any]:
        data = origineel(nummer)
        data["next"] = "https://elders.example/zaken?page=2" if nummer == 1 else None
        return data

    monkeypatch.setattr(s, "pagina", pagina)
    with pytest.raises(InvalidInput, match="geen adres van deze Zaken API"):
        zgw.haal_zaken(zaaksysteem, VAN, TOT)


def test_the_fixture_directory_is_complete() -> None:
    assert sorted(p.name for p in Path(FIXTURES).glob("*.json")) == [
        "zaken-pagina-1.json",
        "zaken-pagina-2.json",
    ]
