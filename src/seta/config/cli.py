"""The ``seta`` command: Django's management commands under one name.

``seta demo``, ``seta serve``, ``seta token USERNAME``, ``seta import-gemeenten FILE``,
``seta allocate FILE``, ``seta scan FILE`` and every Django command (``seta migrate`` …).
Hyphenated names map to the underscore names of the management commands.
"""

from __future__ import annotations

import csv
import os
import sys
import zipfile
from pathlib import Path

# What a bad input file can raise out of a command that does not name the problem itself. Caught here,
# once for every command: a Dutch message on stderr and exit code 2, never a traceback (unless the
# operator asks for one with --traceback).
INPUT_ERRORS: tuple[type[BaseException], ...] = (
    UnicodeError,
    RecursionError,
    csv.Error,
    zipfile.BadZipFile,
)


def input_error_message(exc: BaseException) -> str:
    """A Dutch sentence for an input error that escaped a command."""
    from seta.core.errors import InvalidInput, SetaError

    if isinstance(exc, InvalidInput) and exc.fields:
        return " ".join(m for msgs in exc.fields.values() for m in msgs)
    if isinstance(exc, SetaError):
        return exc.detail
    if isinstance(exc, UnicodeDecodeError):
        return (
            f"het invoerbestand is geen {exc.encoding.upper()}-tekst (byte {exc.start + 1}); "
            "sla het op als UTF-8."
        )
    if isinstance(exc, UnicodeError):
        return f"het invoerbestand bevat tekens die niet kunnen worden gelezen ({exc}); sla het op als UTF-8."
    if isinstance(exc, RecursionError):
        return "het invoerbestand is te diep genest (te veel lagen lijsten of objecten in elkaar)."
    if isinstance(exc, csv.Error):
        return f"het invoerbestand is geen geldige CSV ({exc})."
    if isinstance(exc, zipfile.BadZipFile):
        return "het invoerbestand is geen leesbaar Excel- of zip-bestand."
    try:
        import yaml

        if isinstance(exc, yaml.YAMLError):
            return f"het invoerbestand is geen geldige YAML ({exc})."
    except ImportError:  # pragma: no cover - yaml is a dependency
        pass
    return str(exc)


def _input_errors() -> tuple[type[BaseException], ...]:
    from seta.core.errors import SetaError

    extra: list[type[BaseException]] = [SetaError]
    try:
        import yaml

        extra.append(yaml.YAMLError)
    except ImportError:  # pragma: no cover
        pass
    return (*INPUT_ERRORS, *extra)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(args)
    except _input_errors() as exc:
        if "--traceback" in args:
            raise
        bestanden = [a for a in args[2:] if not a.startswith("-") and Path(a).is_file()]
        waar = f" in {', '.join(Path(b).name for b in bestanden)}" if bestanden else ""
        sys.stderr.write(f"Fout{waar}: {input_error_message(exc)}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
