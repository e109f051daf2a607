"""The actor: a user together with every role that user holds, on which municipality or pool.

Roles are not stored twice: they follow from the records that say what a person *is*:
- municipality side: :class:`~seta.gemeenten.models.Functionaris` (burgemeester, wethouder, raadslid,
  griffier, gemeentesecretaris, beleidsregisseur) of one gemeente;
- pool side: :class:`~seta.organisatie.models.Medewerker` (directeur, controller, teamleider of a unit,
  medewerker) of one samenwerkingsverband;
- boards: :class:`~seta.samenwerkingsverbanden.models.Bestuurslid` (algemeen / dagelijks bestuur);
- beheerder: a Django superuser (functional administrator);
- systeem: not a person but a trusted channel on the server (the command line run by the operator, the
  demo builder, a scheduled job), see :func:`system_actor`. The policy grants it only the actions listed
  in ``policy.SYSTEM_ACTIONS``, and the audit trail names it ``systeem:<reden>``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone


class Rol(enum.StrEnum):
    BURGEMEESTER = "burgemeester"
    WETHOUDER = "wethouder"
    RAADSLID = "raadslid"
    GRIFFIER = "griffier"
    GEMEENTESECRETARIS = "gemeentesecretaris"
    BELEIDSREGISSEUR = "beleidsregisseur"
    DIRECTEUR = "directeur"
    CONTROLLER = "controller"
    TEAMLEIDER = "teamleider"
    MEDEWERKER = "medewerker"
    AB_LID = "ab_lid"
    DB_LID = "db_lid"
    BEHEERDER = "beheerder"
    SYSTEEM = "systeem"

    @property
    def label(self) -> str:
        return ROL_LABELS[self]


ROL_LABELS: dict[Rol, str] = {
    Rol.BURGEMEESTER: "Burgemeester",
    Rol.WETHOUDER: "Wethouder",
    Rol.RAADSLID: "Raadslid",
    Rol.GRIFFIER: "Griffier",
    Rol.GEMEENTESECRETARIS: "Gemeentesecretaris",
    Rol.BELEIDSREGISSEUR: "Beleidsregisseur",
    Rol.DIRECTEUR: "Directeur",
    Rol.CONTROLLER: "Controller",
    Rol.TEAMLEIDER: "Teamleider",
    Rol.MEDEWERKER: "Medewerker",
    Rol.AB_LID: "Lid algemeen bestuur",
    Rol.DB_LID: "Lid dagelijks bestuur",
    Rol.BEHEERDER: "Functioneel beheerder",
    Rol.SYSTEEM: "Systeem",
}

GEMEENTE_ROLLEN = frozenset(
    {
        Rol.BURGEMEESTER,
        Rol.WETHOUDER,
        Rol.RAADSLID,
        Rol.GRIFFIER,
        Rol.GEMEENTESECRETARIS,
        Rol.BELEIDSREGISSEUR,
    }
)
COLLEGE_ROLLEN = frozenset({Rol.BURGEMEESTER, Rol.WETHOUDER})
RAAD_ROLLEN = frozenset({Rol.RAADSLID, Rol.GRIFFIER})
POOL_ROLLEN = frozenset({Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.MEDEWERKER})
BESTUUR_ROLLEN = frozenset({Rol.AB_LID, Rol.DB_LID})


ANY: object = object()  # sentinel: "on any municipality / cooperation"


@dataclass(frozen=True)
class Rolinstantie:
    """One role held on one municipality, pool or board."""

    rol: Rol
    gemeente_id: int | None = None
    samenwerkingsverband_id: int | None = None
    eenheid_id: int | None = None
    portefeuille_ids: frozenset[int] = frozenset()
    functionaris_id: int | None = None
    medewerker_id: int | None = None


@dataclass(frozen=True)
class Actor:
    user: Any
    rollen: tuple[Rolinstantie, ...] = ()
    # Cooperations in which one of the actor's municipalities is (or was) a partner.
    partner_sv_ids: frozenset[int] = frozenset()
    # Units below (and including) each unit where the actor is teamleider.
    beheerde_eenheid_ids: frozenset[int] = frozenset()
    # For the system actor only: which channel acts ("demo", "import-gemeenten", …).
    systeem: str = ""
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_systeem(self) -> bool:
        return bool(self.systeem) and any(r.rol is Rol.SYSTEEM for r in self.rollen)

    @property
    def audit_naam(self) -> str:
        """How the audit trail names the actor: the username, ``systeem:<reden>``, or ``anoniem``."""
        if self.is_systeem:
            return f"systeem:{self.systeem}"
        if self.user is not None and getattr(self.user, "pk", None):
            return str(self.user.get_username())
        return "anoniem"

    @property
    def is_beheerder(self) -> bool:
        return any(r.rol is Rol.BEHEERDER for r in self.rollen)

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    def heeft(
        self,
        *rollen: Rol,
        gemeente_id: int | object | None = ANY,
        samenwerkingsverband_id: int | object | None = ANY,
    ) -> bool:
        """Whether the actor holds one of ``rollen`` on that gemeente / samenwerkingsverband.

        Leaving an id out means "on any"; passing ``None`` (e.g. for a record without a
        cooperation) matches nothing scoped, so a missing record never widens a rule.
        """
        for r in self.rollen:
            if r.rol not in rollen:
                continue
            if gemeente_id is not ANY and r.gemeente_id != gemeente_id:
                continue
            if samenwerkingsverband_id is not ANY and r.samenwerkingsverband_id != samenwerkingsverband_id:
                continue
            return True
        return False

    def gemeenten(self, *rollen: Rol) -> frozenset[int]:
        """Municipalities on which the actor holds one of ``rollen`` (all municipality-side roles if none)."""
        wanted = set(rollen) or GEMEENTE_ROLLEN
        return frozenset(r.gemeente_id for r in self.rollen if r.rol in wanted and r.gemeente_id is not None)

    def samenwerkingsverbanden(self, *rollen: Rol) -> frozenset[int]:
        """Cooperations on which the actor holds one of ``rollen`` (pool and board roles if none)."""
        wanted = set(rollen) or (POOL_ROLLEN | BESTUUR_ROLLEN)
        return frozenset(
            r.samenwerkingsverband_id
            for r in self.rollen
            if r.rol in wanted and r.samenwerkingsverband_id is not None
        )

    def portefeuilles(self) -> frozenset[int]:
        return frozenset(p for r in self.rollen for p in r.portefeuille_ids)

    @property
    def zichtbare_sv_ids(self) -> frozenset[int]:
        return self.partner_sv_ids | self.samenwerkingsverbanden()

    @property
    def is_pool(self) -> bool:
        return any(r.rol in POOL_ROLLEN for r in self.rollen)

    @property
    def rollen_labels(self) -> list[str]:
        return sorted({r.rol.label for r in self.rollen})


ANONYMOUS = Actor(user=None)

_REDEN = re.compile(r"^[a-z][a-z0-9-]{1,60}$")


def system_actor(reden: str) -> Actor:
    """The system acting through a trusted channel on the server, named by ``reden``.

    Use it for the command line (``import-gemeenten``, ``import-uren``, ``scan-casussen``, ``token``),
    the demo builder (``demo``) and scheduled jobs; never for a web or API request. It has no user: the
    audit trail records ``systeem:<reden>``, and the policy lets it do only ``policy.SYSTEM_ACTIONS``.
    """
    if not _REDEN.match(reden):
        raise ValueError(f"system_actor: reden {reden!r} must be a short lowercase name like 'demo'.")
    return Actor(user=None, rollen=(Rolinstantie(rol=Rol.SYSTEEM),), systeem=reden)


def actor_for(user: Any) -> Actor:
    """Build the actor of ``user`` from the records that say what the person is (cached on the user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_seta_actor", None)
    if cached is not None:
        return cached

    from seta.gemeenten.models import Functionaris
    from seta.organisatie.models import Eenheid, Medewerker, Positie
    from seta.samenwerkingsverbanden.models import Bestuurslid, Bestuursorgaan, Deelnemer

    vandaag = timezone.localdate()
    rollen: list[Rolinstantie] = []
    if user.is_superuser:
        rollen.append(Rolinstantie(rol=Rol.BEHEERDER))

    functionarissen = list(
        Functionaris.objects.actief(vandaag).filter(gebruiker=user).prefetch_related("portefeuilles")
    )
    for f in functionarissen:
        rollen.append(
            Rolinstantie(
                rol=Rol(f.functie),
                gemeente_id=f.gemeente_id,
                portefeuille_ids=frozenset(p.pk for p in f.portefeuilles.all()),
                functionaris_id=f.pk,
            )
        )
    zetels = Bestuurslid.objects.filter(
        functionaris__in=[f.pk for f in functionarissen], begindatum__lte=vandaag
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
    for z in zetels:
        rol = Rol.DB_LID if z.orgaan == Bestuursorgaan.DAGELIJKS_BESTUUR else Rol.AB_LID
        gemeente_id = next(f.gemeente_id for f in functionarissen if f.pk == z.functionaris_id)
        rollen.append(
            Rolinstantie(
                rol=rol,
                gemeente_id=gemeente_id,
                samenwerkingsverband_id=z.samenwerkingsverband_id,
                functionaris_id=z.functionaris_id,
            )
        )

    beheerd: set[int] = set()
    medewerker = (
        Medewerker.objects.filter(gebruiker=user)
        .filter(Q(uit_dienst__isnull=True) | Q(uit_dienst__gte=vandaag))
        .first()
    )
    if medewerker is not None:
        rollen.append(
            Rolinstantie(
                rol=Rol(medewerker.positie),
                samenwerkingsverband_id=medewerker.samenwerkingsverband_id,
                eenheid_id=medewerker.eenheid_id,
                medewerker_id=medewerker.pk,
            )
        )
        if medewerker.positie == Positie.TEAMLEIDER:
            tree: dict[int | None, list[int]] = {}
            for eid, parent in Eenheid.objects.filter(
                samenwerkingsverband_id=medewerker.samenwerkingsverband_id
            ).values_list("id", "bovenliggend_id"):
                tree.setdefault(parent, []).append(eid)
            stack = [medewerker.eenheid_id]
            while stack:
                eid = stack.pop()
                beheerd.add(eid)
                stack.extend(tree.get(eid, []))

    gemeente_ids = {r.gemeente_id for r in rollen if r.gemeente_id is not None}
    partner_sv_ids = frozenset(
        Deelnemer.objects.filter(gemeente_id__in=gemeente_ids).values_list(
            "samenwerkingsverband_id", flat=True
        )
    )
    actor = Actor(
        user=user,
        rollen=tuple(rollen),
        partner_sv_ids=partner_sv_ids,
        beheerde_eenheid_ids=frozenset(beheerd),
    )
    user._seta_actor = actor
    return actor
