"""Demo step of the samenwerkingsscan: the case base in sync with the YAML, and three saved scans.

The scans belong to ``secretaris.laren`` (created by the gemeenten step): two computed ones to compare
side by side, and a draft to resume.
- "Heumen zoekt een partner": Heumen with Wijchen, Beuningen and Druten: four partners for a full
  merger, citizens who find the combination too big, councils expecting quick savings (seed lines
  929-954, 1021-1030, 1068-1076): elevated risks.
- "BEL 2007": Blaricum, Eemnes and Laren as they stood before the BEL Combinatie (lines 67-79).
- "Heumen en Wijchen" (concept): the smaller configuration, half answered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from seta.autorisaties.actor import actor_for, system_actor
from seta.demo.builder import DemoContext
from seta.scan import services
from seta.scan.models import Scansessie
from seta.scan.services import PartnerInvoer

SYSTEEM = system_actor("demo")  # the demo builder: a trusted channel, audited as systeem:demo

EIGENAAR = "secretaris.laren"

SCANS: list[dict[str, Any]] = [
    {
        "naam": "Heumen zoekt een partner (vier gemeenten, volledige ambtelijke fusie)",
        "partners": ["GM0252", "GM0296", "GM0209", "GM0225"],  # Heumen, Wijchen, Beuningen, Druten
        "antwoorden": {
            "urgentie_college": 3,
            "urgentie_raad": 2,
            "urgentie_ambtelijk": 3,
            "voordelen_gezien": 3,
            "vertrouwen": 4,
            "negatieve_beeldvorming": 2,
            "lijk_in_de_kast": "weet niet",
            "gideonsbende": "ja",
            "gideonsbende_stabiel": "weet niet",
            "knipperlichtrelatie": "ja",
            "cultuurverschil": 3,
            "draagvlak_ambtenaren": 3,
            "snel_financieel_voordeel": 5,
            "alternatief_voorkeur": "geen",
            "opvatting_burgers": "te_groot",
            "apolitiek_starten": "nee",
        },
        "berekenen": True,
    },
    {
        "naam": "BEL 2007: Blaricum, Eemnes en Laren",
        "partners": ["GM0376", "GM0317", "GM0417"],
        "antwoorden": {
            "urgentie_college": 4,
            "urgentie_raad": 4,
            "urgentie_ambtelijk": 4,
            "voordelen_gezien": 4,
            "vertrouwen": 4,
            "negatieve_beeldvorming": 1,
            "lijk_in_de_kast": "nee",
            "gideonsbende": "ja",
            "gideonsbende_stabiel": "ja",
            "knipperlichtrelatie": "nee",
            "cultuurverschil": 2,
            "draagvlak_ambtenaren": 4,
            "snel_financieel_voordeel": 2,
            "alternatief_voorkeur": "geen",
            "opvatting_burgers": "steunen",
            "ingroeien": "ja",
        },
        "berekenen": True,
    },
    {
        "naam": "Heumen en Wijchen (concept)",
        "partners": ["GM0252", "GM0296"],
        "antwoorden": {"urgentie_college": 3, "vertrouwen": 4, "snel_financieel_voordeel": 4},
        "berekenen": False,
    },
]


def build(ctx: DemoContext) -> None:
    telling = services.load_casussen(actor=SYSTEEM)
    ctx.log(
        f"  casusbank: {telling['toegevoegd']} toegevoegd, {telling['ongewijzigd'] + telling['bijgewerkt']} al aanwezig"
    )

    user = ctx.data.get("users", {}).get(EIGENAAR)
    if user is None:
        user = get_user_model().objects.filter(username=EIGENAAR).first()
    if user is None:
        raise RuntimeError(
            f"scan demo: the user {EIGENAAR!r} must be created by the gemeenten demo step first"
        )
    actor = actor_for(user)
    berekend_op = timezone.make_aware(
        dt.datetime.combine(ctx.peildatum - dt.timedelta(days=3), dt.time(10, 0))
    )
    gemaakt: list[Scansessie] = []
    for spec in SCANS:
        scan = services.create_scansessie(
            actor=actor,
            naam=spec["naam"],
            partners=[PartnerInvoer(gemeente=code) for code in spec["partners"]],
            antwoorden=spec["antwoorden"],
        )
        if spec["berekenen"]:
            scan = services.calculate(actor=actor, scansessie=scan)
            Scansessie.objects.filter(pk=scan.pk).update(berekend_op=berekend_op)
        gemaakt.append(scan)
    ctx.data["scans"] = {s.naam: s for s in gemaakt}
    ctx.log(f"  {len(gemaakt)} scans van {EIGENAAR}: " + "; ".join(s.naam for s in gemaakt))
