"""Board decisions (ADR 0034): an adoption records the decision of the body the governance names, only
its members record it, the refusal names that body, and what was adopted is frozen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from seta.autorisaties.actor import actor_for, system_actor
from seta.core.errors import Conflict, Forbidden, InvalidInput
from seta.financien import jaar, services
from seta.financien.models import Afrekening, Begroting, Verdeelmodel
from seta.samenwerkingsverbanden import besluiten
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import (
    STANDAARD_BEVOEGDHEDEN,
    Besluitbevoegdheid,
    Bestuursbesluit,
    Samenwerkingsverband,
    standaard_bevoegdheden,
)

pytestmark = pytest.mark.django_db

AB = BesluitInvoer("algemeen_bestuur", "AB 2026-04, agendapunt 3", dt.date(2025, 4, 9))
DB = BesluitInvoer("dagelijks_bestuur", "DB 2026-04", dt.date(2025, 4, 2))


@pytest.fixture
def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


@pytest.fixture
def concept() -> Verdeelmodel:
    return Verdeelmodel.objects.get(
        samenwerkingsverband__slug="bel", naam="Naar gebruik met Shapley", volgnummer=1
    )


def test_every_cooperation_has_the_wgr_defaults() -> None:
    for sv in Samenwerkingsverband.objects.all():
        assert dict(sv.besluitbevoegdheden.values_list("onderwerp", "orgaan")) == standaard_bevoegdheden(
            sv.rechtsvorm
        )
    # a centrumgemeenteconstructie has no bodies of its own: the partners' colleges decide
    assert set(standaard_bevoegdheden("centrumgemeenteconstructie").values()) == {"colleges"}
    assert standaard_bevoegdheden("openbaar_lichaam") == STANDAARD_BEVOEGDHEDEN


def test_the_demo_records_its_decisions(bel: Samenwerkingsverband) -> None:
    hybride = Verdeelmodel.objects.get(samenwerkingsverband=bel, naam="BEL hybride", volgnummer=1)
    assert hybride.bestuursbesluit.kenmerk == "AB BEL 2024-11, agendapunt 6"
    assert hybride.bestuursbesluit.orgaan == "algemeen_bestuur"
    assert hybride.bestuursbesluit.vastgelegd_door.username == "burgemeester.laren"
    begroting = Begroting.objects.get(samenwerkingsverband=bel, jaar=2025)
    assert begroting.is_vastgesteld and begroting.bestuursbesluit.datum == dt.date(2024, 7, 4)
    drempel = bel.afwijkingsdrempels.get(vanaf_jaar=2024)
    assert drempel.bestuursbesluit.orgaan == "dagelijks_bestuur"


def test_adopting_a_model_records_the_decision(actor_named: Any, concept: Verdeelmodel) -> None:
    model = services.adopt_model(actor=actor_named("wethouder.laren"), verdeelmodel=concept, besluit=AB)
    besluit = model.bestuursbesluit
    assert (besluit.orgaan, besluit.kenmerk, besluit.datum, besluit.onderwerp) == (
        "algemeen_bestuur",
        "AB 2026-04, agendapunt 3",
        dt.date(2025, 4, 9),
        "verdeelmodel",
    )
    assert besluit.vastgelegd_door.username == "wethouder.laren"
    assert model.vastgesteld_op == dt.date(2025, 4, 9)


@pytest.mark.parametrize(
    ("besluit", "veld"),
    [
        (None, "besluit"),
        (BesluitInvoer("dagelijks_bestuur", "DB 1", dt.date(2025, 1, 1)), "besluit.orgaan"),
        (BesluitInvoer("raad", "X", dt.date(2025, 1, 1)), "besluit.orgaan"),
        (BesluitInvoer("algemeen_bestuur", "  ", dt.date(2025, 1, 1)), "besluit.kenmerk"),
        (BesluitInvoer("algemeen_bestuur", "AB 1", None), "besluit.datum"),
        (
            BesluitInvoer("algemeen_bestuur", "AB 1", timezone.localdate() + dt.timedelta(days=1)),
            "besluit.datum",
        ),
    ],
)
def test_an_incomplete_decision_is_refused_naming_the_field(
    actor_named: Any, concept: Verdeelmodel, besluit: BesluitInvoer | None, veld: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.adopt_model(actor=actor_named("burgemeester.laren"), verdeelmodel=concept, besluit=besluit)
    assert veld in exc.value.fields
    concept.refresh_from_db()
    assert not concept.is_vastgesteld and not Bestuursbesluit.objects.filter(kenmerk="AB 1").exists()


def test_wrong_body_message_names_the_deciding_body(actor_named: Any, concept: Verdeelmodel) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.adopt_model(actor=actor_named("burgemeester.laren"), verdeelmodel=concept, besluit=DB)
    assert "beslist het algemeen bestuur, niet het dagelijks bestuur" in exc.value.fields["besluit.orgaan"][0]


def test_only_members_of_the_body_the_governance_names(
    actor_named: Any, bel: Samenwerkingsverband, concept: Verdeelmodel
) -> None:
    beheerder = system_actor("demo")
    with pytest.raises(Forbidden):  # the demo channel may not change the governance
        besluiten.set_authority(
            actor=beheerder, samenwerkingsverband=bel, onderwerp="verdeelmodel", orgaan="x"
        )
    Besluitbevoegdheid.objects.filter(samenwerkingsverband=bel, onderwerp="verdeelmodel").update(
        orgaan="dagelijks_bestuur"
    )
    # wethouder.laren sits in the AB only: now the DB decides
    with pytest.raises(Forbidden) as exc:
        services.adopt_model(actor=actor_named("wethouder.laren"), verdeelmodel=concept, besluit=AB)
    assert "dagelijks bestuur" in exc.value.detail
    with pytest.raises(InvalidInput):  # a DB member must name the DB's decision
        services.adopt_model(actor=actor_named("wethouder.blaricum"), verdeelmodel=concept, besluit=AB)
    model = services.adopt_model(actor=actor_named("wethouder.blaricum"), verdeelmodel=concept, besluit=DB)
    assert model.bestuursbesluit.orgaan == "dagelijks_bestuur"


@pytest.mark.parametrize("user", ["controller.bel", "directeur.bel", "raadslid.laren", "secretaris.blaricum"])
def test_the_pool_and_the_municipality_side_never_adopt(
    actor_named: Any, concept: Verdeelmodel, user: str
) -> None:
    with pytest.raises(Forbidden) as exc:
        services.adopt_model(actor=actor_named(user), verdeelmodel=concept, besluit=AB)
    assert "algemeen bestuur" in exc.value.detail


def test_settlement_needs_a_decision_and_is_frozen(actor_named: Any, bel: Samenwerkingsverband) -> None:
    afrekening = Afrekening.objects.get(samenwerkingsverband=bel, jaar=2025)
    bestuur = actor_named("burgemeester.laren")
    with pytest.raises(InvalidInput):
        services.adopt_settlement(actor=bestuur, afrekening=afrekening, besluit=None)
    with pytest.raises(Forbidden):
        services.adopt_settlement(actor=actor_named("controller.bel"), afrekening=afrekening, besluit=AB)
    vastgesteld = services.adopt_settlement(actor=bestuur, afrekening=afrekening, besluit=AB)
    assert vastgesteld.status == "vastgesteld" and vastgesteld.bestuursbesluit.onderwerp == "afrekening"
    with pytest.raises(Conflict):
        services.settle_year(actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2025)
    with pytest.raises(Conflict):
        services.adopt_settlement(actor=bestuur, afrekening=vastgesteld, besluit=AB)


def test_threshold_records_the_dbs_decision(actor_named: Any, bel: Samenwerkingsverband) -> None:
    with pytest.raises(Forbidden) as exc:  # AB only
        services.set_threshold(
            actor=actor_named("wethouder.laren"),
            samenwerkingsverband=bel,
            vanaf_jaar=2026,
            procentpunten="3",
            besluit=DB,
        )
    assert "dagelijks bestuur" in exc.value.detail
    drempel = services.set_threshold(
        actor=actor_named("wethouder.eemnes"),
        samenwerkingsverband=bel,
        vanaf_jaar=2026,
        procentpunten="3",
        besluit=DB,
    )
    assert drempel.bestuursbesluit.kenmerk == "DB 2026-04" and drempel.vastgesteld_op == dt.date(2025, 4, 2)


def test_an_adopted_budget_is_frozen(actor_named: Any, bel: Samenwerkingsverband) -> None:
    with pytest.raises(Conflict):
        services.save_budget(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            jaar=2025,
            personeel="1",
            materieel="1",
            overhead="1",
        )
    begroting = Begroting.objects.get(samenwerkingsverband=bel, jaar=2025)
    with pytest.raises(Conflict):
        jaar.adopt_budget(actor=actor_named("burgemeester.laren"), begroting=begroting, besluit=AB)


def test_a_new_cooperation_gets_the_defaults(user_named: Any) -> None:
    from seta.gemeenten.models import Gemeente
    from seta.samenwerkingsverbanden import services as sv_services

    beheerder = user_named("burgemeester.laren")
    beheerder.is_superuser = True
    beheerder.save()
    twee = list(Gemeente.objects.filter(opgeheven_op__isnull=True).order_by("naam")[:2]) or list(
        Gemeente.objects.order_by("naam")[:2]
    )
    sv = sv_services.create_samenwerkingsverband(
        actor=actor_for(type(beheerder).objects.get(pk=beheerder.pk)),
        naam="Proefverband",
        slug="proef",
        menu="functionele_integratie",
        rechtsvorm="geen",
        startdatum=dt.date(2026, 1, 1),
        deelnemers=twee,
    )
    assert dict(sv.besluitbevoegdheden.values_list("onderwerp", "orgaan")) == STANDAARD_BEVOEGDHEDEN


def test_pages_ask_for_the_decision_and_show_it(
    client: Any, user_named: Any, bel: Samenwerkingsverband
) -> None:
    hybride = Verdeelmodel.objects.get(samenwerkingsverband=bel, naam="BEL hybride", volgnummer=1)
    client.force_login(user_named("raadslid.laren"))
    html = client.get(f"/financien/verdeelmodellen/{hybride.pk}").content.decode()
    assert "Algemeen bestuur, vergadering van 28-11-2024, kenmerk AB BEL 2024-11, agendapunt 6" in html
    afrekening = Afrekening.objects.get(samenwerkingsverband=bel, jaar=2025)
    url = f"/financien/afrekeningen/{afrekening.pk}"
    besluit = {
        "actie": "vaststellen",
        "versie": afrekening.versie,
        "orgaan": "algemeen_bestuur",
        "kenmerk": "AB 2026-03",
        "datum": "2025-03-05",
    }
    assert client.post(f"{url}/actie", {**besluit, "bevestigd": "on"}).status_code == 403
    client.force_login(user_named("wethouder.laren"))
    html = client.get(url).content.decode()
    assert "Ik bevestig dat het algemeen bestuur de afrekening 2025 heeft besloten" in html
    r = client.post(f"{url}/actie", besluit)  # not confirmed
    assert r.status_code == 400 and "Bevestig" in r.content.decode()
    r = client.post(f"{url}/actie", {**besluit, "bevestigd": "on", "orgaan": "dagelijks_bestuur"})
    assert r.status_code == 400 and "beslist het algemeen bestuur" in r.content.decode()
    assert client.post(f"{url}/actie", {**besluit, "bevestigd": "on"}).status_code == 302
    html = client.get(url).content.decode()
    assert "Vastgesteld" in html and "kenmerk AB 2026-03" in html and "Afrekening vaststellen" not in html
    assert "Opnieuw berekenen" not in html
