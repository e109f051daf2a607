"""The house rules as tests (docs/architecture.md, "Enforced rules"): they fail the build, not a review.

1. The import contracts in ``pyproject.toml`` (``[tool.importlinter]``, docs/decisions/0028-import-linter.md):
   the pure cores import no Django and nothing of seta outside themselves; the apps reach each other only
   through their models, selectors and services (and the opdrachten action table).
2. No view, API, serializer or form module starts a query from ``Model.objects`` (or
   ``get_object_or_404(Model, …)``): they read through the actor-restricted selectors ``<things>_for(actor)``.
3. No module outside ``seta.autorisaties`` decides a role: it never names a ``Rol`` member or the role
   sets, never asks ``actor.heeft(…)``, ``actor.gemeenten(…)``, ``actor.samenwerkingsverbanden(…)``,
   ``is_beheerder``, ``is_pool``, ``is_superuser``… It calls ``policy.can`` / ``policy.scope`` /
   ``policy.actie_scope`` or a named function of ``seta.autorisaties.policy`` instead.

Each allow-list entry names a module, the construct, and why; an entry that no longer matches fails too,
so the list only shrinks.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "seta"

# --- 1. import contracts ----------------------------------------------------------------------------------


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# --- helpers ------------------------------------------------------------------------------------------------


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path.relative_to(SRC.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


# --- 2. reads go through the selectors ------------------------------------------------------------------------

READ_KINDS = {"views", "api", "serializers", "forms"}

OBJECTS_ALLOWED: dict[tuple[str, str], str] = {
    ("seta/catalogus/forms.py", "Taakveld.objects"): "the national Iv3 list (read scope: everything)",
    (
        "seta/catalogus/forms.py",
        "Taakgebied.objects",
    ): "the shared list of task areas (read scope: everything)",
    (
        "seta/organisatie/forms.py",
        "Competentie.objects",
    ): "the shared list of competences (read scope: everything)",
    (
        "seta/gemeenten/forms.py",
        "Portefeuille.objects",
    ): "portfolios of the gemeente the view resolved by selector",
}


def _objects_uses(module: str, tree: ast.Module) -> Iterator[tuple[str, int]]:
    parents = _parents(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and isinstance(node.value, ast.Name):
            # ``Model.objects.none()`` is the empty placeholder a form replaces with a selector's queryset.
            parent = parents.get(node)
            if isinstance(parent, ast.Attribute) and parent.attr == "none":
                continue
            yield f"{node.value.id}.objects", node.lineno
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"get_object_or_404", "get_list_or_404"}
        ):
            yield node.func.id, node.lineno


def _is_read_module(module: str) -> bool:
    parts = module.removesuffix(".py").split("/")
    return parts[-1] in READ_KINDS or parts[1] in {"web", "api"}


def test_views_api_and_forms_read_through_selectors() -> None:
    found: set[tuple[str, str]] = set()
    violations = []
    for module, tree in _modules():
        if not _is_read_module(module):
            continue
        for what, line in _objects_uses(module, tree):
            found.add((module, what))
            if (module, what) not in OBJECTS_ALLOWED:
                violations.append(f"{module}:{line}: {what} (read through a selector <things>_for(actor))")
    assert violations == []
    assert sorted(set(OBJECTS_ALLOWED) - found) == [], "allow-list entries that no longer match: remove them"


# --- 3. role decisions live in seta.autorisaties ----------------------------------------------------------------

ROLE_NAMES = {
    "Rol",
    "Rolinstantie",
    "GEMEENTE_ROLLEN",
    "COLLEGE_ROLLEN",
    "RAAD_ROLLEN",
    "POOL_ROLLEN",
    "BESTUUR_ROLLEN",
}
# Attributes of the Actor (and the user) that only a role decision needs.
ROLE_ATTRIBUTES = {
    "heeft",
    "is_beheerder",
    "is_pool",
    "beheerde_eenheid_ids",
    "partner_sv_ids",
    "zichtbare_sv_ids",
    "is_superuser",
    "is_staff",
}
# Actor methods: ``actor.gemeenten(Rol…)``, ``actor.samenwerkingsverbanden(Rol…)``, ``actor.portefeuilles()``
# (a model's related manager of the same name is never called directly).
ROLE_METHODS = {"gemeenten", "samenwerkingsverbanden", "portefeuilles"}

ROLES_ALLOWED: dict[tuple[str, str], str] = {
    (
        "seta/web/views.py",
        "actor.rollen",
    ): "the account page lists the user's own roles (display, no decision)",
}


def _is_actor(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "actor") or (
        isinstance(node, ast.Attribute) and node.attr == "actor"
    )


def _role_uses(tree: ast.Module) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ROLE_NAMES:
            yield node.id, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module == "seta.autorisaties.actor":
            for alias in node.names:
                if alias.name in ROLE_NAMES:
                    yield f"import {alias.name}", node.lineno
        elif isinstance(node, ast.Attribute):
            if node.attr in ROLE_ATTRIBUTES:
                yield f".{node.attr}", node.lineno
            elif node.attr == "rollen" and _is_actor(node.value):
                yield "actor.rollen", node.lineno
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ROLE_METHODS
        ):
            yield f".{node.func.attr}()", node.lineno


def test_no_role_decisions_outside_autorisaties() -> None:
    found: set[tuple[str, str]] = set()
    violations = []
    for module, tree in _modules():
        if module.startswith("seta/autorisaties/"):
            continue
        for what, line in _role_uses(tree):
            found.add((module, what))
            if (module, what) not in ROLES_ALLOWED:
                violations.append(f"{module}:{line}: {what} (decide roles in seta.autorisaties.policy)")
    assert violations == []
    assert sorted(set(ROLES_ALLOWED) - found) == [], "allow-list entries that no longer match: remove them"


def test_the_checks_catch_what_they_forbid() -> None:
    """The detectors themselves: each forbidden construct is found, the placeholder is not."""
    bad = ast.parse(
        "from seta.autorisaties.actor import Rol\n"
        "def v(request, actor):\n"
        "    Bestuursopdracht.objects.get(pk=request.GET['id'])\n"
        "    get_object_or_404(Gemeente, pk=1)\n"
        "    Eenheid.objects.none()\n"
        "    actor.heeft(Rol.DIRECTEUR)\n"
        "    actor.gemeenten(Rol.WETHOUDER)\n"
        "    return actor.is_beheerder or [r for r in actor.rollen]\n"
    )
    assert sorted(what for what, _ in _objects_uses("seta/x/views.py", bad)) == [
        "Bestuursopdracht.objects",
        "get_object_or_404",
    ]
    assert {what for what, _ in _role_uses(bad)} == {
        "import Rol",
        "Rol",
        ".heeft",
        ".gemeenten()",
        ".is_beheerder",
        "actor.rollen",
    }
