"""The bundled data files: questionnaire, rules table, case base, schema and examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from seta.scan.scoring import build_schema, load_cases, load_gemeenten, load_questions, load_rules
from seta.scan.scoring.questions import SEED_REGELS, QuestionnaireError, parse_questions
from seta.scan.scoring.rules import RulesError, parse_rules

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "schemas" / "scan-input.schema.json"
EXAMPLES = sorted((ROOT / "examples" / "scan").glob("*.*"))
DATA = ROOT / "src" / "seta" / "scan" / "data"


def _regels_in_bounds(regels: str) -> bool:
    parts = [int(p) for p in regels.split("-")]
    return 1 <= parts[0] <= parts[-1] <= SEED_REGELS


def test_questionnaire_loads_with_unique_ids_and_seed_references() -> None:
    vragen = load_questions()
    assert len(vragen) >= 20
    assert len(set(vragen.ids)) == len(vragen)
    for vraag in vragen:
        assert _regels_in_bounds(vraag.bron.regels), vraag.id
        assert vraag.toelichting and vraag.vraag.endswith("?"), vraag.id


def test_questionnaire_covers_the_issue_list() -> None:
    ids = set(load_questions().ids)
    assert {
        "urgentie_college",
        "urgentie_raad",
        "urgentie_ambtelijk",
        "voordelen_gezien",
        "vertrouwen",
        "negatieve_beeldvorming",
        "lijk_in_de_kast",
        "gideonsbende",
        "gideonsbende_stabiel",
        "knipperlichtrelatie",
        "cultuurverschil",
        "draagvlak_ambtenaren",
        "snel_financieel_voordeel",
        "alternatief_voorkeur",
        "opvatting_burgers",
        "apolitiek_starten",
        "gastheer_acceptatie",
    } <= ids


def test_every_question_is_used_by_a_rule() -> None:
    regels = load_rules()
    used: set[str] = {r.vraag for r in regels.factoren.values() if r.vraag}
    for a in regels.aanpassingen:
        if "vraag" in a.als:
            used.add(a.als["vraag"])
        used.update(a.als.get("gemiddelde_van", ()))
    assert set(load_questions().ids) <= used


def test_rules_cover_every_risk_level_with_a_reason_and_source() -> None:
    regels = load_rules()
    for regel in regels.factoren.values():
        assert _regels_in_bounds(regel.bron.regels)
        assert _regels_in_bounds(regel.werkpunt_bron.regels)
        assert regel.redenen.get("ongunstig") or regel.id == "gastheer_fit"
        if regel.soort == "berekend":
            assert "onbekend" in regel.redenen, regel.id
    assert {o.id for o in regels.ontraden} == {"direct_financieel_voordeel", "gastheer_niet_aanvaard"}
    assert {d.id for d in regels.dealbreakers} == {"lijk_in_de_kast", "geen_vertrouwen", "te_veel_partners"}
    for d in regels.dealbreakers:
        assert _regels_in_bounds(d.bron.regels) and d.bron.citaat, d.id


def test_figure_3_is_transcribed_from_the_seed() -> None:
    regels = load_rules()
    assert [r.id for r in regels.figuur3] == [
        "kwaliteit",
        "sturing",
        "beleidsregisseurs",
        "maatwerk",
        "overzichtelijkheid",
        "eindperspectief",
        "integraal",
        "toekomst",
    ]
    assert regels.figuur3_rij("overzichtelijkheid").tekens == {
        "menu_1": "+/-",
        "menu_2": "+++",
        "menu_3": "+",
    }
    assert regels.figuur3_rij("maatwerk").tekens["menu_3"] == "-/+"
    # Base scores follow the figure: Menu 2 > Menu 3 > Menu 1.
    assert regels.basis("menu_2") > regels.basis("menu_3") > regels.basis("menu_1")


def test_bad_questionnaire_is_rejected() -> None:
    with pytest.raises(QuestionnaireError, match="buiten de brontekst"):
        parse_questions(
            {
                "vragen": [
                    {
                        "id": "x",
                        "titel": "X",
                        "vraag": "X?",
                        "toelichting": "x",
                        "soort": "janee",
                        "verplicht": False,
                        "bron": {"regels": "1600-1700", "titel": "nergens"},
                    }
                ]
            }
        )


def test_rules_must_cover_all_answers() -> None:
    data = yaml.safe_load((DATA / "regels.yaml").read_text(encoding="utf-8"))
    del data["factoren"]["vertrouwen"]["drempels"][5]
    with pytest.raises(RulesError, match="dekken niet precies"):
        parse_rules(data)


def test_schema_file_is_generated_from_the_questionnaire() -> None:
    on_disk = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert on_disk == build_schema(), "regenerate docs/schemas/scan-input.schema.json (see docs/scan.md)"
    jsonschema.Draft202012Validator.check_schema(on_disk)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_valid_against_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_case_base_references_and_codes() -> None:
    codes = set(load_gemeenten())
    raw = yaml.safe_load((DATA / "casussen.yaml").read_text(encoding="utf-8"))
    for item in raw["casussen"]:
        for spec in item["partners"]:
            if "code" in spec:
                assert re.fullmatch(r"GM\d{4}", spec["code"])
                assert spec["code"] in codes, (item["id"], spec)
            else:
                assert spec["bestaat"] is False, item["id"]
        for bron in item["bron"]:
            assert _regels_in_bounds(str(bron["regels"])), item["id"]
    assert len(load_cases()) == len(raw["casussen"])
