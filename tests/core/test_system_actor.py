"""No service path without an actor: the system acts as an explicit system actor that the policy knows
and the audit trail names (``systeem:demo``, ``systeem:import-gemeenten``, …).

Before: fourteen service functions took ``actor: Actor | None`` and skipped the policy when it was None,
and the audit trail recorded a nameless ``systeem``.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

import seta
from seta.autorisaties import policy
from seta.autorisaties.actor import ANONYMOUS, Rol, system_actor
from seta.core import audit
from seta.core.models import AuditEvent
from seta.gemeenten import services as gemeenten_services
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

WRITE_MODULES = ["services", "importeren"]  # the write paths of every app


def _write_modules() -> list[Any]:
    modules = []
    for info in pkgutil.iter_modules(seta.__path__):
        for naam in WRITE_MODULES:
            try:
                modules.append(importlib.import_module(f"seta.{info.name}.{naam}"))
            except ModuleNotFoundError:
                continue
    return modules


def test_no_service_accepts_actor_none() -> None:
    modules = _write_modules()
    assert len(modules) >= 9
    fouten = []
    gezien = 0
    for module in modules:
        for naam, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__:
                continue
            param = inspect.signature(fn).parameters.get("actor")
            if param is None:
                continue
            gezien += 1
            annotation = param.annotation if isinstance(param.annotation, str) else repr(param.annotation)
            if param.default is not inspect.Parameter.empty:
                fouten.append(f"{module.__name__}.{naam}: actor has a default ({param.default!r})")
            if "None" in annotation or "Optional" in annotation:
                fouten.append(f"{module.__name__}.{naam}: actor may be None ({annotation})")
            if not naam.startswith("_") and param.kind is not inspect.Parameter.KEYWORD_ONLY:
                fouten.append(f"{module.__name__}.{naam}: actor is not keyword-only")
    assert gezien > 100
    assert not fouten, "\n".join(fouten)


def test_the_audit_trail_refuses_a_write_without_actor(db: Any) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    with pytest.raises(TypeError):
        audit.record(actor=None, action="samenwerkingsverband.wijzigen", instance=sv)
    event = audit.record(actor=ANONYMOUS, action="samenwerkingsverband.wijzigen", instance=sv)
    assert event.actor_naam == "anoniem"


def test_the_system_actor_may_do_only_its_channels_actions(db: Any) -> None:
    demo = system_actor("demo")
    assert demo.is_systeem and demo.user is None and demo.audit_naam == "systeem:demo"
    assert demo.rollen_labels == [Rol.SYSTEEM.label] == ["Systeem"]
    assert policy.can(demo, "samenwerkingsverband.aanmaken")
    assert not policy.can(demo, "bestuursopdracht.aanmaken")  # no blanket yes
    importer = system_actor("import-gemeenten")
    assert policy.can(importer, "gemeente.importeren")
    assert not policy.can(importer, "samenwerkingsverband.aanmaken")
    assert not policy.can(system_actor("onbekend-kanaal"), "gemeente.importeren")
    assert not policy.can(ANONYMOUS, "gemeente.importeren")
    with pytest.raises(ValueError):
        system_actor("Demo met spaties")
    with pytest.raises(KeyError):
        policy.can(demo, "bestaat.niet")


def test_the_demos_audit_rows_name_the_system_actor(db: Any) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    event = AuditEvent.objects.get(
        actie="samenwerkingsverband.aanmaken",
        object_type="samenwerkingsverbanden.samenwerkingsverband",
        object_id=str(bel.pk),
    )
    assert event.actor_id is None and event.actor_naam == "systeem:demo"
    assert AuditEvent.objects.filter(actie="gemeente.importeren", actor_naam="systeem:demo").count() >= 352
    # Nothing nameless: every event without a user names its system channel.
    assert not AuditEvent.objects.filter(actor_naam="systeem").exists()
    naamloos = AuditEvent.objects.filter(actor__isnull=True).exclude(actor_naam__startswith="systeem:")
    assert not naamloos.exists(), list(naamloos.values_list("actor_naam", "actie")[:5])


def test_the_command_lines_audit_rows_name_the_system_actor(tmp_path: Path, db: Any) -> None:
    with gemeenten_services.REFERENTIELIJST.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    laren = next(r for r in rows if r["cbs_code"] == "GM0417")
    laren["population"] = "11401"
    path = tmp_path / "gemeenten-2024.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    call_command("import_gemeenten", str(path), "--peildatum", "2024-01-01", "--bron", "CBS 2024")
    events = AuditEvent.objects.filter(id__gt=before, actie="gemeente.importeren")
    assert events.filter(object_omschrijving__icontains="Laren").exists()
    assert set(events.values_list("actor_naam", flat=True)) == {"systeem:import-gemeenten"}
    assert set(events.values_list("actor_id", flat=True)) == {None}


def test_every_hand_written_version_bump_is_under_a_lock() -> None:
    """A public service that bumps ``versie`` by hand must have locked the row first (``lock``,
    ``select_for_update`` or a ``_locked`` helper); everything else goes through ``update_fields``
    or ``bump_version``. Private helpers (``_transition``) get the locked row from their caller."""
    fouten = []
    for module in _write_modules():
        for naam, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or naam.startswith("_"):
                continue
            bron = inspect.getsource(fn)
            if "versie += 1" not in bron:
                continue
            if not any(teken in bron for teken in ("lock(", "select_for_update", "_locked")):
                fouten.append(f"{module.__name__}.{naam}")
    assert not fouten, "bumps versie without locking the row first: " + ", ".join(fouten)
