"""Nothing may name or link a record its reader may not open (issue 8, "Confidentiality").

A board question, an agenda item or a harmonisation hint may point at an assignment the reader may not open
(a confidential one, a draft, another partner's). Then the pages and the API show a neutral text (API: null),
never its number, title or link. The generic test walks every demo login over every representation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.errors import InvalidInput
from seta.gemeenten.models import Gemeente, Portefeuille
from seta.opdrachten import lifecycle, selectors, services
from seta.opdrachten.models import (
    Agendapunt,
    Bestuursopdracht,
    Bestuursvraag,
    Overleg,
    Overlegsoort,
)

Wereld = Any


def _vertrouwelijke_raadsvraag(wereld: Wereld) -> tuple[Bestuursopdracht, Bestuursvraag]:
    """The probe's case: a question to Blaricum's council on Blaricum's confidential assignment. The service now
    refuses to create it, so it is written as data from before the fix (which the pages must still not leak)."""
    opdracht = wereld.in_status(lifecycle.INTAKE, vertrouwelijk=True)
    opdracht.titel = "Geheime reorganisatie zorgloket"
    opdracht.save(update_fields=["titel"])
    vraag = Bestuursvraag.objects.create(
        samenwerkingsverband=wereld.bel,
        gemeente=Gemeente.objects.get(slug="blaricum"),
        bestuursopdracht=opdracht,
        gericht_aan="raad",
        onderwerp="Welke kaders stelt de raad?",
        vraag="Graag uw kaders.",
        gesteld_op=timezone.localdate(),
        uiterlijk=timezone.localdate() + dt.timedelta(days=14),
    )
    return opdracht, vraag


def test_raadslid_sees_question_but_not_the_confidential_assignment(
    wereld: Wereld, api_as: Callable[[str | None], APIClient], client: Client, user_named: Any
) -> None:
    opdracht, vraag = _vertrouwelijke_raadsvraag(wereld)
    api = api_as("raadslid.blaricum")
    assert api.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}").status_code == 404
    data = api.get(f"/api/v1/bestuursvragen/{vraag.pk}").json()
    assert data["onderwerp"] == vraag.onderwerp and data["bestuursopdracht"] is None
    lijst = api.get("/api/v1/bestuursvragen", {"paginaGrootte": 500}).json()["results"]
    assert next(v for v in lijst if v["id"] == vraag.pk)["bestuursopdracht"] is None

    client.force_login(user_named("raadslid.blaricum"))
    for url in (f"/opdrachten/vragen/{vraag.pk}", "/opdrachten/vragen?status=alle"):
        html = client.get(url).content.decode()
        assert opdracht.nummer not in html and opdracht.titel not in html, url
        assert f"/opdrachten/{opdracht.pk}" not in html
    assert selectors.NIET_ZICHTBAAR in client.get(f"/opdrachten/vragen/{vraag.pk}").content.decode()

    # Those who may open it still see it, linked.
    assert api_as("wethouder.blaricum").get(f"/api/v1/bestuursvragen/{vraag.pk}").json()[
        "bestuursopdracht"
    ] == (opdracht.pk)
    client.force_login(user_named("griffier.blaricum"))
    assert opdracht.nummer not in client.get(f"/opdrachten/vragen/{vraag.pk}").content.decode()
    client.force_login(user_named("wethouder.blaricum"))
    assert opdracht.nummer in client.get(f"/opdrachten/vragen/{vraag.pk}").content.decode()


@pytest.mark.parametrize("vertrouwelijk", [True, False], ids=["vertrouwelijk", "concept"])
def test_pool_cannot_ask_the_council_about_what_it_may_not_see(
    vertrouwelijk: bool, wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    status = lifecycle.INTAKE if vertrouwelijk else lifecycle.CONCEPT
    opdracht = wereld.in_status(status, vertrouwelijk=vertrouwelijk)
    payload = {
        "bestuursopdracht": opdracht.pk,
        "gemeente": "blaricum",
        "gerichtAan": "raad",
        "onderwerp": "Kaders?",
        "vraag": "Welke kaders stelt de raad?",
        "uiterlijk": str(timezone.localdate() + dt.timedelta(days=14)),
    }
    wie = "teamleider.bel" if vertrouwelijk else "regisseur.blaricum"
    r = api_as(wie).post("/api/v1/bestuursvragen", payload, format="json")
    assert r.status_code == 400, r.content
    assert "gemeenteraad kan haar niet inzien" in str(r.json())
    # To the college it is fine.
    r = api_as(wie).post("/api/v1/bestuursvragen", {**payload, "gerichtAan": "college"}, format="json")
    assert r.status_code == 201, r.content


def test_service_refuses_council_question_on_confidential_assignment(wereld: Wereld) -> None:
    opdracht = wereld.in_status(lifecycle.INTAKE, vertrouwelijk=True)
    with pytest.raises(InvalidInput) as exc:
        services.ask(
            actor=wereld.actor("directeur.bel"),
            gemeente=Gemeente.objects.get(slug="blaricum"),
            gericht_aan="raad",
            onderwerp="Kaders?",
            vraag="Welke kaders?",
            uiterlijk=timezone.localdate() + dt.timedelta(days=7),
            bestuursopdracht=opdracht,
        )
    assert "gericht_aan" in exc.value.fields


def test_agenda_item_of_another_partner_is_not_named(
    wereld: Wereld, api_as: Callable[[str | None], APIClient], client: Client, user_named: Any
) -> None:
    """On a joint meeting Eemnes's people see that there is an item, not Blaricum's assignment behind it."""
    opdracht = wereld.in_status(lifecycle.IN_UITVOERING)
    opdracht.titel = "Uniek Blaricums minimaplan"
    opdracht.save(update_fields=["titel"])
    overleg = services.plan_meeting(
        actor=wereld.actor("directeur.bel"),
        soort=Overlegsoort.GEZAMENLIJK,
        samenwerkingsverband=wereld.bel,
        gemeenten=list(Gemeente.objects.filter(slug__in=["blaricum", "eemnes"])),
        thema="Sociaal domein",
        titel="Gezamenlijk overleg sociaal domein",
        datum=timezone.localdate() + dt.timedelta(days=10),
    )
    services.add_agenda_item(actor=wereld.actor("directeur.bel"), overleg=overleg, bestuursopdracht=opdracht)
    api = api_as("wethouder.eemnes")
    assert api.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}").status_code == 404
    for url in (f"/api/v1/overleggen/{overleg.pk}", f"/api/v1/overleggen/{overleg.pk}/agendapunten"):
        body = api.get(url).content.decode()
        assert opdracht.nummer not in body and opdracht.titel not in body, url
    punten = api.get(f"/api/v1/overleggen/{overleg.pk}/agendapunten").json()
    assert punten[0]["bestuursopdracht"] is None
    client.force_login(user_named("wethouder.eemnes"))
    html = client.get(f"/opdrachten/overleggen/{overleg.pk}").content.decode()
    assert opdracht.nummer not in html and opdracht.titel not in html
    # Blaricum's wethouder sees it, linked.
    assert api_as("wethouder.blaricum").get(f"/api/v1/overleggen/{overleg.pk}/agendapunten").json()[0][
        "bestuursopdracht"
    ] == (opdracht.pk)


# --- the generic "no leak" test -------------------------------------------------------------------------------------------
def _gelinkte_opdrachten() -> list[Bestuursopdracht]:
    ids = set(
        Bestuursvraag.objects.exclude(bestuursopdracht=None).values_list("bestuursopdracht_id", flat=True)
    )
    ids |= set(
        Agendapunt.objects.exclude(bestuursopdracht=None).values_list("bestuursopdracht_id", flat=True)
    )
    return list(Bestuursopdracht.objects.filter(pk__in=ids).prefetch_related("opdrachtgevers"))


def _alle_paginas(get: Callable[[str], Any], url: str) -> list[str]:
    teksten = []
    pagina = 1
    while True:
        sep = "&" if "?" in url else "?"
        r = get(f"{url}{sep}pagina={pagina}")
        assert r.status_code == 200, url
        tekst = r.content.decode()
        teksten.append(tekst)
        if f"pagina={pagina + 1}" not in tekst or pagina > 40:
            return teksten
        pagina += 1


def test_no_representation_names_an_assignment_its_reader_may_not_open(wereld: Wereld) -> None:
    _vertrouwelijke_raadsvraag(wereld)
    gelinkt = _gelinkte_opdrachten()
    vragen = list(Bestuursvraag.objects.select_related("bestuursopdracht"))
    overleggen = list(Overleg.objects.all())
    web, api = Client(), APIClient()
    fouten: list[str] = []
    gebruikers = [u for u in get_user_model().objects.order_by("username") if actor_for(u).rollen]
    assert len(gebruikers) > 20
    for user in gebruikers:
        actor = actor_for(user)
        verborgen = [o for o in gelinkt if not policy.can(actor, "bestuursopdracht.lezen", o)]
        if not verborgen:
            continue
        leesbare_titels = set(selectors.bestuursopdrachten_for(actor).values_list("titel", flat=True))
        patronen = [
            (
                o,
                # (not inside a harmonisation proposal's number: HV-BEL-2026-002 is not assignment BEL-2026-002)
                re.compile(r"(?<!HV-)" + re.escape(o.nummer) + r"(?!\d)"),
                # the whole title: "Actieve openbaarmaking (Woo) Oirschot" is not named by a readable
                # "Actieve openbaarmaking (Woo) Oirschot en Reusel-De Mierden"
                re.compile(re.escape(o.titel) + r"(?!\s*\w)") if o.titel not in leesbare_titels else None,
            )
            for o in verborgen
        ]
        web.force_login(user)
        api.force_authenticate(user=user)
        teksten: list[tuple[str, str]] = []
        teksten += [("/", web.get("/").content.decode())]
        teksten += [("web vragen", t) for t in _alle_paginas(web.get, "/opdrachten/vragen?status=alle")]
        teksten += [
            ("api vragen", t) for t in _alle_paginas(api.get, "/api/v1/bestuursvragen?paginaGrootte=200")
        ]
        verborgen_ids = {o.pk for o in verborgen}
        for v in vragen:
            if v.bestuursopdracht_id in verborgen_ids and policy.can(actor, "bestuursvraag.lezen", v):
                teksten.append((f"vraag {v.pk}", web.get(f"/opdrachten/vragen/{v.pk}").content.decode()))
                teksten.append(
                    (f"api vraag {v.pk}", api.get(f"/api/v1/bestuursvragen/{v.pk}").content.decode())
                )
        for ov in overleggen:
            if policy.can(actor, "overleg.lezen", ov):
                teksten.append(
                    (f"overleg {ov.pk}", web.get(f"/opdrachten/overleggen/{ov.pk}").content.decode())
                )
                teksten.append(
                    (f"api overleg {ov.pk}", api.get(f"/api/v1/overleggen/{ov.pk}").content.decode())
                )
        for waar, tekst in teksten:
            for o, nummer, titel in patronen:
                if nummer.search(tekst) or (titel and titel.search(tekst)) or f'/opdrachten/{o.pk}"' in tekst:
                    fouten.append(
                        f"{user.username}: {waar} noemt {o.nummer} ({o.get_vertrouwelijkheid_display()})"
                    )
    assert not fouten, "\n".join(sorted(set(fouten))[:40])


# --- suggestions count only what may be counted -----------------------------------------------------------------------------
def test_suggestions_do_not_count_drafts(wereld: Wereld, api_as: Callable[[str | None], APIClient]) -> None:
    """Two partners with a running public assignment on the same item give a suggestion; a draft never counts."""
    overleg = services.plan_meeting(
        actor=wereld.actor("directeur.bel"),
        soort=Overlegsoort.GEZAMENLIJK,
        samenwerkingsverband=wereld.bel,
        gemeenten=list(Gemeente.objects.filter(slug__in=["blaricum", "laren"])),
        thema="Overleg zonder portefeuille",
        titel="Gezamenlijk overleg",
        datum=timezone.localdate() + dt.timedelta(days=10),
    )
    services.add_agenda_item(actor=wereld.actor("directeur.bel"), overleg=overleg, onderwerp="Rondvraag")

    def aantal_laren() -> int:
        r = api_as("wethouder.blaricum").get(f"/api/v1/overleggen/{overleg.pk}/suggesties")
        assert r.status_code == 200
        rij = next((s for s in r.json() if s["catalogusitem"] == wereld.item.pk), None)
        return int(rij["gemeenten"].get("Laren", 0)) if rij else 0

    wereld.in_status(lifecycle.IN_UITVOERING)  # Blaricum runs one on the item
    pf = Portefeuille.objects.filter(gemeente__slug="laren").order_by("naam").first()
    assert pf is not None
    voor = aantal_laren()
    wereld.draft(gemeenten=(("laren", pf.naam),), door="burgemeester.laren")
    assert aantal_laren() == voor, "a draft of Laren (invisible to Blaricum) must not be counted"
    lopend = wereld.draft(gemeenten=(("laren", pf.naam),), door="burgemeester.laren")
    services.commission(actor=wereld.actor("burgemeester.laren"), opdracht=lopend)
    assert aantal_laren() == voor + 1
