"""Reads of harmonisation: similar orders of the other partners, each shown as far as the policy allows.

``vergelijkbaar`` asks the index (``zoeken.py``) for the most similar candidates and then applies
``policy.harmonisatie.treffer_zicht`` to each, outside the core (the core never sees who asks):

- ``volledig``: number, title, principals, status, period, catalogue item, the reasons (shared terms, same item,
  same taakveld, overlapping period, similar in meaning) and a link when the actor may read the assignment;
- ``concept``: "<Gemeente> bereidt een vergelijkbare opdracht voor (concept)" with the item and the period only;
  never the title, the text or the shared terms;
- ``vertrouwelijk`` (the pool only): "Een partner heeft een vergelijkbare vertrouwelijke opdracht", nothing else;
- ``geen``: left out, and not counted.

Hits are the assignments of OTHER partners: an assignment with one of the query's own principals among its
principals (``gemeente_ids``) is no hit at all (the municipality knows its own orders; the assignment page lists
them elsewhere). The assignment asked about itself is never a hit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy import harmonisatie as harmonisatie_policy
from seta.catalogus.models import Catalogusitem
from seta.harmonisatie import zoeken
from seta.harmonisatie.kern.model import Document, Reden
from seta.opdrachten import lifecycle as lc
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

#: how many hits a page or the API shows at most
K = 10
#: the reasons a "concept" hit may give (the item and the period; never the terms or the meaning)
CONCEPT_REDENEN = frozenset({"catalogusitem", "periode"})
#: how many extra candidates are asked for, since the policy and the own-principal rule drop some
RUIMTE = 4

ZICHT_LABELS = {
    "volledig": "Volledig",
    "concept": "Concept van een partner",
    "vertrouwelijk": "Vertrouwelijk",
}


@dataclass(frozen=True)
class Hit:
    """One similar assignment as ``actor`` may see it. ``opdracht_id`` is for the app's own use (e.g. a proposal the
    pool drafts); pages and the API show only what ``zicht`` allows (``id``, ``nummer``, ``titel``, … are None or
    empty otherwise)."""

    zicht: harmonisatie_policy.Zicht
    score: float
    opdracht_id: int
    id: int | None = None
    nummer: str = ""
    titel: str = ""
    gemeenten: tuple[str, ...] = ()
    status: str = ""
    status_label: str = ""
    catalogusitem: str = ""
    begin: dt.date | None = None
    eind: dt.date | None = None
    redenen: tuple[Reden, ...] = ()
    gedeelde_termen: tuple[str, ...] = ()
    url: str = ""
    methode: str = field(default="lexicaal", compare=False)

    @property
    def zin(self) -> str:
        """The one Dutch sentence that stands for the hit where its title may not be shown."""
        if self.zicht == "concept":
            return f"{' en '.join(self.gemeenten)} bereidt een vergelijkbare opdracht voor (concept)"
        if self.zicht == "vertrouwelijk":
            return "Een partner heeft een vergelijkbare vertrouwelijke opdracht"
        return f"{self.nummer} {self.titel}"

    @property
    def percentage(self) -> int:
        return round(self.score * 100)


def _gemeenten(o: Bestuursopdracht) -> tuple[str, ...]:
    return tuple(sorted(og.gemeente.naam for og in o.opdrachtgevers.all()))


def _hit(actor: Actor, o: Bestuursopdracht, zicht: harmonisatie_policy.Zicht, t: object, methode: str) -> Hit:
    from seta.harmonisatie.kern.model import Treffer

    assert isinstance(t, Treffer)
    if zicht == "vertrouwelijk":
        return Hit(zicht=zicht, score=t.score, opdracht_id=o.pk, methode=methode)
    item = o.catalogusitem.naam if o.catalogusitem is not None else ""
    doc = zoeken.document(o)
    if zicht == "concept":
        return Hit(
            zicht=zicht,
            score=t.score,
            opdracht_id=o.pk,
            gemeenten=_gemeenten(o),
            catalogusitem=item,
            begin=doc.begin,
            eind=doc.eind,
            redenen=tuple(r for r in t.redenen if r.soort in CONCEPT_REDENEN),
            methode=methode,
        )
    mag_lezen = policy.can(actor, "bestuursopdracht.lezen", o)
    return Hit(
        zicht=zicht,
        score=t.score,
        opdracht_id=o.pk,
        id=o.pk,
        nummer=o.nummer,
        titel=o.titel,
        gemeenten=_gemeenten(o),
        status=o.status,
        status_label=o.status_label,
        catalogusitem=item,
        begin=doc.begin,
        eind=doc.eind,
        redenen=t.redenen,
        gedeelde_termen=t.gedeelde_termen,
        url=reverse("opdrachten:detail", args=[o.pk]) if mag_lezen else "",
        methode=methode,
    )


def _zoek(
    actor: Actor,
    *,
    samenwerkingsverband: Samenwerkingsverband,
    vraag: Document,
    gemeente_ids: Collection[int],
    uitsluiten: Iterable[int] = (),
    k: int = K,
) -> list[Hit]:
    policy.require(
        actor, "harmonisatie.zoeken", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    if not (vraag.titel.strip() or vraag.tekst.strip()):
        return []
    gebouwd = zoeken.index_voor(samenwerkingsverband.pk)
    eigen = set(gemeente_ids)
    weg = set(uitsluiten)
    if eigen:  # the query's own principals' assignments are no hits: leave them out before ranking
        weg |= set(
            Bestuursopdracht.objects.filter(
                pk__in=gebouwd.ids, opdrachtgevers__gemeente_id__in=eigen
            ).values_list("pk", flat=True)
        )
    treffers = gebouwd.index.zoek(vraag, k=k * RUIMTE, uitsluiten=weg)
    records = {
        o.pk: o
        for o in Bestuursopdracht.objects.filter(pk__in=[t.id for t in treffers])
        .select_related("catalogusitem__taakveld")
        .prefetch_related("opdrachtgevers__gemeente")
    }
    hits: list[Hit] = []
    for t in treffers:
        o = records.get(t.id)
        if o is None:
            continue
        zicht = harmonisatie_policy.opdracht_zicht(actor, o)
        if zicht == "geen":
            continue
        hits.append(_hit(actor, o, zicht, t, gebouwd.index.methode))
        if len(hits) >= k:
            break
    return hits


def vergelijkbaar(
    actor: Actor,
    *,
    samenwerkingsverband: Samenwerkingsverband,
    titel: str,
    tekst: str = "",
    catalogusitem: Catalogusitem | None = None,
    gemeente_ids: Collection[int] = (),
    opdracht: Bestuursopdracht | None = None,
    k: int = K,
) -> list[Hit]:
    """Similar assignments of the other partners for a text being drafted (the form's unsaved input).

    Requires ``harmonisatie.zoeken`` on the cooperation (404 if the actor may not read it, 403 otherwise)."""
    vraag = Document(
        id=opdracht.pk if opdracht is not None else 0,
        titel=titel,
        tekst=tekst,
        catalogusitem_id=catalogusitem.pk if catalogusitem is not None else None,
        taakveld=catalogusitem.taakveld.code
        if catalogusitem is not None and catalogusitem.taakveld_id
        else "",
        begin=(opdracht.opgedragen_op or opdracht.aangemaakt_op.date())
        if opdracht is not None
        else dt.date.today(),
        eind=opdracht.deadline if opdracht is not None else None,
    )
    return _zoek(
        actor,
        samenwerkingsverband=samenwerkingsverband,
        vraag=vraag,
        gemeente_ids=gemeente_ids,
        uitsluiten=[opdracht.pk] if opdracht is not None else (),
        k=k,
    )


def vergelijkbaar_voor_opdracht(actor: Actor, opdracht: Bestuursopdracht, *, k: int = K) -> list[Hit]:
    """Similar assignments of the other partners for a stored assignment (the caller read it through its selector)."""
    gemeente_ids = {og.gemeente_id for og in opdracht.opdrachtgevers.all()}
    return _zoek(
        actor,
        samenwerkingsverband=opdracht.samenwerkingsverband,
        vraag=zoeken.document(opdracht),
        gemeente_ids=gemeente_ids,
        uitsluiten=[opdracht.pk],
        k=k,
    )


def mag_zoeken(actor: Actor, samenwerkingsverband: object | None = None) -> bool:
    return policy.can(actor, "harmonisatie.zoeken", samenwerkingsverband)


def toon_bij_opdracht(actor: Actor, opdracht: Bestuursopdracht) -> bool:
    """The assignment page shows the section to those who may search, for assignments not yet finished."""
    return opdracht.status != lc.GEANNULEERD and mag_zoeken(actor, opdracht.samenwerkingsverband)


# --- a query from outside (the form's live panel, the API) --------------------------------------------------------------
@dataclass(frozen=True)
class Vraag:
    """A search resolved from request parameters: the cooperation, the text, the item, the principals."""

    samenwerkingsverband: Samenwerkingsverband | None
    titel: str
    tekst: str
    catalogusitem: Catalogusitem | None
    gemeente_ids: frozenset[int]
    opdracht: Bestuursopdracht | None


def vraag_uit(
    actor: Actor,
    *,
    samenwerkingsverband_id: int | None,
    catalogusitem_id: int | None,
    opdracht_id: int | None,
    gemeente_ids: Iterable[int] = (),
    titel: str = "",
    tekst: str = "",
    namen: dict[str, str] | None = None,
) -> Vraag:
    """Resolve the ids through the selectors (what the actor may read); an unknown id is an ``InvalidInput`` naming
    its parameter (``namen`` maps ``samenwerkingsverband``/``catalogusitem``/``opdracht`` to the caller's names)."""
    from seta.catalogus import selectors as catalogus_selectors
    from seta.core.errors import InvalidInput, NotFound
    from seta.opdrachten import selectors as opdracht_selectors
    from seta.samenwerkingsverbanden import selectors as sv_selectors

    namen = namen or {}
    opdracht = None
    if opdracht_id is not None:
        try:
            opdracht = opdracht_selectors.bestuursopdracht_for(actor, opdracht_id)
        except NotFound:
            raise InvalidInput(fields={namen.get("opdracht", "opdracht"): ["Onbekende opdracht."]}) from None
    sv = None
    if samenwerkingsverband_id is not None:
        sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(pk=samenwerkingsverband_id).first()
        if sv is None:
            raise InvalidInput(
                fields={
                    namen.get("samenwerkingsverband", "samenwerkingsverband"): [
                        "Onbekend samenwerkingsverband."
                    ]
                }
            )
    elif opdracht is not None:
        sv = opdracht.samenwerkingsverband
    item = None
    if catalogusitem_id is not None:
        item = (
            catalogus_selectors.catalogusitems_for(actor)
            .select_related("taakveld")
            .filter(pk=catalogusitem_id)
            .first()
        )
        if item is None or (sv is not None and item.samenwerkingsverband_id != sv.pk):
            raise InvalidInput(
                fields={
                    namen.get("catalogusitem", "catalogusitem"): ["Onbekend catalogusitem in dit verband."]
                }
            )
        if sv is None:
            sv = item.samenwerkingsverband
    gemeenten = frozenset(gemeente_ids)
    if opdracht is not None and not gemeenten:
        gemeenten = frozenset(og.gemeente_id for og in opdracht.opdrachtgevers.all())
    return Vraag(sv, titel, tekst, item, gemeenten, opdracht)


def vergelijkbaar_voor_vraag(actor: Actor, vraag: Vraag, *, k: int = K) -> list[Hit]:
    """The hits for a resolved query; with only an assignment, that assignment's own text."""
    if vraag.samenwerkingsverband is None:
        return []
    if vraag.opdracht is not None and not (vraag.titel or vraag.tekst):
        policy.require(
            actor, "harmonisatie.zoeken", vraag.samenwerkingsverband, read_action="samenwerkingsverband.lezen"
        )
        return vergelijkbaar_voor_opdracht(actor, vraag.opdracht, k=k)
    return vergelijkbaar(
        actor,
        samenwerkingsverband=vraag.samenwerkingsverband,
        titel=vraag.titel,
        tekst=vraag.tekst,
        catalogusitem=vraag.catalogusitem,
        gemeente_ids=vraag.gemeente_ids,
        opdracht=vraag.opdracht,
        k=k,
    )
