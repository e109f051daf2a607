"""Reading the allocation file: clear errors naming the JSON path; schemas; rendering."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from seta.financien.verdeling.io import allocate_file, loads, parse, to_json
from seta.financien.verdeling.model import AllocationInputError
from seta.financien.verdeling.text import render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "allocate").glob("*.json"))
SCHEMAS = ROOT / "docs" / "schemas"


def base() -> dict[str, Any]:
    return {
        "jaar": 2024,
        "gemeenten": [
            {"code": "GM0376", "naam": "Blaricum", "bevolking": 12000, "peildatum": "2024-01-01"},
            {"code": "GM0406", "naam": "Huizen", "bevolking": 41000, "peildatum": "2024-01-01"},
        ],
        "verdeelmodel": {
            "naam": "Model",
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {"soort": "vast", "naam": "Basis", "bedrag": "1000"},
                {
                    "soort": "vast",
                    "naam": "Plus",
                    "bedrag": 500,
                    "verdeelsleutel": {"soort": "percentages", "percentages": {"GM0376": 40, "GM0406": "60"}},
                },
                {
                    "soort": "gebruik",
                    "naam": "Maatwerk",
                    "grondslag": "realisatie",
                    "regels": [{"gemeente": "GM0406", "uren": 10, "tarief": 95}],
                },
            ],
        },
    }


def paths_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert str(caught.value).startswith("ongeldige invoer voor de verdeling")
    return [e.path for e in caught.value.errors]


def test_base_input_is_valid() -> None:
    invoer = parse(base())
    assert invoer.verdeelmodellen[0].naam == "Model"


def test_percentages_not_summing_to_100() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"]["GM0376"] = "39.50"
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    (error,) = caught.value.errors
    assert str(error) == (
        "verdeelmodel.onderdelen[1].verdeelsleutel.percentages: de percentages tellen op tot 99,50;"
        " dat moet 100 zijn"
    )


def test_bad_percentage_value_names_the_gemeente() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"]["GM0376"] = "veertig"
    assert paths_of(data) == ["verdeelmodel.onderdelen[1].verdeelsleutel.percentages.GM0376"]


def test_percentages_missing_and_unknown_gemeente() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"] = {"GM0376": 40, "GM9999": 60}
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "verdeelmodel.onderdelen[1].verdeelsleutel.percentages.GM9999:"
        " onbekende gemeente 'GM9999'; die staat niet in 'gemeenten'",
        "verdeelmodel.onderdelen[1].verdeelsleutel.percentages:"
        " mist gemeente(n) GM0406; elke gemeente moet erin staan",
    ]


def test_negative_population() -> None:
    data = base()
    data["gemeenten"][1]["bevolking"] = -5
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == ["gemeenten[1].bevolking: mag niet negatief zijn (nu -5)"]


def test_unknown_gemeente_in_usage_line() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][2]["regels"].append({"gemeente": "GM0363", "uren": 1, "tarief": 1})
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "verdeelmodel.onderdelen[2].regels[1].gemeente:"
        " onbekende gemeente 'GM0363'; die staat niet in 'gemeenten'"
    ]


def test_missing_fields_are_all_named() -> None:
    data = base()
    del data["gemeenten"][0]["bevolking"]
    del data["verdeelmodel"]["onderdelen"][0]["bedrag"]
    del data["verdeelmodel"]["onderdelen"][2]["regels"][0]["tarief"]
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert {e.path: e.message for e in caught.value.errors} == {
        "gemeenten[0].bevolking": "ontbreekt",
        "verdeelmodel.onderdelen[0].bedrag": "ontbreekt",
        "verdeelmodel.onderdelen[2].regels[0].tarief": (
            "ontbreekt; geef een tarief op de regel of op het onderdeel"
        ),
    }


def test_missing_top_level_fields() -> None:
    data = base()
    del data["gemeenten"]
    del data["verdeelmodel"]
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "gemeenten: ontbreekt",
        "verdeelmodel: ontbreekt; geef óf 'verdeelmodel' óf 'verdeelmodellen' (een lijst)",
    ]


def test_wrong_types_enums_and_unknown_fields() -> None:
    data = base()
    data["jaar"] = "twintig"
    data["gemeenten"][0]["peildatum"] = "1-1-2024"
    data["verdeelmodel"]["onderdelen"][0]["btw"] = "19"
    data["verdeelmodel"]["onderdelen"][2]["externekosten"] = 3
    data["verdeelmodel"]["verdeelsleutel"]["soort"] = "inwoners"
    data["verdeelmodel"]["onderdelen"][1]["bedrag"] = [500]
    data["gemeenten"][1]["bevolking"] = "41000.5"
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    errors = {e.path: e.message for e in caught.value.errors}
    assert errors == {
        "jaar": "moet een geheel getal zijn, niet 'twintig'",
        "gemeenten[0].peildatum": "moet een datum zijn als JJJJ-MM-DD, niet '1-1-2024'",
        "gemeenten[1].bevolking": "moet een geheel getal zijn, niet 41000,5",
        "verdeelmodel.verdeelsleutel.soort": (
            "moet 'bevolking', 'inbreng', 'gelijk', 'percentages' of 'gewogen' zijn, niet 'inwoners'"
        ),
        "verdeelmodel.onderdelen[0].btw": "moet 'vrijgesteld' of '21' zijn, niet '19'",
        "verdeelmodel.onderdelen[1].bedrag": "moet een getal zijn, niet een lijst",
        "verdeelmodel.onderdelen[2].externekosten": "onbekend veld; laat het weg of verbeter de spelling",
    }


def test_shapley_needs_every_standalone_cost() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"].append(
        {
            "soort": "gezamenlijk",
            "naam": "Plan",
            "bedrag": 100,
            "deelnemers": ["GM0376", "GM0406"],
            "methode": "shapley",
            "standaloneKosten": {"GM0376": -1},
        }
    )
    assert paths_of(data) == [
        "verdeelmodel.onderdelen[3].standaloneKosten.GM0376",
        "verdeelmodel.onderdelen[3].standaloneKosten",
    ]


def test_model_and_models_exclusive_and_reference_must_exist() -> None:
    data = base()
    data["verdeelmodellen"] = [data["verdeelmodel"]]
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "verdeelmodel: geef óf 'verdeelmodel' óf 'verdeelmodellen' (een lijst), niet allebei"
    ]
    del data["verdeelmodel"]
    data["verdeelmodellen"].append(copy.deepcopy(data["verdeelmodellen"][0]) | {"naam": "Twee"})
    data["referentiemodel"] = "Drie"
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "referentiemodel: er is geen verdeelmodel met de naam 'Drie'"
    ]


def test_growth_cap_needs_vat_choice_when_parts_differ() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][0]["btw"] = "21"
    data["verdeelmodel"]["regels"] = {"groeiplafond": {"percentage": 3}}
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    (error,) = caught.value.errors
    assert error.path == "verdeelmodel.regels.groeiplafond.btw"
    assert "verschillende btw-behandelingen" in error.message


def test_value_rules_of_keys_and_joint_products_in_dutch() -> None:
    data = base()
    model = data["verdeelmodel"]
    model["verdeelsleutel"] = {"soort": "gewogen", "gewichten": {"bevolking": 50, "gelijk": 40}}
    model["onderdelen"][0]["naam"] = "Plus"
    model["onderdelen"].append(
        {
            "soort": "gezamenlijk",
            "naam": "Plan",
            "bedrag": 100,
            "deelnemers": ["GM0376", "GM0376"],
            "methode": "gelijk",
            "standaloneKosten": {"GM0376": 1},
        }
    )
    model["regels"] = {"startperiode": {"vanJaar": 2024, "totEnMetJaar": 2023}}
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert {e.path: e.message for e in caught.value.errors} == {
        "verdeelmodel.verdeelsleutel.gewichten": "de gewichten tellen op tot 90; dat moet 100 zijn",
        "verdeelmodel.onderdelen[1].naam": "de naam 'Plus' is al gebruikt door een ander onderdeel",
        "verdeelmodel.onderdelen[3].deelnemers[1]": "deelnemer 'GM0376' staat al eerder in de lijst",
        "verdeelmodel.onderdelen[3].methode": (
            "standaloneKosten en coalitiekosten horen alleen bij methode 'shapley'"
        ),
        "verdeelmodel.regels.startperiode.totEnMetJaar": "2023 ligt vóór vanJaar (2024); dat mag niet",
    }


def test_invalid_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AllocationInputError) as caught:
        loads('{"jaar": 2024,')
    assert [str(e) for e in caught.value.errors] == [
        "$: geen geldige JSON: hier wordt een veldnaam tussen dubbele aanhalingstekens verwacht"
        " (regel 1, kolom 15)"
    ]
    with pytest.raises(AllocationInputError) as caught:
        allocate_file(tmp_path / "nope.json")
    assert str(caught.value.errors[0]) == f"{tmp_path / 'nope.json'}: het bestand bestaat niet"
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe{}")
    with pytest.raises(AllocationInputError) as caught:
        allocate_file(tmp_path / "binary.json")
    assert "geen UTF-8-tekst" in caught.value.errors[0].message


def test_floats_are_read_exactly() -> None:
    invoer = loads(json.dumps(base()).replace('"bedrag": 500', '"bedrag": 500.10'))
    assert str(invoer.verdeelmodellen[0].onderdelen[1].bedrag) == "500.10"  # type: ignore[union-attr]


# --- the schemas, the examples, rendering --------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_match_the_schemas_and_render(example: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    input_schema = json.loads((SCHEMAS / "allocate-input.schema.json").read_text())
    output_schema = json.loads((SCHEMAS / "allocate-output.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(input_schema)
    jsonschema.Draft202012Validator.check_schema(output_schema)
    jsonschema.validate(json.loads(example.read_text()), input_schema, cls=jsonschema.Draft202012Validator)

    result = allocate_file(example)
    output = json.loads(render(result, format="json"))
    assert output == json.loads(json.dumps(to_json(result)))
    jsonschema.validate(output, output_schema, cls=jsonschema.Draft202012Validator)

    table = render(result, format="table")
    for verdeling in result.verdelingen:
        assert verdeling.verdeelmodel in table
        for bijdrage in verdeling.bijdragen:
            assert bijdrage.naam in table


def test_examples_exist() -> None:
    assert {p.name for p in EXAMPLES} >= {
        "worked-example.json",
        "bar-hybrid.json",
        "groningen-ten-boer-startperiode.json",
        "buch-groeiplafond.json",
    }


def test_table_shows_dutch_amounts() -> None:
    table = render(allocate_file(ROOT / "examples" / "allocate" / "worked-example.json"))
    assert "€ 140.769,23" in table
    assert "€ 127.500,00" in table


def test_unknown_format() -> None:
    result = allocate_file(ROOT / "examples" / "allocate" / "worked-example.json")
    with pytest.raises(ValueError, match="unknown format"):
        render(result, format="xml")  # type: ignore[arg-type]
