"""The reporting periods of a year for each rhythm, and the Wgr calendar (``wgr-kalender.yaml``).

``perioden(ritme, jaar)`` lists a year's periods in order; ``periode(ritme, jaar, code)`` finds one;
``laatste_afgesloten(ritme, vandaag)`` is the last period that ended before ``vandaag`` (what the next report is
about). The P&C cycle's periods are cumulative (the voorjaarsnota reports January to April, the najaarsnota January
to August, the jaarrekening the whole year), the four-monthly and quarterly ones are consecutive.

``wgr_termijnen(begrotingsjaar, ab_vergadering)`` lists the statutory deadlines for the budget of a year, each with
its article: the dates come from the data file, so a later change of the law is a change of data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PC_CYCLUS = "pc_cyclus"
VIERMAANDELIJKS = "viermaandelijks"
KWARTAAL = "kwartaal"
RITMES = (PC_CYCLUS, VIERMAANDELIJKS, KWARTAAL)


@dataclass(frozen=True)
class Periode:
    jaar: int
    code: str
    naam: str
    begin: dt.date
    eind: dt.date

    @property
    def volledige_naam(self) -> str:
        return f"{self.naam} {self.jaar}"

    def to_json(self) -> dict[str, Any]:
        return {
            "jaar": self.jaar,
            "code": self.code,
            "naam": self.volledige_naam,
            "begin": self.begin.isoformat(),
            "eind": self.eind.isoformat(),
        }


def _maandeind(jaar: int, maand: int) -> dt.date:
    return (dt.date(jaar + (maand == 12), maand % 12 + 1, 1)) - dt.timedelta(days=1)


def perioden(ritme: str, jaar: int) -> list[Periode]:
    """The periods of ``jaar`` in ``ritme``, in order (ValueError for an unknown rhythm)."""
    begin = dt.date(jaar, 1, 1)
    if ritme == PC_CYCLUS:
        return [
            Periode(jaar, "voorjaarsnota", "Voorjaarsnota", begin, _maandeind(jaar, 4)),
            Periode(jaar, "najaarsnota", "Najaarsnota", begin, _maandeind(jaar, 8)),
            Periode(jaar, "jaarrekening", "Jaarrekening", begin, _maandeind(jaar, 12)),
        ]
    if ritme == VIERMAANDELIJKS:
        return [
            Periode(
                jaar,
                f"t{i}",
                f"{i}e tertiaalrapportage",
                dt.date(jaar, 4 * i - 3, 1),
                _maandeind(jaar, 4 * i),
            )
            for i in (1, 2, 3)
        ]
    if ritme == KWARTAAL:
        return [
            Periode(jaar, f"q{i}", f"{i}e kwartaal", dt.date(jaar, 3 * i - 2, 1), _maandeind(jaar, 3 * i))
            for i in (1, 2, 3, 4)
        ]
    raise ValueError(f"onbekend ritme {ritme!r}")


def periode(ritme: str, jaar: int, code: str) -> Periode | None:
    return next((p for p in perioden(ritme, jaar) if p.code == code), None)


def laatste_afgesloten(ritme: str, vandaag: dt.date) -> Periode:
    """The last period that ended before ``vandaag`` (this year's, or last year's last one)."""
    kandidaten = [p for j in (vandaag.year - 1, vandaag.year) for p in perioden(ritme, j) if p.eind < vandaag]
    return max(kandidaten, key=lambda p: (p.eind, p.begin))


def vorige(ritme: str, p: Periode) -> Periode | None:
    """The period reported before ``p`` (across the turn of the year)."""
    reeks = perioden(ritme, p.jaar - 1) + perioden(ritme, p.jaar)
    codes = [(q.jaar, q.code) for q in reeks]
    i = codes.index((p.jaar, p.code))
    return reeks[i - 1] if i > 0 else None


# --- the Wgr calendar -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Termijn:
    code: str
    naam: str
    artikel: str
    datum: dt.date | None  # None: depends on a date not yet known (the AB's meeting)
    toelichting: str = ""


@cache
def _kalender() -> dict[str, Any]:
    with (Path(__file__).with_name("wgr-kalender.yaml")).open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def wgr_bron() -> str:
    return str(_kalender()["bron"])


def wgr_termijnen(begrotingsjaar: int, ab_vergadering: dt.date | None = None) -> list[Termijn]:
    """The statutory deadlines of the cycle for the budget of ``begrotingsjaar`` (and that year's accounts)."""
    uit: list[Termijn] = []
    for t in _kalender()["termijnen"]:
        if t["soort"] == "datum":
            datum: dt.date | None = dt.date(begrotingsjaar + int(t["jaar"]), int(t["maand"]), int(t["dag"]))
            uitleg = ""
        elif t["soort"] == "weken_voor_ab":
            weken = int(t["weken"])
            datum = ab_vergadering - dt.timedelta(weeks=weken) if ab_vergadering else None
            uitleg = f"{weken} weken vóór de vergadering van het algemeen bestuur over de begroting"
        else:  # pragma: no cover - the data file is checked by a test
            raise ValueError(f"onbekende soort termijn {t['soort']!r}")
        uit.append(Termijn(str(t["code"]), str(t["naam"]), str(t["artikel"]), datum, uitleg))
    return sorted(uit, key=lambda t: (t.datum is None, t.datum or dt.date.max))
