"""Roles are derived from Functionaris, Medewerker and Bestuurslid records (see actor.py); no tables here."""
