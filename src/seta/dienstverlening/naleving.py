"""The write path of compliance (naleving): the check after every case import, and the check on request.

Figures are never stored: they are computed from the cases whenever they are read
(``naleving_selectors``). What is written is the alert: when a norm of an adopted DVO is not met
(verdict "niet gehaald") in two consecutive completed reporting periods, a signal (soort NORM_GEMIST) goes
to the beleidsregisseur of the partner concerned and to the pool, naming the service, the norm, the two
periods and their figures, with the DVO's escalation route and a link to the compliance page. The signal's
``onderwerp`` names the norm, the partner and the second period, so a re-import never raises it twice
(``signalen.services.signaleer`` is idempotent by it).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.dienstverlening import naleving_selectors as selectors
from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.meting import perioden as kern_perioden
from seta.dienstverlening.meting import tekst
from seta.dienstverlening.models import Dienstverleningsovereenkomst, Zaakimport
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen import services as signalen
from seta.signalen.models import Doelgroep, Signaal, Signaalsoort


def onderwerp(regel: selectors.Normregel, periode: kern_perioden.Periode) -> str:
    """The key of the finding "norm missed twice running, up to ``periode``" for one partner."""
    return f"norm_gemist:norm:{regel.norm.pk}:gemeente:{regel.gemeente.pk}:{periode.code}"


def link(regel: selectors.Normregel) -> str:
    return reverse("dienstverlening:naleving-norm", args=[regel.dvo.pk, regel.norm.pk, regel.gemeente.pk])


def escalatieroute(dvo: Dienstverleningsovereenkomst) -> str:
    """The DVO's escalation route in one sentence (empty when it has none)."""
    stappen = []
    for stap in dvo.escalatie.order_by("volgorde"):
        na = f" (na {stap.termijn_dagen} dagen)" if stap.termijn_dagen else ""
        # the step's own full stop goes: the steps are joined by semicolons and the sentence ends in one
        omschrijving = f": {stap.omschrijving.strip().rstrip('.')}" if stap.omschrijving.strip() else ""
        stappen.append(f"{stap.volgorde}. {stap.get_niveau_display()}{na}{omschrijving}")
    return "; ".join(stappen)


def alarmtekst(
    regel: selectors.Normregel, eerste: kern.Periodecijfers, tweede: kern.Periodecijfers
) -> tuple[str, str]:
    """The Dutch title and text of the alert."""
    norm = selectors.kern_norm(regel.norm)
    dienst = f"{regel.catalogusitem.naam}, {regel.gemeente.naam}"
    titel = f"Norm twee perioden op rij niet gehaald: {dienst}"
    a = tekst.waarde(norm, eerste.percentage_binnen_norm, eerste.waarde)
    b = tekst.waarde(norm, tweede.percentage_binnen_norm, tweede.waarde)
    if norm.soort == "doorlooptijd":
        b = tekst.procent(tweede.percentage_binnen_norm)
    zin = (
        f"{dienst}: {a} in {eerste.periode.label} en {b} in {tweede.periode.label}; "
        f"de norm is {tekst.normtekst(norm)} ({regel.norm.omschrijving}, {regel.dvo.kenmerk})."
    )
    if norm.soort == "doorlooptijd":
        zin += (
            f" Besloten zaken: {eerste.besloten} en {tweede.besloten}; "
            f"open over de termijn aan het eind van {tweede.periode.label}: {tweede.open_over_termijn}."
        )
    route = escalatieroute(regel.dvo)
    if route:
        zin += f"\nEscalatieroute: {route}."
    return titel, zin


def _signaleer(actor: Actor, regels: list[selectors.Normregel], *, alleen: set[str] | None) -> list[Signaal]:
    nieuw: list[Signaal] = []
    for regel in regels:
        for eerste, tweede in kern.twee_op_rij_gemist(regel.cijfers):
            if alleen is not None and eerste.periode.code not in alleen and tweede.periode.code not in alleen:
                continue
            titel, zin = alarmtekst(regel, eerste, tweede)
            nieuw += signalen.signaleer(
                actor=actor,
                samenwerkingsverband=regel.dvo.samenwerkingsverband,
                soort=Signaalsoort.NORM_GEMIST,
                onderwerp=onderwerp(regel, tweede.periode),
                ontvangers=[(Doelgroep.BELEIDSREGISSEUR, regel.gemeente), (Doelgroep.POOL, None)],
                titel=titel,
                tekst=zin,
                link=link(regel),
            )
    return nieuw


@transaction.atomic
def na_import(*, actor: Actor, zaakimport: Zaakimport, vandaag: dt.date | None = None) -> list[Signaal]:
    """Recompute the periods an import touched for every adopted DVO that measures its cases, and raise
    the alerts for norms missed in two consecutive completed periods. Returns the new signals.

    Called by the import service inside its transaction, after its own policy check and its write (like
    ``signalen.services.signaleer``, this step has no check of its own: the actor is whoever imported).
    The periods looked at are those the import covers plus the one before and the one after (a pair of
    periods can start or end in a touched one)."""
    vandaag = vandaag or timezone.localdate()
    nieuw: list[Signaal] = []
    dvos = selectors.vastgestelde_dvos(
        zaakimport.samenwerkingsverband_id,
        gemeente_id=zaakimport.gemeente_id,
        van=zaakimport.periode_van,
        tot=zaakimport.periode_tot,
    )
    for dvo in dvos:
        geraakt = kern_perioden.perioden(zaakimport.periode_van, zaakimport.periode_tot, dvo.rapportageritme)
        if not geraakt:
            continue
        venster = [kern_perioden.vorige(geraakt[0]), *geraakt, kern_perioden.volgende(geraakt[-1])]
        binnen_looptijd = selectors.perioden_van(
            dvo, vandaag=vandaag, van=venster[0].start, tot=venster[-1].eind
        )
        regels = selectors.regels_voor_controle(dvo, perioden=binnen_looptijd, vandaag=vandaag)
        if zaakimport.gemeente_id is not None:
            regels = [r for r in regels if r.gemeente.pk == zaakimport.gemeente_id]
        nieuw += _signaleer(actor, regels, alleen={p.code for p in geraakt})
    return nieuw


@transaction.atomic
def controleer(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    dvo: Dienstverleningsovereenkomst | None = None,
    vandaag: dt.date | None = None,
) -> list[Signaal]:
    """Check every adopted DVO of the cooperation (or one) over its whole term and raise the alerts not
    raised before (e.g. after a DVO is adopted over periods already imported). The pool's directeur or
    controller, or the beheerder."""
    policy.require(
        actor, "naleving.controleren", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    vandaag = vandaag or timezone.localdate()
    dvos = selectors.vastgestelde_dvos(
        samenwerkingsverband.pk, gemeente_id=None, van=dt.date.min, tot=dt.date.max
    )
    if dvo is not None:
        dvos = dvos.filter(pk=dvo.pk)
    nieuw: list[Signaal] = []
    for d in dvos:
        regels = selectors.regels_voor_controle(
            d, perioden=selectors.perioden_van(d, vandaag=vandaag), vandaag=vandaag
        )
        nieuw += _signaleer(actor, regels, alleen=None)
    return nieuw
