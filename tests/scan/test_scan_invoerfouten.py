"""Issue 15, "Errors in Dutch": a wrong partner entry names the partner and the field, every error in one round,
never a raw JSON Schema dump; ``{naam: Schagen}`` (merged in 2013) is refused with the hint what to give."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from seta.scan.scoring import WEET_NIET, ScanInputError, load_questions, parse_answers

VERPLICHT = {v.id: WEET_NIET for v in load_questions() if v.verplicht}
SCHEMA_DUMP = ("is not valid", "is not of type", "ongeldig volgens het schema", "Additional properties")


def _fouten(data: Any) -> tuple[str, ...]:
    with pytest.raises(ScanInputError) as info:
        parse_answers(data)
    fouten = info.value.fouten
    for fout in fouten:
        assert not any(d in fout for d in SCHEMA_DUMP), fout
    return fouten


def _doc(*partners: Any, **antwoorden: Any) -> dict[str, Any]:
    return {"partners": ["GM0376", *partners], "antwoorden": {**VERPLICHT, **antwoorden}}


def test_population_as_text_names_partner_and_field() -> None:
    fouten = _fouten(_doc({"naam": "Atlantis", "bestaat": False, "bevolking": "12.000"}))
    assert fouten == (
        "partner 2 (Atlantis), veld 'bevolking': '12.000' is tekst; geef het inwonertal als geheel getal, "
        "zonder punt en zonder aanhalingstekens (bevolking: 12000)",
    )


def test_misspelt_field_suggests_the_nearest_name_and_all_errors_come_in_one_round() -> None:
    fouten = _fouten(
        {
            "partners": [
                "GM0376",
                {"naam": "Atlantis", "bestat": False, "bevolking": 5000},
                {"naam": "Lemurië", "bestaat": "nee", "inwoners": 300},
                {"code": "gm12"},
            ],
            "antwoord": {},
            "aantal_partners": "vier",
        }
    )
    assert "partner 2 (Atlantis), veld 'bestat': onbekend veld; bedoelt u 'bestaat'?" in fouten
    assert any(
        f.startswith("partner 3 (Lemurië), veld 'bestaat': 'nee' is geen true of false") for f in fouten
    )
    assert any(f.startswith("partner 3 (Lemurië), veld 'inwoners': onbekend veld") for f in fouten)
    assert any(f.startswith("partner 4 (gm12), veld 'code': 'gm12' is geen CBS-gemeentecode") for f in fouten)
    assert "het invoerbestand: onbekend veld 'antwoord'; bedoelt u 'antwoorden'?" in fouten
    assert any(f.startswith("'aantal_partners': moet een geheel getal zijn") for f in fouten)
    assert any(f.startswith("'antwoorden': ontbreekt") for f in fouten)


def test_missing_name_unknown_question_and_bad_value() -> None:
    fouten = _fouten(_doc({"bevolking": 3000}, urgentie_rad=3, vertrouwen="veel"))
    assert "partner 2: verplicht veld 'naam' ontbreekt (of geef een gemeentecode in 'code')" in fouten
    assert "onbekende vraag 'urgentie_rad'; bedoelt u 'urgentie_raad'?" in fouten
    assert any(f.startswith("vraag 'vertrouwen': waarde 'veel' is geen geheel getal") for f in fouten)


def test_a_field_of_the_other_form_is_explained() -> None:
    fouten = _fouten(_doc({"code": "GM0417", "bevolking": 11000}))
    assert fouten[0].startswith(
        "partner 2 (GM0417), veld 'bevolking': hoort niet bij een partner met een gemeentecode"
    )


def test_schema_errors_not_covered_by_hand_are_translated_too() -> None:
    fouten = _fouten({**_doc("GM0417"), "versie": 2})
    assert fouten == ("'versie': moet 1 zijn, niet 2",)


def test_schagen_by_name_is_refused_with_the_hint() -> None:
    (fout,) = _fouten(_doc({"naam": "Schagen"}))
    assert fout.startswith(
        "partner 2: de naam 'Schagen' is dubbelzinnig: sinds 2013 is Schagen samen met Zijpe en"
    )
    assert "Harenkarspel" in fout and "'bestaat: false'" in fout and "'code: GM0441'" in fout
    # the two ways out both work
    oud = parse_answers(_doc({"naam": "Schagen", "bestaat": False, "bevolking": 18000})).partners[1]
    assert (oud.naam, oud.bestaat, oud.bevolking, oud.code) == ("Schagen", False, 18000, None)
    nu = parse_answers(_doc({"code": "GM0441"})).partners[1]
    assert (nu.naam, nu.code, nu.bestaat) == ("Schagen", "GM0441", True)


def test_an_unchanged_municipality_by_name_still_resolves() -> None:
    assert parse_answers(_doc({"naam": "Laren"})).partners[1].code == "GM0417"


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["code", "naam", "bestaat", "provincie", "bevolking", "bevolkng", "x"]),
        st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=8), st.floats(0, 10)),
        min_size=1,
    )
)
def test_any_partner_entry_is_accepted_or_refused_in_dutch(spec: dict[str, Any]) -> None:
    """Property: no entry crashes the reader or leaks a raw schema message; every error names partner 2."""
    try:
        parse_answers(_doc(spec))
    except ScanInputError as exc:
        for fout in exc.fouten:
            assert fout.startswith("partner 2"), fout
            assert not any(d in fout for d in SCHEMA_DUMP), fout


def test_the_command_prints_every_error_in_dutch(tmp_path: Path) -> None:
    bestand = tmp_path / "fout.yaml"
    bestand.write_text(
        yaml.safe_dump(
            _doc({"naam": "Schagen"}, {"naam": "Anna Paulowna", "bestaat": False, "bevolkng": 14000})
        ),
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("scan", str(bestand), stdout=out, stderr=err)
    assert info.value.code == 2 and out.getvalue() == ""
    tekst = err.getvalue()
    assert "partner 2: de naam 'Schagen' is dubbelzinnig" in tekst
    assert "partner 3 (Anna Paulowna), veld 'bevolkng': onbekend veld; bedoelt u 'bevolking'?" in tekst


@pytest.mark.django_db
def test_the_api_names_partner_and_field_in_invalid_params(api_as: Callable[[str | None], APIClient]) -> None:
    body = _doc({"naam": "Atlantis", "bestaat": False, "bevolking": "veel"}, {"naam": "Schagen"})
    response = api_as("raadslid.laren").post("/api/v1/scan-berekening", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert set(params) == {"partners[1].bevolking", "partners[2]"}
    assert "'veel' is tekst" in params["partners[1].bevolking"]
    assert "dubbelzinnig" in params["partners[2]"] and "GM0441" in params["partners[2]"]


@pytest.mark.django_db
def test_the_wizard_refuses_schagen_by_hand_without_a_population(actor_named: Callable[[str], Any]) -> None:
    from seta.core.errors import InvalidInput
    from seta.scan import services
    from seta.scan.services import PartnerInvoer

    actor = actor_named("secretaris.laren")
    with pytest.raises(InvalidInput) as info:
        services.create_scansessie(
            actor=actor, naam="Anna Paulowna en Schagen", partners=[PartnerInvoer(naam="Schagen")]
        )
    (melding,) = info.value.fields["partners[0].naam"]
    assert "sinds 2013" in melding and "GM0441" in melding and "inwonertal van toen" in melding
    scan = services.create_scansessie(
        actor=actor,
        naam="Anna Paulowna en Schagen",
        partners=[
            PartnerInvoer(naam="Schagen", provincie="Noord-Holland", inwoners=18000),
            PartnerInvoer("GM0417"),
        ],
    )
    assert [p.naam for p in scan.partners.order_by("volgorde")] == ["Schagen", "Laren"]
