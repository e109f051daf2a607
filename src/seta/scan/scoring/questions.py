"""Load and validate the questionnaire (``data/vragen.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from .model import Bron, Per

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VRAGEN_PATH = DATA_DIR / "vragen.yaml"

#: Number of lines in the seed text; every reference must fall inside it.
SEED_REGELS = 1525

Soort = Literal["schaal", "janee", "keuze"]
_LINE_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


class QuestionnaireError(ValueError):
    """The questionnaire data file is inconsistent."""


@dataclass(frozen=True)
class Vraag:
    id: str
    titel: str
    vraag: str
    toelichting: str
    soort: Soort
    verplicht: bool
    bron: Bron
    zie_ook: tuple[Bron, ...] = ()
    schaal_min: int | None = None
    schaal_max: int | None = None
    schaal_labels: Mapping[int, str] | None = None
    opties: Mapping[str, str] | None = None
    #: 'partner': may be answered per partner; 'paar': per pair of partners; 'scan': once.
    per: Per = "scan"

    def toegestane_waarden(self) -> tuple[int | str, ...]:
        """All valid answers except 'weet niet'."""
        if self.soort == "schaal":
            assert self.schaal_min is not None and self.schaal_max is not None
            return tuple(range(self.schaal_min, self.schaal_max + 1))
        if self.soort == "janee":
            return ("ja", "nee")
        assert self.opties is not None
        return tuple(self.opties)

    def beschrijf(self, waarde: int | str) -> str:
        """Render an answer value in Dutch for the report."""
        if self.soort == "schaal" and isinstance(waarde, int):
            labels = self.schaal_labels or {}
            low, high = labels.get(self.schaal_min or 1), labels.get(self.schaal_max or 5)
            return f"{waarde} op {self.schaal_max} (1 = {low}, {self.schaal_max} = {high})"
        if self.soort == "keuze" and self.opties and isinstance(waarde, str) and waarde in self.opties:
            return self.opties[waarde]
        return str(waarde)


@dataclass(frozen=True)
class Vragenlijst:
    versie: int
    vragen: tuple[Vraag, ...]

    def __iter__(self) -> Iterator[Vraag]:
        return iter(self.vragen)

    def __len__(self) -> int:
        return len(self.vragen)

    def get(self, vraag_id: str) -> Vraag | None:
        for vraag in self.vragen:
            if vraag.id == vraag_id:
                return vraag
        return None

    def __getitem__(self, vraag_id: str) -> Vraag:
        vraag = self.get(vraag_id)
        if vraag is None:
            raise KeyError(vraag_id)
        return vraag

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.vragen)


def check_regels(regels: str, context: str) -> None:
    """Raise if ``regels`` is not a line or line range inside the seed."""
    match = _LINE_RANGE.match(regels)
    if not match:
        raise QuestionnaireError(f"{context}: regelverwijzing {regels!r} is geen regel of bereik")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if not 1 <= start <= end <= SEED_REGELS:
        raise QuestionnaireError(f"{context}: regels {regels} vallen buiten de brontekst (1-{SEED_REGELS})")


def parse_bron(data: Any, context: str) -> Bron:
    if not isinstance(data, Mapping) or "regels" not in data or "titel" not in data:
        raise QuestionnaireError(f"{context}: bron moet 'regels' en 'titel' hebben")
    bron = Bron.from_dict(data)
    check_regels(bron.regels, context)
    if not bron.titel.strip():
        raise QuestionnaireError(f"{context}: bron zonder titel")
    return bron


def _parse_vraag(data: Mapping[str, Any]) -> Vraag:
    vraag_id = str(data.get("id", ""))
    ctx = f"vraag {vraag_id!r}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", vraag_id):
        raise QuestionnaireError(f"{ctx}: ongeldig id")
    for key in ("titel", "vraag", "toelichting"):
        if not str(data.get(key, "")).strip():
            raise QuestionnaireError(f"{ctx}: '{key}' ontbreekt")
    soort = data.get("soort")
    if soort not in ("schaal", "janee", "keuze"):
        raise QuestionnaireError(f"{ctx}: onbekende soort {soort!r}")
    if not isinstance(data.get("verplicht"), bool):
        raise QuestionnaireError(f"{ctx}: 'verplicht' moet true of false zijn")
    kwargs: dict[str, Any] = {}
    if soort == "schaal":
        schaal = data.get("schaal") or {}
        lo, hi = schaal.get("min"), schaal.get("max")
        if not (isinstance(lo, int) and isinstance(hi, int) and lo < hi):
            raise QuestionnaireError(f"{ctx}: schaal vraagt gehele min < max")
        kwargs.update(
            schaal_min=lo,
            schaal_max=hi,
            schaal_labels={int(k): str(v) for k, v in (schaal.get("labels") or {}).items()},
        )
    elif soort == "keuze":
        opties = data.get("opties")
        if not isinstance(opties, Mapping) or len(opties) < 2:
            raise QuestionnaireError(f"{ctx}: een keuzevraag heeft minstens twee opties")
        kwargs["opties"] = {str(k): str(v) for k, v in opties.items()}
    per = data.get("per", "scan")
    if per not in ("scan", "partner", "paar"):
        raise QuestionnaireError(f"{ctx}: 'per' moet 'scan', 'partner' of 'paar' zijn")
    kwargs["per"] = per
    return Vraag(
        id=vraag_id,
        titel=str(data["titel"]),
        vraag=str(data["vraag"]),
        toelichting=" ".join(str(data["toelichting"]).split()),
        soort=soort,
        verplicht=bool(data["verplicht"]),
        bron=parse_bron(data.get("bron"), ctx),
        zie_ook=tuple(parse_bron(b, ctx) for b in data.get("zie_ook") or ()),
        **kwargs,
    )


def parse_questions(data: Mapping[str, Any]) -> Vragenlijst:
    """Validate a parsed questionnaire document."""
    raw = data.get("vragen")
    if not isinstance(raw, list) or not raw:
        raise QuestionnaireError("de vragenlijst bevat geen vragen")
    vragen = tuple(_parse_vraag(item) for item in raw)
    seen: set[str] = set()
    for vraag in vragen:
        if vraag.id in seen:
            raise QuestionnaireError(f"vraag {vraag.id!r} komt dubbel voor")
        seen.add(vraag.id)
    return Vragenlijst(versie=int(data.get("versie", 1)), vragen=vragen)


@cache
def _load_default() -> Vragenlijst:
    with VRAGEN_PATH.open(encoding="utf-8") as fh:
        return parse_questions(yaml.safe_load(fh))


def load_questions(path: Path | None = None) -> Vragenlijst:
    """Load and validate the questionnaire; the bundled one unless ``path`` is given."""
    if path is None:
        return _load_default()
    with Path(path).open(encoding="utf-8") as fh:
        return parse_questions(yaml.safe_load(fh))
