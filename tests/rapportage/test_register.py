"""The public register (Woo): an anonymous client walks all of it and finds nothing that is not public.

The walk follows every link from ``/register/`` (pages, feeds, PDFs) and checks every assignment, decision and
report it meets against ``policy/register.py``; no confidential title of the demo appears in any response; no
request writes; the DiWoo XML and the JSON feed carry TOOI URIs; a confidential assignment's and a concept
report's URLs answer 404.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from seta.autorisaties.policy import register as regels
from seta.opdrachten.models import Bestuursopdracht
from seta.rapportage import inhoud
from seta.rapportage.kern import diwoo as kern_diwoo
from seta.rapportage.models import Raadsrapportage
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband

pytestmark = pytest.mark.django_db

NS = {"s": kern_diwoo.SITEMAP_NS, "diwoo": kern_diwoo.DIWOO_NS}
PDF = b"%PDF-1.7\n% SETA test\n%%EOF\n"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _rapportage(sv: Samenwerkingsverband, *, status: str, gemeente: Any = None, **kw: Any) -> Raadsrapportage:
    # 2024: a year without the demo's own reports (one sent version per recipient and period)
    r = Raadsrapportage(
        samenwerkingsverband=sv,
        gemeente=gemeente,
        jaar=2024,
        periode=kw.pop("periode", "najaarsnota"),
        periode_naam="Najaarsnota",
        begin=dt.date(2024, 1, 1),
        eind=dt.date(2024, 8, 31),
        status=status,
        aangeboden_op=dt.date(2024, 10, 1) if status != "concept" else None,
        **kw,
    )
    if status != "concept":
        r.inhoud = inhoud.bouw(r, vandaag=dt.date(2024, 10, 1))
        r.pdf = PDF
        r.pdf_sha256 = "0" * 64
    r.save()
    return r


@pytest.fixture
def verzonden() -> dict[str, Raadsrapportage]:
    """A sent report to Laren, a sent joint report, and a concept report (which must stay out)."""
    bel = Samenwerkingsverband.objects.get(slug="bel")
    laren = bel.deelnemers.select_related("gemeente").get(gemeente__naam="Laren").gemeente
    return {
        "laren": _rapportage(bel, status="aangeboden", gemeente=laren),
        "gezamenlijk": _rapportage(bel, status="aangeboden"),
        "concept": _rapportage(bel, status="concept", gemeente=laren, periode="jaarrekening"),
    }


def _vertrouwelijke_titels() -> list[str]:
    """The titles and numbers of the demo's confidential assignments. The demo draws titles from a list, so a
    public assignment may carry the same title as a confidential one; such a title is public by that public one
    (its number tells the two apart, and a confidential number must never appear)."""
    vertrouwelijk = Bestuursopdracht.objects.filter(vertrouwelijkheid="vertrouwelijk")
    openbaar = set(Bestuursopdracht.objects.filter(regels.opdrachten_q()).values_list("titel", flat=True))
    titels = {t for t in vertrouwelijk.values_list("titel", flat=True) if len(t) >= 8 and t not in openbaar}
    nummers = {f"{n}:" for n in vertrouwelijk.values_list("nummer", flat=True)} | {
        f"{n}<" for n in vertrouwelijk.values_list("nummer", flat=True)
    }
    return sorted(titels | nummers)


def _walk(client: Client) -> dict[str, Any]:
    """Every register URL reachable from /register/ (GET), with its response."""
    seen: dict[str, Any] = {}
    todo = ["/register/"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        seen[url] = r
        if r["Content-Type"].startswith("text/html"):
            assert r.content.decode().count("<h1") == 1, url  # one main heading per page
            parser = _Links()
            parser.feed(r.content.decode())
            for href in parser.links:
                path = urldefrag(href)[0]
                if path.startswith("/register/") and path not in seen:
                    todo.append(path)
    return seen


def test_an_anonymous_walk_of_the_register_shows_only_what_is_public(
    verzonden: dict[str, Raadsrapportage],
) -> None:
    assert Bestuursopdracht.objects.filter(vertrouwelijkheid="vertrouwelijk").exists(), (
        "the demo has confidential work"
    )
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        seen = _walk(client)
    writes = [
        q["sql"] for q in queries.captured_queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)
    ]
    assert writes == [], "a register GET wrote"
    assert len(seen) > 20

    # every assignment, decision and report the walk reached is public by the policy
    publiek_opdrachten = set(
        Bestuursopdracht.objects.filter(regels.opdrachten_q()).values_list("pk", flat=True)
    )
    publiek_rapportages = set(
        Raadsrapportage.objects.filter(regels.rapportages_q()).values_list("pk", flat=True)
    )
    alle_besluiten = set(Bestuursbesluit.objects.filter(regels.besluiten_q()).values_list("pk", flat=True))
    kinds = {
        "opdrachten": publiek_opdrachten,
        "rapportages": publiek_rapportages,
        "besluiten": alle_besluiten,
    }
    bereikt: dict[str, set[int]] = {k: set() for k in kinds}
    for url in seen:
        if m := re.match(r"^/register/[\w-]+/(opdrachten|besluiten|rapportages)/(\d+)", url):
            bereikt[m.group(1)].add(int(m.group(2)))
    for kind, ids in bereikt.items():
        assert ids <= kinds[kind], (kind, ids - kinds[kind])
    assert bereikt["opdrachten"] and bereikt["besluiten"]
    assert {verzonden["laren"].pk, verzonden["gezamenlijk"].pk} <= bereikt["rapportages"]
    assert verzonden["concept"].pk not in bereikt["rapportages"]
    assert any(url.endswith("/pdf") for url in seen)

    # no confidential title in any response (pages, feeds, PDF)
    titels = _vertrouwelijke_titels()
    assert titels
    for url, r in seen.items():
        body = r.content.decode("utf-8", errors="replace")
        for titel in titels:
            assert titel not in body, (url, titel)
        # no staff names: the pool's medewerkers never appear
    from seta.organisatie.models import Medewerker

    namen = [n for n in Medewerker.objects.values_list("naam", flat=True) if len(n) >= 6]
    for url, r in seen.items():
        if r["Content-Type"].startswith(("text/html", "application/json", "application/xml")):
            body = r.content.decode()
            for naam in namen:
                assert naam not in body, (url, naam)


def test_the_diwoo_xml_is_a_sitemap_with_diwoo_documents_and_tooi_uris(
    verzonden: dict[str, Raadsrapportage],
) -> None:
    r = Client().get("/register/bel/diwoo.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    root = ET.fromstring(r.content)
    assert root.tag == f"{{{kern_diwoo.SITEMAP_NS}}}urlset"
    urls = root.findall("s:url", NS)
    assert urls
    categorieen = {c.uri for c in kern_diwoo.CATEGORIEEN.values()}
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc and urlsplit(loc).path.startswith("/register/bel/")
        assert url.findtext("s:lastmod", namespaces=NS)
        w = url.find("diwoo:Document/diwoo:DiWoo", NS)
        assert w is not None
        publisher = w.find("diwoo:publisher", NS)
        assert publisher is not None
        assert re.fullmatch(
            r"https://identifier\.overheid\.nl/tooi/id/gemeente/gm\d{4}", publisher.get("resource", "")
        )
        assert w.findtext("diwoo:titelcollectie/diwoo:officieleTitel", namespaces=NS)
        cat = w.find("diwoo:classificatiecollectie/diwoo:informatiecategorieen/diwoo:informatiecategorie", NS)
        assert cat is not None and cat.get("resource") in categorieen and cat.text
        assert w.findtext("diwoo:creatiedatum", namespaces=NS)
        h = w.find("diwoo:documenthandelingen/diwoo:documenthandeling", NS)
        assert h is not None
        soort = h.find("diwoo:soortHandeling", NS)
        assert soort is not None and soort.get("resource", "").startswith(kern_diwoo.TOOI_KERN)
        assert h.findtext("diwoo:atTime", namespaces=NS)
    body = r.content.decode()
    assert "gm0417" in body  # Laren publishes its own report and assignments
    pdf_loc = f"/register/bel/rapportages/{verzonden['laren'].pk}/pdf"
    assert pdf_loc in body
    assert f"/rapportages/{verzonden['concept'].pk}" not in body
    for titel in _vertrouwelijke_titels():
        assert titel not in body


def test_the_json_feed_carries_the_same_metadata(verzonden: dict[str, Raadsrapportage]) -> None:
    r = Client().get("/register/bel/feed.json")
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    feed = json.loads(r.content)
    assert feed["aantal"] == len(feed["items"]) > 0
    for item in feed["items"]:
        assert item["publisher"]["uri"].startswith(kern_diwoo.TOOI_GEMEENTE)
        assert item["informatiecategorie"]["uri"].startswith(kern_diwoo.TOOI_KERN)
        assert item["officieleTitel"] and item["creatiedatum"] and item["documentsoort"]
    soorten = {i["informatiecategorie"]["label"] for i in feed["items"]}
    assert {"organisatie en werkwijze", "bij vertegenwoordigende organen ingekomen stukken"} <= soorten

    laren = Client().get("/register/bel/gemeenten/laren/feed.json")
    assert laren.status_code == 200
    items = json.loads(laren.content)["items"]
    assert items and any(i["publisher"]["uri"].endswith("/gm0417") for i in items)
    assert any(i["url"].endswith(f"/rapportages/{verzonden['laren'].pk}/pdf") for i in items)


def test_feeds_and_pdfs_answer_a_conditional_get_with_304(verzonden: dict[str, Raadsrapportage]) -> None:
    client = Client()
    for url in (
        "/register/bel/feed.json",
        "/register/bel/diwoo.xml",
        f"/register/bel/rapportages/{verzonden['laren'].pk}/pdf",
    ):
        r = client.get(url)
        assert r.status_code == 200 and r["ETag"] and r["Last-Modified"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304, url
    pdf = client.get(f"/register/bel/rapportages/{verzonden['laren'].pk}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == PDF


def test_what_is_not_public_is_404(verzonden: dict[str, Raadsrapportage]) -> None:
    client = Client()
    vertrouwelijk = Bestuursopdracht.objects.filter(vertrouwelijkheid="vertrouwelijk").select_related(
        "samenwerkingsverband"
    )
    assert vertrouwelijk.exists()
    for o in vertrouwelijk:
        assert client.get(f"/register/{o.samenwerkingsverband.slug}/opdrachten/{o.pk}").status_code == 404
    concept = Bestuursopdracht.objects.filter(status="concept").first()
    assert concept is not None
    assert (
        client.get(f"/register/{concept.samenwerkingsverband.slug}/opdrachten/{concept.pk}").status_code
        == 404
    )
    c = verzonden["concept"]
    assert client.get(f"/register/bel/rapportages/{c.pk}").status_code == 404
    assert client.get(f"/register/bel/rapportages/{c.pk}/pdf").status_code == 404
    # a public record under another cooperation's slug is not found either
    andere = Samenwerkingsverband.objects.exclude(slug="bel").first()
    assert andere is not None
    assert client.get(f"/register/{andere.slug}/rapportages/{verzonden['laren'].pk}").status_code == 404
    assert client.get("/register/bel/gemeenten/amsterdam").status_code == 404
    assert client.post("/register/bel/feed.json").status_code == 405


def test_the_register_is_linked_from_every_page_footer() -> None:
    r = Client().get("/inloggen")
    assert 'href="/register/"' in r.content.decode()


def test_gemeente_uri_is_the_lowercased_cbs_code() -> None:
    assert kern_diwoo.gemeente_uri("GM0417") == "https://identifier.overheid.nl/tooi/id/gemeente/gm0417"
    with pytest.raises(ValueError):
        kern_diwoo.gemeente_uri("0417")


def test_a_cooperation_with_a_tooi_uri_publishes_under_it(verzonden: dict[str, Raadsrapportage]) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    bel.tooi_uri = "https://identifier.overheid.nl/tooi/id/oorg/oorg99999"
    bel.save()
    feed = json.loads(Client().get("/register/bel/feed.json").content)
    organisatie = next(i for i in feed["items"] if i["identifier"] == "bel-organisatie")
    assert organisatie["publisher"] == {"naam": bel.naam, "uri": bel.tooi_uri}
    gezamenlijk = next(
        i for i in feed["items"] if i["pagina"].endswith(f"/rapportages/{verzonden['gezamenlijk'].pk}")
    )
    assert gezamenlijk["publisher"]["uri"] == bel.tooi_uri


def test_the_tooi_uri_is_set_through_the_service_and_validated(actor_named: Any) -> None:
    from seta.core.errors import InvalidInput
    from seta.samenwerkingsverbanden import services

    bel = Samenwerkingsverband.objects.get(slug="bel")
    actor = actor_named("wethouder.blaricum")  # a DB member of BEL
    with pytest.raises(InvalidInput) as info:
        services.update_samenwerkingsverband(
            actor=actor, samenwerkingsverband=bel, tooi_uri="http://example.org/x"
        )
    assert "tooi_uri" in info.value.fields
    uri = "https://identifier.overheid.nl/tooi/id/oorg/oorg99999"
    services.update_samenwerkingsverband(actor=actor, samenwerkingsverband=bel, tooi_uri=uri)
    bel.refresh_from_db()
    assert bel.tooi_uri == uri


def test_the_harvester_finds_the_sitemaps_per_category(verzonden: dict[str, Raadsrapportage]) -> None:
    client = Client()
    robots = client.get("/register/robots.txt").content.decode()
    assert "Sitemap: http://testserver/register/bel/sitemapindex-diwoo-infocat006.xml" in robots  # reports
    assert "/register/bel/sitemapindex-diwoo-infocat004.xml" in robots  # the organisation
    index = ET.fromstring(client.get("/register/bel/sitemapindex-diwoo-infocat006.xml").content)
    locs = [e.text for e in index.findall("s:sitemap/s:loc", NS)]
    assert locs == ["http://testserver/register/bel/diwoo-infocat006.xml"]
    sitemap = ET.fromstring(client.get("/register/bel/diwoo-infocat006.xml").content)
    cats = {e.get("resource") for e in sitemap.iter(f"{{{kern_diwoo.DIWOO_NS}}}informatiecategorie")}
    assert cats == {kern_diwoo.CATEGORIEEN["ingekomen"].uri}
    assert client.get("/register/bel/diwoo-infocat099.xml").status_code == 404
    assert client.get("/register/bel/sitemapindex-diwoo-infocat8.xml").status_code == 404
