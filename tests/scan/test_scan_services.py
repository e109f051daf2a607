"""The scan's write path: answer validation (every bad value names its question), drafts, audit, ownership."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seta.autorisaties import policy
from seta.core.errors import InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.scan import kern, selectors, services
from seta.scan.models import Scansessie, Scanstatus
from seta.scan.services import PartnerInvoer

SCHAALVRAGEN = [v for v in kern.vragenlijst() if v.soort == "schaal"]
KEUZEVRAGEN = [v for v in kern.vragenlijst() if v.soort != "schaal"]


@given(vraag=st.sampled_from(SCHAALVRAGEN), waarde=st.integers(min_value=-1000, max_value=1000))
def test_scale_answers_are_accepted_exactly_inside_the_scale(vraag: Any, waarde: int) -> None:
    assert vraag.schaal_min is not None and vraag.schaal_max is not None
    if vraag.schaal_min <= waarde <= vraag.schaal_max:
        assert services.normalise_answers({vraag.id: waarde}) == {vraag.id: waarde}
        assert services.normalise_answers({vraag.id: str(waarde)}) == {vraag.id: waarde}
    else:
        with pytest.raises(InvalidInput) as exc:
            services.normalise_answers({vraag.id: waarde})
        assert list(exc.value.fields) == [f"antwoorden.{vraag.id}"]
        assert vraag.id in exc.value.fields[f"antwoorden.{vraag.id}"][0]


@given(vraag=st.sampled_from(KEUZEVRAGEN), waarde=st.text(max_size=12))
def test_choice_answers_must_be_an_option(vraag: Any, waarde: str) -> None:
    toegestaan = {str(w) for w in vraag.toegestane_waarden()}
    schoon = waarde.strip().lower()
    if schoon in toegestaan or schoon in {"weet niet", "weet_niet", "weetniet"} or schoon == "":
        services.normalise_answers({vraag.id: waarde})
    else:
        with pytest.raises(InvalidInput) as exc:
            services.normalise_answers({vraag.id: waarde})
        assert list(exc.value.fields) == [f"antwoorden.{vraag.id}"]


def test_weet_niet_is_an_answer_for_every_question() -> None:
    alles = {v.id: "weet niet" for v in kern.vragenlijst()}
    assert services.normalise_answers(alles) == alles
    assert services.missing_required(alles) == {}
    ontbrekend = services.missing_required({})
    assert set(ontbrekend) == {f"antwoorden.{v.id}" for v in kern.vragenlijst() if v.verplicht}


@pytest.mark.django_db
def test_draft_lifecycle_with_audit(actor_named: Callable[[str], Any]) -> None:
    actor = actor_named("griffier.eemnes")
    scan = services.create_scansessie(
        actor=actor,
        naam="Eemnes en Baarn",
        partners=[PartnerInvoer(gemeente="GM0317"), PartnerInvoer(gemeente="GM0308")],
    )
    assert scan.eigenaar == actor.user and scan.status == Scanstatus.CONCEPT
    assert AuditEvent.objects.filter(actie="scansessie.aanmaken", object_id=str(scan.pk)).exists()

    antwoorden = {v.id: "weet niet" for v in kern.vragenlijst() if v.verplicht}
    scan = services.update_scansessie(actor=actor, scansessie=scan, antwoorden=antwoorden, expected_version=1)
    scan = services.calculate(actor=actor, scansessie=scan)
    assert scan.status == Scanstatus.AFGEROND
    # Nothing known: the scan says so instead of claiming certainty.
    assert scan.resultaat is not None and scan.resultaat["zekerheid"] in ("onbekend", "laag")
    assert "vragenlijst" in scan.resultaat_versie and "casusbank" in scan.resultaat_versie
    assert AuditEvent.objects.filter(actie="scansessie.berekenen", object_id=str(scan.pk)).exists()

    # Changing the partners makes the stored result obsolete.
    scan = services.update_scansessie(
        actor=actor,
        scansessie=scan,
        partners=[PartnerInvoer(gemeente="GM0317"), PartnerInvoer(naam="Ten Boer")],
    )
    assert scan.resultaat is None and scan.status == Scanstatus.CONCEPT
    ten_boer = scan.partners.get(naam="Ten Boer")
    assert (
        ten_boer.handmatig and ten_boer.inwoners
    )  # filled from the core's list of merged-away municipalities
    assert kern.partner_van(ten_boer).bevolking_herkomst == "schatting"

    # Renaming alone keeps the result.
    scan = services.calculate(actor=actor, scansessie=scan)
    scan = services.update_scansessie(actor=actor, scansessie=scan, naam="Eemnes en Ten Boer")
    assert scan.resultaat is not None

    services.delete_scansessie(actor=actor, scansessie=scan)
    assert not Scansessie.objects.filter(pk=scan.pk).exists()


@pytest.mark.django_db
def test_partner_input_is_checked(actor_named: Callable[[str], Any]) -> None:
    actor = actor_named("griffier.eemnes")
    with pytest.raises(InvalidInput) as exc:
        services.create_scansessie(
            actor=actor,
            naam="",
            partners=[
                PartnerInvoer(gemeente="GM0317"),
                PartnerInvoer(gemeente="GM0317"),
                PartnerInvoer(gemeente="XX1"),
                PartnerInvoer(naam=""),
                PartnerInvoer(naam="Nergenshuizen", inwoners=0),
            ],
        )
    assert set(exc.value.fields) == {
        "naam",
        "partners[1].gemeente",
        "partners[2].gemeente",
        "partners[3].naam",
        "partners[4].inwoners",
    }


@pytest.mark.django_db
def test_a_scan_needs_two_partners(actor_named: Callable[[str], Any]) -> None:
    actor = actor_named("griffier.eemnes")
    antwoorden = {v.id: "weet niet" for v in kern.vragenlijst() if v.verplicht}
    scan = services.create_scansessie(
        actor=actor, naam="Alleen", partners=[PartnerInvoer(gemeente="GM0317")], antwoorden=antwoorden
    )
    with pytest.raises(InvalidInput) as exc:
        services.calculate(actor=actor, scansessie=scan)
    assert list(exc.value.fields) == ["partners"]


@pytest.mark.django_db
def test_only_the_owner_sees_or_changes_a_scan(actor_named: Callable[[str], Any]) -> None:
    scan = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    eigenaar = actor_named("secretaris.laren")
    assert policy.can(eigenaar, "scansessie.lezen", scan)
    for username in ("beheerder", "secretaris.eemnes", "directeur.bel"):
        other = actor_named(username)
        assert not policy.can(other, "scansessie.lezen", scan)
        assert not selectors.scansessies_for(other).filter(pk=scan.pk).exists()
        with pytest.raises(NotFound):
            services.update_scansessie(actor=other, scansessie=scan, naam="overgenomen")
        with pytest.raises(NotFound):
            services.calculate(actor=other, scansessie=scan)
        with pytest.raises(NotFound):
            selectors.scansessie_for(other, scan.pk)
