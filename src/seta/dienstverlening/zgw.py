"""A read-only client of a municipality's ZGW Zaken API (VNG standard, e.g. Open Zaak), version 1.x.

:func:`haal_zaken` fetches ``GET {api_root}/zaken?startdatum__gte=…&startdatum__lte=…`` page by page
(following ``next`` until it is null) and returns the same :class:`~seta.dienstverlening.zaken_import.Zaakrij`
rows that the file importer reads, so the cases go through the same checks and the same replace path
(``zaken.haal_op``). Fields read per zaak (ZGW Zaken API 1.5, schema ``Zaak``):

====================================  ==============================================================
``identificatie``                     ``identificatie``
``zaaktype`` (URL)                    ``zaaktype``: mapped like a code (``Zaaktypekoppeling``)
``startdatum``                        ``ontvangen``
``einddatum`` (null: open)            ``besloten``
``uiterlijkeEinddatumAfdoening``      ``uiterste_datum``
``verlenging.duur`` (ISO 8601)        ``opgeschorte_dagen`` (see below)
``resultaat`` (URL or null)           ``resultaat`` (the URL; the API does not give a text)
(the configured gemeente)             ``gemeente`` (a Zaken API serves one municipality)
====================================  ==============================================================

Suspended days: ZGW 1.x records a suspension only as ``opschorting.indicatie`` (suspended now or not) and
a ``reden``, with no duration. The only duration a zaak carries is ``verlenging.duur`` (the extension of
the decision term, Awb 4:14, ISO 8601 ``P14D`` or ``P2W``), and case systems record a suspension's effect
there too. So ``opgeschorte_dagen`` = the days of ``verlenging.duur`` (``PnD``, ``PnW``), 0 without a
verlenging; a duration in months or years is refused as invalid data (it has no fixed number of days).

Authentication: a JWT signed with HS256 with the secret, claims ``iss`` and ``client_id`` = the client id,
``iat`` (and ``user_id``/``user_representation`` "seta"), sent as ``Authorization: Bearer <jwt>``; the
secret is read from the environment variable named in ``Zaaksysteem.geheim_variabele`` and never stored.
HTTP: ``requests`` with the configured timeout (ADR 0039). A refusal (401/403), a time-out, another
HTTP error or invalid data becomes an :class:`InvalidInput` with a clear Dutch message naming the API,
and for invalid data the zaak and the field.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from typing import Any

import jwt
import requests

from seta.core.errors import InvalidInput
from seta.dienstverlening.models import Zaaksysteem
from seta.dienstverlening.zaken_import import Zaakrij

MAX_PAGINAS = 1000  # 100 cases a page in Open Zaak: 100,000 cases in one period is beyond any municipality
ACCEPT_CRS = "EPSG:4326"  # the Zaken API requires the header on /zaken (geometry), even when none is asked
_DUUR = re.compile(r"P(?:(?P<w>[0-9]{1,4})W|(?P<d>[0-9]{1,5})D)")
_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fout(zaaksysteem: Zaaksysteem, bericht: str, *, key: str = "zaaksysteem") -> InvalidInput:
    return InvalidInput(f"{zaaksysteem.naam}: {bericht}", fields={key: [f"{zaaksysteem.naam}: {bericht}"]})


def token(zaaksysteem: Zaaksysteem, *, nu: float | None = None) -> str:
    """The JWT for one request: HS256 over the secret from the environment variable."""
    geheim = os.environ.get(zaaksysteem.geheim_variabele, "")
    if not geheim:
        raise _fout(
            zaaksysteem,
            f"de omgevingsvariabele {zaaksysteem.geheim_variabele} met het geheim is niet gezet op de server.",
            key="geheim_variabele",
        )
    claims = {
        "iss": zaaksysteem.client_id,
        "client_id": zaaksysteem.client_id,
        "iat": int(nu if nu is not None else time.time()),
        "user_id": "seta",
        "user_representation": "SETA (zaakgegevens)",
    }
    return jwt.encode(claims, geheim, algorithm="HS256")


def _get(sessie: requests.Session, zaaksysteem: Zaaksysteem, url: str, params: dict[str, str] | None) -> Any:
    try:
        antwoord = sessie.get(
            url,
            params=params,
            timeout=zaaksysteem.timeout_seconden,
            headers={
                "Authorization": f"Bearer {token(zaaksysteem)}",
                "Accept": "application/json",
                "Accept-Crs": ACCEPT_CRS,
            },
            allow_redirects=False,
        )
    except requests.Timeout as exc:
        raise _fout(
            zaaksysteem,
            f"de Zaken API antwoordt niet binnen {zaaksysteem.timeout_seconden} seconden (time-out); "
            "probeer het later opnieuw of verhoog de time-out.",
        ) from exc
    except requests.RequestException as exc:
        raise _fout(zaaksysteem, f"de Zaken API is niet bereikbaar ({type(exc).__name__}).") from exc
    if antwoord.status_code in (401, 403):
        raise _fout(
            zaaksysteem,
            f"de Zaken API weigert de toegang ({antwoord.status_code}): controleer client-id en geheim "
            "(en de autorisaties van deze client in de Autorisaties API).",
        )
    if antwoord.status_code != 200:
        raise _fout(zaaksysteem, f"de Zaken API antwoordt met HTTP {antwoord.status_code} op {url}.")
    try:
        return antwoord.json()
    except ValueError as exc:
        raise _fout(zaaksysteem, f"het antwoord op {url} is geen JSON.") from exc


def _datumveld(zaak: dict[str, Any], veld: str, plaats: str, fouten: list[tuple[str, str, str]]) -> str:
    waarde = zaak.get(veld)
    if waarde is None:
        return ""
    if not isinstance(waarde, str) or not _DATUM.fullmatch(waarde):
        fouten.append((plaats, veld, f"'{waarde}' is geen datum (jjjj-mm-dd)."))
        return ""
    return waarde


def zaakrij(
    zaaksysteem: Zaaksysteem, zaak: Any, nummer: int, fouten: list[tuple[str, str, str]]
) -> Zaakrij | None:
    """One zaak of the API as the importer's row; problems are appended to ``fouten`` (place, field, message)."""
    if not isinstance(zaak, dict):
        fouten.append((f"{zaaksysteem.naam}, zaak {nummer}", "", "geen zaak-object."))
        return None
    identificatie = zaak.get("identificatie")
    plaats = f"{zaaksysteem.naam}, zaak {identificatie if isinstance(identificatie, str) and identificatie else nummer}"
    voor = len(fouten)
    if not isinstance(identificatie, str) or not identificatie.strip():
        fouten.append((plaats, "identificatie", "ontbreekt of is leeg."))
    zaaktype = zaak.get("zaaktype")
    if not isinstance(zaaktype, str) or not zaaktype.startswith(("http://", "https://")):
        fouten.append((plaats, "zaaktype", f"'{zaaktype}' is geen URL van een zaaktype."))
    startdatum = _datumveld(zaak, "startdatum", plaats, fouten)
    if not startdatum and zaak.get("startdatum") is None:
        fouten.append((plaats, "startdatum", "ontbreekt."))
    einddatum = _datumveld(zaak, "einddatum", plaats, fouten)
    uiterste = _datumveld(zaak, "uiterlijkeEinddatumAfdoening", plaats, fouten)
    opgeschort = 0
    opschorting = zaak.get("opschorting")
    if opschorting is not None and not (
        isinstance(opschorting, dict) and isinstance(opschorting.get("indicatie", False), bool)
    ):
        fouten.append((plaats, "opschorting", "geen object met 'indicatie' (true of false)."))
    verlenging = zaak.get("verlenging")
    if verlenging is not None:
        duur = verlenging.get("duur") if isinstance(verlenging, dict) else None
        match = _DUUR.fullmatch(duur) if isinstance(duur, str) else None
        if duur in (None, ""):
            pass
        elif match is None:
            fouten.append(
                (
                    plaats,
                    "verlenging.duur",
                    f"'{duur}' is geen duur in dagen of weken (ISO 8601: P14D of P2W).",
                )
            )
        else:
            opgeschort = int(match["d"]) if match["d"] else 7 * int(match["w"])
    resultaat = zaak.get("resultaat")
    if resultaat is not None and not isinstance(resultaat, str):
        fouten.append((plaats, "resultaat", "geen URL van een resultaat."))
    if len(fouten) > voor:
        return None
    return Zaakrij(
        plaats=plaats,
        waarden={
            "identificatie": identificatie.strip(),  # type: ignore[union-attr]
            "zaaktype": zaaktype,
            "gemeente": zaaksysteem.gemeente.cbs_code,
            "ontvangen": startdatum,
            "besloten": einddatum,
            "opgeschorte_dagen": opgeschort,
            "uiterste_datum": uiterste,
            "resultaat": resultaat or "",
            "tevredenheid": None,
        },
    )


def haal_zaken(
    zaaksysteem: Zaaksysteem, van: dt.date, tot: dt.date, *, sessie: requests.Session | None = None
) -> list[Zaakrij]:
    """Every zaak with a startdatum in ``van``..``tot`` as importer rows (all pages), or :class:`InvalidInput`."""
    sessie = sessie or requests.Session()
    basis = zaaksysteem.api_root.rstrip("/")
    url: str | None = f"{basis}/zaken"
    params: dict[str, str] | None = {"startdatum__gte": van.isoformat(), "startdatum__lte": tot.isoformat()}
    rijen: list[Zaakrij] = []
    fouten: list[tuple[str, str, str]] = []
    gezien: set[str] = set()
    nummer = 0
    for _ in range(MAX_PAGINAS):
        if url is None:
            break
        if url in gezien:
            raise _fout(
                zaaksysteem, f"de Zaken API verwijst met 'next' terug naar een eerdere pagina ({url})."
            )
        gezien.add(url)
        pagina = _get(sessie, zaaksysteem, url, params)
        params = None  # ``next`` carries the query itself
        if not isinstance(pagina, dict) or not isinstance(pagina.get("results"), list):
            raise _fout(zaaksysteem, f"het antwoord op {url} is geen pagina met zaken ('results' ontbreekt).")
        volgende = pagina.get("next")
        if volgende is not None and not (isinstance(volgende, str) and volgende.startswith(f"{basis}/")):
            # The token goes with every request: never follow a link away from the configured API.
            raise _fout(zaaksysteem, f"'next' in het antwoord op {url} is geen adres van deze Zaken API.")
        for zaak in pagina["results"]:
            nummer += 1
            rij = zaakrij(zaaksysteem, zaak, nummer, fouten)
            if rij is not None:
                rijen.append(rij)
        url = volgende
    else:
        raise _fout(
            zaaksysteem, f"de Zaken API geeft meer dan {MAX_PAGINAS} pagina's; kies een kortere periode."
        )
    if fouten:
        velden: dict[str, list[str]] = {}
        for plaats, veld, bericht in fouten[:500]:
            key = f"{plaats}, veld {veld}" if veld else plaats
            velden.setdefault(key, []).append(f"{key}: {bericht}")
        raise InvalidInput(
            f"{zaaksysteem.naam}: de Zaken API gaf ongeldige gegevens ({len(fouten)} fout(en)). Er is niets opgeslagen.",
            fields=velden,
            code="zaken_ongeldig",
        )
    return rijen
