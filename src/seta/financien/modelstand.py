"""From a stored configuration to the verdeelmodel form's initial data (the *stand*), and JSON paths to fields.

No Django here: plain data in, plain data out. The stand has one dict per form (``algemeen``, ``sleutel``,
``regels``) and a list ``onderdelen``, each with its nested lists (``regels``, ``standalone``, ``coalities``,
the percentages of a key); ``expliciet`` lists the optional keys the source gave with their default value,
so that :mod:`seta.financien.modelformulier` writes the configuration back exactly (ADR 0036).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from seta.core.errors import InvalidInput

MODEL_VELDEN = {"naam", "omschrijving", "verdeelsleutel", "onderdelen", "regels", "gezamenlijkeOpdrachten"}
SLEUTEL_VELDEN = {"soort", "percentages", "gewichten"}
DEEL_VELDEN = {
    "vast": {"soort", "naam", "omschrijving", "bedrag", "btw", "verdeelsleutel"},
    "gebruik": {"soort", "naam", "omschrijving", "grondslag", "tarief", "btw", "regels", "urensoorten"},
    "gezamenlijk": {
        "soort",
        "naam",
        "omschrijving",
        "bedrag",
        "deelnemers",
        "methode",
        "btw",
        "standaloneKosten",
        "coalitiekosten",
        "opdracht",
    },
}
REGEL_VELDEN = {"gemeente", "uren", "tarief", "externeKosten", "omschrijving"}


class _Lezer:
    def __init__(self) -> None:
        self.fouten: dict[str, list[str]] = {}

    def fout(self, pad: str, bericht: str) -> None:
        self.fouten.setdefault(f"configuratie.{pad}" if pad else "configuratie", []).append(bericht)

    def object(self, waarde: Any, pad: str, velden: set[str]) -> dict[str, Any]:
        if not isinstance(waarde, dict):
            self.fout(pad, "moet een object zijn ({ … }).")
            return {}
        for naam in sorted(set(waarde) - velden):
            self.fout(
                f"{pad}.{naam}" if pad else naam,
                "onbekend veld; het formulier kent het niet (laat het weg of verbeter de spelling).",
            )
        return waarde

    def tekst(self, waarde: Any, pad: str) -> str:
        if waarde is None:
            return ""
        if not isinstance(waarde, str):
            self.fout(pad, "moet een tekst zijn.")
            return ""
        return waarde

    def bedrag(self, waarde: Any, pad: str) -> str:
        if waarde is None:
            return ""
        if isinstance(waarde, bool) or not isinstance(waarde, int | float | Decimal | str):
            self.fout(pad, "moet een getal zijn.")
            return ""
        return waarde.strip() if isinstance(waarde, str) else str(waarde)

    def jaar(self, waarde: Any, pad: str) -> int | None:
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            if isinstance(waarde, float | Decimal) and waarde == int(waarde):
                return int(waarde)
            self.fout(pad, "moet een jaartal zijn.")
            return None
        return waarde

    def lijst(self, waarde: Any, pad: str) -> list[Any]:
        if not isinstance(waarde, list):
            self.fout(pad, "moet een lijst zijn ([ … ]).")
            return []
        return waarde

    def codes(self, waarde: Any, pad: str) -> list[str]:
        return [self.tekst(c, f"{pad}[{i}]") for i, c in enumerate(self.lijst(waarde, pad))]

    def bedragen(self, waarde: Any, pad: str, gemeenten: Sequence[str]) -> list[dict[str, str]]:
        """Rows for an amount per gemeente: the given codes first, in their order, then the other partners."""
        obj = waarde if isinstance(waarde, dict) else self.object(waarde, pad, set())
        rijen = [{"gemeente": str(c), "waarde": self.bedrag(v, f"{pad}.{c}")} for c, v in obj.items()]
        return rijen + [{"gemeente": c, "waarde": ""} for c in gemeenten if c not in obj]


def _expliciet(bron: Mapping[str, Any], standaard: Mapping[str, Any]) -> str:
    """The optional keys ``bron`` gives with exactly their default (empty) value."""
    return " ".join(k for k, leeg in standaard.items() if k in bron and bron[k] == leeg)


def sleutel_stand(waarde: Any, pad: str, lezer: _Lezer, gemeenten: Sequence[str]) -> dict[str, Any]:
    obj = lezer.object(waarde, pad, SLEUTEL_VELDEN)
    stand: dict[str, Any] = {
        "soort": lezer.tekst(obj.get("soort"), f"{pad}.soort"),
        "percentages": lezer.bedragen(obj.get("percentages", {}), f"{pad}.percentages", gemeenten),
        "expliciet": _expliciet(obj, {"percentages": {}, "gewichten": {}}),
    }
    gewichten = obj.get("gewichten", {})
    for soort, gewicht in (
        gewichten.items()
        if isinstance(gewichten, dict)
        else lezer.object(gewichten, f"{pad}.gewichten", set()).items()
    ):
        if soort not in ("bevolking", "inbreng", "gelijk", "percentages"):
            lezer.fout(
                f"{pad}.gewichten.{soort}", "moet 'bevolking', 'inbreng', 'gelijk' of 'percentages' zijn."
            )
            continue
        stand[f"gewicht_{soort}"] = lezer.bedrag(gewicht, f"{pad}.gewichten.{soort}")
    return stand


def _deel_stand(waarde: Any, pad: str, lezer: _Lezer, gemeenten: Sequence[str]) -> dict[str, Any]:
    soort = waarde.get("soort") if isinstance(waarde, dict) else None
    if soort not in DEEL_VELDEN:
        lezer.fout(f"{pad}.soort", "moet 'vast', 'gebruik' of 'gezamenlijk' zijn.")
        return {"soort": "vast", "naam": "", "bedrag_bron": "bedrag", "btw": "vrijgesteld"}
    obj = lezer.object(waarde, pad, DEEL_VELDEN[soort])
    stand: dict[str, Any] = {
        "soort": soort,
        "naam": lezer.tekst(obj.get("naam"), f"{pad}.naam"),
        "omschrijving": lezer.tekst(obj.get("omschrijving"), f"{pad}.omschrijving"),
        "btw": lezer.tekst(obj.get("btw", "vrijgesteld"), f"{pad}.btw"),
    }
    standaard: dict[str, Any] = {"omschrijving": "", "btw": "vrijgesteld"}
    if soort == "vast":
        bedrag = obj.get("bedrag")
        if bedrag in ("begroting", "rest"):
            stand.update(bedrag_bron=bedrag, bedrag="")
        else:
            stand.update(bedrag_bron="bedrag", bedrag=lezer.bedrag(bedrag, f"{pad}.bedrag"))
        if "verdeelsleutel" in obj:
            stand["sleutel"] = sleutel_stand(obj["verdeelsleutel"], f"{pad}.verdeelsleutel", lezer, gemeenten)
        else:
            stand["sleutel"] = {
                "soort": "",
                "percentages": [{"gemeente": c, "waarde": ""} for c in gemeenten],
            }
    elif soort == "gebruik":
        standaard.update(grondslag="realisatie", urensoorten=[])
        stand.update(
            grondslag=lezer.tekst(obj.get("grondslag", "realisatie"), f"{pad}.grondslag"),
            urensoorten=lezer.codes(obj.get("urensoorten", []), f"{pad}.urensoorten"),
            tarief=lezer.bedrag(obj.get("tarief"), f"{pad}.tarief"),
            regels_bron="regels" if "regels" in obj else "uren",
        )
        regels = []
        for j, regel in enumerate(lezer.lijst(obj.get("regels", []), f"{pad}.regels")):
            rp = f"{pad}.regels[{j}]"
            r = lezer.object(regel, rp, REGEL_VELDEN)
            regels.append(
                {
                    "gemeente": lezer.tekst(r.get("gemeente"), f"{rp}.gemeente"),
                    "uren": lezer.bedrag(r.get("uren"), f"{rp}.uren"),
                    "tarief": lezer.bedrag(r.get("tarief"), f"{rp}.tarief"),
                    "externe_kosten": lezer.bedrag(r.get("externeKosten"), f"{rp}.externeKosten"),
                    "omschrijving": lezer.tekst(r.get("omschrijving"), f"{rp}.omschrijving"),
                    "expliciet": _expliciet(r, {"omschrijving": ""}),
                }
            )
        stand["regels"] = regels
    else:
        standaard.update(deelnemers=[], standaloneKosten={}, coalitiekosten=[])
        opdracht = obj.get("opdracht")
        stand.update(
            opdracht=str(opdracht)
            if isinstance(opdracht, int | str) and not isinstance(opdracht, bool)
            else lezer.tekst(opdracht, f"{pad}.opdracht"),
            bedrag=lezer.bedrag(obj.get("bedrag"), f"{pad}.bedrag"),
            deelnemers=lezer.codes(obj.get("deelnemers", []), f"{pad}.deelnemers"),
            methode=lezer.tekst(obj.get("methode"), f"{pad}.methode"),
            standalone=lezer.bedragen(obj.get("standaloneKosten", {}), f"{pad}.standaloneKosten", gemeenten),
        )
        coalities = []
        for k, c in enumerate(lezer.lijst(obj.get("coalitiekosten", []), f"{pad}.coalitiekosten")):
            cp = f"{pad}.coalitiekosten[{k}]"
            co = lezer.object(c, cp, {"deelnemers", "bedrag"})
            coalities.append(
                {
                    "deelnemers": lezer.codes(co.get("deelnemers", []), f"{cp}.deelnemers"),
                    "bedrag": lezer.bedrag(co.get("bedrag"), f"{cp}.bedrag"),
                }
            )
        stand["coalities"] = coalities
    stand["expliciet"] = _expliciet(obj, standaard)
    return stand


def stand_uit_configuratie(
    configuratie: Any, gemeenten: Sequence[str], *, omschrijving: str = "", naam: str | None = None
) -> dict[str, Any]:
    """The forms' initial data for ``configuratie``; ``gemeenten``: the partners' codes (a row each).

    Raises ``InvalidInput`` naming each field the form cannot show (``configuratie.onderdelen[1].bedrg``)."""
    lezer = _Lezer()
    obj = lezer.object(configuratie, "", MODEL_VELDEN)
    regels = lezer.object(obj.get("regels", {}), "regels", {"startperiode", "groeiplafond"})
    sp = lezer.object(regels.get("startperiode", {}), "regels.startperiode", {"vanJaar", "totEnMetJaar"})
    gp = lezer.object(regels.get("groeiplafond", {}), "regels.groeiplafond", {"percentage", "btw"})
    gez = lezer.object(obj.get("gezamenlijkeOpdrachten", {}), "gezamenlijkeOpdrachten", {"methode"})
    expliciet = []
    if "regels" in obj and regels == {}:
        expliciet.append("regels")
    if "gezamenlijkeOpdrachten" in obj:
        expliciet.append("gezamenlijkeOpdrachten.methode" if "methode" in gez else "gezamenlijkeOpdrachten")
    stand: dict[str, Any] = {
        "algemeen": {
            "naam": naam if naam is not None else lezer.tekst(obj.get("naam"), "naam"),
            "omschrijving": omschrijving,
            "toelichting": lezer.tekst(obj.get("omschrijving"), "omschrijving"),
            "expliciet": "omschrijving" if obj.get("omschrijving", None) == "" else "",
        },
        "sleutel": sleutel_stand(
            obj.get("verdeelsleutel", {"soort": "gelijk"}), "verdeelsleutel", lezer, gemeenten
        ),
        "regels": {
            "startperiode_van": lezer.jaar(sp["vanJaar"], "regels.startperiode.vanJaar")
            if "vanJaar" in sp
            else None,
            "startperiode_tot": lezer.jaar(sp["totEnMetJaar"], "regels.startperiode.totEnMetJaar")
            if "totEnMetJaar" in sp
            else None,
            "groeiplafond": lezer.bedrag(gp.get("percentage"), "regels.groeiplafond.percentage"),
            "groeiplafond_btw": lezer.tekst(gp.get("btw"), "regels.groeiplafond.btw"),
            "gezamenlijk_methode": lezer.tekst(
                gez.get("methode", "verdeelsleutel"), "gezamenlijkeOpdrachten.methode"
            ),
            "expliciet": " ".join(expliciet),
        },
        "onderdelen": [
            _deel_stand(o, f"onderdelen[{i}]", lezer, gemeenten)
            for i, o in enumerate(lezer.lijst(obj.get("onderdelen", []), "onderdelen"))
        ],
    }
    if lezer.fouten:
        raise InvalidInput("Dit verdeelmodel past niet in het formulier.", fields=lezer.fouten)
    return stand


def leeg_onderdeel(soort: str, gemeenten: Sequence[str]) -> dict[str, Any]:
    """The stand of a new, empty part of ``soort``."""
    leeg = [{"gemeente": c, "waarde": ""} for c in gemeenten]
    if soort == "gebruik":
        return {
            "soort": soort,
            "grondslag": "realisatie",
            "regels_bron": "uren",
            "btw": "vrijgesteld",
            "regels": [],
        }
    if soort == "gezamenlijk":
        return {
            "soort": soort,
            "methode": "verdeelsleutel",
            "btw": "vrijgesteld",
            "standalone": leeg,
            "coalities": [],
        }
    return {
        "soort": "vast",
        "bedrag_bron": "bedrag",
        "btw": "vrijgesteld",
        "sleutel": {"soort": "", "percentages": leeg},
    }


# --- JSON paths to form fields ---------------------------------------------------------------------------------
def stappen(pad: str) -> list[tuple[str, int | None]]:
    """``configuratie.onderdelen[2].regels[0].uren`` → ``[("onderdelen", 2), ("regels", 0), ("uren", None)]``.

    A key after a map (a gemeente code such as ``GM0376``) is a step of its own."""
    for prefix in ("configuratie.", "verdeelmodel.", "configuratie", "verdeelmodel"):
        if pad.startswith(prefix):
            pad = pad[len(prefix) :]
            break
    else:
        return [("$" + pad, None)]
    uit: list[tuple[str, int | None]] = []
    for deel in pad.split("."):
        m = re.fullmatch(r"(.*?)(?:\[(\d+)\])?", deel)
        assert m is not None
        if m.group(1) or m.group(2):
            uit.append((m.group(1), int(m.group(2)) if m.group(2) is not None else None))
    return uit
