"""Rules for the nacalculatie (what an assignment actually cost) and its external cost bookings (kostenposten).

- Reading the actuals (``nacalculatie.lezen``) and the cost bookings (``kostenpost.lezen``): whoever may read the
  assignment (``bestuursopdracht.lezen``): its commissioning municipalities' college, secretaris, regisseurs and —
  for a public, commissioned one — raadsleden and griffier; the pool's leadership; a medewerker for the public
  ones and those of their own unit; the beheerder. The actuals are aggregated (per week, unit and scale): no single
  line of hours and no name reaches the municipality side. A confidential assignment stays invisible (404) to
  whoever may not read it (ADR 0029).
- Booking, changing and deleting an external cost (``kostenpost.boeken`` on the assignment, ``kostenpost.wijzigen`` /
  ``kostenpost.verwijderen`` on the booking): the controller or the directeur of the pool that carries the
  assignment, or the teamleider of its unit (or a unit above it). Never the municipality side, never the beheerder.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import EVERYTHING, actietabel, read_scope, rule
from seta.autorisaties.policy.opdrachten import bestuursopdracht_lezen, bestuursopdracht_scope
from seta.opdrachten import lifecycle

# The states in which costs are incurred and booked: from the college's agreement until it adopts the result
# (an invoice may arrive after delivery); never in a draft, after adoption or after cancellation.
BOEKBAAR = frozenset(
    {lifecycle.AKKOORD, lifecycle.IN_UITVOERING, lifecycle.OPGELEVERD, lifecycle.TERUG, lifecycle.AANGEHOUDEN}
)


def _opdracht(obj: Any) -> Any:
    return obj if obj._meta.label_lower == "opdrachten.bestuursopdracht" else obj.bestuursopdracht


@rule("nacalculatie.lezen", "kostenpost.lezen")
def nacalculatie_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: the assignment or one of its cost bookings."""
    return bestuursopdracht_lezen(actor, _opdracht(obj))


@rule("kostenpost.boeken", "kostenpost.wijzigen", "kostenpost.verwijderen")
def kostenpost_boeken(actor: Actor, obj: Any) -> bool:
    """``obj``: the assignment (to book on) or the booking (to change or delete)."""
    opdracht = _opdracht(obj)
    sv_id = opdracht.samenwerkingsverband_id
    if actor.heeft(Rol.CONTROLLER, Rol.DIRECTEUR, samenwerkingsverband_id=sv_id):
        return True
    return (
        actor.heeft(Rol.TEAMLEIDER, samenwerkingsverband_id=sv_id)
        and opdracht.eenheid_id in actor.beheerde_eenheid_ids
    )


@read_scope("nacalculatie.kostenpost")
def kostenpost_scope(actor: Actor) -> Q:
    from seta.opdrachten.models import Bestuursopdracht

    if actor.is_beheerder:
        return EVERYTHING
    return Q(bestuursopdracht__in=Bestuursopdracht.objects.filter(bestuursopdracht_scope(actor)).values("pk"))


@actietabel("nacalculatie.kostenpost", "kostenpost")
def kostenpost_acties(kostenpost: Any) -> list[str]:
    """A booking may be corrected or removed while the assignment is in a state where costs are booked."""
    return ["wijzigen", "verwijderen"] if kostenpost.bestuursopdracht.status in BOEKBAAR else []
