"""A record's page and the API offer the same actions: the buttons on the page of a record are exactly its
``toegestaneActies`` in the API, for every demo login and a sample of records in every state. Both come
from one function: ``selectors.allowed_actions`` → ``policy.toegestane_acties`` for a bestuursopdracht,
``policy.toegestane_acties`` (the model's action table) for a week, a change request, a board question,
a distribution model, a settlement and a join/leave scenario."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client
from rest_framework.test import APIClient

from seta.autorisaties.actor import actor_for
from seta.financien import selectors as financien_selectors
from seta.financien.models import Afrekening, Verdeelmodel
from seta.opdrachten import selectors
from seta.opdrachten import services as opdrachten_services
from seta.opdrachten.models import Bestuursopdracht, Bestuursvraag, Overleg, Wijzigingsverzoek
from seta.uren import selectors as uren_selectors
from seta.uren.models import Weekstaat, Weekstatus

pytestmark = pytest.mark.django_db

ACTIE_FORM = re.compile(r'<form method="post" action="/opdrachten/(\d+)/actie/([a-z_]+)"')


@dataclass
class Vergelijking:
    """Per record a login sees: the buttons its page shows against ``toegestaneActies`` in the API."""

    compared: int = 0
    met_acties: int = 0
    offered: set[str] = field(default_factory=set)
    mismatches: list[str] = field(default_factory=list)

    def login(
        self,
        user: Any,
        pks: Iterable[int],
        pagina: str,
        api_pad: str,
        knoppen: Callable[[str, int], list[str]],
        *,
        soort: str = "",
        sorteer: bool = False,
    ) -> None:
        web = Client()
        web.force_login(user)
        api = APIClient()
        api.force_authenticate(user=user)
        for pk in pks:
            page = web.get(pagina.format(pk))
            assert page.status_code == 200, (user.username, pk, page.status_code)
            gevonden = knoppen(page.content.decode(), pk)
            body = api.get(api_pad.format(pk))
            assert body.status_code == 200, (user.username, pk, body.status_code)
            acties = body.json()["toegestaneActies"]
            if sorteer:
                acties = sorted(acties)
            self.compared += 1
            self.met_acties += bool(acties)
            self.offered.update(acties)
            if gevonden != acties:
                self.mismatches.append(f"{user.username} on {soort}{pk}: page {gevonden}, API {acties}")


def _sample() -> list[Bestuursopdracht]:
    """Per state: a confidential one, a joint one and another (so every state and side is exercised)."""
    result: dict[int, Bestuursopdracht] = {}
    # The cooperation with the most assignments (every state occurs there); other pools' logins see none.
    sv_id = (
        Bestuursopdracht.objects.values("samenwerkingsverband_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("samenwerkingsverband_id", flat=True)
        .first()
    )
    alle = Bestuursopdracht.objects.filter(samenwerkingsverband_id=sv_id)
    for status in alle.values_list("status", flat=True).distinct():
        qs = alle.filter(status=status).order_by("pk")
        for o in [
            qs.filter(vertrouwelijkheid="vertrouwelijk").first(),
            next(
                (x for x in qs.prefetch_related("opdrachtgevers")[:40] if x.opdrachtgevers.count() > 1), None
            ),
            qs.first(),
        ]:
            if o is not None:
                result[o.pk] = o
    return list(result.values())


def _opdracht_buttons(html: str, pk: int) -> list[str]:
    return [actie for nr, actie in ACTIE_FORM.findall(html) if int(nr) == pk]


def test_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    sample = _sample()
    assert len({o.status for o in sample}) >= 8, "the demo has assignments in most states"
    ids = [o.pk for o in sample]
    v = Vergelijking()
    for nummer, user in enumerate(get_user_model().objects.order_by("username")):
        # What this login sees of the sample: one per state and confidentiality (keeps the test fast).
        rijen = (
            selectors.bestuursopdrachten_for(actor_for(user))
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("status", "vertrouwelijkheid", "pk")
        )
        zichtbaar = sorted(
            {(status, vertrouwelijk): pk for status, vertrouwelijk, pk in reversed(rijen)}.values()
        )
        if not zichtbaar:
            continue
        # At most four per login, a different four for the next login of the same kind.
        begin = nummer % len(zichtbaar)
        zichtbaar = (zichtbaar[begin:] + zichtbaar[:begin])[:4]
        v.login(user, zichtbaar, "/opdrachten/{}", "/api/v1/bestuursopdrachten/{}", _opdracht_buttons)
    assert v.mismatches == []
    assert v.compared > 60 and v.met_acties > 10, (v.compared, v.met_acties)


FORM = re.compile(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', re.S)
WEEK_ACTION = re.compile(r"^/uren/weekstaten/\d+/(goedkeuren|heropenen)$")


def _week_buttons(html: str) -> list[str]:
    result = []
    for action, inhoud in FORM.findall(html):
        if m := WEEK_ACTION.match(action):
            result.append(m.group(1))
        elif action.startswith("/uren/?week=") and 'name="actie" value="indienen"' in inhoud:
            result.append("indienen")
    return result


def _weeks() -> list[Weekstaat]:
    """Open weeks with and without hours, submitted and approved weeks, across the pools and units."""
    result: list[Weekstaat] = []
    for status in (Weekstatus.OPEN, Weekstatus.INGEDIEND, Weekstatus.GOEDGEKEURD):
        qs = Weekstaat.objects.filter(status=status).order_by(
            "samenwerkingsverband_id", "medewerker__eenheid_id", "-jaar", "-week"
        )
        seen: set[tuple[int, int | None]] = set()
        for w in qs.select_related("medewerker")[:400]:
            key = (w.samenwerkingsverband_id, w.medewerker.eenheid_id)
            if key not in seen:
                seen.add(key)
                result.append(w)
    leeg = Weekstaat.objects.filter(status=Weekstatus.OPEN, regels__isnull=True).first()
    if leeg is not None:
        result.append(leeg)
    return result


def test_week_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    sample = _weeks()
    ids = [w.pk for w in sample]
    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            uren_selectors.weekstaten_for(actor_for(user)).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        v.login(
            user,
            zichtbaar,
            "/uren/weekstaten/{}",
            "/api/v1/weekstaten/{}",
            lambda h, _: _week_buttons(h),
            soort="week ",
        )
    assert v.mismatches == []
    assert v.compared > 50 and v.offered == {"indienen", "goedkeuren", "heropenen"}, (v.compared, v.offered)


VERDEELMODEL_ACTION = re.compile(r"^/financien/verdeelmodellen/\d+/(nieuwe-versie|vaststellen)$")
ACTIE_KNOP = re.compile(r'name="actie" value="([a-z_-]+)"')


def _verdeelmodel_buttons(html: str) -> list[str]:
    result = []
    for action, _inhoud in FORM.findall(html):
        if m := VERDEELMODEL_ACTION.match(action):
            result.append(m.group(1))
    # A concept is changed in the model form, a page of its own: the page links to it.
    if re.search(r'href="/financien/verdeelmodellen/\d+/bewerken"', html):
        result.append("wijzigen")
    return sorted(result)


def _afrekening_buttons(html: str) -> list[str]:
    return sorted(
        knop
        for action, inhoud in FORM.findall(html)
        if action.endswith("/actie")
        for knop in ACTIE_KNOP.findall(inhoud)
    )


@pytest.mark.parametrize(
    ("model", "selector", "page", "api", "buttons"),
    [
        (
            Verdeelmodel,
            financien_selectors.verdeelmodellen_for,
            "/financien/verdeelmodellen/{}",
            "/api/v1/verdeelmodellen/{}",
            _verdeelmodel_buttons,
        ),
        (
            Afrekening,
            financien_selectors.afrekeningen_for,
            "/financien/afrekeningen/{}",
            "/api/v1/afrekeningen/{}",
            _afrekening_buttons,
        ),
    ],
    ids=["verdeelmodel", "afrekening"],
)
def test_financial_page_buttons_equal_toegestane_acties_for_every_demo_login(
    model: Any, selector: Any, page: str, api: str, buttons: Any
) -> None:
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[:30])
    assert ids
    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(selector(actor_for(user)).filter(pk__in=ids).values_list("pk", flat=True))
        if not zichtbaar:
            continue
        v.login(user, zichtbaar, page, api, lambda h, _: buttons(h), sorteer=True)
    assert v.mismatches == []
    assert v.compared > 20 and v.offered, (v.compared, v.offered)


DEELNEMERSSCENARIO_ACTION = re.compile(r"^/financien/deelnemersscenarios/\d+/(berekenen)$")


def _deelnemersscenario_buttons(html: str) -> list[str]:
    return sorted(
        m.group(1) for action, _inhoud in FORM.findall(html) if (m := DEELNEMERSSCENARIO_ACTION.match(action))
    )


def test_member_scenario_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    import datetime as dt

    from seta.financien import mutaties
    from seta.gemeenten.models import Gemeente
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    controller = actor_for(get_user_model().objects.get(username="controller.bel"))
    scenario = mutaties.draft_member_scenario(
        actor=controller,
        samenwerkingsverband=Samenwerkingsverband.objects.get(slug="bel"),
        soort="uittreding",
        gemeente=Gemeente.objects.get(slug="eemnes"),
        datum=dt.date(2027, 1, 1),
    )
    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        if not mutaties.deelnemersscenarios_for(actor_for(user)).filter(pk=scenario.pk).exists():
            continue
        v.login(
            user,
            [scenario.pk],
            "/financien/deelnemersscenarios/{}",
            "/api/v1/deelnemersscenarios/{}",
            lambda h, _: _deelnemersscenario_buttons(h),
            sorteer=True,
        )
    assert v.mismatches == []
    assert v.compared > 10 and v.offered == {"berekenen"}, (v.compared, v.offered)


VERZOEK_FORM = re.compile(r'action="/opdrachten/wijzigingsverzoeken/(\d+)/goedkeuren"(.*?)</form>', re.S)


def _verzoek_buttons(html: str) -> dict[int, list[str]]:
    """Per change request on an assignment's page: its decision buttons."""
    result = {}
    for pk, inhoud in VERZOEK_FORM.findall(html):
        knoppen = ["goedkeuren"]
        if f'formaction="/opdrachten/wijzigingsverzoeken/{pk}/afwijzen"' in inhoud:
            knoppen.append("afwijzen")
        result[int(pk)] = knoppen
    return result


def test_change_request_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    # The change requests of a few assignments: all submitted ones first, then decided ones.
    opdrachten = list(
        dict.fromkeys(
            Wijzigingsverzoek.objects.order_by("-status", "pk").values_list("bestuursopdracht_id", flat=True)
        )
    )[:8]
    verzoeken = list(
        Wijzigingsverzoek.objects.filter(bestuursopdracht_id__in=opdrachten)
        .order_by("pk")
        .values_list("pk", "bestuursopdracht_id")
    )
    assert "ingediend" in set(
        Wijzigingsverzoek.objects.filter(pk__in=[pk for pk, _ in verzoeken]).values_list("status", flat=True)
    )
    mismatches = []
    compared = 0
    offered: set[str] = set()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = set(
            selectors.wijzigingsverzoeken_for(actor_for(user))
            .filter(pk__in=[pk for pk, _ in verzoeken])
            .values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        web = Client()
        web.force_login(user)
        api = APIClient()
        api.force_authenticate(user=user)
        for opdracht_id in sorted({o for pk, o in verzoeken if pk in zichtbaar}):
            page = web.get(f"/opdrachten/{opdracht_id}")
            assert page.status_code == 200, (user.username, opdracht_id, page.status_code)
            knoppen = _verzoek_buttons(page.content.decode())
            for pk in (pk for pk, o in verzoeken if o == opdracht_id and pk in zichtbaar):
                body = api.get(f"/api/v1/wijzigingsverzoeken/{pk}")
                assert body.status_code == 200, (user.username, pk, body.status_code)
                acties = body.json()["toegestaneActies"]
                compared += 1
                offered.update(acties)
                if knoppen.get(pk, []) != acties:
                    mismatches.append(
                        f"{user.username} on change request {pk}: page {knoppen.get(pk)}, API {acties}"
                    )
    assert mismatches == []
    assert compared > 10 and offered == {"goedkeuren", "afwijzen"}, (compared, offered)


VRAAG_ACTION = re.compile(r"^/opdrachten/vragen/(\d+)(/intrekken)?$")


def _vraag_buttons(html: str, pk: int) -> list[str]:
    """The forms on a question's page: answering posts to the page, withdrawing to ``…/intrekken``."""
    result = []
    for action, _inhoud in FORM.findall(html):
        if (m := VRAAG_ACTION.match(action)) and int(m.group(1)) == pk:
            result.append("intrekken" if m.group(2) else "beantwoorden")
    return result


def _vragen() -> list[Bestuursvraag]:
    """Per status, addressee (college, wethouder, raad) and municipality: a question."""
    result: dict[tuple[str, str, int], Bestuursvraag] = {}
    for v in Bestuursvraag.objects.order_by("pk"):
        result.setdefault((v.status, v.gericht_aan, v.gemeente_id), v)
    return list(result.values())


def test_question_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    # The demo has open and answered questions; withdraw one (by its asker) so the final state is sampled too.
    vraag = Bestuursvraag.objects.filter(status="open", gesteld_door__isnull=False).order_by("-pk").first()
    assert vraag is not None
    opdrachten_services.withdraw_question(
        actor=actor_for(vraag.gesteld_door), vraag=vraag, reden="Steekproef", expected_version=vraag.versie
    )
    sample = _vragen()
    assert {v.status for v in sample} == {"open", "beantwoord", "ingetrokken"}, "the demo has every status"
    ids = [v.pk for v in sample]
    v = Vergelijking()
    for nummer, user in enumerate(get_user_model().objects.order_by("username")):
        rijen = (
            selectors.bestuursvragen_for(actor_for(user))
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("status", "gericht_aan", "pk")
        )
        # Per status and addressee one question this login sees, a different one for the next login.
        per_soort: dict[tuple[str, str], list[int]] = {}
        for status, gericht_aan, pk in rijen:
            per_soort.setdefault((status, gericht_aan), []).append(pk)
        zichtbaar = sorted(pks[nummer % len(pks)] for pks in per_soort.values())
        if not zichtbaar:
            continue
        v.login(
            user,
            zichtbaar,
            "/opdrachten/vragen/{}",
            "/api/v1/bestuursvragen/{}",
            _vraag_buttons,
            soort="question ",
        )
    assert v.mismatches == []
    assert v.compared > 50 and v.offered == {"beantwoorden", "intrekken"}, (v.compared, v.offered)


POST_FORM = re.compile(r'<form method="post"[^>]*>(.*?)</form>', re.S)
OVERLEG_FORMULIEREN = {
    "agenda": "agendapunt-toevoegen",
    "suggestie": "agendapunt-toevoegen",  # a suggested subject put on the agenda with one button
    "besluit": "besluit-vastleggen",
}


def _overleg_buttons(html: str) -> list[str]:
    """The forms on a meeting's page (they post to the page itself, named by their hidden ``formulier``)."""
    gevonden = (
        OVERLEG_FORMULIEREN.get(m.group(1), m.group(1))
        for inhoud in POST_FORM.findall(html)
        if (m := re.search(r'name="formulier" value="([a-z]+)"', inhoud))
    )
    return list(dict.fromkeys(gevonden))


def test_meeting_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    ids = list(Overleg.objects.order_by("pk").values_list("pk", flat=True)[:30])
    assert {"portefeuillehoudersoverleg", "gezamenlijk"} <= set(
        Overleg.objects.filter(pk__in=ids).values_list("soort", flat=True)
    )
    v = Vergelijking()
    for nummer, user in enumerate(get_user_model().objects.order_by("username")):
        zichtbaar = list(
            selectors.overleggen_for(actor_for(user))
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        # At most four per login, a different four for the next login.
        begin = nummer % len(zichtbaar)
        zichtbaar = (zichtbaar[begin:] + zichtbaar[:begin])[:4]
        v.login(
            user,
            zichtbaar,
            "/opdrachten/overleggen/{}",
            "/api/v1/overleggen/{}",
            lambda h, _: _overleg_buttons(h),
            soort="meeting ",
        )
    assert v.mismatches == []
    assert v.compared > 20 and v.offered == {"agendapunt-toevoegen", "besluit-vastleggen"}, (
        v.compared,
        v.offered,
    )


def test_the_parsers_find_the_buttons() -> None:
    """The pages' action forms have the shape the test parses (else it would compare empty lists)."""
    html = '<form method="post" action="/opdrachten/12/actie/opdragen" class="seta-form">'
    assert ACTIE_FORM.findall(html) == [("12", "opdragen")]
    week = (
        '<form method="post" action="/uren/?week=2026-W03" class="seta-actions"><input name="versie">'
        '<button type="submit" name="actie" value="indienen">Week indienen</button></form>'
        '<form method="post" action="/uren/weekstaten/7/goedkeuren" class="seta-actions"><button>x</button></form>'
        '<form method="post" action="/uren/weekstaten/7/heropenen" class="seta-form"><button>y</button></form>'
    )
    assert _week_buttons(week) == ["indienen", "goedkeuren", "heropenen"]
    vraag = (
        '<form method="post" action="/opdrachten/vragen/5" class="seta-form" novalidate><button>a</button></form>'
        '<form method="post" action="/opdrachten/vragen/5/intrekken" class="seta-form"><button>b</button></form>'
    )
    assert _vraag_buttons(vraag, 5) == ["beantwoorden", "intrekken"]
    overleg = (
        '<form method="post" class="seta-form seta-card" novalidate><input type="hidden" name="formulier" '
        'value="agenda"><button>a</button></form><form method="post" class="seta-inline-form"><input '
        'type="hidden" name="formulier" value="suggestie"></form><form method="post" class="seta-form">'
        '<input type="hidden" name="formulier" value="besluit"></form>'
    )
    assert _overleg_buttons(overleg) == ["agendapunt-toevoegen", "besluit-vastleggen"]


def test_voorschotschema_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    """Advance schedules in every state: the demo's (sent) ones, plus a concept and an adopted one made here."""
    from seta.financien import services as financien_services
    from seta.financien import voorschotten
    from seta.financien.models import Voorschotschema
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    bel = Samenwerkingsverband.objects.get(slug="bel")
    controller = actor_for(get_user_model().objects.get(username="controller.bel"))
    partners = [d.gemeente for d in bel.deelnemers.select_related("gemeente")]
    import datetime as dt

    from seta.financien import jaar as jaarcyclus
    from seta.samenwerkingsverbanden.besluiten import BesluitInvoer

    ab = actor_for(get_user_model().objects.get(username="burgemeester.laren"))
    for jaar in (2029, 2030):
        financien_services.set_tariff(actor=controller, samenwerkingsverband=bel, jaar=jaar, uurtarief="90")
        begroting = financien_services.save_budget(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=jaar,
            personeel="1000",
            materieel="0",
            overhead="0",
            bijdragen=[financien_services.Bijdrageinvoer(g, inbreng="1") for g in partners],
        )
        jaarcyclus.adopt_budget(
            actor=ab,
            begroting=begroting,
            besluit=BesluitInvoer("algemeen_bestuur", f"AB {jaar - 1}-07", dt.date(2026, 7, 2)),
        )
        schema = voorschotten.calculate_schedule(actor=controller, samenwerkingsverband=bel, jaar=jaar)
    voorschotten.adopt_schedule(actor=controller, schema=schema)
    ids = list(Voorschotschema.objects.order_by("pk").values_list("pk", flat=True))
    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            voorschotten.schemas_for(actor_for(user)).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        v.login(
            user,
            zichtbaar,
            "/financien/voorschotten/{}",
            "/api/v1/voorschotschemas/{}",
            lambda h, _: _afrekening_buttons(h),
            sorteer=True,
        )
    assert v.mismatches == []
    assert v.compared > 20 and v.offered == {"opnieuw", "vaststellen", "verzenden"}, (v.compared, v.offered)


def test_budget_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    """A concept budget (2026, set up from 2025) and an adopted one (2025) on the year page and in the API."""
    from seta.financien import jaar
    from seta.financien.models import Begroting, Voorschotschema
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    bel = Samenwerkingsverband.objects.get(slug="bel")
    # the demo's jaar=2026 budget goes, with the advances computed from it
    Voorschotschema.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    Begroting.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    jaar.prepare_year(
        actor=actor_for(get_user_model().objects.get(username="controller.bel")),
        samenwerkingsverband=bel,
        jaar=2026,
        van_jaar=2025,
        loonindex="3",
        prijsindex="2",
    )
    begrotingen = {b.pk: b for b in Begroting.objects.filter(samenwerkingsverband=bel, jaar__in=[2025, 2026])}
    assert {b.status for b in begrotingen.values()} == {"concept", "vastgesteld"}

    def knoppen(html: str, pk: int) -> list[str]:
        j = begrotingen[pk].jaar
        result = []
        if f'href="/financien/bel/{j}/begroting"' in html:
            result.append("wijzigen")
        if f'action="/financien/bel/{j}/vaststellen"' in html:
            result.append("vaststellen")
        return sorted(result)

    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            financien_selectors.begrotingen_for(actor_for(user))
            .filter(pk__in=begrotingen)
            .values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        for pk in zichtbaar:
            v.login(
                user,
                [pk],
                f"/financien/bel/{begrotingen[pk].jaar}/",
                "/api/v1/begrotingen/{}",
                knoppen,
                soort="begroting ",
                sorteer=True,
            )
    assert v.mismatches == []
    assert v.offered == {"wijzigen", "vaststellen"}, v.offered


SIGNAAL_ACTION = re.compile(r"^/signalen/(\d+)/(afhandelen)$")


def _signaal_buttons(html: str, pk: int) -> list[str]:
    return [
        m.group(2)
        for action, _inhoud in FORM.findall(html)
        if (m := SIGNAAL_ACTION.match(action)) and int(m.group(1)) == pk
    ]


def test_signal_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    from seta.autorisaties.actor import system_actor
    from seta.gemeenten.models import Gemeente
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband
    from seta.signalen import selectors as signalen_selectors
    from seta.signalen import services as signalen_services

    bel = Samenwerkingsverband.objects.get(slug="bel")
    laren, eemnes = Gemeente.objects.get(slug="laren"), Gemeente.objects.get(slug="eemnes")
    signalen = signalen_services.signaleer(
        actor=system_actor("test"),
        samenwerkingsverband=bel,
        soort="raming_90",
        onderwerp="steekproef",
        ontvangers=[("pool", None), ("college", laren), ("beleidsregisseur", eemnes)],
        titel="Steekproef",
        tekst="Steekproef van de knoppen.",
    )
    # One handled signal, so both states are sampled.
    signalen_services.handel_af(
        actor=actor_for(get_user_model().objects.get(username="directeur.bel")), signaal=signalen[0]
    )
    ids = [s.pk for s in signalen]
    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            signalen_selectors.signalen_for(actor_for(user)).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        v.login(user, zichtbaar, "/signalen/{}", "/api/v1/signalen/{}", _signaal_buttons, soort="signal ")
    assert v.mismatches == []
    assert v.compared >= 6 and v.offered == {"afhandelen"}, (v.compared, v.offered)


DVO_KNOP = re.compile(r'data-actie="([a-z_]+)"')


def _dvo_buttons(html: str) -> list[str]:
    """The action buttons of a DVO's page; a concept's edit is a link to its form (``wijzigen``)."""
    knoppen = DVO_KNOP.findall(html)
    if re.search(r'href="/dienstverlening/dvo/\d+/wijzigen"', html):
        knoppen.append("wijzigen")
    return sorted(knoppen)


def test_dvo_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    from seta.dienstverlening import selectors as dvo_selectors

    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(dvo_selectors.dvos_for(actor_for(user)).values_list("pk", flat=True))
        if zichtbaar:
            v.login(
                user,
                zichtbaar,
                "/dienstverlening/dvo/{}",
                "/api/v1/dienstverleningsovereenkomsten/{}",
                lambda h, _: _dvo_buttons(h),
                soort="dvo ",
                sorteer=True,
            )
    assert v.mismatches == []
    assert v.compared > 20 and {"wijzigen", "vaststellen", "nieuwe_versie", "collegebesluit"} <= v.offered, (
        v.offered
    )


def test_report_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    """Council reports (issue 12): the demo's sent reports, the open correction and a joint one."""
    from seta.rapportage import selectors as rapportage_selectors

    v = Vergelijking()
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            rapportage_selectors.rapportages_for(actor_for(user))
            .filter(samenwerkingsverband__slug="bel")
            .values_list("pk", flat=True)
        )
        if zichtbaar:
            v.login(
                user,
                zichtbaar,
                "/rapportage/{}/",
                "/api/v1/raadsrapportages/{}",
                lambda h, _: sorted(DVO_KNOP.findall(h)),
                soort="raadsrapportage ",
                sorteer=True,
            )
    assert v.mismatches == []
    assert (
        v.compared > 20 and {"toelichten_pool", "toelichten_gemeente", "aanbieden", "corrigeren"} <= v.offered
    ), v.offered
