"""Shared parts of ``seta import-zaken`` and ``seta fetch-zaken``: arguments, look-ups and printing errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from seta.core.errors import InvalidInput, SetaError
from seta.dienstverlening.models import Zaakimport
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


def add_period_arguments(parser: CommandParser) -> None:
    parser.add_argument("--samenwerkingsverband", "-s", required=True, help="Slug, bijvoorbeeld bel.")
    parser.add_argument("--van", required=True, help="Begin van de periode (jjjj-mm-dd).")
    parser.add_argument("--tot", required=True, help="Einde van de periode, tot en met (jjjj-mm-dd).")


def datum(value: str, optie: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{optie}: '{value}' is geen datum (jjjj-mm-dd).", returncode=2) from exc


def verband(slug: str) -> Samenwerkingsverband:
    sv = Samenwerkingsverband.objects.filter(slug=slug).first()
    if sv is None:
        raise CommandError(f"--samenwerkingsverband: '{slug}' bestaat niet.", returncode=2)
    return sv


def gemeente(slug: str | None) -> Gemeente | None:
    if not slug:
        return None
    g = Gemeente.objects.filter(slug=slug).first() or Gemeente.objects.filter(cbs_code__iexact=slug).first()
    if g is None:
        raise CommandError(f"--gemeente: '{slug}' is geen gemeente (slug of CBS-code).", returncode=2)
    return g


def run(stdout: OutputWrapper, stderr: OutputWrapper, call: Callable[[], Zaakimport], style: Any) -> None:
    """Run the import; every error on its own line on stderr and exit code 2, else the summary."""
    try:
        imp = call()
    except InvalidInput as exc:
        stderr.write(exc.detail)
        for berichten in exc.fields.values():
            for bericht in berichten:
                if bericht != exc.detail:
                    stderr.write(f"  {bericht}")
        raise CommandError("Er is niets opgeslagen.", returncode=2) from exc
    except SetaError as exc:
        raise CommandError(exc.detail, returncode=2) from exc
    stdout.write(
        style.SUCCESS(
            f"{imp.bestandsnaam}: {imp.aantal_zaken} zaken ingelezen (ontvangen {imp.periode_van:%d-%m-%Y} t/m "
            f"{imp.periode_tot:%d-%m-%Y}), {imp.aantal_vervangen} vervangen."
        )
    )
