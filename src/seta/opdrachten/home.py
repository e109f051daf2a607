"""Home-page panels of commissioning, per role (see seta.web.home)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.opdrachten import beslissende_opdrachtgevers
from seta.autorisaties.policy.werkterrein import werkterrein
from seta.gemeenten import selectors as gemeente_selectors
from seta.opdrachten import lifecycle, selectors
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever, Vertrouwelijkheid, Wijzigingsstatus
from seta.web.home import Panel

LIJST = "opdrachten/panels/lijst.html"
VRAGEN = "opdrachten/panels/vragen.html"
MAX = 8


def _lijst(
    titel: str,
    opdrachten: list[Bestuursopdracht],
    *,
    leeg: str,
    meer: str = "",
    volgorde: int = 40,
    voortgang: bool = False,
) -> Panel:
    return Panel(
        titel=titel,
        template=LIJST,
        volgorde=volgorde,
        context={
            "opdrachten": opdrachten[:MAX],
            "aantal": len(opdrachten),
            "leeg": leeg,
            "meer": meer,
            "voortgang": voortgang,
        },
    )


def _van_gemeenten(
    qs: QuerySet[Bestuursopdracht], gemeente_ids: frozenset[int]
) -> QuerySet[Bestuursopdracht]:
    return selectors.met_opdrachtgever(qs, gemeente_id__in=gemeente_ids)


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None:
        return []
    result: list[Panel] = []
    vandaag = timezone.localdate()
    zichtbaar = selectors.bestuursopdrachten_for(actor)
    vragen = selectors.bestuursvragen_for(actor)
    terrein = werkterrein(actor)

    # --- college: my portfolio, decisions waiting for me, questions waiting for me --------------------------------
    college = terrein.college
    if college:
        pf = terrein.portefeuilles
        mijn = list(
            selectors.met_opdrachtgever(zichtbaar, portefeuille_id__in=pf)
            .exclude(status__in=lifecycle.EINDSTATUSSEN)
            .order_by("deadline")
        )
        result.append(
            _lijst(
                "Opdrachten in mijn portefeuille",
                mijn,
                leeg="Geen lopende opdrachten in uw portefeuille.",
                meer="?status=",
                volgorde=31,
            )
        )
        wacht = []
        for o in (
            _van_gemeenten(zichtbaar, college)
            .filter(status__in=[lifecycle.CONCEPT, lifecycle.INTAKE, lifecycle.OPGELEVERD])
            .order_by("deadline")
        ):
            knoppen = {k.actie for k in selectors.allowed_actions(actor, o)}
            if knoppen & {"opdragen", "akkoord", "vaststellen"}:
                # Told: a change of the frames voided this college's earlier consent.
                o.instemming_vervallen = any(  # type: ignore[attr-defined]
                    og.instemming_vervallen_op for og in beslissende_opdrachtgevers(actor, o)
                )
                wacht.append(o)
        # Voided consents first (a stable sort: then by deadline).
        wacht.sort(key=lambda o: not getattr(o, "instemming_vervallen", False))
        verzoeken = list(
            selectors.wijzigingsverzoeken_for(actor)
            .filter(
                status=Wijzigingsstatus.INGEDIEND,
                bestuursopdracht__in=_van_gemeenten(zichtbaar, college).values("pk"),
            )
            .exclude(goedgekeurd_door__in=college)
            .select_related("bestuursopdracht")
        )
        verzoeken = [v for v in verzoeken if beslissende_opdrachtgevers(actor, v.bestuursopdracht)]
        result.append(
            Panel(
                titel="Wacht op uw besluit",
                template="opdrachten/panels/besluiten.html",
                volgorde=32,
                context={
                    "opdrachten": wacht[:MAX],
                    "aantal": len(wacht),
                    "verzoeken": verzoeken[:MAX],
                },
            )
        )
        open_vragen = list(selectors.vragen_voor_mij(actor).order_by("uiterlijk"))
        result.append(
            Panel(
                titel="Bestuursvragen voor u",
                template=VRAGEN,
                volgorde=33,
                context={
                    "vragen": open_vragen[:MAX],
                    "aantal": len(open_vragen),
                    "vandaag": vandaag,
                    "te_laat": sum(1 for v in open_vragen if v.uiterlijk < vandaag),
                },
            )
        )

    # --- beleidsregisseur / gemeentesecretaris: the pipeline of my municipality, deadlines at risk -------------------
    regie = terrein.regie
    if regie:
        eigen = _van_gemeenten(zichtbaar, regie)
        telling = Counter(eigen.values_list("status", flat=True))
        gemeenten = ", ".join(
            gemeente_selectors.gemeenten_for(actor)
            .filter(pk__in=regie)
            .order_by("naam")
            .values_list("naam", flat=True)
        )
        result.append(
            Panel(
                titel=f"Pijplijn van {gemeenten}",
                template="opdrachten/panels/pijplijn.html",
                volgorde=31,
                context={
                    "telling": [
                        (s, lifecycle.STATUS_LABELS[s], telling.get(s, 0)) for s in lifecycle.STATUSSEN
                    ],
                    "totaal": sum(telling.values()),
                },
            )
        )
        gevaar = [
            o
            for o in eigen.filter(status__in=lifecycle.LOPEND).order_by("deadline")
            if o.deadline_in_gevaar(vandaag)
        ]
        result.append(
            _lijst(
                "Deadlines in gevaar", gevaar, leeg="Geen opdrachten met een deadline in gevaar.", volgorde=32
            )
        )
        if not college:
            te_laat = list(selectors.te_late_vragen(vragen.filter(gemeente_id__in=regie), vandaag))
            result.append(
                Panel(
                    titel="Te late bestuursvragen aan mijn gemeente",
                    template=VRAGEN,
                    volgorde=33,
                    context={
                        "vragen": te_laat[:MAX],
                        "aantal": len(te_laat),
                        "vandaag": vandaag,
                        "te_laat": len(te_laat),
                    },
                )
            )

    # --- raad: read-only overview ---------------------------------------------------------------------------------------
    raad = terrein.raad
    if raad:
        eigen = _van_gemeenten(zichtbaar, raad).filter(vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR)
        jaar = vandaag.year
        result.append(
            Panel(
                titel="Wat de werkorganisatie voor ons doet",
                template="opdrachten/panels/raad.html",
                volgorde=31,
                context={
                    "opgedragen": eigen.filter(opgedragen_op__year=jaar).count(),
                    "lopend": eigen.filter(status__in=lifecycle.LOPEND).count(),
                    "opgeleverd": eigen.filter(opgeleverd_op__year=jaar).count(),
                    "vastgesteld": eigen.filter(vastgesteld_op__year=jaar).count(),
                    "naar_raad": eigen.filter(naar_raad=True).count(),
                    "jaar": jaar,
                    "recent": list(
                        eigen.filter(status=lifecycle.VASTGESTELD).order_by("-vastgesteld_op")[:5]
                    ),
                },
            )
        )
        if terrein.griffier:
            aan_raad = list(selectors.vragen_voor_mij(actor).order_by("uiterlijk"))
            result.append(
                Panel(
                    titel="Vragen aan de raad",
                    template=VRAGEN,
                    volgorde=32,
                    context={
                        "vragen": aan_raad[:MAX],
                        "aantal": len(aan_raad),
                        "vandaag": vandaag,
                        "te_laat": sum(1 for v in aan_raad if v.uiterlijk < vandaag),
                    },
                )
            )

    # --- pool ---------------------------------------------------------------------------------------------------------------
    if terrein.teamleider_eenheden is not None:
        eenheden = terrein.teamleider_eenheden
        intake = list(
            zichtbaar.filter(
                eenheid_id__in=eenheden, status__in=[lifecycle.OPGEDRAGEN, lifecycle.INTAKE]
            ).order_by("opgedragen_op", "id")
        )
        result.append(
            _lijst(
                "Intake-wachtrij",
                intake,
                leeg="Geen opdrachten die op intake of raming wachten.",
                volgorde=31,
            )
        )
        werk = list(
            zichtbaar.filter(
                eenheid_id__in=eenheden,
                status__in=[lifecycle.AKKOORD, lifecycle.IN_UITVOERING, lifecycle.TERUG],
            ).order_by("deadline")
        )
        result.append(
            _lijst("Werk van mijn eenheid", werk, leeg="Geen lopend werk.", volgorde=32, voortgang=True)
        )
    if terrein.medewerker_eenheden is not None:
        eigen_eenheden = terrein.medewerker_eenheden
        werk = list(
            zichtbaar.filter(
                eenheid_id__in=eigen_eenheden, status__in=[lifecycle.IN_UITVOERING, lifecycle.TERUG]
            ).order_by("deadline")
        )
        result.append(
            _lijst(
                "Mijn werk: voortgang rapporteren",
                werk,
                leeg="Geen opdrachten in uitvoering bij uw eenheid.",
                volgorde=31,
                voortgang=True,
            )
        )
    leiding = terrein.leiding
    if leiding:
        per_partner: dict[str, Counter[str]] = defaultdict(Counter)
        for naam, status in Opdrachtgever.objects.filter(
            bestuursopdracht__in=zichtbaar.filter(samenwerkingsverband_id__in=leiding).values("pk"),
            teruggetrokken_op__isnull=True,
        ).values_list("gemeente__naam", "bestuursopdracht__status"):
            groep = (
                "concept"
                if status == lifecycle.CONCEPT
                else "lopend"
                if status in lifecycle.LOPEND
                else status
            )
            per_partner[naam][groep] += 1
        result.append(
            Panel(
                titel="Alle opdrachten per partner",
                template="opdrachten/panels/per_partner.html",
                volgorde=31,
                context={"rijen": sorted(per_partner.items())},
            )
        )
        te_laat = list(
            selectors.te_late_vragen(vragen.filter(samenwerkingsverband_id__in=leiding), vandaag).order_by(
                "uiterlijk"
            )
        )
        result.append(
            Panel(
                titel="Te late bestuursvragen",
                template=VRAGEN,
                volgorde=32,
                context={
                    "vragen": te_laat[:MAX],
                    "aantal": len(te_laat),
                    "vandaag": vandaag,
                    "te_laat": len(te_laat),
                },
            )
        )
        gevaar = [
            o
            for o in zichtbaar.filter(samenwerkingsverband_id__in=leiding, status__in=lifecycle.LOPEND)
            .filter(Q(deadline__lte=vandaag + dt.timedelta(days=30)) | Q(raming_opleverdatum__isnull=False))
            .order_by("deadline")
            if o.deadline_in_gevaar(vandaag)
        ]
        result.append(
            _lijst(
                "Deadlines in gevaar", gevaar, leeg="Geen opdrachten met een deadline in gevaar.", volgorde=33
            )
        )
    return result
