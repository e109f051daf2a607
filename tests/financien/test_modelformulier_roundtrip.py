"""The verdeelmodel form converts to and from the stored configuratie exactly: every demo model and every model
in examples/ survives configuration → form → (what the browser sends) → form → configuration unchanged, and so
does every configuration hypothesis generates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seta.core.errors import InvalidInput
from seta.financien.modelformulier import Modelformulier
from seta.financien.modelstand import stand_uit_configuratie

from .modelformulier_hulp import postdata

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "allocate"


def rondgang(config: dict[str, Any], gemeenten: list[tuple[str, str]]) -> dict[str, Any]:
    stand = stand_uit_configuratie(config, [c for c, _ in gemeenten])
    getoond = Modelformulier(stand=stand, gemeenten=gemeenten)
    terug = Modelformulier(postdata(getoond), gemeenten=gemeenten)
    assert terug.is_valid(), terug.fouten()
    return terug.configuratie()


def _voorbeelden() -> list[Any]:
    uit = []
    for pad in sorted(EXAMPLES.glob("*.json")):
        doc = json.loads(pad.read_text(encoding="utf-8"))
        gemeenten = [(g["code"], g["naam"]) for g in doc["gemeenten"]]
        for model in doc.get("verdeelmodellen") or [doc["verdeelmodel"]]:
            uit.append(pytest.param(model, gemeenten, id=f"{pad.stem}: {model['naam']}"))
    return uit


@pytest.mark.parametrize(("model", "gemeenten"), _voorbeelden())
def test_every_example_model_survives_the_form(
    model: dict[str, Any], gemeenten: list[tuple[str, str]]
) -> None:
    assert rondgang(model, gemeenten) == model


@pytest.mark.django_db
def test_every_demo_model_survives_the_form() -> None:
    from seta.financien import invoer
    from seta.financien.models import Verdeelmodel

    modellen = list(Verdeelmodel.objects.select_related("samenwerkingsverband"))
    assert len(modellen) >= 3
    for model in modellen:
        partners = invoer.partners_in_year(model.samenwerkingsverband, 2025)
        gemeenten = [(g.cbs_code, g.naam) for g in partners]
        assert rondgang(model.configuratie, gemeenten) == model.configuratie, model.label


def test_a_json_number_becomes_a_decimal_string() -> None:
    config = {
        "naam": "M",
        "verdeelsleutel": {"soort": "gelijk"},
        "onderdelen": [{"soort": "vast", "naam": "A", "bedrag": 1000}],
        "regels": {"groeiplafond": {"percentage": 2.5}},
    }
    uit = rondgang(config, [("GM1", "Een")])
    assert uit["onderdelen"][0]["bedrag"] == "1000" and uit["regels"]["groeiplafond"]["percentage"] == "2.5"


@pytest.mark.parametrize(
    ("config", "pad"),
    [
        (
            {
                "verdeelsleutel": {"soort": "gelijk"},
                "onderdelen": [{"soort": "vast", "naam": "A", "bedrg": "1"}],
            },
            "configuratie.onderdelen[0].bedrg",
        ),
        (
            {"verdeelsleutel": {"soort": "gelijk"}, "onderdelen": [{"soort": "anders", "naam": "A"}]},
            "configuratie.onderdelen[0].soort",
        ),
        ({"verdeelsleutel": {"soort": "gelijk"}, "onderdelen": "geen lijst"}, "configuratie.onderdelen"),
        ({"verdeelsleutel": {"soort": "gelijk"}, "onderdelen": [], "extra": 1}, "configuratie.extra"),
        (
            {"verdeelsleutel": {"soort": "gelijk", "gewichten": {"x": "1"}}, "onderdelen": []},
            "configuratie.verdeelsleutel.gewichten.x",
        ),
        (
            {
                "verdeelsleutel": {"soort": "gelijk"},
                "onderdelen": [{"soort": "vast", "naam": "A", "bedrag": [1]}],
            },
            "configuratie.onderdelen[0].bedrag",
        ),
    ],
)
def test_what_the_form_cannot_show_is_refused_naming_the_path(config: dict[str, Any], pad: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        stand_uit_configuratie(config, ["GM1"])
    assert pad in exc.value.fields


# --- hypothesis: generated configurations ------------------------------------------------------------------------------
CODES = ["GM0001", "GM0002", "GM0003", "GM0004"]
GEMEENTEN = [(c, f"Gemeente {i}") for i, c in enumerate(CODES, 1)]
tekst = st.text(alphabet="abcdefghij klmnopé-", min_size=1, max_size=12).map(str.strip).filter(bool)
bedrag = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False).map(str)
btw = st.sampled_from(["vrijgesteld", "21"])
codes = st.lists(st.sampled_from(CODES), unique=True, min_size=1, max_size=4)


def _optioneel(d: dict[str, Any], **opties: Any) -> st.SearchStrategy[dict[str, Any]]:
    """``d`` plus any subset of the optional keys (each with a strategy)."""
    return st.fixed_dictionaries(
        {k: v if isinstance(v, st.SearchStrategy) else st.just(v) for k, v in d.items()}, optional=opties
    )


sleutel = st.one_of(
    _optioneel({"soort": st.sampled_from(["bevolking", "inbreng", "gelijk"])}),
    _optioneel(
        {"soort": "percentages", "percentages": st.dictionaries(st.sampled_from(CODES), bedrag, min_size=1)}
    ),
    _optioneel(
        {
            "soort": "gewogen",
            "gewichten": st.dictionaries(
                st.sampled_from(["bevolking", "inbreng", "gelijk", "percentages"]), bedrag, min_size=1
            ),
        },
        percentages=st.dictionaries(st.sampled_from(CODES), bedrag),
    ),
)
vast = _optioneel(
    {"soort": "vast", "naam": tekst, "bedrag": st.one_of(st.sampled_from(["begroting", "rest"]), bedrag)},
    btw=btw,
    omschrijving=st.one_of(st.just(""), tekst),
    verdeelsleutel=sleutel,
)
regel = _optioneel(
    {"gemeente": st.sampled_from(CODES)},
    uren=bedrag,
    tarief=bedrag,
    externeKosten=bedrag,
    omschrijving=st.one_of(st.just(""), tekst),
)
gebruik = _optioneel(
    {"soort": "gebruik", "naam": tekst},
    grondslag=st.sampled_from(["realisatie", "raming"]),
    urensoorten=st.lists(st.sampled_from(["opdracht", "regulier"]), unique=True),
    tarief=bedrag,
    btw=btw,
    omschrijving=tekst,
    regels=st.lists(regel, max_size=3),
)
gezamenlijk = st.one_of(
    _optioneel(
        {
            "soort": "gezamenlijk",
            "naam": tekst,
            "bedrag": bedrag,
            "deelnemers": codes,
            "methode": st.sampled_from(["gelijk", "bevolking", "verdeelsleutel"]),
        },
        btw=btw,
    ),
    _optioneel(
        {
            "soort": "gezamenlijk",
            "naam": tekst,
            "bedrag": bedrag,
            "deelnemers": codes,
            "methode": "shapley",
            "standaloneKosten": st.dictionaries(st.sampled_from(CODES), bedrag),
        },
        coalitiekosten=st.lists(st.fixed_dictionaries({"deelnemers": codes, "bedrag": bedrag}), max_size=2),
        btw=btw,
    ),
    _optioneel(
        {
            "soort": "gezamenlijk",
            "naam": tekst,
            "opdracht": st.from_regex(r"\A[0-9]{4}-[0-9]{3}\Z"),
            "methode": st.sampled_from(["shapley", "gelijk"]),
        },
        deelnemers=codes,
    ),
)
regels = _optioneel(
    {},
    startperiode=st.integers(2000, 2040).flatmap(
        lambda v: st.integers(v, 2045).map(lambda t: {"vanJaar": v, "totEnMetJaar": t})
    ),
    groeiplafond=_optioneel({"percentage": bedrag}, btw=btw),
)
configuratie = _optioneel(
    {
        "naam": tekst,
        "verdeelsleutel": sleutel,
        "onderdelen": st.lists(st.one_of(vast, gebruik, gezamenlijk), max_size=4),
    },
    omschrijving=st.one_of(st.just(""), tekst),
    regels=regels,
    gezamenlijkeOpdrachten=st.one_of(
        st.just({}),
        st.fixed_dictionaries(
            {"methode": st.sampled_from(["gelijk", "bevolking", "verdeelsleutel", "shapley"])}
        ),
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configuratie)
def test_generated_configurations_survive_the_form(config: dict[str, Any]) -> None:
    assert rondgang(config, GEMEENTEN) == config
