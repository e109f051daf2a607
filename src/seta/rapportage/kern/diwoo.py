"""DiWoo metadata (the Woo-index's metadata for actively published documents) as plain data: pure, no Django.

A ``Metadata`` is what the register says of one published item; ``naar_json`` and ``sitemap_xml`` write it in the
two forms the register serves. The XML is a sitemap (``urlset`` of the sitemaps protocol 0.9) whose every ``url``
carries a ``diwoo:Document`` with a ``diwoo:DiWoo`` block, the form the Woo-harvester reads (DiWoo metadata
0.9.x, namespace ``https://standaarden.overheid.nl/diwoo/metadata/``; ADR 0030 says where each value comes from).

The value lists are TOOI's (``https://identifier.overheid.nl/tooi/def/thes/kern/…``): the 17 information
categories of Woo art. 3.3 and the kinds of action (``soortHandeling``). Only URIs two independent public
sources agree on are written as a ``resource``; where SETA has no verified URI (document kind, language, format)
it writes the label only, which the schema allows (``resource`` is optional on those elements).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"


@dataclass(frozen=True)
class Categorie:
    code: str  # SETA's key
    uri: str
    label: str  # TOOI's preferred label
    artikel: str  # Woo art. 3.3
    infocat: str  # the Woo-harvester's sitemap index number (sitemapindex-diwoo-infocatNNN.xml)


def _c(code: str, concept: str, label: str, artikel: str, infocat: int) -> Categorie:
    return Categorie(code, TOOI_KERN + concept, label, artikel, f"infocat{infocat:03d}")


#: The TOOI waardelijst "Informatiecategorieën Woo" (the ones the register uses; the others for completeness).
CATEGORIEEN: dict[str, Categorie] = {
    c.code: c
    for c in (
        _c("wetten", "c_139c6280", "wetten en algemeen verbindende voorschriften", "3.3 lid 2a", 1),
        _c("besluiten_algemeen", "c_aab6bfc7", "overige besluiten van algemene strekking", "3.3 lid 2b", 2),
        _c(
            "ontwerpen", "c_759721e2", "ontwerpen van wet- en regelgeving met adviesaanvraag", "3.3 lid 2c", 3
        ),
        _c("organisatie", "c_40a05794", "organisatie en werkwijze", "3.3 lid 2d", 4),
        _c("bereikbaarheid", "c_89ee6784", "bereikbaarheidsgegevens", "3.3 lid 2e", 5),
        _c("ingekomen", "c_8c840238", "bij vertegenwoordigende organen ingekomen stukken", "3.3 lid 2f", 6),
        _c("vergaderstukken_sg", "c_c76862ab", "vergaderstukken Staten-Generaal", "3.3 lid 2g", 7),
        _c("vergaderstukken", "c_db4862c3", "vergaderstukken decentrale overheden", "3.3 lid 2h", 8),
        _c(
            "besluitenlijsten", "c_3a248e3a", "agenda's en besluitenlijsten bestuurscolleges", "3.3 lid 2i", 9
        ),
        _c("adviezen", "c_99a836c7", "adviezen", "3.3 lid 2j", 10),
        _c("convenanten", "c_8fc2335c", "convenanten", "3.3 lid 2k", 11),
        _c("jaarplannen", "c_c6cd1213", "jaarplannen en jaarverslagen", "3.3 lid 2l", 12),
        _c("subsidies", "c_cf268088", "subsidieverplichtingen anders dan met beschikking", "3.3 lid 2m", 13),
        _c("woo_verzoeken", "c_3baef532", "Woo-verzoeken en -besluiten", "3.3 lid 2n", 14),
        _c("onderzoeksrapporten", "c_fdaee95e", "onderzoeksrapporten", "3.3 lid 2o", 15),
        _c("beschikkingen", "c_46a81018", "beschikkingen", "3.3 lid 2p", 16),
        _c("klachtoordelen", "c_a870c43d", "klachtoordelen", "3.3 lid 2q", 17),
    )
}

#: TOOI "soort handeling" (``documenthandeling/soortHandeling``).
HANDELINGEN: dict[str, tuple[str, str]] = {
    "vaststelling": (TOOI_KERN + "c_641ecd76", "vaststelling"),
    "ontvangst": (TOOI_KERN + "c_dfcee535", "ontvangst"),
    "ondertekening": (TOOI_KERN + "c_e1ec050e", "ondertekening"),
}


def gemeente_uri(cbs_code: str) -> str:
    """The TOOI organisation URI of a municipality from its CBS code: ``GM0417`` → ``…/gemeente/gm0417``."""
    code = cbs_code.strip().lower()
    if not (len(code) == 6 and code.startswith("gm") and code[2:].isdigit()):
        raise ValueError(f"geen CBS-gemeentecode: {cbs_code!r}")
    return TOOI_GEMEENTE + code


@dataclass(frozen=True)
class Organisatie:
    naam: str
    uri: str = ""  # a TOOI organisation URI; empty: named only (DiWoo allows a label without resource)


@dataclass(frozen=True)
class Metadata:
    """DiWoo metadata of one published item. ``url`` is the published document (the harvester's ``loc``)."""

    identifier: str
    url: str
    titel: str
    omschrijving: str
    categorie: str  # a key of ``CATEGORIEEN``
    documentsoort: str  # label, e.g. "besluit"
    publisher: Organisatie
    handeling: str  # a key of ``HANDELINGEN``
    handeling_op: dt.date
    creatiedatum: dt.date
    gewijzigd: dt.date  # sitemap lastmod
    opsteller: Organisatie | None = None
    medeverantwoordelijken: tuple[Organisatie, ...] = ()
    formaat: str = "text/html"
    pagina: str = ""  # the HTML page about the item (the JSON feed's link for people)
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.categorie not in CATEGORIEEN:
            raise ValueError(f"onbekende informatiecategorie: {self.categorie!r}")
        if self.handeling not in HANDELINGEN:
            raise ValueError(f"onbekende soort handeling: {self.handeling!r}")
        if not self.publisher.uri:
            raise ValueError("de publisher heeft een TOOI-URI nodig")


def _org(o: Organisatie) -> dict[str, str]:
    return {"naam": o.naam, "uri": o.uri} if o.uri else {"naam": o.naam}


def naar_json(m: Metadata) -> dict[str, Any]:
    """One item of the JSON feed (camelCase, DiWoo's own names where it has one)."""
    c = CATEGORIEEN[m.categorie]
    uri, label = HANDELINGEN[m.handeling]
    out: dict[str, Any] = {
        "identifier": m.identifier,
        "url": m.url,
        "pagina": m.pagina or m.url,
        "officieleTitel": m.titel,
        "omschrijving": m.omschrijving,
        "publisher": _org(m.publisher),
        "informatiecategorie": {"uri": c.uri, "label": c.label, "artikel": c.artikel},
        "documentsoort": m.documentsoort,
        "creatiedatum": m.creatiedatum.isoformat(),
        "documenthandeling": {
            "soortHandeling": {"uri": uri, "label": label},
            "atTime": m.handeling_op.isoformat(),
        },
        "laatstGewijzigd": m.gewijzigd.isoformat(),
        "format": m.formaat,
        "taal": "nl",
    }
    if m.opsteller is not None:
        out["opsteller"] = _org(m.opsteller)
    if m.medeverantwoordelijken:
        out["medeverantwoordelijken"] = [_org(o) for o in m.medeverantwoordelijken]
    if m.extra:
        out["extra"] = dict(m.extra)
    return out


def _d(tag: str) -> str:
    return f"{{{DIWOO_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, _d(tag), {k: v for k, v in attrib.items() if v})
    if text is not None:
        el.text = text
    return el


def _organisatie(parent: ET.Element, tag: str, o: Organisatie) -> None:
    _sub(parent, tag, o.naam, resource=o.uri)


def _tijd(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00"


def diwoo_element(m: Metadata) -> ET.Element:
    """``diwoo:Document`` with its ``diwoo:DiWoo`` block (the elements in the schema's order)."""
    doc = ET.Element(_d("Document"))
    w = _sub(doc, "DiWoo")
    ids = _sub(w, "identifiers")
    _sub(ids, "identifier", m.identifier)
    _organisatie(w, "publisher", m.publisher)
    if m.medeverantwoordelijken:
        mede = _sub(w, "medeverantwoordelijken")
        for o in m.medeverantwoordelijken:
            _organisatie(mede, "medeverantwoordelijke", o)
    if m.opsteller is not None:
        _organisatie(w, "opsteller", m.opsteller)
    titels = _sub(w, "titelcollectie")
    _sub(titels, "officieleTitel", m.titel)
    if m.omschrijving:
        _sub(_sub(w, "omschrijvingen"), "omschrijving", m.omschrijving)
    cc = _sub(w, "classificatiecollectie")
    c = CATEGORIEEN[m.categorie]
    _sub(_sub(cc, "informatiecategorieen"), "informatiecategorie", c.label, resource=c.uri)
    _sub(_sub(cc, "documentsoorten"), "documentsoort", m.documentsoort)
    _sub(w, "creatiedatum", m.creatiedatum.isoformat())
    _sub(w, "language", "Nederlands")
    _sub(w, "format", m.formaat)
    handelingen = _sub(w, "documenthandelingen")
    h = _sub(handelingen, "documenthandeling")
    uri, label = HANDELINGEN[m.handeling]
    _sub(h, "soortHandeling", label, resource=uri)
    _sub(h, "atTime", _tijd(m.handeling_op))
    _organisatie(h, "wasAssociatedWith", m.publisher)
    return doc


def categorie_van_infocat(nummer: int) -> Categorie | None:
    """The category with the harvester's number ``nummer`` (1..17), or None."""
    return next((c for c in CATEGORIEEN.values() if c.infocat == f"infocat{nummer:03d}"), None)


def sitemapindex_xml(sitemaps: list[tuple[str, dt.date | None]]) -> bytes:
    """A sitemap index (``sitemapindex``) listing ``(loc, lastmod)`` sitemaps."""
    ET.register_namespace("", SITEMAP_NS)
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for loc, lastmod in sitemaps:
        sm = ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(sm, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod is not None:
            ET.SubElement(sm, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    ET.indent(index)
    body: bytes = ET.tostring(index, encoding="utf-8", xml_declaration=True)
    return body


def sitemap_xml(items: list[Metadata]) -> bytes:
    """A sitemap (``urlset``) with one ``url`` (loc, lastmod, ``diwoo:Document``) per item, UTF-8 with prolog."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("diwoo", DIWOO_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for m in items:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = m.url
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = m.gewijzigd.isoformat()
        url.append(diwoo_element(m))
    ET.indent(urlset)
    body: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return body
