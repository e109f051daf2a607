"""The demo organisations are believable: sizes, hosts per menu, logins linked to staff, eenmansposten."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties.actor import Rol
from seta.organisatie import selectors
from seta.organisatie.models import Eenheid, Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["bel", "gtb", "kempen"])
def test_size_between_40_and_300(slug: str) -> None:
    aantal = Medewerker.objects.filter(samenwerkingsverband__slug=slug, uit_dienst__isnull=True).count()
    assert 40 <= aantal <= 300


def test_bel_has_the_kompanjie_shape() -> None:
    eenheden = Eenheid.objects.filter(samenwerkingsverband__slug="bel")
    namen = {e.code for e in eenheden.filter(soort="eenheid")}
    assert namen == {"dienstverlening", "fysiek", "sociaal", "bedrijfsvoering"}
    for e in eenheden.filter(soort="eenheid"):
        assert 2 <= e.onderdelen.count() <= 5
    assert not eenheden.filter(gastgemeente__isnull=False).exists()  # Menu 2: nothing hosted
    assert Medewerker.objects.filter(samenwerkingsverband__slug="bel", positie="controller").exists()


def test_kempen_units_are_hosted_by_different_partners() -> None:
    kempen = Samenwerkingsverband.objects.get(slug="kempen")
    partners = set(kempen.deelnemers.values_list("gemeente_id", flat=True))
    hosts = set(
        Eenheid.objects.filter(samenwerkingsverband=kempen, soort="eenheid").values_list(
            "gastgemeente_id", flat=True
        )
    )
    assert None not in hosts and hosts <= partners and len(hosts) == 5


def test_gtb_units_are_hosted_by_groningen() -> None:
    gtb = Samenwerkingsverband.objects.get(slug="gtb")
    assert gtb.gastheergemeente is not None
    hosts = set(Eenheid.objects.filter(samenwerkingsverband=gtb).values_list("gastgemeente_id", flat=True))
    assert hosts == {gtb.gastheergemeente_id}


@pytest.mark.parametrize("slug", ["bel", "gtb", "kempen"])
def test_pool_logins_hold_their_role(slug: str, actor_named: Callable[[str], Any]) -> None:
    sv = Samenwerkingsverband.objects.get(slug=slug)
    for rol in (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.MEDEWERKER):
        actor = actor_named(f"{rol.value}.{slug}")
        assert actor.heeft(rol, samenwerkingsverband_id=sv.pk)
    teamleider = actor_named(f"teamleider.{slug}")
    medewerker = actor_named(f"medewerker.{slug}")
    # The teamleider leads a unit with teams, and the medewerker works in one of them.
    assert len(teamleider.beheerde_eenheid_ids) > 1
    assert next(r.eenheid_id for r in medewerker.rollen) in teamleider.beheerde_eenheid_ids


@pytest.mark.parametrize("slug", ["bel", "gtb", "kempen"])
def test_demo_shows_eenmansposten(slug: str, actor_named: Callable[[str], Any]) -> None:
    rapport = selectors.robuustheid_for(
        actor_named(f"directeur.{slug}"), Samenwerkingsverband.objects.get(slug=slug)
    )
    assert rapport.pool, "some rare competences should be held by one person"
    assert all(p.houder is not None for p in rapport.pool)
    assert rapport.aantal_competenties > len(rapport.pool)


@pytest.mark.parametrize(
    ("slug", "patroon"), [("bel", r"BEL-\d{5}"), ("gtb", r"\d{6}"), ("kempen", r"KMP-\d{4}")]
)
def test_every_demo_medewerker_has_a_unique_personeelsnummer(slug: str, patroon: str) -> None:
    import re

    nummers = list(
        Medewerker.objects.filter(samenwerkingsverband__slug=slug).values_list("personeelsnummer", flat=True)
    )
    assert nummers and all(re.fullmatch(patroon, n) for n in nummers)
    assert len(set(nummers)) == len(nummers)
