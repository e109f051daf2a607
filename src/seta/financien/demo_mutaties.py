"""Demo join and leave scenarios of BEL, made through the services by the people who would do it.

- the AB (burgemeester.laren) records the frictional-cost rule of the regulation: three years of the
  leaver's share of the overhead;
- the controller (controller.bel) drafts two scenarios on the year of the demo's latest budget:
  Eemnes leaving BEL (with one other item of frictional cost) and Huizen joining BEL (with an assumed
  inbreng, since the adopted model splits the base package by inbreng).

Call :func:`build` after the finance demo (it needs the budget and the adopted model).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from seta.autorisaties.actor import actor_for
from seta.demo.builder import DemoContext
from seta.financien import mutaties
from seta.gemeenten.models import Gemeente


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    if sv is None or "controller.bel" not in users or mutaties.vastgesteld_model(sv) is None:
        ctx.log("demo: deelnemersscenario's overgeslagen (geen BEL-financiën)")
        return
    jaar = mutaties.standaardjaar(sv, ctx.peildatum)
    if jaar is None:
        ctx.log("demo: deelnemersscenario's overgeslagen (geen begroting)")
        return
    controller = actor_for(users["controller.bel"])
    if "burgemeester.laren" in users:
        mutaties.set_exit_rule(
            actor=actor_for(users["burgemeester.laren"]),
            samenwerkingsverband=sv,
            jaren_overhead=Decimal(3),
            bron="Gemeenschappelijke regeling BEL Combinatie, artikel 38 (uittreding): drie jaar het aandeel "
            "in de overhead",
            besluit="AB BEL 2023-12, agendapunt 4",
        )
    gemeenten = ctx.data.get("gemeenten", {})
    eemnes = gemeenten.get("eemnes") or Gemeente.objects.filter(slug="eemnes").first()
    huizen = gemeenten.get("huizen") or Gemeente.objects.filter(slug="huizen").first()
    begin = dt.date(ctx.peildatum.year + 1, 1, 1)
    gemaakt = 0
    if eemnes is not None:
        mutaties.draft_member_scenario(
            actor=controller,
            samenwerkingsverband=sv,
            soort="uittreding",
            gemeente=eemnes,
            datum=begin,
            jaar=jaar,
            overige_frictiekosten=[{"omschrijving": "Ontvlechting ICT en archief", "bedrag": "85000"}],
            omschrijving="Verkenning op verzoek van de raad van Eemnes: wat kost uittreden, wie gaat mee, "
            "en welke eenmansposten ontstaan er?",
        )
        gemaakt += 1
    if huizen is not None:
        inbreng = mutaties.veronderstelde_inbreng(sv, jaar, huizen)
        mutaties.draft_member_scenario(
            actor=controller,
            samenwerkingsverband=sv,
            soort="toetreding",
            gemeente=huizen,
            datum=begin,
            jaar=jaar,
            inbreng=inbreng,
            omschrijving="Huizen oriënteert zich op aansluiting bij BEL onder de bestaande afspraken; "
            "inbreng verondersteld naar inwonertal, zoals de andere gemeenten.",
        )
        gemaakt += 1
    ctx.log(f"  uittredingsregel BEL, {gemaakt} deelnemersscenario('s) op {jaar}")
