"""The summary of approved hours (``uren.Urenoverzicht``, ADR 0033) equals a fresh GROUP BY, always.

Random sequences of registering, submitting, approving and reopening weeks, through the services as
the medewerkers and the directeur would, over a few staff and weeks (one across the turn of the year,
one across a month end), on SQLite and PostgreSQL alike; after every step the summary must equal the
GROUP BY over the lines of approved weeks, and the allocation's hours read from the summary must be the
GROUP BY's. Plus: a week across the turn of the year, approved-only semantics, and the check command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from seta.autorisaties.actor import Actor, actor_for
from seta.catalogus.models import Catalogusitem
from seta.core.errors import SetaError
from seta.financien import invoer
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import overzicht, services
from seta.uren.models import Urenoverzicht, Weekstaat

pytestmark = pytest.mark.django_db

# Weeks the demo has no hours in: one across a month end (29 Oct - 4 Nov 2035) and the next one, which
# shares November with it; the last week of 2035 and the one across the turn of the year (Mon 31 Dec 2035
# - Sun 6 Jan 2036, ISO week 1 of 2036), which share December 2035. The cells a sequence works on: a
# staff member and a week (two cells of one person share summary rows; staff 0 and 2 share a week).
WEKEN = [(2035, 10), (2035, 44), (2035, 45), (2035, 52), (2036, 1)]
CELLEN = [(0, 3), (0, 4), (1, 1), (1, 2), (2, 1)]
JAREN = (2035, 2036)


class Opzet:
    """BEL, three staff with logins (different units and scales), the directeur, and five targets."""

    def __init__(self, actor_named: Callable[[str], Actor]) -> None:
        self.bel = Samenwerkingsverband.objects.get(slug="bel")
        directeur = actor_named("directeur.bel")
        self.directeur = directeur
        self.beheerder = actor_named("beheerder")
        eigen = actor_named("medewerker.bel")
        eerste = Medewerker.objects.get(gebruiker=eigen.user)
        staf = [eerste]
        for m in Medewerker.objects.filter(
            samenwerkingsverband=self.bel, uit_dienst__isnull=True, schaal__isnull=False
        ).order_by("pk"):
            if len(staf) == 3:
                break
            if m.eenheid_id in {s.eenheid_id for s in staf} or m.schaal in {s.schaal for s in staf}:
                continue
            if m.gebruiker_id is None:
                m.gebruiker = get_user_model().objects.create(username=f"overzicht-{m.pk}")
                m.save(update_fields=["gebruiker"])
            staf.append(m)
        assert len(staf) == 3
        self.staf = staf
        enkel = gezamenlijk = None
        for o in Bestuursopdracht.objects.filter(samenwerkingsverband=self.bel).prefetch_related(
            "opdrachtgevers"
        ):
            n = len(o.actieve_opdrachtgevers)
            enkel = enkel or (o if n == 1 else None)
            gezamenlijk = gezamenlijk or (o if n >= 2 else None)
        assert enkel is not None and gezamenlijk is not None
        item = (
            Catalogusitem.objects.filter(samenwerkingsverband=self.bel, actief=True).order_by("code").first()
        )
        laren, blaricum = (Gemeente.objects.get(slug=s) for s in ("laren", "blaricum"))
        self.doelen = [
            services.Doel("regulier", catalogusitem=item, gemeente=laren),
            services.Doel("regulier", catalogusitem=item, gemeente=blaricum),
            services.Doel("overhead"),
            services.Doel("opdracht", opdracht=enkel),
            services.Doel("opdracht", opdracht=gezamenlijk),
        ]

    def actor(self, m: Medewerker) -> Actor:
        return actor_for(m.gebruiker)

    def leider(self, m: Medewerker) -> Actor:
        return self.beheerder if m.gebruiker_id == self.directeur.user.pk else self.directeur

    def week(self, m: Medewerker, jaar: int, week: int) -> Weekstaat:
        return services.weekstaat_for_week(actor=self.actor(m), medewerker=m, jaar=jaar, week=week)


@pytest.fixture
def opzet(actor_named: Callable[[str], Actor]) -> Opzet:
    return Opzet(actor_named)


def assert_gelijk(opzet: Opzet, *, verdeling: bool = True) -> None:
    """The summary equals the GROUP BY; and (``verdeling``) so do the allocation's hour groups."""
    for jaar in JAREN:
        assert overzicht.verschillen(opzet.bel.pk, jaar) == []
        if not verdeling:
            continue
        uit_overzicht = sorted(invoer.aggregate_hours(opzet.bel.pk, jaar), key=repr)
        uit_regels = sorted(invoer.aggregate_hours(opzet.bel.pk, jaar, uit_regels=True), key=repr)
        assert uit_overzicht == uit_regels


def apply(opzet: Opzet, stap: tuple[int, list[tuple[int, int, str]], str]) -> None:
    """One step on one cell: write some lines (if the week is open), then one transition."""
    cel, regels, actie = stap
    mi, wi = CELLEN[cel]
    m = opzet.staf[mi]
    jaar, week = WEKEN[wi]
    for dag, di, uren in regels:
        try:
            services.register_hours(
                actor=opzet.actor(m),
                medewerker=m,
                datum=dt.date.fromisocalendar(jaar, week, dag),
                uren=uren,
                doel=opzet.doelen[di],
            )
            event("geschreven")
        except SetaError:
            event("schrijven geweigerd")  # a locked week, or more than 24 hours on the day
    staat = opzet.week(m, jaar, week)
    try:
        if actie in ("indienen", "indienen en goedkeuren"):
            staat = services.submit_week(actor=opzet.actor(m), weekstaat=staat)
        if actie in ("goedkeuren", "indienen en goedkeuren") and staat.pk is not None:
            services.approve_week(actor=opzet.leider(m), weekstaat=staat)
            event("goedgekeurd")
        if actie == "heropenen" and staat.pk is not None:
            goedgekeurd = staat.vergrendeld
            services.reopen_week(actor=opzet.leider(m), weekstaat=staat, reden="Correctie")
            event("goedgekeurde week heropend" if goedgekeurd else "ingediende week heropend")
    except SetaError:
        event(f"{actie} geweigerd")  # nothing to submit, or not in a state that allows it


regel = st.tuples(st.integers(1, 7), st.integers(0, 4), st.sampled_from(["0.5", "1", "2.25", "4", "7.75"]))
stappen = st.lists(
    st.tuples(
        st.integers(0, len(CELLEN) - 1),
        st.lists(regel, max_size=3),
        # approving and reopening twice as likely as the rest, so most sequences approve and reopen a week
        st.sampled_from(["niets", "indienen", "goedkeuren", *["indienen en goedkeuren", "heropenen"] * 2]),
    ),
    min_size=2,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,  # no timing assertions: the machine is shared
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(reeks=stappen)
def test_summary_equals_the_group_by_after_every_step(opzet: Opzet, reeks: list[Any]) -> None:
    with transaction.atomic():  # every example starts from the same database
        assert_gelijk(opzet)
        for stap in reeks:
            apply(opzet, stap)
            assert_gelijk(opzet, verdeling=False)
        assert_gelijk(opzet)
        transaction.set_rollback(True)


def _vul_en_keur_goed(
    opzet: Opzet, m: Medewerker, jaar: int, week: int, regels: list[tuple[int, int, str]]
) -> Weekstaat:
    for dag, di, uren in regels:
        services.register_hours(
            actor=opzet.actor(m),
            medewerker=m,
            datum=dt.date.fromisocalendar(jaar, week, dag),
            uren=uren,
            doel=opzet.doelen[di],
        )
    staat = services.submit_week(actor=opzet.actor(m), weekstaat=opzet.week(m, jaar, week))
    return services.approve_week(actor=opzet.leider(m), weekstaat=staat)


def test_a_week_across_the_turn_of_the_year_counts_in_both_years(opzet: Opzet) -> None:
    m = opzet.staf[1]
    # Monday 31 December 2035 and Wednesday 2 January 2036, both in ISO week 1 of 2036, for Laren
    regels = [(1, 0, "3"), (3, 0, "5"), (3, 2, "1")]
    for dag, di, uren in regels:
        services.register_hours(
            actor=opzet.actor(m),
            medewerker=m,
            datum=dt.date.fromisocalendar(2036, 1, dag),
            uren=uren,
            doel=opzet.doelen[di],
        )
    staat = services.submit_week(actor=opzet.actor(m), weekstaat=opzet.week(m, 2036, 1))
    assert invoer.aggregate_hours(opzet.bel.pk, 2035) == []  # submitted is not approved: it does not count
    staat = services.approve_week(actor=opzet.leider(m), weekstaat=staat)

    rijen = {
        (r.jaar, r.maand, r.gemeente_id, r.uren, r.aantal_regels)
        for r in Urenoverzicht.objects.filter(jaar__in=JAREN)
    }
    laren = opzet.doelen[0].gemeente
    assert rijen == {
        (2035, 12, laren.pk, Decimal(3), 1),
        (2036, 1, laren.pk, Decimal(5), 1),
        (2036, 1, None, Decimal(1), 1),
    }
    (dec,) = invoer.aggregate_hours(opzet.bel.pk, 2035)
    assert (dec.soort, dec.gemeente_id, dec.eenheid_id, dec.schaal, dec.uren) == (
        "regulier",
        laren.pk,
        m.eenheid_id,
        m.schaal,
        Decimal(3),
    )
    assert sorted(g.uren for g in invoer.aggregate_hours(opzet.bel.pk, 2036)) == [Decimal(1), Decimal(5)]
    assert_gelijk(opzet)

    services.reopen_week(actor=opzet.leider(m), weekstaat=staat, reden="Verkeerde dag")
    assert not Urenoverzicht.objects.filter(jaar__in=JAREN).exists()
    assert invoer.aggregate_hours(opzet.bel.pk, 2035) == invoer.aggregate_hours(opzet.bel.pk, 2036) == []


def test_two_weeks_add_up_in_one_row_and_reopening_one_leaves_the_other(opzet: Opzet) -> None:
    a, b = opzet.staf[1], opzet.staf[2]
    wa = _vul_en_keur_goed(opzet, a, 2035, 10, [(1, 4, "2"), (2, 4, "3")])
    _vul_en_keur_goed(opzet, b, 2035, 10, [(1, 4, "4")])
    gezamenlijk = opzet.doelen[4].opdracht
    rijen = Urenoverzicht.objects.filter(jaar=2035, opdracht=gezamenlijk)
    assert {(r.eenheid_id, r.uren, r.aantal_regels) for r in rijen} == {
        (a.eenheid_id, Decimal(5), 2),
        (b.eenheid_id, Decimal(4), 1),
    }
    services.reopen_week(actor=opzet.leider(a), weekstaat=wa, reden="Correctie")
    assert {(r.eenheid_id, r.uren) for r in rijen.all()} == {(b.eenheid_id, Decimal(4))}
    assert_gelijk(opzet)


# --- seta check-urenoverzicht --------------------------------------------------------------------------------------
def check(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("check_urenoverzicht", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_check_finds_the_demo_summary_equal_to_its_hours() -> None:
    code, out, _ = check()
    assert code == 0
    assert "Het urenoverzicht is gelijk aan de urenregels van goedgekeurde weken." in out


def test_check_reports_every_difference_by_name_with_exit_code_1(opzet: Opzet) -> None:
    m = opzet.staf[1]
    _vul_en_keur_goed(opzet, m, 2035, 10, [(1, 0, "6"), (2, 3, "2")])
    assert check("--samenwerkingsverband", "bel", "--jaar", "2035")[0] == 0

    laren = opzet.doelen[0].gemeente
    Urenoverzicht.objects.filter(jaar=2035, gemeente=laren, opdracht__isnull=True).update(
        uren=F("uren") + Decimal("1.5")
    )
    enkel = opzet.doelen[3].opdracht
    Urenoverzicht.objects.filter(jaar=2035, opdracht=enkel).delete()
    code, out, err = check("--samenwerkingsverband", "bel", "--jaar", "2035")
    assert code == 1
    assert "2 verschillen tussen het urenoverzicht en de urenregels van goedgekeurde weken in 2035." in err
    regels = out.strip().splitlines()
    assert len(regels) == 2
    eenheid = m.eenheid.naam
    assert (
        f"{opzet.bel.naam}, 03-2035, gemeente Laren, eenheid {eenheid}, schaal {m.schaal}, geen opdracht: "
        "verwacht 6,00 uur in 1 regel, opgeslagen 7,50 uur in 1 regel."
    ) in regels
    assert any(
        f"opdracht {enkel.nummer}: verwacht 2,00 uur in 1 regel, opgeslagen 0,00 uur in 0 regels." in r
        for r in regels
    )
    assert all(str(laren.pk) not in r.split(":")[0].split(", ")[2] for r in regels)  # names, not ids
    # another year is not affected, and the whole check sees the same two
    assert check("--jaar", "2034")[0] == 0
    assert check()[0] == 1

    # repaired by the trusted rebuild
    assert overzicht.herbereken(opzet.bel.pk, 2035) == 2
    assert check("--samenwerkingsverband", "bel")[0] == 0


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--samenwerkingsverband", "bestaat-niet"], "--samenwerkingsverband: 'bestaat-niet' bestaat niet."),
        (["--jaar", "twintig"], "--jaar: 'twintig' is geen jaartal."),
        (["--jaar", "12"], "--jaar: '12' is geen jaartal."),
    ],
)
def test_check_refuses_bad_input_with_exit_code_2(args: list[str], melding: str) -> None:
    code, out, err = check(*args)
    assert (code, out) == (2, "")
    assert melding in err
