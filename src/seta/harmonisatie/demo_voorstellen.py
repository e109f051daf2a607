"""Demo: harmonisation proposals of the BEL Combinatie, everything through the services as the demo's people.

- **Tourism** (the seed's example): Blaricum ordered a green plan, Laren a red one, and the pool drafted a vision for
  Eemnes. directeur.bel proposes ONE regional plan (vorm gezamenlijk) on the agenda of the joint meeting on economy
  and tourism; Blaricum's college declines ("Blaricum houdt vast aan een eigen, groen plan"), Laren's and Eemnes'
  accept: one joint concept assignment for Eemnes and Laren results, with the proposal in its history.
- **Playgrounds**: Blaricum's delivered playground plan and Eemnes' running one; directeur.bel proposes that each
  makes its own plan on one shared information base (vorm parallel), to Blaricum, Eemnes and Laren. Sent and still
  open, so a visitor can answer it live (burgemeester.laren, wethouder.eemnes, …), and it is suggested on the joint
  meeting's agenda.
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import actor_for
from seta.harmonisatie import services
from seta.harmonisatie.models import Vorm
from seta.opdrachten.models import Bestuursopdracht

GEMEENTEN = ("blaricum", "eemnes", "laren")

TOERISME_TOELICHTING = (
    "Blaricum, Laren en Eemnes laten ieder een toeristisch-recreatief plan maken: groen in Blaricum, de rode rand "
    "in Laren, een visie in Eemnes. Het gaat om hetzelfde gebied, dezelfde bezoekers en dezelfde ondernemers. "
    "Wilt u niet één regionaal plan laten maken, met een eigen hoofdstuk per gemeente? Dat scheelt uren en geeft "
    "één informatiebasis voor de hele regio. Elk college besluit zelf; afwijzen kost niets."
)
SPEELPLEK_TOELICHTING = (
    "Blaricum heeft een speelruimteplan, Eemnes werkt aan zijn speelplekken en trapveldjes. Wilt u niet ook, Laren? "
    "Dan maakt ieder een eigen plan, maar met één inventarisatie van de speelplekken, één normenkader en één "
    "planning: het tweede en derde plan kosten dan minder uren. Elk college besluit zelf."
)


def _partij(opdracht: Bestuursopdracht) -> services.PartijInvoer:
    og = opdracht.opdrachtgevers.select_related("gemeente", "portefeuille").first()
    assert og is not None
    return services.PartijInvoer(gemeente=og.gemeente, portefeuille=og.portefeuille, bron_opdracht=opdracht)


def build(ctx: Any) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    gemeenten: dict[str, Any] = ctx.data.get("gemeenten", {})
    nodig = ["directeur.bel"] + [f"burgemeester.{g}" for g in GEMEENTEN]
    if sv is None or any(n not in users for n in nodig) or any(g not in gemeenten for g in GEMEENTEN):
        ctx.log("demo: harmonisatievoorstellen overgeslagen (geen BEL)")
        return
    opdrachten = Bestuursopdracht.objects.filter(samenwerkingsverband=sv)

    def opdracht(titel: str) -> Bestuursopdracht | None:
        return opdrachten.filter(titel=titel).order_by("pk").first()

    directeur = actor_for(users["directeur.bel"])
    college = {g: actor_for(users[f"burgemeester.{g}"]) for g in GEMEENTEN}

    # (a) tourism: one regional plan; Blaricum declines, Laren and Eemnes accept
    groen = opdracht("Toeristisch-recreatief plan Blaricum (groen)")
    rood = opdracht("Toeristisch-recreatief plan Laren (rode rand)")
    visie = opdracht("Toeristische visie Eemnes")
    if groen is not None and rood is not None and visie is not None:
        voorstel = services.opstellen(
            actor=directeur,
            samenwerkingsverband=sv,
            onderwerp="Eén toeristisch-recreatief plan voor Blaricum, Eemnes en Laren",
            toelichting=TOERISME_TOELICHTING,
            vorm=Vorm.GEZAMENLIJK,
            opdrachten=[groen, rood, visie],
            partijen=[_partij(groen), _partij(visie), _partij(rood)],
            leidende_opdracht=rood,
        )
        voorstel = services.verzenden(actor=directeur, voorstel=voorstel, expected_version=voorstel.versie)
        overleg = sv.overleggen.filter(titel="Wethoudersoverleg economie en toerisme BEL").first()
        if overleg is not None:
            services.agenderen(
                actor=directeur, voorstel=voorstel, overleg=overleg, expected_version=voorstel.versie
            )
        antwoorden = (
            ("blaricum", services.afwijzen, "Blaricum houdt vast aan een eigen, groen plan."),
            ("laren", services.aanvaarden, "Laren sluit aan; het hoofdstuk over de rode rand blijft."),
            ("eemnes", services.aanvaarden, ""),
        )
        for slug, besluit, toelichting in antwoorden:
            voorstel.refresh_from_db()
            partij = voorstel.partijen.get(gemeente=gemeenten[slug])
            besluit(
                actor=college[slug], partij=partij, toelichting=toelichting, expected_version=voorstel.versie
            )
        voorstel.refresh_from_db()
        ctx.log(f"  {voorstel.nummer}: {voorstel.status_label}; resultaat {voorstel.resultaat_opdracht}")

    # (b) playgrounds: parallel, sent and still open
    plan = opdracht("Speelruimteplan Blaricum")
    plekken = opdracht("Speelplekken en trapveldjes Eemnes")
    if plan is not None and plekken is not None:
        laren = gemeenten["laren"]
        portefeuille = laren.portefeuilles.filter(naam__icontains="openbare ruimte").first()
        voorstel = services.opstellen(
            actor=directeur,
            samenwerkingsverband=sv,
            onderwerp="Speelruimteplannen parallel: één inventarisatie voor Blaricum, Eemnes en Laren",
            toelichting=SPEELPLEK_TOELICHTING,
            vorm=Vorm.PARALLEL,
            opdrachten=[plan, plekken],
            partijen=[
                _partij(plan),
                _partij(plekken),
                services.PartijInvoer(gemeente=laren, portefeuille=portefeuille),
            ],
            leidende_opdracht=plan,
        )
        voorstel = services.verzenden(actor=directeur, voorstel=voorstel, expected_version=voorstel.versie)
        ctx.log(f"  {voorstel.nummer}: {voorstel.status_label}")
