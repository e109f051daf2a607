"""Helpers for the what-if and queue tests: an assignment brought into the plan through the services (the same
write path as the pages), and a stored plan of the BEL pool computed as its directeur would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Gemeente, Portefeuille
from seta.opdrachten import lifecycle, services
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.planning.models import Planrun
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

GEHEIM = "Geheim dossier Blaricum (vertrouwelijk, test)"
WETHOUDER = {"blaricum": "wethouder.blaricum", "laren": "wethouder.laren", "eemnes": "wethouder.eemnes"}


def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def werk_inkomen() -> Eenheid:
    return Eenheid.objects.get(samenwerkingsverband__slug="bel", code="werk-inkomen")


def portefeuille_van(actor: Actor, slug: str) -> Portefeuille:
    """A portfolio of the gemeente that the given wethouder holds (so that wethouder decides)."""
    pf_ids = {p for r in actor.rollen for p in r.portefeuille_ids}
    return Portefeuille.objects.filter(gemeente__slug=slug, pk__in=pf_ids).order_by("naam").first() or (
        Portefeuille.objects.get(gemeente__slug=slug, naam="Sociaal domein")
    )


def opdracht_in_plan(
    actor_named: Callable[[str], Actor],
    *,
    titel: str,
    gemeente: str = "blaricum",
    vertrouwelijk: bool = False,
    uren: int = 400,
    deadline_dagen: int = 120,
    status: str = lifecycle.AKKOORD,
    prioriteit: str = "normaal",
) -> Bestuursopdracht:
    """An assignment of ``gemeente`` on the Werk en inkomen unit with an estimate, accepted (``akkoord``):
    planned by the next plan. With ``status=concept`` it stays a draft (not in the plan)."""
    item = Catalogusitem.objects.get(samenwerkingsverband__slug="bel", code="bijzondere-bijstand")
    wethouder = actor_named(WETHOUDER[gemeente])
    vandaag = timezone.localdate()
    opdracht = services.draft(
        actor=actor_named(f"regisseur.{gemeente}"),
        samenwerkingsverband=bel(),
        opdrachtgevers=[
            services.OpdrachtgeverInvoer(
                Gemeente.objects.get(slug=gemeente), portefeuille_van(wethouder, gemeente)
            )
        ],
        catalogusitem=item,
        titel=titel,
        deadline=vandaag + dt.timedelta(days=deadline_dagen),
        doelen="Test van de planning.",
        vertrouwelijkheid="vertrouwelijk" if vertrouwelijk else "openbaar",
        max_uren=uren * 2,
        prioriteit=prioriteit,
    )
    if status == lifecycle.CONCEPT:
        return opdracht
    pool = actor_named("teamleider.bel")
    for actie in ("opdragen", "intake", "ramen", "akkoord"):
        gegevens: dict[str, Any] = {"reden": f"Test: {actie}"}
        if actie == "ramen":
            gegevens.update(
                uren=uren,
                externe_kosten=0,
                eenheid=werk_inkomen(),
                opleverdatum=vandaag + dt.timedelta(days=deadline_dagen),
            )
        wie = pool if lifecycle.ACTIE_KANT[actie] == "pool" else wethouder
        opdracht = services.perform(actor=wie, opdracht=opdracht, actie=actie, gegevens=gegevens)
        if opdracht.status == status:
            break
    opdracht.refresh_from_db()
    return opdracht


def bereken_plan(actor_named: Callable[[str], Actor]) -> Planrun:
    """A stored plan of the BEL pool, computed at once as its directeur requests it."""
    from seta.planning import services_plan

    run = services_plan.vraag_plan_aan(
        actor=actor_named("directeur.bel"), samenwerkingsverband=bel(), achtergrond=False
    )
    assert run.status == "gereed", run.foutmelding
    return run
