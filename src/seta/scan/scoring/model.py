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
#: What ``Antwoorden(waarden=...)`` takes: a value, or a per-partner (per-pair) mapping of values.
AntwoordInvoer = Antwoordwaarde | Mapping[str, Antwoordwaarde]

#: How a question is answered: once for the whole scan, per partner, or per pair of partners.
Per = Literal["scan", "partner", "paar"]

#: Joins two partner names into the key of a pair answer: "Ubbergen + Millingen aan de Rijn".
PAAR_SCHEIDING = " + "


def paar_sleutel(a: str, b: str) -> str:
    """The canonical key of a pair of partners (names sorted, so A+B and B+A are the same pair)."""
    return PAAR_SCHEIDING.join(sorted((a, b)))


def paar_namen(sleutel: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in sleutel.split(PAAR_SCHEIDING.strip()))


@dataclass(frozen=True)
class Bron:
    """A passage in the seed text: its section heading (``titel``), optionally a short quotation
    (``citaat``, one or two sentences), and the line range for maintainers (``regels``).

    ``str()`` gives what a reader can follow without the seed file: the heading and the quotation,
    never the line numbers (the reader does not have the numbered file).
    """

    regels: str
    titel: str
    citaat: str | None = None

    def __str__(self) -> str:
        if self.citaat:
            return f"‘{self.titel}’: “{self.citaat}”"
        return f"‘{self.titel}’"

    @property
    def regelverwijzing(self) -> str:
        """The line reference for maintainers: 'regels 819-834'."""
        prefix = "regel" if "-" not in self.regels else "regels"
        return f"{prefix} {self.regels}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bron:
        citaat = data.get("citaat")
        return cls(
            regels=str(data["regels"]),
            titel=str(data["titel"]),
            citaat=" ".join(str(citaat).split()) if citaat else None,
        )


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

    ``per_partner`` holds the answers given per partner (``{"urgentie_raad": {"Schagen": 2}}``) or per
    pair of partners (key ``"A + B"``, see :func:`paar_sleutel`). A plain value in ``waarden`` means
    "the same for all partners". For convenience a mapping value in ``waarden`` is moved into
    ``per_partner``, so ``Antwoorden(waarden={"urgentie_raad": {"Schagen": 2, "Anna Paulowna": 4}})``
    works (that is the shape of the answer file, the API and the stored scan).
    """

    waarden: Mapping[str, AntwoordInvoer] = field(default_factory=dict)
    aantal_partners: int | None = None
    per_partner: Mapping[str, Mapping[str, Antwoordwaarde]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        plain: dict[str, Antwoordwaarde] = {}
        per: dict[str, dict[str, Antwoordwaarde]] = {k: dict(v) for k, v in self.per_partner.items()}
        for key, value in dict(self.waarden).items():
            if isinstance(value, Mapping):
                per.setdefault(key, {}).update({str(k): v for k, v in value.items()})
            else:
                plain[key] = value
        object.__setattr__(self, "waarden", MappingProxyType(plain))
        object.__setattr__(
            self,
            "per_partner",
            MappingProxyType({k: MappingProxyType(v) for k, v in per.items() if v}),
        )

    def get(self, vraag_id: str) -> Antwoordwaarde:
        """The plain (whole-scan) answer; 'weet niet' when only per-partner answers were given."""
        waarde = self.waarden.get(vraag_id, WEET_NIET)
        return WEET_NIET if isinstance(waarde, Mapping) else waarde

    def gewone_waarden(self) -> dict[str, Antwoordwaarde]:
        """The plain (whole-scan) answers only."""
        return {k: v for k, v in self.waarden.items() if not isinstance(v, Mapping)}

    def per(self, vraag_id: str) -> Mapping[str, Antwoordwaarde]:
        """The per-partner (or per-pair) answers of a question, known ones only; empty if none."""
        return {k: v for k, v in self.per_partner.get(vraag_id, {}).items() if v != WEET_NIET}

    def met(self, vraag_id: str, waarde: Antwoordwaarde, partner: str | None = None) -> Antwoorden:
        """A copy with one answer changed: the plain answer, or one partner's (pair's) answer."""
        waarden: dict[str, AntwoordInvoer] = dict(self.waarden)
        per = {k: dict(v) for k, v in self.per_partner.items()}
        if partner is None:
            waarden[vraag_id] = waarde
            per.pop(vraag_id, None)
        else:
            per.setdefault(vraag_id, {})[partner] = waarde
        return Antwoorden(waarden=waarden, aantal_partners=self.aantal_partners, per_partner=per)

    def als_dict(self) -> dict[str, Any]:
        """The storage/file shape: plain values, and a mapping for per-partner answers."""
        out: dict[str, Any] = dict(self.waarden)
        for key, values in self.per_partner.items():
            out[key] = dict(values)
        return out

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
    #: The partner(s) or pair(s) whose answer causes this risk (per-partner questions only).
    bij: tuple[str, ...] = ()

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
    #: Ids of the dealbreakers that block this form (see :class:`Dealbreaker`).
    geblokkeerd_door: tuple[str, ...] = ()


@dataclass(frozen=True)
class Werkpunt:
    """A condition to work on first, taken from the seed."""

    factor: str
    titel: str
    risico: Risico
    tekst: str
    bron: Bron
    bij: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dealbreaker:
    """A factor the seed says stops a form on its own; it is 'hoog' in this scan.

    The blocked forms are not recommended until it is resolved; ``open_vormen`` stay open.
    """

    id: str
    factor: str
    titel: str
    bij: tuple[str, ...]
    blokkeert: tuple[str, ...]
    blokkeert_namen: tuple[str, ...]
    open_vormen: tuple[str, ...]
    eerst_oplossen: str
    bron: Bron


@dataclass(frozen=True)
class Gevoeligheid:
    """One row of the sensitivity table: a single answer that would change the recommendation."""

    vraag: str
    titel: str
    partner: str | None
    huidig: str
    ander: str
    nieuw_menu: str
    nieuw_naam: str


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
    dealbreakers: tuple[Dealbreaker, ...] = ()
    #: Which single answer would change the recommendation, and to what (empty: none would).
    gevoeligheid: tuple[Gevoeligheid, ...] = ()

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
    #: The form ``risico`` and ``zekerheid`` are about: always the recommended one (``advies.aanbevolen``).
    risico_vorm: str = ""

    def factor(self, factor_id: str) -> FactorUitkomst:
        for uitkomst in self.factoren:
            if uitkomst.factor == factor_id:
                return uitkomst
        raise KeyError(factor_id)
