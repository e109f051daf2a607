"""Services of the werkorganisatie, as the demo users would call them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from seta.autorisaties.actor import Actor
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, StaleVersion
from seta.core.models import AuditEvent
from seta.gemeenten.models import Gemeente
from seta.organisatie import services
from seta.organisatie.models import Eenheid, Medewerker, Soort
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

ActorOf = Callable[[str], Actor]
EenheidOf = Callable[[str, str], Eenheid]


def sv(slug: str) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug=slug)


def gemeente(slug: str) -> Gemeente:
    return Gemeente.objects.get(slug=slug)


# --- eenheden -------------------------------------------------------------------------------------------------
def test_directeur_creates_a_team_and_it_is_audited(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    team = services.create_eenheid(
        actor=actor_named("directeur.bel"),
        samenwerkingsverband=sv("bel"),
        naam="Team Duurzaamheid",
        code="duurzaamheid",
        soort=Soort.TEAM,
        bovenliggend=eenheid("bel", "fysiek"),
    )
    assert team.bovenliggend == eenheid("bel", "fysiek")
    assert AuditEvent.objects.filter(actie="eenheid.aanmaken", object_id=str(team.pk)).exists()


def test_moving_a_unit_under_its_own_team_is_refused(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.move_eenheid(
            actor=actor_named("directeur.bel"),
            eenheid=eenheid("bel", "sociaal"),
            bovenliggend=eenheid("bel", "werk-inkomen"),
        )
    assert "bovenliggend" in exc.value.fields
    with pytest.raises(InvalidInput):
        services.move_eenheid(
            actor=actor_named("directeur.bel"),
            eenheid=eenheid("bel", "sociaal"),
            bovenliggend=eenheid("bel", "sociaal"),
        )
    assert eenheid("bel", "sociaal").bovenliggend == eenheid("bel", "directie")


def test_move_and_rename_work_and_bump_the_version(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    sport = eenheid("bel", "sport")
    versie = sport.versie
    services.move_eenheid(
        actor=actor_named("directeur.bel"),
        eenheid=sport,
        bovenliggend=eenheid("bel", "sociaal"),
        expected_version=versie,
    )
    sport = services.rename_eenheid(
        actor=actor_named("directeur.bel"), eenheid=sport, naam="Team Sport en Bewegen"
    )
    assert (sport.naam, sport.bovenliggend_id, sport.versie) == (
        "Team Sport en Bewegen",
        eenheid("bel", "sociaal").pk,
        versie + 2,
    )
    with pytest.raises(StaleVersion):
        services.rename_eenheid(
            actor=actor_named("directeur.bel"), eenheid=sport, naam="X", expected_version=versie
        )


def test_parent_must_be_of_the_same_cooperation(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    with pytest.raises((InvalidInput, NotFound)):
        services.move_eenheid(
            actor=actor_named("directeur.bel"),
            eenheid=eenheid("bel", "sport"),
            bovenliggend=eenheid("kempen", "ict"),
        )


def test_duplicate_code_is_refused_naming_the_field(actor_named: ActorOf) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.create_eenheid(
            actor=actor_named("directeur.bel"), samenwerkingsverband=sv("bel"), naam="Dubbel", code="sport"
        )
    assert "code" in exc.value.fields


@pytest.mark.parametrize(
    ("directeur", "verband", "gast", "ok"),
    [
        ("directeur.kempen", "kempen", "eersel", True),  # Menu 1: a partner hosts
        ("directeur.kempen", "kempen", "laren", False),  # not a partner
        ("directeur.bel", "bel", "laren", False),  # Menu 2: one pool, no host
        ("directeur.gtb", "gtb", "groningen", True),  # Menu 3: the gastheergemeente
        ("directeur.gtb", "gtb", "ten-boer", False),  # Menu 3: not the gastheergemeente
    ],
)
def test_gastgemeente_rules(actor_named: ActorOf, directeur: str, verband: str, gast: str, ok: bool) -> None:
    def create() -> Eenheid:
        return services.create_eenheid(
            actor=actor_named(directeur),
            samenwerkingsverband=sv(verband),
            naam="Team Nieuw",
            code="nieuw",
            gastgemeente=gemeente(gast),
        )

    if ok:
        assert create().gastgemeente == gemeente(gast)
    else:
        with pytest.raises(InvalidInput) as exc:
            create()
        assert "gastgemeente" in exc.value.fields


def test_only_the_directeur_changes_units(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    with pytest.raises(Forbidden):
        services.rename_eenheid(
            actor=actor_named("teamleider.bel"), eenheid=eenheid("bel", "sociaal"), naam="X"
        )
    with pytest.raises(NotFound):  # a raadslid may read the unit: 403; a Kempen teamleider may not: 404
        services.rename_eenheid(
            actor=actor_named("teamleider.kempen"), eenheid=eenheid("bel", "sociaal"), naam="X"
        )
    with pytest.raises(Forbidden):
        services.rename_eenheid(
            actor=actor_named("raadslid.laren"), eenheid=eenheid("bel", "sociaal"), naam="X"
        )


# --- medewerkers ----------------------------------------------------------------------------------------------
def test_teamleider_manages_staff_under_them_only(
    actor_named: ActorOf,
    staff_of: Callable[[str], Medewerker],
    colleague: Callable[[str, str], Medewerker],
    eenheid: EenheidOf,
) -> None:
    tl = actor_named("teamleider.bel")
    mw = staff_of("medewerker.bel")
    mw = services.update_medewerker(
        actor=tl, medewerker=mw, fte=Decimal("0.8"), functietitel="Senior klantmanager"
    )
    assert (mw.fte, mw.functietitel) == (Decimal("0.80"), "Senior klantmanager")
    # Move within the units under the teamleider: allowed.
    mw = services.move_medewerker(actor=tl, medewerker=mw, eenheid=eenheid("bel", "maatschappelijke-zaken"))
    assert mw.eenheid.code == "maatschappelijke-zaken"
    # Move out of them: refused, and staff elsewhere cannot be changed.
    with pytest.raises(Forbidden):
        services.move_medewerker(actor=tl, medewerker=mw, eenheid=eenheid("bel", "financien"))
    with pytest.raises(Forbidden):
        services.update_medewerker(actor=tl, medewerker=colleague("bel", "financien"), fte=Decimal("0.5"))
    # Nor may a teamleider appoint a manager.
    with pytest.raises(Forbidden):
        services.update_medewerker(actor=tl, medewerker=mw, positie="teamleider")
    with pytest.raises(Forbidden):
        services.hire_medewerker(
            actor=tl, eenheid=eenheid("bel", "werk-inkomen"), naam="Nieuwe Chef", positie="teamleider"
        )


def test_teamleider_hires_in_own_team_not_elsewhere(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    tl = actor_named("teamleider.bel")
    m = services.hire_medewerker(
        actor=tl,
        eenheid=eenheid("bel", "werk-inkomen"),
        naam="Sanne Vermeer",
        fte="0.72",
        schaal=9,
        afkomstig_van=gemeente("eemnes"),
        in_dienst=dt.date(2026, 1, 1),
    )
    assert m.fte == Decimal("0.72")
    assert AuditEvent.objects.filter(actie="medewerker.aannemen", object_id=str(m.pk)).exists()
    with pytest.raises(Forbidden):
        services.hire_medewerker(actor=tl, eenheid=eenheid("bel", "hr"), naam="Iemand Anders")
    with pytest.raises(NotFound):  # personal data of another cooperation: not even known
        services.hire_medewerker(
            actor=actor_named("teamleider.kempen"), eenheid=eenheid("bel", "hr"), naam="X"
        )
    with pytest.raises(NotFound):
        services.hire_medewerker(actor=actor_named("raadslid.laren"), eenheid=eenheid("bel", "hr"), naam="X")


@pytest.mark.parametrize(
    ("fte", "ok"),
    [
        ("0.01", True),
        ("1.50", True),
        ("1", True),
        ("0", False),
        ("1.51", False),
        ("-0.5", False),
        ("veel", False),
    ],
)
def test_fte_bounds(actor_named: ActorOf, eenheid: EenheidOf, fte: Any, ok: bool) -> None:
    def hire() -> Medewerker:
        return services.hire_medewerker(
            actor=actor_named("directeur.bel"), eenheid=eenheid("bel", "hr"), naam="Test Persoon", fte=fte
        )

    if ok:
        assert Decimal("0.01") <= hire().fte <= Decimal("1.50")
    else:
        with pytest.raises(InvalidInput) as exc:
            hire()
        assert list(exc.value.fields) == ["fte"]


def test_invalid_fields_are_all_named(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.hire_medewerker(
            actor=actor_named("directeur.bel"),
            eenheid=eenheid("bel", "hr"),
            naam=" ",
            fte="2",
            afkomstig_van=gemeente("eersel"),
        )
    assert set(exc.value.fields) == {"naam", "fte", "afkomstig_van"}


def test_leaving_ends_changes(actor_named: ActorOf, colleague: Callable[[str, str], Medewerker]) -> None:
    d = actor_named("directeur.bel")
    m = services.end_medewerker(actor=d, medewerker=colleague("bel", "hr"), uit_dienst=dt.date(2026, 1, 31))
    assert m.uit_dienst == dt.date(2026, 1, 31)
    with pytest.raises(Conflict):
        services.update_medewerker(actor=d, medewerker=m, fte=Decimal("0.5"))
    with pytest.raises(Conflict):
        services.end_medewerker(actor=d, medewerker=m)


def test_leave_date_before_start_is_refused(
    actor_named: ActorOf, colleague: Callable[[str, str], Medewerker]
) -> None:
    m = colleague("bel", "hr")
    with pytest.raises(InvalidInput) as exc:
        services.end_medewerker(
            actor=actor_named("directeur.bel"), medewerker=m, uit_dienst=m.in_dienst - dt.timedelta(days=1)
        )
    assert "uit_dienst" in exc.value.fields


def test_competenties_are_added_by_a_directeur_only(actor_named: ActorOf) -> None:
    c = services.create_competentie(actor=actor_named("directeur.gtb"), naam="Gaswinning en versterking")
    assert AuditEvent.objects.filter(actie="competentie.aanmaken", object_id=str(c.pk)).exists()
    with pytest.raises(InvalidInput):
        services.create_competentie(actor=actor_named("directeur.bel"), naam="gaswinning en versterking")
    with pytest.raises(Forbidden):
        services.create_competentie(actor=actor_named("teamleider.bel"), naam="Iets")


# --- personeelsnummer -----------------------------------------------------------------------------------------
def test_personeelsnummer_on_hire_is_unique_per_cooperation(actor_named: ActorOf, eenheid: EenheidOf) -> None:
    d = actor_named("directeur.bel")
    m = services.hire_medewerker(
        actor=d, eenheid=eenheid("bel", "hr"), naam="Nina Peeters", personeelsnummer=" BEL-09001 "
    )
    assert m.personeelsnummer == "BEL-09001"
    # The same number again in BEL (also in other letters) is refused, naming the field.
    with pytest.raises(InvalidInput) as exc:
        services.hire_medewerker(
            actor=d, eenheid=eenheid("bel", "financien"), naam="Otto Peeters", personeelsnummer="bel-09001"
        )
    assert list(exc.value.fields) == ["personeelsnummer"]
    assert exc.value.fields["personeelsnummer"] == [
        "Het personeelsnummer 'bel-09001' is al in gebruik in dit samenwerkingsverband."
    ]
    # Another cooperation has its own numbering.
    other = services.hire_medewerker(
        actor=actor_named("directeur.kempen"),
        eenheid=eenheid("kempen", "hr"),
        naam="Nina Peeters",
        personeelsnummer="BEL-09001",
    )
    assert other.personeelsnummer == "BEL-09001"
    # Old-style records without a number stay possible (and do not collide with each other).
    a = services.hire_medewerker(actor=d, eenheid=eenheid("bel", "hr"), naam="Zonder Nummer")
    b = services.hire_medewerker(actor=d, eenheid=eenheid("bel", "hr"), naam="Ook Zonder")
    assert a.personeelsnummer == b.personeelsnummer == ""


@pytest.mark.parametrize("nummer", ["BEL 00123", "-123", "BEL-", "X" * 21, "nr#5", "BEL-00101"])
def test_invalid_or_taken_personeelsnummer_is_named(
    actor_named: ActorOf, eenheid: EenheidOf, nummer: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.hire_medewerker(
            actor=actor_named("directeur.bel"),
            eenheid=eenheid("bel", "hr"),
            naam="Test Persoon",
            personeelsnummer=nummer,
        )
    assert list(exc.value.fields) == ["personeelsnummer"]
    assert "personeelsnummer" in exc.value.fields["personeelsnummer"][0].lower()


@pytest.mark.parametrize("nummer", ["123456", "BEL-00123", "GR/2019/17", "a.b_c"])
def test_valid_personeelsnummer_shapes(actor_named: ActorOf, eenheid: EenheidOf, nummer: str) -> None:
    m = services.hire_medewerker(
        actor=actor_named("directeur.gtb"),
        eenheid=eenheid("gtb", "hr"),
        naam="Test Persoon",
        personeelsnummer=nummer,
    )
    assert m.personeelsnummer == nummer


def test_update_personeelsnummer(actor_named: ActorOf, colleague: Callable[[str, str], Medewerker]) -> None:
    tl = actor_named("teamleider.bel")
    m = colleague("bel", "werk-inkomen")
    ander = colleague("bel", "maatschappelijke-zaken")
    assert m.personeelsnummer and ander.personeelsnummer  # the demo numbers everyone
    with pytest.raises(InvalidInput) as exc:
        services.update_medewerker(actor=tl, medewerker=m, personeelsnummer=ander.personeelsnummer)
    assert list(exc.value.fields) == ["personeelsnummer"]
    with pytest.raises(InvalidInput) as exc:
        services.update_medewerker(actor=tl, medewerker=m, personeelsnummer="  ")
    assert exc.value.fields["personeelsnummer"] == [
        "Een personeelsnummer kan niet worden gewist; geef zo nodig een ander nummer."
    ]
    # Keeping one's own number (another field changes) is no conflict with oneself.
    m = services.update_medewerker(
        actor=tl, medewerker=m, personeelsnummer=m.personeelsnummer, fte=Decimal("0.90")
    )
    m = services.update_medewerker(
        actor=tl, medewerker=m, personeelsnummer="BEL-77777", expected_version=m.versie
    )
    assert Medewerker.objects.get(pk=m.pk).personeelsnummer == "BEL-77777"
    event = AuditEvent.objects.filter(actie="medewerker.wijzigen", object_id=str(m.pk)).latest("pk")
    assert event.na["personeelsnummer"] == "BEL-77777"
