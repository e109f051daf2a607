"""The catalogue's variant map of a cooperation (``variantenkaart.lezen``): per catalogue item, how many partner-specific
variants exist, which differ only slightly, what each variant costs in hours, and the "ijsco-zaak" index.

- The assignments: those of the item commissioned or delivered in the last ``JAREN`` years (not drafts, not
  cancelled) and **never a confidential one** (the map is read by the board; a confidential assignment is not
  counted at all).
- The frame of an assignment (what makes it a variant): its service frame (``dienstverleningskader``), the partner's
  service agreement for the item where one exists (the agreement's or annex's text and its norms, from
  ``dienstverlening``: the adopted DVO of that partner, or the annex of that partner in an agreement for all), and the
  catalogue's own norms for the item.
- The hours: the approved hours from the summary ``uren.Urenoverzicht`` (as ``nacalculatie/herhaling.py`` sums them).
- Per task kind (``catalogus`` taaksoort): under mechanisch medebewind the legislator fixes the product, so every
  variant beyond one is avoidable work; autonomous tasks are where custom work belongs (``TAAKSOORT_UITLEG``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem, Taaksoort
from seta.dienstverlening.models import Dienstafspraak, Dvostatus
from seta.harmonisatie.kern import varianten as kern
from seta.harmonisatie.kern.model import Variantinvoer, Variantkaart
from seta.opdrachten import lifecycle as lc
from seta.opdrachten.models import Bestuursopdracht, Vertrouwelijkheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren.models import Urenoverzicht

JAREN = 3

TAAKSOORT_UITLEG: dict[str, str] = {
    Taaksoort.MECHANISCH_MEDEBEWIND: "Mechanisch medebewind: de wetgever bepaalt het product; elke variant boven één "
    "is vermijdbaar maatwerk.",
    Taaksoort.NIET_MECHANISCH_MEDEBEWIND: "Niet-mechanisch medebewind: lokale speelruimte binnen rijksregels; "
    "varianten alleen waar de gemeente die ruimte bewust gebruikt.",
    Taaksoort.AUTONOOM: "Autonome taak: hier hoort maatwerk thuis; varianten zijn een politieke keuze.",
}


@dataclass(frozen=True)
class Variantrij:
    """One variant as the page and the API show it: its municipalities, hours and a representative frame."""

    nummer: int
    gemeenten: tuple[str, ...]
    aantal: int
    uren: Decimal
    klein_verschil: bool
    gelijkenis_naaste: float | None
    voorbeeld_nummer: str
    voorbeeld_titel: str
    kader: str


@dataclass(frozen=True)
class Itemkaart:
    catalogusitem: Catalogusitem
    taaksoort: str
    taaksoort_label: str
    kaart: Variantkaart
    varianten: tuple[Variantrij, ...]

    @property
    def klein(self) -> int:
        return sum(1 for v in self.varianten if v.klein_verschil)

    @property
    def uren(self) -> Decimal:
        return sum((v.uren for v in self.varianten), Decimal(0))

    @property
    def index(self) -> float:
        return self.kaart.index


def _grens(vandaag: dt.date) -> dt.date:
    return vandaag - dt.timedelta(days=365 * JAREN + 1)


def _norm_tekst(n: object) -> str:
    delen = [getattr(n, "omschrijving", "")]
    for veld in (
        "termijn",
        "dagsoort",
        "streefpercentage",
        "minimumscore",
        "openingstijden",
        "volume_min",
        "volume_max",
    ):
        w = getattr(n, veld, None)
        if w not in (None, ""):
            delen.append(f"{veld} {w}")
    return " ".join(str(d) for d in delen)


def _dvo_kaders(sv: Samenwerkingsverband) -> dict[tuple[int, int], str]:
    """(catalogue item, partner) → the text of the partner's adopted service agreement for that item."""
    kaders: dict[tuple[int, int], list[str]] = defaultdict(list)
    afspraken = (
        Dienstafspraak.objects.filter(dvo__samenwerkingsverband=sv, dvo__status=Dvostatus.VASTGESTELD)
        .select_related("dvo")
        .prefetch_related("normen")
        .order_by("pk")
    )
    for a in afspraken:
        gemeente_id = a.gemeente_id or a.dvo.gemeente_id
        if gemeente_id is None:
            continue  # an agreement for all without a partner's annex: the same for everyone, no variant
        tekst = " ".join([a.toelichting, *(_norm_tekst(n) for n in a.normen.all())]).strip()
        if tekst:
            kaders[(a.catalogusitem_id, gemeente_id)].append(tekst)
    return {k: "\n".join(v) for k, v in kaders.items()}


def _uren(opdracht_ids: list[int]) -> dict[int, Decimal]:
    rows = (
        Urenoverzicht.objects.filter(opdracht_id__in=opdracht_ids)
        .values("opdracht_id")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )
    return {r["opdracht_id"]: r["totaal"] for r in rows if r["totaal"]}


def kaarten(actor: Actor, sv: Samenwerkingsverband, *, vandaag: dt.date | None = None) -> list[Itemkaart]:
    """The map of every catalogue item of ``sv`` with at least one assignment, sorted by index, then hours."""
    policy.require(actor, "variantenkaart.lezen", sv, read_action="samenwerkingsverband.lezen")
    vandaag = vandaag or timezone.localdate()
    grens = _grens(vandaag)
    opdrachten = list(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=sv,
            vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR,
            catalogusitem__isnull=False,
        )
        .exclude(status__in=[lc.CONCEPT, lc.GEANNULEERD])
        .filter(Q(opgeleverd_op__isnull=True) | Q(opgeleverd_op__gte=grens))
        .select_related("catalogusitem")
        .prefetch_related("opdrachtgevers__gemeente", "catalogusitem__normen")
        .order_by("pk")
    )
    dvo = _dvo_kaders(sv)
    uren = _uren([o.pk for o in opdrachten])
    per_item: dict[int, list[Bestuursopdracht]] = defaultdict(list)
    for o in opdrachten:
        assert o.catalogusitem_id is not None
        per_item[o.catalogusitem_id].append(o)
    uitkomst: list[Itemkaart] = []
    for lijst in per_item.values():
        item = lijst[0].catalogusitem
        assert item is not None
        normen = " ".join(f"{n.omschrijving} {n.waarde} {n.eenheid}" for n in item.normen.all())
        invoer: list[Variantinvoer] = []
        kaders: dict[int, str] = {}
        for o in lijst:
            ogs = sorted(o.opdrachtgevers.all(), key=lambda og: og.gemeente.naam)
            partner = "\n".join(dvo.get((item.pk, og.gemeente_id), "") for og in ogs).strip()
            kader = "\n".join(d for d in (o.dienstverleningskader.strip(), partner, normen) if d)
            kaders[o.pk] = kader
            invoer.append(
                Variantinvoer(
                    id=o.pk,
                    gemeente=" en ".join(og.gemeente.naam for og in ogs),
                    kader=kader,
                    uren=uren.get(o.pk),
                )
            )
        k = kern.kaart(invoer)
        per_id = {o.pk: o for o in lijst}
        rijen = tuple(
            Variantrij(
                nummer=v.nummer,
                gemeenten=v.gemeenten,
                aantal=len(v.ids),
                uren=v.uren,
                klein_verschil=v.klein_verschil,
                gelijkenis_naaste=v.gelijkenis_naaste,
                voorbeeld_nummer=per_id[v.voorbeeld_id].nummer,
                voorbeeld_titel=per_id[v.voorbeeld_id].titel,
                kader=kaders[v.voorbeeld_id],
            )
            for v in k.varianten
        )
        uitkomst.append(
            Itemkaart(
                catalogusitem=item,
                taaksoort=item.taaksoort,
                taaksoort_label=item.get_taaksoort_display(),
                kaart=k,
                varianten=rijen,
            )
        )
    uitkomst.sort(key=lambda i: (-i.index, -i.uren, i.catalogusitem.naam))
    return uitkomst


def kaart_van(actor: Actor, sv: Samenwerkingsverband, item_id: int) -> Itemkaart | None:
    return next((i for i in kaarten(actor, sv) if i.catalogusitem.pk == item_id), None)


def verbanden(actor: Actor) -> list[Samenwerkingsverband]:
    """The cooperations whose map the actor may read."""
    from seta.samenwerkingsverbanden import selectors as sv_selectors

    return [
        sv
        for sv in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if policy.can(actor, "variantenkaart.lezen", sv)
    ]
