"""Samenwerkingsverbanden through the services: partners, scope over time, boards, form consistency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties.actor import Actor, system_actor
from seta.core.errors import Forbidden, InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.gemeenten.models import Functie, Functionaris, Gemeente
from seta.samenwerkingsverbanden import selectors, services
from seta.samenwerkingsverbanden.models import (
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Menu,
    Rechtsvorm,
    Samenwerkingsverband,
    Taakgebied,
)

SYSTEEM = system_actor("demo")

ActorNamed = Callable[[str], Actor]


def sv(slug: str) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug=slug)


def g(slug: str) -> Gemeente:
    return Gemeente.objects.get(slug=slug)


def functionaris(username: str) -> Functionaris:
    return Functionaris.objects.get(gebruiker__username=username)


# --- the demo ----------------------------------------------------------------------------------------------
def test_demo_cooperations(db: Any) -> None:
    bel, gtb, kempen = sv("bel"), sv("gtb"), sv("kempen")
    assert (bel.menu, bel.startdatum, bel.gemeentesecretaris_is_directeur) == (
        Menu.AMBTELIJKE_FUSIE,
        dt.date(2008, 1, 1),
        False,
    )
    assert {d.gemeente.slug for d in bel.deelnemers.all()} == {"blaricum", "eemnes", "laren"}
    assert (gtb.menu, gtb.rechtsvorm) == (Menu.GASTHEERGEMEENTE, Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE)
    assert gtb.gastheergemeente == g("groningen") and gtb.einddatum == dt.date(2019, 1, 1)
    assert gtb.deelnemers.get(gemeente__slug="ten-boer").uittredingsdatum == dt.date(2019, 1, 1)
    assert kempen.menu == Menu.FUNCTIONELE_INTEGRATIE and kempen.deelnemers.count() == 5
    assert kempen.gemeentesecretaris_is_directeur


def test_bel_boards_follow_figure_2(db: Any) -> None:
    bestuur = selectors.bestuur_of(_beheerder_actor(), sv("bel"), dt.date(2026, 11, 2))
    college = Functionaris.objects.actief(dt.date(2026, 11, 2)).filter(
        gemeente__slug__in=["blaricum", "eemnes", "laren"],
        functie__in=[Functie.BURGEMEESTER, Functie.WETHOUDER],
    )
    assert {b.functionaris_id for b in bestuur.algemeen_bestuur} == set(college.values_list("pk", flat=True))
    db_functies = sorted(b.functionaris.functie for b in bestuur.dagelijks_bestuur)
    assert db_functies == ["burgemeester", "wethouder", "wethouder"]
    assert len({b.functionaris.gemeente_id for b in bestuur.dagelijks_bestuur}) == 3


def _beheerder_actor() -> Actor:
    from django.contrib.auth import get_user_model

    from seta.autorisaties.actor import actor_for

    return actor_for(get_user_model().objects.get(username="beheerder"))


def test_ten_boer_keeps_seeing_its_history(actor_named: ActorNamed) -> None:
    actor = actor_named("burgemeester.ten-boer")
    assert sv("gtb").pk in actor.partner_sv_ids
    assert selectors.samenwerkingsverbanden_for(actor).filter(slug="gtb").exists()
    scope = selectors.op_datum(
        selectors.inbreng_for(actor).filter(deelnemer__samenwerkingsverband__slug="gtb"), dt.date(2018, 6, 1)
    )
    assert scope.count() == Taakgebied.objects.count()
    assert (
        not selectors.op_datum(selectors.inbreng_for(actor), dt.date(2019, 1, 1))
        .filter(deelnemer__gemeente__slug="ten-boer")
        .exists()
    )


def test_scope_on_a_date_shows_the_growth(actor_named: ActorNamed) -> None:
    actor = actor_named("raadslid.laren")
    laren = selectors.inbreng_for(actor).filter(
        deelnemer__samenwerkingsverband__slug="bel", deelnemer__gemeente__slug="laren"
    )
    voor = set(selectors.op_datum(laren, dt.date(2014, 12, 31)).values_list("taakgebied__code", flat=True))
    na = set(selectors.op_datum(laren, dt.date(2015, 1, 1)).values_list("taakgebied__code", flat=True))
    assert na - voor == {"sociaal-domein"}
    kempen_oirschot = selectors.inbreng_for(actor_named("wethouder.oirschot")).filter(
        deelnemer__gemeente__slug="oirschot", taakgebied__code="sociaal-domein"
    )
    assert [i.vanaf for i in kempen_oirschot] == [dt.date(2011, 1, 1)]


# --- partners ---------------------------------------------------------------------------------------------
def test_joining_partner_takes_over_existing_agreements(actor_named: ActorNamed) -> None:
    bel = sv("bel")
    in_pool = {t.code for t in services.taakgebieden_in_pool(bel, dt.date(2027, 1, 1))}
    assert len(in_pool) == 11
    deelnemer = services.add_deelnemer(
        actor=actor_named("wethouder.blaricum"),
        samenwerkingsverband=bel,
        gemeente=g("huizen"),
        toetredingsdatum=dt.date(2027, 1, 1),
    )
    assert deelnemer.neemt_bestaande_afspraken_over
    assert {i.taakgebied.code for i in deelnemer.inbreng.all()} == in_pool
    assert all(i.vanaf == dt.date(2027, 1, 1) and i.tot is None for i in deelnemer.inbreng.all())
    notes = AuditEvent.objects.filter(actie="inbreng.toevoegen", actor_naam="wethouder.blaricum").values_list(
        "toelichting", flat=True
    )
    assert len(notes) == 11 and all("Overgenomen bij toetreding" in n for n in notes)
    assert AuditEvent.objects.filter(actie="deelnemer.toetreden", object_id=str(deelnemer.pk)).exists()
    # not on a date where it is already a partner
    with pytest.raises(InvalidInput) as info:
        services.add_deelnemer(
            actor=SYSTEEM,
            samenwerkingsverband=bel,
            gemeente=g("huizen"),
            toetredingsdatum=dt.date(2028, 1, 1),
        )
    assert "gemeente" in info.value.fields


def test_join_validation(db: Any) -> None:
    with pytest.raises(InvalidInput) as info:
        services.add_deelnemer(
            actor=SYSTEEM,
            samenwerkingsverband=sv("bel"),
            gemeente=g("ten-boer"),
            toetredingsdatum=dt.date(2007, 1, 1),
        )
    assert set(info.value.fields) == {"toetredingsdatum"}
    with pytest.raises(InvalidInput) as info:
        services.add_deelnemer(
            actor=SYSTEEM,
            samenwerkingsverband=sv("bel"),
            gemeente=g("ten-boer"),
            toetredingsdatum=dt.date(2020, 1, 1),
        )
    assert set(info.value.fields) == {"gemeente"}
    with pytest.raises(InvalidInput) as info:
        services.add_deelnemer(
            actor=SYSTEEM,
            samenwerkingsverband=sv("gtb"),
            gemeente=g("westerkwartier"),
            toetredingsdatum=dt.date(2020, 1, 1),
        )
    assert set(info.value.fields) == {"toetredingsdatum"}


def test_who_may_change_partners(actor_named: ActorNamed) -> None:
    args = {
        "samenwerkingsverband": sv("bel"),
        "gemeente": g("huizen"),
        "toetredingsdatum": dt.date(2027, 1, 1),
    }
    with pytest.raises(Forbidden):  # AB member, may read, not change
        services.add_deelnemer(actor=actor_named("burgemeester.blaricum"), **args)
    with pytest.raises(Forbidden):
        services.add_deelnemer(actor=actor_named("raadslid.laren"), **args)
    with pytest.raises(NotFound):  # a Kempen wethouder may not even know BEL's records
        services.add_deelnemer(actor=actor_named("wethouder.bladel"), **args)
    services.add_deelnemer(actor=actor_named("beheerder"), **args)


def test_leaving_ends_scope_and_seats(actor_named: ActorNamed) -> None:
    kempen = sv("kempen")
    bergeijk = kempen.deelnemers.get(gemeente__slug="bergeijk")
    services.end_deelnemerschap(
        actor=actor_named("wethouder.bladel"), deelnemer=bergeijk, uittredingsdatum=dt.date(2027, 1, 1)
    )
    assert not bergeijk.inbreng.filter(tot__isnull=True).exists()
    assert set(bergeijk.inbreng.values_list("tot", flat=True)) == {dt.date(2027, 1, 1)}
    zetels = Bestuurslid.objects.filter(samenwerkingsverband=kempen, functionaris__gemeente__slug="bergeijk")
    assert zetels.exists() and all(z.einddatum == dt.date(2026, 12, 31) for z in zetels)
    with pytest.raises(InvalidInput):
        services.end_deelnemerschap(actor=SYSTEEM, deelnemer=bergeijk, uittredingsdatum=dt.date(2028, 1, 1))


def test_the_host_cannot_leave_a_running_menu_3(db: Any) -> None:
    nieuw = services.create_samenwerkingsverband(
        actor=SYSTEEM,
        naam="Gastheer test",
        slug="gastheer-test",
        menu=Menu.GASTHEERGEMEENTE,
        rechtsvorm=Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE,
        startdatum=dt.date(2025, 1, 1),
        deelnemers=[g("groningen"), g("westerkwartier")],
        gastheergemeente=g("groningen"),
    )
    with pytest.raises(InvalidInput) as info:
        services.end_deelnemerschap(
            actor=SYSTEEM,
            deelnemer=nieuw.deelnemers.get(gemeente__slug="groningen"),
            uittredingsdatum=dt.date(2026, 1, 1),
        )
    assert "gemeente" in info.value.fields


# --- scope over time ----------------------------------------------------------------------------------------
def test_inbreng_periods_do_not_overlap(actor_named: ActorNamed) -> None:
    actor = actor_named("wethouder.eemnes")
    blaricum = sv("bel").deelnemers.get(gemeente__slug="blaricum")
    hr = Taakgebied.objects.get(code="hr")
    with pytest.raises(InvalidInput) as info:
        services.bring_in_taakgebied(
            actor=actor, deelnemer=blaricum, taakgebied=hr, vanaf=dt.date(2020, 1, 1)
        )
    assert "taakgebied" in info.value.fields and "al in de pool" in info.value.fields["taakgebied"][0]

    bestaand = Inbreng.objects.get(deelnemer=blaricum, taakgebied=hr)
    services.take_out_taakgebied(actor=actor, inbreng=bestaand, tot=dt.date(2025, 1, 1))
    with pytest.raises(InvalidInput):  # [2024, 2026) overlaps [2008, 2025)
        services.bring_in_taakgebied(
            actor=actor, deelnemer=blaricum, taakgebied=hr, vanaf=dt.date(2024, 1, 1), tot=dt.date(2026, 1, 1)
        )
    terug = services.bring_in_taakgebied(
        actor=actor, deelnemer=blaricum, taakgebied=hr, vanaf=dt.date(2025, 1, 1)
    )
    assert terug.vanaf == dt.date(2025, 1, 1)
    assert Inbreng.objects.filter(deelnemer=blaricum, taakgebied=hr).count() == 2


def test_inbreng_within_membership(db: Any) -> None:
    ten_boer = sv("gtb").deelnemers.get(gemeente__slug="ten-boer")
    groningen = sv("gtb").deelnemers.get(gemeente__slug="groningen")
    with pytest.raises(InvalidInput) as info:
        services.bring_in_taakgebied(
            actor=SYSTEEM,
            deelnemer=ten_boer,
            taakgebied=Taakgebied.objects.get(code="hr"),
            vanaf=dt.date(2019, 6, 1),
        )
    assert "vanaf" in info.value.fields
    with pytest.raises(InvalidInput) as info:
        services.bring_in_taakgebied(
            actor=SYSTEEM,
            deelnemer=groningen,
            taakgebied=Taakgebied.objects.get(code="hr"),
            vanaf=dt.date(2007, 6, 1),
            tot=dt.date(2007, 1, 1),
        )
    assert set(info.value.fields) == {"vanaf", "tot"}


# --- boards -------------------------------------------------------------------------------------------------
def test_board_members_are_college_members_of_a_partner(actor_named: ActorNamed) -> None:
    actor = actor_named("beheerder")
    bel = sv("bel")
    raadslid = functionaris("raadslid.laren")
    with pytest.raises(InvalidInput) as info:
        services.add_bestuurslid(
            actor=actor,
            samenwerkingsverband=bel,
            functionaris=raadslid,
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            begindatum=dt.date(2026, 1, 1),
        )
    assert "collegeleden" in info.value.fields["functionaris"][0]
    with pytest.raises(InvalidInput) as info:  # a wethouder, but of Bladel: not a partner of BEL
        services.add_bestuurslid(
            actor=actor,
            samenwerkingsverband=bel,
            functionaris=functionaris("wethouder.bladel"),
            orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
            begindatum=dt.date(2026, 1, 1),
        )
    assert "geen deelnemer" in info.value.fields["functionaris"][0]
    wethouder = functionaris("wethouder.laren")
    with pytest.raises(InvalidInput) as info:  # before this wethouder took office
        services.add_bestuurslid(
            actor=actor,
            samenwerkingsverband=bel,
            functionaris=wethouder,
            orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
            begindatum=dt.date(2010, 1, 1),
        )
    assert "geen wethouder" in info.value.fields["functionaris"][0]
    with pytest.raises(InvalidInput) as info:  # already in the AB, and the DB already has a chair
        services.add_bestuurslid(
            actor=actor,
            samenwerkingsverband=bel,
            functionaris=wethouder,
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            begindatum=dt.date(2026, 1, 1),
            voorzitter=True,
        )
    assert set(info.value.fields) == {"functionaris", "voorzitter"}
    lid = services.add_bestuurslid(
        actor=actor,
        samenwerkingsverband=bel,
        functionaris=wethouder,
        orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
        begindatum=dt.date(2026, 1, 1),
    )
    services.end_bestuurslid(actor=actor, bestuurslid=lid, einddatum=dt.date(2026, 6, 30))
    lid.refresh_from_db()
    assert lid.einddatum == dt.date(2026, 6, 30)


def test_a_ten_boer_wethouder_cannot_join_after_the_merger(db: Any) -> None:
    with pytest.raises(InvalidInput):
        services.add_bestuurslid(
            actor=SYSTEEM,
            samenwerkingsverband=sv("gtb"),
            functionaris=functionaris("wethouder.ten-boer"),
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            begindatum=dt.date(2019, 3, 1),
        )
    lid = services.add_bestuurslid(
        actor=SYSTEEM,
        samenwerkingsverband=sv("gtb"),
        functionaris=functionaris("wethouder.ten-boer"),
        orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
        begindatum=dt.date(2016, 3, 1),
        einddatum=dt.date(2018, 12, 31),
    )
    assert lid.pk


# --- form of the cooperation ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("menu", "rechtsvorm", "gastheer", "velden"),
    [
        (Menu.GASTHEERGEMEENTE, Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE, None, {"gastheergemeente"}),
        (Menu.GASTHEERGEMEENTE, Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE, "groningen", {"gastheergemeente"}),
        (Menu.FUNCTIONELE_INTEGRATIE, Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE, None, {"rechtsvorm"}),
        (Menu.AMBTELIJKE_FUSIE, Rechtsvorm.BEDRIJFSVOERINGSORGANISATIE, "huizen", {"gastheergemeente"}),
    ],
)
def test_menu_and_legal_form_must_fit(
    menu: str, rechtsvorm: str, gastheer: str | None, velden: set[str], db: Any
) -> None:
    with pytest.raises(InvalidInput) as info:
        services.create_samenwerkingsverband(
            actor=SYSTEEM,
            naam="Test",
            slug="test",
            menu=menu,
            rechtsvorm=rechtsvorm,
            startdatum=dt.date(2025, 1, 1),
            deelnemers=[g("huizen"), g("gooise-meren")],
            gastheergemeente=g(gastheer) if gastheer else None,
        )
    assert set(info.value.fields) == velden


def test_only_the_beheerder_founds_a_cooperation(actor_named: ActorNamed) -> None:
    args: dict[str, Any] = {
        "naam": "Gooi",
        "slug": "gooi",
        "menu": Menu.AMBTELIJKE_FUSIE,
        "rechtsvorm": Rechtsvorm.OPENBAAR_LICHAAM,
        "startdatum": dt.date(2027, 1, 1),
        "deelnemers": [g("huizen"), g("gooise-meren")],
    }
    with pytest.raises(Forbidden):
        services.create_samenwerkingsverband(actor=actor_named("wethouder.blaricum"), **args)
    nieuw = services.create_samenwerkingsverband(actor=actor_named("beheerder"), **args)
    assert (
        Deelnemer.objects.filter(samenwerkingsverband=nieuw, toetredingsdatum=dt.date(2027, 1, 1)).count()
        == 2
    )
    with pytest.raises(InvalidInput) as info:
        services.create_samenwerkingsverband(
            actor=actor_named("beheerder"), **{**args, "deelnemers": [g("huizen")]}
        )
    assert set(info.value.fields) >= {"deelnemers", "naam", "slug"}


def test_update_checks_consistency(actor_named: ActorNamed) -> None:
    actor = actor_named("wethouder.blaricum")
    bel = sv("bel")
    with pytest.raises(InvalidInput) as info:
        services.update_samenwerkingsverband(
            actor=actor, samenwerkingsverband=bel, menu=Menu.GASTHEERGEMEENTE, gastheergemeente=g("huizen")
        )
    assert "gastheergemeente" in info.value.fields
    services.update_samenwerkingsverband(
        actor=actor,
        samenwerkingsverband=bel,
        menu=Menu.GASTHEERGEMEENTE,
        gastheergemeente=g("laren"),
        expected_version=bel.versie,
    )
    bel.refresh_from_db()
    assert bel.gastheergemeente == g("laren")
