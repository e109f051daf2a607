"""Import of hours (CSV and XLSX): all or nothing, errors by file/row/column, idempotent, locked weeks refused."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from seta.core.errors import InvalidInput
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import importeren
from seta.uren.models import Urenimport, Urenregel, Weekstaat, Weekstatus

pytestmark = pytest.mark.django_db

KOP = ["medewerker", "datum", "uren", "code", "gemeente", "omschrijving"]


def _csv(rows: list[list[Any]], sep: str = ";") -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows([KOP, *rows])
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(KOP)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _rows(mw: Any, item: Any, laren: Any) -> list[list[Any]]:
    return [
        [mw.personeelsnummer, "14-09-2026", "7,5", item.code, laren.cbs_code, "Vergunningen"],
        [mw.naam, "2026-09-15", "8", "overhead", "", "Opleiding"],
        [mw.personeelsnummer, "16-09-2026", "6", item.code, laren.cbs_code, ""],
    ]


def test_csv_import_and_idempotent_reimport(
    actor_named: Any, bel: Any, mw: Any, item: Any, laren: Any
) -> None:
    actor = actor_named("controller.bel")
    inhoud = _csv(_rows(mw, item, laren))
    verslag = importeren.import_file(
        actor=actor, samenwerkingsverband=bel, bestandsnaam="uren-2026-09.csv", inhoud=inhoud
    )
    assert (verslag.rijen, verslag.nieuw, verslag.uren) == (3, 3, Decimal("21.5"))
    regels = Urenregel.objects.filter(medewerker=mw, bron=f"import:{verslag.sha256}")
    assert regels.count() == 3
    assert {r.soort for r in regels} == {"regulier", "overhead"}
    # the same file again: recognised, nothing doubles
    again = importeren.import_file(
        actor=actor, samenwerkingsverband=bel, bestandsnaam="kopie.csv", inhoud=inhoud
    )
    assert again.al_ingelezen and again.nieuw == 0
    # a cumulative export (same rows plus one, comma-separated): only the new row is added
    groter = _csv(
        [*_rows(mw, item, laren), [mw.personeelsnummer, "17-09-2026", "4", "overhead", "", "Teamdag"]],
        sep=",",
    )
    derde = importeren.import_file(
        actor=actor, samenwerkingsverband=bel, bestandsnaam="uren-2026-09-v2.csv", inhoud=groter
    )
    assert (derde.nieuw, derde.al_aanwezig) == (1, 3)
    assert Urenregel.objects.filter(medewerker=mw, datum__range=("2026-09-14", "2026-09-20")).count() == 4
    assert Urenimport.objects.filter(samenwerkingsverband=bel).count() == 2


def test_xlsx_import_errors_name_file_row_and_column_and_store_nothing(
    actor_named: Any, bel: Any, mw: Any, item: Any, laren: Any
) -> None:
    actor = actor_named("controller.bel")
    rows = _rows(mw, item, laren)
    rows.append([mw.personeelsnummer, "31-02-2026", "8", item.code, laren.cbs_code, ""])  # row 5
    rows.append(["Onbekende Persoon", "18-09-2026", "30", "bestaat-niet", "", ""])  # row 6
    # row 7: regular work without gemeente
    rows.append([mw.personeelsnummer, "18-09-2026", "2", item.code, "", ""])
    voor = Urenregel.objects.count()
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor, samenwerkingsverband=bel, bestandsnaam="uren-2026-10.xlsx", inhoud=_xlsx(rows)
        )
    berichten = [m for msgs in exc.value.fields.values() for m in msgs]
    assert (
        "uren-2026-10.xlsx, rij 5, kolom datum: '31-02-2026' is geen geldige datum (gebruik dd-mm-jjjj of jjjj-mm-dd)."
        in berichten
    )
    assert any(
        m.startswith("uren-2026-10.xlsx, rij 6, kolom medewerker: 'Onbekende Persoon'") for m in berichten
    )
    assert any(m.startswith("uren-2026-10.xlsx, rij 6, kolom uren:") for m in berichten)
    assert any(m.startswith("uren-2026-10.xlsx, rij 6, kolom code: 'bestaat-niet'") for m in berichten)
    assert any(m.startswith("uren-2026-10.xlsx, rij 7, kolom gemeente:") for m in berichten)
    assert not any("rij 2," in m or "rij 3," in m or "rij 4," in m for m in berichten)
    assert Urenregel.objects.count() == voor  # all or nothing
    assert not Urenimport.objects.filter(bestandsnaam="uren-2026-10.xlsx").exists()


def test_xlsx_import_with_real_dates_and_numbers(
    actor_named: Any, bel: Any, mw: Any, item: Any, laren: Any
) -> None:
    import datetime as dt

    actor = actor_named("controller.bel")
    inhoud = _xlsx(
        [
            [mw.personeelsnummer, dt.datetime(2026, 9, 14), 7.5, item.code, laren.cbs_code, ""],
            [mw.personeelsnummer, dt.date(2026, 9, 15), 8, "overhead", None, None],
        ]
    )
    verslag = importeren.import_file(
        actor=actor, samenwerkingsverband=bel, bestandsnaam="uren.xlsx", inhoud=inhoud
    )
    assert verslag.nieuw == 2 and verslag.uren == Decimal("15.5")


def test_rows_into_approved_weeks_are_refused(
    actor_named: Any, bel: Any, mw: Any, item: Any, laren: Any
) -> None:
    staat = (
        Weekstaat.objects.filter(medewerker=mw, status=Weekstatus.GOEDGEKEURD, jaar=2025)
        .order_by("week")
        .first()
    )
    assert staat is not None
    dag = staat.maandag
    inhoud = _csv([[mw.personeelsnummer, dag.strftime("%d-%m-%Y"), "1", "overhead", "", ""]])
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="laat.csv",
            inhoud=inhoud,
        )
    (bericht,) = [m for msgs in exc.value.fields.values() for m in msgs]
    assert (
        bericht.startswith("laat.csv, rij 2, kolom datum: week") and "goedgekeurd en vergrendeld" in bericht
    )


def test_day_total_over_24_hours_in_file_is_refused(actor_named: Any, bel: Any, mw: Any) -> None:
    inhoud = _csv(
        [
            [mw.personeelsnummer, "14-09-2026", "16", "overhead", "", "a"],
            [mw.personeelsnummer, "14-09-2026", "9", "overhead", "", "b"],
        ]
    )
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="dag.csv",
            inhoud=inhoud,
        )
    assert list(exc.value.fields) == ["rij 3, kolom uren"]


def test_missing_columns_and_wrong_file_type(actor_named: Any, bel: Any) -> None:
    actor = actor_named("controller.bel")
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor, samenwerkingsverband=bel, bestandsnaam="x.csv", inhoud=b"naam;datum\nA;1-1-2026\n"
        )
    assert "rij 1, kolom uren" in exc.value.fields and "rij 1, kolom code" in exc.value.fields
    with pytest.raises(InvalidInput):
        importeren.import_file(actor=actor, samenwerkingsverband=bel, bestandsnaam="x.pdf", inhoud=b"%PDF")


def test_import_permissions(api_as: Any, mw: Any, item: Any, laren: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    inhoud = _csv(_rows(mw, item, laren))
    for user, expected in [
        ("medewerker.bel", 403),
        ("raadslid.laren", 403),
        ("controller.kempen", 404),
        ("controller.bel", 201),
    ]:
        r = api_as(user).post(
            "/api/v1/urenimports",
            {
                "samenwerkingsverband": "bel",
                "bestand": SimpleUploadedFile("u.csv", inhoud, content_type="text/csv"),
            },
            format="multipart",
        )
        assert r.status_code == expected, (user, r.content)
    r = api_as("controller.bel").post(
        "/api/v1/urenimports",
        {
            "samenwerkingsverband": "bel",
            "bestand": SimpleUploadedFile("u.csv", inhoud, content_type="text/csv"),
        },
        format="multipart",
    )
    assert r.status_code == 200 and r.json()["alIngelezen"] is True


def test_import_command(tmp_path: Any, mw: Any, item: Any, laren: Any) -> None:
    bestand = tmp_path / "uren-2026-09.csv"
    bestand.write_bytes(_csv(_rows(mw, item, laren)))
    out = io.StringIO()
    call_command("import_uren", str(bestand), "--samenwerkingsverband", "bel", stdout=out)
    assert "3 urenregels toegevoegd" in out.getvalue()
    fout = tmp_path / "fout.csv"
    fout.write_bytes(_csv([[mw.personeelsnummer, "99-99-2026", "1", "overhead", "", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_uren", str(fout), "--samenwerkingsverband", "bel", stderr=err)
    assert "fout.csv, rij 2, kolom datum: '99-99-2026' is geen geldige datum" in err.getvalue()


def test_upload_page(client: Any, user_named: Any, mw: Any, item: Any, laren: Any, bel: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_named("controller.bel"))
    r = client.get("/uren/importeren")
    assert r.status_code == 200 and r.content.decode().count("<h1") == 1
    r = client.post(
        "/uren/importeren",
        {
            "samenwerkingsverband": bel.pk,
            "bestand": SimpleUploadedFile(
                "fout.csv", _csv([[mw.personeelsnummer, "31-02-2026", "1", "overhead", "", ""]])
            ),
        },
    )
    assert r.status_code == 200 and "fout.csv, rij 2, kolom datum" in r.content.decode()
    client.force_login(user_named("medewerker.bel"))
    assert client.get("/uren/importeren").status_code == 403


# --- matching the medewerker column: personeelsnummer, then id (unnumbered staff only), then exact name ---------
def _hire(actor_named: Any, naam: str, personeelsnummer: str = "") -> Any:
    import datetime as dt

    from seta.organisatie import services as organisatie
    from seta.organisatie.models import Eenheid

    return organisatie.hire_medewerker(
        actor=actor_named("directeur.bel"),
        eenheid=Eenheid.objects.get(samenwerkingsverband__slug="bel", code="hr"),
        naam=naam,
        personeelsnummer=personeelsnummer,
        in_dienst=dt.date(2026, 1, 1),
    )


def test_import_matches_on_personeelsnummer(
    actor_named: Any, bel: Any, mw: Any, item: Any, laren: Any
) -> None:
    assert mw.personeelsnummer.startswith("BEL-")
    # A file as a time-keeping system writes it: a "Personeelsnummer" column, numbers in any case.
    kop = ["Personeelsnummer", "Datum", "Uren", "Projectcode", "Gemeente", "Omschrijving"]
    rows = [
        kop,
        [mw.personeelsnummer, "14-09-2026", "7,5", item.code, laren.cbs_code, "Vergunningen"],
        [mw.personeelsnummer.lower(), "15-09-2026", "8", "overhead", "", "Opleiding"],
    ]
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    verslag = importeren.import_file(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel,
        bestandsnaam="tijdschrijf-export.csv",
        inhoud=out.getvalue().encode(),
    )
    assert (verslag.nieuw, verslag.uren) == (2, Decimal("15.5"))
    assert Urenregel.objects.filter(medewerker=mw, bron=f"import:{verslag.sha256}").count() == 2


def test_personeelsnummer_wins_over_a_record_id(actor_named: Any, bel: Any, mw: Any) -> None:
    # A numeric personeelsnummer that happens to equal another person's record id: the number wins.
    nieuw = _hire(actor_named, "Numeriek Nummer", personeelsnummer=str(mw.pk))
    verslag = importeren.import_file(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel,
        bestandsnaam="nummers.xlsx",
        inhoud=_xlsx([[mw.pk, "14-09-2026", 3, "overhead", None, "via nummer"]]),
    )
    assert verslag.nieuw == 1
    assert Urenregel.objects.get(bron=f"import:{verslag.sha256}").medewerker_id == nieuw.pk
    # Old records without a number are still found by id and by name.
    oud = _hire(actor_named, "Oud Dossier")
    verslag = importeren.import_file(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel,
        bestandsnaam="oud.csv",
        inhoud=_csv(
            [
                [oud.pk, "14-09-2026", "2", "overhead", "", ""],
                ["oud dossier", "15-09-2026", "2", "overhead", "", ""],
            ]
        ),
    )
    assert verslag.nieuw == 2
    assert set(
        Urenregel.objects.filter(bron=f"import:{verslag.sha256}").values_list("medewerker_id", flat=True)
    ) == {oud.pk}


def test_record_id_of_a_numbered_medewerker_is_refused(actor_named: Any, bel: Any, mw: Any) -> None:
    # An export's numeric personeelsnummer that belongs to nobody but equals a numbered person's record id
    # must not land on that person: the id only identifies staff without a personeelsnummer.
    assert mw.personeelsnummer
    assert not Medewerker.objects.filter(
        samenwerkingsverband=bel, personeelsnummer__iexact=str(mw.pk)
    ).exists()
    voor = Urenregel.objects.count()
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="export.csv",
            inhoud=_csv([[mw.pk, "14-09-2026", "4", "overhead", "", ""]]),
        )
    assert exc.value.fields == {
        "rij 2, kolom medewerker": [
            f"export.csv, rij 2, kolom medewerker: '{mw.pk}' is geen personeelsnummer of naam van een "
            f"medewerker van {bel}."
        ]
    }
    assert Urenregel.objects.count() == voor
    assert not Urenregel.objects.filter(medewerker=mw, datum="2026-09-14").exists()


def test_unknown_personeelsnummer_names_row_and_column(actor_named: Any, bel: Any, mw: Any) -> None:
    voor = Urenregel.objects.count()
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="export.csv",
            inhoud=_csv(
                [
                    [mw.personeelsnummer, "14-09-2026", "4", "overhead", "", ""],
                    ["BEL-99999", "14-09-2026", "4", "overhead", "", ""],
                ]
            ),
        )
    assert exc.value.fields == {
        "rij 3, kolom medewerker": [
            f"export.csv, rij 3, kolom medewerker: 'BEL-99999' is geen personeelsnummer of naam van een "
            f"medewerker van {bel}."
        ]
    }
    assert Urenregel.objects.count() == voor  # all or nothing: the good row 2 is not stored either


def test_ambiguous_name_names_row_column_and_the_candidates(actor_named: Any, bel: Any) -> None:
    a = _hire(actor_named, "Jan Dubbel", personeelsnummer="BEL-09202")
    b = _hire(actor_named, "Jan Dubbel", personeelsnummer="BEL-09201")
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="dubbel.xlsx",
            inhoud=_xlsx([["Jan Dubbel", "14-09-2026", 8, "overhead", None, None]]),
        )
    assert exc.value.fields == {
        "rij 2, kolom medewerker": [
            f"dubbel.xlsx, rij 2, kolom medewerker: 'Jan Dubbel' past bij 2 medewerkers van {bel} "
            "(BEL-09201, BEL-09202); gebruik het personeelsnummer."
        ]
    }
    # With the numbers the same hours go to the right people.
    verslag = importeren.import_file(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel,
        bestandsnaam="dubbel-met-nummers.xlsx",
        inhoud=_xlsx(
            [
                ["BEL-09202", "14-09-2026", 8, "overhead", None, None],
                ["BEL-09201", "14-09-2026", 6, "overhead", None, None],
            ]
        ),
    )
    regels = dict(
        Urenregel.objects.filter(bron=f"import:{verslag.sha256}").values_list("medewerker_id", "uren")
    )
    assert regels == {a.pk: Decimal("8"), b.pk: Decimal("6")}
