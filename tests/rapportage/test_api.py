"""The council reports' API: create, read with the content and ETag, the action routes with If-Match, the PDF (the
stored bytes of a sent report), the history, the cycle and the subscriptions."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from seta.rapportage import services

from .conftest import Rapportagewereld

pytestmark = pytest.mark.django_db


def _besluit(rw: Rapportagewereld, **kw: Any) -> dict[str, Any]:
    b = rw.besluit(**kw)
    return {**b, "datum": b["datum"].isoformat()}


def test_the_write_path_through_the_api(
    rw: Rapportagewereld, api_as: Callable[[str | None], APIClient]
) -> None:
    directeur = api_as("directeur.bel")
    r = directeur.post(
        "/api/v1/raadsrapportages",
        {"samenwerkingsverband": rw.bel.pk, "gemeente": rw.laren.pk, "jaar": rw.jaar, "periode": rw.periode},
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    pk = body["id"]
    assert body["status"] == "concept" and body["versie"] == 1 and r["ETag"] == 'W/"1"'
    assert "toelichting_pool" in body["inhoud"]  # the content keeps its stored keys
    assert body["toegestaneActies"] == ["toelichten_pool"]
    # a second concept of the same period: 409
    dubbel = directeur.post(
        "/api/v1/raadsrapportages",
        {"samenwerkingsverband": rw.bel.pk, "gemeente": rw.laren.pk, "jaar": rw.jaar, "periode": rw.periode},
        format="json",
    )
    assert dubbel.status_code == 409
    fout = directeur.post(
        "/api/v1/raadsrapportages",
        {"samenwerkingsverband": rw.bel.pk, "jaar": rw.jaar, "periode": "zomer"},
        format="json",
    )
    assert fout.status_code == 400 and [p["name"] for p in fout.json()["invalidParams"]] == ["periode"]

    # actions need If-Match: 428 without, 412 when stale
    url = f"/api/v1/raadsrapportages/{pk}"
    assert (
        directeur.post(f"{url}/toelichten-pool", {"tekst": "Toelichting"}, format="json").status_code == 428
    )
    assert (
        directeur.post(
            f"{url}/toelichten-pool", {"tekst": "x"}, format="json", HTTP_IF_MATCH='W/"5"'
        ).status_code
        == 412
    )
    t = directeur.post(
        f"{url}/toelichten-pool", {"tekst": "Toelichting"}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert t.status_code == 200 and t.json()["toelichtingPool"] == "Toelichting" and t["ETag"] == 'W/"2"'

    # the raadslid never sees the concept; another college cannot send it
    raadslid = api_as("raadslid.laren")
    assert raadslid.get(url).status_code == 404
    assert raadslid.get(f"{url}/pdf").status_code == 404
    assert all(x["id"] != pk for x in raadslid.get("/api/v1/raadsrapportages").json()["results"])
    blaricum = api_as("wethouder.blaricum")
    assert (
        blaricum.post(
            f"{url}/aanbieden", {"besluit": _besluit(rw)}, format="json", HTTP_IF_MATCH='W/"2"'
        ).status_code
        == 404
    )
    # a concept's PDF is rendered now
    concept_pdf = directeur.get(f"{url}/pdf")
    assert concept_pdf.status_code == 200 and concept_pdf["Content-Type"] == "application/pdf"

    # Laren's college sends it
    wethouder = api_as("wethouder.laren")
    a = wethouder.post(f"{url}/aanbieden", {"besluit": _besluit(rw)}, format="json", HTTP_IF_MATCH='W/"2"')
    assert a.status_code == 200, a.json()
    verzonden = a.json()
    assert verzonden["status"] == "aangeboden" and verzonden["besluit"]["orgaan"] == "college"
    assert (
        verzonden["inhoudSha256"] == hashlib.sha256(services.canonieke_json(verzonden["inhoud"])).hexdigest()
    )

    # now public: the raadslid reads it, the PDF is the stored one
    assert raadslid.get(url).status_code == 200
    pdf = raadslid.get(f"{url}/pdf")
    assert pdf.status_code == 200 and hashlib.sha256(pdf.content).hexdigest() == verzonden["pdfSha256"]
    lijst = raadslid.get(
        "/api/v1/raadsrapportages",
        {"gemeente": rw.laren.pk, "jaar": rw.jaar, "periode": rw.periode, "status": "aangeboden"},
    ).json()["results"]
    assert [x["id"] for x in lijst] == [pk] and "inhoud" not in lijst[0]

    # a correction: 201, the new version
    c = directeur.post(
        f"{url}/corrigeren", {"reden": "Cijfer onjuist."}, format="json", HTTP_IF_MATCH=a["ETag"]
    )
    assert c.status_code == 201 and c.json()["voorganger"] == pk and c.json()["volgnummer"] == 2
    geschiedenis = directeur.get(f"{url}/geschiedenis").json()
    assert geschiedenis[0]["wat"].startswith(
        "Aangeboden aan de raad en vastgelegd: besluit college van Laren"
    )


def test_the_joint_report_is_adopted_by_the_ab(
    rw: Rapportagewereld, api_as: Callable[[str | None], APIClient]
) -> None:
    r = rw.concept(None)
    url = f"/api/v1/raadsrapportages/{r.pk}"
    assert api_as("raadslid.eemnes").get(url).status_code == 404
    assert api_as("wethouder.eemnes").get(url).json()["toegestaneActies"] == ["aanbieden"]
    weigering = api_as("directeur.bel").post(
        f"{url}/aanbieden", {"besluit": _besluit(rw, gezamenlijk=True)}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert weigering.status_code == 403 and "algemeen bestuur" in weigering.json()["detail"]
    ok = api_as("burgemeester.blaricum").post(
        f"{url}/aanbieden", {"besluit": _besluit(rw, gezamenlijk=True)}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert ok.status_code == 200 and ok.json()["gezamenlijk"] is True


def test_the_cycle(rw: Rapportagewereld, api_as: Callable[[str | None], APIClient]) -> None:
    raadslid = api_as("raadslid.laren")
    lijst = raadslid.get("/api/v1/rapportagecycli", {"jaar": 2026}).json()["results"]
    bel = next(x for x in lijst if x["samenwerkingsverband"] == rw.bel.pk)
    assert bel["perioden"] and bel["wgrKalender"]["termijnen"] and bel["toegestaneActies"] == []
    url = f"/api/v1/rapportagecycli/{rw.bel.pk}"
    detail = raadslid.get(url)
    etag = detail["ETag"]
    invoer = {"ritme": "kwartaal", "bron": "Financiële verordening, art. 6", "dagenNaPeriode": 30}
    assert raadslid.put(url, invoer, format="json", HTTP_IF_MATCH=etag).status_code == 403
    directeur = api_as("directeur.bel")
    assert directeur.put(url, invoer, format="json").status_code == 428
    r = directeur.put(url, invoer, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 200, r.json()
    assert r.json()["ritme"] == "kwartaal" and len(r.json()["perioden"]) == 4 and r.json()["vastgelegd"]
    p = directeur.patch(url, {"dagenNaPeriode": 20}, format="json", HTTP_IF_MATCH=r["ETag"])
    assert p.status_code == 200 and p.json()["dagenNaPeriode"] == 20 and p.json()["ritme"] == "kwartaal"
    assert directeur.patch(url, {"dagenNaPeriode": 21}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert api_as("directeur.kempen").get(url).status_code == 404


def test_subscriptions(rw: Rapportagewereld, api_as: Callable[[str | None], APIClient]) -> None:
    raadslid = api_as("raadslid.laren")
    r = raadslid.post(
        "/api/v1/abonnementen", {"samenwerkingsverband": rw.bel.pk, "gemeente": rw.laren.pk}, format="json"
    )
    assert r.status_code == 201 and r.json()["gemeenteNaam"] == "Laren"
    pk = r.json()["id"]
    assert [x["id"] for x in raadslid.get("/api/v1/abonnementen").json()["results"]] == [pk]
    assert api_as("raadslid.blaricum").get("/api/v1/abonnementen").json()["results"] == []
    assert api_as("raadslid.blaricum").delete(f"/api/v1/abonnementen/{pk}").status_code == 404
    assert (
        raadslid.post(
            "/api/v1/abonnementen",
            {"samenwerkingsverband": rw.bel.pk, "gemeente": rw.laren.pk},
            format="json",
        ).status_code
        == 409
    )
    assert raadslid.delete(f"/api/v1/abonnementen/{pk}").status_code == 204
    assert raadslid.get("/api/v1/abonnementen").json()["results"] == []
