"""Build the allocation core's input from the database.

Only APPROVED hours count, and they are read from the summary ``uren.Urenoverzicht`` (ADR 0033): the
hours of an approved week were summed once, when it was approved, per month, gemeente, eenheid and
salarisschaal (the tariff basis) and assignment; the soort follows from those, and the assignment is
kept only for the hours on joint assignments (those have no single gemeente). The allocation adds up
the months of the year: a few thousand rows at most, however many millions of lines there are; no line
is ever loaded into Python. The GROUP BY over the lines (:func:`hours_queryset`) is the check path.

The stored ``Verdeelmodel.configuratie`` is the core's model JSON with SETA extensions; :func:`resolve`
turns it into plain core JSON for one year:

- ``vast`` part: ``"bedrag": "begroting"`` is the year's budget total; ``"bedrag": "rest"`` is the budget
  minus every other part of the model (so every model of a scenario splits the same total);
- ``gebruik`` part without ``regels``: lines from the database for its ``grondslag``: ``realisatie`` =
  registered hours x the integral tariff (eenheid, else salarisschaal, else the default tariff of the
  year) plus the external costs of assignments delivered that year; ``raming`` = the agreed estimates of
  the assignments with an (estimated) delivery date in the year. ``urensoorten`` (default
  ``["opdracht", "regulier"]``) limits which hours it charges;
- hours on JOINT assignments are not charged to one gemeente: each joint assignment becomes a
  ``gezamenlijk`` part (cost = its hours x tariff + external costs) split by the model's rule
  ``gezamenlijkeOpdrachten.methode`` (default ``verdeelsleutel``), unless the model names it in an own
  ``gezamenlijk`` part with ``"opdracht": "<nummer>"`` (e.g. to give Shapley its stand-alone costs).

Financial figures are read by every partner's college, council and boards (ADR 0032), most of whom may not
open a given assignment. A joint part is therefore named after its assignment ("Gezamenlijk <nummer>:
<titel>") only if the assignment is public and commissioned; a confidential one or a draft is named
"Gezamenlijke vertrouwelijke opdracht <n>" (:data:`VERTROUWELIJK_NAAM`), <n> a stable index within the
calculation (by number, never the number itself), also when the model names it in an own part. Amount
and partners stay: the partners pay for it and their colleges know it. The link from a part to its
assignment (``Jaardata.onderdeel_opdracht``) stays in memory for the settlement; it is never stored.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from seta.core.errors import InvalidInput
from seta.financien.models import Begroting, Deelnemersbijdrage, Tarief, Verdeelmodel
from seta.financien.verdeling import io as core_io
from seta.financien.verdeling.model import AllocationInputError, Invoer
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband
from seta.uren.models import Soort, Urenoverzicht, Urenregel, Weekstatus

NUL = Decimal("0")
PRODUCTIEF = (Soort.OPDRACHT, Soort.REGULIER)
SETA_EXTENSIES = {"urensoorten", "opdracht"}
VERTROUWELIJK_NAAM = "Gezamenlijke vertrouwelijke opdracht {index}"


def noembaar(opdracht: Any) -> bool:
    """Whether financial figures, which every partner's council reads, may name this assignment: public and
    commissioned, the same test as for the council reading it (confidential ones and drafts: never)."""
    from seta.autorisaties.policy.opdrachten import raad_mag_lezen

    return raad_mag_lezen(opdracht)


def _geld(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


# --- aggregation ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Urengroep:
    """Hours of one group: soort, gemeente (None: overhead or a joint assignment), eenheid, schaal,
    and the joint assignment (only for hours on a joint assignment)."""

    soort: str
    gemeente_id: int | None
    eenheid_id: int
    schaal: int | None
    gezamenlijke_opdracht_id: int | None
    uren: Decimal


def hours_queryset(sv_id: int, jaar: int, *, alleen_goedgekeurd: bool = False) -> Any:
    """The one GROUP BY over urenregels of a cooperation and year: the check path of the summary.

    The allocation reads the summary (:func:`summary_queryset`); this GROUP BY over the lines (with
    ``alleen_goedgekeurd=True``: the lines of approved weeks) is what the summary must equal, and what
    ``seta check-urenoverzicht`` and the benchmark's old path compare it with.

    It groups by plain columns only (gemeente, eenheid, schaal, opdracht): the soort follows from them
    (a line on an assignment has an opdracht; overhead has neither gemeente nor opdracht; a joint
    assignment has an opdracht but no gemeente), so there is no expression to evaluate per row and the
    grouping costs about as much as the bare GROUP BY of the benchmark. The extended statistics of
    migration ``uren.0002`` tell PostgreSQL how few groups that gives.
    """
    qs = Urenregel.objects.filter(
        samenwerkingsverband_id=sv_id, datum__gte=dt.date(jaar, 1, 1), datum__lte=dt.date(jaar, 12, 31)
    )
    if alleen_goedgekeurd:
        qs = qs.filter(weekstaat__status=Weekstatus.GOEDGEKEURD)
    return (
        qs.values("gemeente_id", "eenheid_id", "schaal", "opdracht_id")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )


def summary_queryset(sv_id: int, jaar: int) -> Any:
    """The approved hours of a cooperation and year from the summary (``uren.Urenoverzicht``, ADR 0033):
    the twelve months of each group added up; a few thousand rows, however many lines there are."""
    return (
        Urenoverzicht.objects.filter(samenwerkingsverband_id=sv_id, jaar=jaar)
        .values("gemeente_id", "eenheid_id", "schaal", "opdracht_id")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )


def _soort(gemeente_id: int | None, opdracht_id: int | None) -> str:
    if opdracht_id is not None:
        return Soort.OPDRACHT
    return Soort.REGULIER if gemeente_id is not None else Soort.OVERHEAD


def aggregate_hours(sv_id: int, jaar: int, *, uit_regels: bool = False) -> list[Urengroep]:
    """The APPROVED hours of the year per group, read from the summary; ``uit_regels=True`` computes
    the same groups with the GROUP BY over the lines of approved weeks (the check and benchmark path)."""
    rows = (
        hours_queryset(sv_id, jaar, alleen_goedgekeurd=True) if uit_regels else summary_queryset(sv_id, jaar)
    )
    return [
        Urengroep(
            _soort(r["gemeente_id"], r["opdracht_id"]),
            r["gemeente_id"],
            r["eenheid_id"],
            r["schaal"],
            r["opdracht_id"] if r["gemeente_id"] is None else None,
            r["totaal"] or NUL,
        )
        for r in rows
    ]


# --- tariffs ---------------------------------------------------------------------------------------------------
@dataclass
class Tarieven:
    jaar: int
    per_eenheid: dict[int, Decimal]
    per_schaal: dict[int, Decimal]
    standaard: Decimal | None

    def voor(self, eenheid_id: int | None, schaal: int | None) -> Decimal | None:
        if eenheid_id is not None and eenheid_id in self.per_eenheid:
            return self.per_eenheid[eenheid_id]
        if schaal is not None and schaal in self.per_schaal:
            return self.per_schaal[schaal]
        return self.standaard


def load_tariffs(sv_id: int, jaar: int) -> Tarieven:
    tarieven = Tarieven(jaar, {}, {}, None)
    for t in Tarief.objects.filter(samenwerkingsverband_id=sv_id, jaar=jaar):
        if t.eenheid_id is not None:
            tarieven.per_eenheid[t.eenheid_id] = t.uurtarief
        elif t.schaal is not None:
            tarieven.per_schaal[t.schaal] = t.uurtarief
        else:
            tarieven.standaard = t.uurtarief
    return tarieven


# --- the year's data -------------------------------------------------------------------------------------------
@dataclass
class Gezamenlijk:
    """A joint assignment with its cost in the year."""

    opdracht_id: int
    nummer: str
    titel: str
    deelnemers: list[str]  # CBS codes
    uren: Decimal = NUL
    bedrag: Decimal = NUL  # uren x tarief + externe kosten
    vertrouwelijk: bool = False  # not to be named in the figures (see noembaar)


@dataclass
class Jaardata:
    """Everything the allocation of one cooperation-year needs, read from the database once."""

    samenwerkingsverband: Samenwerkingsverband
    jaar: int
    gemeenten: list[Gemeente]
    begroting: Begroting | None
    bijdragen: dict[int, Deelnemersbijdrage]
    tarieven: Tarieven
    groepen: list[Urengroep] = field(default_factory=list)
    # usage per grondslag and soort: {grondslag: {soort: {(cbs, tarief): uren}}}; externe kosten per cbs
    gebruik: dict[str, dict[str, dict[tuple[str, Decimal], Decimal]]] = field(default_factory=dict)
    externe_kosten: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    gezamenlijk: dict[str, dict[str, Gezamenlijk]] = field(
        default_factory=dict
    )  # grondslag -> nummer -> product
    ontbrekende_tarieven: set[str] = field(default_factory=set)
    _eenheidnamen: dict[int | None, str] = field(default_factory=dict, repr=False)
    # filled by resolve(): name of a gezamenlijk part -> the nummer of its joint assignment (in memory only)
    onderdeel_opdracht: dict[str, str] = field(default_factory=dict)
    # nummer of a confidential joint assignment -> its index in the neutral name (stable within the year)
    vertrouwelijk_index: dict[str, int] = field(default_factory=dict)

    def onderdeelnaam(self, product: Gezamenlijk) -> str:
        """The name of a joint assignment's part: its number and title, or neutral when it is confidential."""
        if not product.vertrouwelijk:
            return f"Gezamenlijk {product.nummer}: {product.titel}"[:120]
        if product.nummer not in self.vertrouwelijk_index:
            self.vertrouwelijk_index[product.nummer] = len(self.vertrouwelijk_index) + 1
        return VERTROUWELIJK_NAAM.format(index=self.vertrouwelijk_index[product.nummer])

    def nummer_vertrouwelijk(self) -> None:
        """Give the confidential joint assignments of the year their index, in order of number."""
        nummers = {
            nummer
            for producten in self.gezamenlijk.values()
            for nummer, product in producten.items()
            if product.vertrouwelijk
        }
        for nummer in sorted(nummers):
            self.vertrouwelijk_index.setdefault(nummer, len(self.vertrouwelijk_index) + 1)

    def ontbreekt(self, eenheid_id: int | None, schaal: int | None = None) -> None:
        """Note a missing tariff, naming the unit by its name (and the scale), never by its id."""
        if eenheid_id not in self._eenheidnamen:
            self._eenheidnamen.update(
                Eenheid.objects.filter(samenwerkingsverband=self.samenwerkingsverband).values_list(
                    "id", "naam"
                )
            )
        naam = self._eenheidnamen.get(eenheid_id, "zonder naam")
        self.ontbrekende_tarieven.add(
            f"eenheid {naam}, schaal {schaal}" if schaal is not None else f"eenheid {naam}"
        )

    @property
    def code_van(self) -> dict[int, str]:
        return {g.pk: g.cbs_code for g in self.gemeenten}

    def geleverde_uren(self) -> dict[str, Decimal]:
        """Registered productive hours per gemeente (joint assignments not included)."""
        code = self.code_van
        result = {g.cbs_code: NUL for g in self.gemeenten}
        for groep in self.groepen:
            if groep.soort in PRODUCTIEF and groep.gemeente_id in code:
                result[code[groep.gemeente_id]] += groep.uren
        return result


def partners_in_year(sv: Samenwerkingsverband, jaar: int) -> list[Gemeente]:
    begin, eind = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    ids = (
        Deelnemer.objects.filter(samenwerkingsverband=sv, toetredingsdatum__lte=eind)
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=begin))
        .values_list("gemeente_id", flat=True)
    )
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def load_year(
    sv: Samenwerkingsverband, jaar: int, *, uren: bool = True, uit_regels: bool = False
) -> Jaardata:
    """Read the year: partners, budget, tariffs, approved hours (the summary) and assignments."""
    begroting = Begroting.objects.filter(samenwerkingsverband=sv, jaar=jaar).first()
    bijdragen = {b.gemeente_id: b for b in begroting.bijdragen.all()} if begroting else {}
    data = Jaardata(sv, jaar, partners_in_year(sv, jaar), begroting, bijdragen, load_tariffs(sv.pk, jaar))
    if uren:
        data.groepen = aggregate_hours(sv.pk, jaar, uit_regels=uit_regels)
        _realisatie(data)
        _raming(data)
        data.nummer_vertrouwelijk()
    return data


def _opdrachtgevers(opdracht_ids: set[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    for oid, code in (
        Opdrachtgever.objects.filter(bestuursopdracht_id__in=opdracht_ids, teruggetrokken_op__isnull=True)
        .order_by("gemeente__cbs_code")
        .values_list("bestuursopdracht_id", "gemeente__cbs_code")
    ):
        result[oid].append(code)
    return result


def _realisatie(data: Jaardata) -> None:
    code = data.code_van
    gebruik: dict[str, dict[tuple[str, Decimal], Decimal]] = {s: defaultdict(Decimal) for s in PRODUCTIEF}
    joint: dict[int, dict[Decimal, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for groep in data.groepen:
        if groep.soort not in PRODUCTIEF:
            continue
        tarief = data.tarieven.voor(groep.eenheid_id, groep.schaal)
        if tarief is None:
            data.ontbreekt(groep.eenheid_id, groep.schaal)
            continue
        if groep.gezamenlijke_opdracht_id is not None:
            joint[groep.gezamenlijke_opdracht_id][tarief] += groep.uren
        elif groep.gemeente_id in code:
            gebruik[groep.soort][(code[groep.gemeente_id], tarief)] += groep.uren
    data.gebruik["realisatie"] = gebruik

    # External costs of assignments delivered in the year (SETA keeps no invoices: the agreed estimate).
    begin, eind = dt.date(data.jaar, 1, 1), dt.date(data.jaar, 12, 31)
    velden = ("id", "nummer", "titel", "vertrouwelijkheid", "status", "raming_externe_kosten")
    opdrachten = list(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=data.samenwerkingsverband,
            opgeleverd_op__gte=begin,
            opgeleverd_op__lte=eind,
            raming_externe_kosten__gt=0,
        ).only(*velden)
    )
    joint_ids = set(joint) | {o.pk for o in opdrachten}
    gevers = _opdrachtgevers(joint_ids)
    extern: dict[str, Decimal] = defaultdict(Decimal)
    producten: dict[str, Gezamenlijk] = {}
    info = {o.pk: o for o in Bestuursopdracht.objects.filter(pk__in=set(joint)).only(*velden)}
    for oid, per_tarief in joint.items():
        o = info[oid]
        uren = sum(per_tarief.values(), NUL)
        bedrag = sum((u * t for t, u in per_tarief.items()), NUL)
        producten[o.nummer] = Gezamenlijk(
            oid, o.nummer, o.titel, gevers.get(oid, []), uren, bedrag, vertrouwelijk=not noembaar(o)
        )
    for o in opdrachten:
        deelnemers = gevers.get(o.pk, [])
        kosten = o.raming_externe_kosten or NUL
        if len(deelnemers) == 1:
            extern[deelnemers[0]] += kosten
        elif len(deelnemers) > 1:
            product = producten.setdefault(
                o.nummer,
                Gezamenlijk(o.pk, o.nummer, o.titel, deelnemers, vertrouwelijk=not noembaar(o)),
            )
            product.bedrag += kosten
    data.externe_kosten["realisatie"] = extern
    data.gezamenlijk["realisatie"] = producten


def _raming(data: Jaardata) -> None:
    """Agreed estimates of assignments with their (estimated) delivery in the year, at the carrying unit's tariff."""
    from seta.opdrachten import lifecycle

    begin, eind = dt.date(data.jaar, 1, 1), dt.date(data.jaar, 12, 31)
    afgesproken = {
        lifecycle.AKKOORD,
        lifecycle.IN_UITVOERING,
        lifecycle.OPGELEVERD,
        lifecycle.VASTGESTELD,
        lifecycle.TERUG,
        lifecycle.AANGEHOUDEN,
    }
    rows = list(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=data.samenwerkingsverband, status__in=afgesproken
        )
        .filter(
            Q(raming_opleverdatum__gte=begin, raming_opleverdatum__lte=eind)
            | Q(raming_opleverdatum__isnull=True, deadline__gte=begin, deadline__lte=eind)
        )
        .only(
            "id",
            "nummer",
            "titel",
            "vertrouwelijkheid",
            "status",
            "eenheid_id",
            "raming_uren",
            "raming_externe_kosten",
        )
    )
    gevers = _opdrachtgevers({r.pk for r in rows})
    gebruik: dict[tuple[str, Decimal], Decimal] = defaultdict(Decimal)
    extern: dict[str, Decimal] = defaultdict(Decimal)
    producten: dict[str, Gezamenlijk] = {}
    for o in rows:
        oid, nummer, titel, eenheid_id = o.pk, o.nummer, o.titel, o.eenheid_id
        uren = o.raming_uren or NUL
        kosten = o.raming_externe_kosten or NUL
        tarief = data.tarieven.voor(eenheid_id, None)
        if tarief is None and uren:
            data.ontbreekt(eenheid_id)
            continue
        deelnemers = gevers.get(oid, [])
        if len(deelnemers) == 1:
            if uren:
                gebruik[(deelnemers[0], tarief or NUL)] += uren
            extern[deelnemers[0]] += kosten
        elif len(deelnemers) > 1:
            producten[nummer] = Gezamenlijk(
                oid,
                nummer,
                titel,
                deelnemers,
                uren,
                uren * (tarief or NUL) + kosten,
                vertrouwelijk=not noembaar(o),
            )
    data.gebruik["raming"] = {Soort.OPDRACHT: gebruik, Soort.REGULIER: {}}
    data.externe_kosten["raming"] = extern
    data.gezamenlijk["raming"] = producten


# --- resolving a stored configuration ----------------------------------------------------------------------------
def _usage_lines(data: Jaardata, grondslag: str, soorten: list[str], extern: bool) -> list[dict[str, Any]]:
    per_regel: dict[tuple[str, Decimal], Decimal] = defaultdict(Decimal)
    for soort in soorten:
        for key, uren in data.gebruik.get(grondslag, {}).get(soort, {}).items():
            per_regel[key] += uren
    regels: list[dict[str, Any]] = []
    kosten = dict(data.externe_kosten.get(grondslag, {})) if extern else {}
    for (code, tarief), uren in sorted(per_regel.items()):
        regel: dict[str, Any] = {"gemeente": code, "uren": str(uren), "tarief": str(tarief)}
        if code in kosten:
            regel["externeKosten"] = _geld(kosten.pop(code))
        regels.append(regel)
    for code, bedrag in sorted(kosten.items()):
        regels.append(
            {
                "gemeente": code,
                "uren": "0",
                "tarief": "0",
                "externeKosten": _geld(bedrag),
                "omschrijving": "externe kosten",
            }
        )
    return regels


def resolve(
    verdeelmodel: Verdeelmodel | dict[str, Any],
    data: Jaardata,
    *,
    grondslag: str = "",
    naam: str | None = None,
) -> dict[str, Any]:
    """The stored configuration as plain core JSON for the year of ``data``. Raises InvalidInput."""
    config = copy.deepcopy(
        verdeelmodel.configuratie if isinstance(verdeelmodel, Verdeelmodel) else verdeelmodel
    )
    if not isinstance(config, dict):
        raise InvalidInput(fields={"configuratie": ["De configuratie moet een JSON-object zijn."]})
    if naam is None:
        naam = verdeelmodel.label if isinstance(verdeelmodel, Verdeelmodel) else str(config.get("naam", ""))
    gezamenlijk_regel = config.pop("gezamenlijkeOpdrachten", None) or {}
    standaard_methode = (
        gezamenlijk_regel.get("methode", "verdeelsleutel")
        if isinstance(gezamenlijk_regel, dict)
        else "verdeelsleutel"
    )
    onderdelen = config.get("onderdelen", [])
    if not isinstance(onderdelen, list):
        return {**config, "naam": naam}
    fouten: dict[str, list[str]] = {}
    expliciet = {
        str(o.get("opdracht"))
        for o in onderdelen
        if isinstance(o, dict) and o.get("soort") == "gezamenlijk" and o.get("opdracht")
    }
    nieuwe: list[dict[str, Any]] = []
    rest_index: list[int] = []
    joint_added: set[str] = set()
    extern_toegewezen = False
    for i, origineel in enumerate(onderdelen):
        if not isinstance(origineel, dict):
            nieuwe.append(origineel)
            continue
        onderdeel = {k: v for k, v in origineel.items() if k not in SETA_EXTENSIES}
        soort = origineel.get("soort")
        if soort == "vast" and origineel.get("bedrag") in ("begroting", "rest"):
            if data.begroting is None:
                fouten[f"configuratie.onderdelen[{i}].bedrag"] = [
                    f"Er is geen begroting {data.jaar} van {data.samenwerkingsverband}; '{origineel['bedrag']}' kan niet worden bepaald."
                ]
                onderdeel["bedrag"] = "0"
            elif origineel["bedrag"] == "begroting":
                onderdeel["bedrag"] = _geld(data.begroting.totaal)
            else:
                rest_index.append(len(nieuwe))
                onderdeel["bedrag"] = "0"
            nieuwe.append(onderdeel)
        elif soort == "gebruik":
            g = grondslag or str(origineel.get("grondslag") or "realisatie")
            onderdeel["grondslag"] = g
            soorten = origineel.get("urensoorten") or list(PRODUCTIEF)
            if "regels" not in origineel:
                onderdeel["regels"] = _usage_lines(
                    data, g, [str(s) for s in soorten], extern=not extern_toegewezen
                )
                extern_toegewezen = True
                onderdeel.pop("tarief", None)
            nieuwe.append(onderdeel)
            if Soort.OPDRACHT in soorten:
                for nummer, product in sorted(data.gezamenlijk.get(g, {}).items()):
                    if nummer in expliciet or nummer in joint_added or len(product.deelnemers) < 2:
                        continue
                    joint_added.add(nummer)
                    part: dict[str, Any] = {
                        "soort": "gezamenlijk",
                        "naam": data.onderdeelnaam(product),
                        "bedrag": _geld(product.bedrag),
                        "deelnemers": product.deelnemers,
                        "methode": standaard_methode,
                        "btw": onderdeel.get("btw", "vrijgesteld"),
                    }
                    data.onderdeel_opdracht[part["naam"]] = nummer
                    if standaard_methode == "shapley":
                        # Without stand-alone estimates every partner would have had to make the whole product.
                        part["standaloneKosten"] = {d: _geld(product.bedrag) for d in product.deelnemers}
                    nieuwe.append(part)
        elif soort == "gezamenlijk" and origineel.get("opdracht"):
            nummer = str(origineel["opdracht"])
            g = grondslag or "realisatie"
            gevonden = data.gezamenlijk.get(g, {}).get(nummer)
            if gevonden is not None:
                product = gevonden
            else:
                o = Bestuursopdracht.objects.filter(
                    samenwerkingsverband=data.samenwerkingsverband, nummer=nummer
                ).first()
                if o is None:
                    fouten[f"configuratie.onderdelen[{i}].opdracht"] = [
                        f"Opdracht {nummer} bestaat niet in {data.samenwerkingsverband}."
                    ]
                    continue
                product = Gezamenlijk(
                    o.pk,
                    o.nummer,
                    o.titel,
                    _opdrachtgevers({o.pk}).get(o.pk, []),
                    vertrouwelijk=not noembaar(o),
                )
            joint_added.add(nummer)
            if product.vertrouwelijk:
                # the model's own name for the part may well name the assignment: the figures never do
                onderdeel["naam"] = data.onderdeelnaam(product)
            data.onderdeel_opdracht[str(onderdeel.get("naam", ""))] = nummer
            onderdeel.setdefault("deelnemers", product.deelnemers)
            onderdeel["bedrag"] = _geld(product.bedrag)
            if not onderdeel["deelnemers"]:
                continue
            nieuwe.append(onderdeel)
        else:
            nieuwe.append(onderdeel)
    if fouten:
        raise InvalidInput("Het verdeelmodel kan voor dit jaar niet worden uitgerekend.", fields=fouten)
    if rest_index:
        assert data.begroting is not None
        anders = sum((_part_total(p) for j, p in enumerate(nieuwe) if j not in rest_index), NUL)
        rest = data.begroting.totaal - anders
        if rest < 0:
            raise InvalidInput(
                "Het verdeelmodel kan voor dit jaar niet worden uitgerekend.",
                fields={
                    "configuratie.onderdelen": [
                        f"De andere onderdelen ({_geld(anders)}) zijn hoger dan de begroting {data.jaar} "
                        f"({_geld(data.begroting.totaal)}); er is geen rest om te verdelen."
                    ]
                },
            )
        per_rest = rest / len(rest_index)
        for j in rest_index:
            nieuwe[j]["bedrag"] = _geld(per_rest)
    config["onderdelen"] = nieuwe
    config["naam"] = naam
    return config


def _part_total(part: dict[str, Any]) -> Decimal:
    try:
        if part.get("soort") == "gebruik":
            standaard = Decimal(str(part.get("tarief", "0")))
            return sum(
                (
                    Decimal(str(r.get("uren", "0"))) * Decimal(str(r.get("tarief", standaard)))
                    + Decimal(str(r.get("externeKosten", "0")))
                    for r in part.get("regels", [])
                ),
                NUL,
            )
        return Decimal(str(part.get("bedrag", "0")))
    except (ArithmeticError, ValueError, TypeError):
        return NUL


def year_document(data: Jaardata) -> dict[str, Any]:
    """The year part of the core's input: the partners with population, reference date and inbreng."""
    gemeenten = []
    vorige: dict[str, str] = {}
    for g in data.gemeenten:
        item: dict[str, Any] = {
            "code": g.cbs_code,
            "naam": g.naam,
            "bevolking": g.inwoners,
            "peildatum": g.peildatum_inwoners.isoformat(),
        }
        bijdrage = data.bijdragen.get(g.pk)
        if bijdrage is not None:
            item["inbreng"] = _geld(bijdrage.inbreng)
            if bijdrage.vorige_bijdrage is not None:
                vorige[g.cbs_code] = _geld(bijdrage.vorige_bijdrage)
        gemeenten.append(item)
    doc: dict[str, Any] = {"jaar": data.jaar, "gemeenten": gemeenten}
    if vorige:
        doc["vorigeBijdragen"] = vorige
    return doc


def build_document(
    data: Jaardata,
    modellen: list[Verdeelmodel],
    *,
    grondslag: str = "",
    referentie: Verdeelmodel | None = None,
) -> dict[str, Any]:
    """The core's whole input document for one or more stored models."""
    if data.ontbrekende_tarieven:
        raise InvalidInput(
            f"Er ontbreken uurtarieven voor {data.jaar}.",
            fields={
                "tarieven": [
                    f"Geen uurtarief {data.jaar} voor: {'; '.join(sorted(data.ontbrekende_tarieven))}. "
                    "Leg een tarief voor die eenheid of schaal vast, of een standaardtarief."
                ]
            },
        )
    doc = year_document(data)
    doc["omschrijving"] = f"{data.samenwerkingsverband} {data.jaar}, uit SETA"
    resolved = [resolve(m, data, grondslag=grondslag) for m in modellen]
    if len(resolved) == 1:
        doc["verdeelmodel"] = resolved[0]
    else:
        doc["verdeelmodellen"] = resolved
        doc["referentiemodel"] = (referentie or modellen[0]).label
    return doc


def parse_document(doc: dict[str, Any], prefix: str = "") -> Invoer:
    """Parse (and validate) the core's input; core errors become InvalidInput naming the JSON path."""
    try:
        return core_io.parse(doc)
    except AllocationInputError as exc:
        fields: dict[str, list[str]] = defaultdict(list)
        for e in exc.errors:
            path = e.path
            if prefix and (path.startswith("verdeelmodel.") or path.startswith("verdeelmodellen")):
                path = prefix + path.split(".", 1)[1] if "." in path else prefix
            fields[path].append(e.message)
        raise InvalidInput("Het verdeelmodel is ongeldig.", fields=fields) from exc
