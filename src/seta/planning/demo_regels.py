"""Demo: the BEL pool's planning rules for 2026 and 2027, adopted by the DB, and a few absences of BEL staff.

Everything through the services as the demo people: the pool's directeur drafts the rules (grondslag
kostensleutel, meetperiode kwartaal, drempel 5 procentpunt, 36 h a week, 1,600 productive hours), the DB's
chair (burgemeester.laren) adopts them with a decision reference, and the teamleider registers absences beyond
the normal pattern (parental leave, a long illness) for staff of the units under them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.organisatie.models import Medewerker
from seta.planning import services
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan

#: year -> (DB meeting date, decision reference)
BESLUITEN: dict[int, tuple[dt.date, str]] = {
    2026: (dt.date(2025, 12, 11), "DB BEL 2025-12, agendapunt 7: planningsregels 2026"),
    2027: (dt.date(2026, 10, 15), "DB BEL 2026-10, agendapunt 4: planningsregels 2027"),
}
TOELICHTING = (
    "De opdrachtcapaciteit wordt verdeeld naar de kostenverdeelsleutel: wie 30 % betaalt, krijgt over het "
    "kwartaal ongeveer 30 % van de capaciteit voor bestuursopdrachten. Wettelijke termijnen gaan voor."
)


def build(ctx: Any) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users = ctx.data.get("users", {})
    if sv is None or "directeur.bel" not in users or "burgemeester.laren" not in users:
        ctx.log("demo: planningsregels overgeslagen (geen BEL)")
        return
    directeur = actor_for(users["directeur.bel"])
    db_voorzitter = actor_for(users["burgemeester.laren"])
    gemaakt = {}
    for jaar, (datum, kenmerk) in BESLUITEN.items():
        regels = services.stel_regels_op(
            actor=directeur,
            samenwerkingsverband=sv,
            jaar=jaar,
            grondslag="kostensleutel",
            meetperiode="kwartaal",
            drempel_procentpunt=Decimal(5),
            uren_per_fte_week=Decimal(36),
            productieve_uren_per_fte_jaar=Decimal(1600),
            regulier_pct=Decimal(60),
            toelichting=TOELICHTING,
        )
        gemaakt[jaar] = services.stel_regels_vast(
            actor=db_voorzitter,
            regels=regels,
            expected_version=regels.versie,
            besluit=BesluitInvoer(orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR, kenmerk=kenmerk, datum=datum),
        )
    ctx.data["planningsregels"] = gemaakt
    afwezig = _afwezigheden(ctx, sv, users)
    ctx.log(f"demo: planningsregels BEL {', '.join(map(str, gemaakt))} vastgesteld; {afwezig} afwezigheden")


def _afwezigheden(ctx: Any, sv: Any, users: dict[str, Any]) -> int:
    """Parental leave and a long illness, registered by the teamleider for staff under them."""
    teamleider_user = users.get("teamleider.bel")
    if teamleider_user is None:
        return 0
    teamleider = actor_for(teamleider_user)
    peildatum: dt.date = ctx.peildatum
    kandidaten = [
        m
        for m in Medewerker.objects.filter(samenwerkingsverband=sv, in_dienst__lte=peildatum)
        .exclude(uit_dienst__lt=peildatum)
        .exclude(gebruiker=teamleider_user)
        .order_by("pk")
        if policy.can(teamleider, "afwezigheid.registreren", m)
    ]
    plannen = [
        (
            "verlof",
            peildatum + dt.timedelta(days=14),
            peildatum + dt.timedelta(days=14 + 26 * 7 - 1),
            Decimal(40),
            "Ouderschapsverlof, twee dagen per week",
        ),
        (
            "ziekte",
            peildatum - dt.timedelta(days=21),
            peildatum + dt.timedelta(days=10 * 7),
            Decimal(100),
            "Langdurig ziek, re-integratie verwacht na tien weken",
        ),
        (
            "overig",
            peildatum + dt.timedelta(days=35),
            peildatum + dt.timedelta(days=35 + 13 * 7 - 1),
            Decimal(50),
            "Gedetacheerd bij de provincie, halve dagen",
        ),
    ]
    for medewerker, (soort, van, tot, pct, omschrijving) in zip(kandidaten, plannen, strict=False):
        services.registreer_afwezigheid(
            actor=teamleider,
            medewerker=medewerker,
            soort=soort,
            van=van,
            tot=tot,
            percentage=pct,
            omschrijving=omschrijving,
        )
    return min(len(kandidaten), len(plannen))
