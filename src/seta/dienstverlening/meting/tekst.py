"""Dutch notation of the figures: "95,0 %", "8 werkdagen", "binnen 8 weken", "7,2"."""

from __future__ import annotations

from decimal import Decimal

from .cijfers import Norm


def getal(waarde: Decimal | int | None, decimalen: int = 1) -> str:
    """``1.234,5``: a decimal comma and a point between thousands; ``–`` for no value."""
    if waarde is None:
        return "–"
    tekst = f"{Decimal(waarde):,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def procent(waarde: Decimal | None) -> str:
    """``95,0 %`` (a space before the sign, as Dutch style guides ask)."""
    return "–" if waarde is None else f"{getal(waarde)} %"


def streef(waarde: Decimal | None) -> str:
    """A target percentage without needless decimals: ``95 %``, ``99,5 %``."""
    if waarde is None:
        return "100 %"
    normaal = waarde.normalize()
    decimalen = max(-normaal.as_tuple().exponent, 0)  # type: ignore[operator]
    return f"{getal(waarde, int(decimalen))} %"


def dagen(aantal: Decimal | int | None, dagsoort: str) -> str:
    """``8 werkdagen``, ``1 kalenderdag``, ``12,5 werkdagen``."""
    if aantal is None:
        return "–"
    waarde = Decimal(aantal)
    tekst = getal(waarde, 0 if waarde == waarde.to_integral_value() else 1)
    enkelvoud = {"werkdagen": "werkdag", "kalenderdagen": "kalenderdag"}.get(dagsoort, "dag")
    meervoud = dagsoort if dagsoort in ("werkdagen", "kalenderdagen") else "dagen"
    return f"{tekst} {enkelvoud if waarde == 1 else meervoud}"


def termijn(norm: Norm) -> str:
    """The term as people say it: ``binnen 8 weken`` (whole weeks of calendar days), ``binnen 5 werkdagen``."""
    if norm.termijn is None:
        return "binnen de termijn"
    if norm.dagsoort == "kalenderdagen" and norm.termijn % 7 == 0 and norm.termijn >= 14:
        return f"binnen {norm.termijn // 7} weken"
    return f"binnen {dagen(norm.termijn, norm.dagsoort or 'werkdagen')}"


def normtekst(norm: Norm) -> str:
    """What the norm asks, in one line: ``95 % binnen 8 weken``, ``minimaal 7,0``, ``40 tot 80 zaken``."""
    if norm.soort == "doorlooptijd":
        return f"{streef(norm.streefpercentage)} {termijn(norm)}"
    if norm.soort == "kwaliteit":
        return f"gemiddeld minimaal {getal(norm.minimumscore)}"
    if norm.soort == "beschikbaarheid":
        return f"beschikbaarheid minimaal {streef(norm.streefpercentage)}"
    if norm.volume_min is not None and norm.volume_max is not None:
        return f"{norm.volume_min} tot {norm.volume_max} zaken per periode"
    if norm.volume_min is not None:
        return f"minimaal {norm.volume_min} zaken per periode"
    if norm.volume_max is not None:
        return f"maximaal {norm.volume_max} zaken per periode"
    return "geen bandbreedte"


def waarde(norm: Norm, percentage_binnen_norm: Decimal | None, gemeten: Decimal | None) -> str:
    """The measured figure of a period: ``71,0 % binnen 8 weken``, ``gemiddeld 6,8``, ``34 zaken``."""
    if norm.soort == "doorlooptijd":
        return f"{procent(percentage_binnen_norm)} {termijn(norm)}"
    if norm.soort == "kwaliteit":
        return f"gemiddeld {getal(gemeten)}"
    if norm.soort == "beschikbaarheid":
        return f"{procent(gemeten)} beschikbaar"
    return f"{getal(gemeten, 0)} zaken"
