"""The import of case data: all or nothing with every error named, CSV and XLSX, the exact replace rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from hypothesis import given
from hypothesis import strategies as st

from seta.autorisaties.actor import system_actor
from seta.core.errors import InvalidInput
from seta.dienstverlening import zaken
from seta.dienstverlening.models import Zaak, Zaakimport
from seta.dienstverlening.zaken_import import cijfer, datum, geheel_getal
from seta.gemeenten.models import Gemeente

from .zaken_helpers import bel, bestand, rijen_van, xlsx_bestand, zaken_2024

pytestmark = pytest.mark.django_db

VAN, TOT = dt.date(2024, 1, 1), dt.date(2024, 3, 31)


def _goed() -> list[list[object]]:
    return [
        ["Z-1", "BEL-OMGVERG", "GM0417", "2024-01-08", "2024-02-20", "0", "2024-03-04", "Verleend", "8"],
        ["Z-2", "BEL-WMO", "Eemnes", "15-01-2024", "", "", "", "", ""],
        ["Z-3", "paspoort", "gm0376", "2024-03-29", "2024-04-03", "7", "", "", "7,5"],
    ]


def _importeer(actor_named, rijen, *, naam="zaken-2024-q1.csv", gemeente=None, van=VAN, tot=TOT, **kw):
    return zaken.importeer(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel(),
        gemeente=gemeente,
        periode_van=van,
        periode_tot=tot,
        bestand=bestand(naam, rijen, **kw),
    )


def test_a_good_file_is_imported(actor_named) -> None:
    imp = _importeer(actor_named, _goed())
    assert (imp.aantal_zaken, imp.aantal_vervangen, imp.bron) == (3, 0, "bestand")
    zaak = Zaak.objects.get(identificatie="Z-3")
    assert zaak.catalogusitem.code == "paspoort"
    assert zaak.gemeente.slug == "blaricum"
    assert (zaak.opgeschorte_dagen, zaak.tevredenheid) == (7, Decimal("7.5"))
    open_zaak = Zaak.objects.get(identificatie="Z-2")
    assert open_zaak.besloten_op is None and open_zaak.catalogusitem.code == "wmo-maatwerk"
    assert Zaak.objects.get(identificatie="Z-1").catalogusitem.code == "omgevingsvergunning"
    assert imp.ingelezen_door.username == "controller.bel"


def test_a_bad_file_is_refused_whole_with_every_error_named(actor_named) -> None:
    voor = Zaak.objects.count(), Zaakimport.objects.count()
    rijen = [
        *_goed(),
        ["Z-4", "ONBEKEND", "GM0417", "2024-02-01", "", "", "", "", ""],  # rij 5
        ["Z-5", "BEL-WMO", "GM0363", "2024-02-01", "", "", "", "", ""],  # rij 6: Amsterdam is no partner
        ["Z-6", "BEL-WMO", "GM0417", "2024-04-01", "", "", "", "", ""],  # rij 7: outside the period
        ["Z-1", "BEL-WMO", "GM0417", "2024-02-01", "", "", "", "", ""],  # rij 8: duplicate of rij 2
        ["Z-7", "BEL-WMO", "GM0417", "2024-02-10", "2024-02-01", "-1", "", "", "11"],  # rij 9
        ["Z-8", "BEL-WMO", "GM0417", "31-02-2024", "2099-01-01", "", "", "", ""],  # rij 10
    ]
    with pytest.raises(InvalidInput) as exc:
        _importeer(actor_named, rijen, naam="zaken-2026-q1.csv")
    berichten = [m for msgs in exc.value.fields.values() for m in msgs]
    verwacht = [
        "zaken-2026-q1.csv, rij 5, kolom zaaktype: 'ONBEKEND' heeft geen zaaktypekoppeling",
        "zaken-2026-q1.csv, rij 6, kolom gemeente: 'GM0363' is geen deelnemer van BEL Combinatie.",
        "zaken-2026-q1.csv, rij 7, kolom ontvangen: 01-04-2024 ligt buiten de periode 01-01-2024 t/m 31-03-2024.",
        "zaken-2026-q1.csv, rij 8, kolom identificatie: 'Z-1' komt al voor (zaken-2026-q1.csv, rij 2).",
        "zaken-2026-q1.csv, rij 9, kolom besloten: datum vóór ontvangen",
        "zaken-2026-q1.csv, rij 9, kolom opgeschorte_dagen: '-1' is geen geheel aantal dagen",
        "zaken-2026-q1.csv, rij 9, kolom tevredenheid: '11' is geen cijfer van 1 tot en met 10",
        "zaken-2026-q1.csv, rij 10, kolom ontvangen: '31-02-2024' is geen geldige datum",
        "zaken-2026-q1.csv, rij 10, kolom besloten: 01-01-2099 ligt in de toekomst.",
    ]
    for begin in verwacht:
        assert any(m.startswith(begin) for m in berichten), (begin, berichten)
    assert len(berichten) == len(verwacht)
    assert "9 fout(en)" in exc.value.detail
    assert (Zaak.objects.count(), Zaakimport.objects.count()) == voor


def test_missing_columns_and_empty_files_are_named(actor_named) -> None:
    with pytest.raises(InvalidInput) as exc:
        _importeer(actor_named, [["Z-1", "2024-01-08"]], kop=["identificatie", "ontvangen"])
    assert set(exc.value.fields) == {
        "zaken-2024-q1.csv, rij 1, kolom zaaktype",
        "zaken-2024-q1.csv, rij 1, kolom gemeente",
    }
    with pytest.raises(InvalidInput, match="geen zaken"):
        _importeer(actor_named, [])
    with pytest.raises(InvalidInput) as exc:
        zaken.importeer(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel(),
            periode_van=VAN,
            periode_tot=TOT,
            bestand=ContentFile(b"\x00\x01binary", name="zaken.csv"),
        )
    assert "NUL-byte" in str(exc.value)


def test_a_period_ending_before_it_begins_and_a_gemeente_outside_are_refused(actor_named) -> None:
    with pytest.raises(InvalidInput) as exc:
        _importeer(actor_named, _goed(), van=TOT, tot=VAN)
    assert set(exc.value.fields) == {"periode_tot"}
    with pytest.raises(InvalidInput) as exc:
        _importeer(actor_named, _goed(), gemeente=Gemeente.objects.get(slug="bergeijk"))
    assert set(exc.value.fields) == {"gemeente"}


def test_csv_with_commas_utf16_and_xlsx_give_the_same_cases(actor_named) -> None:
    sv = bel()
    _importeer(actor_named, _goed())
    eerst = rijen_van(zaken_2024(sv))
    _importeer(actor_named, _goed(), delimiter=",", encoding="utf-16")
    assert rijen_van(zaken_2024(sv)) == eerst
    xlsx_rijen = [
        [r[0], r[1], r[2], datum(r[3]), datum(r[4]), int(r[5]) if r[5] else None, datum(r[6]), r[7], r[8]]
        for r in _goed()
    ]
    imp = zaken.importeer(
        actor=actor_named("directeur.bel"),
        samenwerkingsverband=sv,
        periode_van=VAN,
        periode_tot=TOT,
        bestand=xlsx_bestand("zaken.xlsx", xlsx_rijen),
    )
    assert (imp.aantal_zaken, imp.aantal_vervangen) == (3, 3)
    assert rijen_van(zaken_2024(sv)) == eerst


def test_an_xlsx_error_names_its_row_and_column(actor_named) -> None:
    with pytest.raises(InvalidInput) as exc:
        zaken.importeer(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel(),
            periode_van=VAN,
            periode_tot=TOT,
            bestand=xlsx_bestand(
                "zaken.xlsx", [["Z-1", "BEL-WMO", "GM0417", "geen datum", None, None, None, "", None]]
            ),
        )
    assert list(exc.value.fields) == ["zaken.xlsx, rij 2, kolom ontvangen"]


def test_reimport_replaces_exactly_the_period_and_the_same_file_twice_is_the_same(actor_named) -> None:
    sv = bel()
    demo_zaken = rijen_van(Zaak.objects.filter(samenwerkingsverband=sv).exclude(ontvangen_op__year=2024))
    eerste = _importeer(actor_named, _goed())
    na_eerste = rijen_van(zaken_2024(sv))
    tweede = _importeer(actor_named, _goed())
    assert (tweede.aantal_zaken, tweede.aantal_vervangen) == (3, 3)
    assert rijen_van(zaken_2024(sv)) == na_eerste
    assert Zaak.objects.filter(zaakimport=eerste).count() == 0
    # A smaller file: the period now holds exactly its cases; other periods (the demo's) are untouched.
    derde = _importeer(actor_named, _goed()[:1])
    assert (derde.aantal_zaken, derde.aantal_vervangen) == (1, 3)
    assert [r[1] for r in rijen_van(zaken_2024(sv))] == ["Z-1"]
    assert (
        rijen_van(Zaak.objects.filter(samenwerkingsverband=sv).exclude(ontvangen_op__year=2024)) == demo_zaken
    )


def test_reimport_for_one_gemeente_replaces_only_its_cases(actor_named) -> None:
    sv = bel()
    _importeer(actor_named, _goed())
    laren = Gemeente.objects.get(slug="laren")
    imp = _importeer(
        actor_named,
        [["Z-9", "BEL-OMGVERG", "laren", "2024-02-02", "", "", "", "", ""]],
        gemeente=laren,
    )
    assert (imp.aantal_zaken, imp.aantal_vervangen) == (1, 1)
    assert sorted(r[1] for r in rijen_van(zaken_2024(sv))) == ["Z-2", "Z-3", "Z-9"]
    with pytest.raises(InvalidInput) as exc:
        _importeer(actor_named, _goed(), gemeente=laren)
    assert "maar deze import is voor Laren" in str(exc.value)


def test_a_case_already_imported_in_another_period_is_refused(actor_named) -> None:
    _importeer(actor_named, _goed())
    with pytest.raises(InvalidInput) as exc:
        _importeer(
            actor_named,
            [["Z-1", "BEL-OMGVERG", "GM0417", "2024-04-02", "", "", "", "", ""]],
            van=dt.date(2024, 4, 1),
            tot=dt.date(2024, 6, 30),
        )
    assert "al ingelezen met ontvangstdatum 08-01-2024" in str(exc.value)


def test_the_import_is_audited_and_calls_the_compliance_hook(actor_named, monkeypatch) -> None:
    from seta.core.models import AuditEvent
    from seta.dienstverlening import naleving

    aangeroepen = []
    monkeypatch.setattr(naleving, "na_import", lambda **kw: aangeroepen.append(kw) or [])
    imp = _importeer(actor_named, _goed())
    event = AuditEvent.objects.get(actie="zaken.importeren", object_id=str(imp.pk))
    assert event.actor_naam == "controller.bel" and "3 zaken" in event.toelichting
    assert aangeroepen == [
        {"actor": aangeroepen[0]["actor"], "zaakimport": imp, "vandaag": aangeroepen[0]["vandaag"]}
    ]


def test_the_system_channel_may_import_and_another_channel_not() -> None:
    from seta.core.errors import Forbidden

    imp = zaken.importeer(
        actor=system_actor("import-zaken"),
        samenwerkingsverband=bel(),
        periode_van=VAN,
        periode_tot=TOT,
        bestand=bestand("z.csv", _goed()),
    )
    assert imp.ingelezen_door is None
    with pytest.raises(Forbidden):
        zaken.importeer(
            actor=system_actor("import-uren"),
            samenwerkingsverband=bel(),
            periode_van=VAN,
            periode_tot=TOT,
            bestand=bestand("z.csv", _goed()),
        )


# --- parsing single values --------------------------------------------------------------------------------------
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_dates_in_every_accepted_format_parse_back(dag: dt.date) -> None:
    for tekst in (dag.isoformat(), f"{dag:%d-%m-%Y}", f"{dag:%d/%m/%Y}", f"{dag:%d.%m.%Y}"):
        assert datum(tekst) == dag
    assert datum(dag) == dag


@given(st.integers(min_value=0, max_value=999_999))
def test_whole_numbers_parse_from_text_int_and_excel_float(n: int) -> None:
    assert geheel_getal(str(n)) == n == geheel_getal(n) == geheel_getal(float(n))


@given(
    st.one_of(
        st.integers(max_value=-1), st.floats(allow_nan=True).filter(lambda f: not f.is_integer() or f < 0)
    )
)
def test_negative_or_fractional_days_are_refused(value: object) -> None:
    assert geheel_getal(value) is None


@given(st.integers(min_value=10, max_value=100))
def test_scores_from_one_to_ten_with_one_decimal(tienden: int) -> None:
    tekst = f"{tienden // 10},{tienden % 10}"
    assert cijfer(tekst) == Decimal(tienden) / 10
    assert cijfer(tekst.replace(",", ".")) == Decimal(tienden) / 10


@given(st.text(max_size=8))
def test_a_score_is_never_outside_one_to_ten(tekst: str) -> None:
    waarde = cijfer(tekst)
    assert waarde is None or Decimal(1) <= waarde <= Decimal(10)
