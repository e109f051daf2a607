"""The council reports' pages (Django test client on the demo): the list, a report, the actions, the downloads, the
cycle, the subscriptions and the e-mail a subscriber gets (once), for the main roles; refusals keep their status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import escape

from seta.rapportage import berichten, lifecycle
from seta.rapportage.models import Abonnement, Raadsrapportage, Verzending

pytestmark = pytest.mark.django_db


@pytest.fixture
def als(user_named: Callable[[str], Any]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        c = Client()
        c.force_login(user_named(username))
        return c

    return make


def _rapportage(
    gemeente: str | None, periode: str, jaar: int, status: str = lifecycle.AANGEBODEN
) -> Raadsrapportage:
    qs = Raadsrapportage.objects.filter(
        samenwerkingsverband__slug="bel", jaar=jaar, periode=periode, status=status
    )
    qs = qs.filter(gemeente__isnull=True) if gemeente is None else qs.filter(gemeente__slug=gemeente)
    r = qs.order_by("-volgnummer").first()
    assert r is not None, f"demo: no {status} report {periode} {jaar} for {gemeente or 'alle raden'}"
    return r


def _concept() -> Raadsrapportage:
    return _rapportage("laren", "najaarsnota", 2026, lifecycle.CONCEPT)


# --- reading ------------------------------------------------------------------------------------------------------
def test_raadslid_sees_own_municipality_first_and_earlier_reports(als: Callable[[str], Client]) -> None:
    r = als("raadslid.laren").get("/rapportage/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "Eerdere rapportages" in html
    laren = html.index("Laren · BEL")
    assert laren < html.index("Blaricum · BEL") and laren < html.index("Eemnes · BEL")
    assert html.index("Alle raden (gezamenlijke rapportage) · BEL") < html.index("Blaricum · BEL")
    assert f"/rapportage/{_concept().pk}/" not in html  # the council does not see concepts
    assert "Nieuwe rapportage opstellen" not in html


def test_list_filters(als: Callable[[str], Client]) -> None:
    c = als("raadslid.laren")
    html = c.get("/rapportage/", {"jaar": 2025}).content.decode()
    assert "Jaarrekening 2025" in html and "Najaarsnota 2026" not in html
    html = c.get("/rapportage/", {"periode": "najaarsnota"}).content.decode()
    assert "Najaarsnota 2026" in html and "Jaarrekening 2025" not in html
    laren = _rapportage("laren", "najaarsnota", 2026)
    html = c.get("/rapportage/", {"gemeente": laren.gemeente_id}).content.decode()
    assert "Blaricum · BEL" not in html and "Laren · BEL" in html
    assert c.get("/rapportage/", {"jaar": "twintig"}).status_code == 400


def test_raadslid_reads_a_sent_report_with_its_hash(als: Callable[[str], Client]) -> None:
    laren = _rapportage("laren", "najaarsnota", 2026)
    r = als("raadslid.laren").get(f"/rapportage/{laren.pk}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Dit is de versie die de raad heeft ontvangen." in html
    assert laren.pdf_sha256 and laren.pdf_sha256 in html
    assert laren.besluit is not None and escape(laren.besluit.kenmerk) in html
    assert 'data-actie="' not in html  # no buttons for the council


def test_raadslid_opening_a_concept_gets_404(als: Callable[[str], Client]) -> None:
    c = als("raadslid.laren")
    pk = _concept().pk
    for pad in (
        f"/rapportage/{pk}/",
        f"/rapportage/{pk}/pdf",
        f"/rapportage/{pk}/xlsx",
        f"/rapportage/{pk}/aanbieden",
    ):
        assert c.get(pad).status_code == 404, pad


def test_downloads(als: Callable[[str], Client]) -> None:
    laren = _rapportage("laren", "jaarrekening", 2025)
    c = als("raadslid.laren")
    r = c.get(f"/rapportage/{laren.pk}/pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content == bytes(
        Raadsrapportage.objects.get(pk=laren.pk).pdf
    )  # byte for byte what the council got
    r = c.get(f"/rapportage/{laren.pk}/xlsx")
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]
    assert r.content[:2] == b"PK"


def test_pool_sees_concepts_and_may_draft(als: Callable[[str], Client]) -> None:
    c = als("directeur.bel")
    html = c.get("/rapportage/").content.decode()
    assert "Nieuwe rapportage opstellen" in html and f"/rapportage/{_concept().pk}/" in html
    r = c.get("/rapportage/nieuw")
    assert r.status_code == 200 and "Alle raden (gezamenlijke rapportage)" in r.content.decode()
    html = c.get(f"/rapportage/{_concept().pk}/").content.decode()
    assert "Toelichting van de werkorganisatie schrijven" in html
    assert 'data-actie="aanbieden"' not in html  # the college sends it, not the pool


def test_drafting_a_new_concept(als: Callable[[str], Client]) -> None:
    c = als("directeur.bel")
    r = c.get("/rapportage/nieuw")
    assert r.status_code == 200
    eemnes = _rapportage("eemnes", "najaarsnota", 2026)
    r = c.post(
        "/rapportage/nieuw",
        {
            "samenwerkingsverband": eemnes.samenwerkingsverband_id,
            "gemeente": eemnes.gemeente_id,
            "jaar": 2026,
            "periode": "voorjaarsnota",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    nieuw = Raadsrapportage.objects.get(pk=int(r["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert nieuw.status == lifecycle.CONCEPT and nieuw.periode == "voorjaarsnota"
    assert als("raadslid.eemnes").get("/rapportage/nieuw").status_code == 403


def test_secretaris_writes_the_municipality_explanation(als: Callable[[str], Client]) -> None:
    concept = _concept()
    c = als("secretaris.laren")
    html = c.get(f"/rapportage/{concept.pk}/").content.decode()
    assert "Toelichting van de gemeentesecretaris schrijven" in html
    r = c.post(
        f"/rapportage/{concept.pk}/toelichten-gemeente",
        {"toelichten_gemeente-versie": concept.versie, "toelichten_gemeente-tekst": "Het college licht toe."},
    )
    assert r.status_code == 302
    assert Raadsrapportage.objects.get(pk=concept.pk).toelichting_gemeente == "Het college licht toe."
    # a stale version is refused, with the form
    r = c.post(
        f"/rapportage/{concept.pk}/toelichten-gemeente",
        {"toelichten_gemeente-versie": concept.versie, "toelichten_gemeente-tekst": "Oud."},
    )
    assert r.status_code in (409, 412)
    # the pool's explanation is not the secretaris's
    r = c.post(f"/rapportage/{concept.pk}/toelichten-pool", {"toelichten_pool-tekst": "x"})
    assert r.status_code == 403


def test_sending_the_correction_mails_the_subscriber_once(
    als: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    concept = _concept()
    oud = _rapportage("laren", "najaarsnota", 2026)
    assert Abonnement.objects.filter(gebruiker__username="raadslid.laren").exists()
    # the council may not send it
    r = als("raadslid.laren").post(f"/rapportage/{concept.pk}/aanbieden", {})
    assert r.status_code == 404
    r = als("secretaris.laren").post(
        f"/rapportage/{concept.pk}/aanbieden",
        {"aanbieden-versie": concept.versie, "aanbieden-kenmerk": "x", "aanbieden-datum": "2026-11-01"},
    )
    assert r.status_code == 403
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = als("burgemeester.laren").post(
            f"/rapportage/{concept.pk}/aanbieden",
            {
                "aanbieden-versie": concept.versie,
                "aanbieden-kenmerk": "B&W Laren 2026-11-01, besluit 3",
                "aanbieden-datum": "2026-11-01",
            },
        )
    assert r.status_code == 302, r.content.decode()[:3000]
    verzonden = Raadsrapportage.objects.get(pk=concept.pk)
    assert verzonden.status == lifecycle.AANGEBODEN
    assert Raadsrapportage.objects.get(pk=oud.pk).status == lifecycle.VERVANGEN
    aan_raadslid = [m for m in mail.outbox if "raadslid.laren@seta.example" in m.to]
    assert len(aan_raadslid) == 1
    bericht = aan_raadslid[0]
    assert "Gecorrigeerde raadsrapportage" in bericht.subject and "Laren" in bericht.subject
    assert f"/rapportage/{verzonden.pk}/" in bericht.body and bericht.body.count("http") >= 1
    assert (
        Verzending.objects.filter(
            rapportage=verzonden, abonnement__gebruiker__username="raadslid.laren"
        ).count()
        == 1
    )
    # once: a second call sends nothing
    assert berichten.na_publicatie(verzonden) == 0
    assert len([m for m in mail.outbox if "raadslid.laren@seta.example" in m.to]) == 1
    # the old version now says it was replaced
    html = als("raadslid.laren").get(f"/rapportage/{oud.pk}/").content.decode()
    assert "een gecorrigeerde versie vervangt hem" in html


def test_a_concept_is_never_announced() -> None:
    assert berichten.na_publicatie(_concept()) == 0


def test_subscribing_and_unsubscribing(als: Callable[[str], Client]) -> None:
    c = als("raadslid.eemnes")
    html = c.get("/rapportage/").content.decode()
    assert "Abonneren op nieuwe rapportages van Eemnes" in html
    eemnes = _rapportage("eemnes", "najaarsnota", 2026)
    r = c.post(
        "/rapportage/abonneren",
        {"samenwerkingsverband": eemnes.samenwerkingsverband_id, "gemeente": eemnes.gemeente_id},
    )
    assert r.status_code == 302
    abonnement = Abonnement.objects.get(gebruiker__username="raadslid.eemnes", gemeente_id=eemnes.gemeente_id)
    html = c.get("/rapportage/").content.decode()
    assert f"/rapportage/abonnementen/{abonnement.pk}/opzeggen" in html
    # someone else's subscription is not theirs to cancel
    van_laren = Abonnement.objects.get(gebruiker__username="raadslid.laren")
    assert c.post(f"/rapportage/abonnementen/{van_laren.pk}/opzeggen").status_code == 404
    assert c.get(f"/rapportage/abonnementen/{abonnement.pk}/opzeggen").status_code == 405
    assert c.post(f"/rapportage/abonnementen/{abonnement.pk}/opzeggen").status_code == 302
    assert not Abonnement.objects.filter(pk=abonnement.pk).exists()


def test_cycle_page(als: Callable[[str], Client]) -> None:
    r = als("raadslid.laren").get("/rapportage/cyclus/bel/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "art. 34b Wgr" in html and "Stb. 2022" in html and "Financiële verordening" in html
    assert "Cyclus opslaan" not in html
    assert als("raadslid.laren").post("/rapportage/cyclus/bel/", {"ritme": "kwartaal"}).status_code == 403
    c = als("directeur.bel")
    assert "Cyclus opslaan" in c.get("/rapportage/cyclus/bel/").content.decode()
    assert c.get("/rapportage/cyclus/bestaat-niet/").status_code == 404


def test_home_panels_and_menu(als: Callable[[str], Client]) -> None:
    html = als("raadslid.laren").get("/").content.decode()
    assert "Nieuwste raadsrapportage" in html and "Raadsrapportages" in html
    assert "Raadsrapportages in voorbereiding" not in html
    html = als("directeur.bel").get("/").content.decode()
    assert "Raadsrapportages in voorbereiding" in html
    html = als("secretaris.laren").get("/").content.decode()
    assert "Raadsrapportages in voorbereiding" in html


def test_assignment_list_filter_and_cost_column(als: Callable[[str], Client]) -> None:
    c = als("raadslid.laren")
    alle = c.get("/opdrachten/")
    assert alle.status_code == 200
    ja = c.get("/opdrachten/", {"naar_raad": "ja"}).content.decode()
    nee = c.get("/opdrachten/", {"naar_raad": "nee"}).content.decode()
    assert 'value="ja" selected' in ja and 'value="nee" selected' in nee
    assert "Kosten tot nu toe" in alle.content.decode()
