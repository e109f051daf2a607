"""The Django side's adapter to the pure scoring core (:mod:`seta.scan.scoring`).

It turns database rows (scan partners, gemeenten, cases) into the core's dataclasses, calls the
core, and turns the core's result into JSON for storage, the API and the templates. Nothing here
decides anything about scoring.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from seta.core import files
from seta.core.errors import InvalidInput
from seta.scan.scoring import cases as core_cases
from seta.scan.scoring import engine, io
from seta.scan.scoring.model import WEET_NIET, Antwoorden, Partner, ScanResultaat
from seta.scan.scoring.questions import Vragenlijst, load_questions
from seta.scan.scoring.rules import Regelset, load_rules
from seta.scan.scoring.text import resultaat_als_dict

__all__ = ["WEET_NIET", "bereken", "regelset", "vragenlijst"]

HANDMATIG_HERKOMST = "zelf ingevoerd in de scan"


def vragenlijst() -> Vragenlijst:
    return load_questions()


def regelset() -> Regelset:
    return load_rules()


def versie(aantal_casussen: int) -> str:
    return f"vragenlijst {vragenlijst().versie}, regels {regelset().versie}, casusbank {aantal_casussen} casussen"


# --- municipalities ------------------------------------------------------------------------------------
def gemeenten_lookup() -> dict[str, Partner]:
    """The reference list from the database as the core's lookup (CBS code → Partner).

    Falls back to the core's bundled CSV when the table is empty (a fresh install before the import).
    """
    from seta.gemeenten.models import Gemeente

    rows = list(Gemeente.objects.values_list("cbs_code", "naam", "provincie", "inwoners", "opgeheven_op"))
    if not rows:
        return dict(io.load_gemeenten())
    return {
        code: Partner(
            code=code, naam=naam, provincie=provincie or None, bevolking=inwoners, bestaat=opgeheven is None
        )
        for code, naam, provincie, inwoners, opgeheven in rows
    }


def partner_van(row: Any) -> Partner:
    """A core Partner from a Scanpartner row (reference list, or entered by hand)."""
    if not row.handmatig and row.gemeente is not None:
        g = row.gemeente
        return Partner(
            code=g.cbs_code, naam=g.naam, provincie=g.provincie or None, bevolking=g.inwoners, bestaat=True
        )
    spec: dict[str, Any] = {"naam": row.naam, "bestaat": False}
    if row.provincie:
        spec["provincie"] = row.provincie
    if row.inwoners:
        spec["bevolking"] = row.inwoners
    partner, fout = io.resolve_partner(spec, {}, row.naam)
    if partner is None:  # pragma: no cover - a hand-entered partner always resolves
        raise ValueError(fout)
    bekend = bekende_opgeheven_gemeente(row.naam)
    if bekend is not None and row.inwoners == bekend.bevolking:
        # The figure was filled in from the core's own list: keep its provenance ('schatting', …).
        return dataclasses.replace(partner, bevolking_herkomst=bekend.bevolking_herkomst)
    if row.inwoners:
        partner = dataclasses.replace(partner, bevolking_herkomst=HANDMATIG_HERKOMST)
    return partner


def bekende_opgeheven_gemeente(naam: str) -> Partner | None:
    """The core's data on a municipality that no longer exists, by name or alias (None if unknown)."""
    return io.load_extra_gemeenten().get(naam.strip().casefold())


def bekende_opgeheven_gemeenten(zoek: str) -> list[Partner]:
    """Municipalities that no longer exist but that the core knows (for the wizard's search)."""
    zoek = zoek.strip().casefold()
    if not zoek:
        return []
    gezien: dict[str, Partner] = {}
    for sleutel, partner in io.load_extra_gemeenten().items():
        if zoek in sleutel:
            gezien[partner.naam] = partner
    return sorted(gezien.values(), key=lambda p: p.naam)


# --- the case base -------------------------------------------------------------------------------------
_cache: dict[str, Any] = {}


def casussen_yaml(path: Path | None = None) -> list[dict[str, Any]]:
    """The bundled case base file (or ``path``, at most ``SETA_IMPORT_MAX_BYTES['casussen']``) as raw
    dicts. A file that is not UTF-8 YAML (or JSON) of the form ``casussen: [{id: …, …}, …]`` is refused
    with :class:`InvalidInput` naming the file (and the case), never a Python error."""
    bron = Path(path or core_cases.CASUSSEN_PATH)
    try:
        data = io.read_document(bron, max_bytes=files.max_bytes("casussen") if path else None)
    except io.ScanInputError as exc:
        raise InvalidInput(f"{bron.name} is niet ingelezen.", fields={"bestand": list(exc.fouten)}) from exc
    casussen = data.get("casussen") if isinstance(data, dict) else None
    if not isinstance(casussen, list) or not all(isinstance(c, dict) for c in casussen):
        raise InvalidInput(
            f"{bron.name} is niet ingelezen.",
            fields={
                "bestand": [f"{bron}: verwacht 'casussen:' met een lijst van casussen (objecten met een id)."]
            },
        )
    zonder_id = [str(i) for i, c in enumerate(casussen, 1) if not isinstance(c.get("id"), str) or not c["id"]]
    if zonder_id:
        raise InvalidInput(
            f"{bron.name} is niet ingelezen.",
            fields={"bestand": [f"{bron}: casus nummer {', '.join(zonder_id)} heeft geen tekst als 'id'."]},
        )
    return list(casussen)


def casussen_uit_db() -> tuple[core_cases.Casus, ...]:
    """The active cases of the database as the core's Casus objects (cached per version of the table)."""
    from seta.scan.selectors import actieve_casussen

    rows = list(actieve_casussen().order_by("jaar", "naam", "id"))
    key = tuple((r.pk, r.versie) for r in rows)
    if _cache.get("casussen_key") != key:
        _cache["casussen"] = core_cases.parse_cases(
            {"casussen": [r.as_data() for r in rows]}, gemeenten_lookup(), regelset()
        )
        _cache["casussen_key"] = key
    return tuple(_cache["casussen"])


def check_casus(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Validate one case with the core's case parser; errors keyed by field for InvalidInput."""
    fouten = _vorm_fouten(data)
    if fouten:
        return fouten
    try:
        core_cases.parse_cases({"casussen": [dict(data)]}, gemeenten_lookup(), regelset())
    except (KeyError, TypeError, AttributeError):
        return {"casus": [ONLEESBAAR]}
    except (core_cases.CaseBaseError, ValueError) as exc:
        melding = str(exc) or exc.__class__.__name__
        return {_casus_veld(melding): [melding]}
    return {}


ONLEESBAAR = (
    "De casus heeft een onverwachte vorm; controleer de partners, antwoorden, genoemde factoren en bronnen."
)


def _is_lijst_van_objecten(waarde: Any, sleutels: frozenset[str] = frozenset()) -> bool:
    return isinstance(waarde, list | tuple) and all(
        isinstance(item, Mapping) and sleutels <= item.keys() for item in waarde
    )


def _vorm_fouten(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The JSON fields of a case that do not have the shape the core reads (named, in Dutch), so the
    core's parser never answers with a bare Python error."""
    fouten: dict[str, list[str]] = {}
    if data.get("partners") is not None and not _is_lijst_van_objecten(data["partners"]):
        fouten["partners"] = [
            "Geef de partners als een lijst van objecten met 'code' of 'naam', bijvoorbeeld [{\"code\": \"GM0252\"}]."
        ]
    if data.get("antwoorden") is not None and not isinstance(data["antwoorden"], Mapping):
        fouten["antwoorden"] = ["Geef de antwoorden als een object: vraag-id → antwoord."]
    factoren = data.get("genoemde_factoren")
    if factoren is not None and not _is_lijst_van_objecten(
        factoren, frozenset({"factor", "richting", "regels"})
    ):
        fouten["genoemde_factoren"] = [
            "Geef de genoemde factoren als een lijst van objecten met 'factor', 'richting' en 'regels'."
        ]
    if data.get("bron") is not None and not _is_lijst_van_objecten(data["bron"]):
        fouten["bron"] = ["Geef de bronnen als een lijst van objecten met 'regels' en 'titel'."]
    return fouten


def _casus_veld(melding: str) -> str:
    for veld in ("partner", "vorm", "uitkomst", "factor", "richting", "regels", "antwoord", "vraag", "bron"):
        if veld in melding:
            return {
                "partner": "partners",
                "factor": "genoemde_factoren",
                "richting": "genoemde_factoren",
                "regels": "bron",
                "vraag": "antwoorden",
                "antwoord": "antwoorden",
            }.get(veld, veld)
    return "casus"


# --- scoring -------------------------------------------------------------------------------------------
def bereken(
    *,
    partners: Sequence[Partner],
    antwoorden: Mapping[str, Any],
    aantal_partners: int | None,
    casussen: Sequence[core_cases.Casus],
) -> tuple[dict[str, Any], str]:
    """Run the core and return (result as JSON data, version string)."""
    waarden = {k: v for k, v in antwoorden.items() if v is not None}
    resultaat = engine.scan(
        list(partners),
        Antwoorden(waarden=waarden, aantal_partners=aantal_partners),
        casussen=casussen,
    )
    return resultaat_json(resultaat, casussen), versie(len(casussen))


def resultaat_json(resultaat: ScanResultaat, casussen: Iterable[core_cases.Casus] = ()) -> dict[str, Any]:
    """The core's result as JSON (the same shape as ``seta scan --format json``), with the case details
    the report shows (partners, outcome text, explanation, the factors the seed names) added to each match."""
    data = resultaat_als_dict(resultaat)
    per_id = {c.id: c for c in casussen}
    for match in data.get("vergelijkbare_casussen", []):
        casus = per_id.get(match.get("casus_id"))
        if casus is not None:
            match["partners"] = [p.naam for p in casus.partners]
            match["uitkomst_tekst"] = casus.uitkomst_tekst
            match["toelichting"] = casus.toelichting
            match["genoemde_factoren"] = [
                {"factor": g.factor, "richting": g.richting, "regels": g.regels}
                for g in casus.genoemde_factoren
            ]
    return data


# --- the stateless file scan ---------------------------------------------------------------------------
_VRAAG = re.compile(r"vraag '([a-z0-9_]+)'")
_PARTNER = re.compile(r"partner (\d+)")
_VELD = re.compile(r"^'([a-z_]+)'")


def veld_van_fout(melding: str) -> str:
    """The field an error message of the core's file parser is about (for problem+json invalidParams)."""
    if m := _VRAAG.search(melding):
        return f"antwoorden.{m.group(1)}"
    if melding.startswith("onbekende vraag"):
        m2 = re.search(r"'([^']+)'", melding)
        return f"antwoorden.{m2.group(1)}" if m2 else "antwoorden"
    if m := _PARTNER.match(melding):
        # issue 15: "partner 2 (Atlantis), veld 'bevolking': ..." names the field as well
        veld = re.match(r"partner \d+(?: \([^)]*\))?, veld '([a-z_]+)'", melding)
        return f"partners[{int(m.group(1)) - 1}]" + (f".{veld.group(1)}" if veld else "")
    if m := _VELD.match(melding):
        return m.group(1)
    pad = melding.split(":", 1)[0]
    if "/" in pad or pad in {"partners", "antwoorden", "naam", "versie", "aantal_partners"}:
        return pad.replace("/", ".")
    return "body"


def lees_bestand(data: Any) -> io.ScanInvoer:
    """Validate an answer file with the core (the same path as ``seta scan FILE``), partners from the DB."""
    return io.parse_answers(data, gemeenten_lookup(), vragenlijst())
