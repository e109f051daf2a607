"""Stored results named confidential joint assignments: rename those parts neutrally (issue 8).

Before, a joint assignment's part was called "Gezamenlijk <nummer>: <titel>" (or, in the demo's own parts,
"Gezamenlijk <nummer>") whatever its confidentiality, and that name was stored in the scenario's result,
the stored calculations and the settlement. Every partner's readers see those. This rewrites, in each
stored document, the name of every part of a confidential (or draft) assignment of that cooperation to
"Gezamenlijke vertrouwelijke opdracht <n>" (<n> by number within the document, after any neutral index it
already has). Amounts, partners and everything else stay as they are. Not reversible (the names are gone
by design); reversing is a no-op.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

NEUTRAAL = "Gezamenlijke vertrouwelijke opdracht {index}"
BESTAAND = re.compile(r"Gezamenlijke vertrouwelijke opdracht (\d+)")


def _strings(doc: Any) -> list[str]:
    if isinstance(doc, dict):
        return [s for k, v in doc.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(doc, list):
        return [s for v in doc for s in _strings(v)]
    return [doc] if isinstance(doc, str) else []


def _replace(doc: Any, vervang: list[tuple[str, str]]) -> Any:
    if isinstance(doc, dict):
        return {_replace(k, vervang): _replace(v, vervang) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_replace(v, vervang) for v in doc]
    if isinstance(doc, str):
        for oud, nieuw in vervang:
            doc = doc.replace(oud, nieuw)
    return doc


def neutraliseer(docs: list[Any], nummers: set[str]) -> tuple[list[Any], bool]:
    """The documents (of one stored record) with every part name of the assignments ``nummers`` neutral.

    A part name is "Gezamenlijk <nummer>" optionally followed by ": <titel>"; the same assignment gets the same
    index in all documents of the record. Returns the new documents and whether anything changed.
    """
    if not nummers:
        return docs, False
    patroon = re.compile(
        r"Gezamenlijk (" + "|".join(re.escape(n) for n in sorted(nummers, key=len, reverse=True)) + r")(?!\d)"
    )
    namen: dict[str, str] = {}  # old name -> nummer
    hoogste = 0
    for s in (s for doc in docs for s in _strings(doc)):
        hoogste = max([hoogste, *(int(m) for m in BESTAAND.findall(s))])
        for m in patroon.finditer(s):
            namen.setdefault(m.group(0), m.group(1))
            if m.start() == 0 and s.startswith(f"{m.group(0)}: "):
                namen[s] = m.group(1)  # a whole "Gezamenlijk <nummer>: <titel>": the part's name
    if not namen:
        return docs, False
    index = {n: hoogste + i for i, n in enumerate(sorted(set(namen.values())), start=1)}
    # longest first, so "Gezamenlijk X: titel" goes before the bare "Gezamenlijk X"
    vervang = [(oud, NEUTRAAL.format(index=index[n])) for oud, n in sorted(namen.items(), key=lambda kv: -len(kv[0]))]
    return [_replace(doc, vervang) for doc in docs], True


def _vertrouwelijk(apps: Any) -> dict[int, set[str]]:
    Bestuursopdracht = apps.get_model("opdrachten", "Bestuursopdracht")
    result: dict[int, set[str]] = {}
    for sv_id, nummer, vertrouwelijkheid, status in Bestuursopdracht.objects.values_list(
        "samenwerkingsverband_id", "nummer", "vertrouwelijkheid", "status"
    ):
        if vertrouwelijkheid != "openbaar" or status == "concept":
            result.setdefault(sv_id, set()).add(nummer)
    return result


def forwards(apps: Any, schema_editor: Any) -> None:
    per_sv = _vertrouwelijk(apps)
    if not per_sv:
        return
    for model, velden in (("Scenario", ["resultaat"]), ("Berekening", ["invoer", "resultaat"]), ("Afrekening", ["invoer", "resultaat"])):
        Model = apps.get_model("financien", model)
        for obj in Model.objects.filter(samenwerkingsverband_id__in=per_sv).only("pk", "samenwerkingsverband_id", *velden).iterator():
            docs, veranderd = neutraliseer([getattr(obj, v) for v in velden], per_sv[obj.samenwerkingsverband_id])
            if veranderd:
                Model.objects.filter(pk=obj.pk).update(**dict(zip(velden, docs, strict=True)))


class Migration(migrations.Migration):
    dependencies = [
        ("financien", "0001_initial"),
        ("opdrachten", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
