"""The council report's presentation: the HTML fragment of both samples (every section, Dutch notation, no
"None", honest text for missing sections, charts with a table beside them), the tagged PDF, the XLSX."""

from __future__ import annotations

import contextlib
import copy
import io
import re
import zlib
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from seta.financien.verdeling.rounding import format_euro
from seta.rapportage import document
from seta.rapportage.kern import model, opmaak, tabellen
from seta.rapportage.kern.voorbeeld import voorbeeld

SOORTEN = ["gemeente", "gezamenlijk"]


class Structuur(HTMLParser):
    """The fragment's elements: headings per section, tables with their captions and header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.h1 = 0
        self.secties: list[dict[str, object]] = []
        self.tabellen: list[dict[str, object]] = []
        self.svg: list[dict[str, object]] = []
        self.tekst: list[str] = []
        self.style_attributen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "style" in a:
            self.style_attributen += 1
        if tag == "h1":
            self.h1 += 1
        if tag == "section":
            self.secties.append({"h2": [], "id": a.get("id")})
        if tag == "h2" and self.secties:
            self.secties[-1]["h2"].append(a.get("id"))  # type: ignore[attr-defined]
        if tag == "table":
            self.tabellen.append(
                {
                    "caption": False,
                    "th_col": 0,
                    "th": 0,
                    "na_svg": bool(self.svg) and self.svg[-1]["open_tabel"],
                }
            )
            if self.svg:
                self.svg[-1]["open_tabel"] = False
        if tag == "caption" and self.tabellen:
            self.tabellen[-1]["caption"] = True
        if tag == "th" and self.tabellen and "thead" in self.stack:
            self.tabellen[-1]["th"] += 1  # type: ignore[operator]
            if a.get("scope") == "col":
                self.tabellen[-1]["th_col"] += 1  # type: ignore[operator]
        if tag == "svg":
            self.svg.append({"role": a.get("role"), "title": False, "desc": False, "open_tabel": True})
        if tag in ("title", "desc") and self.svg:
            self.svg[-1][tag] = True
        if tag not in ("link", "meta", "br", "rect", "path", "circle", "line"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "style" in dict(attrs):
            self.style_attributen += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)


def _structuur(html: str) -> Structuur:
    s = Structuur()
    s.feed(html)
    return s


@pytest.fixture(params=SOORTEN)
def inhoud(request: pytest.FixtureRequest) -> model.Inhoud:
    return voorbeeld(request.param)


def test_fragment_has_every_section_once_in_order(inhoud: model.Inhoud) -> None:
    html = document.html(inhoud)
    assert "<html" not in html and "<body" not in html
    s = _structuur(html)
    assert s.h1 == 0  # the page gives the <h1>
    assert [x["id"] for x in s.secties] == [f"rapportage-{k}" for k, _ in document.SECTIES]
    assert all(len(x["h2"]) == 1 for x in s.secties)  # type: ignore[arg-type]
    koppen = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert koppen == [kop for _, kop in document.SECTIES]


def test_tables_have_captions_and_column_headers(inhoud: model.Inhoud) -> None:
    s = _structuur(document.html(inhoud))
    assert s.tabellen
    for t in s.tabellen:
        assert t["caption"] and t["th"] and t["th_col"] == t["th"]


def test_charts_have_a_name_a_description_and_a_table_right_after(inhoud: model.Inhoud) -> None:
    html = document.html(inhoud)
    s = _structuur(html)
    assert len(s.svg) >= 2
    for g in s.svg:
        assert g["role"] == "img" and g["title"] and g["desc"]
    assert sum(1 for t in s.tabellen if t["na_svg"]) == len(s.svg)
    assert s.style_attributen == 0  # the CSP forbids inline styles


def test_no_python_leftovers_and_dutch_notation(inhoud: model.Inhoud) -> None:
    tekst = " ".join(_structuur(document.html(inhoud)).tekst)
    for fout in (r"\bNone\b", r"\bnan\b", r"\bTrue\b", r"\bFalse\b", r"\d{4}-\d{2}-\d{2}", r"Decimal"):
        assert not re.search(fout, tekst), fout
    assert "31 augustus 2026" in tekst and "1 januari 2026" in tekst
    assert re.search(r"€ \d{1,3}(\.\d{3})*,\d{2}", tekst)
    assert "▲ hoger" in tekst and "● nieuw" in tekst


def test_municipality_report_content() -> None:
    inhoud = voorbeeld()
    tekst = " ".join(_structuur(document.html(inhoud)).tekst)
    assert "Laren" in tekst and "BEL Combinatie" in tekst
    assert "€ 1.226.633,75" in tekst  # the total incl. VAT
    assert "7.157,0 uur" in tekst
    assert "Wacht op de landelijke evaluatie" in tekst  # why the late one is late
    assert "1 vertrouwelijke opdracht" in tekst and "alleen geteld, niet genoemd" in tekst
    assert "Versie 2, corrigeert versie 1" in tekst and "ontbrak de btw" in tekst
    assert "B&W 2026/0412" in tekst and "6 oktober 2026" in tekst
    assert "College van burgemeester en wethouders van Laren" in tekst
    assert "De eerste acht maanden" in tekst and "Het college is tevreden" in tekst
    assert "= gelijk" in tekst and "+€ 525.400,57" in tekst
    assert "10,5 dagen" in tekst
    assert "niet gehaald" in tekst and "niet meetbaar" in tekst


def test_joint_report_puts_the_partners_side_by_side() -> None:
    inhoud = voorbeeld("gezamenlijk")
    html = document.html(inhoud)
    tekst = " ".join(_structuur(html).tekst)
    tabel = tabellen.partners(inhoud)
    assert tabel is not None
    assert [k.kop for k in tabel.kolommen] == ["Cijfer", "Blaricum", "Eemnes", "Laren", "Totaal"]
    assert "Blaricum, Eemnes en Laren" in tekst
    assert "Algemeen bestuur van de BEL Combinatie" in tekst and "AB 2026-11" in tekst
    assert opmaak.euro(inhoud["kerncijfers"]["kosten"]) in tekst
    assert "De gezamenlijke rapportage noemt geen afzonderlijke opdrachten" in tekst


def test_missing_sections_say_so_honestly() -> None:
    inhoud = voorbeeld()
    inhoud["opdrachten"] = None
    inhoud["bestuursvragen"] = None
    inhoud["financien"] = None
    inhoud["dienstverlening"] = None
    inhoud["vergelijking"] = {"vorige": None, "cijfers": {}}
    inhoud["besluit"] = None
    inhoud["corrigeert"] = None
    inhoud["robuustheid"] = {"competenties": 0, "kwetsbaar": [], "eenpitters": 0}
    inhoud["kerncijfers"]["normen_gehaald"] = None
    inhoud["kerncijfers"]["normen_gemist"] = None
    html = document.html(inhoud)
    tekst = " ".join(_structuur(html).tekst)
    assert "geen cijfers over opdrachten" in tekst
    assert "geen financiële cijfers" in tekst
    assert "Niet gemeten" in tekst and "Dat betekent niet dat alle normen gehaald zijn" in tekst
    assert "100 %" not in tekst
    assert "eerste rapportage" in tekst and "Concept: nog niet bij besluit aangeboden" in tekst
    assert "Niet bepaald" in tekst
    assert not re.search(r"\bNone\b", tekst)
    assert [x for x in _structuur(html).secties if len(x["h2"]) != 1] == []  # type: ignore[arg-type]


def test_not_measured_and_no_model() -> None:
    inhoud = voorbeeld()
    dv = inhoud["dienstverlening"]
    fin = inhoud["financien"]
    assert dv is not None and fin is not None
    dv["gemeten"] = False
    dv["toelichting"] = "Er is geen vastgestelde dienstverleningsovereenkomst voor 2026"
    fin["verdeelmodel"] = None
    fin["toelichting"] = ""
    tekst = " ".join(_structuur(document.html(inhoud)).tekst)
    assert "Niet gemeten: Er is geen vastgestelde dienstverleningsovereenkomst voor 2026" in tekst
    assert "geen vastgesteld verdeelmodel" in tekst


def test_dutch_euro_is_the_financien_notation() -> None:
    for v in ("0", "1234.5", "-12.5", "1234567.891", "0.005", "-0.004"):
        assert opmaak.euro(v) == format_euro(Decimal(v)), v
    assert opmaak.uren("1234.55", eenheid=True) == "1.234,6 uur"
    assert opmaak.datum("2026-08-31") == "31 augustus 2026"
    assert opmaak.verschil("-0.00", "euro") == "€ 0,00"
    assert opmaak.richting("lager") == "▼ lager" and opmaak.richting(None) == "–"


def test_sample_reconciles() -> None:
    inhoud = voorbeeld()
    fin = inhoud["financien"]
    assert fin is not None
    assert sum(Decimal(o["totaal"]) for o in fin["onderdelen"]) == Decimal(fin["totaal"])
    gebruik = next(o for o in fin["onderdelen"] if o["soort"] == "gebruik")
    assert sum(Decimal(k["bedrag"]) for k in fin["opdrachten"] + fin["regulier"]) == Decimal(
        gebruik["bedrag"]
    )
    samen = voorbeeld("gezamenlijk")
    assert sum(Decimal(p["cijfers"]["kosten"]) for p in samen["partners"]) == Decimal(
        samen["kerncijfers"]["kosten"]
    )
    assert copy.deepcopy(inhoud) == voorbeeld()  # a fresh copy every call


def _inflate(pdf: bytes) -> bytes:
    delen = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            delen.append(zlib.decompress(m.group(1)))
    return b"\n".join(delen)


@pytest.mark.parametrize("soort", SOORTEN)
def test_pdf_is_tagged_dutch_and_self_contained(soort: str) -> None:
    inhoud = voorbeeld(soort)  # type: ignore[arg-type]
    pdf = document.pdf(inhoud)
    assert pdf.startswith(b"%PDF-1.7")
    alles = _inflate(pdf)
    assert b"/StructTreeRoot" in alles and b"/MarkInfo" in alles and b"/Marked true" in alles
    assert b"/Lang (nl)" in alles
    assert b"pdfuaid:part" in alles  # PDF/UA-1 identification in the XMP metadata
    for tag in (b"/S /H1", b"/S /H2", b"/S /Table", b"/S /TH", b"/S /Caption", b"/S /Figure"):
        assert tag in alles, tag
    assert b"/Alt (" in alles  # the charts' <title> as the figure's alternate text
    assert b"/FontFile2" in alles and b"DejaVu-Sans" in alles  # fonts embedded
    assert document.titel(inhoud).encode() in alles  # the title in the XMP metadata (dc:title)
    # no "None" in the source the PDF was made from, and the PDF's own title block
    bron = document.document_html(inhoud)
    assert "<html lang='nl'>" in bron and "<h1" in bron and not re.search(r">[^<]*\bNone\b", bron)


def test_xlsx_has_every_table_as_a_sheet_with_numbers() -> None:
    from openpyxl import load_workbook

    for soort in SOORTEN:
        inhoud = voorbeeld(soort)  # type: ignore[arg-type]
        wb = load_workbook(io.BytesIO(document.xlsx(inhoud)))
        verwacht = ["Rapportage", *(t.bladnaam for t in tabellen.tabellen(inhoud).values())]
        assert wb.sheetnames == verwacht
        for tabel in tabellen.tabellen(inhoud).values():
            ws = wb[tabel.bladnaam]
            assert ws["A1"].value == tabel.titel
            assert [c.value for c in ws[3]][: len(tabel.kolommen)] == [k.kop for k in tabel.kolommen]
    inhoud = voorbeeld()
    wb = load_workbook(io.BytesIO(document.xlsx(inhoud)))
    ws = wb["Onderdelen"]
    totaal = ws.cell(row=ws.max_row, column=5)
    assert isinstance(totaal.value, float | int) and Decimal(str(totaal.value)) == Decimal("1226633.75")
    assert "€" in totaal.number_format
    assert wb["Opdrachten"]["D4"].is_date


def test_xlsx_cells_are_formula_safe() -> None:
    from openpyxl import load_workbook

    inhoud = voorbeeld()
    opd = inhoud["opdrachten"]
    assert opd is not None
    opd["regels"][0]["titel"] = '=HYPERLINK("http://x")'
    ws = load_workbook(io.BytesIO(document.xlsx(inhoud)))["Opdrachten"]
    cel = ws["B4"]
    assert cel.data_type == "s" and str(cel.value).startswith("=HYPERLINK")


def test_pdf_is_reproducible() -> None:
    """The same content gives the same bytes (what the council got can be shown again, and hashed)."""
    inhoud = voorbeeld("gezamenlijk")
    assert document.pdf(inhoud) == document.pdf(copy.deepcopy(inhoud))
