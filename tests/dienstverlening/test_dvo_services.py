"""The DVO services: validation naming fields, the lifecycle with versions, both decisions, the right people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, StaleVersion
from seta.dienstverlening import lifecycle, selectors, services
from seta.dienstverlening.models import Dienstverleningsovereenkomst
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden import besluiten
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Bestuursorgaan

from .dvo_hulp import COLLEGE_BESLUIT, DB_BESLUIT, DOORLOOPTIJD, bel, concept, item, vastgesteld

pytestmark = pytest.mark.django_db


def test_demo_holds_an_adopted_dvo_per_bel_partner_with_ten_normed_services() -> None:
    for slug in ("blaricum", "eemnes", "laren"):
        dvo = Dienstverleningsovereenkomst.objects.get(gemeente__slug=slug, volgnummer=1)
        assert dvo.status == lifecycle.VASTGESTELD
        assert dvo.afspraken.filter(normen__soort="doorlooptijd").distinct().count() >= 10
        assert dvo.collegebesluiten.get().gemeente.slug == slug
        assert dvo.besluit_bestuur.orgaan == Bestuursorgaan.DAGELIJKS_BESTUUR
        assert dvo.openbaar == (slug == "laren")
    v2 = Dienstverleningsovereenkomst.objects.get(gemeente__slug="eemnes", volgnummer=2)
    assert v2.status == lifecycle.CONCEPT and v2.vorige.volgnummer == 1


def test_norms_are_validated_per_kind_naming_each_field(actor_named: Any) -> None:
    dvo = concept(actor_named, met_dienst=False)
    normen = [
        {"soort": "doorlooptijd", "omschrijving": "Besluit"},
        {"soort": "kwaliteit", "omschrijving": "Tevredenheid", "minimumscore": Decimal("11")},
        {"soort": "volume", "omschrijving": "Aanvragen", "volume_min": 40, "volume_max": 10},
        {"soort": "beschikbaarheid", "omschrijving": "Balie"},
        {
            "soort": "doorlooptijd",
            "omschrijving": "x",
            "termijn": 5,
            "dagsoort": "werkdagen",
            "streefpercentage": Decimal(120),
        },
        {"soort": "onzin", "omschrijving": "x"},
    ]
    with pytest.raises(InvalidInput) as exc:
        services.add_afspraak(
            actor=actor_named("directeur.bel"), dvo=dvo, catalogusitem=item(), normen=normen
        )
    velden = exc.value.fields
    for naam in (
        "normen[0].termijn",
        "normen[0].dagsoort",
        "normen[0].streefpercentage",
        "normen[1].minimumscore",
        "normen[2].volume_max",
        "normen[3].openingstijden",
        "normen[4].streefpercentage",
        "normen[5].soort",
    ):
        assert naam in velden, naam


def test_a_service_from_another_cooperations_catalogue_is_refused(actor_named: Any) -> None:
    dvo = concept(actor_named, met_dienst=False)
    with pytest.raises(InvalidInput) as exc:
        services.add_afspraak(
            actor=actor_named("directeur.bel"),
            dvo=dvo,
            catalogusitem=item(sv="kempen"),
            normen=[DOORLOOPTIJD],
        )
    assert "catalogusitem" in exc.value.fields


def test_an_annex_per_partner_only_in_a_joint_dvo(actor_named: Any) -> None:
    dvo = concept(actor_named, met_dienst=False)
    laren = Gemeente.objects.get(slug="laren")
    with pytest.raises(InvalidInput) as exc:
        services.add_afspraak(
            actor=actor_named("directeur.bel"), dvo=dvo, catalogusitem=item(), gemeente=laren
        )
    assert "gemeente" in exc.value.fields
    gezamenlijk = concept(actor_named, gemeente=None, kenmerk="DVO-ALLEN", met_dienst=False)
    afspraak = services.add_afspraak(
        actor=actor_named("directeur.bel"),
        dvo=gezamenlijk,
        catalogusitem=item(),
        gemeente=laren,
        normen=[DOORLOOPTIJD],
    )
    assert afspraak.gemeente == laren


def test_the_heading_is_validated(actor_named: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.create_dvo(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=bel(),
            gemeente=Gemeente.objects.get(slug="bergeijk"),
            kenmerk="",
            titel="",
            ingangsdatum=dt.date(2030, 1, 1),
            einddatum=dt.date(2029, 1, 1),
            rapportageritme="wekelijks",
        )
    assert {"kenmerk", "titel", "gemeente", "einddatum", "rapportageritme"} <= set(exc.value.fields)


def test_only_the_pools_directeur_and_controller_draft(actor_named: Any) -> None:
    for naam in ("teamleider.bel", "wethouder.blaricum", "regisseur.blaricum"):
        with pytest.raises(Forbidden):
            services.create_dvo(
                actor=actor_named(naam),
                samenwerkingsverband=bel(),
                kenmerk="X",
                titel="X",
                ingangsdatum=dt.date(2030, 1, 1),
            )
    with pytest.raises(NotFound):
        services.create_dvo(
            actor=actor_named("directeur.kempen"),
            samenwerkingsverband=bel(),
            kenmerk="X",
            titel="X",
            ingangsdatum=dt.date(2030, 1, 1),
        )
    assert (
        services.create_dvo(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel(),
            kenmerk="X",
            titel="X",
            ingangsdatum=dt.date(2030, 1, 1),
        ).status
        == lifecycle.CONCEPT
    )


def test_adoption_needs_the_college_and_then_the_board(actor_named: Any) -> None:
    dvo = concept(actor_named)
    with pytest.raises(Conflict, match="college van Blaricum ontbreekt"):
        services.adopt(actor=actor_named("burgemeester.laren"), dvo=dvo, besluit=DB_BESLUIT)
    with pytest.raises(Forbidden):  # Laren's college does not decide for Blaricum (it reads it: AB member)
        services.record_college(actor=actor_named("wethouder.laren"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    with pytest.raises(NotFound):  # another cooperation
        services.record_college(actor=actor_named("wethouder.bergeijk"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    with pytest.raises(Forbidden):
        services.record_college(actor=actor_named("secretaris.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    dvo = services.record_college(
        actor=actor_named("burgemeester.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT
    )
    assert dvo.status == lifecycle.CONCEPT
    with pytest.raises(Conflict):  # the college decided already
        services.record_college(actor=actor_named("wethouder.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    with pytest.raises(Forbidden, match="dagelijks bestuur"):  # an AB member, not on the DB
        services.adopt(actor=actor_named("burgemeester.blaricum"), dvo=dvo, besluit=DB_BESLUIT)
    dvo = services.adopt(actor=actor_named("wethouder.eemnes"), dvo=dvo, besluit=DB_BESLUIT)
    assert dvo.status == lifecycle.VASTGESTELD and dvo.vastgesteld_op == DB_BESLUIT.datum
    assert dvo.besluit_bestuur.onderwerp == Besluitonderwerp.DVO
    college = dvo.collegebesluiten.get()
    assert (college.orgaan, college.gemeente.slug) == (Bestuursorgaan.COLLEGE, "blaricum")


def test_a_joint_dvo_waits_for_every_partners_college(actor_named: Any) -> None:
    dvo = concept(actor_named, gemeente=None, kenmerk="DVO-ALLEN")
    dvo = services.record_college(actor=actor_named("wethouder.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    with pytest.raises(Conflict, match="Eemnes en Laren ontbreekt"):
        services.adopt(actor=actor_named("burgemeester.laren"), dvo=dvo, besluit=DB_BESLUIT)
    for slug in ("eemnes", "laren"):
        dvo = services.record_college(
            actor=actor_named(f"wethouder.{slug}"), dvo=dvo, besluit=COLLEGE_BESLUIT
        )
    assert (
        services.adopt(actor=actor_named("burgemeester.laren"), dvo=dvo, besluit=DB_BESLUIT).status
        == "vastgesteld"
    )


def test_decisions_need_kenmerk_date_not_in_the_future_and_the_right_body(actor_named: Any) -> None:
    dvo = concept(actor_named)
    with pytest.raises(InvalidInput) as exc:
        services.record_college(
            actor=actor_named("wethouder.blaricum"),
            dvo=dvo,
            besluit=besluiten.BesluitInvoer(orgaan="college", kenmerk="", datum=dt.date(2099, 1, 1)),
        )
    assert {"besluit.kenmerk", "besluit.datum"} <= set(exc.value.fields)
    dvo = services.record_college(actor=actor_named("wethouder.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    with pytest.raises(InvalidInput) as exc:
        services.adopt(
            actor=actor_named("burgemeester.laren"),
            dvo=dvo,
            besluit=besluiten.BesluitInvoer(
                orgaan="algemeen_bestuur", kenmerk="AB 1", datum=dt.date(2026, 1, 5)
            ),
        )
    assert "besluit.orgaan" in exc.value.fields


def test_adoption_needs_a_normed_service_and_no_overlapping_term(actor_named: Any) -> None:
    leeg = concept(actor_named, met_dienst=False, kenmerk="DVO-LEEG")
    leeg = services.record_college(actor=actor_named("wethouder.blaricum"), dvo=leeg, besluit=COLLEGE_BESLUIT)
    with pytest.raises(InvalidInput) as exc:
        services.adopt(actor=actor_named("burgemeester.laren"), dvo=leeg, besluit=DB_BESLUIT)
    assert "afspraken" in exc.value.fields
    # overlaps the demo's adopted DVO of Blaricum (2025–2029)
    overlap = concept(actor_named, kenmerk="DVO-OVERLAP", ingang=dt.date(2029, 6, 1))
    overlap = services.record_college(
        actor=actor_named("wethouder.blaricum"), dvo=overlap, besluit=COLLEGE_BESLUIT
    )
    with pytest.raises(InvalidInput, match="DVO-BEL-BLA") as exc:
        services.adopt(actor=actor_named("burgemeester.laren"), dvo=overlap, besluit=DB_BESLUIT)
    assert "ingangsdatum" in exc.value.fields


def test_an_adopted_dvo_is_not_edited_but_versioned(actor_named: Any) -> None:
    dvo = vastgesteld(actor_named)
    directeur = actor_named("directeur.bel")
    with pytest.raises(Conflict, match="nieuwe versie"):
        services.update_dvo(actor=directeur, dvo=dvo, changes={"titel": "Anders"})
    with pytest.raises(Conflict):
        services.add_afspraak(actor=directeur, dvo=dvo, catalogusitem=item("bijstand"), normen=[DOORLOOPTIJD])
    v2 = services.new_version(actor=directeur, dvo=dvo)
    assert (v2.volgnummer, v2.vorige_id, v2.status) == (2, dvo.pk, lifecycle.CONCEPT)
    assert v2.afspraken.count() == dvo.afspraken.count()
    assert v2.afspraken.get().normen.get().termijn == 40
    assert v2.escalatie.count() == 1
    with pytest.raises(Conflict, match="al een nieuwe versie"):
        services.new_version(actor=directeur, dvo=dvo)
    afspraak = v2.afspraken.get()
    services.change_afspraak(
        actor=directeur, afspraak=afspraak, normen=[{**DOORLOOPTIJD, "streefpercentage": Decimal(98)}]
    )
    assert dvo.afspraken.get().normen.get().streefpercentage == Decimal(
        95
    )  # the adopted version is untouched
    v2.refresh_from_db()
    v2 = services.record_college(actor=actor_named("wethouder.blaricum"), dvo=v2, besluit=COLLEGE_BESLUIT)
    v2 = services.adopt(actor=actor_named("burgemeester.laren"), dvo=v2, besluit=DB_BESLUIT)
    dvo.refresh_from_db()
    assert (v2.status, dvo.status) == (lifecycle.VASTGESTELD, lifecycle.VERVANGEN)
    historie = [g.wat for g in selectors.historie_for(directeur, dvo)]
    assert "Vervangen door een nieuwe versie" in historie and "Vastgesteld" in historie


def test_ending_an_adopted_dvo_is_the_boards(actor_named: Any) -> None:
    dvo = vastgesteld(actor_named)
    with pytest.raises(Forbidden):
        services.terminate(actor=actor_named("directeur.bel"), dvo=dvo, besluit=DB_BESLUIT)
    dvo = services.terminate(actor=actor_named("burgemeester.laren"), dvo=dvo, besluit=DB_BESLUIT)
    assert dvo.status == lifecycle.BEEINDIGD


def test_a_stale_version_is_refused(actor_named: Any) -> None:
    dvo = concept(actor_named)
    with pytest.raises(StaleVersion):
        services.update_dvo(
            actor=actor_named("directeur.bel"), dvo=dvo, changes={"titel": "B"}, expected_version=1
        )


def test_the_buttons_follow_the_table(actor_named: Any) -> None:
    from seta.autorisaties import policy

    dvo = concept(actor_named)
    assert policy.toegestane_acties(actor_named("directeur.bel"), dvo) == ["wijzigen"]
    assert policy.toegestane_acties(actor_named("burgemeester.blaricum"), dvo) == ["collegebesluit"]
    assert policy.toegestane_acties(actor_named("wethouder.blaricum"), dvo) == [
        "collegebesluit",
        "vaststellen",
    ]
    assert policy.toegestane_acties(actor_named("burgemeester.laren"), dvo) == ["vaststellen"]
    dvo = services.record_college(actor=actor_named("wethouder.blaricum"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    assert policy.toegestane_acties(actor_named("burgemeester.blaricum"), dvo) == []


def test_norms_in_words() -> None:
    norm = (
        Dienstverleningsovereenkomst.objects.get(kenmerk="DVO-BEL-BLA")
        .afspraken.get(catalogusitem__code="omgevingsvergunning")
        .normen.get(soort="doorlooptijd")
    )
    assert selectors.norm_tekst(norm) == (
        "Doorlooptijd: 8 weken (56 kalenderdagen), streefpercentage 90 %, Omgevingswet art. 16.64 (8 weken)"
    )


def test_a_partners_college_is_not_a_governance_body(actor_named: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        besluiten.set_authority(
            actor=actor_named("beheerder"), samenwerkingsverband=bel(), onderwerp="dvo", orgaan="college"
        )
    assert "orgaan" in exc.value.fields
    record = besluiten.set_authority(
        actor=actor_named("beheerder"), samenwerkingsverband=bel(), onderwerp="dvo", orgaan="algemeen_bestuur"
    )
    assert record.orgaan == "algemeen_bestuur"


def test_the_table_has_no_dead_states_and_drives_rules_and_routes() -> None:
    from django.urls import reverse

    from seta.autorisaties import policy

    assert lifecycle.bereikbaar() == set(lifecycle.STATUSSEN)
    for actie in lifecycle.ACTIES:
        assert f"dvo.{actie}" in policy.RULES, actie
        if actie != lifecycle.WIJZIGEN:
            pad = reverse(f"api:dienstverleningsovereenkomst-{actie}", args=[1])
            assert pad.endswith(f"/1/{lifecycle.url_deel(actie)}"), pad


@given(
    termijn=st.integers(min_value=1, max_value=3650),
    dagsoort=st.sampled_from(["werkdagen", "kalenderdagen"]),
)
def test_a_term_in_words_keeps_its_days(termijn: int, dagsoort: str) -> None:
    tekst = selectors.termijn_tekst(termijn, dagsoort)
    per_week = 5 if dagsoort == "werkdagen" else 7
    if " weken (" in tekst:
        weken = int(tekst.split(" ")[0])
        assert weken * per_week == termijn and f"({termijn} {dagsoort})" in tekst
    else:
        assert tekst.startswith(f"{termijn} {dagsoort[:-2] if termijn == 1 else dagsoort}")


@given(laag=st.integers(min_value=0, max_value=1000), hoog=st.integers(min_value=0, max_value=1000))
def test_a_volume_band_is_refused_exactly_when_min_exceeds_max(laag: int, hoog: int) -> None:
    fouten = services._Fouten()
    services.validate_norm(
        services.NormInvoer(soort="volume", omschrijving="Aanvragen", volume_min=laag, volume_max=hoog),
        "",
        fouten,
    )
    assert ("volume_max" in fouten.velden) == (laag > hoog)
