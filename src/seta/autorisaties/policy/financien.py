"""Rules for urenregistratie (uren) and the cost allocation (financien).

Hours are personal data of staff: a medewerker sees and writes their own, the teamleider sees and
approves those of the units under them, the directeur and the controller of the pool see all of the
pool (the controller needs them for the allocation). The municipality side never sees single lines
of hours, only the aggregated figures in the allocation.

Financial figures (begroting, tarieven, verdeelmodellen, scenarios, afrekeningen) are transparent
between the partners of one cooperation (docs/decisions/0004-financien-transparant-tussen-deelnemers.md):
the pool's controller and directeur, the boards (AB/DB) and every municipality-side role of a
partner (college, secretaris, beleidsregisseur, raadsleden, griffier) see all partners' figures of
that cooperation; other cooperations see nothing. Only the controller drafts; the boards adopt.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import GEMEENTE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, action_scope, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id


# --- uren ----------------------------------------------------------------------------------------------------
def _eigen_medewerker_ids(actor: Actor) -> frozenset[int]:
    return frozenset(r.medewerker_id for r in actor.rollen if r.medewerker_id is not None)


def _medewerker_van(obj: Any) -> Any:
    """The medewerker a weekstaat or urenregel belongs to (the record itself if it is a medewerker)."""
    if obj._meta.label_lower == "organisatie.medewerker":
        return obj
    return obj.medewerker


def _uren_overzicht(actor: Actor, sv_id: int | None) -> bool:
    """Directeur and controller see all hours of their pool."""
    return actor.heeft(Rol.DIRECTEUR, Rol.CONTROLLER, samenwerkingsverband_id=sv_id)


def _leidinggevende(actor: Actor, medewerker: Any) -> bool:
    """Teamleider of the medewerker's unit (or a unit above it), or directeur of the pool; never oneself."""
    if medewerker.pk in _eigen_medewerker_ids(actor):
        return False
    sv_id = medewerker.samenwerkingsverband_id
    if actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=sv_id):
        return True
    return (
        actor.heeft(Rol.TEAMLEIDER, samenwerkingsverband_id=sv_id)
        and medewerker.eenheid_id in actor.beheerde_eenheid_ids
    )


@rule("weekstaat.lezen", "urenregel.lezen")
def uren_lezen(actor: Actor, obj: Any) -> bool:
    medewerker = _medewerker_van(obj)
    return (
        actor.is_beheerder
        or medewerker.pk in _eigen_medewerker_ids(actor)
        or _uren_overzicht(actor, medewerker.samenwerkingsverband_id)
        or _leidinggevende(actor, medewerker)
    )


@rule("urenregel.schrijven", "weekstaat.indienen")
def uren_schrijven(actor: Actor, obj: Any) -> bool:
    """Only the medewerker writes and submits their own hours (an import is a separate right)."""
    return _medewerker_van(obj).pk in _eigen_medewerker_ids(actor)


@rule("weekstaat.goedkeuren", "weekstaat.heropenen")
def uren_goedkeuren(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or _leidinggevende(actor, _medewerker_van(obj))


@rule("uren.importeren")
def uren_importeren(actor: Actor, obj: Any) -> bool:
    """Imports from time-keeping systems: the controller or directeur of the pool (``obj``: the pool)."""
    return actor.is_beheerder or actor.heeft(
        Rol.CONTROLLER, Rol.DIRECTEUR, samenwerkingsverband_id=_sv_id(obj)
    )


def _uren_scope(actor: Actor, prefix: str = "") -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    q = Q(**{f"{prefix}medewerker_id__in": _eigen_medewerker_ids(actor)})
    q |= Q(
        **{
            f"{prefix}samenwerkingsverband_id__in": actor.samenwerkingsverbanden(
                Rol.DIRECTEUR, Rol.CONTROLLER
            )
        }
    )
    teamleider_svs = actor.samenwerkingsverbanden(Rol.TEAMLEIDER)
    if teamleider_svs and actor.beheerde_eenheid_ids:
        q |= Q(
            **{
                f"{prefix}medewerker__eenheid_id__in": actor.beheerde_eenheid_ids,
                f"{prefix}samenwerkingsverband_id__in": teamleider_svs,
            }
        )
    return q


@read_scope("uren.urenregel")
@read_scope("uren.weekstaat")
def uren_scope(actor: Actor) -> Q:
    return _uren_scope(actor)


@read_scope("uren.urenimport")
def urenimport_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=actor.samenwerkingsverbanden(Rol.DIRECTEUR, Rol.CONTROLLER))


# --- financien -------------------------------------------------------------------------------------------------
def financien_sv_ids(actor: Actor) -> frozenset[int]:
    """Cooperations whose financial figures the actor may read."""
    ids = set(actor.samenwerkingsverbanden(Rol.CONTROLLER, Rol.DIRECTEUR, Rol.AB_LID, Rol.DB_LID))
    if actor.gemeenten(*GEMEENTE_ROLLEN):
        ids |= actor.partner_sv_ids
    return frozenset(ids)


@rule(
    "begroting.lezen",
    "tarief.lezen",
    "verdeelmodel.lezen",
    "scenario.lezen",
    "afrekening.lezen",
    "drempel.lezen",
    "financien.lezen",
)
def financien_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: a financial record or its samenwerkingsverband (None: does the actor see any?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(financien_sv_ids(actor))
    return _sv_id(obj) in financien_sv_ids(actor)


@rule("begroting.wijzigen", "begroting.opzetten", "tarief.wijzigen")
def begroting_wijzigen(actor: Actor, obj: Any) -> bool:
    """Budget and tariffs are drawn up by the controller (or the directeur) of the pool."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(Rol.CONTROLLER, Rol.DIRECTEUR))
    return actor.heeft(Rol.CONTROLLER, Rol.DIRECTEUR, samenwerkingsverband_id=_sv_id(obj))


@rule("verdeelmodel.opstellen", "scenario.opstellen", "afrekening.opstellen", "verdeelmodel.berekenen")
def financien_opstellen(actor: Actor, obj: Any) -> bool:
    """Only the controller drafts models, scenarios and settlements (and stores calculations)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(Rol.CONTROLLER))
    return actor.heeft(Rol.CONTROLLER, samenwerkingsverband_id=_sv_id(obj))


# Adopting (begroting, verdeelmodel, afrekening, drempel: ``<resource>.vaststellen``) is the deciding
# body's, as the cooperation's governance names it: see ``policy/bestuur.py``.


@read_scope("financien.begroting")
@read_scope("financien.tarief")
@read_scope("financien.verdeelmodel")
@read_scope("financien.scenario")
@read_scope("financien.afrekening")
@read_scope("financien.afwijkingsdrempel")
@read_scope("financien.berekening")
def financien_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=financien_sv_ids(actor))


# --- named decisions for the selectors (lists the pages show) ------------------------------------------------
def eigen_medewerker_ids(actor: Actor) -> frozenset[int]:
    """The staff records that are the actor themself (a person's own hours, own week)."""
    return _eigen_medewerker_ids(actor)


@action_scope("weekstaat.goedkeuren")
def weekstaat_goedkeuren_scope(actor: Actor) -> Q:
    """The weeks the actor may approve (:func:`uren_goedkeuren` as a query): of the units under a teamleider,
    of the whole pool for its directeur, any for the beheerder; never the actor's own."""
    eigen = Q(medewerker_id__in=_eigen_medewerker_ids(actor))
    if actor.is_beheerder:
        return ~eigen
    q = NOTHING
    directeur_svs = actor.samenwerkingsverbanden(Rol.DIRECTEUR)
    if directeur_svs:
        q |= Q(samenwerkingsverband_id__in=directeur_svs)
    teamleider_svs = actor.samenwerkingsverbanden(Rol.TEAMLEIDER)
    if teamleider_svs and actor.beheerde_eenheid_ids:
        q |= Q(
            samenwerkingsverband_id__in=teamleider_svs,
            medewerker__eenheid_id__in=actor.beheerde_eenheid_ids,
        )
    return q & ~eigen


def financien_verbanden(actor: Actor) -> Q:
    """The cooperations (a Q on Samenwerkingsverband) whose financial figures the actor may read."""
    return EVERYTHING if actor.is_beheerder else Q(pk__in=financien_sv_ids(actor))


def ziet_uren(actor: Actor) -> bool:
    """Whether hours are part of the actor's work at all (the menu): pool staff and the beheerder."""
    return actor.is_pool or actor.is_beheerder


@actietabel("uren.weekstaat", "weekstaat")
def weekstaat_acties(staat: Any) -> list[str]:
    """What a week's state allows: submit an open week with hours, approve a submitted one, reopen a
    submitted or approved one (the services refuse the rest)."""
    if staat.status == "open":
        if hasattr(staat, "totaal_uren"):  # annotated by the API's queryset: no query per row
            heeft_regels = staat.totaal_uren is not None
        else:
            heeft_regels = staat.regels.exists()
        return ["indienen"] if heeft_regels else []
    if staat.status == "ingediend":
        return ["goedkeuren", "heropenen"]
    return ["heropenen"]


@actietabel(
    "financien.verdeelmodel",
    "verdeelmodel",
    regels={"nieuwe-versie": "verdeelmodel.opstellen", "wijzigen": "verdeelmodel.opstellen"},
)
def verdeelmodel_acties(model: Any) -> list[str]:
    """A concept may be changed and adopted; any version may be the start of a new one."""
    return ["nieuwe-versie"] if model.is_vastgesteld else ["nieuwe-versie", "vaststellen", "wijzigen"]


@actietabel("financien.begroting", "begroting")
def begroting_acties(begroting: Any) -> list[str]:
    """A concept budget may be changed and adopted; an adopted one is frozen."""
    return [] if begroting.is_vastgesteld else ["wijzigen", "vaststellen"]


@actietabel("financien.afrekening", "afrekening", regels={"opnieuw": "afrekening.opstellen"})
def afrekening_acties(afrekening: Any) -> list[str]:
    """A concept settlement may be recalculated and adopted; an adopted one is final."""
    return ["opnieuw", "vaststellen"] if afrekening.status == "concept" else []


# --- voorschotten (advances, ADR 0035) ------------------------------------------------------------------------
@rule("voorschotschema.lezen")
def voorschot_lezen(actor: Actor, obj: Any) -> bool:
    """Advances are financial figures: transparent between the partners (ADR 0032), as :func:`financien_lezen`."""
    return financien_lezen(actor, obj)


@rule("voorschotschema.berekenen")
def voorschot_berekenen(actor: Actor, obj: Any) -> bool:
    """The controller computes (and, while concept, recomputes) the advances from the adopted budget and model."""
    return financien_opstellen(actor, obj)


@rule("voorschotschema.vaststellen", "voorschotschema.verzenden")
def voorschot_uitvoeren(actor: Actor, obj: Any) -> bool:
    """Adopting a schedule executes the adopted budget (no new board decision): the controller or the
    directeur of the pool adopts it and records that the invoices went out (ADR 0035)."""
    return begroting_wijzigen(actor, obj)


@read_scope("financien.voorschotschema")
def voorschotschema_scope(actor: Actor) -> Q:
    return financien_scope(actor)


@read_scope("financien.voorschottermijn")
def voorschottermijn_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(schema__samenwerkingsverband_id__in=financien_sv_ids(actor))


@actietabel("financien.voorschotschema", "voorschotschema", regels={"opnieuw": "voorschotschema.berekenen"})
def voorschotschema_acties(schema: Any) -> list[str]:
    """A concept may be recomputed and adopted; an adopted one sent; a sent one is final."""
    if schema.status == "concept":
        return ["opnieuw", "vaststellen"]
    if schema.status == "vastgesteld":
        return ["verzenden"]
    return []


def eigen_gemeente_ids(actor: Actor) -> frozenset[int]:
    """The municipalities the actor works for (any municipality-side role): its own rows in a schedule."""
    return actor.gemeenten()


# --- joining and leaving (deelnemersscenario, uittredingsregel) ------------------------------------------------
@rule("deelnemersscenario.lezen", "uittredingsregel.lezen")
def deelnemersscenario_lezen(actor: Actor, obj: Any) -> bool:
    """Read like every financial figure: all roles of the cooperation's partners, pool leadership, boards."""
    return financien_lezen(actor, obj)


@rule("deelnemersscenario.opstellen", "deelnemersscenario.berekenen")
def deelnemersscenario_opstellen(actor: Actor, obj: Any) -> bool:
    """The controller drafts and recalculates a join or leave scenario (a calculation, not a decision)."""
    return financien_opstellen(actor, obj)


# ``uittredingsregel.vaststellen``: the body the governance names (``policy/bestuur.py``, default the AB).


@read_scope("financien.deelnemersscenario")
@read_scope("financien.uittredingsregel")
def deelnemersscenario_scope(actor: Actor) -> Q:
    return financien_scope(actor)


@actietabel("financien.deelnemersscenario", "deelnemersscenario")
def deelnemersscenario_acties(scenario: Any) -> list[str]:
    """A scenario can always be recalculated (the year's figures may have changed)."""
    return ["berekenen"]
