"""Roles are derived from Functionaris, Medewerker and Bestuurslid records (see actor.py); no tables for
roles here. The two tables here guard access itself: personal API tokens (stored hashed) and failed
login attempts (for throttling and lockout, see ``inloggen.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A user's personal API token. Only a SHA-256 hash of the token is stored, plus its visible prefix
    (to recognise it in the admin and in the account page); the full token is shown once, when made."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token", verbose_name="gebruiker"
    )
    prefix = models.CharField("prefix", max_length=16, unique=True)
    sleutel_hash = models.CharField("hash van het token", max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField("laatst gebruikt op", null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.gebruiker})"


class Inlogpoging(models.Model):
    """A failed login (``mislukt``) or one refused because of a lockout (``geweigerd``)."""

    class Uitkomst(models.TextChoices):
        MISLUKT = "mislukt", "mislukt"
        GEWEIGERD = "geweigerd", "geweigerd (geblokkeerd)"

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150, db_index=True)
    adres = models.CharField("adres", max_length=45, db_index=True)
    uitkomst = models.CharField("uitkomst", max_length=10, choices=Uitkomst.choices)

    class Meta:
        verbose_name = "inlogpoging"
        verbose_name_plural = "inlogpogingen"
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.gebruikersnaam} vanaf {self.adres or 'onbekend adres'}: {self.uitkomst}"
