"""``seta plan``'s file: the JSON Schema, reading (every problem by its JSON path) and writing a plan."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from seta.planning.kern import generator, io
from seta.planning.kern.model import Aandeel, Plan, PlanInvoerFout, Uitkomst, WettelijkProbleem

VOORBEELD = Path(__file__).resolve().parents[2] / "examples" / "plan.json"


def voorbeeld() -> dict[str, Any]:
    return dict(json.loads(VOORBEELD.read_text(encoding="utf-8")))


def fouten(data: Any) -> dict[str, list[str]]:
    with pytest.raises(PlanInvoerFout) as exc:
        io.lees(data)
    return exc.value.fouten


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = io.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_example_reads() -> None:
    inst = io.lees(voorbeeld())
    assert inst.weken == 26
    assert set(inst.capaciteit) == {"RO", "SD", "BV"}
    assert inst.capaciteit["RO"] == [60.0] * 26
    assert inst.capaciteit["BV"][7] == 24.0
    assert len(inst.vragen) == 12
    assert set(inst.regels.gewichten) == {"Blaricum", "Eemnes", "Laren"}
    v = {v.id: v for v in inst.vragen}
    assert dict(v["BEL-2027-001"].aandelen) == {"Laren": 1.0}
    # dates through the start week (Monday 2027-01-04): 2027-03-01 is week 8, 2027-06-25 in week 24
    assert v["BEL-2027-004"].vroegste_week == 8 and v["BEL-2027-004"].deadline_week == 24
    assert v["BEL-2027-005"].wettelijk and v["BEL-2027-005"].prioriteit == "hoog"
    assert v["BEL-2027-002"].prioriteit == "normaal" and not v["BEL-2027-002"].wettelijk
    assert io.startweek(voorbeeld()) == dt.date(2027, 1, 4)
    assert inst.weeknamen[0] == "2027-W01" and inst.weeknamen[25] == "2027-W26"


def test_round_trip_of_a_generated_instance() -> None:
    inst = generator.genereer(250, seed=2)
    data = io.invoer(inst)
    json.dumps(data)  # plain JSON
    assert io.lees(json.loads(json.dumps(data))) == inst
    assert io.lees_tekst(json.dumps(data).encode()) == inst


def test_several_schema_errors_at_once_with_their_paths() -> None:
    d = voorbeeld()
    d["opdrachten"][0]["uren"] = -3
    d["opdrachten"][4]["prioriteit"] = "urgent"
    d["opdrachten"][7]["foo"] = 1
    del d["opdrachten"][8]["uren"]
    d["opdrachten"][9]["vroegsteStart"] = "2027-01-04"  # and vroegsteWeek
    d["opdrachten"][10]["deadline"] = "2027-13-01"  # and deadlineWeek; not a date either
    d["eenheden"].append({"code": "X"})
    d["regels"]["periodeWeken"] = "dertien"
    f = fouten(d)
    assert "minstens 0" in f["$.opdrachten[0].uren"][0]
    assert '"urgent"' in f["$.opdrachten[4].prioriteit"][0]
    assert f["$.opdrachten[7].foo"] == ["onbekend veld."]
    assert f["$.opdrachten[8].uren"] == ["ontbreekt."]
    assert "niet beide" in f["$.opdrachten[9]"][0]
    assert "niet beide" in f["$.opdrachten[10]"][0]
    assert "datum" in f["$.opdrachten[10].deadline"][0]
    assert (
        "capaciteit" in f["$.eenheden[3].capaciteit"][0] or "urenPerWeek" in f["$.eenheden[3].capaciteit"][0]
    )
    assert "geheel getal" in f["$.regels.periodeWeken"][0]
    assert list(f) == sorted(f, key=io._padsleutel)  # in document order: [10] after [9]


def test_several_semantic_errors_at_once_with_their_paths() -> None:
    d = voorbeeld()
    d["startweek"] = "2027-01-05"
    d["eenheden"][2]["capaciteit"] = [1, 2]
    d["eenheden"].append({"code": "RO", "urenPerWeek": 1})
    d["opdrachten"][1]["eenheid"] = "XX"
    d["opdrachten"][2]["aandelen"] = {"Blaricum": 0.5, "Eemnes": 0.2}
    d["opdrachten"][3]["id"] = "BEL-2027-001"
    d["opdrachten"][5]["deadlineWeek"] = -1
    d["opdrachten"][6]["partner"] = "Huizen"
    d["opdrachten"][11]["aandelen"] = {"Huizen": 1.0}
    del d["opdrachten"][11]["partner"]
    d["regels"]["gewichten"]["Laren"] = 0.5
    d["regels"]["minima"] = {"Naarden": 0.1}
    f = fouten(d)
    assert set(f) == {
        "$.startweek",
        "$.eenheden[2].capaciteit",
        "$.eenheden[3].code",
        "$.opdrachten[1].eenheid",
        "$.opdrachten[2].aandelen",
        "$.opdrachten[3].id",
        "$.opdrachten[5].deadlineWeek",
        "$.opdrachten[6].partner",
        "$.opdrachten[11].aandelen.Huizen",
        "$.regels.gewichten",
        "$.regels.minima.Naarden",
    }
    assert "maandag" in f["$.startweek"][0]
    assert "26" in f["$.eenheden[2].capaciteit"][0]
    assert "'XX'" in f["$.opdrachten[1].eenheid"][0]
    assert "0.7" in f["$.opdrachten[2].aandelen"][0]
    assert "opdrachten[0]" in f["$.opdrachten[3].id"][0]
    assert "1.13" in f["$.regels.gewichten"][0]


def test_schema_and_semantic_errors_together() -> None:
    d = voorbeeld()
    d["opdrachten"][0]["uren"] = "veel"
    d["opdrachten"][1]["eenheid"] = "XX"
    f = fouten(d)
    assert set(f) == {"$.opdrachten[0].uren", "$.opdrachten[1].eenheid"}


def test_dates_need_a_start_week() -> None:
    d = voorbeeld()
    del d["startweek"]
    f = fouten(d)
    assert set(f) == {"$.opdrachten[3].vroegsteStart", "$.opdrachten[3].deadline"}
    assert "startweek" in f["$.opdrachten[3].deadline"][0]


@pytest.mark.parametrize(
    ("tekst", "woord"),
    [
        ("{", "geen geldige JSON"),
        (b"\x80{}", "UTF-8"),
        (b"\xff\xfe\x00", "UTF-8"),
        ("[" * 100_000, "diep"),
        ("[]", "een object"),
    ],
)
def test_not_json_or_not_an_object(tekst: str | bytes, woord: str) -> None:
    with pytest.raises(PlanInvoerFout) as exc:
        io.lees_tekst(tekst)
    assert list(exc.value.fouten) == ["$"]
    assert woord in " ".join(exc.value.fouten["$"])


def test_an_empty_object_names_every_missing_field() -> None:
    assert set(fouten({})) == {"$.weken", "$.eenheden", "$.opdrachten", "$.regels"}


def test_odd_keys_get_a_bracketed_path() -> None:
    d = voorbeeld()
    d["opdrachten"][0]["aandelen"] = {"Gooise Meren": 1.0}
    del d["opdrachten"][0]["partner"]
    assert '$.opdrachten[0].aandelen["Gooise Meren"]' in fouten(d)


def test_core_paths_map_to_file_paths() -> None:
    assert io.kernpad("vragen[3].deadline_week") == "$.opdrachten[3].deadlineWeek"
    assert io.kernpad("capaciteit.VTH[4]", {"VTH": 2}) == "$.eenheden[2].capaciteit[4]"
    assert io.kernpad("regels.laatheid_tolerantie") == "$.regels.laatheidTolerantie"


def _plan() -> tuple[Plan, Any]:
    inst = io.lees(voorbeeld())
    uitkomsten = {}
    for v in inst.vragen:
        laat = v.id == "BEL-2027-006"
        week = v.deadline_week + (2 if laat else 0)
        uitkomsten[v.id] = Uitkomst(
            id=v.id,
            uren_per_week={week - 1: v.uren / 2, week: v.uren / 2},
            eerste_week=week - 1,
            oplevering_week=week,
            weken_te_laat=2 if laat else 0,
            uren_na_horizon=0.0,
            wacht_op="SD" if laat else "",
            reden="wacht op capaciteit in eenheid SD tot week 11" if laat else "",
        )
    aandelen = [Aandeel("Laren", 0, 500.0, 520.0, 20.0, 36.0, 37.0)]
    plan = Plan(
        uitkomsten=uitkomsten,
        laatheid=1040.0,
        laatheid_ongewogen=520.0,
        tekort=20.0,
        aandelen=aandelen,
        belasting={e: [1.0] * 26 for e in inst.capaciteit},
        wettelijk=[WettelijkProbleem("BEL-2027-005", 8, 12.5, "12,5 uur te laat")],
        methode="highs",
        status="Optimal",
        rekentijd_s=0.1234,
    )
    return plan, inst


def test_write_a_plan() -> None:
    plan, inst = _plan()
    uit = io.schrijf(plan, inst, dt.date(2027, 1, 4))
    json.dumps(uit)
    assert uit["samenvatting"] == {
        "laatheid": 1040.0,
        "laatheidOngewogen": 520.0,
        "eerlijkheidstekort": 20.0,
        "opdrachtenTeLaat": 1,
        "urenNaPlanperiode": 0.0,
        "wettelijkeProblemen": 1,
        "rekentijdSeconden": 0.123,
    }
    o = {r["id"]: r for r in uit["opdrachten"]}
    assert [r["id"] for r in uit["opdrachten"]] == [v.id for v in inst.vragen]
    laat = o["BEL-2027-006"]
    assert laat["deadlineWeek"] == 10 and laat["opleveringWeek"] == 12 and laat["wekenTeLaat"] == 2
    assert laat["deadline"] == "2027-03-19"  # the Friday of week 10
    assert laat["oplevering"] == "2027-04-02"
    assert laat["urenPerWeek"] == [{"week": 11, "uren": 260.0}, {"week": 12, "uren": 260.0}]
    assert laat["wachtOp"] == "SD"
    assert uit["aandelen"][0] == {
        "partner": "Laren",
        "periode": 0,
        "vanWeek": 0,
        "totWeek": 12,
        "ontvangen": 500.0,
        "recht": 520.0,
        "tekort": 20.0,
        "ontvangenPct": 36.0,
        "rechtPct": 37.0,
    }
    assert uit["wettelijk"] == [
        {"id": "BEL-2027-005", "deadlineWeek": 8, "urenTeLaat": 12.5, "tekst": "12,5 uur te laat"}
    ]
    assert uit["belasting"]["RO"]["capaciteit"] == [60.0] * 26
    assert "deadline" not in io.schrijf(plan, inst)["opdrachten"][0]


def test_table_rows() -> None:
    plan, inst = _plan()
    t = io.tabel(plan, inst, "2027-01-04")
    rij = next(r for r in t["opdrachten"] if r[0] == "BEL-2027-006")
    assert rij[1] == "SD" and rij[4] == "2027-03-19" and rij[5] == "2027-04-02"
    assert io.tabel(plan, inst)["opdrachten"][2][4] == "week 10"
    assert rij[6] == "2" and "capaciteit" in rij[7]
    assert t["aandelen"] == [["Laren", "0 (week 0–12)", "500.0", "520.0", "20.0", "36.0 %", "37.0 %"]]


def test_lees_does_not_change_its_input() -> None:
    d = voorbeeld()
    kopie = copy.deepcopy(d)
    io.lees(d)
    assert d == kopie
