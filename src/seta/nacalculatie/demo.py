"""Demo: external cost bookings on BEL and Kempen assignments in uitvoering or opgeleverd, chosen so the demo shows
each alert at least once, then the alert check over every demo assignment.

Per cooperation (controller.bel, controller.kempen book through the service):

- a few ordinary bookings (a venue, printing, a bureau) well within the estimate;
- one assignment brought past 90 % of its estimated cost (a bureau's invoice);
- one brought past 100 % of its estimated cost;
- one whose external costs cross the frame's ``max_euro`` (the budget for external costs).

Which assignments those are is logged (``seta demo`` prints them) and kept in ``ctx.data["nacalculatie"]``.
At the end ``controleer`` runs over all demo assignments as the system actor ``demo``: the assignments whose booked
hours already passed 90 % or 100 % of the estimate get their alert too.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_UP, Decimal
from typing import Any

from seta.autorisaties.actor import actor_for, system_actor
from seta.demo.builder import DemoContext
from seta.nacalculatie import selectors, services
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht

LEVERANCIERS = [
    ("Zaalhuur bewonersavond", "Dorpshuis De Vaart"),
    ("Drukwerk participatiefolder", "Drukkerij Gooi"),
    ("Extern advies", "Bureau Stedelijk Groen"),
    ("Inhuur projectleider", "Interim Overheid BV"),
    ("Onderzoek en enquête", "Panelbureau Midden"),
]
CENT = Decimal("0.01")


def _datum(ctx: DemoContext, opdracht: Bestuursopdracht, i: int) -> dt.date:
    begin = opdracht.opgedragen_op or (ctx.peildatum - dt.timedelta(days=120))
    eind = min(opdracht.opgeleverd_op or ctx.peildatum, ctx.peildatum)
    if eind <= begin:
        return begin
    return begin + dt.timedelta(days=ctx.rng.randint(0, (eind - begin).days))


def _boek(ctx: DemoContext, actor: Any, opdracht: Bestuursopdracht, bedrag: Decimal, i: int) -> None:
    omschrijving, leverancier = LEVERANCIERS[i % len(LEVERANCIERS)]
    services.boek_kosten(
        actor=actor,
        opdracht=opdracht,
        datum=_datum(ctx, opdracht, i),
        bedrag=bedrag.quantize(CENT, rounding=ROUND_UP),
        omschrijving=omschrijving,
        leverancier=leverancier,
        factuurnummer=f"F{ctx.rng.randint(2026000, 2026999)}",
    )


def build(ctx: DemoContext) -> None:
    users: dict[str, Any] = ctx.data.get("users", {})
    verbanden = ctx.data.get("verbanden", {})
    getoond: dict[str, dict[str, str]] = {}
    for key in ("bel", "kempen"):
        if key not in verbanden or f"controller.{key}" not in users:
            continue
        controller = actor_for(users[f"controller.{key}"])
        kandidaten = list(
            Bestuursopdracht.objects.filter(
                samenwerkingsverband=verbanden[key],
                status__in=[lifecycle.IN_UITVOERING, lifecycle.OPGELEVERD],
                raming_uren__isnull=False,
            ).order_by("nummer")
        )
        berekend = {o.pk: selectors.bereken(o, vandaag=ctx.peildatum) for o in kandidaten}
        # within the estimate and with a known cost: room to bring it past a threshold with one invoice
        vrij = [
            o
            for o in kandidaten
            if berekend[o.pk].totaal is not None
            and berekend[o.pk].raming_kosten
            and not berekend[o.pk].drempels
        ]
        # chosen in number order (not by ctx.rng), so the README can name them whatever ran before
        keuze: dict[str, Bestuursopdracht] = {}
        for o in vrij:
            n = berekend[o.pk]
            if "kader_overschreden" not in keuze and o.max_euro and o.max_euro > n.externe_kosten:
                keuze["kader_overschreden"] = o
                # the invoices pass the budget for external costs by about 8 %
                _boek(ctx, controller, o, o.max_euro * Decimal("0.6"), 2)
                _boek(ctx, controller, o, o.max_euro * Decimal("0.48") - n.externe_kosten, 3)
            elif "raming_90" not in keuze and n.totaal is not None and n.raming_kosten:
                nodig = n.raming_kosten * Decimal("0.93") - n.totaal
                if o.max_euro is None or nodig <= o.max_euro - n.externe_kosten:
                    keuze["raming_90"] = o
                    _boek(ctx, controller, o, nodig, 4)
            elif "raming_100" not in keuze and n.totaal is not None and n.raming_kosten:
                nodig = n.raming_kosten * Decimal("1.04") - n.totaal
                if o.max_euro is None or nodig <= o.max_euro - n.externe_kosten:
                    keuze["raming_100"] = o
                    _boek(ctx, controller, o, nodig, 2)
            elif len(keuze) >= 3:
                break
        gewoon = [o for o in vrij if o not in keuze.values()][:4]
        for i, o in enumerate(gewoon):
            n = berekend[o.pk]
            ruimte = (n.raming_kosten or Decimal(0)) * Decimal("0.85") - (n.totaal or Decimal(0))
            if o.max_euro is not None:
                ruimte = min(ruimte, o.max_euro - n.externe_kosten)
            bedrag = min(Decimal(ctx.rng.randint(350, 4800)), ruimte * Decimal("0.5"))
            if bedrag >= 1:
                _boek(ctx, controller, o, bedrag, i)
        getoond[key] = {drempel: o.nummer for drempel, o in keuze.items()}
        for drempel, o in sorted(keuze.items()):
            ctx.log(f"  nacalculatie {key}: {o.nummer} toont het signaal {drempel}")
    systeem = system_actor("demo")
    nieuw = services.controleer(
        actor=systeem,
        opdrachten=Bestuursopdracht.objects.exclude(status=lifecycle.CONCEPT).values_list("pk", flat=True),
    )
    ctx.data["nacalculatie"] = getoond
    ctx.log(f"  {len(nieuw)} signalen uit de nacalculatie")
