"""Structural factors: computed from the partner list, not asked.

* number of partners (more than three is a serious risk for a full administrative merger);
* size balance (population of the largest partner against the mean of the others);
* partners in different provinces;
* host-model fit (one partner much larger and the small one accepts being served).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import WEET_NIET, Antwoorden, FactorUitkomst, Partner, Risico, Zekerheid
from .rules import FactorRegel, Regelset


def _fmt_getal(value: float) -> str:
    """Dutch decimal notation with one decimal: 3.6 -> '3,6'."""
    return f"{value:.1f}".replace(".", ",")


def aantal(partners: Sequence[Partner], antwoorden: Antwoorden) -> int:
    """Number of partners: the explicit count when given (not every partner may be named)."""
    return max(len(partners), antwoorden.aantal_partners or 0)


def grootteverhouding(partners: Sequence[Partner]) -> tuple[float, Partner] | None:
    """Population of the largest partner divided by the mean population of the others.

    Returns ``None`` when fewer than two partners are known or a population is missing.
    """
    if len(partners) < 2 or any(p.bevolking is None or p.bevolking <= 0 for p in partners):
        return None
    ordered = sorted(partners, key=lambda p: p.bevolking or 0, reverse=True)
    largest, others = ordered[0], ordered[1:]
    mean_others = sum(p.bevolking or 0 for p in others) / len(others)
    return (largest.bevolking or 0) / mean_others, largest


def _uitkomst(
    regel: FactorRegel,
    risico: Risico,
    sleutel: str,
    zekerheid: Zekerheid,
    antwoord: str | None = None,
    voorbehoud: str | None = None,
    **fmt: object,
) -> FactorUitkomst:
    template = regel.redenen.get(sleutel) or regel.redenen.get("onbekend", "")
    reden = template.format(**fmt)
    reden = reden[:1].upper() + reden[1:]
    if not reden.endswith("."):
        reden += "."
    return FactorUitkomst(
        factor=regel.id,
        titel=regel.titel,
        risico=risico,
        reden=reden,
        bron=regel.bron,
        zekerheid=zekerheid if risico != "onbekend" else "onbekend",
        soort="berekend",
        gewicht=regel.gewicht,
        antwoord=antwoord,
        voorbehoud=voorbehoud if voorbehoud is not None else regel.voorbehoud,
    )


def factor_aantal_partners(
    regel: FactorRegel, partners: Sequence[Partner], antwoorden: Antwoorden
) -> FactorUitkomst:
    n = aantal(partners, antwoorden)
    if n < 2:
        return _uitkomst(regel, "onbekend", "onbekend", "onbekend", antwoord=str(n) if n else None)
    risico = regel.risico_voor_getal(n)
    return _uitkomst(regel, risico, regel.reden_sleutel(risico), regel.zekerheid, antwoord=str(n), n=n)


def factor_grootteverschil(
    regel: FactorRegel, partners: Sequence[Partner], antwoorden: Antwoorden
) -> FactorUitkomst:
    n = aantal(partners, antwoorden)
    result = grootteverhouding(partners) if n == len(partners) else None
    if result is None:
        return _uitkomst(regel, "onbekend", "onbekend", "onbekend")
    ratio, largest = result
    risico = regel.risico_voor_getal(ratio)
    herkomst = [p.naam for p in partners if p.bevolking_herkomst]
    zekerheid: Zekerheid = regel.zekerheid
    if herkomst:
        # Estimated populations: never more certain than 'beperkt'.
        zekerheid = "beperkt"
    return _uitkomst(
        regel,
        risico,
        regel.reden_sleutel(risico),
        zekerheid,
        antwoord=f"{_fmt_getal(ratio)}x",
        verhouding=_fmt_getal(ratio),
        grootste=largest.naam,
    )


def factor_provincies(
    regel: FactorRegel, partners: Sequence[Partner], antwoorden: Antwoorden
) -> FactorUitkomst:
    if len(partners) < 2 or any(not p.provincie for p in partners):
        return _uitkomst(regel, "onbekend", "onbekend", "onbekend")
    provincies = sorted({p.provincie or "" for p in partners})
    sleutel = "gelijk" if len(provincies) == 1 else "verschillend"
    risico = regel.risico_voor(sleutel)
    return _uitkomst(
        regel,
        risico,
        regel.reden_sleutel(risico),
        regel.zekerheid,
        antwoord=", ".join(provincies),
        provincies=", ".join(provincies),
    )


def factor_gastheer_fit(
    regel: FactorRegel, partners: Sequence[Partner], antwoorden: Antwoorden
) -> FactorUitkomst:
    n = aantal(partners, antwoorden)
    result = grootteverhouding(partners) if n == len(partners) else None
    if result is None:
        return _uitkomst(regel, "onbekend", "onbekend", "onbekend")
    ratio, largest = result
    grens = regel.grens_verhouding or 3.0
    acceptatie = antwoorden.get(regel.vraag) if regel.vraag else WEET_NIET
    if ratio < grens:
        sleutel = "geen_gastheer"
    elif acceptatie == "ja":
        sleutel = "past"
    elif acceptatie == "nee":
        sleutel = "niet_aanvaard"
    else:
        sleutel = "onduidelijk"
    risico = regel.risico_voor(sleutel)
    zekerheid: Zekerheid = regel.zekerheid
    if any(p.bevolking_herkomst for p in partners):
        zekerheid = "beperkt"
    return _uitkomst(
        regel,
        risico,
        sleutel,
        zekerheid,
        antwoord=f"{_fmt_getal(ratio)}x, aanvaard: {acceptatie}",
        voorbehoud=regel.voorbehoud if n > 2 else None,
        verhouding=_fmt_getal(ratio),
        grootste=largest.naam,
    )


_BEREKENINGEN = {
    "aantal_partners": factor_aantal_partners,
    "grootteverschil": factor_grootteverschil,
    "provincies": factor_provincies,
    "gastheer_fit": factor_gastheer_fit,
}


def structural_factors(
    regels: Regelset, partners: Sequence[Partner], antwoorden: Antwoorden
) -> tuple[FactorUitkomst, ...]:
    """Compute every 'berekend' factor of the rules table."""
    out = []
    for regel in regels.factoren.values():
        if regel.soort != "berekend":
            continue
        bereken = _BEREKENINGEN.get(regel.id)
        if bereken is None:
            raise KeyError(f"geen berekening voor factor {regel.id!r}")
        out.append(bereken(regel, partners, antwoorden))
    return tuple(out)
