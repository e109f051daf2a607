"""Rules for the samenwerkingsscan: every signed-in user may scan; a scan is its owner's alone.

The case base (casusbank) is readable by every signed-in user and maintained by the beheerder.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy import EVERYTHING, read_scope, rule


def _is_eigenaar(actor: Actor, scansessie: Any) -> bool:
    return scansessie is not None and actor.user_id is not None and scansessie.eigenaar_id == actor.user_id


@rule("scansessie.aanmaken", "scan.berekenen")
def scansessie_aanmaken(actor: Actor, obj: Any) -> bool:
    """Any signed-in user may start a scan or compute one from a file (the policy refuses anonymous)."""
    return True


@rule("scansessie.lezen", "scansessie.wijzigen", "scansessie.verwijderen")
def scansessie_eigen(actor: Actor, scansessie: Any) -> bool:
    """A scan is private to its owner; nobody else learns that it exists (not even the beheerder)."""
    return _is_eigenaar(actor, scansessie)


@read_scope("scan.scansessie")
def scansessie_scope(actor: Actor) -> Q:
    return Q(eigenaar_id=actor.user_id)


@read_scope("scan.scanpartner")
def scanpartner_scope(actor: Actor) -> Q:
    return Q(scansessie__eigenaar_id=actor.user_id)


@rule("casus.lezen")
def casus_lezen(actor: Actor, obj: Any) -> bool:
    return True


@read_scope("scan.casus")
def casus_scope(actor: Actor) -> Q:
    return EVERYTHING


@rule("casus.aanmaken", "casus.wijzigen", "casus.verwijderen", "casus.laden")
def casus_beheren(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder
