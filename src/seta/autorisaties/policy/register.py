"""What the public register (Woo, active publication) shows to anyone, without logging in.

The Woo (art. 3.3, category 2c) obliges the boards of a gemeenschappelijke regeling to publish their decisions;
SETA publishes per cooperation and municipality what these functions select, and nothing else. They take no actor:
the register's reader is anonymous, and what is public does not depend on who asks. The register's selectors
(``rapportage/register_selectors.py``) read only through these, and a test walks the whole register as an anonymous
client and checks every item against them.

- the cooperations and their partners (``verbanden_q``, ``deelnemers_q``): all of them, they are public bodies;
- assignments: public (``vertrouwelijkheid`` openbaar) and commissioned by the college (not a draft, and with a
  date of commissioning: a draft cancelled before it was commissioned stays out); a confidential assignment never
  appears, not even as a count;
- the frames' council decisions: those of the public assignments above (``raadsbesluit_kenmerk``);
- board decisions (``Bestuursbesluit``): all of them (budget, verdeelmodel, settlement, planning rules, DVO, council
  reports); they are decisions of a public body, their description is written for the public;
- council reports: those sent to the council (``aangeboden``, and earlier versions ``vervangen``);
- the organisation: the cooperation, its partners and its units (no staff names).
"""

from __future__ import annotations

from django.db.models import Q

from seta.rapportage import lifecycle as rapportage_lifecycle


def verbanden_q() -> Q:
    return Q()


def deelnemers_q() -> Q:
    return Q()


def opdrachten_q() -> Q:
    return Q(vertrouwelijkheid="openbaar") & ~Q(status="concept") & Q(opgedragen_op__isnull=False)


def raadsbesluiten_q() -> Q:
    return opdrachten_q() & ~Q(raadsbesluit_kenmerk="")


def besluiten_q() -> Q:
    return Q()


def rapportages_q() -> Q:
    return Q(status__in=sorted(rapportage_lifecycle.BEVROREN))


def eenheden_q() -> Q:
    return Q()
