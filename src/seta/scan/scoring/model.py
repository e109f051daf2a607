"""Immutable value objects of the cooperation scan (samenwerkingsscan).

Dutch domain words are used for the objects and their fields, English for the code around them.
Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

Risico = Literal["laag", "matig", "verhoogd", "hoog", "onbekend"]
Zekerheid = Literal["onbekend", "laag", "beperkt", "redelijk"]
Status = Literal["aanbevolen", "mogelijk", "minder passend", "ontraden"]

RISICO_NIVEAUS: tuple[Risico, ...] = ("laag", "matig", "verhoogd", "hoog", "onbekend")
VERHOOGDE_RISICOS: frozenset[str] = frozenset({"verhoogd", "hoog"})

#: The answer every question accepts when the respondent does not know.
WEET_NIET = "weet niet"

#: The five options the recommendation ranks, in the order the seed's menu card lists them.
MENUS: tuple[str, ...] = ("stand_alone", "menu_1", "menu_2", "menu_3", "bestuurlijke_fusie")

Antwoordwaarde = int | str


@dataclass(frozen=True)
class Bron:
    """A passage in the seed text: a line range and the passage's title."""

    regels: str
    titel: str

    def __str__(self) -> str:
        prefix = "regel" if "-" not in self.regels else "regels"
        return f"{prefix} {self.regels} ({self.titel})"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bron:
        return cls(regels=str(data["regels"]), titel=str(data["titel"]))


@dataclass(frozen=True)
class Partner:
    """A candidate partner municipality (partnergemeente)."""

    code: str | None
    naam: str
    provincie: str | None
    bevolking: int | None
    bestaat: bool = True
    #: Where the population figure comes from when it is not from the reference list.
    bevolking_herkomst: str | None = None


@dataclass(frozen=True)
class Antwoorden:
    """The answers to the questionnaire; a missing answer means 'weet niet'.

    ``aantal_partners`` overrides the number of partners when not all partners are known by name
    (the seed sometimes says "five municipalities, among which Eersel").
    """

    waarden: Mapping[str, Antwoordwaarde] = field(default_factory=dict)
    aantal_partners: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "waarden", MappingProxyType(dict(self.waarden)))

    def get(self, vraag_id: str) -> Antwoordwaarde:
        return self.waarden.get(vraag_id, WEET_NIET)

    def is_bekend(self, vraag_id: str) -> bool:
        return self.get(vraag_id) != WEET_NIET


@dataclass(frozen=True)
class FactorUitkomst:
    """The risk level of one factor, with a one-sentence Dutch reason and the seed passage."""

    factor: str
    titel: str
    risico: Risico
    reden: str
    bron: Bron
    zekerheid: Zekerheid
    soort: Literal["gevraagd", "berekend"]
    gewicht: int
    antwoord: str | None = None
    #: The seed's own "it depends" for this factor, if any.
    voorbehoud: str | None = None

    @property
    def verhoogd(self) -> bool:
        return self.risico in VERHOOGDE_RISICOS


@dataclass(frozen=True)
class Bijdrage:
    """One line in the explanation of a menu score."""

    omschrijving: str
    punten: float
    bron: Bron | None = None


@dataclass(frozen=True)
class MenuAdvies:
    """The assessment of one menu: score, rank, status and how the score was reached."""

    menu: str
    naam: str
    score: float
    rang: int
    status: Status
    bijdragen: tuple[Bijdrage, ...]
    redenen: tuple[str, ...]
    ontraden_om: tuple[str, ...] = ()


@dataclass(frozen=True)
class Werkpunt:
    """A condition to work on first, taken from the seed."""

    factor: str
    titel: str
    risico: Risico
    tekst: str
    bron: Bron


@dataclass(frozen=True)
class Figuur3Punt:
    """One row of Figure 3 ("Grove aanduiding van voordelen van menu's")."""

    id: str
    punt: str
    tekens: Mapping[str, str]


@dataclass(frozen=True)
class Advies:
    """The ranked recommendation, Figure 3 for the menus, and the conditions to work on first."""

    menus: tuple[MenuAdvies, ...]
    werkpunten: tuple[Werkpunt, ...]
    figuur3: tuple[Figuur3Punt, ...]
    figuur3_bron: Bron

    def voor(self, menu: str) -> MenuAdvies:
        for advies in self.menus:
            if advies.menu == menu:
                return advies
        raise KeyError(menu)

    @property
    def aanbevolen(self) -> MenuAdvies:
        return self.menus[0]


@dataclass(frozen=True)
class CasusMatch:
    """A historical case and why it resembles the scanned configuration."""

    casus_id: str
    naam: str
    score: float
    uitkomst: str
    vorm: str
    jaar: int | None
    overeenkomsten: tuple[str, ...]
    verschillen: tuple[str, ...]
    bron: tuple[Bron, ...]


@dataclass(frozen=True)
class Voorbehoud:
    tekst: str
    bron: Bron


@dataclass(frozen=True)
class ScanResultaat:
    """The complete outcome of one scan."""

    partners: tuple[Partner, ...]
    aantal_partners: int
    factoren: tuple[FactorUitkomst, ...]
    risico: Risico
    zekerheid: Zekerheid
    oordeel: str
    advies: Advies
    vergelijkbare_casussen: tuple[CasusMatch, ...]
    voorbehouden: tuple[Voorbehoud, ...]
    onbekend: tuple[str, ...]

    def factor(self, factor_id: str) -> FactorUitkomst:
        for uitkomst in self.factoren:
            if uitkomst.factor == factor_id:
                return uitkomst
        raise KeyError(factor_id)
