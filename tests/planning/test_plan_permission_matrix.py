"""The permission matrix of the plan: every demo-like role × every plan action, through the policy, and the key
cases again through the API and the pages, as the people would.

The subject is the BEL pool and its partner Laren. Columns:

- ``bere``/``lezn``/``aand``: ``plan.berekenen``, ``plan.lezen``, ``plan.aandelen_lezen`` on BEL;
- ``wnl``: ``plan.wat_als`` with a new assignment commissioned by Laren alone; ``wnb``: by Blaricum alone;
  ``wgz``: jointly by Blaricum and Laren; ``wpl``: a changed priority of a Laren assignment; ``wcp``: extra
  capacity (a pool-only change);
- ``rij``: ``plan.wachtrij_lezen`` of Laren;
- ``uit``: the outcome read scope (``planning.planuitkomst``) on a CONFIDENTIAL Laren assignment's outcome.

The table is written out by hand from the issue ("a wethouder of Laren sees Laren's queue and its share, not
Blaricum's confidential titles"; "before the college commissions or the pool accepts"), not derived from the code.
The beheerder reads the plan but tries nothing; board seats add nothing to the college role; the council has the
queue (public, commissioned work) but no what-if.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import ANONYMOUS, Actor
from seta.autorisaties.policy.watals import (
    CAPACITEIT,
    NIEUWE_OPDRACHT,
    PRIORITEIT,
    Watalscontext,
    Wijzigingsdoel,
)
from seta.gemeenten.models import Gemeente
from seta.planning.models import Planuitkomst

from .watals_hulp import GEHEIM, bel, bereken_plan, opdracht_in_plan, werk_inkomen

pytestmark = pytest.mark.django_db

KOLOMMEN = ["bere", "lezn", "aand", "wnl", "wnb", "wgz", "wpl", "wcp", "rij", "uit"]

TABEL = """
rol                 bere lezn aand wnl  wnb  wgz  wpl  wcp  rij  uit
directeur.bel       ok   ok   ok   ok   ok   ok   ok   ok   -    ok
controller.bel      ok   ok   ok   ok   ok   ok   ok   ok   -    ok
teamleider.bel      -    ok   ok   ok   ok   ok   ok   ok   -    ok
medewerker.bel      -    -    ok   -    -    -    -    -    -    ok
burgemeester.laren  -    -    ok   ok   -    ok   ok   -    ok   ok
wethouder.laren     -    -    ok   ok   -    ok   ok   -    ok   ok
secretaris.laren    -    -    ok   ok   -    ok   ok   -    ok   ok
regisseur.laren     -    -    ok   ok   -    ok   ok   -    ok   ok
raadslid.laren      -    -    ok   -    -    -    -    -    ok   -
griffier.laren      -    -    ok   -    -    -    -    -    ok   -
wethouder.blaricum  -    -    ok   -    ok   ok   -    -    -    -
regisseur.blaricum  -    -    ok   -    ok   ok   -    -    -    -
raadslid.blaricum   -    -    ok   -    -    -    -    -    -    -
wethouder.eemnes    -    -    ok   -    -    -    -    -    -    -
wethouder.bergeijk  -    -    -    -    -    -    -    -    -    -
regisseur.bladel    -    -    -    -    -    -    -    -    -    -
raadslid.eersel     -    -    -    -    -    -    -    -    -    -
directeur.kempen    -    -    -    -    -    -    -    -    -    -
teamleider.kempen   -    -    -    -    -    -    -    -    -    -
beheerder           -    ok   ok   -    -    -    -    -    -    ok
anoniem             -    -    -    -    -    -    -    -    -    -
"""

# Notes on cells that are not obvious:
# - medewerker.bel ``uit`` ok: a pool medewerker reads the confidential assignments of its own unit (the
#   assignment's read scope), and the test's Laren assignment is carried by that unit (Werk en inkomen).
# - wethouder.eemnes is an AB/DB member: the board sees the shares, not the titles or a what-if of Laren's work.


def _verwacht() -> dict[str, dict[str, bool]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert kop[1:] == KOLOMMEN
    return {rij[0]: {k: v == "ok" for k, v in zip(KOLOMMEN, rij[1:], strict=True)} for rij in rijen}


VERWACHT = _verwacht()


@pytest.fixture
def laren_geheim(actor_named: Callable[[str], Actor]) -> Any:
    return opdracht_in_plan(
        actor_named, titel="Vertrouwelijk Laren (matrix)", gemeente="laren", vertrouwelijk=True, uren=60
    )


def _actor(actor_named: Callable[[str], Actor], wie: str) -> Actor:
    return ANONYMOUS if wie == "anoniem" else actor_named(wie)


def _cellen(actor: Actor, laren_geheim: Any) -> dict[str, bool]:
    sv = bel()
    laren = Gemeente.objects.get(slug="laren")
    blaricum = Gemeente.objects.get(slug="blaricum")

    def wat_als(*doelen: Wijzigingsdoel) -> bool:
        return policy.can(actor, "plan.wat_als", Watalscontext(sv.pk, doelen))

    uitkomst = Planuitkomst.objects.filter(bestuursopdracht=laren_geheim).first()
    assert uitkomst is not None
    return {
        "bere": policy.can(actor, "plan.berekenen", sv),
        "lezn": policy.can(actor, "plan.lezen", sv),
        "aand": policy.can(actor, "plan.aandelen_lezen", sv),
        "wnl": wat_als(Wijzigingsdoel(NIEUWE_OPDRACHT, frozenset({laren.pk}))),
        "wnb": wat_als(Wijzigingsdoel(NIEUWE_OPDRACHT, frozenset({blaricum.pk}))),
        "wgz": wat_als(Wijzigingsdoel(NIEUWE_OPDRACHT, frozenset({laren.pk, blaricum.pk}))),
        "wpl": wat_als(Wijzigingsdoel(PRIORITEIT, frozenset({laren.pk}))),
        "wcp": wat_als(Wijzigingsdoel(CAPACITEIT)),
        "rij": policy.can(actor, "plan.wachtrij_lezen", laren),
        "uit": Planuitkomst.objects.filter(policy.scope(actor, "planning.planuitkomst"))
        .filter(pk=uitkomst.pk)
        .exists(),
    }


def test_matrix_via_de_policy(actor_named: Callable[[str], Actor], laren_geheim: Any) -> None:
    bereken_plan(actor_named)
    fouten = []
    for wie, verwacht in VERWACHT.items():
        gekregen = _cellen(_actor(actor_named, wie), laren_geheim)
        for kolom in KOLOMMEN:
            if gekregen[kolom] != verwacht[kolom]:
                fouten.append(f"{wie} {kolom}: verwacht {verwacht[kolom]}, kreeg {gekregen[kolom]}")
    assert fouten == []


def test_wat_als_zonder_context(actor_named: Callable[[str], Actor]) -> None:
    """The link and the form: whoever may try at least something in some cooperation (its own)."""
    niet = {"medewerker.bel", "raadslid.laren", "griffier.laren", "raadslid.blaricum", "raadslid.eersel"}
    for wie in VERWACHT:
        mag = wie not in niet | {"beheerder", "anoniem"}
        assert policy.can(_actor(actor_named, wie), "plan.wat_als", None) is mag, wie


# --- the key cases through the API and the pages -------------------------------------------------------------------
def _nieuw(slugs: tuple[str, ...]) -> dict[str, Any]:
    return {
        "soort": "nieuwe_opdracht",
        "titel": "Spoedklus (matrix)",
        "eenheid": werk_inkomen().pk,
        "uren": "3000",
        "deadline": (timezone.localdate() + dt.timedelta(days=42)).isoformat(),
        "gemeenten": [Gemeente.objects.get(slug=s).pk for s in slugs],
        "prioriteit": "hoog",
    }


@pytest.fixture
def geheim(actor_named: Callable[[str], Actor]) -> Any:
    opdracht = opdracht_in_plan(actor_named, titel=GEHEIM, vertrouwelijk=True, uren=600, deadline_dagen=90)
    bereken_plan(actor_named)
    return opdracht


@pytest.mark.parametrize(
    ("wie", "slugs", "status"),
    [
        ("wethouder.laren", ("laren",), 200),
        ("regisseur.laren", ("laren", "blaricum"), 200),
        ("wethouder.laren", ("blaricum",), 403),
        ("raadslid.laren", ("laren",), 403),
        ("medewerker.bel", ("laren",), 403),
        ("beheerder", ("laren",), 403),
        ("directeur.bel", ("blaricum",), 200),
        ("directeur.kempen", ("laren",), 404),
        ("wethouder.bergeijk", ("laren",), 404),
    ],
)
def test_api_wat_als(
    api_as: Callable[[str | None], Any], geheim: Any, wie: str, slugs: tuple[str, ...], status: int
) -> None:
    r = api_as(wie).post(
        "/api/v1/planning/wat-als",
        {"samenwerkingsverband": bel().pk, "wijzigingen": [_nieuw(slugs)]},
        format="json",
    )
    assert r.status_code == status, r.content
    if status != 200:
        assert r["Content-Type"].startswith("application/problem+json")
    tekst = r.content.decode()
    if not wie.endswith(".bel"):
        assert GEHEIM not in tekst and geheim.nummer not in tekst


def test_api_wat_als_pool_ziet_titel_laren_niet(api_as: Callable[[str | None], Any], geheim: Any) -> None:
    body = {"samenwerkingsverband": bel().pk, "wijzigingen": [_nieuw(("laren",))]}
    pool = api_as("directeur.bel").post("/api/v1/planning/wat-als", body, format="json")
    assert pool.status_code == 200
    assert any(v["titel"] == GEHEIM for v in pool.json()["verschuivingen"])
    laren = api_as("wethouder.laren").post("/api/v1/planning/wat-als", body, format="json")
    assert laren.status_code == 200
    assert GEHEIM not in laren.content.decode() and geheim.nummer not in laren.content.decode()
    assert any("Blaricum" in e["gemeenten"] for e in laren.json()["elders"])
    cap = {
        "samenwerkingsverband": bel().pk,
        "wijzigingen": [
            {
                "soort": "capaciteit",
                "eenheid": werk_inkomen().pk,
                "extraUrenPerWeek": "40",
                "van": timezone.localdate().isoformat(),
            }
        ],
    }
    assert api_as("wethouder.laren").post("/api/v1/planning/wat-als", cap, format="json").status_code == 403
    assert api_as("teamleider.bel").post("/api/v1/planning/wat-als", cap, format="json").status_code == 200
    assert api_as(None).post("/api/v1/planning/wat-als", body, format="json").status_code in (401, 403)


def test_api_wat_als_ongeldig(api_as: Callable[[str | None], Any]) -> None:
    r = api_as("directeur.bel").post(
        "/api/v1/planning/wat-als",
        {
            "samenwerkingsverband": bel().pk,
            "wijzigingen": [{"soort": "nieuwe_opdracht", "eenheid": 99999999, "uren": "-3", "gemeenten": []}],
        },
        format="json",
    )
    assert r.status_code == 400
    namen = {p["name"] for p in r.json()["invalidParams"]}
    assert {"wijzigingen[0].eenheid", "wijzigingen[0].uren", "wijzigingen[0].deadline"} <= namen, namen


def _pagina_post(user_named: Callable[[str], Any], wie: str, data: dict[str, Any]) -> Any:
    c = Client()
    c.force_login(user_named(wie))
    return c.post("/planning/wat-als/", data)


def _formdata(slug: str) -> dict[str, Any]:
    return {
        "samenwerkingsverband": "bel",
        "soort": "nieuwe_opdracht",
        "nieuw-titel": "Spoedklus (pagina)",
        "nieuw-eenheid": str(werk_inkomen().pk),
        "nieuw-uren": "3000",
        "nieuw-deadline": (timezone.localdate() + dt.timedelta(days=42)).isoformat(),
        "nieuw-gemeenten": [str(Gemeente.objects.get(slug=slug).pk)],
        "nieuw-prioriteit": "hoog",
    }


def test_paginas_laren_ziet_geen_blaricum_titels(user_named: Callable[[str], Any], geheim: Any) -> None:
    r = _pagina_post(user_named, "wethouder.laren", _formdata("laren"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Deze opdrachten schuiven op" in html
    assert "van Blaricum" in html
    assert GEHEIM not in html and geheim.nummer not in html
    c = Client()
    c.force_login(user_named("wethouder.laren"))
    for url in (
        "/planning/wat-als/",
        "/planning/wachtrij/",
        "/api/v1/planning/wachtrij?gemeente=" + str(Gemeente.objects.get(slug="laren").pk),
    ):
        antwoord = c.get(url)
        assert antwoord.status_code == 200, url
        assert GEHEIM not in antwoord.content.decode(), url

    pool = _pagina_post(user_named, "directeur.bel", _formdata("laren"))
    assert pool.status_code == 200 and GEHEIM in pool.content.decode()


def test_paginas_weigeren(user_named: Callable[[str], Any], geheim: Any) -> None:
    assert _pagina_post(user_named, "wethouder.laren", _formdata("blaricum")).status_code == 403
    for wie in ("medewerker.bel", "raadslid.laren", "beheerder"):
        c = Client()
        c.force_login(user_named(wie))
        assert c.get("/planning/wat-als/").status_code == 403, wie
    ongeldig = _pagina_post(user_named, "directeur.bel", {**_formdata("laren"), "nieuw-uren": "-1"})
    assert ongeldig.status_code == 400
    rommel = _pagina_post(user_named, "directeur.bel", {"samenwerkingsverband": "\x00", "soort": "x"})
    assert rommel.status_code == 400


def test_capaciteit_via_pagina_alleen_pool(user_named: Callable[[str], Any], geheim: Any) -> None:
    data = {
        "samenwerkingsverband": "bel",
        "soort": "capaciteit",
        "capaciteit-eenheid": str(werk_inkomen().pk),
        "capaciteit-extra_fte": "2",
        "capaciteit-van": timezone.localdate().isoformat(),
    }
    assert _pagina_post(user_named, "directeur.bel", data).status_code == 200
    assert _pagina_post(user_named, "wethouder.laren", data).status_code == 403


def test_voorstel_vanaf_de_opdracht(
    user_named: Callable[[str], Any], actor_named: Callable[[str], Actor]
) -> None:
    concept = opdracht_in_plan(actor_named, titel="Idee Laren (concept)", gemeente="laren", status="concept")
    c = Client()
    c.force_login(user_named("wethouder.laren"))
    pagina = c.get(f"/opdrachten/{concept.pk}").content.decode()
    assert "Wat als deze opdracht wordt opgedragen?" in pagina
    form = c.get(f"/planning/wat-als/?opdracht={concept.pk}").content.decode()
    assert 'value="Idee Laren (concept)"' in form
    assert c.get("/planning/wat-als/?opdracht=abc").status_code == 200
    blaricum = Client()
    blaricum.force_login(user_named("wethouder.blaricum"))
    assert (
        "Idee Laren (concept)"
        not in blaricum.get(f"/planning/wat-als/?opdracht={concept.pk}").content.decode()
    )
