"""The foundation permission matrix: every role × every foundation resource × own / other × read / write.

The EXPECTED table below is written out by hand from the issue text ("a raadslid of Laren sees Laren's
matters", "the pool sees what it works on", "nobody on the pool side acts as a principal"), not derived
from the policy code. Each cell is checked twice:

1. through the policy (``policy.can`` for the read and write actions, and the read scope of the model,
   which must agree with the read rule), and
2. through the API as that demo user: may read → 200, may not read → 404; may read but not write → 403,
   may write → 2xx (the write is a harmless no-op change inside the test's rolled-back transaction).

"own" is the subject's own municipality and cooperation (for pool roles: their cooperation and one of
its partners); "other" is a cooperation the subject has nothing to do with, and one of its partners.
A subject holds every role its demo user has: the AB and DB members are college members, so their row
is that of a college member plus what the board seat adds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Model

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Functionaris, Gemeente
from seta.organisatie.models import Eenheid, Medewerker
from seta.samenwerkingsverbanden.models import (
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Samenwerkingsverband,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "burgemeester",
    "wethouder",
    "raadslid",
    "griffier",
    "gemeentesecretaris",
    "beleidsregisseur",
    "directeur",
    "controller",
    "teamleider",
    "medewerker",
    "ab_lid",
    "db_lid",
    "beheerder",
]
RESOURCES = [
    "gemeente",
    "bestuur",  # functionarissen: college, raad, secretaris, beleidsregisseurs of a gemeente
    "samenwerkingsverband",
    "deelnemer",
    "inbreng",
    "eenheid",
    "medewerker",
    "catalogusitem",
    "audit",
    "token",
]

# Each cell: (own, other); "rw" may read and write, "r-" may read only, "--" may not even read.
_MUNICIPALITY = {
    "gemeente": ("r-", "r-"),  # the national reference list is public to every signed-in user
    "bestuur": ("r-", "r-"),  # who sits in which council and college is public information
    "samenwerkingsverband": ("r-", "--"),
    "deelnemer": ("r-", "--"),
    "inbreng": ("r-", "--"),
    "eenheid": ("r-", "--"),
    "medewerker": ("--", "--"),  # staff records are personal data of the pool
    "catalogusitem": ("r-", "--"),
    "audit": ("--", "--"),
    "token": ("rw", "--"),  # one's own token; never someone else's
}
_COUNCIL_KEEPER = {**_MUNICIPALITY, "gemeente": ("rw", "r-"), "bestuur": ("rw", "r-")}
_POOL = {**_MUNICIPALITY, "medewerker": ("r-", "--")}
_BOARD = {**_MUNICIPALITY, "medewerker": ("r-", "--")}

EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    "burgemeester": _MUNICIPALITY,
    "wethouder": _MUNICIPALITY,
    "raadslid": _MUNICIPALITY,
    "griffier": _COUNCIL_KEEPER,  # keeps the composition of council and college
    "gemeentesecretaris": _COUNCIL_KEEPER,
    "beleidsregisseur": _MUNICIPALITY,
    "directeur": {
        **_POOL,
        "eenheid": ("rw", "--"),
        "medewerker": ("rw", "--"),
        "catalogusitem": ("rw", "--"),
    },
    "controller": _POOL,
    "teamleider": {
        **_POOL,
        "medewerker": ("rw", "--"),
        "catalogusitem": ("rw", "--"),
    },  # own unit's staff/items
    "medewerker": _POOL,
    "ab_lid": _BOARD,
    "db_lid": {
        **_BOARD,
        "samenwerkingsverband": ("rw", "--"),  # partners, scope and boards are the DB's decision
        "deelnemer": ("rw", "--"),
        "inbreng": ("rw", "--"),
    },
    "beheerder": {
        "gemeente": ("rw", "rw"),
        "bestuur": ("rw", "rw"),
        "samenwerkingsverband": ("rw", "rw"),
        "deelnemer": ("rw", "rw"),
        "inbreng": ("rw", "rw"),
        "eenheid": ("rw", "rw"),
        "medewerker": ("rw", "rw"),
        "catalogusitem": ("rw", "rw"),
        "audit": ("r-", "r-"),  # nobody writes the audit trail through the app
        "token": ("rw", "--"),
    },
}


def test_expected_table_is_complete() -> None:
    assert set(EXPECTED) == set(ROLES)
    for role, row in EXPECTED.items():
        assert set(row) == set(RESOURCES), role
        for cell in row.values():
            for value in cell:
                assert value in {"rw", "r-", "--"}, (role, cell)


# --- who plays each role, and what is "own" and "other" for them ---------------------------------------


@dataclass(frozen=True)
class Subject:
    username: str
    own_sv: str
    own_gemeente: str
    other_sv: str
    other_gemeente: str


FIXED_SUBJECTS: dict[str, Subject] = {
    # Groningen's college has no seat in a cooperation board: pure college members.
    "burgemeester": Subject("burgemeester.groningen", "gtb", "groningen", "bel", "laren"),
    "wethouder": Subject("wethouder.groningen", "gtb", "groningen", "bel", "laren"),
    "raadslid": Subject("raadslid.laren", "bel", "laren", "kempen", "bergeijk"),
    "griffier": Subject("griffier.eemnes", "bel", "eemnes", "kempen", "bladel"),
    "gemeentesecretaris": Subject("secretaris.laren", "bel", "laren", "kempen", "eersel"),
    "beleidsregisseur": Subject("regisseur.eemnes", "bel", "eemnes", "kempen", "oirschot"),
    "directeur": Subject("directeur.bel", "bel", "blaricum", "kempen", "bergeijk"),
    "controller": Subject("controller.bel", "bel", "blaricum", "kempen", "bergeijk"),
    "teamleider": Subject("teamleider.bel", "bel", "blaricum", "kempen", "bergeijk"),
    "medewerker": Subject("medewerker.bel", "bel", "blaricum", "kempen", "bergeijk"),
    "beheerder": Subject("beheerder", "bel", "blaricum", "kempen", "bergeijk"),
}


def board_subject(orgaan: str) -> Subject:
    """A BEL board member found through Bestuurslid: an AB member without a DB seat, or a DB member."""
    seats = Bestuurslid.objects.filter(
        samenwerkingsverband__slug="bel", einddatum__isnull=True, functionaris__gebruiker__isnull=False
    ).select_related("functionaris__gebruiker", "functionaris__gemeente")
    db_users = {
        s.functionaris.gebruiker_id
        for s in Bestuurslid.objects.filter(orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR)
    }
    for seat in seats.filter(orgaan=orgaan).order_by("functionaris__gebruiker__username"):
        user_id = seat.functionaris.gebruiker_id
        if orgaan == Bestuursorgaan.ALGEMEEN_BESTUUR and user_id in db_users:
            continue
        return Subject(
            seat.functionaris.gebruiker.username, "bel", seat.functionaris.gemeente.slug, "kempen", "bergeijk"
        )
    raise AssertionError(f"the demo has no BEL {orgaan} member with a login")


def subject_for(role: str) -> Subject:
    if role == "ab_lid":
        return board_subject(Bestuursorgaan.ALGEMEEN_BESTUUR)
    if role == "db_lid":
        return board_subject(Bestuursorgaan.DAGELIJKS_BESTUUR)
    return FIXED_SUBJECTS[role]


def teamleider_units() -> set[int]:
    """The units of teamleider.bel: the own staff member and catalogue item are picked inside them."""
    from seta.autorisaties.actor import actor_for

    return set(actor_for(get_user_model().objects.get(username="teamleider.bel")).beheerde_eenheid_ids)


# --- the records each cell is tried on -----------------------------------------------------------------------


@dataclass
class Target:
    obj: Any
    read_rule: str | None  # policy action for reading; None when only the read scope decides
    write_rule: str | None  # policy action for writing; None when nobody may write (audit trail)
    write_obj: Any = None
    scope_label: str | None = None  # app_label.model of the read scope, when the model has one


def target(resource: str, side: str, subject: Subject, user: Any) -> Target:
    sv_slug = subject.own_sv if side == "own" else subject.other_sv
    gemeente_slug = subject.own_gemeente if side == "own" else subject.other_gemeente
    sv = Samenwerkingsverband.objects.get(slug=sv_slug)
    gemeente = Gemeente.objects.get(slug=gemeente_slug)
    units = teamleider_units() if sv_slug == "bel" else set()
    if resource == "gemeente":
        return Target(gemeente, "gemeente.lezen", "gemeente.bestuur_wijzigen", gemeente, "gemeenten.gemeente")
    if resource == "bestuur":
        functionaris = Functionaris.objects.filter(gemeente=gemeente).order_by("pk").first()
        assert functionaris is not None, f"no functionaris in {gemeente}"
        return Target(functionaris, None, "gemeente.bestuur_wijzigen", gemeente, "gemeenten.functionaris")
    if resource == "samenwerkingsverband":
        return Target(
            sv,
            "samenwerkingsverband.lezen",
            "samenwerkingsverband.wijzigen",
            sv,
            "samenwerkingsverbanden.samenwerkingsverband",
        )
    if resource == "deelnemer":
        # Prefer a current partner (so that a permitted "uittreden" is valid); Groningen – Ten Boer ended in 2019.
        deelnemers = Deelnemer.objects.filter(samenwerkingsverband=sv).order_by("pk")
        deelnemer = deelnemers.filter(uittredingsdatum__isnull=True).first() or deelnemers.first()
        return Target(
            deelnemer,
            "samenwerkingsverband.lezen",
            "samenwerkingsverband.wijzigen",
            sv,
            "samenwerkingsverbanden.deelnemer",
        )
    if resource == "inbreng":
        inbrengen = Inbreng.objects.filter(deelnemer__samenwerkingsverband=sv).order_by("pk")
        inbreng = inbrengen.filter(tot__isnull=True).first() or inbrengen.first()
        assert inbreng is not None, f"no inbreng in {sv}"
        return Target(
            inbreng,
            "samenwerkingsverband.lezen",
            "samenwerkingsverband.wijzigen",
            sv,
            "samenwerkingsverbanden.inbreng",
        )
    if resource == "eenheid":
        eenheid = Eenheid.objects.filter(samenwerkingsverband=sv).order_by("pk").first()
        return Target(eenheid, "eenheid.lezen", "eenheid.wijzigen", eenheid, "organisatie.eenheid")
    if resource == "medewerker":
        qs = Medewerker.objects.filter(samenwerkingsverband=sv, uit_dienst__isnull=True).exclude(
            gebruiker=user
        )
        if units:
            qs = qs.filter(eenheid_id__in=units).exclude(gebruiker__username="teamleider.bel")
        medewerker = qs.order_by("pk").first()
        assert medewerker is not None, f"no medewerker to try in {sv}"
        return Target(
            medewerker, "medewerker.lezen", "medewerker.wijzigen", medewerker, "organisatie.medewerker"
        )
    if resource == "catalogusitem":
        qs = Catalogusitem.objects.filter(samenwerkingsverband=sv)
        if units:
            qs = qs.filter(eenheid_id__in=units)
        item = qs.order_by("pk").first()
        assert item is not None, f"no catalogusitem to try in {sv}"
        return Target(item, "catalogusitem.lezen", "catalogusitem.wijzigen", item, "catalogus.catalogusitem")
    if resource == "audit":
        return Target(None, "audit.lezen", None)
    if resource == "token":
        owner = user if side == "own" else get_user_model().objects.exclude(pk=user.pk).order_by("pk").first()
        return Target(owner, "token.beheren", "token.beheren", owner)
    raise AssertionError(resource)


def policy_says(actor: Actor, t: Target) -> str:
    if t.read_rule is not None:
        may_read = policy.can(actor, t.read_rule, t.obj)
    else:
        assert t.scope_label is not None
        may_read = in_scope(actor, t.scope_label, t.obj)
    if t.scope_label is not None and t.obj is not None:
        assert in_scope(actor, t.scope_label, t.obj) == may_read, (
            f"read scope of {t.scope_label} disagrees with the read rule {t.read_rule}"
        )
    may_write = t.write_rule is not None and policy.can(actor, t.write_rule, t.write_obj)
    return ("r" if may_read else "-") + ("w" if may_write else "-")


def in_scope(actor: Actor, label: str, obj: Model) -> bool:
    return type(obj)._default_manager.filter(policy.scope(actor, label)).filter(pk=obj.pk).exists()


CELLS = [(role, resource, side) for role in ROLES for resource in RESOURCES for side in ("own", "other")]


@pytest.mark.parametrize(("role", "resource", "side"), CELLS)
def test_policy(role: str, resource: str, side: str, actor_named: Callable[[str], Actor]) -> None:
    subject = subject_for(role)
    actor = actor_named(subject.username)
    assert actor.rollen, f"{subject.username} has no roles in the demo"
    t = target(resource, side, subject, actor.user)
    expected = EXPECTED[role][resource][0 if side == "own" else 1]
    got = policy_says(actor, t)
    assert got == expected, (
        f"{role} ({subject.username}) on {side} {resource}: policy says {got!r}, expected {expected!r}"
    )


def test_nobody_may_write_the_audit_trail() -> None:
    assert [a for a in policy.RULES if a.startswith("audit.") and a != "audit.lezen"] == []


def test_anonymous_may_do_nothing() -> None:
    from seta.autorisaties.actor import ANONYMOUS

    sv = Samenwerkingsverband.objects.get(slug="bel")
    assert not policy.can(ANONYMOUS, "samenwerkingsverband.lezen", sv)
    assert not policy.can(ANONYMOUS, "gemeente.lezen", Gemeente.objects.first())
    assert not Samenwerkingsverband.objects.filter(
        policy.scope(ANONYMOUS, "samenwerkingsverbanden.samenwerkingsverband")
    ).exists()


# --- the same matrix through the API --------------------------------------------------------------------------
# may not read → 404 (read and write); may read but not write → 200 / 403; may write → 200 / 2xx.
# Each write is a small valid change, so only the policy can refuse it; the test transaction rolls it back.


def api_calls(resource: str, t: Target) -> tuple[str, tuple[str, str, dict[str, Any]] | None]:
    """(read URL, (method, write URL, body)) for one target."""
    obj = t.obj
    if resource == "gemeente":
        return f"/api/v1/gemeenten/{obj.cbs_code}", (
            "post",
            "/api/v1/portefeuilles",
            {"gemeente": obj.cbs_code, "naam": "Proefportefeuille matrix"},
        )
    if resource == "bestuur":
        return f"/api/v1/functionarissen/{obj.pk}", (
            "post",
            "/api/v1/functionarissen",
            {
                "gemeente": obj.gemeente.cbs_code,
                "functie": "raadslid",
                "naam": "Proef Raadslid",
                "fractie": "Lokaal Belang",
                "begindatum": "2026-01-01",
            },
        )
    if resource == "samenwerkingsverband":
        url = f"/api/v1/samenwerkingsverbanden/{obj.slug}"
        return url, ("patch", url, {"omschrijving": "Gewijzigd door de matrixtest."})
    if resource == "deelnemer":
        return f"/api/v1/deelnemers/{obj.pk}", (
            "post",
            f"/api/v1/deelnemers/{obj.pk}/uittreden",
            {"uittredingsdatum": "2031-01-01"},
        )
    if resource == "inbreng":
        return f"/api/v1/inbreng/{obj.pk}", (
            "post",
            f"/api/v1/inbreng/{obj.pk}/beeindigen",
            {"tot": "2031-01-01"},
        )
    if resource == "eenheid":
        url = f"/api/v1/eenheden/{obj.pk}"
        return url, ("patch", url, {"omschrijving": "Gewijzigd door de matrixtest."})
    if resource == "medewerker":
        url = f"/api/v1/medewerkers/{obj.pk}"
        return url, ("patch", url, {"functietitel": "Beleidsmedewerker (matrixtest)"})
    if resource == "catalogusitem":
        url = f"/api/v1/catalogusitems/{obj.pk}"
        return url, ("patch", url, {"omschrijving": "Gewijzigd door de matrixtest."})
    raise AssertionError(resource)


API_CELLS = [cell for cell in CELLS if cell[1] not in {"audit", "token"}]


@pytest.mark.parametrize(("role", "resource", "side"), API_CELLS)
def test_api(role: str, resource: str, side: str, actor_named: Callable[[str], Actor], api_as: Any) -> None:
    subject = subject_for(role)
    actor = actor_named(subject.username)
    t = target(resource, side, subject, actor.user)
    expected = EXPECTED[role][resource][0 if side == "own" else 1]
    read_url, write = api_calls(resource, t)
    client = api_as(subject.username)
    where = f"{role} ({subject.username}) on {side} {resource}"

    read = client.get(read_url)
    assert read.status_code == (200 if expected[0] == "r" else 404), (
        f"{where}: GET {read_url} → {read.status_code}"
    )
    assert write is not None
    method, url, body = write
    # An update names the version it read (If-Match), as every API client must.
    headers = {"HTTP_IF_MATCH": read["ETag"]} if read.status_code == 200 and read.has_header("ETag") else {}
    response = getattr(client, method)(url, body, format="json", **headers)
    if expected == "rw":
        assert response.status_code in (200, 201), (
            f"{where}: {method.upper()} {url} → {response.status_code} {response.content[:300]!r}"
        )
    else:
        wanted = 403 if expected == "r-" else 404
        assert response.status_code == wanted, (
            f"{where}: {method.upper()} {url} → {response.status_code}, expected {wanted}"
        )
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("role", ROLES)
def test_api_token_is_only_ones_own(role: str, api_as: Any) -> None:
    """token: own → rw through /api/v1/mijn-token; another user's token has no route at all."""
    subject = subject_for(role)
    client = api_as(subject.username)
    created = client.post("/api/v1/mijn-token")
    assert created.status_code == 201
    assert client.get("/api/v1/mijn-token").json()["prefix"] == created.json()["prefix"]
    other = get_user_model().objects.exclude(username=subject.username).order_by("pk").first()
    assert client.get(f"/api/v1/mijn-token/{other.pk}").status_code == 404
    assert client.get(f"/api/v1/tokens/{other.pk}").status_code == 404


def test_api_audit_trail_cannot_be_written() -> None:
    """audit: no API route writes (or deletes) audit events, for anyone."""
    from seta.api.urls import router
    from seta.core.models import AuditEvent

    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        model = getattr(queryset, "model", None) or getattr(
            getattr(viewset, "serializer_class", None), "Meta", None
        )
        if model is AuditEvent or getattr(model, "model", None) is AuditEvent or "audit" in prefix:
            allowed = set(getattr(viewset, "http_method_names", []))
            writes = {"post", "put", "patch", "delete"} & allowed
            has_writers = any(hasattr(viewset, m) for m in ("create", "update", "partial_update", "destroy"))
            assert not (writes and has_writers), f"/api/v1/{prefix} can write the audit trail"


@pytest.mark.parametrize("path", ["/api/v1/audittrail", "/api/v1/auditgebeurtenissen", "/api/v1/audit"])
def test_api_has_no_audit_write_route(path: str, api_as: Any) -> None:
    client = api_as("beheerder")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(path, {}, format="json").status_code in (404, 405), (method, path)
