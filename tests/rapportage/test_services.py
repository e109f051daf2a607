"""The write path of the council reports: each service, its refusals (naming the field), the version check, and
the freeze (a sent report is a stored document whose hashes match its bytes; a correction is a new version)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionRequired, StaleVersion
from seta.core.models import AuditEvent
from seta.core.services import VERSION_REQUIRED
from seta.rapportage import lifecycle, selectors, services
from seta.rapportage.kern import perioden
from seta.rapportage.models import Abonnement, Raadsrapportage

from .conftest import Rapportagewereld

pytestmark = pytest.mark.django_db


def _acties(r: Raadsrapportage) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="rapportage.raadsrapportage", object_id=str(r.pk))
        .order_by("pk")
        .values_list("actie", flat=True)
    )


# --- opstellen ----------------------------------------------------------------------------------------------------
def test_opstellen_makes_a_concept_with_the_period_of_the_cycle(rw: Rapportagewereld) -> None:
    r = rw.concept()
    assert r.status == lifecycle.CONCEPT and r.volgnummer == 1 and r.ontvanger == rw.laren.cbs_code
    assert r.periode == rw.periode and r.begin.year == rw.jaar and r.eind > r.begin
    assert r.periode_naam and r.opgesteld_door is not None
    assert _acties(r) == ["raadsrapportage.opstellen"]
    joint = rw.concept(None)
    assert joint.is_gezamenlijk and joint.ontvanger == Raadsrapportage.GEZAMENLIJK


def test_opstellen_refuses_and_names_the_field(rw: Rapportagewereld) -> None:
    directeur = rw.actor("directeur.bel")
    with pytest.raises(InvalidInput) as e:
        services.opstellen(
            actor=directeur, samenwerkingsverband=rw.bel, gemeente=rw.laren, jaar=rw.jaar, periode="zomernota"
        )
    assert "periode" in e.value.fields and "zomernota" in e.value.fields["periode"][0]
    with pytest.raises(InvalidInput) as e:
        services.opstellen(
            actor=directeur,
            samenwerkingsverband=rw.bel,
            gemeente=rw.gemeente("bergeijk"),
            jaar=rw.jaar,
            periode=rw.periode,
        )
    assert "gemeente" in e.value.fields
    with pytest.raises(InvalidInput) as e:
        services.opstellen(
            actor=directeur, samenwerkingsverband=rw.bel, gemeente=rw.laren, jaar=1999, periode=rw.periode
        )
    assert "jaar" in e.value.fields
    volgend = dt.date.today().year + 1
    eerste = perioden.perioden(services.ritme_van(rw.bel), volgend)[0].code
    with pytest.raises(InvalidInput) as e:  # a period that has not begun
        services.opstellen(
            actor=directeur, samenwerkingsverband=rw.bel, gemeente=rw.laren, jaar=volgend, periode=eerste
        )
    assert "nog niet begonnen" in e.value.fields["periode"][0]


def test_opstellen_one_concept_at_a_time_and_only_the_pool(rw: Rapportagewereld) -> None:
    rw.concept()
    with pytest.raises(Conflict):
        rw.concept()
    with pytest.raises(Forbidden):
        rw.concept(door="raadslid.laren")
    with pytest.raises(Forbidden):
        rw.concept(door="wethouder.laren")
    with pytest.raises(NotFound):
        rw.concept(door="directeur.kempen")
    rw.concept(None, door="controller.bel")


# --- toelichten ---------------------------------------------------------------------------------------------------
def test_toelichten_writes_each_text_by_its_author(rw: Rapportagewereld) -> None:
    r = rw.concept()
    r = services.toelichten(
        actor=rw.actor("directeur.bel"),
        rapportage=r,
        actie="toelichten_pool",
        tekst="  De werkorganisatie lichtt toe.  ",
        expected_version=r.versie,
    )
    assert r.toelichting_pool == "De werkorganisatie lichtt toe." and r.versie == 2
    r = services.toelichten(
        actor=rw.actor("secretaris.laren"),
        rapportage=r,
        actie="toelichten_gemeente",
        tekst="Laren licht toe.",
        expected_version=2,
    )
    assert r.toelichting_gemeente == "Laren licht toe."
    assert _acties(r)[-2:] == ["raadsrapportage.toelichten_pool", "raadsrapportage.toelichten_gemeente"]
    with pytest.raises(Forbidden):  # the pool's text is the directeur's
        services.toelichten(
            actor=rw.actor("secretaris.laren"),
            rapportage=r,
            actie="toelichten_pool",
            tekst="x",
            expected_version=3,
        )
    with pytest.raises(Forbidden):
        services.toelichten(
            actor=rw.actor("directeur.bel"),
            rapportage=r,
            actie="toelichten_gemeente",
            tekst="x",
            expected_version=3,
        )


def test_toelichten_refusals(rw: Rapportagewereld) -> None:
    r = rw.concept()
    directeur = rw.actor("directeur.bel")
    with pytest.raises(StaleVersion):
        services.toelichten(
            actor=directeur, rapportage=r, actie="toelichten_pool", tekst="x", expected_version=9
        )
    with pytest.raises(PreconditionRequired):
        services.toelichten(
            actor=directeur,
            rapportage=r,
            actie="toelichten_pool",
            tekst="x",
            expected_version=VERSION_REQUIRED,
        )
    with pytest.raises(InvalidInput) as e:
        services.toelichten(actor=directeur, rapportage=r, actie="wijzigen", tekst="x", expected_version=1)
    assert "actie" in e.value.fields
    with pytest.raises(InvalidInput) as e:
        services.toelichten(
            actor=directeur, rapportage=r, actie="toelichten_pool", tekst="x" * 10_001, expected_version=1
        )
    assert "tekst" in e.value.fields
    joint = rw.concept(None)
    with pytest.raises(Conflict):  # the joint report has no one municipality's explanation
        services.toelichten(
            actor=rw.actor("beheerder"),
            rapportage=joint,
            actie="toelichten_gemeente",
            tekst="x",
            expected_version=1,
        )


# --- aanbieden: the freeze ----------------------------------------------------------------------------------------
def test_aanbieden_freezes_the_report_with_its_hashes(
    rw: Rapportagewereld, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from seta.rapportage import berichten

    gemeld: list[int] = []
    monkeypatch.setattr(berichten, "na_publicatie", lambda r: gemeld.append(r.pk) or 0)
    r = rw.concept()
    with django_capture_on_commit_callbacks(execute=True):
        r = services.aanbieden(
            actor=rw.actor("wethouder.laren"), rapportage=r, besluit=rw.besluit(), expected_version=r.versie
        )
    assert gemeld == [r.pk]
    opgeslagen = Raadsrapportage.objects.get(pk=r.pk)
    assert opgeslagen.status == lifecycle.AANGEBODEN and opgeslagen.is_bevroren
    assert opgeslagen.aangeboden_op is not None and opgeslagen.aangeboden_door is not None
    # the college's decision, for Laren, on the subject raadsrapportage
    b = opgeslagen.besluit
    assert (
        b is not None
        and b.orgaan == "college"
        and b.gemeente_id == rw.laren.pk
        and b.onderwerp == "raadsrapportage"
    )
    # the hashes are those of the stored bytes
    pdf = bytes(opgeslagen.pdf)
    assert pdf.startswith(b"%PDF")
    assert opgeslagen.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert opgeslagen.inhoud_sha256 == hashlib.sha256(services.canonieke_json(opgeslagen.inhoud)).hexdigest()
    assert opgeslagen.inhoud["besluit"]["kenmerk"] == "B&W 2025-101"
    assert opgeslagen.inhoud["besluit"]["orgaan"] == "college"
    assert opgeslagen.inhoud["versie"] == 1
    # what a reader sees is the frozen content, not a new computation
    assert selectors.weergave_inhoud(rw.actor("raadslid.laren"), opgeslagen) == opgeslagen.inhoud
    assert selectors.pdf_van(rw.actor("raadslid.laren"), opgeslagen) == pdf
    # audited (the PDF as its size and hash, not its bytes)
    event = AuditEvent.objects.filter(actie="raadsrapportage.aanbieden", object_id=str(r.pk)).get()
    assert event.na["pdf"] == {"bytes": len(pdf), "sha256": opgeslagen.pdf_sha256}
    assert AuditEvent.objects.filter(actie="bestuursbesluit.vastleggen", object_id=str(b.pk)).exists()


def test_no_edit_in_place_of_a_sent_report(rw: Rapportagewereld) -> None:
    r = rw.verzonden()
    with pytest.raises(Conflict):
        services.toelichten(
            actor=rw.actor("directeur.bel"),
            rapportage=r,
            actie="toelichten_pool",
            tekst="x",
            expected_version=r.versie,
        )
    with pytest.raises(Conflict):
        services.aanbieden(
            actor=rw.actor("wethouder.laren"), rapportage=r, besluit=rw.besluit(), expected_version=r.versie
        )
    assert selectors.allowed_actions(rw.actor("directeur.bel"), r) == ["corrigeren"]


def test_aanbieden_refusals(rw: Rapportagewereld) -> None:
    r = rw.concept()
    with pytest.raises(NotFound):  # another municipality's college does not even see Laren's concept
        services.aanbieden(
            actor=rw.actor("wethouder.blaricum"), rapportage=r, besluit=rw.besluit(), expected_version=1
        )
    with pytest.raises(Forbidden) as f:  # the pool drafts; Laren's college sends
        services.aanbieden(
            actor=rw.actor("directeur.bel"), rapportage=r, besluit=rw.besluit(), expected_version=1
        )
    assert "Laren" in str(f.value.detail)
    with pytest.raises(Forbidden):
        services.aanbieden(
            actor=rw.actor("secretaris.laren"), rapportage=r, besluit=rw.besluit(), expected_version=1
        )
    wethouder = rw.actor("wethouder.laren")
    with pytest.raises(InvalidInput) as e:
        services.aanbieden(actor=wethouder, rapportage=r, besluit=None, expected_version=1)
    assert "besluit" in e.value.fields
    with pytest.raises(InvalidInput) as e:
        services.aanbieden(
            actor=wethouder,
            rapportage=r,
            besluit={"orgaan": "college", "kenmerk": "", "datum": None},
            expected_version=1,
        )
    assert {"besluit.kenmerk", "besluit.datum"} <= set(e.value.fields)
    with pytest.raises(InvalidInput) as e:
        services.aanbieden(
            actor=wethouder,
            rapportage=r,
            besluit={"orgaan": "college", "kenmerk": "B&W 1", "datum": r.eind - dt.timedelta(days=3)},
            expected_version=1,
        )
    assert "besluit.datum" in e.value.fields
    with pytest.raises(StaleVersion):
        services.aanbieden(actor=wethouder, rapportage=r, besluit=rw.besluit(), expected_version=7)
    assert Raadsrapportage.objects.get(pk=r.pk).status == lifecycle.CONCEPT


def test_the_ab_adopts_the_joint_report(rw: Rapportagewereld) -> None:
    r = rw.concept(None)
    with pytest.raises(Forbidden) as f:
        services.aanbieden(
            actor=rw.actor("directeur.bel"),
            rapportage=r,
            besluit=rw.besluit(gezamenlijk=True),
            expected_version=1,
        )
    assert "algemeen bestuur" in str(f.value.detail)
    with pytest.raises(NotFound):  # a municipality's secretaris does not read the joint concept
        services.aanbieden(
            actor=rw.actor("secretaris.laren"),
            rapportage=r,
            besluit=rw.besluit(gezamenlijk=True),
            expected_version=1,
        )
    with pytest.raises(InvalidInput) as e:  # the joint report is not one college's decision
        services.aanbieden(
            actor=rw.actor("wethouder.eemnes"), rapportage=r, besluit=rw.besluit(), expected_version=1
        )
    assert "besluit.orgaan" in e.value.fields
    r = services.aanbieden(
        actor=rw.actor("wethouder.eemnes"),
        rapportage=r,
        besluit=rw.besluit(gezamenlijk=True),
        expected_version=1,
    )
    assert r.status == lifecycle.AANGEBODEN and r.besluit is not None and r.besluit.gemeente_id is None
    assert r.inhoud["besluit"]["orgaan"] == r.besluit.orgaan


# --- corrigeren ---------------------------------------------------------------------------------------------------
def test_a_correction_is_a_new_version_that_supersedes_when_sent(rw: Rapportagewereld) -> None:
    v1 = rw.verzonden()
    directeur = rw.actor("directeur.bel")
    with pytest.raises(InvalidInput) as e:
        services.corrigeren(actor=directeur, rapportage=v1, reden="  ", expected_version=v1.versie)
    assert "reden" in e.value.fields
    with pytest.raises(Forbidden):
        services.corrigeren(
            actor=rw.actor("wethouder.laren"), rapportage=v1, reden="x", expected_version=v1.versie
        )
    with pytest.raises(StaleVersion):
        services.corrigeren(actor=directeur, rapportage=v1, reden="x", expected_version=v1.versie + 5)
    hash_v1, pdf_v1 = v1.inhoud_sha256, v1.pdf_sha256
    v2 = services.corrigeren(
        actor=directeur, rapportage=v1, reden="De uren van augustus ontbraken.", expected_version=v1.versie
    )
    assert (v2.status, v2.volgnummer, v2.voorganger_id) == (lifecycle.CONCEPT, 2, v1.pk)
    assert v2.correctiereden == "De uren van augustus ontbraken." and v2.inhoud is None and not v2.pdf_sha256
    assert v2.toelichting_pool == v1.toelichting_pool and v2.periode == v1.periode
    with pytest.raises(Conflict):  # one correction at a time
        services.corrigeren(actor=directeur, rapportage=v1, reden="nog een", expected_version=v1.versie)
    assert selectors.allowed_actions(directeur, Raadsrapportage.objects.get(pk=v1.pk)) == []
    # until v2 is sent the council holds v1
    assert Raadsrapportage.objects.get(pk=v1.pk).status == lifecycle.AANGEBODEN
    v2 = services.aanbieden(
        actor=rw.actor("burgemeester.laren"),
        rapportage=v2,
        besluit=rw.besluit(kenmerk="B&W 2025-140"),
        expected_version=v2.versie,
    )
    v1 = Raadsrapportage.objects.get(pk=v1.pk)
    assert v1.status == lifecycle.VERVANGEN and v2.status == lifecycle.AANGEBODEN
    assert (v1.inhoud_sha256, v1.pdf_sha256) == (hash_v1, pdf_v1)  # never edited
    assert v2.inhoud["corrigeert"]["id"] == v1.pk and v2.inhoud["correctiereden"] == v2.correctiereden
    assert _acties(v1)[-1] == "raadsrapportage.vervangen"
    with pytest.raises(Conflict):
        services.corrigeren(actor=directeur, rapportage=v1, reden="x", expected_version=v1.versie)
    teksten = [g.wat for g in selectors.geschiedenis(directeur, v1)]
    assert teksten[0] == lifecycle.GEBEURTENISSEN["vervangen"]
    assert any(t.startswith(lifecycle.GEBEURTENISSEN["aanbieden"]) for t in teksten)


# --- the cycle ----------------------------------------------------------------------------------------------------
def test_cyclus_instellen(rw: Rapportagewereld) -> None:
    directeur = rw.actor("directeur.bel")
    standaard = selectors.cyclus_van(rw.bel)
    if standaard.pk is None:
        assert standaard.versie == 0 and standaard.ritme == "pc_cyclus"
        with pytest.raises(StaleVersion):
            services.cyclus_instellen(
                actor=directeur,
                samenwerkingsverband=rw.bel,
                ritme="kwartaal",
                bron="",
                dagen_na_periode=30,
                expected_version=3,
            )
    with pytest.raises(InvalidInput) as e:
        services.cyclus_instellen(
            actor=directeur,
            samenwerkingsverband=rw.bel,
            ritme="maandelijks",
            bron="x" * 301,
            dagen_na_periode=0,
        )
    assert {"ritme", "bron", "dagen_na_periode"} <= set(e.value.fields)
    with pytest.raises(Forbidden):
        services.cyclus_instellen(
            actor=rw.actor("wethouder.laren"),
            samenwerkingsverband=rw.bel,
            ritme="kwartaal",
            bron="",
            dagen_na_periode=30,
        )
    c = services.cyclus_instellen(
        actor=directeur,
        samenwerkingsverband=rw.bel,
        ritme="viermaandelijks",
        bron="Financiële verordening BEL, art. 6",
        dagen_na_periode=30,
        expected_version=standaard.versie,
    )
    assert c.ritme == "viermaandelijks" and c.versie == standaard.versie + 1
    with pytest.raises(StaleVersion):
        services.cyclus_instellen(
            actor=directeur,
            samenwerkingsverband=rw.bel,
            ritme="kwartaal",
            bron="",
            dagen_na_periode=30,
            expected_version=standaard.versie,
        )
    rijen = selectors.perioden_van(rw.bel, 2025)
    assert [p.periode.code for p in rijen] == ["t1", "t2", "t3"]
    assert rijen[0].aanbieden_uiterlijk == dt.date(2025, 5, 30)
    r = services.opstellen(
        actor=directeur, samenwerkingsverband=rw.bel, gemeente=rw.laren, jaar=rw.jaar, periode="t2"
    )
    assert r.periode_naam == "2e tertiaalrapportage"
    assert selectors.wgr_kalender(rw.bel, 2026).termijnen


# --- subscriptions ------------------------------------------------------------------------------------------------
def test_abonneren_en_opzeggen(rw: Rapportagewereld) -> None:
    raadslid = rw.actor("raadslid.laren")
    a = services.abonneren(actor=raadslid, samenwerkingsverband=rw.bel, gemeente=rw.laren)
    assert list(selectors.abonnementen_for(raadslid)) == [a]
    with pytest.raises(Conflict):
        services.abonneren(actor=raadslid, samenwerkingsverband=rw.bel, gemeente=rw.laren)
    with pytest.raises(InvalidInput) as e:
        services.abonneren(actor=raadslid, samenwerkingsverband=rw.bel, gemeente=rw.gemeente("bergeijk"))
    assert "gemeente" in e.value.fields
    alles = services.abonneren(actor=raadslid, samenwerkingsverband=rw.bel, gemeente=None)
    with pytest.raises(NotFound):  # another's subscription is not found
        services.opzeggen(actor=rw.actor("raadslid.blaricum"), abonnement=a)
    with pytest.raises(NotFound):
        services.abonneren(actor=rw.actor("directeur.kempen"), samenwerkingsverband=rw.bel, gemeente=None)
    pk = a.pk
    services.opzeggen(actor=raadslid, abonnement=a)
    assert list(Abonnement.objects.filter(gebruiker=raadslid.user)) == [alles]
    assert AuditEvent.objects.filter(actie="abonnement.opzeggen", object_id=str(pk)).exists()


def test_selectors_for_the_pages(rw: Rapportagewereld) -> None:
    assert [sv.pk for sv in selectors.verbanden_voor_opstellen(rw.actor("directeur.bel"))] == [rw.bel.pk]
    assert not selectors.verbanden_voor_opstellen(rw.actor("raadslid.laren")).exists()
    r = rw.concept()
    assert selectors.rapportage_for(rw.actor("secretaris.laren"), r.pk) == r
    assert selectors.rapportage_for(rw.actor("raadslid.laren"), r.pk) is None
    assert selectors.rapportage_for(rw.actor("raadslid.laren"), "geen-getal") is None
    with pytest.raises(NotFound):
        selectors.weergave_inhoud(rw.actor("raadslid.laren"), r)
    live = selectors.weergave_inhoud(rw.actor("wethouder.laren"), r)
    assert live["periode"]["code"] == rw.periode and live["besluit"] is None
    assert Raadsrapportage.objects.get(pk=r.pk).inhoud is None  # a read never stores
    assert selectors.allowed_actions(rw.actor("wethouder.laren"), r) == ["aanbieden"]
    assert selectors.allowed_actions(rw.actor("secretaris.laren"), r) == ["toelichten_gemeente"]
    assert [g.wat for g in selectors.geschiedenis(rw.actor("directeur.bel"), r)] == ["Concept opgesteld"]
    assert selectors.geschiedenis(rw.actor("raadslid.laren"), r) == []
