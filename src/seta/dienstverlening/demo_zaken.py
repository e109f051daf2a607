"""Demo step: two years of case data (zaken) for the BEL Combinatie, imported per quarter through the import.

From 2025-01-01 up to the peildatum (2026-11-02), for Blaricum, Eemnes and Laren, on the BEL catalogue items
below (all with a lead-time norm in the catalogue: werkdagen, weken or kalenderdagen), each with a zaaktype
mapping (``BEL-…`` codes; Laren's omgevingsvergunning also by its ZGW Catalogi URL). Volumes scale with the
population; in total some 9,000 cases. Each quarter is written as one CSV in memory and imported by the
system actor ``demo`` through ``zaken.importeer`` (all partners at once), so the demo's cases passed the same
checks as a real file; the last quarter ends at the peildatum.

Lead times are drawn in WORKING days (Monday to Friday minus the Dutch public holidays, :func:`werkdagen_na`):
the norm's term in working days is ``n`` for werkdagen, ``5·n`` for weken and ``5·n/7`` (rounded) for
kalenderdagen. A case "within the norm" is decided within 85 % of that term (so it is also within the
norm in calendar days), a late one at 115–160 % of it. Suspensions (``opgeschorte_dagen``, in calendar
days, multiples of 7) push the decision date on by that many calendar days on top of the lead time.

What the demo shows (the DVO helper makes the DVO norms equal these catalogue norms, the compliance
helper relies on this):

- every other service meets its catalogue norm in every quarter: at least 97 % of the cases within the
  term (exactly ``floor(3 % of n)`` late cases per partner, item and quarter, so none in a small group);
- **missed, two periods running**: Laren's *Omgevingsvergunning bouwen* (``omgevingsvergunning``,
  8 weken; the BEL item with the longest decision term among the permits): of its cases received in
  2026 Q1 and Q2 only about 55 % are decided within the term (the rest at 115–160 % of it), so the cases
  *decided* in **2026 Q2 and 2026 Q3** (what compliance counts, docs/naleving.md) miss the norm in both,
  and more of its cases of 2026 Q3 are still open past their term at the peildatum;
- **missed once**: Eemnes's *Wmo-maatwerkvoorziening* (``wmo-maatwerk``, first norm "Onderzoek na melding",
  6 weken): about 80 % within of the cases received in 2025 Q4, decided late mostly in 2026 Q1;
- open cases past their term at the peildatum: a few per item among the cases received in 2026 Q3
  (``besloten`` empty, ``uiterste_datum`` before 2026-11-02), besides the ordinary open cases of 2026 Q4;
- satisfaction scores (``tevredenheid``, 5,0–10,0, mostly 7–9) on about 40 % of the cases of paspoort,
  rijbewijs, wmo-maatwerk and omgevingsvergunning;
- some suspended days on the permit, social-domain and objection items (about 15 % of their cases).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from functools import cache

from django.core.files.base import ContentFile

from seta.autorisaties.actor import system_actor
from seta.catalogus.models import Catalogusitem
from seta.core import files
from seta.demo.builder import DemoContext
from seta.dienstverlening import zaken
from seta.gemeenten.models import Gemeente

START = dt.date(2025, 1, 1)
GEMEENTEN = ("blaricum", "eemnes", "laren")
# catalogusitem code → (zaaktype code, cases per 1,000 inhabitants per year, satisfaction?, suspensions?)
ITEMS: dict[str, tuple[str, float, bool, bool]] = {
    "paspoort": ("BEL-PASPOORT", 45, True, False),
    "rijbewijs": ("BEL-RIJBEWIJS", 30, True, False),
    "verhuizing": ("BEL-VERHUIZING", 35, False, False),
    "woz-beschikking": ("BEL-WOZBEZWAAR", 6, False, True),
    "leerlingenvervoer": ("BEL-LLVERVOER", 2.5, False, False),
    "wmo-maatwerk": ("BEL-WMO", 12, True, True),
    "jeugdhulp": ("BEL-JEUGD", 6, False, True),
    "bijstand": ("BEL-BIJSTAND", 4, False, True),
    "schuldhulp": ("BEL-SCHULDHULP", 3, False, False),
    "omgevingsvergunning": ("BEL-OMGVERG", 8, True, True),
    "kwijtschelding": ("BEL-KWIJTSCH", 4, False, False),
    "woo-verzoek": ("BEL-WOO", 1.5, False, True),
    "bezwaarschriften": ("BEL-BEZWAAR", 2, False, True),
    "evenementenvergunning": ("BEL-EVENEMENT", 1.5, False, False),
}
# (gemeente, item, quarter start) → share decided within the norm: the deliberate misses.
MISSERS: dict[tuple[str, str, dt.date], float] = {
    # received in Q1 and Q2, so the late decisions fall in Q2 and Q3: compliance counts the cases decided in a
    # period (docs/naleving.md), and Q2 and Q3 are both complete at the peildatum
    ("laren", "omgevingsvergunning", dt.date(2026, 1, 1)): 0.55,
    ("laren", "omgevingsvergunning", dt.date(2026, 4, 1)): 0.55,
    ("eemnes", "wmo-maatwerk", dt.date(2025, 10, 1)): 0.8,
}
LAREN_OMGEVING_URL = (
    "https://catalogi.laren.example/catalogi/api/v1/zaaktypen/4f6c2a59-0d0e-4a0b-9c1e-7a1d2b3c4d5e"
)


# --- working days -------------------------------------------------------------------------------------------
def _pasen(jaar: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    maand, dag = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


@cache
def feestdagen(jaar: int) -> frozenset[dt.date]:
    """Dutch public holidays (the usual days off; Bevrijdingsdag every year, Goede Vrijdag not)."""
    pasen = _pasen(jaar)
    koningsdag = dt.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = dt.date(jaar, 4, 26)
    return frozenset(
        {
            dt.date(jaar, 1, 1),
            pasen + dt.timedelta(days=1),
            koningsdag,
            dt.date(jaar, 5, 5),
            pasen + dt.timedelta(days=39),
            pasen + dt.timedelta(days=50),
            dt.date(jaar, 12, 25),
            dt.date(jaar, 12, 26),
        }
    )


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def werkdagen_na(dag: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``dag`` (``n`` = 0: ``dag`` itself)."""
    while n > 0:
        dag += dt.timedelta(days=1)
        if is_werkdag(dag):
            n -= 1
    return dag


def termijn_werkdagen(waarde: Decimal, eenheid: str) -> int:
    eenheid = eenheid.lower()
    if eenheid in ("week", "weken"):
        return int(waarde * 5)
    if eenheid.startswith(("kalenderdag", "dag")):
        return max(1, round(float(waarde) * 5 / 7))
    return max(1, int(waarde))


def uiterste(ontvangen: dt.date, waarde: Decimal, eenheid: str, opgeschort: int) -> dt.date:
    eenheid = eenheid.lower()
    if eenheid in ("week", "weken"):
        eind = ontvangen + dt.timedelta(weeks=int(waarde))
    elif eenheid.startswith(("kalenderdag", "dag")):
        eind = ontvangen + dt.timedelta(days=int(waarde))
    else:
        eind = werkdagen_na(ontvangen, int(waarde))
    return eind + dt.timedelta(days=opgeschort)


# --- the data -----------------------------------------------------------------------------------------------
def kwartalen(peildatum: dt.date) -> list[tuple[dt.date, dt.date]]:
    uit: list[tuple[dt.date, dt.date]] = []
    begin = START
    while begin <= peildatum:
        maand = begin.month + 3
        volgend = dt.date(begin.year + (maand > 12), (maand - 1) % 12 + 1, 1)
        uit.append((begin, min(volgend - dt.timedelta(days=1), peildatum)))
        begin = volgend
    return uit


KOPREGEL = [
    "identificatie",
    "zaaktype",
    "gemeente",
    "ontvangen",
    "besloten",
    "opgeschorte_dagen",
    "uiterste_datum",
    "resultaat",
    "tevredenheid",
]


def _rijen(
    ctx: DemoContext,
    van: dt.date,
    tot: dt.date,
    gemeenten: list[Gemeente],
    items: dict[str, Catalogusitem],
    teller: dict[str, int],
) -> list[list[str]]:
    rng, peildatum = ctx.rng, ctx.peildatum
    dagen = [d for d in (van + dt.timedelta(days=i) for i in range((tot - van).days + 1)) if is_werkdag(d)]
    kwartaal_deel = ((tot - van).days + 1) / 365
    rijen: list[list[str]] = []
    for g in gemeenten:
        for code, (zaaktype, per_duizend, met_cijfer, met_opschorting) in ITEMS.items():
            item = items[code]
            norm = item.normen.all()[0]
            term = termijn_werkdagen(norm.waarde, norm.eenheid)
            verwacht = per_duizend * g.inwoners / 1000 * kwartaal_deel
            aantal = max(0, round(rng.gauss(verwacht, verwacht**0.5)))
            # An exact number of late cases per group: 3 % (rounded down: none in a small group), or the miss.
            binnen = MISSERS.get((g.slug, code, van), 0.97)
            laat = set(rng.sample(range(aantal), int(aantal * (1 - binnen) + (0.5 if binnen < 0.9 else 0))))
            for volgnummer in range(aantal):
                ontvangen = rng.choice(dagen)
                opgeschort = 7 * rng.randint(1, 3) if met_opschorting and rng.random() < 0.15 else 0
                if volgnummer not in laat:
                    lead = rng.randint(max(0, term // 5), max(1, int(term * 0.85)))
                else:
                    lead = rng.randint(int(term * 1.15) + 1, int(term * 1.6) + 2)
                besloten: dt.date | None = werkdagen_na(ontvangen, lead) + dt.timedelta(days=opgeschort)
                eind = uiterste(ontvangen, norm.waarde, norm.eenheid, opgeschort)
                # Still open at the peildatum: the ones not yet decided, and a few of 2026 Q3 past their term.
                if (besloten is not None and besloten > peildatum) or (
                    van == dt.date(2026, 7, 1)
                    and eind < peildatum
                    and rng.random() < (0.12 if (g.slug, code) == ("laren", "omgevingsvergunning") else 0.02)
                ):
                    besloten = None
                teller[g.slug] = teller.get(g.slug, 0) + 1
                cijfer = ""
                if met_cijfer and besloten is not None and rng.random() < 0.4:
                    cijfer = f"{min(10.0, max(5.0, rng.gauss(7.8, 0.9))):.1f}"
                zaaktype_waarde = (
                    LAREN_OMGEVING_URL if (g.slug, code) == ("laren", "omgevingsvergunning") else zaaktype
                )
                rijen.append(
                    [
                        f"{g.slug[:3].upper()}-{ontvangen.year}-{teller[g.slug]:06d}",
                        zaaktype_waarde,
                        g.cbs_code,
                        ontvangen.isoformat(),
                        besloten.isoformat() if besloten else "",
                        str(opgeschort),
                        eind.isoformat(),
                        ("Verleend" if rng.random() < 0.9 else "Geweigerd") if besloten else "",
                        cijfer,
                    ]
                )
    rijen.sort(key=lambda r: (r[3], r[0]))
    return rijen


def _csv(rijen: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = files.csv_writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(KOPREGEL)
    writer.writerows(rijen)
    return out.getvalue().encode("utf-8")


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    items: dict[str, Catalogusitem] = ctx.data.get("catalogus", {}).get("bel", {})
    if sv is None or not items:
        ctx.log("demo: zaken overgeslagen (geen BEL-catalogus)")
        return
    demo = system_actor("demo")
    items = {
        c.code: c
        for c in Catalogusitem.objects.filter(pk__in=[items[code].pk for code in ITEMS]).prefetch_related(
            "normen"
        )
    }
    for code, (zaaktype, *_rest) in ITEMS.items():
        zaken.create_koppeling(
            actor=demo,
            samenwerkingsverband=sv,
            zaaktype=zaaktype,
            catalogusitem=items[code],
            omschrijving=f"Zaaktype {items[code].naam} in het zaaksysteem van de BEL Combinatie",
        )
    zaken.create_koppeling(
        actor=demo,
        samenwerkingsverband=sv,
        zaaktype=LAREN_OMGEVING_URL,
        catalogusitem=items["omgevingsvergunning"],
        omschrijving="Zaaktype omgevingsvergunning in de Catalogi API van Laren (Open Zaak)",
    )
    gemeenten: list[Gemeente] = [ctx.data["gemeenten"][slug] for slug in GEMEENTEN]
    laren = ctx.data["gemeenten"]["laren"]
    zaken.create_zaaksysteem(
        actor=demo,
        samenwerkingsverband=sv,
        gemeente=laren,
        naam="Open Zaak Laren",
        api_root="https://zaken.laren.example/zaken/api/v1",
        client_id="seta-bel",
        geheim_variabele="SETA_ZGW_LAREN_GEHEIM",
        timeout_seconden=10,
    )
    teller: dict[str, int] = {}
    totaal = 0
    for van, tot in kwartalen(ctx.peildatum):
        rijen = _rijen(ctx, van, tot, gemeenten, items, teller)
        naam = f"zaken-bel-{van.year}-q{(van.month - 1) // 3 + 1}.csv"
        imp = zaken.importeer(
            actor=demo,
            samenwerkingsverband=sv,
            periode_van=van,
            periode_tot=tot,
            bestand=ContentFile(_csv(rijen), name=naam),
            vandaag=ctx.peildatum,
        )
        totaal += imp.aantal_zaken
    ctx.data["zaken"] = {"bel": totaal}
    ctx.log(f"demo: {sv.naam}: {totaal} zaken in {len(kwartalen(ctx.peildatum))} kwartalen ingelezen")
