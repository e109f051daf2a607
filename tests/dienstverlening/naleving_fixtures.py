"""Test data for compliance (naleving): DVOs, norms and cases made through the ORM directly.

FOR NOW ONLY: the DVO services (``dienstverlening/services.py``) and the case import (``zaken*.py``) are
built in parallel on other branches. After the merge these helpers are to become calls of those services
(adopting a DVO through its board decision, importing a CSV of cases), so the tests exercise the one write
path; the figures they expect stay the same.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from seta.catalogus.models import Catalogusitem
from seta.dienstverlening.models import (
    Dienstafspraak,
    Dienstnorm,
    Dienstverleningsovereenkomst,
    Escalatiestap,
    Zaak,
    Zaakimport,
)
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Signaal, Signaalsoort

_volgnummer = itertools.count(1)
# A reference day well after the test periods (2025), so they are all complete.
VANDAAG = dt.date(2026, 3, 1)


def sv(slug: str) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug=slug)


def gemeente(slug: str) -> Gemeente:
    return Gemeente.objects.get(slug=slug)


def item(sv_slug: str, code: str) -> Catalogusitem:
    return Catalogusitem.objects.get(samenwerkingsverband__slug=sv_slug, code=code)


def maak_dvo(
    verband: Samenwerkingsverband,
    partner: Gemeente | None,
    *,
    kenmerk: str,
    openbaar: bool = False,
    status: str = "vastgesteld",
    ritme: str = "kwartaal",
    ingang: dt.date = dt.date(2025, 1, 1),
) -> Dienstverleningsovereenkomst:
    dvo = Dienstverleningsovereenkomst.objects.create(
        samenwerkingsverband=verband,
        gemeente=partner,
        kenmerk=kenmerk,
        titel=f"Dienstverlening {partner.naam if partner else 'alle deelnemers'}",
        ingangsdatum=ingang,
        status=status,
        rapportageritme=ritme,
        openbaar=openbaar,
        vastgesteld_op=ingang if status == "vastgesteld" else None,
    )
    Escalatiestap.objects.create(dvo=dvo, volgorde=1, niveau="beleidsregisseur", termijn_dagen=10)
    Escalatiestap.objects.create(dvo=dvo, volgorde=2, niveau="gemeentesecretaris", termijn_dagen=30)
    return dvo


def doorlooptijdnorm(
    dvo: Dienstverleningsovereenkomst,
    catalogusitem: Catalogusitem,
    *,
    partner: Gemeente | None = None,
    termijn: int = 56,
    dagsoort: str = "kalenderdagen",
    streef: str = "95",
    omschrijving: str = "Besluit binnen 8 weken",
) -> Dienstnorm:
    afspraak, _ = Dienstafspraak.objects.get_or_create(dvo=dvo, catalogusitem=catalogusitem, gemeente=partner)
    return Dienstnorm.objects.create(
        afspraak=afspraak,
        soort="doorlooptijd",
        omschrijving=omschrijving,
        termijn=termijn,
        dagsoort=dagsoort,
        wettelijke_grondslag="Awb art. 4:13",
        streefpercentage=Decimal(streef),
    )


def norm_van_soort(
    dvo: Dienstverleningsovereenkomst, catalogusitem: Catalogusitem, soort: str, **velden: Any
) -> Dienstnorm:
    afspraak, _ = Dienstafspraak.objects.get_or_create(dvo=dvo, catalogusitem=catalogusitem, gemeente=None)
    return Dienstnorm.objects.create(
        afspraak=afspraak, soort=soort, omschrijving=soort.capitalize(), **velden
    )


def importeer(
    verband: Samenwerkingsverband, partner: Gemeente | None, van: dt.date, tot: dt.date
) -> Zaakimport:
    return Zaakimport.objects.create(
        samenwerkingsverband=verband,
        gemeente=partner,
        periode_van=van,
        periode_tot=tot,
        bron="bestand",
        bestandsnaam=f"zaken-{van.isoformat()}.csv",
    )


def zaken_in_kwartaal(
    imp: Zaakimport,
    catalogusitem: Catalogusitem,
    partner: Gemeente,
    *,
    jaar: int,
    kwartaal: int,
    aantal: int = 10,
    binnen: int = 10,
    tevredenheid: Decimal | None = None,
) -> list[Zaak]:
    """``aantal`` cases decided on the 80th day of the quarter, ``binnen`` of them in 20 calendar days
    (within an 8-week term) and the rest in 70 days (over it)."""
    besloten = dt.date(jaar, 3 * kwartaal - 2, 1) + dt.timedelta(days=80)
    zaken = []
    for n in range(aantal):
        dagen = 20 if n < binnen else 70
        zaken.append(
            Zaak(
                samenwerkingsverband=imp.samenwerkingsverband,
                zaakimport=imp,
                identificatie=f"Z-{next(_volgnummer):06d}",
                zaaktype=catalogusitem.code,
                catalogusitem=catalogusitem,
                gemeente=partner,
                ontvangen_op=besloten - dt.timedelta(days=dagen),
                besloten_op=besloten,
                tevredenheid=tevredenheid,
            )
        )
    Zaak.objects.bulk_create(zaken)
    imp.aantal_zaken += len(zaken)
    imp.save(update_fields=["aantal_zaken"])
    return zaken


def vervang_zaken(imp: Zaakimport) -> None:
    """What a re-import of the period does first: the period's cases go (the importer replaces them)."""
    imp.zaken.all().delete()


@dataclass
class NalevingWereld:
    """BEL with a DVO per partner for Laren and Blaricum (not public), a public DVO for all partners, and a
    Kempen DVO for Bergeijk; each with the omgevingsvergunning's 8-week norm (95 %)."""

    bel: Samenwerkingsverband
    kempen: Samenwerkingsverband
    laren: Gemeente
    blaricum: Gemeente
    eemnes: Gemeente
    bergeijk: Gemeente
    omgevingsvergunning: Catalogusitem
    dvo_laren: Dienstverleningsovereenkomst
    dvo_blaricum: Dienstverleningsovereenkomst
    dvo_bel: Dienstverleningsovereenkomst
    dvo_kempen: Dienstverleningsovereenkomst
    norm_laren: Dienstnorm
    norm_blaricum: Dienstnorm
    norm_bel: Dienstnorm
    norm_kempen: Dienstnorm


def zonder_demo_dienstverlening(*verbanden: Samenwerkingsverband) -> None:
    """Start from cooperations without the demo's DVOs and cases (inside the test's transaction, rolled back
    after it): these tests measure exactly the cases they create. The demo's own DVOs and cases are tested
    through the pages and the alerts they raised (test_naleving_demo.py)."""
    Zaak.objects.filter(samenwerkingsverband__in=verbanden).delete()
    Zaakimport.objects.filter(samenwerkingsverband__in=verbanden).delete()
    dvos = Dienstverleningsovereenkomst.objects.filter(samenwerkingsverband__in=verbanden)
    dvos.filter(vorige__isnull=False).delete()  # a later version first: it protects the one it replaces
    dvos.delete()
    Signaal.objects.filter(samenwerkingsverband__in=verbanden, soort=Signaalsoort.NORM_GEMIST).delete()


def wereld() -> NalevingWereld:
    bel, kempen = sv("bel"), sv("kempen")
    zonder_demo_dienstverlening(bel, kempen)
    laren, blaricum, eemnes, bergeijk = (gemeente(s) for s in ("laren", "blaricum", "eemnes", "bergeijk"))
    ov = item("bel", "omgevingsvergunning")
    dvo_laren = maak_dvo(bel, laren, kenmerk="DVO-BEL-LAR")
    dvo_blaricum = maak_dvo(bel, blaricum, kenmerk="DVO-BEL-BLA")
    dvo_bel = maak_dvo(bel, None, kenmerk="DVO-BEL", openbaar=True)
    dvo_kempen = maak_dvo(kempen, bergeijk, kenmerk="DVO-KEMPEN-BER")
    paspoort = item("bel", "paspoort")
    return NalevingWereld(
        bel=bel,
        kempen=kempen,
        laren=laren,
        blaricum=blaricum,
        eemnes=eemnes,
        bergeijk=bergeijk,
        omgevingsvergunning=ov,
        dvo_laren=dvo_laren,
        dvo_blaricum=dvo_blaricum,
        dvo_bel=dvo_bel,
        dvo_kempen=dvo_kempen,
        norm_laren=doorlooptijdnorm(dvo_laren, ov),
        norm_blaricum=doorlooptijdnorm(dvo_blaricum, ov),
        norm_bel=doorlooptijdnorm(
            dvo_bel,
            paspoort,
            termijn=5,
            dagsoort="werkdagen",
            streef="90",
            omschrijving="Paspoort binnen 5 werkdagen",
        ),
        norm_kempen=doorlooptijdnorm(dvo_kempen, item("kempen", "omgevingsvergunning")),
    )
