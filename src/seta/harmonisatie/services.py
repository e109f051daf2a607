"""Services of harmonisation proposals: the ONE write path (pages, API, demo and the meeting page call these).

Every write follows the house order: permission (404 when the actor may not read the proposal, 403 when it may read
but not act), the version check (``expected_version``; 428 without one from the API, 412 when stale), the state
check (409 naming why), validation naming every bad field (Dutch), the write, the audit event
(``harmonisatievoorstel.<actie>``, always on the proposal, so its history is one list).

- ``opstellen`` / ``wijzigen``: the pool (directeur, teamleider) drafts a proposal from similar orders.
- ``verzenden`` freezes the estimate of each option (``raming.py``) on the proposal.
- ``agenderen`` puts a sent proposal on a joint portfolio meeting's agenda (``opdrachten.services.add_agenda_item``).
- ``aanvaarden`` / ``afwijzen``: each college for itself (political primacy; declining needs no reason and costs
  nothing). The last answer completes the proposal (:func:`_afronden`): a joint one with two or more acceptances
  becomes ONE joint concept assignment, a parallel one a linked assignment per accepting municipality, each drafted
  through ``opdrachten.services.draft`` with the proposal in its first history row (``herkomst``). A concept: each
  college then commissions it as usual (ADR 0049).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, system_actor
from seta.catalogus.models import Catalogusitem
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import bump_version, lock, update_fields
from seta.gemeenten.models import Gemeente, Portefeuille
from seta.harmonisatie import lifecycle
from seta.harmonisatie import raming as raming_app
from seta.harmonisatie.models import Harmonisatievoorstel, Voorstelpartij, Vorm
from seta.opdrachten import services as opdrachten_services
from seta.opdrachten.models import Agendapunt, Bestuursopdracht, Overleg, Overlegsoort
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

LEZEN = "harmonisatievoorstel.lezen"
PARTIJ_LEZEN = "voorstelpartij.lezen"
SV_LEZEN = "samenwerkingsverband.lezen"
ONDERWERP_MAX = 200
TEKST_MAX = 10_000
#: the deadline of a new assignment when neither the leading order nor the proposal gives one
STANDAARD_LOOPTIJD = dt.timedelta(days=180)
#: the system actor that drafts the result when the college answering last declined (it may not draft for others)
SYSTEEM_REDEN = "harmonisatie"

BEWERKBAAR = ("onderwerp", "toelichting", "vorm", "uiterlijk", "leidende_opdracht", "catalogusitem")


@dataclass(frozen=True)
class PartijInvoer:
    gemeente: Gemeente
    portefeuille: Portefeuille | None = None
    bron_opdracht: Bestuursopdracht | None = None


def _vandaag() -> dt.date:
    return timezone.localdate()


def _raise(fouten: dict[str, list[str]]) -> None:
    if fouten:
        raise InvalidInput(fields=fouten)


def volgend_nummer(sv: Samenwerkingsverband, jaar: int) -> str:
    """The next free proposal number of ``sv`` in ``jaar`` (HV-BEL-2026-001), under the cooperation's row lock (held
    until the caller's transaction ends), as ``opdrachten.services.volgend_nummer``."""
    Samenwerkingsverband.objects.select_for_update(of=("self",)).filter(pk=sv.pk).values_list(
        "pk", flat=True
    ).first()
    prefix = f"HV-{(sv.afkorting or sv.slug).upper().replace(' ', '')[:8]}-{jaar}-"
    bestaand = Harmonisatievoorstel.objects.filter(nummer__startswith=prefix).values_list("nummer", flat=True)
    hoogste = max((int(n.rsplit("-", 1)[1]) for n in bestaand if n.rsplit("-", 1)[1].isdigit()), default=0)
    return f"{prefix}{hoogste + 1:03d}"


def _tekst(waarde: Any, veld: str, maximum: int, fouten: dict[str, list[str]], *, verplicht: str = "") -> str:
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        if verplicht:
            fouten[veld] = [verplicht]
        return ""
    if not isinstance(waarde, str):
        fouten[veld] = ["Geef een tekst."]
        return ""
    if len(waarde.strip()) > maximum:
        fouten[veld] = [f"Hoogstens {maximum:,} tekens.".replace(",", ".")]
    return waarde.strip()


def _gemeente_ids(opdracht: Bestuursopdracht) -> set[int]:
    return {og.gemeente_id for og in opdracht.opdrachtgevers.all()}


def _check_opdrachten(
    actor: Actor,
    sv: Samenwerkingsverband,
    opdrachten: Sequence[Bestuursopdracht],
    fouten: dict[str, list[str]],
) -> None:
    for o in opdrachten:
        if o.vertrouwelijkheid != "openbaar":
            # never its title: the message reaches whoever drafts, and the proposal goes to other colleges
            fouten.setdefault("opdrachten", []).append(
                "Een vertrouwelijke opdracht kan niet in een harmonisatievoorstel; laat haar weg."
            )
        elif o.samenwerkingsverband_id != sv.pk:
            fouten.setdefault("opdrachten", []).append(f"{o.nummer} hoort niet bij {sv}.")
        elif not policy.can(actor, "bestuursopdracht.lezen", o):
            fouten.setdefault("opdrachten", []).append(
                "Een van de opdrachten bestaat niet of u heeft er geen toegang toe."
            )


def _check_partijen(
    sv: Samenwerkingsverband,
    partijen: Sequence[PartijInvoer],
    opdrachten: Sequence[Bestuursopdracht],
    fouten: dict[str, list[str]],
) -> None:
    if len(partijen) < 2:
        fouten.setdefault("partijen", []).append(
            "Een harmonisatievoorstel gaat aan ten minste twee colleges; kies ten minste twee gemeenten."
        )
    deelnemers = set(sv.deelnemers_op(_vandaag()).values_list("gemeente_id", flat=True))
    gezien: set[int] = set()
    ids = {o.pk for o in opdrachten}
    for p in partijen:
        if p.gemeente.pk in gezien:
            fouten.setdefault("partijen", []).append(f"{p.gemeente} staat twee keer als partij.")
        gezien.add(p.gemeente.pk)
        if p.gemeente.pk not in deelnemers:
            fouten.setdefault("partijen", []).append(f"{p.gemeente} is nu geen deelnemer van {sv}.")
        if p.portefeuille is not None and p.portefeuille.gemeente_id != p.gemeente.pk:
            fouten.setdefault("partijen", []).append(
                f"De portefeuille {p.portefeuille.naam} is niet van {p.gemeente}."
            )
        if p.bron_opdracht is not None:
            if p.bron_opdracht.pk not in ids:
                fouten.setdefault("partijen", []).append(
                    f"De eigen opdracht van {p.gemeente} staat niet bij de vergelijkbare opdrachten."
                )
            elif p.gemeente.pk not in _gemeente_ids(p.bron_opdracht):
                fouten.setdefault("partijen", []).append(
                    f"{p.bron_opdracht.nummer} is geen opdracht van {p.gemeente}."
                )


# --- drafting -----------------------------------------------------------------------------------------------------
@transaction.atomic
def opstellen(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    onderwerp: str,
    toelichting: str,
    vorm: str,
    catalogusitem: Catalogusitem | None = None,
    opdrachten: Sequence[Bestuursopdracht] = (),
    partijen: Sequence[PartijInvoer] = (),
    leidende_opdracht: Bestuursopdracht | None = None,
    uiterlijk: dt.date | None = None,
) -> Harmonisatievoorstel:
    """A concept proposal of ``samenwerkingsverband``'s pool to the colleges of ``partijen``."""
    policy.require(actor, "harmonisatievoorstel.opstellen", samenwerkingsverband, read_action=SV_LEZEN)
    fouten: dict[str, list[str]] = {}
    onderwerp = _tekst(
        onderwerp, "onderwerp", ONDERWERP_MAX, fouten, verplicht="Geef het voorstel een onderwerp."
    )
    toelichting = _tekst(
        toelichting,
        "toelichting",
        TEKST_MAX,
        fouten,
        verplicht='Schrijf de vraag aan de colleges ("wilt u niet ook…?").',
    )
    if vorm not in Vorm.values:
        fouten["vorm"] = ["Kies parallel of gezamenlijk."]
    if catalogusitem is not None and catalogusitem.samenwerkingsverband_id != samenwerkingsverband.pk:
        fouten["catalogusitem"] = ["Dit catalogusitem hoort niet bij dit samenwerkingsverband."]
    opdrachten = list(dict.fromkeys(opdrachten))
    for p in partijen:  # a partij's own order is one of the similar orders
        if p.bron_opdracht is not None and p.bron_opdracht not in opdrachten:
            opdrachten.append(p.bron_opdracht)
    _check_opdrachten(actor, samenwerkingsverband, opdrachten, fouten)
    _check_partijen(samenwerkingsverband, partijen, opdrachten, fouten)
    if leidende_opdracht is not None and leidende_opdracht not in opdrachten:
        fouten["leidende_opdracht"] = ["De leidende opdracht moet een van de vergelijkbare opdrachten zijn."]
    if uiterlijk is not None and uiterlijk < _vandaag():
        fouten["uiterlijk"] = ["De datum waarop de colleges uiterlijk besluiten ligt in het verleden."]
    _raise(fouten)
    if leidende_opdracht is None and opdrachten:
        leidende_opdracht = next((o for o in opdrachten if o.raming_uren), opdrachten[0])
    if catalogusitem is None and leidende_opdracht is not None:
        catalogusitem = leidende_opdracht.catalogusitem
    voorstel = Harmonisatievoorstel(
        nummer=volgend_nummer(samenwerkingsverband, _vandaag().year),
        samenwerkingsverband=samenwerkingsverband,
        catalogusitem=catalogusitem,
        onderwerp=onderwerp,
        toelichting=toelichting,
        vorm=vorm,
        leidende_opdracht=leidende_opdracht,
        uiterlijk=uiterlijk,
        opgesteld_door=actor.user,
    )
    voorstel.full_clean()
    voorstel.save()
    voorstel.opdrachten.set(opdrachten)
    for p in partijen:
        Voorstelpartij.objects.create(
            voorstel=voorstel, gemeente=p.gemeente, portefeuille=p.portefeuille, bron_opdracht=p.bron_opdracht
        )
    audit.record(actor=actor, action="harmonisatievoorstel.opstellen", instance=voorstel)
    return voorstel


def _alleen(voorstel: Harmonisatievoorstel, actie: str) -> None:
    if lifecycle.overgang(voorstel.status, actie) is None:
        raise Conflict(
            f"{voorstel.nummer} is {lifecycle.STATUS_LABELS[voorstel.status].lower()}: "
            f"'{lifecycle.ACTIE_LABELS[actie].lower()}' kan nu niet."
        )


@transaction.atomic
def wijzigen(
    *, actor: Actor, voorstel: Harmonisatievoorstel, expected_version: int | None, **wijzigingen: Any
) -> Harmonisatievoorstel:
    """Edit a concept's text, form, deadline, leading order or catalogue item."""
    policy.require(actor, f"harmonisatievoorstel.{lifecycle.WIJZIGEN}", voorstel, read_action=LEZEN)
    voorstel = lock(voorstel, expected_version=expected_version)
    _alleen(voorstel, lifecycle.WIJZIGEN)
    fouten: dict[str, list[str]] = {}
    onbekend = set(wijzigingen) - set(BEWERKBAAR)
    for naam in sorted(onbekend):
        fouten[naam] = ["Dit veld is niet te wijzigen."]
    changes: dict[str, Any] = {}
    if "onderwerp" in wijzigingen:
        changes["onderwerp"] = _tekst(
            wijzigingen["onderwerp"],
            "onderwerp",
            ONDERWERP_MAX,
            fouten,
            verplicht="Geef het voorstel een onderwerp.",
        )
    if "toelichting" in wijzigingen:
        changes["toelichting"] = _tekst(
            wijzigingen["toelichting"],
            "toelichting",
            TEKST_MAX,
            fouten,
            verplicht="Schrijf de vraag aan de colleges.",
        )
    if "vorm" in wijzigingen:
        if wijzigingen["vorm"] not in Vorm.values:
            fouten["vorm"] = ["Kies parallel of gezamenlijk."]
        changes["vorm"] = wijzigingen["vorm"]
    if "uiterlijk" in wijzigingen:
        uiterlijk = wijzigingen["uiterlijk"]
        if uiterlijk is not None and uiterlijk < _vandaag():
            fouten["uiterlijk"] = ["De datum waarop de colleges uiterlijk besluiten ligt in het verleden."]
        changes["uiterlijk"] = uiterlijk
    if "leidende_opdracht" in wijzigingen:
        leidend = wijzigingen["leidende_opdracht"]
        if leidend is not None and not voorstel.opdrachten.filter(pk=leidend.pk).exists():
            fouten["leidende_opdracht"] = [
                "De leidende opdracht moet een van de vergelijkbare opdrachten zijn."
            ]
        changes["leidende_opdracht"] = leidend
    if "catalogusitem" in wijzigingen:
        item = wijzigingen["catalogusitem"]
        if item is not None and item.samenwerkingsverband_id != voorstel.samenwerkingsverband_id:
            fouten["catalogusitem"] = ["Dit catalogusitem hoort niet bij dit samenwerkingsverband."]
        changes["catalogusitem"] = item
    _raise(fouten)
    return update_fields(
        voorstel, actor=actor, action=f"harmonisatievoorstel.{lifecycle.WIJZIGEN}", changes=changes
    )


# --- sending, the agenda, withdrawing -----------------------------------------------------------------------------
@transaction.atomic
def verzenden(
    *, actor: Actor, voorstel: Harmonisatievoorstel, expected_version: int | None
) -> Harmonisatievoorstel:
    """Send the concept to the colleges; the estimate of each option is frozen on it as it stands now."""
    policy.require(actor, f"harmonisatievoorstel.{lifecycle.VERZENDEN}", voorstel, read_action=LEZEN)
    voorstel = lock(voorstel, expected_version=expected_version)
    _alleen(voorstel, lifecycle.VERZENDEN)
    if voorstel.partijen.count() < 2:
        raise InvalidInput(
            fields={"partijen": ["Een harmonisatievoorstel gaat aan ten minste twee colleges."]}
        )
    return update_fields(
        voorstel,
        actor=actor,
        action=f"harmonisatievoorstel.{lifecycle.VERZENDEN}",
        changes={
            "status": lifecycle.VERZONDEN,
            "verzonden_op": timezone.now(),
            "raming": raming_app.voor_voorstel(actor, voorstel),
        },
    )


def agendaonderwerp(voorstel: Harmonisatievoorstel) -> str:
    return f"Harmonisatievoorstel {voorstel.nummer}: {voorstel.onderwerp}"[:200]


@transaction.atomic
def agenderen(
    *, actor: Actor, voorstel: Harmonisatievoorstel, overleg: Overleg, expected_version: int | None
) -> Agendapunt:
    """Put the sent proposal on a joint portfolio meeting whose municipalities include every partij."""
    policy.require(actor, f"harmonisatievoorstel.{lifecycle.AGENDEREN}", voorstel, read_action=LEZEN)
    voorstel = lock(voorstel, expected_version=expected_version)
    _alleen(voorstel, lifecycle.AGENDEREN)
    fouten: dict[str, list[str]] = {}
    partijen = {p.gemeente_id for p in voorstel.partijen.all()}
    if overleg.soort != Overlegsoort.GEZAMENLIJK:
        fouten["overleg"] = ["Kies een gezamenlijk overleg: de colleges bespreken het voorstel samen."]
    elif overleg.samenwerkingsverband_id != voorstel.samenwerkingsverband_id:
        fouten["overleg"] = ["Dit overleg is van een ander samenwerkingsverband."]
    elif not partijen <= {g.pk for g in overleg.gemeenten.all()}:
        fouten["overleg"] = ["Niet alle gemeenten van het voorstel nemen aan dit overleg deel."]
    elif voorstel.agendapunt is not None and voorstel.agendapunt.overleg_id == overleg.pk:
        fouten["overleg"] = ["Het voorstel staat al op de agenda van dit overleg."]
    _raise(fouten)
    punt = opdrachten_services.add_agenda_item(
        actor=actor,
        overleg=overleg,
        onderwerp=agendaonderwerp(voorstel),
        catalogusitem=voorstel.catalogusitem,
        toelichting=voorstel.toelichting,
    )
    update_fields(
        voorstel,
        actor=actor,
        action=f"harmonisatievoorstel.{lifecycle.AGENDEREN}",
        changes={"agendapunt": punt},
    )
    return punt


@transaction.atomic
def intrekken(
    *, actor: Actor, voorstel: Harmonisatievoorstel, expected_version: int | None
) -> Harmonisatievoorstel:
    policy.require(actor, f"harmonisatievoorstel.{lifecycle.INTREKKEN}", voorstel, read_action=LEZEN)
    voorstel = lock(voorstel, expected_version=expected_version)
    _alleen(voorstel, lifecycle.INTREKKEN)
    return update_fields(
        voorstel,
        actor=actor,
        action=f"harmonisatievoorstel.{lifecycle.INTREKKEN}",
        changes={"status": lifecycle.INGETROKKEN, "afgerond_op": timezone.now()},
    )


# --- the colleges' answers ----------------------------------------------------------------------------------------
def _besluit(
    actie: str, *, actor: Actor, partij: Voorstelpartij, toelichting: str, expected_version: int | None
) -> Voorstelpartij:
    policy.require(actor, f"voorstelpartij.{actie}", partij, read_action=PARTIJ_LEZEN)
    voorstel = lock(partij.voorstel, expected_version=expected_version)
    partij = Voorstelpartij.objects.select_for_update(of=("self",)).get(pk=partij.pk)
    if actie not in lifecycle.partij_acties_in(voorstel.status, partij.besluit):
        if voorstel.status != lifecycle.VERZONDEN:
            raise Conflict(
                f"{voorstel.nummer} is {lifecycle.STATUS_LABELS[voorstel.status].lower()}: er valt niet meer te besluiten."
            )
        raise Conflict(
            f"Het college van {partij.gemeente} heeft al besloten ({partij.besluit_label.lower()})."
        )
    fouten: dict[str, list[str]] = {}
    schoon = _tekst(toelichting, "toelichting", TEKST_MAX, fouten)
    _raise(fouten)
    naar = next(o.naar for o in lifecycle.PARTIJ_OVERGANGEN if o.actie == actie)
    partij.besluit = naar
    partij.toelichting = schoon
    partij.besloten_door = actor.user
    partij.besloten_rol = _rol(actor, partij)
    partij.besloten_op = timezone.now()
    partij.save(update_fields=["besluit", "toelichting", "besloten_door", "besloten_rol", "besloten_op"])
    bump_version(voorstel)
    audit.record(
        actor=actor,
        action=f"harmonisatievoorstel.{actie}",
        instance=voorstel,
        after={"gemeente": partij.gemeente.naam, "besluit": naar, "toelichting": schoon},
        note=f"{partij.gemeente}: {schoon}" if schoon else str(partij.gemeente),
    )
    if not voorstel.partijen.filter(besluit=lifecycle.OPEN).exists():
        _afronden(actor, voorstel)
    partij.refresh_from_db()
    return partij


def _rol(actor: Actor, partij: Voorstelpartij) -> str:
    from seta.autorisaties.policy.harmonisatie import besluit_rol

    return besluit_rol(actor, partij)


@transaction.atomic
def aanvaarden(
    *, actor: Actor, partij: Voorstelpartij, toelichting: str = "", expected_version: int | None
) -> Voorstelpartij:
    """The college of ``partij`` accepts the proposal (``expected_version``: the proposal's version)."""
    return _besluit(
        lifecycle.AANVAARDEN,
        actor=actor,
        partij=partij,
        toelichting=toelichting,
        expected_version=expected_version,
    )


@transaction.atomic
def afwijzen(
    *, actor: Actor, partij: Voorstelpartij, toelichting: str = "", expected_version: int | None
) -> Voorstelpartij:
    """The college of ``partij`` declines: no reason needed, it costs nothing (political primacy)."""
    return _besluit(
        lifecycle.AFWIJZEN,
        actor=actor,
        partij=partij,
        toelichting=toelichting,
        expected_version=expected_version,
    )


# --- completing ---------------------------------------------------------------------------------------------------
def _namen(partijen: Sequence[Voorstelpartij]) -> str:
    namen = [p.gemeente.naam for p in partijen]
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def herkomst(
    voorstel: Harmonisatievoorstel, aanvaard: Sequence[Voorstelpartij], afgewezen: Sequence[Voorstelpartij]
) -> str:
    tekst = f"Voortgekomen uit harmonisatievoorstel {voorstel.nummer} ({voorstel.vorm}; aanvaard door {_namen(aanvaard)}"
    if afgewezen:
        tekst += f", afgewezen door {_namen(afgewezen)}"
    return tekst + ")"


def _opsteller(actor: Actor, sv: Samenwerkingsverband, gemeente_ids: set[int]) -> Actor:
    """The deciding college member drafts the result; when that college declined (it may not draft for the others),
    the system does, on the recorded decisions of the accepting colleges."""
    from seta.autorisaties.policy.opdrachten import Opdrachtcontext

    ctx = Opdrachtcontext(samenwerkingsverband_id=sv.pk, gemeente_ids=frozenset(gemeente_ids))
    if policy.can(actor, "bestuursopdracht.aanmaken", ctx):
        return actor
    return system_actor(SYSTEEM_REDEN)


def _kaders(voorstel: Harmonisatievoorstel) -> tuple[str, str, dt.date, Catalogusitem | None]:
    leidend = voorstel.leidende_opdracht
    doelen = voorstel.toelichting
    deadline = (
        voorstel.uiterlijk + STANDAARD_LOOPTIJD if voorstel.uiterlijk else _vandaag() + STANDAARD_LOOPTIJD
    )
    if leidend is not None:
        if leidend.status != "concept" and leidend.doelen:
            doelen = leidend.doelen  # a draft's text is its municipality's until commissioned
        if leidend.deadline and leidend.deadline >= _vandaag():
            deadline = leidend.deadline
    item = voorstel.catalogusitem or (leidend.catalogusitem if leidend is not None else None)
    return voorstel.onderwerp, doelen, deadline, item


def _portefeuille(voorstel: Harmonisatievoorstel, partij: Voorstelpartij) -> Portefeuille | None:
    """The partij's portfolio; without one, the municipality's portfolio named as another partij's (the same
    theme), else its first (an assignment's principal always has one; the college may change it in the concept)."""
    if partij.portefeuille is not None:
        return partij.portefeuille
    namen = [
        p.portefeuille.naam
        for p in voorstel.partijen.select_related("portefeuille")
        if p.portefeuille is not None
    ]
    eigen = Portefeuille.objects.filter(gemeente_id=partij.gemeente_id).order_by("naam", "pk")
    return eigen.filter(naam__in=namen).first() or eigen.first()


def _draft(
    actor: Actor, voorstel: Harmonisatievoorstel, partijen: Sequence[Voorstelpartij], titel: str, tekst: str
) -> Bestuursopdracht:
    _, doelen, deadline, item = _kaders(voorstel)
    sv = voorstel.samenwerkingsverband
    opsteller = _opsteller(actor, sv, {p.gemeente_id for p in partijen})
    return opdrachten_services.draft(
        actor=opsteller,
        samenwerkingsverband=sv,
        opdrachtgevers=[
            opdrachten_services.OpdrachtgeverInvoer(
                gemeente=p.gemeente, portefeuille=_portefeuille(voorstel, p)
            )
            for p in partijen
        ],
        catalogusitem=item,
        titel=titel[:200],
        deadline=deadline,
        doelen=doelen,
        herkomst=tekst,
    )


def _gezamenlijke_titel(
    voorstel: Harmonisatievoorstel, aanvaard: Sequence[Voorstelpartij], partijen: Sequence[Voorstelpartij]
) -> str:
    """The joint assignment's title: the proposal's subject when every college accepted, else the product and the
    municipalities that take part (a title naming a municipality that declined would mislead its council)."""
    if len(aanvaard) == len(partijen):
        return voorstel.onderwerp
    basis = voorstel.catalogusitem.naam if voorstel.catalogusitem is not None else voorstel.onderwerp
    return f"{basis}: gezamenlijk plan van {_namen(aanvaard)}"


def _afronden(actor: Actor, voorstel: Harmonisatievoorstel) -> None:
    """Every college answered: create what was accepted (nothing with fewer than two acceptances)."""
    partijen = list(voorstel.partijen.select_related("gemeente", "portefeuille", "bron_opdracht"))
    aanvaard = [p for p in partijen if p.besluit == lifecycle.AANVAARD]
    afgewezen = [p for p in partijen if p.besluit == lifecycle.AFGEWEZEN]
    tekst = herkomst(voorstel, aanvaard, afgewezen) if aanvaard else ""
    resultaat: Bestuursopdracht | None = None
    if len(aanvaard) >= 2:
        if voorstel.vorm == Vorm.GEZAMENLIJK:
            resultaat = _draft(
                actor, voorstel, aanvaard, _gezamenlijke_titel(voorstel, aanvaard, partijen), tekst
            )
            for p in aanvaard:
                p.resultaat_opdracht = resultaat
                p.save(update_fields=["resultaat_opdracht"])
        else:
            for p in aanvaard:
                eigen = p.bron_opdracht
                if eigen is None or eigen.status == "geannuleerd":
                    eigen = _draft(actor, voorstel, [p], f"{voorstel.onderwerp} {p.gemeente.naam}", tekst)
                p.resultaat_opdracht = eigen
                p.save(update_fields=["resultaat_opdracht"])
    voorstel.status = lifecycle.AFGEROND
    voorstel.afgerond_op = timezone.now()
    voorstel.resultaat_opdracht = resultaat
    voorstel.save(update_fields=["status", "afgerond_op", "resultaat_opdracht", "gewijzigd_op"])
    bump_version(voorstel)
    audit.record(
        actor=actor,
        action="harmonisatievoorstel.afronden",
        instance=voorstel,
        after={
            "aanvaard": [p.gemeente.naam for p in aanvaard],
            "afgewezen": [p.gemeente.naam for p in afgewezen],
        },
        note=uitkomst(voorstel, aanvaard),
    )


def uitkomst(voorstel: Harmonisatievoorstel, aanvaard: Sequence[Voorstelpartij]) -> str:
    """Why the completed proposal did or did not create assignments (Dutch; on its page)."""
    if len(aanvaard) < 2:
        return (
            f"Minder dan twee colleges aanvaardden het voorstel ({len(aanvaard)}): er is niets aangemaakt; "
            "iedere gemeente houdt haar eigen opdracht."
        )
    if voorstel.vorm == Vorm.GEZAMENLIJK:
        return f"Eén gezamenlijke conceptopdracht voor {_namen(aanvaard)}; elk college verleent de opdracht zelf."
    return f"Gekoppelde parallelle opdrachten voor {_namen(aanvaard)}, met één informatiebasis en planning."
