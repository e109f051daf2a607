"""Domain errors that speak: each names the field, row or question that is wrong.

Services raise these; the API turns them into ``application/problem+json`` and the web forms
show them next to the field. No domain words here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class SetaError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400
    title = "Ongeldige invoer"

    def __init__(self, detail: str, *, code: str = "invalid") -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code


class InvalidInput(SetaError):
    """Input that breaks a rule; ``fields`` maps each invalid field (or row/question) to its messages."""

    status = 400
    title = "Ongeldige invoer"

    def __init__(
        self,
        detail: str = "Een of meer velden zijn ongeldig.",
        *,
        fields: Mapping[str, Sequence[str] | str] | None = None,
        code: str = "invalid",
    ) -> None:
        super().__init__(detail, code=code)
        self.fields: dict[str, list[str]] = {
            name: [msgs] if isinstance(msgs, str) else list(msgs) for name, msgs in (fields or {}).items()
        }

    def __str__(self) -> str:
        if not self.fields:
            return self.detail
        parts = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in self.fields.items())
        return f"{self.detail} {parts}"


class Forbidden(SetaError):
    """The actor may see the record but not do this to it (HTTP 403)."""

    status = 403
    title = "Geen toestemming"

    def __init__(
        self, detail: str = "U mag deze handeling niet uitvoeren.", *, code: str = "forbidden"
    ) -> None:
        super().__init__(detail, code=code)


class NotFound(SetaError):
    """The record does not exist, or the actor may not know that it does (HTTP 404)."""

    status = 404
    title = "Niet gevonden"

    def __init__(self, detail: str = "Niet gevonden.", *, code: str = "not_found") -> None:
        super().__init__(detail, code=code)


class Conflict(SetaError):
    """The action does not fit the record's current state (HTTP 409)."""

    status = 409
    title = "Conflict"

    def __init__(self, detail: str, *, code: str = "conflict") -> None:
        super().__init__(detail, code=code)


class StaleVersion(SetaError):
    """An edit based on an outdated version of the record (HTTP 412)."""

    status = 412
    title = "Verouderde versie"

    def __init__(self, *, expected: int, current: int) -> None:
        super().__init__(
            f"Dit record is intussen door iemand anders gewijzigd (uw versie {expected}, huidige versie "
            f"{current}). Laad het opnieuw en breng uw wijziging dan opnieuw aan.",
            code="stale_version",
        )
        self.expected = expected
        self.current = current


class PreconditionRequired(SetaError):
    """An update sent without the version it is based on (HTTP 428): the client must say which one."""

    status = 428
    title = "Versie vereist"

    def __init__(self, header: str = "If-Match") -> None:
        super().__init__(
            f"Stuur de kop {header} mee met de ETag van de versie die u heeft gelezen, bijvoorbeeld "
            f'{header}: W/"3". Zo overschrijft u nooit ongemerkt de wijziging van een ander.',
            code="precondition_required",
        )
        self.header = header
