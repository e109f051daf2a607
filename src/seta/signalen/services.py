"""The one write path of signalen: raising a signal (inside another service's transaction) and handling it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Doelgroep, Signaal, Signaalsoort

Ontvanger = tuple[str, Gemeente | None]


AFHANDELING_MAX = 2000
SLEUTEL_MAX = 200  # the column's length


def sleutel_voor(onderwerp: str, doelgroep: str, gemeente: Gemeente | None) -> str:
    """The finding and its recipient, e.g. ``raming_90:opdracht:17|college|4``; a key longer than the column
    keeps its start readable and ends in the SHA-256 of the whole, so two long keys never collide by truncation."""
    sleutel = f"{onderwerp}|{doelgroep}|{gemeente.pk if gemeente else '-'}"
    if len(sleutel) <= SLEUTEL_MAX:
        return sleutel
    digest = hashlib.sha256(sleutel.encode()).hexdigest()
    return f"{sleutel[: SLEUTEL_MAX - len(digest) - 1]}#{digest}"


@transaction.atomic
def signaleer(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    soort: str,
    onderwerp: str,
    ontvangers: Iterable[Ontvanger],
    titel: str,
    tekst: str,
    link: str = "",
    bestuursopdracht: Bestuursopdracht | None = None,
) -> list[Signaal]:
    """Raise one signal per recipient unless it was raised before (``onderwerp`` identifies the finding, e.g.
    ``raming_90:opdracht:17``). Called by the service that found it, after its own policy check; ``actor`` is
    the person (or system channel) whose action led to it and is named in the audit trail. Returns the new
    signals only."""
    if soort not in Signaalsoort.values:
        raise ValueError(f"onbekende signaalsoort {soort!r}")
    if not onderwerp.strip() or not titel.strip():
        raise ValueError("een signaal vraagt een onderwerp en een titel")
    nieuw = []
    for doelgroep, gemeente in ontvangers:
        if doelgroep not in Doelgroep.values:
            raise ValueError(f"onbekende doelgroep {doelgroep!r}")
        if doelgroep != Doelgroep.POOL and gemeente is None:
            raise ValueError(f"doelgroep {doelgroep!r} vraagt een gemeente")
        sleutel = sleutel_voor(onderwerp, doelgroep, gemeente)
        signaal, aangemaakt = Signaal.objects.get_or_create(
            sleutel=sleutel,
            defaults={
                "samenwerkingsverband": samenwerkingsverband,
                "gemeente": gemeente if doelgroep != Doelgroep.POOL else None,
                "doelgroep": doelgroep,
                "soort": soort,
                "titel": titel[:200],
                "tekst": tekst,
                "link": link[:300],
                "bestuursopdracht": bestuursopdracht,
            },
        )
        if aangemaakt:
            audit.record(
                actor=actor, action="signaal.aangemaakt", instance=signaal, after=audit.snapshot(signaal)
            )
            nieuw.append(signaal)
    return nieuw


@transaction.atomic
def handel_af(*, actor: Actor, signaal: Signaal, afhandeling: str = "") -> Signaal:
    """Mark a signal handled, with what was done about it (once; a second time is refused)."""
    policy.require(actor, "signaal.afhandelen", signaal, read_action="signaal.lezen")
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if signaal.afgehandeld_op is not None:
        raise Conflict("Dit signaal is al afgehandeld.")
    afhandeling = afhandeling if isinstance(afhandeling, str) else ""
    if len(afhandeling.strip()) > AFHANDELING_MAX:
        raise InvalidInput(fields={"afhandeling": [f"Ten hoogste {AFHANDELING_MAX} tekens."]})
    voor = audit.snapshot(signaal)
    signaal.afgehandeld_op = timezone.now()
    signaal.afgehandeld_door = actor.user
    signaal.afhandeling = afhandeling.strip()
    signaal.save(update_fields=["afgehandeld_op", "afgehandeld_door", "afhandeling"])
    audit.record(
        actor=actor,
        action="signaal.afgehandeld",
        instance=signaal,
        before=voor,
        after=audit.snapshot(signaal),
    )
    return signaal
