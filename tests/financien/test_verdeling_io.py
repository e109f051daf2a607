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
    assert str(caught.value).startswith("invalid allocation input")
    return [e.path for e in caught.value.errors]


def test_base_input_is_valid() -> None:
    invoer = parse(base())
    assert invoer.verdeelmodellen[0].naam == "Model"


def test_percentages_not_summing_to_100() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"]["GM0376"] = "39.99"
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    (error,) = caught.value.errors
    assert error.path == "verdeelmodel.onderdelen[1].verdeelsleutel.percentages"
    assert "sum to 100" in error.message and "99.99" in error.message


def test_bad_percentage_value_names_the_gemeente() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"]["GM0376"] = "veertig"
    assert paths_of(data) == ["verdeelmodel.onderdelen[1].verdeelsleutel.percentages.GM0376"]


def test_percentages_missing_and_unknown_gemeente() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][1]["verdeelsleutel"]["percentages"] = {"GM0376": 40, "GM9999": 60}
    assert paths_of(data) == [
        "verdeelmodel.onderdelen[1].verdeelsleutel.percentages.GM9999",
        "verdeelmodel.onderdelen[1].verdeelsleutel.percentages",
    ]


def test_negative_population() -> None:
    data = base()
    data["gemeenten"][1]["bevolking"] = -5
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == ["gemeenten[1].bevolking: must not be negative (got -5)"]


def test_unknown_gemeente_in_usage_line() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][2]["regels"].append({"gemeente": "GM0363", "uren": 1, "tarief": 1})
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    assert [str(e) for e in caught.value.errors] == [
        "verdeelmodel.onderdelen[2].regels[1].gemeente: unknown gemeente 'GM0363'"
    ]


def test_missing_fields_are_all_named() -> None:
    data = base()
    del data["gemeenten"][0]["bevolking"]
    del data["verdeelmodel"]["onderdelen"][0]["bedrag"]
    del data["verdeelmodel"]["onderdelen"][2]["regels"][0]["tarief"]
    assert paths_of(data) == [
        "gemeenten[0].bevolking",
        "verdeelmodel.onderdelen[0].bedrag",
        "verdeelmodel.onderdelen[2].regels[0].tarief",
    ]


def test_wrong_types_enums_and_unknown_fields() -> None:
    data = base()
    data["jaar"] = "twintig"
    data["gemeenten"][0]["peildatum"] = "1-1-2024"
    data["verdeelmodel"]["onderdelen"][0]["btw"] = "19"
    data["verdeelmodel"]["onderdelen"][2]["externekosten"] = 3
    data["verdeelmodel"]["verdeelsleutel"]["soort"] = "inwoners"
    errors = {}
    with pytest.raises(AllocationInputError) as caught:
        parse(data)
    errors = {e.path: e.message for e in caught.value.errors}
    assert errors == {
        "jaar": "must be a number (got 'twintig')",
        "gemeenten[0].peildatum": "must be a date YYYY-MM-DD (got '1-1-2024')",
        "verdeelmodel.verdeelsleutel.soort": (
            "must be one of 'bevolking', 'inbreng', 'gelijk', 'percentages', 'gewogen' (got 'inwoners')"
        ),
        "verdeelmodel.onderdelen[0].btw": "must be one of 'vrijgesteld', '21' (got '19')",
        "verdeelmodel.onderdelen[2].externekosten": "unknown field",
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
    assert paths_of(data) == ["verdeelmodel"]
    del data["verdeelmodel"]
    data["verdeelmodellen"].append(copy.deepcopy(data["verdeelmodellen"][0]) | {"naam": "Twee"})
    data["referentiemodel"] = "Drie"
    assert paths_of(data) == ["referentiemodel"]


def test_growth_cap_needs_vat_choice_when_parts_differ() -> None:
    data = base()
    data["verdeelmodel"]["onderdelen"][0]["btw"] = "21"
    data["verdeelmodel"]["regels"] = {"groeiplafond": {"percentage": 3}}
    assert paths_of(data) == ["verdeelmodel.regels.groeiplafond.btw"]


def test_invalid_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AllocationInputError) as caught:
        loads('{"jaar": 2024,')
    assert caught.value.errors[0].path == "$"
    with pytest.raises(AllocationInputError) as caught:
        allocate_file(tmp_path / "nope.json")
    assert "cannot read the file" in str(caught.value)


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
