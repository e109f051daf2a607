"""The ``seta`` command: Django's management commands under one name.

``seta demo``, ``seta serve``, ``seta token USERNAME``, ``seta import-gemeenten FILE``,
``seta allocate FILE``, ``seta scan FILE`` and every Django command (``seta migrate`` …).
Hyphenated names map to the underscore names of the management commands.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
