"""Importing a CBS list of gemeenten: all or nothing, errors by file/row/field, merges keep references."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seta.autorisaties.actor import system_actor
from seta.core.errors import Forbidden, InvalidInput
from seta.core.models import AuditEvent
from seta.gemeenten import importer, services
from seta.gemeenten.models import Functionaris, Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer

SYSTEEM = system_actor("import-gemeenten")

HEADER = ["cbs_code", "name", "province", "province_code", "population"]


def bundled_rows() -> list[dict[str, str]]:
    with services.REFERENTIELIJST.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or HEADER
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_bundled_list_is_loaded_with_source_and_date(db: Any) -> None:
    assert Gemeente.objects.filter(opgeheven_op__isnull=True).count() == 352
    blaricum = Gemeente.objects.get(cbs_code="GM0376")
    assert (blaricum.naam, blaricum.inwoners) == ("Blaricum", 11536)
    assert blaricum.peildatum_inwoners == dt.date(2021, 7, 22)
    assert blaricum.bron == "RIVM/CBS, bevolkingsaantal per 22 juli 2021"
    assert {Gemeente.objects.get(cbs_code=c).slug for c in ("GM0373", "GM0893")} == {"bergen-nh", "bergen-l"}


def test_ten_boer_is_modelled_honestly(db: Any) -> None:
    ten_boer = Gemeente.objects.get(cbs_code="GM0009")
    assert ten_boer.opgeheven_op == dt.date(2019, 1, 1)
    assert ten_boer.opgegaan_in is not None and ten_boer.opgegaan_in.cbs_code == "GM0014"
    assert 7000 <= ten_boer.inwoners <= 7300
    assert "niet in de lijst van 2021" in ten_boer.bron
    assert not ten_boer.bestaat


def test_bad_file_names_every_problem_and_writes_nothing(tmp_path: Path, db: Any) -> None:
    rows = bundled_rows()
    rows[12]["population"] = "abc"  # line 14 of the file (header is line 1)
    rows[20]["cbs_code"] = "GX12"
    rows[30]["name"] = ""
    rows[40]["cbs_code"] = rows[41]["cbs_code"]
    rows[0]["population"] = "999999"  # a valid change that must not be written
    path = write(tmp_path / "gemeenten-2023.csv", rows)
    events_before = AuditEvent.objects.count()

    with pytest.raises(InvalidInput) as info:
        services.import_gemeenten(actor=SYSTEEM, path=path, peildatum=dt.date(2023, 1, 1), bron="CBS 2023")

    lines = [f"{where}: {msg}" for where, msgs in info.value.fields.items() for msg in msgs]
    assert "gemeenten-2023.csv, rij 14, veld population: 'abc' is geen geheel getal." in lines
    assert any(line.startswith("gemeenten-2023.csv, rij 22, veld cbs_code: 'GX12'") for line in lines)
    assert any(line.startswith("gemeenten-2023.csv, rij 32, veld name:") for line in lines)
    assert any(
        line.startswith("gemeenten-2023.csv, rij 43, veld cbs_code:") and "rij 42" in line for line in lines
    )
    assert len(lines) == 4
    assert Gemeente.objects.get(cbs_code=rows[0]["cbs_code"]).inwoners != 999999
    assert AuditEvent.objects.count() == events_before


def test_missing_column_is_reported(tmp_path: Path, db: Any) -> None:
    path = write(tmp_path / "kaal.csv", bundled_rows()[:3], header=["cbs_code", "name", "province"])
    with pytest.raises(InvalidInput) as info:
        services.import_gemeenten(actor=SYSTEEM, path=path, peildatum=dt.date(2023, 1, 1), bron="CBS")
    assert any("population" in m for msgs in info.value.fields.values() for m in msgs)
    assert list(info.value.fields) == ["kaal.csv, rij 1"]


def test_reimport_is_idempotent(db: Any) -> None:
    events_before = AuditEvent.objects.count()
    verslag = services.load_reference_list(actor=SYSTEEM)
    assert (verslag.toegevoegd, verslag.bijgewerkt, verslag.opgeheven, verslag.ongewijzigd) == (0, 0, 0, 352)
    assert AuditEvent.objects.count() == events_before


def test_newer_list_updates_adds_and_dissolves_without_losing_references(tmp_path: Path, db: Any) -> None:
    rows = bundled_rows()
    blaricum = Gemeente.objects.get(cbs_code="GM0376")
    functionarissen = Functionaris.objects.filter(gemeente=blaricum).count()
    deelnames = Deelnemer.objects.filter(gemeente=blaricum).count()
    assert functionarissen > 0 and deelnames > 0

    weesp = next(r for r in rows if r["cbs_code"] == "GM0457")
    rows = [r for r in rows if r["cbs_code"] not in {"GM0457", "GM0376"}]
    laren = next(r for r in rows if r["cbs_code"] == "GM0417")
    laren["population"] = "11400"
    rows.append(
        {
            "cbs_code": "GM9901",
            "name": "Nieuwgemeente",
            "province": "Utrecht",
            "province_code": "PV26",
            "population": "12345",
            "opgegaan_in": "",
        }
    )
    # Blaricum merges (fictionally) into Laren: named in the file with opgegaan_in and without a population.
    rows.append(
        {
            "cbs_code": "GM0376",
            "name": "Blaricum",
            "province": "Noord-Holland",
            "province_code": "PV27",
            "population": "",
            "opgegaan_in": "GM0417",
        }
    )
    path = write(tmp_path / "gemeenten-2023.csv", rows, header=[*HEADER, "opgegaan_in"])

    verslag = services.import_gemeenten(
        actor=SYSTEEM, path=path, peildatum=dt.date(2023, 1, 1), bron="CBS, 1 januari 2023"
    )

    assert verslag.toegevoegd == 1
    assert verslag.opgeheven == 2  # Blaricum (merged, named) and Weesp (no longer listed)
    assert verslag.bijgewerkt == 350  # every remaining listed municipality gets the new peildatum and bron
    blaricum.refresh_from_db()
    assert blaricum.opgeheven_op == dt.date(2023, 1, 1)
    assert blaricum.opgegaan_in is not None and blaricum.opgegaan_in.cbs_code == "GM0417"
    assert blaricum.inwoners == 11536 and blaricum.peildatum_inwoners == dt.date(
        2021, 7, 22
    )  # its last known figure
    assert Functionaris.objects.filter(gemeente=blaricum).count() == functionarissen
    assert Deelnemer.objects.filter(gemeente=blaricum).count() == deelnames
    weesp_db = Gemeente.objects.get(cbs_code=weesp["cbs_code"])
    assert weesp_db.opgeheven_op == dt.date(2023, 1, 1) and weesp_db.opgegaan_in is None
    laren_db = Gemeente.objects.get(cbs_code="GM0417")
    assert (laren_db.inwoners, laren_db.bron, laren_db.peildatum_inwoners) == (
        11400,
        "CBS, 1 januari 2023",
        dt.date(2023, 1, 1),
    )
    assert Gemeente.objects.get(cbs_code="GM9901").slug == "nieuwgemeente"
    # Ten Boer was dissolved before; it stays as it was.
    assert Gemeente.objects.get(cbs_code="GM0009").opgeheven_op == dt.date(2019, 1, 1)

    again = services.import_gemeenten(
        actor=SYSTEEM, path=path, peildatum=dt.date(2023, 1, 1), bron="CBS, 1 januari 2023"
    )
    assert (again.toegevoegd, again.bijgewerkt, again.opgeheven) == (0, 0, 0)


def test_opgegaan_in_must_be_known(tmp_path: Path, db: Any) -> None:
    rows = bundled_rows()
    rows[5]["opgegaan_in"] = "GM9876"
    path = write(tmp_path / "fusie.csv", rows, header=[*HEADER, "opgegaan_in"])
    with pytest.raises(InvalidInput) as info:
        services.import_gemeenten(actor=SYSTEEM, path=path, peildatum=dt.date(2023, 1, 1), bron="CBS")
    assert list(info.value.fields) == ["fusie.csv, rij 7, veld opgegaan_in"]


def test_only_the_beheerder_imports(actor_named: Callable[[str], Any], db: Any) -> None:
    with pytest.raises(Forbidden):
        services.load_reference_list(actor=actor_named("griffier.laren"))
    verslag = services.load_reference_list(actor=actor_named("beheerder"))
    assert verslag.ongewijzigd == 352


def test_command_exits_2_and_lists_errors(
    tmp_path: Path, db: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = bundled_rows()
    rows[12]["population"] = "abc"
    path = write(tmp_path / "gemeenten-2023.csv", rows)
    with pytest.raises(CommandError) as info:
        call_command("import_gemeenten", str(path), "--peildatum", "2023-01-01", "--bron", "CBS 2023")
    assert info.value.returncode == 2
    assert (
        "gemeenten-2023.csv, rij 14, veld population: 'abc' is geen geheel getal." in capsys.readouterr().err
    )


def test_command_imports(tmp_path: Path, db: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "gemeenten-2021.csv", bundled_rows())
    call_command(
        "import_gemeenten", str(path), "--peildatum", "2021-07-22", "--bron", services.REFERENTIE_BRON
    )
    assert "0 toegevoegd, 0 bijgewerkt, 0 opgeheven, 352 ongewijzigd" in capsys.readouterr().out


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    populations=st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=8),
    bad=st.text(alphabet="abcxyz-,.e ", min_size=1, max_size=6).filter(
        lambda s: not s.replace(".", "").strip().isdigit()
    ),
)
def test_parser_keeps_good_rows_and_names_the_bad_one(populations: list[int], bad: str) -> None:
    lines = ["cbs_code;naam;provincie;inwoners"]
    lines += [f"GM{1000 + i:04d};Gemeente {i};Utrecht;{p}" for i, p in enumerate(populations)]
    lines.append(f"GM0999;Fout;Utrecht;{bad}")
    result = importer.read_text("\n".join(lines) + "\n", bestand="x.csv")
    assert [r.inwoners for r in result.rijen] == populations
    assert list(result.fouten) == [f"x.csv, rij {len(populations) + 2}, veld inwoners"]
