"""Rules for case data (zaakgegevens): the zaaktype mapping, the imports, the cases, the case systems.

Single cases are operational data of the pool: the directeur, the controller and the teamleiders of the
cooperation read them (and the beheerder); the municipality side sees only the aggregated compliance
figures (``dienstverlening.naleving``), never a single case. The same holds for the list of imports and
for the configured case systems (``Zaaksysteem``).

Writing is the controller's or the directeur's of the pool (and the beheerder's): importing a period
(``zaken.importeren``, also the system channels ``import-zaken``, ``fetch-zaken`` and ``demo``), fetching
it from a Zaken API (``zaken.ophalen``), keeping the zaaktype mapping (``zaaktypekoppeling.beheren``)
and the case systems (``zaaksysteem.beheren``).

The mapping itself is documentation of how the figures come about: everyone who sees the cooperation
reads it (``zaaktypekoppeling.lezen``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import EVERYTHING, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id

BEHEER = (Rol.DIRECTEUR, Rol.CONTROLLER)
LEZERS = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER)


def _beheert(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or actor.heeft(*BEHEER, samenwerkingsverband_id=_sv_id(obj))


def zaken_sv_ids(actor: Actor) -> frozenset[int]:
    """The cooperations whose single cases (and imports and case systems) the actor reads."""
    return frozenset(actor.samenwerkingsverbanden(*LEZERS))


@rule("zaak.lezen", "zaakimport.lezen", "zaaksysteem.lezen")
def zaken_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: a case, an import, a case system or their samenwerkingsverband (None: any at all?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(zaken_sv_ids(actor))
    return _sv_id(obj) in zaken_sv_ids(actor)


@rule("zaken.importeren", "zaken.ophalen", "zaaktypekoppeling.beheren", "zaaksysteem.beheren")
def zaken_beheren(actor: Actor, obj: Any) -> bool:
    """``obj``: the samenwerkingsverband (or a mapping / case system of it); None: of any cooperation?"""
    if obj is None:
        return actor.is_beheerder or bool(actor.samenwerkingsverbanden(*BEHEER))
    return _beheert(actor, obj)


@rule("zaaktypekoppeling.lezen")
def zaaktypekoppeling_lezen(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or _sv_id(obj) in actor.zichtbare_sv_ids


@read_scope("dienstverlening.zaak")
@read_scope("dienstverlening.zaakimport")
@read_scope("dienstverlening.zaaksysteem")
def zaken_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=zaken_sv_ids(actor))


@read_scope("dienstverlening.zaaktypekoppeling")
def zaaktypekoppeling_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=actor.zichtbare_sv_ids)
