"""The permission matrix of the case data over the demo roles: own cooperation (BEL) and another (Kempen),
pool and municipality side, through the API as the people would.

Columns: ``imp`` POST /zaakimports (a good file), ``zaak`` GET /zaken/{id} (a demo case of BEL),
``lijst`` whether GET /zaken lists BEL's cases, ``impl`` GET /zaakimports/{id}, ``kopl`` GET
/zaaktypekoppelingen/{id}, ``kopn`` POST /zaaktypekoppelingen, ``zsys`` GET /zaaksystemen/{id}.
``ok`` is 200/201, a number the status; ``ja``/``nee`` for the list.
"""

from __future__ import annotations

import pytest

from seta.dienstverlening.models import Zaak, Zaakimport, Zaaksysteem, Zaaktypekoppeling

from .zaken_helpers import bel, csv_bytes

pytestmark = pytest.mark.django_db

TABEL = """
rol                    imp  zaak lijst impl kopl kopn zsys
directeur.bel          ok   ok   ja    ok   ok   ok   ok
controller.bel         ok   ok   ja    ok   ok   ok   ok
teamleider.bel         403  ok   ja    ok   ok   403  ok
medewerker.bel         403  404  nee   404  ok   403  404
wethouder.blaricum     403  404  nee   404  ok   403  404
regisseur.blaricum     403  404  nee   404  ok   403  404
secretaris.eemnes      403  404  nee   404  ok   403  404
raadslid.laren         403  404  nee   404  ok   403  404
directeur.kempen       404  404  nee   404  404  400  404
medewerker.kempen      404  404  nee   404  404  400  404
beheerder              ok   ok   ja    ok   ok   ok   ok
"""
KOLOMMEN = TABEL.split("\n")[1].split()[1:]
RIJEN = {r.split()[0]: dict(zip(KOLOMMEN, r.split()[1:], strict=True)) for r in TABEL.strip().split("\n")[1:]}


def _status(response) -> str:
    return "ok" if response.status_code in (200, 201) else str(response.status_code)


@pytest.mark.parametrize("rol", sorted(RIJEN))
def test_permission_matrix(api_as, rol) -> None:
    verwacht = RIJEN[rol]
    sv = bel()
    client = api_as(rol)
    zaak = Zaak.objects.filter(samenwerkingsverband=sv).order_by("pk").first()
    imp = Zaakimport.objects.filter(samenwerkingsverband=sv).order_by("pk").first()
    koppeling = Zaaktypekoppeling.objects.filter(samenwerkingsverband=sv).order_by("pk").first()
    zaaksysteem = Zaaksysteem.objects.filter(samenwerkingsverband=sv).first()
    assert zaak and imp and koppeling and zaaksysteem
    from django.core.files.uploadedfile import SimpleUploadedFile

    inhoud = csv_bytes([["P-1", "BEL-WMO", "GM0417", "2024-02-01", "", "", "", "", ""]])
    gekregen = {
        "imp": _status(
            client.post(
                "/api/v1/zaakimports",
                {
                    "samenwerkingsverband": "bel",
                    "periodeVan": "2024-01-01",
                    "periodeTot": "2024-03-31",
                    "bestand": SimpleUploadedFile("z.csv", inhoud, content_type="text/csv"),
                },
                format="multipart",
            )
        ),
        "zaak": _status(client.get(f"/api/v1/zaken/{zaak.pk}")),
        "lijst": "ja" if client.get("/api/v1/zaken?samenwerkingsverband=bel").json()["count"] else "nee",
        "impl": _status(client.get(f"/api/v1/zaakimports/{imp.pk}")),
        "kopl": _status(client.get(f"/api/v1/zaaktypekoppelingen/{koppeling.pk}")),
        "kopn": _status(
            client.post(
                "/api/v1/zaaktypekoppelingen",
                {
                    "samenwerkingsverband": "bel",
                    "zaaktype": "BEL-NIEUW",
                    "catalogusitem": sv.catalogusitems.get(code="klachten").pk,
                },
                format="json",
            )
        ),
        "zsys": _status(client.get(f"/api/v1/zaaksystemen/{zaaksysteem.pk}")),
    }
    assert gekregen == verwacht


# The pages serve the actor's own cooperations: (import page, imports list and case systems page).
PAGINAS = {
    "directeur.bel": (200, 200),
    "controller.bel": (200, 200),
    "teamleider.bel": (403, 200),
    "medewerker.bel": (403, 403),
    "wethouder.blaricum": (403, 403),
    "regisseur.blaricum": (403, 403),
    "secretaris.eemnes": (403, 403),
    "raadslid.laren": (403, 403),
    "directeur.kempen": (200, 200),  # its own cooperation (Kempen), nothing of BEL
    "medewerker.kempen": (403, 403),
    "beheerder": (200, 200),
}


@pytest.mark.parametrize("rol", sorted(PAGINAS))
def test_web_pages_follow_the_same_policy(client, user_named, rol) -> None:
    client.force_login(user_named(rol))
    importeren, lezen = PAGINAS[rol]
    assert client.get("/dienstverlening/zaken/importeren").status_code == importeren
    assert client.get("/dienstverlening/zaken/imports").status_code == lezen
    pagina = client.get("/dienstverlening/zaken/zaaksystemen")
    assert pagina.status_code == lezen
    if rol == "directeur.kempen":
        assert "Laren" not in pagina.content.decode()
        assert "BEL" not in client.get("/dienstverlening/zaken/imports").content.decode()
    assert client.get("/dienstverlening/zaken/zaaktypen").status_code == 200
