"""The scan itself: factor risks, structural factors, ranking, honesty of the output."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seta.scan.scoring import MENUS, WEET_NIET, Antwoorden, Partner, load_questions, scan
from seta.scan.scoring.model import RISICO_NIVEAUS
from seta.scan.scoring.questions import SEED_REGELS, Vraag

A = Partner("GM0001", "A", "Gelderland", 20000)
B = Partner("GM0002", "B", "Gelderland", 18000)
C = Partner("GM0003", "C", "Gelderland", 22000)
D = Partner("GM0004", "D", "Gelderland", 19000)
GROOT = Partner("GM0005", "Groot", "Gelderland", 120000)
KLEIN = Partner("GM0006", "Klein", "Gelderland", 8000)
LIMBURG = Partner("GM0007", "L", "Limburg", 17000)

GUNSTIG: dict[str, Any] = {
    "urgentie_college": 5,
    "urgentie_raad": 4,
    "urgentie_ambtelijk": 4,
    "voordelen_gezien": 4,
    "vertrouwen": 5,
    "negatieve_beeldvorming": 1,
    "lijk_in_de_kast": "nee",
    "gideonsbende": "ja",
    "gideonsbende_stabiel": "ja",
    "knipperlichtrelatie": "nee",
    "cultuurverschil": 2,
    "draagvlak_ambtenaren": 4,
    "snel_financieel_voordeel": 1,
    "alternatief_voorkeur": "geen",
    "opvatting_burgers": "steunen",
    "apolitiek_starten": "ja",
    "ingroeien": "ja",
    "tekst_en_uitleg": "ja",
    "alliantiemanagement": "ja",
    "eenvoud_gewenst": "nee",
    "eigen_bestuur_behouden": "ja",
}


def _scan(partners: list[Partner], **answers: Any) -> Any:
    return scan(partners, Antwoorden(answers), casussen=())


def test_favourable_three_partners_recommend_the_administrative_merger() -> None:
    r = _scan([A, B, C], **GUNSTIG)
    assert r.advies.aanbevolen.menu == "menu_2"
    assert r.risico == "laag" and r.zekerheid == "redelijk"
    assert r.advies.werkpunten == ()


def test_more_than_three_partners_is_a_high_risk_and_menu_2_is_advised_against() -> None:
    r = _scan([A, B, C, D], **GUNSTIG)
    assert r.factor("aantal_partners").risico == "hoog"
    menu_2 = r.advies.voor("menu_2")
    assert menu_2.status == "ontraden" and menu_2.rang == len(MENUS)
    assert "begin er niet met vier of vijf gemeenten aan" in menu_2.ontraden_om[0]
    # The seed: functional integration with five partners 'kan wel' (lines 880-884).
    assert r.advies.aanbevolen.menu == "menu_1"
    assert r.factor("aantal_partners").voorbehoud and "Hangt af van" in r.factor("aantal_partners").voorbehoud


def test_unnamed_partners_count() -> None:
    r = scan([A, B], Antwoorden({}, aantal_partners=5), casussen=())
    assert r.aantal_partners == 5 and r.factor("aantal_partners").risico == "hoog"
    assert r.factor("grootteverschil").risico == "onbekend"  # three populations unknown


def test_size_balance_and_host_model() -> None:
    r = _scan([GROOT, KLEIN], **{**GUNSTIG, "gastheer_acceptatie": "ja"})
    assert r.factor("grootteverschil").risico == "hoog"
    assert "15,0 keer" in r.factor("grootteverschil").reden
    assert r.factor("gastheer_fit").risico == "laag"
    assert r.advies.aanbevolen.menu == "menu_3"

    niet = _scan([GROOT, KLEIN], **{**GUNSTIG, "gastheer_acceptatie": "nee"})
    assert niet.factor("gastheer_fit").risico == "hoog"
    assert niet.advies.voor("menu_3").status == "ontraden"

    onbekend = _scan([GROOT, KLEIN], **GUNSTIG)
    assert onbekend.factor("gastheer_fit").risico == "onbekend"

    gelijk = _scan([A, B], **GUNSTIG)
    assert gelijk.factor("gastheer_fit").risico == "verhoogd"
    assert gelijk.factor("grootteverschil").risico == "laag"


def test_provinces() -> None:
    assert _scan([A, B]).factor("provincies").risico == "laag"
    anders = _scan([A, LIMBURG]).factor("provincies")
    assert anders.risico == "matig" and "Gelderland, Limburg" in anders.reden


def test_missing_population_gives_unknown_not_a_guess() -> None:
    r = _scan([A, Partner(None, "Oud", "Gelderland", None, bestaat=False)])
    assert r.factor("grootteverschil").risico == "onbekend"
    assert r.factor("grootteverschil").zekerheid == "onbekend"


def test_quick_financial_gain_is_crucial() -> None:
    r = _scan([A, B, C], **{**GUNSTIG, "snel_financieel_voordeel": 5})
    assert r.factor("snel_financieel_voordeel").risico == "hoog"
    assert r.advies.voor("menu_2").status == "ontraden"
    assert r.advies.voor("menu_3").status == "ontraden"
    assert r.advies.werkpunten[0].factor == "snel_financieel_voordeel"


def test_preference_for_another_menu_is_respected() -> None:
    r = _scan(
        [A, B], **{**GUNSTIG, "alternatief_voorkeur": "bestuurlijke_fusie", "eigen_bestuur_behouden": "nee"}
    )
    assert r.advies.aanbevolen.menu == "bestuurlijke_fusie"
    r = _scan(
        [A, B],
        **{**GUNSTIG, "alternatief_voorkeur": "stand_alone", "urgentie_college": 2, "urgentie_raad": 2},
    )
    assert r.advies.aanbevolen.menu == "stand_alone"


def test_weet_niet_is_unknown_and_lowers_certainty() -> None:
    alles = _scan([A, B, C], **GUNSTIG)
    half = _scan([A, B, C], **{k: (WEET_NIET if i % 2 else v) for i, (k, v) in enumerate(GUNSTIG.items())})
    niets = _scan([A, B, C])
    assert alles.zekerheid == "redelijk"
    assert half.zekerheid in ("beperkt", "laag")
    assert niets.zekerheid == "laag"
    assert niets.factor("vertrouwen").risico == "onbekend"
    assert "weet niet" in niets.factor("vertrouwen").reden
    assert {"vertrouwen", "lijk_in_de_kast", "snel_financieel_voordeel"} <= {
        w.factor for w in niets.advies.werkpunten
    }


def test_output_says_it_depends_where_the_seed_does() -> None:
    r = _scan([A, B])
    teksten = " ".join(v.tekst for v in r.voorbehouden)
    assert "hangt af van het aantal partnergemeenten" in teksten  # factcheck item 12
    assert any(v.bron.regels == "1367-1373" for v in r.voorbehouden)


def test_every_score_is_explained() -> None:
    r = _scan([A, B, LIMBURG], **{**GUNSTIG, "vertrouwen": 2})
    for m in r.advies.menus:
        assert abs(sum(b.punten for b in m.bijdragen) - m.score) < 0.01
        assert m.bijdragen[0].omschrijving.startswith("Basis")


# --------------------------------------------------------------------------- properties


def _answer_strategy(vraag: Vraag) -> st.SearchStrategy[Any]:
    return st.sampled_from([*vraag.toegestane_waarden(), WEET_NIET])


ANSWERS = st.fixed_dictionaries({v.id: _answer_strategy(v) for v in load_questions()})
PARTNER = st.builds(
    Partner,
    code=st.none(),
    naam=st.text(alphabet="abcdefgh", min_size=3, max_size=8),
    provincie=st.sampled_from(["Gelderland", "Limburg", None]),
    bevolking=st.one_of(st.none(), st.integers(min_value=500, max_value=900_000)),
)


@settings(max_examples=150, deadline=None)
@given(answers=ANSWERS, partners=st.lists(PARTNER, min_size=1, max_size=6))
def test_scan_is_total_and_well_formed(answers: dict[str, Any], partners: list[Partner]) -> None:
    r = scan(partners, Antwoorden(answers), casussen=())
    assert sorted(m.menu for m in r.advies.menus) == sorted(MENUS)
    assert [m.rang for m in r.advies.menus] == list(range(1, len(MENUS) + 1))
    assert r.advies.voor("stand_alone").status != "ontraden"
    assert r.advies.menus[0].status in ("aanbevolen", "ontraden")
    assert r.zekerheid != "hoog"  # never more certain than the seed
    for f in r.factoren:
        assert f.risico in RISICO_NIVEAUS
        assert f.reden.endswith(".") and not f.reden[0].islower()
        lo, *rest = (int(x) for x in f.bron.regels.split("-"))
        assert 1 <= lo <= (rest[0] if rest else lo) <= SEED_REGELS
        assert (f.zekerheid == "onbekend") == (f.risico == "onbekend")


POSITIVE_SCALES = [
    "urgentie_college",
    "urgentie_raad",
    "urgentie_ambtelijk",
    "voordelen_gezien",
    "vertrouwen",
    "draagvlak_ambtenaren",
]


@settings(max_examples=100, deadline=None)
@given(answers=ANSWERS, vraag=st.sampled_from(POSITIVE_SCALES), waarde=st.integers(min_value=1, max_value=4))
def test_better_answers_never_lower_the_merger_score(
    answers: dict[str, Any], vraag: str, waarde: int
) -> None:
    worse = scan([A, B, C], Antwoorden({**answers, vraag: waarde}), casussen=())
    better = scan([A, B, C], Antwoorden({**answers, vraag: waarde + 1}), casussen=())
    assert better.advies.voor("menu_2").score >= worse.advies.voor("menu_2").score
