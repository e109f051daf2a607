"""Reading and validating answer files: clear Dutch errors naming the question."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seta.scan.scoring import (
    WEET_NIET,
    Partner,
    ScanInputError,
    load_answer_file,
    load_questions,
    parse_answers,
)

GEMEENTEN = {
    "GM0376": Partner("GM0376", "Blaricum", "Noord-Holland", 11536),
    "GM0317": Partner("GM0317", "Eemnes", "Utrecht", 9247),
    "GM0417": Partner("GM0417", "Laren", "Noord-Holland", 11274),
}


def _verplicht(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {v.id: WEET_NIET for v in load_questions() if v.verplicht}
    answers.update(overrides)
    return answers


def _doc(**overrides: Any) -> dict[str, Any]:
    return {"partners": [{"code": "GM0376"}, {"code": "GM0317"}], "antwoorden": _verplicht(**overrides)}


def _errors(data: Any, gemeenten: Any = GEMEENTEN) -> tuple[str, ...]:
    with pytest.raises(ScanInputError) as info:
        parse_answers(data, gemeenten)
    return info.value.fouten


def test_valid_document_resolves_partners_and_answers() -> None:
    invoer = parse_answers(
        _doc(urgentie_raad=4, lijk_in_de_kast=False, alternatief_voorkeur="geen"), GEMEENTEN
    )
    assert [p.naam for p in invoer.partners] == ["Blaricum", "Eemnes"]
    assert invoer.antwoorden.get("urgentie_raad") == 4
    assert invoer.antwoorden.get("lijk_in_de_kast") == "nee"  # YAML/JSON booleans are accepted
    assert invoer.antwoorden.get("vertrouwen") == WEET_NIET


def test_value_out_of_range_names_the_question() -> None:
    assert "vraag 'urgentie_raad': waarde 7 ligt buiten het bereik 1–5" in _errors(_doc(urgentie_raad=7))


def test_wrong_types_and_options_name_the_question() -> None:
    fouten = _errors(_doc(vertrouwen="veel", alternatief_voorkeur="misschien", lijk_in_de_kast=3))
    assert any(f.startswith("vraag 'vertrouwen': waarde 'veel' is geen geheel getal") for f in fouten)
    assert any(
        f.startswith("vraag 'alternatief_voorkeur': waarde 'misschien' is geen geldige keuze") for f in fouten
    )
    assert any(f.startswith("vraag 'lijk_in_de_kast': waarde 3 is geen 'ja', 'nee'") for f in fouten)


def test_missing_required_answer_names_the_question() -> None:
    doc = _doc()
    del doc["antwoorden"]["snel_financieel_voordeel"]
    fouten = _errors(doc)
    assert fouten == (
        "vraag 'snel_financieel_voordeel': verplicht antwoord ontbreekt (antwoord 'weet niet' als het onbekend is)",
    )


def test_unknown_question_and_unknown_code() -> None:
    doc = _doc(bestaat_niet=3)
    doc["partners"].append({"code": "GM9999"})
    fouten = _errors(doc)
    assert "onbekende vraag 'bestaat_niet'" in fouten
    assert "partner 3: onbekende gemeentecode 'GM9999'" in fouten


def test_all_errors_are_reported_together() -> None:
    doc = {"partners": [{"code": "GM0001"}], "antwoorden": {"urgentie_raad": 0}}
    fouten = _errors(doc)
    assert len(fouten) >= 3 + 6  # partner count, unknown code, range, and the missing required answers


def test_lookup_may_be_a_callable() -> None:
    invoer = parse_answers(_doc(), GEMEENTEN.get)
    assert invoer.partners[1].provincie == "Utrecht"


def test_municipality_that_no_longer_exists_comes_from_the_extra_list() -> None:
    doc = _doc()
    doc["partners"] = [{"code": "GM0376"}, {"naam": "Ten Boer", "bestaat": False}]
    ten_boer = parse_answers(doc, GEMEENTEN).partners[1]
    assert ten_boer.bestaat is False and ten_boer.code is None
    assert ten_boer.provincie == "Groningen" and ten_boer.bevolking == 7150
    assert ten_boer.bevolking_herkomst == "schatting"


def test_hand_entered_municipality_keeps_its_figures() -> None:
    doc = _doc()
    doc["partners"] = [
        {"code": "GM0376"},
        {"naam": "Atlantis", "bestaat": False, "provincie": "Zeeland", "bevolking": 5000},
    ]
    atlantis = parse_answers(doc, GEMEENTEN).partners[1]
    assert (atlantis.naam, atlantis.bevolking, atlantis.bevolking_herkomst) == (
        "Atlantis",
        5000,
        "opgegeven in het invoerbestand",
    )


def test_existing_municipality_by_name_needs_the_code_or_a_match() -> None:
    doc = _doc()
    doc["partners"] = [{"naam": "Blaricum"}, {"naam": "Nergenshuizen"}]
    fouten = _errors(doc)
    assert len(fouten) == 1  # Blaricum is found by name in the mapping
    assert fouten[0].startswith("partner 2: gemeente 'Nergenshuizen' staat niet in de referentielijst")


def test_duplicate_partner() -> None:
    doc = _doc()
    doc["partners"] = ["GM0376", "GM0376"]
    assert "partner 2: 'Blaricum' komt dubbel voor" in _errors(doc)


def test_yaml_and_json_files(tmp_path: Path) -> None:
    y = tmp_path / "a.yaml"
    y.write_text(
        "partners: [GM0376, GM0417]\nantwoorden:\n" + "".join(f"  {k}: weet niet\n" for k in _verplicht()),
        encoding="utf-8",
    )
    assert len(load_answer_file(y, GEMEENTEN).partners) == 2
    j = tmp_path / "a.json"
    j.write_text(json.dumps(_doc(urgentie_raad=9)), encoding="utf-8")
    with pytest.raises(ScanInputError, match="buiten het bereik"):
        load_answer_file(j, GEMEENTEN)
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text("partners: [\n", encoding="utf-8")
    with pytest.raises(ScanInputError, match="geen geldige YAML"):
        load_answer_file(kapot, GEMEENTEN)
    with pytest.raises(ScanInputError, match="kan het bestand niet lezen"):
        load_answer_file(tmp_path / "bestaat-niet.yaml", GEMEENTEN)


def test_default_lookup_reads_the_reference_csv() -> None:
    invoer = parse_answers({"partners": ["GM0014", "GM0047"], "antwoorden": _verplicht()})
    assert [p.naam for p in invoer.partners] == ["Groningen", "Veendam"]
