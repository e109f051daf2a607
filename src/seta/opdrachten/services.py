"""The write path of commissioning: drafting, every lifecycle transition, change requests,
board questions (ontlokken) and meetings. Each function checks the policy, validates, writes,
records history and audits, inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy import opdrachten as policy_opdrachten
from seta.autorisaties.policy.opdrachten import (
    Opdrachtcontext,
    beslissende_opdrachtgevers,
    raad_mag_lezen,
)
from seta.catalogus.models import Catalogusitem
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import bump_version, check_version, full_clean_or_raise, lock
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille
from seta.opdrachten import lifecycle, selectors
from seta.opdrachten.models import (
    Agendapunt,
    Besluit,
    Bestuursopdracht,
    Bestuursvraag,
    GerichtAan,
    Initiatief,
    Mijlpaal,
    Opdrachtgever,
    Overleg,
    Overlegsoort,
    Rag,
    Soortwijziging,
    Statusovergang,
    Vertrouwelijkheid,
    Voortgangsrapportage,
    Vraagstatus,
    Wijzigingsstatus,
    Wijzigingsverzoek,
)
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

# Frame fields that may be sharpened while the assignment is a draft (and set when drafting).
KADERVELDEN = (
    "titel",
    "catalogusitem",
    "vertrouwelijkheid",
    "deadline",
    "vroegste_start",
    "wettelijke_termijn",
    "participatie_gewenst",
    "participatie_toelichting",
    "doelen",
    "politieke_wensen",
    "scope",
    "buiten_scope",
    "doelgroep",
    "reikwijdte",
    "prioriteit",
    "dienstverleningskader",
    "max_uren",
    "max_euro",
    "raadsbesluit_kenmerk",
    "raadsbesluit_datum",
)


@dataclass(frozen=True)
class OpdrachtgeverInvoer:
    gemeente: Gemeente
    portefeuille: Portefeuille | None
    beleidsregisseur: Functionaris | None = None


def _vandaag() -> dt.date:
    return timezone.localdate()


def _is_partner(sv: Samenwerkingsverband, gemeente: Gemeente, op: dt.date) -> bool:
    return sv.deelnemers_op(op).filter(gemeente=gemeente).exists()


def volgend_nummer(sv: Samenwerkingsverband, jaar: int) -> str:
    """The next free assignment number of ``sv`` in ``jaar`` (BEL-2026-015).

    Takes the cooperation's row lock first (held until the caller's transaction ends), so concurrent
    drafts of one cooperation are numbered one after the other and never get the same number.
    """
    Samenwerkingsverband.objects.select_for_update(of=("self",)).filter(pk=sv.pk).values_list(
        "pk", flat=True
    ).first()
    prefix = f"{(sv.afkorting or sv.slug).upper().replace(' ', '')[:8]}-{jaar}-"
    bestaand = Bestuursopdracht.objects.filter(nummer__startswith=prefix).values_list("nummer", flat=True)
    hoogste = max((int(n.rsplit("-", 1)[1]) for n in bestaand if n.rsplit("-", 1)[1].isdigit()), default=0)
    return f"{prefix}{hoogste + 1:03d}"


def _validate_opdrachtgevers(
    sv: Samenwerkingsverband, opdrachtgevers: Sequence[OpdrachtgeverInvoer]
) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if not opdrachtgevers:
        fouten["opdrachtgevers"] = ["Kies ten minste één opdrachtgevende gemeente."]
        return fouten
    gezien: set[int] = set()
    for og in opdrachtgevers:
        if og.gemeente.pk in gezien:
            fouten.setdefault("opdrachtgevers", []).append(
                f"{og.gemeente} staat twee keer als opdrachtgever."
            )
        gezien.add(og.gemeente.pk)
        if not _is_partner(sv, og.gemeente, _vandaag()):
            fouten.setdefault("opdrachtgevers", []).append(
                f"{og.gemeente} is geen deelnemer van {sv}; een gezamenlijke opdracht kan alleen van partners van "
                "hetzelfde samenwerkingsverband zijn."
            )
        if og.portefeuille is None:
            fouten.setdefault("portefeuille", []).append(
                f"Kies de portefeuille van {og.gemeente} waaronder de opdracht valt."
            )
        elif og.portefeuille.gemeente_id != og.gemeente.pk:
            fouten.setdefault("portefeuille", []).append(
                f"Portefeuille {og.portefeuille.naam} is niet van {og.gemeente}."
            )
        if og.beleidsregisseur is not None and (
            og.beleidsregisseur.gemeente_id != og.gemeente.pk
            or og.beleidsregisseur.functie != Functie.BELEIDSREGISSEUR
        ):
            fouten.setdefault("beleidsregisseur", []).append(
                f"{og.beleidsregisseur.naam} is geen beleidsregisseur van {og.gemeente}."
            )
    return fouten


def _validate_kaders(opdracht: Bestuursopdracht, fouten: dict[str, list[str]]) -> None:
    if not (opdracht.titel or "").strip():
        fouten.setdefault("titel", []).append("Geef de opdracht een titel.")
    if not (opdracht.doelen or "").strip():
        fouten.setdefault("doelen", []).append(
            "Beschrijf in het inhoudelijk kader wat de opdracht moet bereiken (doelen)."
        )
    if opdracht.deadline is None:
        fouten.setdefault("deadline", []).append("Geef in het proceskader een deadline op.")
    if opdracht.vroegste_start and opdracht.deadline and opdracht.vroegste_start > opdracht.deadline:
        fouten.setdefault("vroegste_start", []).append("De vroegste start ligt na de deadline.")
    if len(opdracht.wettelijke_termijn or "") > 200:
        fouten.setdefault("wettelijke_termijn", []).append("Maximaal 200 tekens.")
    if opdracht.catalogusitem_id is None:
        fouten.setdefault("catalogusitem", []).append(
            "Kies het product, de dienst of het proces uit de catalogus."
        )
    elif opdracht.catalogusitem.samenwerkingsverband_id != opdracht.samenwerkingsverband_id:
        fouten.setdefault("catalogusitem", []).append(
            "Dit catalogusitem hoort niet bij dit samenwerkingsverband."
        )
    if opdracht.participatie_gewenst and not (opdracht.participatie_toelichting or "").strip():
        fouten.setdefault("participatie_toelichting", []).append("Licht toe welke participatie gewenst is.")
    for veld in ("max_uren", "max_euro"):
        waarde = getattr(opdracht, veld)
        if waarde is not None and waarde < 0:
            fouten.setdefault(veld, []).append("Mag niet negatief zijn.")
    if opdracht.raadsbesluit_datum and not opdracht.raadsbesluit_kenmerk:
        fouten.setdefault("raadsbesluit_kenmerk", []).append(
            "Noem het kenmerk van het kaderstellend raadsbesluit."
        )


def _raise(fouten: dict[str, list[str]]) -> None:
    if fouten:
        raise InvalidInput(fields=fouten)


def _historie(
    opdracht: Bestuursopdracht,
    *,
    actor: Actor,
    van: str,
    naar: str,
    actie: str,
    rol: str,
    kant: str,
    reden: str = "",
    gemeente: Gemeente | None = None,
    deelbesluit: bool = False,
) -> Statusovergang:
    user = getattr(actor, "user", None)
    return Statusovergang.objects.create(
        bestuursopdracht=opdracht,
        van=van,
        naar=naar,
        actie=actie,
        actor=user,
        actor_naam=user.get_full_name() or user.get_username() if user is not None else "systeem",
        rol=rol,
        kant=kant,
        gemeente=gemeente,
        reden=reden,
        deelbesluit=deelbesluit,
    )


def _rol_gemeente(actor: Actor, gemeente_ids: Iterable[int]) -> str:
    return policy_opdrachten.rol_namens_gemeente(actor, gemeente_ids)


def _rol_pool(actor: Actor, sv_id: int) -> str:
    return policy_opdrachten.rol_namens_pool(actor, sv_id)


def _save_with_number(opdracht: Bestuursopdracht, sv: Samenwerkingsverband, pogingen: int = 5) -> None:
    """Number and save a new assignment. The cooperation's lock (``volgend_nummer``) orders its own drafts;
    two cooperations whose abbreviations share a prefix can still race for a number: then the loser
    takes the next one (a savepoint keeps the transaction usable)."""
    for poging in range(pogingen):
        opdracht.nummer = volgend_nummer(sv, _vandaag().year)
        full_clean_or_raise(opdracht)
        try:
            with transaction.atomic():
                opdracht.save()
            return
        except IntegrityError:
            opdracht.pk = None
            if poging == pogingen - 1 or not Bestuursopdracht.objects.filter(nummer=opdracht.nummer).exists():
                raise


# --- drafting -----------------------------------------------------------------------------------------------------
@transaction.atomic
def draft(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    opdrachtgevers: Sequence[OpdrachtgeverInvoer],
    catalogusitem: Catalogusitem | None,
    titel: str,
    deadline: dt.date | None,
    doelen: str,
    initiatief: str = Initiatief.GEMEENTE,
    mijlpalen: Sequence[tuple[str, dt.date]] = (),
    herkomst: str = "",
    **kaders: Any,
) -> Bestuursopdracht:
    """Draft an assignment (status concept). The pool may draft a proposal (initiatief=pool); only the
    college turns a draft into an assignment (``commission``). ``herkomst``: where the draft came from (e.g. an
    accepted harmonisation proposal), written as the reason of its first history row."""
    ctx = Opdrachtcontext(
        samenwerkingsverband_id=samenwerkingsverband.pk,
        gemeente_ids=frozenset(og.gemeente.pk for og in opdrachtgevers),
        initiatief=initiatief,
    )
    policy.require(actor, "bestuursopdracht.aanmaken", ctx)
    onbekend = set(kaders) - set(KADERVELDEN)
    if onbekend:
        raise InvalidInput(fields={naam: ["Onbekend veld."] for naam in sorted(onbekend)})
    fouten = _validate_opdrachtgevers(samenwerkingsverband, opdrachtgevers)
    if initiatief not in Initiatief.values:
        fouten["initiatief"] = ["Kies gemeente of werkorganisatie."]
    opdracht = Bestuursopdracht(  # type: ignore[misc]  # validated below, naming each missing field
        nummer="",
        titel=titel,
        samenwerkingsverband=samenwerkingsverband,
        catalogusitem=catalogusitem,
        eenheid_id=catalogusitem.eenheid_id if catalogusitem is not None else None,
        initiatief=initiatief,
        deadline=deadline,
        doelen=doelen,
        aangemaakt_door=actor.user,
        **kaders,
    )
    _validate_kaders(opdracht, fouten)
    for i, (omschrijving, datum) in enumerate(mijlpalen):
        if not omschrijving or datum is None:
            fouten.setdefault("mijlpalen", []).append(
                f"Mijlpaal {i + 1}: geef een omschrijving en een datum."
            )
    _raise(fouten)
    _save_with_number(opdracht, samenwerkingsverband)
    for og in opdrachtgevers:
        Opdrachtgever.objects.create(  # type: ignore[misc]  # portefeuille checked by _validate_opdrachtgevers
            bestuursopdracht=opdracht,
            gemeente=og.gemeente,
            portefeuille=og.portefeuille,
            beleidsregisseur=og.beleidsregisseur,
        )
    for omschrijving, datum in mijlpalen:
        Mijlpaal.objects.create(bestuursopdracht=opdracht, omschrijving=omschrijving, datum=datum)
    kant = "pool" if initiatief == Initiatief.POOL else "gemeente"
    rol = (
        _rol_pool(actor, samenwerkingsverband.pk)
        if kant == "pool"
        else _rol_gemeente(actor, ctx.gemeente_ids)
    )
    _historie(
        opdracht,
        actor=actor,
        van="",
        naar=lifecycle.CONCEPT,
        actie="aanmaken",
        rol=rol,
        kant=kant,
        reden=herkomst.strip(),
    )
    audit.record(actor=actor, action="bestuursopdracht.aanmaken", instance=opdracht, note=herkomst.strip())
    return opdracht


@transaction.atomic
def sharpen(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    expected_version: int | None,
    changes: dict[str, Any],
    mijlpalen: Sequence[tuple[str, dt.date]] | None = None,
) -> Bestuursopdracht:
    """Edit the frames of a draft (the beleidsregisseur's 'sharpening'); later changes go by change request."""
    policy.require(actor, "bestuursopdracht.wijzigen", opdracht, read_action="bestuursopdracht.lezen")
    opdracht = _locked(opdracht)
    check_version(opdracht, expected_version)
    if opdracht.status != lifecycle.CONCEPT:
        raise Conflict(
            f"De kaders kunnen alleen in concept worden gewijzigd; deze opdracht is {opdracht.status_label.lower()}. "
            "Dien een wijzigingsverzoek in.",
            code="niet_in_concept",
        )
    onbekend = set(changes) - set(KADERVELDEN)
    if onbekend:
        raise InvalidInput(
            fields={naam: ["Dit veld kan hier niet worden gewijzigd."] for naam in sorted(onbekend)}
        )
    before = audit.snapshot(opdracht)
    kaders_voor = kaderwaarden(opdracht)
    for naam, waarde in changes.items():
        setattr(opdracht, naam, waarde)
    if "catalogusitem" in changes and opdracht.catalogusitem is not None:
        opdracht.eenheid_id = opdracht.catalogusitem.eenheid_id
    fouten: dict[str, list[str]] = {}
    _validate_kaders(opdracht, fouten)
    _raise(fouten)
    full_clean_or_raise(opdracht)
    opdracht.versie += 1
    opdracht.save()
    if mijlpalen is not None:
        opdracht.mijlpalen.all().delete()
        for omschrijving, datum in mijlpalen:
            Mijlpaal.objects.create(bestuursopdracht=opdracht, omschrijving=omschrijving, datum=datum)
    kaders_gewijzigd(actor=actor, opdracht=opdracht, voor=kaders_voor, actie=lifecycle.AANSCHERPEN)
    audit.record(actor=actor, action="bestuursopdracht.wijzigen", instance=opdracht, before=before)
    return opdracht


# --- frame changes: history with before and after, consents void --------------------------------------------------
def kaderwaarden(opdracht: Bestuursopdracht) -> dict[str, Any]:
    """The frames as JSON-safe values (dates ISO, amounts as strings, the catalogue item by name, milestones)."""
    waarden: dict[str, Any] = {}
    for veld in KADERVELDEN:
        waarde = getattr(opdracht, veld)
        if isinstance(waarde, Catalogusitem):
            waarde = waarde.naam
        elif isinstance(waarde, dt.date | Decimal):
            waarde = str(waarde)
        waarden[veld] = waarde
    waarden["mijlpalen"] = [f"{m.datum.isoformat()} {m.omschrijving}" for m in opdracht.mijlpalen.all()]
    return waarden


def kaders_gewijzigd(
    *, actor: Actor, opdracht: Bestuursopdracht, voor: dict[str, Any], actie: str, toelichting: str = ""
) -> Statusovergang | None:
    """After a change of the frames: a history row with every changed field before and after, and every consent given
    to a pending joint decision void (those principals decide again; ``instemming_vervallen_op`` tells them on their
    home page and the assignment page). Nothing changed: no row."""
    # Read back from the database, so values compare as stored (600 and 600.0 are the same frame).
    na = kaderwaarden(
        Bestuursopdracht.objects.select_related("catalogusitem")
        .prefetch_related("mijlpalen")
        .get(pk=opdracht.pk)
    )
    wijzigingen = {v: {"van": voor.get(v), "naar": na[v]} for v in na if voor.get(v) != na[v]}
    if not wijzigingen:
        return None
    nu = timezone.now()
    vervallen = [
        og
        for og in opdracht.opdrachtgevers.filter(teruggetrokken_op__isnull=True).select_related("gemeente")
        if og.instemming in lifecycle.GEZAMENLIJK
    ]
    for og in vervallen:
        og.instemming, og.ingestemd_op, og.instemming_vervallen_op = "", None, nu
        og.save(update_fields=["instemming", "ingestemd_op", "instemming_vervallen_op"])
    labels = []
    for veld, w in wijzigingen.items():
        naam = (
            veld
            if veld == "mijlpalen"
            else str(getattr(Bestuursopdracht._meta.get_field(veld), "verbose_name", veld))
        )
        kort = all(isinstance(x, str | int | float | bool | None) and len(str(x)) <= 40 for x in w.values())
        labels.append(
            f"{naam} {w['van'] or '—'} → {w['naar'] or '—'}" if kort and veld != "mijlpalen" else naam
        )
    reden = "Kaders gewijzigd: " + "; ".join(labels) + "."
    if vervallen:
        reden += (
            " De eerdere instemming van "
            + ", ".join(og.gemeente.naam for og in vervallen)
            + " is vervallen; elke opdrachtgever besluit opnieuw."
        )
    if toelichting:
        reden += f" {toelichting}"
    gemeente_ids = {og.gemeente_id for og in opdracht.opdrachtgevers.all()}
    rol = _rol_gemeente(actor, gemeente_ids)
    kant = "gemeente" if rol else "pool"
    if not rol:
        rol = _rol_pool(actor, opdracht.samenwerkingsverband_id)
    eigen = policy_opdrachten.gemeenten_namens(actor, gemeente_ids) if kant == "gemeente" else []
    rij = Statusovergang.objects.create(
        bestuursopdracht=opdracht,
        van=opdracht.status,
        naar=opdracht.status,
        actie=actie,
        actor=actor.user,
        actor_naam=actor.user.get_full_name() or actor.user.get_username() if actor.user is not None else "",
        rol=rol,
        kant=kant,
        gemeente_id=eigen[0] if len(eigen) == 1 else None,
        reden=reden,
        wijzigingen=wijzigingen,
    )
    audit.record(actor=actor, action=f"bestuursopdracht.{actie}", instance=opdracht, note=reden)
    return rij


def _locked(opdracht: Bestuursopdracht) -> Bestuursopdracht:
    return (
        Bestuursopdracht.objects.select_for_update(of=("self",))
        .select_related("catalogusitem")
        .get(pk=opdracht.pk)
    )


# --- the lifecycle ---------------------------------------------------------------------------------------------------
def _overgang(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    actie: str,
    reden: str,
    expected_version: int | None,
    validate: Any = None,
    apply: Any = None,
) -> Bestuursopdracht:
    """Shared mechanics of every transition: permission, state, version, joint decisions, history, audit."""
    policy.require(actor, f"bestuursopdracht.{actie}", opdracht, read_action="bestuursopdracht.lezen")
    opdracht = _locked(opdracht)
    check_version(opdracht, expected_version)
    naar = opdracht.status_voor_aanhouden if actie == "hervatten" else None
    rij = lifecycle.overgang(opdracht.status, actie, naar=naar or None)
    if rij is None:
        raise Conflict(
            f"'{lifecycle.ACTIE_LABELS[actie]}' kan niet bij een opdracht met status {opdracht.status_label.lower()}.",
            code="ongeldige_overgang",
        )
    reden = (reden or "").strip()
    if actie in lifecycle.REDEN_VERPLICHT and not reden:
        raise InvalidInput(
            fields={"reden": [f"Geef een reden op voor '{lifecycle.ACTIE_LABELS[actie].lower()}'."]}
        )
    if validate is not None:
        validate(opdracht)
    before = audit.snapshot(opdracht)
    nu = timezone.now()
    actieve = opdracht.actieve_opdrachtgevers

    if rij.kant == "gemeente":
        mijn = beslissende_opdrachtgevers(actor, opdracht)
        rol = _rol_gemeente(actor, [og.gemeente_id for og in mijn])
        gemeente = mijn[0].gemeente if len(mijn) == 1 else None
    else:
        mijn = []
        rol = _rol_pool(actor, opdracht.samenwerkingsverband_id)
        gemeente = None

    # Cancelling a joint assignment: one partner withdraws only itself, unless it is the last one.
    if actie == "annuleren" and len(actieve) > len(mijn):
        for og in mijn:
            og.teruggetrokken_op = nu.date()
            og.instemming = ""
            og.save(update_fields=["teruggetrokken_op", "instemming"])
        _historie(
            opdracht,
            actor=actor,
            van=opdracht.status,
            naar=opdracht.status,
            actie=actie,
            rol=rol,
            kant=rij.kant,
            reden=reden,
            gemeente=gemeente,
            deelbesluit=True,
        )
        opdracht.versie += 1
        opdracht.save()
        audit.record(
            actor=actor, action="bestuursopdracht.terugtrekken", instance=opdracht, before=before, note=reden
        )
        _rond_af_als_iedereen_instemt(actor, opdracht)
        return opdracht

    if rij.gezamenlijk:
        for og in mijn:
            if og.instemming == actie:
                raise Conflict(
                    f"{og.gemeente} heeft al ingestemd met '{rij.label.lower()}'.", code="al_ingestemd"
                )
        for og in mijn:
            og.instemming = actie
            og.ingestemd_op = nu
            if actie == "vaststellen" and apply is not None:
                apply(opdracht, og)
            og.instemming_vervallen_op = None
            og.save(update_fields=["instemming", "ingestemd_op", "naar_raad", "instemming_vervallen_op"])
        mijn_ids = {og.pk for og in mijn}
        nog_open = [
            og for og in opdracht.actieve_opdrachtgevers if og.instemming != actie and og.pk not in mijn_ids
        ]
        if nog_open:
            _historie(
                opdracht,
                actor=actor,
                van=opdracht.status,
                naar=opdracht.status,
                actie=actie,
                rol=rol,
                kant=rij.kant,
                reden=reden,
                gemeente=gemeente,
                deelbesluit=True,
            )
            opdracht.versie += 1
            opdracht.save()
            audit.record(
                actor=actor,
                action=f"bestuursopdracht.{actie}.deelbesluit",
                instance=opdracht,
                before=before,
                note=reden,
            )
            return opdracht

    _verplaats(
        opdracht,
        rij,
        actor=actor,
        rol=rol,
        gemeente=gemeente,
        reden=reden,
        apply=apply if actie != "vaststellen" else None,
    )
    audit.record(
        actor=actor, action=f"bestuursopdracht.{actie}", instance=opdracht, before=before, note=reden
    )
    return opdracht


def _verplaats(
    opdracht: Bestuursopdracht,
    rij: lifecycle.Overgang,
    *,
    actor: Actor,
    rol: str,
    gemeente: Gemeente | None,
    reden: str,
    apply: Any = None,
) -> None:
    van = opdracht.status
    vandaag = _vandaag()
    if rij.actie == "aanhouden":
        opdracht.status_voor_aanhouden = van
    elif rij.actie == "hervatten":
        opdracht.status_voor_aanhouden = ""
    elif rij.actie == "opdragen":
        opdracht.opgedragen_op = vandaag
    elif rij.actie == "opleveren":
        opdracht.opgeleverd_op = vandaag
    elif rij.actie == "vaststellen":
        opdracht.vastgesteld_op = vandaag
        opdracht.naar_raad = any(og.naar_raad for og in opdracht.actieve_opdrachtgevers)
    if apply is not None:
        apply(opdracht, None)
    opdracht.status = rij.naar
    if rij.van != rij.naar or rij.actie == "ramen":
        # A new state (or a new estimate) opens a new round of decisions.
        opdracht.opdrachtgevers.filter(teruggetrokken_op__isnull=True).exclude(instemming="").update(
            instemming="", ingestemd_op=None
        )
        opdracht.opdrachtgevers.exclude(instemming_vervallen_op=None).update(instemming_vervallen_op=None)
    opdracht.versie += 1
    opdracht.save()
    _historie(
        opdracht,
        actor=actor,
        van=van,
        naar=rij.naar,
        actie=rij.actie,
        rol=rol,
        kant=rij.kant,
        reden=reden,
        gemeente=gemeente,
    )


def _rond_af_als_iedereen_instemt(actor: Actor, opdracht: Bestuursopdracht) -> None:
    """After a partner withdrew: if every remaining principal already agreed to a pending joint decision, complete it."""
    actieve = list(opdracht.opdrachtgevers.filter(teruggetrokken_op__isnull=True))
    if not actieve:
        return
    acties = {og.instemming for og in actieve}
    if len(acties) != 1 or "" in acties:
        return
    actie = acties.pop()
    rij = lifecycle.overgang(opdracht.status, actie)
    if rij is None:
        return
    before = audit.snapshot(opdracht)
    _verplaats(
        opdracht,
        rij,
        actor=actor,
        rol="",
        gemeente=None,
        reden="Alle overgebleven opdrachtgevers hadden al ingestemd.",
    )
    audit.record(actor=actor, action=f"bestuursopdracht.{actie}", instance=opdracht, before=before)


def commission(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    """Opdragen: the college (every co-principal) commissions the pool. Turns a pool proposal into an assignment."""
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="opdragen", reden=reden, expected_version=expected_version
    )


def take_in(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    """Intake: the pool takes the commissioned assignment in (and may now ask questions, estimate)."""
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="intake", reden=reden, expected_version=expected_version
    )


def _decimal(
    waarde: Any, veld: str, fouten: dict[str, list[str]], *, verplicht: bool = True
) -> Decimal | None:
    if waarde in (None, ""):
        if verplicht:
            fouten.setdefault(veld, []).append("Dit veld is verplicht.")
        return None
    try:
        d = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        fouten.setdefault(veld, []).append("Moet een getal zijn.")
        return None
    if d < 0:
        fouten.setdefault(veld, []).append("Mag niet negatief zijn.")
    return d


def estimate(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    uren: Any,
    externe_kosten: Any,
    eenheid: Eenheid | None,
    opleverdatum: dt.date | None,
    reden: str = "",
    expected_version: int | None = None,
) -> Bestuursopdracht:
    """Ramen: the pool estimates hours, external costs, the carrying unit and the delivery date."""
    fouten: dict[str, list[str]] = {}
    uren_d = _decimal(uren, "uren", fouten)
    kosten_d = _decimal(externe_kosten, "externe_kosten", fouten)
    if eenheid is None:
        fouten["eenheid"] = ["Kies de eenheid die de opdracht uitvoert."]
    elif eenheid.samenwerkingsverband_id != opdracht.samenwerkingsverband_id:
        fouten["eenheid"] = ["Deze eenheid hoort niet bij de werkorganisatie van deze opdracht."]
    if opleverdatum is None:
        fouten["opleverdatum"] = ["Geef de verwachte opleverdatum op."]

    def validate(o: Bestuursopdracht) -> None:
        _raise(fouten)

    def apply(o: Bestuursopdracht, og: Any) -> None:
        o.raming_uren = uren_d
        o.raming_externe_kosten = kosten_d
        assert eenheid is not None
        o.eenheid = eenheid
        o.raming_opleverdatum = opleverdatum
        o.raming_toelichting = reden

    return _in_transaction(
        actor=actor,
        opdracht=opdracht,
        actie="ramen",
        reden=reden,
        expected_version=expected_version,
        validate=validate,
        apply=apply,
    )


@transaction.atomic
def accept(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    reden: str = "",
    expected_version: int | None = None,
    overschrijding_gezien: bool = False,
) -> Bestuursopdracht:
    """Akkoord: the principal (each co-principal) accepts the estimate. When the estimate exceeds the frame, the
    college must confirm it saw the overrun (``overschrijding_gezien``); the overrun and the confirmation are stored
    on the history row of its decision."""
    gezien: dict[str, Any] = {}

    def validate(o: Bestuursopdracht) -> None:
        if o.raming_uren is None or o.raming_opleverdatum is None:
            raise Conflict("Er is nog geen raming om akkoord op te geven.", code="geen_raming")
        over = selectors.overschrijding_for(actor, o)
        if over.overschreden and not overschrijding_gezien:
            raise InvalidInput(
                fields={
                    "overschrijding_gezien": [
                        f"{over.melding} Bevestig dat u dit heeft gezien voordat u akkoord geeft."
                    ]
                }
            )
        if over.overschreden:
            gezien["overschrijding"] = over.als_dict()

    opdracht = _in_transaction(
        actor=actor,
        opdracht=opdracht,
        actie="akkoord",
        reden=reden,
        expected_version=expected_version,
        validate=validate,
    )
    if gezien:
        rij = Statusovergang.objects.filter(bestuursopdracht=opdracht, actie="akkoord").latest(
            "tijdstip", "id"
        )
        rij.overschrijding = gezien["overschrijding"]
        rij.overschrijding_gezien = True
        rij.save(update_fields=["overschrijding", "overschrijding_gezien"])
    return opdracht


def start(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="starten", reden=reden, expected_version=expected_version
    )


def report_progress(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    status: str,
    reden: str,
    percentage_gereed: Any = 0,
    expected_version: int | None = None,
) -> Bestuursopdracht:
    """Voortgang: a progress report with a red/amber/green status and an explanation (the reason field)."""
    fouten: dict[str, list[str]] = {}
    if status not in Rag.values:
        fouten["status"] = ["Kies rood, oranje of groen."]
    try:
        pct = int(percentage_gereed or 0)
        if not 0 <= pct <= 100:
            raise ValueError
    except (TypeError, ValueError):
        fouten["percentage_gereed"] = ["Geef een percentage tussen 0 en 100."]
        pct = 0

    def validate(o: Bestuursopdracht) -> None:
        _raise(fouten)

    def apply(o: Bestuursopdracht, og: Any) -> None:
        Voortgangsrapportage.objects.create(
            bestuursopdracht=o,
            datum=_vandaag(),
            status=status,
            percentage_gereed=pct,
            toelichting=reden,
            gerapporteerd_door=actor.user,
        )

    return _in_transaction(
        actor=actor,
        opdracht=opdracht,
        actie="voortgang",
        reden=reden,
        expected_version=expected_version,
        validate=validate,
        apply=apply,
    )


def deliver(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="opleveren", reden=reden, expected_version=expected_version
    )


def adopt(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    reden: str = "",
    naar_raad: bool = False,
    expected_version: int | None = None,
) -> Bestuursopdracht:
    """Vaststellen by each co-principal's college, optionally sending the result to its council."""

    def apply(o: Bestuursopdracht, og: Opdrachtgever | None) -> None:
        if og is not None:
            og.naar_raad = bool(naar_raad)

    return _in_transaction(
        actor=actor,
        opdracht=opdracht,
        actie="vaststellen",
        reden=reden,
        expected_version=expected_version,
        apply=apply,
    )


def return_for_rework(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str, expected_version: int | None = None
) -> Bestuursopdracht:
    """Terugsturen: any one co-principal may return the delivered product for rework (with a reason)."""
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="terugsturen", reden=reden, expected_version=expected_version
    )


def restart(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="herstarten", reden=reden, expected_version=expected_version
    )


def hold(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str, expected_version: int | None = None
) -> Bestuursopdracht:
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="aanhouden", reden=reden, expected_version=expected_version
    )


def resume(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str = "", expected_version: int | None = None
) -> Bestuursopdracht:
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="hervatten", reden=reden, expected_version=expected_version
    )


def cancel(
    *, actor: Actor, opdracht: Bestuursopdracht, reden: str, expected_version: int | None = None
) -> Bestuursopdracht:
    """Annuleren, only by the principal. For a joint assignment one partner withdraws only itself, unless it is the last."""
    return _in_transaction(
        actor=actor, opdracht=opdracht, actie="annuleren", reden=reden, expected_version=expected_version
    )


@transaction.atomic
def _in_transaction(**kwargs: Any) -> Bestuursopdracht:
    return _overgang(**kwargs)


def perform(
    *, actor: Actor, opdracht: Bestuursopdracht, actie: str, gegevens: dict[str, Any]
) -> Bestuursopdracht:
    """Dispatch a transition by its action name (for the API and the pages); ``gegevens`` holds its fields."""
    reden = gegevens.get("reden", "") or ""
    versie = gegevens.get("expected_version")
    if actie == "ramen":
        return estimate(
            actor=actor,
            opdracht=opdracht,
            uren=gegevens.get("uren"),
            externe_kosten=gegevens.get("externe_kosten"),
            eenheid=gegevens.get("eenheid"),
            opleverdatum=gegevens.get("opleverdatum"),
            reden=reden,
            expected_version=versie,
        )
    if actie == "voortgang":
        return report_progress(
            actor=actor,
            opdracht=opdracht,
            status=gegevens.get("status", ""),
            reden=reden,
            percentage_gereed=gegevens.get("percentage_gereed", 0),
            expected_version=versie,
        )
    if actie == "akkoord":
        return accept(
            actor=actor,
            opdracht=opdracht,
            reden=reden,
            expected_version=versie,
            overschrijding_gezien=bool(gegevens.get("overschrijding_gezien")),
        )
    if actie == "vaststellen":
        return adopt(
            actor=actor,
            opdracht=opdracht,
            reden=reden,
            naar_raad=bool(gegevens.get("naar_raad")),
            expected_version=versie,
        )
    functies = {
        "opdragen": commission,
        "intake": take_in,
        "starten": start,
        "opleveren": deliver,
        "terugsturen": return_for_rework,
        "herstarten": restart,
        "aanhouden": hold,
        "hervatten": resume,
        "annuleren": cancel,
    }
    if actie not in functies:
        raise InvalidInput(fields={"actie": [f"Onbekende actie '{actie}'."]})
    fn: Any = functies[actie]
    result: Bestuursopdracht = fn(actor=actor, opdracht=opdracht, reden=reden, expected_version=versie)
    return result


# --- change requests --------------------------------------------------------------------------------------------------
WIJZIGBAAR = frozenset(
    {
        lifecycle.OPGEDRAGEN,
        lifecycle.INTAKE,
        lifecycle.AKKOORD,
        lifecycle.IN_UITVOERING,
        lifecycle.TERUG,
        lifecycle.AANGEHOUDEN,
    }
)


@transaction.atomic
def request_change(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    soort: str,
    toelichting: str,
    nieuwe_scope: str = "",
    nieuwe_deadline: dt.date | None = None,
    nieuw_max_uren: Any = None,
    nieuw_max_euro: Any = None,
) -> Wijzigingsverzoek:
    policy.require(actor, "wijzigingsverzoek.indienen", opdracht, read_action="bestuursopdracht.lezen")
    if opdracht.status not in WIJZIGBAAR:
        raise Conflict(
            f"Bij een opdracht met status {opdracht.status_label.lower()} kan geen wijzigingsverzoek worden ingediend.",
            code="niet_wijzigbaar",
        )
    fouten: dict[str, list[str]] = {}
    if soort not in Soortwijziging.values:
        fouten["soort"] = ["Kies scope, deadline of budget."]
    if not (toelichting or "").strip():
        fouten["toelichting"] = ["Licht toe waarom de wijziging nodig is."]
    uren = _decimal(nieuw_max_uren, "nieuw_max_uren", fouten, verplicht=False)
    euro = _decimal(nieuw_max_euro, "nieuw_max_euro", fouten, verplicht=False)
    if soort == Soortwijziging.SCOPE and not (nieuwe_scope or "").strip():
        fouten["nieuwe_scope"] = ["Beschrijf de nieuwe scope."]
    if soort == Soortwijziging.DEADLINE and nieuwe_deadline is None:
        fouten["nieuwe_deadline"] = ["Geef de nieuwe deadline op."]
    if soort == Soortwijziging.BUDGET and uren is None and euro is None:
        fouten["nieuw_max_uren"] = ["Geef een nieuw maximum aan uren of euro's op."]
    _raise(fouten)
    verzoek = Wijzigingsverzoek.objects.create(
        bestuursopdracht=opdracht,
        soort=soort,
        toelichting=toelichting.strip(),
        nieuwe_scope=nieuwe_scope or "",
        nieuwe_deadline=nieuwe_deadline,
        nieuw_max_uren=uren,
        nieuw_max_euro=euro,
        ingediend_door=actor.user,
    )
    audit.record(actor=actor, action="wijzigingsverzoek.indienen", instance=verzoek)
    return verzoek


@transaction.atomic
def approve_change(
    *, actor: Actor, verzoek: Wijzigingsverzoek, toelichting: str = "", expected_version: int | None = None
) -> Wijzigingsverzoek:
    """Each co-principal approves; when all have, the change is applied to the assignment's frames."""
    policy.require(actor, "wijzigingsverzoek.goedkeuren", verzoek, read_action="wijzigingsverzoek.lezen")
    verzoek = (
        Wijzigingsverzoek.objects.select_for_update(of=("self",))
        .select_related("bestuursopdracht")
        .get(pk=verzoek.pk)
    )
    check_version(verzoek, expected_version)
    if verzoek.status != Wijzigingsstatus.INGEDIEND:
        raise Conflict(
            f"Dit wijzigingsverzoek is al {verzoek.get_status_display().lower()}.", code="al_afgehandeld"
        )
    opdracht = verzoek.bestuursopdracht
    mijn = {og.gemeente_id for og in beslissende_opdrachtgevers(actor, opdracht)}
    al = set(verzoek.goedgekeurd_door.values_list("pk", flat=True))
    if mijn <= al:
        raise Conflict("Uw gemeente heeft dit verzoek al goedgekeurd.", code="al_goedgekeurd")
    before = audit.snapshot(verzoek)
    verzoek.goedgekeurd_door.add(*mijn)
    if toelichting:
        verzoek.besluit_toelichting = "\n".join(
            filter(None, [verzoek.besluit_toelichting, toelichting.strip()])
        )
    nodig = {og.gemeente_id for og in opdracht.actieve_opdrachtgevers}
    if nodig <= (al | mijn):
        verzoek.status = Wijzigingsstatus.GOEDGEKEURD
        verzoek.afgehandeld_op = timezone.now()
        _pas_toe(actor, verzoek)
    verzoek.versie += 1
    verzoek.save()
    audit.record(
        actor=actor, action="wijzigingsverzoek.goedkeuren", instance=verzoek, before=before, note=toelichting
    )
    return verzoek


def _pas_toe(actor: Actor, verzoek: Wijzigingsverzoek) -> None:
    opdracht = _locked(verzoek.bestuursopdracht)
    before = audit.snapshot(opdracht)
    kaders_voor = kaderwaarden(opdracht)
    if verzoek.soort == Soortwijziging.SCOPE:
        opdracht.scope = verzoek.nieuwe_scope
    elif verzoek.soort == Soortwijziging.DEADLINE and verzoek.nieuwe_deadline is not None:
        opdracht.deadline = verzoek.nieuwe_deadline
    elif verzoek.soort == Soortwijziging.BUDGET:
        if verzoek.nieuw_max_uren is not None:
            opdracht.max_uren = verzoek.nieuw_max_uren
        if verzoek.nieuw_max_euro is not None:
            opdracht.max_euro = verzoek.nieuw_max_euro
    opdracht.versie += 1
    opdracht.save()
    kaders_gewijzigd(
        actor=actor,
        opdracht=opdracht,
        voor=kaders_voor,
        actie=lifecycle.WIJZIGING_TOEPASSEN,
        toelichting=f"Wijzigingsverzoek {verzoek.pk} ({verzoek.get_soort_display().lower()}), door alle opdrachtgevers goedgekeurd.",
    )
    audit.record(
        actor=actor,
        action="bestuursopdracht.wijziging_toepassen",
        instance=opdracht,
        before=before,
        note=f"Wijzigingsverzoek {verzoek.pk}",
    )


@transaction.atomic
def reject_change(
    *, actor: Actor, verzoek: Wijzigingsverzoek, toelichting: str, expected_version: int | None = None
) -> Wijzigingsverzoek:
    """Any one co-principal can reject a change (the frames stay as all agreed)."""
    policy.require(actor, "wijzigingsverzoek.afwijzen", verzoek, read_action="wijzigingsverzoek.lezen")
    verzoek = Wijzigingsverzoek.objects.select_for_update(of=("self",)).get(pk=verzoek.pk)
    check_version(verzoek, expected_version)
    if verzoek.status != Wijzigingsstatus.INGEDIEND:
        raise Conflict(
            f"Dit wijzigingsverzoek is al {verzoek.get_status_display().lower()}.", code="al_afgehandeld"
        )
    if not (toelichting or "").strip():
        raise InvalidInput(fields={"toelichting": ["Geef aan waarom het verzoek wordt afgewezen."]})
    before = audit.snapshot(verzoek)
    verzoek.status = Wijzigingsstatus.AFGEWEZEN
    verzoek.besluit_toelichting = toelichting.strip()
    verzoek.afgehandeld_op = timezone.now()
    verzoek.versie += 1
    verzoek.save()
    audit.record(
        actor=actor, action="wijzigingsverzoek.afwijzen", instance=verzoek, before=before, note=toelichting
    )
    return verzoek


# --- board questions (ontlokken) ------------------------------------------------------------------------------------------
@transaction.atomic
def ask(
    *,
    actor: Actor,
    gemeente: Gemeente | None,
    gericht_aan: str,
    onderwerp: str,
    vraag: str,
    uiterlijk: dt.date | None,
    samenwerkingsverband: Samenwerkingsverband | None = None,
    bestuursopdracht: Bestuursopdracht | None = None,
    wethouder: Functionaris | None = None,
) -> Bestuursvraag:
    """The pool (or a beleidsregisseur) asks a college, a wethouder or the council for direction or a frame."""
    if bestuursopdracht is not None:
        samenwerkingsverband = bestuursopdracht.samenwerkingsverband
    ctx = Opdrachtcontext(
        samenwerkingsverband_id=samenwerkingsverband.pk if samenwerkingsverband else None,
        gemeente_ids=frozenset([gemeente.pk]) if gemeente else frozenset(),
        bestuursopdracht=bestuursopdracht,
    )
    if bestuursopdracht is not None and not policy.can(actor, "bestuursopdracht.lezen", bestuursopdracht):
        from seta.core.errors import NotFound

        raise NotFound()
    policy.require(actor, "bestuursvraag.stellen", ctx)
    fouten: dict[str, list[str]] = {}
    if samenwerkingsverband is None:
        fouten["samenwerkingsverband"] = ["Kies het samenwerkingsverband."]
    if gemeente is None:
        fouten["gemeente"] = ["Kies de gemeente aan wier bestuur de vraag is gericht."]
    elif samenwerkingsverband is not None and not _is_partner(samenwerkingsverband, gemeente, _vandaag()):
        fouten["gemeente"] = [f"{gemeente} is geen deelnemer van {samenwerkingsverband}."]
    elif bestuursopdracht is not None and gemeente.pk not in {
        og.gemeente_id for og in bestuursopdracht.actieve_opdrachtgevers
    }:
        fouten["gemeente"] = [f"{gemeente} is geen opdrachtgever van deze opdracht."]
    if gericht_aan not in GerichtAan.values:
        fouten["gericht_aan"] = ["Kies college, wethouder of gemeenteraad."]
    elif gericht_aan == GerichtAan.RAAD and bestuursopdracht is not None:
        fouten.update(_raad_mag_gevraagd_worden(bestuursopdracht))
    if gericht_aan == GerichtAan.WETHOUDER:
        if wethouder is None:
            fouten["wethouder"] = ["Kies de wethouder aan wie de vraag is gericht."]
        elif gemeente is not None and (
            wethouder.gemeente_id != gemeente.pk or wethouder.functie != Functie.WETHOUDER
        ):
            fouten["wethouder"] = [f"{wethouder.naam} is geen wethouder van {gemeente}."]
    if not (onderwerp or "").strip():
        fouten["onderwerp"] = ["Geef een onderwerp op."]
    if not (vraag or "").strip():
        fouten["vraag"] = ["Formuleer de vraag aan het bestuur."]
    if uiterlijk is None:
        fouten["uiterlijk"] = ["Geef aan wanneer het antwoord uiterlijk nodig is."]
    elif uiterlijk < _vandaag():
        fouten["uiterlijk"] = ["De uiterste datum ligt in het verleden."]
    _raise(fouten)
    assert samenwerkingsverband is not None and gemeente is not None and uiterlijk is not None
    obj = Bestuursvraag.objects.create(
        samenwerkingsverband=samenwerkingsverband,
        gemeente=gemeente,
        bestuursopdracht=bestuursopdracht,
        gericht_aan=gericht_aan,
        wethouder=wethouder if gericht_aan == GerichtAan.WETHOUDER else None,
        onderwerp=onderwerp.strip(),
        vraag=vraag.strip(),
        gesteld_door=actor.user,
        gesteld_op=_vandaag(),
        uiterlijk=uiterlijk,
    )
    audit.record(actor=actor, action="bestuursvraag.stellen", instance=obj)
    return obj


def _raad_mag_gevraagd_worden(opdracht: Bestuursopdracht) -> dict[str, list[str]]:
    """A council may not be asked about an assignment it may not open (confidential, or still a draft)."""
    if raad_mag_lezen(opdracht):
        return {}
    reden = (
        "vertrouwelijk"
        if opdracht.vertrouwelijkheid == Vertrouwelijkheid.VERTROUWELIJK
        else "nog een concept"
    )
    return {
        "gericht_aan": [
            f"Deze opdracht is {reden}: de gemeenteraad kan haar niet inzien en kan er dus niet over worden "
            "gevraagd. Richt de vraag aan het college of de wethouder."
        ]
    }


@transaction.atomic
def answer(
    *,
    actor: Actor,
    vraag: Bestuursvraag,
    antwoord: str,
    besluit: str = "",
    expected_version: int | None = None,
) -> Bestuursvraag:
    policy.require(actor, "bestuursvraag.beantwoorden", vraag, read_action="bestuursvraag.lezen")
    vraag = Bestuursvraag.objects.select_for_update(of=("self",)).get(pk=vraag.pk)
    check_version(vraag, expected_version)
    if vraag.status != Vraagstatus.OPEN:
        raise Conflict(f"Deze vraag is al {vraag.get_status_display().lower()}.", code="niet_open")
    if not (antwoord or "").strip():
        raise InvalidInput(fields={"antwoord": ["Geef het antwoord van het bestuur."]})
    before = audit.snapshot(vraag)
    vraag.antwoord = antwoord.strip()
    vraag.besluit = (besluit or "").strip()
    vraag.status = Vraagstatus.BEANTWOORD
    vraag.beantwoord_door = actor.user
    vraag.beantwoord_op = _vandaag()
    vraag.versie += 1
    vraag.save()
    audit.record(actor=actor, action="bestuursvraag.beantwoorden", instance=vraag, before=before)
    return vraag


@transaction.atomic
def withdraw_question(
    *, actor: Actor, vraag: Bestuursvraag, reden: str = "", expected_version: int | None = None
) -> Bestuursvraag:
    policy.require(actor, "bestuursvraag.intrekken", vraag, read_action="bestuursvraag.lezen")
    vraag = lock(vraag, expected_version=expected_version)
    if vraag.status != Vraagstatus.OPEN:
        raise Conflict(f"Deze vraag is al {vraag.get_status_display().lower()}.", code="niet_open")
    before = audit.snapshot(vraag)
    vraag.status = Vraagstatus.INGETROKKEN
    vraag.versie += 1
    vraag.save()
    audit.record(actor=actor, action="bestuursvraag.intrekken", instance=vraag, before=before, note=reden)
    return vraag


# --- meetings -----------------------------------------------------------------------------------------------------------
@transaction.atomic
def plan_meeting(
    *,
    actor: Actor,
    soort: str,
    samenwerkingsverband: Samenwerkingsverband,
    gemeenten: Sequence[Gemeente],
    thema: str,
    titel: str,
    datum: dt.date | None,
    locatie: str = "",
) -> Overleg:
    ctx = Opdrachtcontext(
        samenwerkingsverband_id=samenwerkingsverband.pk, gemeente_ids=frozenset(g.pk for g in gemeenten)
    )
    policy.require(actor, "overleg.aanmaken", ctx)
    fouten: dict[str, list[str]] = {}
    if soort not in Overlegsoort.values:
        fouten["soort"] = ["Kies portefeuillehoudersoverleg of gezamenlijk overleg."]
    if soort == Overlegsoort.PORTEFEUILLEHOUDERSOVERLEG and len(gemeenten) != 1:
        fouten["gemeenten"] = ["Een portefeuillehoudersoverleg is van één gemeente."]
    if soort == Overlegsoort.GEZAMENLIJK and len(gemeenten) < 2:
        fouten["gemeenten"] = ["Een gezamenlijk overleg heeft ten minste twee gemeenten."]
    op = datum or _vandaag()
    for g in gemeenten:
        if not _is_partner(samenwerkingsverband, g, op):
            fouten.setdefault("gemeenten", []).append(f"{g} is geen deelnemer van {samenwerkingsverband}.")
    if not (thema or "").strip():
        fouten["thema"] = ["Noem de portefeuille of het thema."]
    if not (titel or "").strip():
        fouten["titel"] = ["Geef het overleg een titel."]
    if datum is None:
        fouten["datum"] = ["Geef de datum van het overleg op."]
    _raise(fouten)
    assert datum is not None
    overleg = Overleg.objects.create(
        soort=soort,
        samenwerkingsverband=samenwerkingsverband,
        thema=thema.strip(),
        titel=titel.strip(),
        datum=datum,
        locatie=locatie,
    )
    overleg.gemeenten.set(gemeenten)
    audit.record(actor=actor, action="overleg.aanmaken", instance=overleg)
    return overleg


@transaction.atomic
def add_agenda_item(
    *,
    actor: Actor,
    overleg: Overleg,
    onderwerp: str = "",
    bestuursopdracht: Bestuursopdracht | None = None,
    bestuursvraag: Bestuursvraag | None = None,
    catalogusitem: Catalogusitem | None = None,
    toelichting: str = "",
) -> Agendapunt:
    policy.require(actor, "overleg.wijzigen", overleg, read_action="overleg.lezen")
    fouten: dict[str, list[str]] = {}
    gemeenten = {g.pk for g in overleg.gemeenten.all()}
    gezamenlijk = overleg.soort == Overlegsoort.GEZAMENLIJK
    if bestuursopdracht is not None:
        if not policy.can(actor, "bestuursopdracht.lezen", bestuursopdracht):
            fouten["bestuursopdracht"] = [
                "Deze bestuursopdracht bestaat niet of u heeft er geen toegang toe."
            ]
        elif not gemeenten & {og.gemeente_id for og in bestuursopdracht.opdrachtgevers.all()}:
            fouten["bestuursopdracht"] = ["Deze opdracht is niet van een van de gemeenten van dit overleg."]
        elif gezamenlijk and bestuursopdracht.vertrouwelijkheid == Vertrouwelijkheid.VERTROUWELIJK:
            fouten["bestuursopdracht"] = [
                "Een vertrouwelijke opdracht hoort niet op de agenda van een gezamenlijk overleg."
            ]
        onderwerp = onderwerp or str(bestuursopdracht)
    if bestuursvraag is not None:
        if not policy.can(actor, "bestuursvraag.lezen", bestuursvraag):
            fouten["bestuursvraag"] = ["Deze bestuursvraag bestaat niet of u heeft er geen toegang toe."]
        elif bestuursvraag.gemeente_id not in gemeenten:
            fouten["bestuursvraag"] = ["Deze vraag is niet gericht aan een van de gemeenten van dit overleg."]
        onderwerp = onderwerp or bestuursvraag.onderwerp
    if catalogusitem is not None:
        if catalogusitem.samenwerkingsverband_id != overleg.samenwerkingsverband_id:
            fouten["catalogusitem"] = ["Dit catalogusitem hoort niet bij dit samenwerkingsverband."]
        onderwerp = onderwerp or f"Gezamenlijk standpunt: {catalogusitem.naam}"
    if not (onderwerp or "").strip():
        fouten["onderwerp"] = ["Geef een onderwerp op, of kies een opdracht of vraag."]
    _raise(fouten)
    volgnummer = (overleg.agendapunten.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    punt = Agendapunt.objects.create(
        overleg=overleg,
        volgnummer=volgnummer,
        onderwerp=onderwerp.strip()[:200],
        bestuursopdracht=bestuursopdracht,
        bestuursvraag=bestuursvraag,
        catalogusitem=catalogusitem,
        toelichting=toelichting,
    )
    bump_version(overleg)
    audit.record(actor=actor, action="overleg.agendapunt_toevoegen", instance=punt)
    return punt


@transaction.atomic
def record_decision(
    *, actor: Actor, overleg: Overleg, tekst: str, agendapunt: Agendapunt | None = None, actiehouder: str = ""
) -> Besluit:
    policy.require(actor, "overleg.besluiten", overleg, read_action="overleg.lezen")
    fouten: dict[str, list[str]] = {}
    if not (tekst or "").strip():
        fouten["tekst"] = ["Formuleer het besluit."]
    if agendapunt is not None and agendapunt.overleg_id != overleg.pk:
        fouten["agendapunt"] = ["Dit agendapunt hoort niet bij dit overleg."]
    _raise(fouten)
    nummer = (overleg.besluiten.aggregate(m=Max("nummer"))["m"] or 0) + 1
    besluit = Besluit.objects.create(
        overleg=overleg,
        agendapunt=agendapunt,
        nummer=nummer,
        tekst=tekst.strip(),
        actiehouder=actiehouder,
        vastgelegd_door=actor.user,
    )
    bump_version(overleg)
    audit.record(actor=actor, action="overleg.besluit_vastleggen", instance=besluit)
    return besluit
