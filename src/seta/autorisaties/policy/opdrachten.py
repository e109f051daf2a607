"""Rules for commissioning: bestuursopdrachten, wijzigingsverzoeken, bestuursvragen and overleggen.

Political primacy, as decided (see docs/opdrachten.md):

- Reading an assignment: municipality-side users only see assignments their own gemeente commissions
  (also after it withdrew). College members, the gemeentesecretaris and the beleidsregisseurs see the
  confidential ones too; raadsleden and the griffier see the public ones once commissioned (no drafts).
  Pool side: directeur, controller and teamleiders see every assignment of their cooperation; a
  medewerker sees the public ones and the confidential ones of their own unit. Board seats (AB/DB)
  add nothing: a board member sees what their college role lets them see. The beheerder reads all.
- Deciding (commission, accept the estimate, adopt, return, hold, resume, cancel, approve changes):
  only the college of a commissioning municipality: its burgemeester, or the wethouder holding the
  assignment's portfolio for that municipality. Never the pool, the regisseur or the beheerder.
- Drafting and sharpening (create, edit frames in concept): the beleidsregisseur, gemeentesecretaris
  and college of a commissioning municipality; the pool's directeur and teamleiders may draft a
  proposal (initiatief = pool), which only the college can turn into an assignment.
- Pool work (intake, estimate, start, progress, deliver, restart): the directeur of the cooperation,
  the teamleider of the carrying unit; progress reports also by a medewerker of that unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import COLLEGE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, action_scope, read_scope, rule
from seta.opdrachten import lifecycle

BESTUUR_LEZERS = (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS, Rol.BELEIDSREGISSEUR)
RAAD_LEZERS = (Rol.RAADSLID, Rol.GRIFFIER)
OPSTELLERS = (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS, Rol.BELEIDSREGISSEUR)
POOL_LEZERS_ALLES = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER)


@dataclass(frozen=True)
class Opdrachtcontext:
    """The parent of a new assignment, question or meeting: cooperation, municipalities, initiative."""

    samenwerkingsverband_id: int | None
    gemeente_ids: frozenset[int] = frozenset()
    initiatief: str = "gemeente"
    bestuursopdracht: Any = None


# --- helpers -------------------------------------------------------------------------------------------------
def _opdrachtgevers(obj: Any, *, actief: bool = True) -> list[Any]:
    return [o for o in obj.opdrachtgevers.all() if not actief or o.teruggetrokken_op is None]


def beslissende_opdrachtgevers(actor: Actor, opdracht: Any) -> list[Any]:
    """The active opdrachtgevers on whose behalf ``actor`` may decide: burgemeester, or portfolio wethouder."""
    result = []
    for og in _opdrachtgevers(opdracht):
        for r in actor.rollen:
            if r.gemeente_id != og.gemeente_id:
                continue
            if r.rol is Rol.BURGEMEESTER or (
                r.rol is Rol.WETHOUDER and og.portefeuille_id in r.portefeuille_ids
            ):
                result.append(og)
                break
    return result


def _is_college_van(actor: Actor, gemeente_id: int) -> bool:
    return actor.heeft(*COLLEGE_ROLLEN, gemeente_id=gemeente_id)


def _pool_rollen_voor(actor: Actor, opdracht: Any) -> set[str]:
    """Which pool role specifications (lifecycle.DIRECTEUR/TEAMLEIDER/MEDEWERKER) the actor fills here."""
    result: set[str] = set()
    for r in actor.rollen:
        if r.samenwerkingsverband_id != opdracht.samenwerkingsverband_id:
            continue
        if r.rol is Rol.DIRECTEUR:
            result.add(lifecycle.DIRECTEUR)
        elif r.rol is Rol.TEAMLEIDER and opdracht.eenheid_id in actor.beheerde_eenheid_ids:
            result.add(lifecycle.TEAMLEIDER)
        elif r.rol is Rol.MEDEWERKER and r.eenheid_id == opdracht.eenheid_id:
            result.add(lifecycle.MEDEWERKER)
    return result


def mag_overgang(actor: Actor, opdracht: Any, actie: str) -> bool:
    """Whether the actor holds a role that the lifecycle table allows for ``actie`` on this assignment."""
    rollen = lifecycle.ACTIE_ROLLEN[actie]
    if lifecycle.ACTIE_KANT[actie] == "gemeente":
        return lifecycle.COLLEGE in rollen and bool(beslissende_opdrachtgevers(actor, opdracht))
    return bool(rollen & _pool_rollen_voor(actor, opdracht))


def _is_pool_leiding(actor: Actor, sv_id: int | None, eenheid_id: int | None = None) -> bool:
    if actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=sv_id):
        return True
    if not actor.heeft(Rol.TEAMLEIDER, samenwerkingsverband_id=sv_id):
        return False
    return eenheid_id is None or eenheid_id in actor.beheerde_eenheid_ids


def _medewerker_eenheden(actor: Actor) -> set[int]:
    return {r.eenheid_id for r in actor.rollen if r.rol is Rol.MEDEWERKER and r.eenheid_id is not None}


# --- bestuursopdracht: reading ----------------------------------------------------------------------------------
@rule("bestuursopdracht.lezen")
def bestuursopdracht_lezen(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder:
        return True
    sv_id = obj.samenwerkingsverband_id
    if any(actor.heeft(r, samenwerkingsverband_id=sv_id) for r in POOL_LEZERS_ALLES):
        return True
    openbaar = obj.vertrouwelijkheid == "openbaar"
    if actor.heeft(Rol.MEDEWERKER, samenwerkingsverband_id=sv_id) and (
        openbaar or obj.eenheid_id in _medewerker_eenheden(actor)
    ):
        return True
    gemeenten = {og.gemeente_id for og in _opdrachtgevers(obj, actief=False)}
    if gemeenten & actor.gemeenten(*BESTUUR_LEZERS):
        return True
    return bool(gemeenten & actor.gemeenten(*RAAD_LEZERS)) and raad_mag_lezen(obj)


def raad_mag_lezen(opdracht: Any) -> bool:
    """Whether the council (raadsleden, griffier) of a commissioning municipality may open this assignment:
    public and commissioned (no drafts). Also decides whether a board question about it may go to the council."""
    return bool(opdracht.vertrouwelijkheid == "openbaar" and opdracht.status != lifecycle.CONCEPT)


def _opdracht_ids_van(gemeente_ids: frozenset[int]) -> Any:
    from seta.opdrachten.models import Opdrachtgever

    return Opdrachtgever.objects.filter(gemeente_id__in=gemeente_ids).values("bestuursopdracht_id")


@read_scope("opdrachten.bestuursopdracht")
def bestuursopdracht_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    q = Q(pk__in=[])
    alles = actor.samenwerkingsverbanden(*POOL_LEZERS_ALLES)
    if alles:
        q |= Q(samenwerkingsverband_id__in=alles)
    mw_sv = actor.samenwerkingsverbanden(Rol.MEDEWERKER)
    if mw_sv:
        q |= Q(samenwerkingsverband_id__in=mw_sv, vertrouwelijkheid="openbaar")
        q |= Q(eenheid_id__in=_medewerker_eenheden(actor))
    bestuur = actor.gemeenten(*BESTUUR_LEZERS)
    if bestuur:
        q |= Q(pk__in=_opdracht_ids_van(bestuur))
    raad = actor.gemeenten(*RAAD_LEZERS) - bestuur
    if raad:
        q |= Q(pk__in=_opdracht_ids_van(raad), vertrouwelijkheid="openbaar") & ~Q(status=lifecycle.CONCEPT)
    return q


# --- bestuursopdracht: drafting and the transitions ---------------------------------------------------------
@rule("bestuursopdracht.aanmaken")
def bestuursopdracht_aanmaken(actor: Actor, ctx: Opdrachtcontext | None) -> bool:
    """Drafting. With no context: whether the actor may draft anything at all (for the 'new' button)."""
    if ctx is None:
        return bool(actor.gemeenten(*OPSTELLERS)) or bool(
            actor.samenwerkingsverbanden(Rol.DIRECTEUR, Rol.TEAMLEIDER)
        )
    if ctx.initiatief == "pool":
        return _is_pool_leiding(actor, ctx.samenwerkingsverband_id)
    return bool(ctx.gemeente_ids & actor.gemeenten(*OPSTELLERS))


@rule("bestuursopdracht.wijzigen")
def bestuursopdracht_wijzigen(actor: Actor, obj: Any) -> bool:
    """Sharpening the frames (in concept): the principal's regisseur, secretaris, college; the pool for its proposal."""
    gemeenten = {og.gemeente_id for og in _opdrachtgevers(obj)}
    if gemeenten & actor.gemeenten(*OPSTELLERS):
        return True
    return obj.initiatief == "pool" and _is_pool_leiding(actor, obj.samenwerkingsverband_id)


def _transition_rule(actie: str) -> Any:
    def check(actor: Actor, obj: Any) -> bool:
        return mag_overgang(actor, obj, actie)

    check.__name__ = f"bestuursopdracht_{actie}"
    check.__doc__ = f"Lifecycle table: who may {actie}."
    return check


for _actie in lifecycle.ACTIES:
    rule(f"bestuursopdracht.{_actie}")(_transition_rule(_actie))


# --- wijzigingsverzoeken -----------------------------------------------------------------------------------------
@rule("wijzigingsverzoek.indienen")
def wijzigingsverzoek_indienen(actor: Actor, opdracht: Any) -> bool:
    """Either side may ask for a change: the principal's people or the pool's leading staff."""
    gemeenten = {og.gemeente_id for og in _opdrachtgevers(opdracht)}
    if gemeenten & actor.gemeenten(*OPSTELLERS):
        return True
    return _is_pool_leiding(actor, opdracht.samenwerkingsverband_id, opdracht.eenheid_id)


@rule("wijzigingsverzoek.lezen")
def wijzigingsverzoek_lezen(actor: Actor, obj: Any) -> bool:
    return bestuursopdracht_lezen(actor, obj.bestuursopdracht)


@rule("wijzigingsverzoek.goedkeuren", "wijzigingsverzoek.afwijzen")
def wijzigingsverzoek_besluiten(actor: Actor, obj: Any) -> bool:
    return bool(beslissende_opdrachtgevers(actor, obj.bestuursopdracht))


@read_scope("opdrachten.wijzigingsverzoek")
def wijzigingsverzoek_scope(actor: Actor) -> Q:
    from seta.opdrachten.models import Bestuursopdracht

    if actor.is_beheerder:
        return EVERYTHING
    return Q(bestuursopdracht__in=Bestuursopdracht.objects.filter(bestuursopdracht_scope(actor)).values("pk"))


# --- bestuursvragen -----------------------------------------------------------------------------------------------
@rule("bestuursvraag.lezen")
def bestuursvraag_lezen(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder:
        return True
    sv_id = obj.samenwerkingsverband_id
    if any(actor.heeft(r, samenwerkingsverband_id=sv_id) for r in POOL_LEZERS_ALLES):
        return True
    if actor.heeft(Rol.MEDEWERKER, samenwerkingsverband_id=sv_id):
        return obj.bestuursopdracht is None or bestuursopdracht_lezen(actor, obj.bestuursopdracht)
    if obj.gemeente_id in actor.gemeenten(*BESTUUR_LEZERS):
        return True
    return obj.gericht_aan == "raad" and obj.gemeente_id in actor.gemeenten(*RAAD_LEZERS)


@read_scope("opdrachten.bestuursvraag")
def bestuursvraag_scope(actor: Actor) -> Q:
    from seta.opdrachten.models import Bestuursopdracht

    if actor.is_beheerder:
        return EVERYTHING
    q = Q(pk__in=[])
    alles = actor.samenwerkingsverbanden(*POOL_LEZERS_ALLES)
    if alles:
        q |= Q(samenwerkingsverband_id__in=alles)
    mw_sv = actor.samenwerkingsverbanden(Rol.MEDEWERKER)
    if mw_sv:
        zichtbaar = Bestuursopdracht.objects.filter(bestuursopdracht_scope(actor)).values("pk")
        q |= Q(samenwerkingsverband_id__in=mw_sv) & (
            Q(bestuursopdracht__isnull=True) | Q(bestuursopdracht__in=zichtbaar)
        )
    bestuur = actor.gemeenten(*BESTUUR_LEZERS)
    if bestuur:
        q |= Q(gemeente_id__in=bestuur)
    raad = actor.gemeenten(*RAAD_LEZERS)
    if raad:
        q |= Q(gemeente_id__in=raad, gericht_aan="raad")
    return q


@rule("bestuursvraag.stellen")
def bestuursvraag_stellen(actor: Actor, ctx: Opdrachtcontext | None) -> bool:
    """Ontlokken: the pool (any role but the controller) asks; a beleidsregisseur may ask its own bestuur."""
    pool_rollen = (Rol.DIRECTEUR, Rol.TEAMLEIDER, Rol.MEDEWERKER)
    if ctx is None:
        return bool(actor.samenwerkingsverbanden(*pool_rollen)) or bool(actor.gemeenten(Rol.BELEIDSREGISSEUR))
    if ctx.bestuursopdracht is not None and not bestuursopdracht_lezen(actor, ctx.bestuursopdracht):
        return False
    if any(actor.heeft(r, samenwerkingsverband_id=ctx.samenwerkingsverband_id) for r in pool_rollen):
        return True
    return bool(ctx.gemeente_ids & actor.gemeenten(Rol.BELEIDSREGISSEUR))


@rule("bestuursvraag.beantwoorden")
def bestuursvraag_beantwoorden(actor: Actor, obj: Any) -> bool:
    """The addressee answers: the griffier records the council's answer; the college (or the wethouder asked)."""
    if obj.gericht_aan == "raad":
        return actor.heeft(Rol.GRIFFIER, gemeente_id=obj.gemeente_id)
    if actor.heeft(Rol.BURGEMEESTER, gemeente_id=obj.gemeente_id):
        return True
    if obj.gericht_aan == "wethouder" and obj.wethouder_id is not None:
        return any(r.functionaris_id == obj.wethouder_id for r in actor.rollen)
    return actor.heeft(Rol.WETHOUDER, gemeente_id=obj.gemeente_id)


@rule("bestuursvraag.intrekken")
def bestuursvraag_intrekken(actor: Actor, obj: Any) -> bool:
    return (actor.user_id is not None and obj.gesteld_door_id == actor.user_id) or actor.heeft(
        Rol.DIRECTEUR, samenwerkingsverband_id=obj.samenwerkingsverband_id
    )


# --- overleggen ------------------------------------------------------------------------------------------------------
def _overleg_gemeenten(obj: Any) -> set[int]:
    return {g.pk for g in obj.gemeenten.all()}


@rule("overleg.lezen")
def overleg_lezen(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder:
        return True
    if any(actor.heeft(r, samenwerkingsverband_id=obj.samenwerkingsverband_id) for r in POOL_LEZERS_ALLES):
        return True
    return bool(_overleg_gemeenten(obj) & actor.gemeenten(*BESTUUR_LEZERS))


@read_scope("opdrachten.overleg")
def overleg_scope(actor: Actor) -> Q:
    from seta.opdrachten.models import Overleg

    if actor.is_beheerder:
        return EVERYTHING
    q = Q(pk__in=[])
    alles = actor.samenwerkingsverbanden(*POOL_LEZERS_ALLES)
    if alles:
        q |= Q(samenwerkingsverband_id__in=alles)
    bestuur = actor.gemeenten(*BESTUUR_LEZERS)
    if bestuur:
        q |= Q(pk__in=Overleg.gemeenten.through.objects.filter(gemeente_id__in=bestuur).values("overleg_id"))
    return q


@rule("overleg.aanmaken")
def overleg_aanmaken(actor: Actor, ctx: Opdrachtcontext | None) -> bool:
    if ctx is None:
        return bool(actor.gemeenten(*OPSTELLERS)) or bool(
            actor.samenwerkingsverbanden(Rol.DIRECTEUR, Rol.TEAMLEIDER)
        )
    if _is_pool_leiding(actor, ctx.samenwerkingsverband_id):
        return True
    return bool(ctx.gemeente_ids & actor.gemeenten(*OPSTELLERS))


@rule("overleg.wijzigen")
def overleg_wijzigen(actor: Actor, obj: Any) -> bool:
    """The agenda: the participating municipalities' college, secretaris, regisseurs; the pool's leading staff."""
    if _is_pool_leiding(actor, obj.samenwerkingsverband_id):
        return True
    return bool(_overleg_gemeenten(obj) & actor.gemeenten(*OPSTELLERS))


@rule("overleg.besluiten")
def overleg_besluiten(actor: Actor, obj: Any) -> bool:
    """The decision list belongs to the bestuur: college members, secretaris or regisseur record it."""
    return bool(_overleg_gemeenten(obj) & actor.gemeenten(*OPSTELLERS))


# --- named decisions for lists, home panels and forms (the selectors and views call these) -----------------
@action_scope("bestuursvraag.beantwoorden")
def bestuursvraag_beantwoorden_scope(actor: Actor) -> Q:
    """The questions the actor may answer (:func:`bestuursvraag_beantwoorden` as a query)."""
    q = NOTHING
    for r in actor.rollen:
        if r.rol is Rol.GRIFFIER and r.gemeente_id is not None:
            q |= Q(gemeente_id=r.gemeente_id, gericht_aan="raad")
        elif r.rol is Rol.BURGEMEESTER and r.gemeente_id is not None:
            q |= Q(gemeente_id=r.gemeente_id) & ~Q(gericht_aan="raad")
        elif r.rol is Rol.WETHOUDER and r.gemeente_id is not None:
            q |= Q(gemeente_id=r.gemeente_id, gericht_aan="college")
            q |= Q(gemeente_id=r.gemeente_id, gericht_aan="wethouder", wethouder__isnull=True)
    eigen_functionarissen = {r.functionaris_id for r in actor.rollen if r.functionaris_id is not None}
    if eigen_functionarissen:
        q |= Q(gericht_aan="wethouder", wethouder_id__in=eigen_functionarissen)
    return q


@rule("bestuursopdracht.verwant_lezen")
def bestuursopdracht_verwant_lezen(actor: Actor, obj: Any) -> bool:
    """The harmonisation hint (counts of other partners' related assignments) is for those who can act on
    it: the pool's directeur, teamleiders and controller, and the principal's college, secretaris, regisseur."""
    if actor.heeft(*POOL_LEZERS_ALLES, samenwerkingsverband_id=obj.samenwerkingsverband_id):
        return True
    eigen = {og.gemeente_id for og in obj.opdrachtgevers.all()}
    return bool(eigen & actor.gemeenten(*OPSTELLERS))


def eigen_gemeente_ids(actor: Actor) -> frozenset[int]:
    """The municipalities the actor works for (any municipality-side role): the default principals of a draft."""
    return actor.gemeenten()


def initiatief_van(actor: Actor) -> str:
    """Who takes the initiative when this actor drafts: a municipality, or (without one) the pool."""
    return "gemeente" if actor.gemeenten() else "pool"


def rol_namens_gemeente(actor: Actor, gemeente_ids: Iterable[int]) -> str:
    """The role in which the actor acts for one of these municipalities (recorded in the history), or ""."""
    ids = set(gemeente_ids)
    for rol in (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS, Rol.BELEIDSREGISSEUR):
        if any(actor.heeft(rol, gemeente_id=g) for g in ids):
            return rol.value
    return ""


def gemeenten_namens(actor: Actor, gemeente_ids: Iterable[int]) -> list[int]:
    """Those of ``gemeente_ids`` for which the actor acts in the role of :func:`rol_namens_gemeente`."""
    ids = sorted(set(gemeente_ids))
    rol = rol_namens_gemeente(actor, ids)
    return [g for g in ids if rol and actor.heeft(Rol(rol), gemeente_id=g)]


def rol_namens_pool(actor: Actor, sv_id: int) -> str:
    """The role in which the actor acts for the pool of ``sv_id`` (recorded in the history), or ""."""
    for rol in (Rol.DIRECTEUR, Rol.TEAMLEIDER, Rol.MEDEWERKER, Rol.CONTROLLER):
        if actor.heeft(rol, samenwerkingsverband_id=sv_id):
            return rol.value
    return ""


@actietabel("opdrachten.wijzigingsverzoek", "wijzigingsverzoek")
def wijzigingsverzoek_acties(verzoek: Any) -> list[str]:
    """A submitted change request is approved or rejected (each principal's college decides)."""
    return ["goedkeuren", "afwijzen"] if verzoek.status == "ingediend" else []


@actietabel("opdrachten.bestuursvraag", "bestuursvraag")
def bestuursvraag_acties(vraag: Any) -> list[str]:
    """An open question is answered (by its addressee) or withdrawn (by the asker or the directeur); an
    answered or withdrawn one is final (the services refuse with 409)."""
    return ["beantwoorden", "intrekken"] if vraag.status == "open" else []


@actietabel(
    "opdrachten.overleg",
    "overleg",
    regels={"agendapunt-toevoegen": "overleg.wijzigen", "besluit-vastleggen": "overleg.besluiten"},
)
def overleg_acties(overleg: Any) -> list[str]:
    """A meeting's agenda grows (the participants' bestuur and the pool's leading staff) and its decision
    list is kept (the bestuur); a meeting has no state that closes either."""
    return ["agendapunt-toevoegen", "besluit-vastleggen"]
