"""E-mail to subscribers when a council report is published (Django's e-mail backends; the console one in the demo).

``na_publicatie(rapportage)`` is called by ``services.aanbieden`` inside its transaction (``transaction.on_commit``):
one message per subscription that covers the report, with a link, recorded as a ``Verzending`` so nobody gets the
same report twice. Returns the number of messages sent.

SKELETON (issue 12, schema commit): the pages and subscriptions work package fills this in.
"""

from __future__ import annotations

from seta.rapportage.models import Raadsrapportage


def na_publicatie(rapportage: Raadsrapportage) -> int:
    return 0
