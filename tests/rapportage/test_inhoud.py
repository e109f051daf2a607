"""The figures of a council report on the demo (``rapportage/inhoud.py``): they reconcile with the allocation and
the settlement to the cent, hold nothing confidential, and say so where a figure does not exist.

Reports are created directly as rows (the services are another work package); the demo's today is 2026-11-02.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seta.autorisaties.policy.opdrachten import raad_mag_lezen
from seta.financien import berekening
from seta.financien.models import Afrekening, Modelstatus, Verdeelmodel
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.rapportage import inhoud, lifecycle
from seta.rapportage.models import Raadsrapportage
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 11, 2)
BEL = ("Blaricum", "Eemnes", "Laren")
PERIODEN = {
    (2026, "najaarsnota"): ("Najaarsnota 2026", dt.date(2026, 1, 1), dt.date(2026, 8, 31)),
    (2026, "voorjaarsnota"): ("Voorjaarsnota 2026", dt.date(2026, 1, 1), dt.date(2026, 4, 30)),
    (2025, "jaarrekening"): ("Jaarrekening 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
}


@pytest.fixture(autouse=True)
def _zonder_demorapportages(db: Any) -> None:
    """These tests make the BEL reports they read themselves: the demo's (seta.rapportage.demo) are removed first,
    inside the test's transaction."""
    demo = Raadsrapportage.objects.filter(samenwerkingsverband__slug="bel")
    demo.filter(voorganger__isnull=False).delete()  # corrections first: they protect the version they correct
    demo.delete()


def _bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _rapport(
    gemeente: str | None, jaar: int = 2026, periode: str = "najaarsnota", **extra: Any
) -> Raadsrapportage:
    naam, begin, eind = PERIODEN[(jaar, periode)]
    return Raadsrapportage.objects.create(
        samenwerkingsverband=_bel(),
        gemeente=Gemeente.objects.get(naam=gemeente) if gemeente else None,
        jaar=jaar,
        periode=periode,
        periode_naam=naam,
        begin=begin,
        eind=eind,
        **extra,
    )


def _model(jaar: int) -> Verdeelmodel:
    afrekening = Afrekening.objects.filter(samenwerkingsverband=_bel(), jaar=jaar).first()
    if afrekening is not None:
        return afrekening.verdeelmodel
    return Verdeelmodel.objects.filter(samenwerkingsverband=_bel(), status=Modelstatus.VASTGESTELD).latest(
        "vastgesteld_op"
    )


def _geld(x: str) -> Decimal:
    return Decimal(x)


@pytest.mark.parametrize(("jaar", "periode"), [(2026, "najaarsnota"), (2025, "jaarrekening")])
def test_the_report_reconciles_with_the_allocation_to_the_cent(jaar: int, periode: str) -> None:
    uitkomst = berekening.allocate(_bel(), jaar, [_model(jaar)], grondslag="realisatie")
    bijdragen = {b.gemeente: b for b in uitkomst.resultaat.verdelingen[0].bijdragen}
    for naam in BEL:
        g = Gemeente.objects.get(naam=naam)
        f = inhoud.bouw(_rapport(naam, jaar, periode), vandaag=VANDAAG)["financien"]
        assert f is not None and f["verdeelmodel"] is not None
        b = bijdragen[g.cbs_code]
        assert _geld(f["totaal"]) == b.totaal_incl_btw, naam
        assert sum(_geld(o["totaal"]) for o in f["onderdelen"]) == _geld(f["totaal"])
        assert [(o["naam"], _geld(o["bedrag"]), _geld(o["btw"])) for o in f["onderdelen"]] == [
            (r.onderdeel, r.bedrag, r.btw) for r in b.regels
        ]
        regels = f["opdrachten"] + f["regulier"] + f["gezamenlijk"]
        for o in f["onderdelen"]:  # every part broken down exactly
            assert sum(_geld(r["bedrag"]) for r in regels if r["onderdeel"] == o["naam"]) == _geld(
                o["bedrag"]
            ), (
                naam,
                o["naam"],
            )
        assert sum(_geld(r["bedrag"]) for r in regels) == b.totaal_excl_btw
        assert f["sleutelaandeel"] is not None
        assert all(_geld(r["bedrag"]) >= 0 for r in regels)


def test_the_closed_year_shows_the_settlement_to_the_cent() -> None:
    afrekening = Afrekening.objects.get(samenwerkingsverband=_bel(), jaar=2025)
    for regel in afrekening.regels.select_related("gemeente"):
        f = inhoud.bouw(_rapport(regel.gemeente.naam, 2025, "jaarrekening"), vandaag=VANDAAG)["financien"]
        assert f is not None and f["afrekening"] is not None
        a = f["afrekening"]
        assert (_geld(a["voorschot"]), _geld(a["realisatie"]), _geld(a["saldo"])) == (
            regel.voorschot,
            regel.realisatie,
            regel.saldo,
        )
        assert _geld(f["totaal"]) == regel.realisatie  # the realisation is the allocation's total
        assert f["tot"] == "2025-12-31"
        assert f["voorschot_jaar"] is not None


def test_nothing_confidential_is_in_any_report_and_confidential_work_is_counted() -> None:
    geheim = [
        o for o in Bestuursopdracht.objects.filter(samenwerkingsverband=_bel()) if not raad_mag_lezen(o)
    ]
    assert geheim, "the demo has confidential assignments"
    # the demo repeats some titles (a public "Speelruimteplan Eemnes" beside a confidential one): those cannot
    # tell a leak; the numbers always can
    openbare_titels = {o.titel for o in Bestuursopdracht.objects.all() if raad_mag_lezen(o)}
    geteld = 0
    for naam in (*BEL, None):
        for jaar, periode in ((2026, "najaarsnota"), (2025, "jaarrekening")):
            tekst = json.dumps(
                inhoud.bouw(_rapport(naam, jaar, periode), vandaag=VANDAAG), ensure_ascii=False
            )
            for o in geheim:
                assert o.nummer not in tekst, (naam, o.nummer)
                if o.titel not in openbare_titels:
                    assert o.titel not in tekst, (naam, o.titel)
            if naam is not None:
                i = json.loads(tekst)
                geteld += i["opdrachten"]["vertrouwelijk"]["aantal"]
                for regel in i["opdrachten"]["regels"]:
                    assert raad_mag_lezen(Bestuursopdracht.objects.get(pk=regel["id"]))
    assert geteld > 0


def test_the_report_is_plain_json_and_counts_add_up() -> None:
    i = inhoud.bouw(_rapport("Laren"), vandaag=VANDAAG)
    assert json.loads(json.dumps(i)) == i
    o = i["opdrachten"]
    assert o is not None
    assert o["lopend"] <= len(o["regels"]) + o["vertrouwelijk"]["aantal"]
    for regel in o["regels"]:
        assert regel["te_laat"] or regel["reden_te_laat"] == "" or regel["status"] == "aangehouden"
        Decimal(regel["uren"]), Decimal(regel["kosten"])  # decimal strings
    v = i["bestuursvragen"]
    assert v is not None and v["gesteld"] == v["beantwoord"] + v["open"] == len(v["regels"])
    assert i["kerncijfers"]["kosten"] == i["financien"]["totaal"]  # type: ignore[index]
    assert i["vergelijking"]["vorige"] is None
    assert {c["richting"] for c in i["vergelijking"]["cijfers"].values()} == {"nieuw"}


def test_no_adopted_model_gives_no_figures_and_says_why() -> None:
    Verdeelmodel.objects.filter(samenwerkingsverband=_bel()).update(status=Modelstatus.CONCEPT)
    f = inhoud.bouw(_rapport("Eemnes"), vandaag=VANDAAG)["financien"]
    assert f is not None
    assert f["verdeelmodel"] is None and f["onderdelen"] == [] and f["totaal"] == "0.00"
    assert "geen vastgesteld verdeelmodel" in f["toelichting"]


def test_service_levels_not_measured_without_an_adopted_agreement() -> None:
    from seta.dienstverlening.models import Dienstverleningsovereenkomst, Dvostatus

    Dienstverleningsovereenkomst.objects.filter(samenwerkingsverband=_bel()).update(status=Dvostatus.CONCEPT)
    d = inhoud.bouw(_rapport("Blaricum"), vandaag=VANDAAG)["dienstverlening"]
    assert d is not None and d["gemeten"] is False and d["normen"] == []
    assert "niet gemeten" in d["toelichting"]


def test_service_levels_measured_on_the_demo() -> None:
    i = inhoud.bouw(_rapport("Laren"), vandaag=VANDAAG)
    d = i["dienstverlening"]
    assert d is not None and d["gemeten"] and d["dvo"] is not None
    assert d["gehaald"] + d["gemist"] + d["niet_meetbaar"] == len(d["normen"])
    assert i["kerncijfers"]["normen_gehaald"] == d["gehaald"]
    for n in d["normen"]:
        assert (n["gehaald"] is None) == (n["waarde"] is None and n["aantal"] == 0) or n[
            "gehaald"
        ] is not None


def test_changes_since_the_last_sent_report() -> None:
    voorjaar = _rapport("Laren", 2026, "voorjaarsnota")
    voorjaar.inhoud = inhoud.bouw(voorjaar, vandaag=dt.date(2026, 5, 20))
    voorjaar.status = lifecycle.AANGEBODEN
    voorjaar.save()
    _rapport("Laren", 2026, "voorjaarsnota", volgnummer=2)  # a concept correction is not a sent report
    nu = inhoud.bouw(_rapport("Laren"), vandaag=VANDAAG)
    assert nu["vergelijking"]["vorige"] == {"id": voorjaar.pk, "naam": "Voorjaarsnota 2026"}
    cijfers = nu["vergelijking"]["cijfers"]
    vorig = voorjaar.inhoud["kerncijfers"]
    assert cijfers["opgedragen"]["vorig"] == vorig["opgedragen"]
    assert cijfers["opgedragen"]["nu"] == nu["kerncijfers"]["opgedragen"]
    verschil = nu["kerncijfers"]["opgedragen"] - vorig["opgedragen"]
    assert cijfers["opgedragen"]["richting"] == (
        "hoger" if verschil > 0 else "lager" if verschil < 0 else "gelijk"
    )
    assert Decimal(cijfers["uren"]["verschil"]) == Decimal(nu["kerncijfers"]["uren"]) - Decimal(vorig["uren"])


def test_the_joint_report_puts_the_partners_side_by_side() -> None:
    i = inhoud.bouw(_rapport(None), vandaag=VANDAAG)
    assert i["soort"] == "gezamenlijk" and i["opdrachten"] is None and i["financien"] is None
    assert [p["gemeente"]["naam"] for p in i["partners"]] == list(BEL)
    kc = i["kerncijfers"]
    assert kc["opgedragen"] == sum(p["cijfers"]["opgedragen"] for p in i["partners"])
    uitkomst = berekening.allocate(_bel(), 2026, [_model(2026)], grondslag="realisatie")
    assert Decimal(kc["kosten"]) == uitkomst.resultaat.verdelingen[0].totaal_incl_btw
    assert kc["eenpitters"] == i["robuustheid"]["eenpitters"]


def test_the_decision_and_the_correction_come_from_the_record() -> None:
    besluit = Bestuursbesluit.objects.create(
        samenwerkingsverband=_bel(),
        orgaan="college",
        onderwerp="raadsrapportage",
        kenmerk="B&W 2026-41",
        datum=dt.date(2026, 10, 6),
        gemeente=Gemeente.objects.get(naam="Laren"),
    )
    eerste = _rapport("Laren", status=lifecycle.VERVANGEN)
    tweede = _rapport("Laren", volgnummer=2, voorganger=eerste, besluit=besluit, correctiereden="Typfout")
    i = inhoud.bouw(tweede, vandaag=VANDAAG)
    assert i["besluit"] == {
        "orgaan": "college",
        "orgaan_label": "College van burgemeester en wethouders",
        "kenmerk": "B&W 2026-41",
        "datum": "2026-10-06",
    }
    assert i["corrigeert"] == {"id": eerste.pk, "naam": "Najaarsnota 2026"}
    assert i["versie"] == 2 and i["correctiereden"] == "Typfout"


def test_robustness_names_no_one() -> None:
    i = inhoud.bouw(_rapport("Laren"), vandaag=VANDAAG)
    r = i["robuustheid"]
    assert r["eenpitters"] == len({k["competentie"] for k in r["kwetsbaar"]})
    assert all(k["houders"] == 1 and k["diensten"] for k in r["kwetsbaar"])
    from seta.organisatie.models import Medewerker

    tekst = json.dumps(r, ensure_ascii=False)
    assert not any(m.naam in tekst for m in Medewerker.objects.filter(samenwerkingsverband=_bel()))


def test_queries_are_bounded() -> None:
    rapport = _rapport("Laren")
    inhoud.bouw(rapport, vandaag=VANDAAG)
    with CaptureQueriesContext(connection) as q:
        inhoud.bouw(rapport, vandaag=VANDAAG)
    assert len(q) <= 70, len(q)


def test_a_running_assignment_past_its_deadline_is_late_and_says_why() -> None:
    rapport = _rapport("Laren")
    eerst = inhoud.bouw(rapport, vandaag=VANDAAG)["opdrachten"]
    assert eerst is not None
    lopend = next(r for r in eerst["regels"] if r["opgeleverd_op"] is None and r["status"] == "in_uitvoering")
    Bestuursopdracht.objects.filter(pk=lopend["id"]).update(deadline=dt.date(2026, 6, 1))
    o = inhoud.bouw(rapport, vandaag=VANDAAG)["opdrachten"]
    assert o is not None
    regel = next(r for r in o["regels"] if r["id"] == lopend["id"])
    assert regel["te_laat"] is True
    assert "De deadline van 01-06-2026 is verstreken." in regel["reden_te_laat"]
    assert o["te_laat"] == eerst["te_laat"] + 1


def test_confidential_work_is_one_unnamed_line_in_the_breakdown() -> None:
    for naam in BEL:
        i = inhoud.bouw(_rapport(naam, 2025, "jaarrekening"), vandaag=VANDAAG)
        f = i["financien"]
        assert f is not None
        namen = [r["naam"] for r in f["opdrachten"]]
        assert namen.count("Vertrouwelijke opdrachten") <= 1
        for r in f["opdrachten"]:
            if r["naam"] != "Vertrouwelijke opdrachten":
                o = Bestuursopdracht.objects.get(nummer=r["code"])
                assert raad_mag_lezen(o)


def test_a_question_about_a_confidential_assignment_keeps_its_subject_out() -> None:
    from seta.opdrachten.models import Bestuursvraag

    laren = Gemeente.objects.get(naam="Laren")
    geheim = next(
        o
        for o in Bestuursopdracht.objects.filter(samenwerkingsverband=_bel(), opdrachtgevers__gemeente=laren)
        if not raad_mag_lezen(o) and o.status != "concept"
    )
    Bestuursvraag.objects.create(
        samenwerkingsverband=_bel(),
        gemeente=laren,
        bestuursopdracht=geheim,
        gericht_aan="college",
        onderwerp=f"Reikwijdte van {geheim.titel} ({geheim.nummer})",
        vraag="?",
        gesteld_op=dt.date(2026, 3, 2),
        uiterlijk=dt.date(2026, 3, 16),
        beantwoord_op=dt.date(2026, 3, 12),
    )
    i = inhoud.bouw(_rapport("Laren"), vandaag=VANDAAG)
    tekst = json.dumps(i, ensure_ascii=False)
    assert geheim.nummer not in tekst
    vragen = i["bestuursvragen"]
    assert vragen is not None
    regel = next(r for r in vragen["regels"] if r["gesteld_op"] == "2026-03-02")
    assert regel["onderwerp"] == "Vraag over een vertrouwelijke opdracht"
    assert regel["dagen"] == 10 and regel["op_tijd"] is True


def test_a_hold_gives_its_reason() -> None:
    from seta.opdrachten.models import Statusovergang

    rapport = _rapport("Laren")
    eerst = inhoud.bouw(rapport, vandaag=VANDAAG)["opdrachten"]
    assert eerst is not None
    lopend = next(r for r in eerst["regels"] if r["status"] == "in_uitvoering")
    Bestuursopdracht.objects.filter(pk=lopend["id"]).update(status="aangehouden")
    Statusovergang.objects.create(
        bestuursopdracht_id=lopend["id"],
        van="in_uitvoering",
        naar="aangehouden",
        actie="aanhouden",
        actor_naam="Wethouder",
        rol="wethouder",
        kant="gemeente",
        reden="Wacht op het besluit van de raad over de woningbouwlocatie.",
    )
    o = inhoud.bouw(rapport, vandaag=VANDAAG)["opdrachten"]
    assert o is not None
    regel = next(r for r in o["regels"] if r["id"] == lopend["id"])
    assert (
        "Aangehouden: Wacht op het besluit van de raad over de woningbouwlocatie." in regel["reden_te_laat"]
    )
