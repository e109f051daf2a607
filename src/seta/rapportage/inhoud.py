"""The figures of a council report, built from the database (the contract: ``kern/model.py``).

``bouw(rapportage)`` computes a report's content now (a read: nothing is written). It is what a concept shows, and
what ``services.aanbieden`` freezes. Everything in it is readable by every reader of the report: assignments are
named only where ``policy.rapportage.opdracht_in_rapportage`` says ``naam``; confidential ones are counted.

SKELETON (issue 12, schema commit): the sections are filled in by the figures' work package.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from seta.rapportage.kern import model
from seta.rapportage.models import Raadsrapportage


def _kerncijfers_leeg() -> model.Kerncijfers:
    return {
        "opgedragen": 0,
        "opgeleverd": 0,
        "te_laat": 0,
        "lopend": 0,
        "vragen_open": 0,
        "vragen_mediaan_dagen": None,
        "uren": "0.00",
        "kosten": "0.00",
        "voorschot": None,
        "normen_gehaald": None,
        "normen_gemist": None,
        "eenpitters": 0,
    }


def bouw(rapportage: Raadsrapportage, *, vandaag: dt.date | None = None) -> model.Inhoud:
    """The report's content as of ``vandaag`` (default today)."""
    vandaag = vandaag or timezone.localdate()
    sv = rapportage.samenwerkingsverband
    g = rapportage.gemeente
    return {
        "schema": model.SCHEMA,
        "soort": "gezamenlijk" if g is None else "gemeente",
        "samenwerkingsverband": {"id": sv.pk, "naam": sv.naam},
        "gemeente": None if g is None else {"id": g.pk, "code": g.cbs_code, "naam": g.naam},
        "periode": {
            "jaar": rapportage.jaar,
            "code": rapportage.periode,
            "naam": rapportage.periode_naam,
            "begin": rapportage.begin.isoformat(),
            "eind": rapportage.eind.isoformat(),
        },
        "peildatum": vandaag.isoformat(),
        "opdrachten": None,
        "bestuursvragen": None,
        "financien": None,
        "dienstverlening": None,
        "robuustheid": {"competenties": 0, "kwetsbaar": [], "eenpitters": 0},
        "kerncijfers": _kerncijfers_leeg(),
        "partners": [],
        "vergelijking": {"vorige": None, "cijfers": {}},
        "toelichting_pool": rapportage.toelichting_pool,
        "toelichting_gemeente": rapportage.toelichting_gemeente,
        "besluit": None,
        "versie": rapportage.volgnummer,
        "corrigeert": None,
        "correctiereden": rapportage.correctiereden,
    }
