"""The pages (import with its errors table or summary, the mapping) and the commands (exit codes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from seta.dienstverlening import zaken
from seta.dienstverlening.models import Zaak, Zaaksysteem, Zaaktypekoppeling

from .zaken_helpers import bel, csv_bytes, zaken_2024
from .zgw_stub import zgw_stub

pytestmark = pytest.mark.django_db

GOED = [["W-1", "BEL-WMO", "GM0417", "2024-02-01", "2024-02-20", "", "", "", ""]]
FOUT = [["W-1", "BEL-WMO", "GM0417", "2024-02-01", "2024-01-20", "", "", "", ""]]


def _post(client, rijen):
    sv = bel()
    return client.post(
        "/dienstverlening/zaken/importeren",
        {
            "samenwerkingsverband": sv.pk,
            "gemeente": "",
            "periode_van": "2024-01-01",
            "periode_tot": "2024-03-31",
            "bestand": SimpleUploadedFile("zaken-2024-q1.csv", csv_bytes(rijen), content_type="text/csv"),
        },
    )


def test_the_import_page_shows_the_errors_in_a_table_and_stores_nothing(client, user_named) -> None:
    client.force_login(user_named("controller.bel"))
    r = _post(client, FOUT)
    assert r.status_code == 400
    html = r.content.decode()
    assert '<caption class="utrecht-table__caption">Fouten per rij en kolom</caption>' in html
    assert "rij 2" in html and "besloten" in html and "datum vóór ontvangen" in html
    assert 'href="#id_bestand"' in html  # the error summary links to the field
    assert not zaken_2024(bel()).exists()


def test_the_import_page_shows_the_summary(client, user_named) -> None:
    client.force_login(user_named("controller.bel"))
    r = _post(client, GOED)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Zaken ingelezen</dt><dd>1</dd>" in html and "Zaken vervangen</dt><dd>0</dd>" in html
    r = _post(client, GOED)
    assert "Zaken vervangen</dt><dd>1</dd>" in r.content.decode()
    lijst = client.get("/dienstverlening/zaken/imports").content.decode()
    assert "zaken-2024-q1.csv" in lijst and "controller.bel" in lijst


def test_the_mapping_page_adds_changes_and_removes(client, user_named) -> None:
    client.force_login(user_named("directeur.bel"))
    sv = bel()
    pagina = client.get("/dienstverlening/zaken/zaaktypen?samenwerkingsverband=bel").content.decode()
    assert "BEL-OMGVERG" in pagina and "Koppeling toevoegen" in pagina
    item = sv.catalogusitems.get(code="klachten")
    r = client.post(
        "/dienstverlening/zaken/zaaktypen?samenwerkingsverband=bel",
        {"zaaktype": "BEL-KLACHT", "catalogusitem": item.pk, "omschrijving": ""},
    )
    assert r.status_code == 302
    koppeling = Zaaktypekoppeling.objects.get(samenwerkingsverband=sv, zaaktype="BEL-KLACHT")
    r = client.post(
        "/dienstverlening/zaken/zaaktypen?samenwerkingsverband=bel",
        {"zaaktype": "bel-klacht", "catalogusitem": item.pk, "omschrijving": ""},
    )
    assert r.status_code == 400 and "al gekoppeld" in r.content.decode()
    r = client.post(
        f"/dienstverlening/zaken/zaaktypen/{koppeling.pk}/wijzigen",
        {"zaaktype": "BEL-KLACHTEN", "catalogusitem": item.pk, "omschrijving": "", "versie": 1},
    )
    assert r.status_code == 302
    r = client.post(f"/dienstverlening/zaken/zaaktypen/{koppeling.pk}/verwijderen", {"versie": 1})
    assert r.status_code == 412  # the page was based on version 1; it is at 2 now
    r = client.post(f"/dienstverlening/zaken/zaaktypen/{koppeling.pk}/verwijderen", {"versie": 2})
    assert r.status_code == 302 and not Zaaktypekoppeling.objects.filter(pk=koppeling.pk).exists()
    client.force_login(user_named("teamleider.bel"))
    assert "Koppeling toevoegen" not in client.get("/dienstverlening/zaken/zaaktypen").content.decode()
    assert client.post(f"/dienstverlening/zaken/zaaktypen/{koppeling.pk}/verwijderen").status_code == 404


def test_import_command_exit_codes(tmp_path: Path, capsys) -> None:
    goed, fout = tmp_path / "goed.csv", tmp_path / "fout.csv"
    goed.write_bytes(csv_bytes(GOED))
    fout.write_bytes(csv_bytes(FOUT))
    args = ["--samenwerkingsverband", "bel", "--van", "2024-01-01", "--tot", "2024-03-31"]
    call_command("import_zaken", str(goed), *args)
    assert "1 zaken ingelezen" in capsys.readouterr().out
    with pytest.raises(CommandError) as exc:
        call_command("import_zaken", str(fout), *args)
    assert exc.value.returncode == 2
    assert "fout.csv, rij 2, kolom besloten: datum vóór ontvangen" in capsys.readouterr().err
    for slecht in (
        [str(goed), "--samenwerkingsverband", "nergens", "--van", "2024-01-01", "--tot", "2024-03-31"],
        [str(goed), *args[:3], "01-01-2024", *args[4:]],
        [str(tmp_path / "ontbreekt.csv"), *args],
        [str(goed), *args, "--gemeente", "atlantis"],
    ):
        with pytest.raises(CommandError) as exc:
            call_command("import_zaken", *slecht)
        assert exc.value.returncode == 2
    assert Zaak.objects.filter(identificatie="W-1").count() == 1


def test_fetch_command_uses_the_zaken_api(monkeypatch, capsys, actor_named) -> None:
    monkeypatch.setenv("SETA_ZGW_LAREN_GEHEIM", "geheim-geheim-geheim-geheim-geheim!")
    args = [
        "--samenwerkingsverband",
        "bel",
        "--gemeente",
        "laren",
        "--van",
        "2024-01-01",
        "--tot",
        "2024-03-31",
    ]
    with zgw_stub() as s:
        zaaksysteem = Zaaksysteem.objects.get(samenwerkingsverband=bel(), gemeente__slug="laren")
        zaken.update_zaaksysteem(
            actor=actor_named("controller.bel"), zaaksysteem=zaaksysteem, api_root=s.api_root
        )
        s.mode = "403"
        with pytest.raises(CommandError) as exc:
            call_command("fetch_zaken", *args)
        assert exc.value.returncode == 2
        assert "weigert de toegang (403)" in capsys.readouterr().err
        s.mode = "ok"
        # ZAAK-2024-0003 and -0005 have a zaaktype without a mapping in the demo: refused, named.
        with pytest.raises(CommandError):
            call_command("fetch_zaken", *args)
        assert "zaak ZAAK-2024-0003, kolom zaaktype" in capsys.readouterr().err
        zaken.create_koppeling(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel(),
            zaaktype="https://catalogi.laren.example/catalogi/api/v1/zaaktypen/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8",
            catalogusitem=bel().catalogusitems.get(code="wmo-maatwerk"),
        )
        call_command("fetch_zaken", *args)
        assert "6 zaken ingelezen" in capsys.readouterr().out
    with pytest.raises(CommandError) as exc:
        call_command("fetch_zaken", *args[:2], "--gemeente", "blaricum", *args[4:])
    assert exc.value.returncode == 2 and dt.date.today()


def test_the_seta_entry_point_exits_with_2_and_names_the_errors(tmp_path: Path, capsys, monkeypatch) -> None:
    from django.db import connections

    from seta.config import cli

    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test's transaction
    fout = tmp_path / "fout.csv"
    fout.write_bytes(csv_bytes(FOUT))
    args = ["--samenwerkingsverband", "bel", "--van", "2024-01-01", "--tot", "2024-03-31"]
    for bestand_args in ([str(fout)], [str(tmp_path / "leeg.csv")]):
        if bestand_args[0].endswith("leeg.csv"):
            (tmp_path / "leeg.csv").write_bytes("identificatie\n".encode("utf-16-le"))
        with pytest.raises(SystemExit) as exc:
            cli.main(["seta", "import-zaken", *bestand_args, *args])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and ("rij 2, kolom besloten" in err or "NUL-byte" in err), err
