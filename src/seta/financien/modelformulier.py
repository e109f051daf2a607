"""The verdeelmodel as a form: Django forms and formsets that convert to and from ``Verdeelmodel.configuratie``.

The stored configuration (the model part of ``docs/schemas/allocate-input.schema.json`` with SETA's
extensions, see ``invoer.py``) stays the one truth; this module only maps it onto form fields and back,
exactly (ADR 0036):

- :func:`modelstand.stand_uit_configuratie` turns a configuration into the forms' initial data (the *stand*, "state"),
  refusing what a form cannot show (unknown fields, wrong types) with the JSON path;
- :class:`Modelformulier` holds the forms (their fields are in ``modelvelden``): the model (name, descriptions), its key, its rules, and a
  formset of parts (each of one kind: ``vast``, ``gebruik``, ``gezamenlijk``) with nested formsets for
  percentages, usage lines, stand-alone costs and sub-coalitions. ``configuratie()`` is the JSON again;
- an optional key whose value is its default (``"btw": "vrijgesteld"``, ``"omschrijving": ""``, an empty
  list) is written back only when the source had it: each form keeps those keys in a hidden ``expliciet``
  field. Amounts are kept as the text that was given (a comma becomes a decimal point), so ``"48500000.00"``
  stays ``"48500000.00"``; a JSON number becomes a decimal string (the core reads both exactly);
- :meth:`Modelformulier.fouten_van` puts a service's or the core's errors (``configuratie.onderdelen[2].bedrag``)
  next to the field they name.

Adding or removing a part, a usage line or a sub-coalition is a submit button (``actie``) that re-renders
the page with the changed stand (:meth:`Modelformulier.stand` reads the submitted values without validating);
it works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from seta.core.errors import InvalidInput, SetaError
from seta.financien import modelstand
from seta.financien.modelvelden import (
    SOORT_NAMEN,
    SOORTEN,
    UITLEG,
    AlgemeenForm,
    OnderdeelForm,
    OnderdelenFormSet,
    RegelsForm,
    SleutelForm,
)

__all__ = ["SOORTEN", "SOORT_NAMEN", "UITLEG", "Modelformulier", "toegevoegd"]


# --- the whole form -------------------------------------------------------------------------------------------------
def _waarden(form: forms.BaseForm) -> dict[str, Any]:
    """A bound form's submitted values, as initial data (nothing validated)."""
    return {naam: form[naam].value() for naam in form.fields}


class Modelformulier:
    """Every form of one verdeelmodel. Bound: ``Modelformulier(request.POST, ...)``; else ``stand=...``."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        stand: Mapping[str, Any] | None = None,
        gemeenten: Sequence[tuple[str, str]] = (),
        naam_bewerkbaar: bool = True,
    ) -> None:
        stand = stand or {}
        self.codes = [c for c, _ in gemeenten]
        namen = dict(gemeenten)
        keuzes = [(c, f"{n} ({c})") for c, n in gemeenten]
        self.context = {"namen": namen, "keuzes": keuzes}
        self.algemeen = AlgemeenForm(
            data, prefix="model", initial=stand.get("algemeen"), naam_bewerkbaar=naam_bewerkbaar
        )
        self.sleutel = SleutelForm(
            data, prefix="sleutel", initial=stand.get("sleutel") or {"soort": "bevolking"}, namen=namen
        )
        self.regels = RegelsForm(data, prefix="regels", initial=stand.get("regels"))
        self.onderdelen = OnderdelenFormSet(
            data, prefix="onderdeel", initial=list(stand.get("onderdelen", [])), context=self.context
        )
        for i, form in enumerate(self.onderdelen.forms):
            naam = form["naam"].value() or ""
            form.kop = f"Onderdeel {i + 1}: {form.soortnaam}" + (f" '{naam}'" if naam else "")

    def is_valid(self) -> bool:
        return all(
            [
                self.algemeen.is_valid(),
                self.sleutel.is_valid(),
                self.regels.is_valid(),
                self.onderdelen.is_valid(),
                *[f.is_valid() for f in self.onderdelen.forms],
            ]
        )

    def configuratie(self) -> dict[str, Any]:
        """The configuration as JSON-ready data (after ``is_valid()``)."""
        a = self.algemeen.cleaned_data
        config: dict[str, Any] = {}
        if a.get("naam"):
            config["naam"] = a["naam"]
        if a.get("toelichting") or self.algemeen.gegeven("omschrijving"):
            config["omschrijving"] = a.get("toelichting", "")
        config["verdeelsleutel"] = self.sleutel.configuratie()
        config["onderdelen"] = [f.configuratie() for f in self.onderdelen.forms]
        config.update(self.regels.configuratie())
        return config

    # --- re-rendering with a part more or less ---------------------------------------------------------------------
    def stand(self) -> dict[str, Any]:
        """The submitted values as a stand (for re-rendering after adding or removing something)."""

        def rijen(formset: Any) -> list[dict[str, Any]]:
            return [_waarden(f) for f in formset.forms] if formset is not None else []

        def sleutel(form: SleutelForm) -> dict[str, Any]:
            return {**_waarden(form), "percentages": rijen(form.percentages)}

        onderdelen = []
        for form in self.onderdelen.forms:
            deel = {**_waarden(form), "soort": form.soortcode}
            if form.sleutel is not None:
                deel["sleutel"] = sleutel(form.sleutel)
            deel["regels"] = rijen(form.regels)
            deel["standalone"] = rijen(form.standalone)
            deel["coalities"] = rijen(form.coalities)
            onderdelen.append(deel)
        return {
            "algemeen": _waarden(self.algemeen),
            "sleutel": sleutel(self.sleutel),
            "regels": _waarden(self.regels),
            "onderdelen": onderdelen,
        }

    # --- errors of a service or the core next to their field -------------------------------------------------------
    def _doel(self, pad: str) -> tuple[forms.BaseForm, str | None]:
        stappen = modelstand.stappen(pad)
        if not stappen or stappen[0][0].startswith("$"):
            return self.algemeen, None
        (eerste, index), rest = stappen[0], stappen[1:]
        if eerste == "naam":
            return self.algemeen, "naam"
        if eerste == "omschrijving":
            return self.algemeen, "toelichting"
        if eerste == "verdeelsleutel":
            return self._sleutel_doel(self.sleutel, rest)
        if eerste == "regels":
            veld = {
                "vanJaar": "startperiode_van",
                "totEnMetJaar": "startperiode_tot",
                "percentage": "groeiplafond",
                "btw": "groeiplafond_btw",
            }
            if rest and rest[0][0] == "startperiode":
                return self.regels, veld.get(rest[-1][0], "startperiode_van")
            if rest and rest[0][0] == "groeiplafond":
                return self.regels, veld.get(rest[-1][0], "groeiplafond")
            return self.regels, None
        if eerste == "gezamenlijkeOpdrachten":
            return self.regels, "gezamenlijk_methode"
        if eerste == "onderdelen" and index is not None and index < len(self.onderdelen.forms):
            return self._deel_doel(self.onderdelen.forms[index], rest)
        return self.algemeen, None

    @staticmethod
    def _rij(formset: Any, code: str, form: forms.BaseForm) -> tuple[forms.BaseForm, str | None]:
        for rij in formset.forms if formset is not None else []:
            if rij["gemeente"].value() == code:
                return rij, "waarde"
        return form, None

    def _sleutel_doel(
        self, form: SleutelForm, rest: list[tuple[str, int | None]]
    ) -> tuple[forms.BaseForm, str | None]:
        if not rest or rest[0][0] == "soort":
            return form, "soort"
        if rest[0][0] == "percentages":
            return self._rij(form.percentages, rest[1][0], form) if len(rest) > 1 else (form, "soort")
        if rest[0][0] == "gewichten" and len(rest) > 1 and f"gewicht_{rest[1][0]}" in form.fields:
            return form, f"gewicht_{rest[1][0]}"
        return form, "soort"

    def _deel_doel(
        self, form: OnderdeelForm, rest: list[tuple[str, int | None]]
    ) -> tuple[forms.BaseForm, str | None]:
        if not rest:
            return form, None
        (stap, index), verder = rest[0], rest[1:]
        if stap == "verdeelsleutel" and form.sleutel is not None:
            return self._sleutel_doel(form.sleutel, verder)
        if stap == "regels" and form.regels is not None:
            if index is not None and index < len(form.regels.forms):
                veld = {"externeKosten": "externe_kosten"}.get(verder[0][0], verder[0][0]) if verder else None
                regel = form.regels.forms[index]
                return regel, veld if veld in regel.fields else None
            return form, "regels_bron"
        if stap == "standaloneKosten" and form.standalone is not None:
            return self._rij(form.standalone, verder[0][0], form) if verder else (form, "methode")
        if (
            stap == "coalitiekosten"
            and form.coalities is not None
            and index is not None
            and index < len(form.coalities.forms)
        ):
            coalitie = form.coalities.forms[index]
            return coalitie, verder[0][0] if verder and verder[0][0] in coalitie.fields else None
        if stap == "bedrag" and form.soortcode == "vast" and form["bedrag_bron"].value() != "bedrag":
            return form, "bedrag_bron"
        return form, stap if stap in form.fields else None

    def fouten_van(self, exc: SetaError) -> None:
        """Put a service's (or the core's) error next to the fields it names; the rest above the form."""
        if not (isinstance(exc, InvalidInput) and exc.fields):
            self.algemeen.add_error(None, exc.detail)
            return
        for pad, berichten in exc.fields.items():
            form, veld = self._doel(pad)
            for bericht in berichten:
                form.add_error(veld, bericht if veld else f"{_leesbaar(pad)}: {bericht}")

    def alle_forms(self) -> list[tuple[str, forms.BaseForm]]:
        """Every form with the words that say where it is (for the error summary)."""
        uit: list[tuple[str, forms.BaseForm]] = [("", self.algemeen), ("Verdeelsleutel: ", self.sleutel)]
        uit += [("Verdeelsleutel: ", f) for f in self.sleutel.percentages.forms]
        uit.append(("Regels: ", self.regels))
        for form in self.onderdelen.forms:
            kop = f"{form.kop}: "
            uit.append((kop, form))
            if form.sleutel is not None:
                uit += [(kop, form.sleutel), *[(kop, f) for f in form.sleutel.percentages.forms]]
            for j, f in enumerate(form.regels.forms if form.regels is not None else []):
                uit.append((f"{kop}regel {j + 1}: ", f))
            uit += [(kop, f) for f in (form.standalone.forms if form.standalone is not None else [])]
            for k, f in enumerate(form.coalities.forms if form.coalities is not None else []):
                uit.append((f"{kop}deelcoalitie {k + 1}: ", f))
        return uit

    def fouten(self) -> list[tuple[str, str, str]]:
        """The error summary: (anchor, where, message) per error, the anchor pointing at the field."""
        uit: list[tuple[str, str, str]] = []
        for waar, form in self.alle_forms():
            if not form.is_bound:
                continue
            for naam, berichten in form.errors.items():
                if naam == "__all__":
                    uit += [("", waar.rstrip(": "), str(b)) for b in berichten]
                    continue
                bf = form[naam]
                anker = f"{bf.auto_id}-groep" if bf.use_fieldset else bf.id_for_label
                uit += [(anker, f"{waar}{bf.label}", str(b)) for b in berichten]
        for fout in self.onderdelen.non_form_errors():
            uit.append(("", "Onderdelen", str(fout)))
        return uit


def _leesbaar(pad: str) -> str:
    return pad.removeprefix("configuratie.").removeprefix("verdeelmodel.")


def toegevoegd(stand: dict[str, Any], actie: str, codes: Sequence[str]) -> dict[str, Any] | None:
    """The stand after a button that adds or removes something (``actie``); None for another button.

    ``toevoegen:vast``, ``verwijder:2`` (part 3), ``regel:2``, ``verwijder-regel:2:0``, ``coalitie:2``,
    ``verwijder-coalitie:2:1``, ``omhoog:2``."""
    soort, _, rest = actie.partition(":")
    delen = stand["onderdelen"]
    try:
        nummers = [int(x) for x in rest.split(":")] if rest and soort != "toevoegen" else []
    except ValueError:
        return None
    if soort == "toevoegen" and rest in SOORTEN:
        delen.append(modelstand.leeg_onderdeel(rest, codes))
    elif nummers and not 0 <= nummers[0] < len(delen):
        return None
    elif soort == "verwijder" and len(nummers) == 1:
        del delen[nummers[0]]
    elif soort == "omhoog" and len(nummers) == 1 and nummers[0] > 0:
        i = nummers[0]
        delen[i - 1], delen[i] = delen[i], delen[i - 1]
    elif soort == "regel" and len(nummers) == 1:
        delen[nummers[0]].setdefault("regels", []).append({"gemeente": codes[0] if codes else ""})
        delen[nummers[0]]["regels_bron"] = "regels"
    elif soort == "coalitie" and len(nummers) == 1:
        delen[nummers[0]].setdefault("coalities", []).append({"deelnemers": []})
    elif soort in ("verwijder-regel", "verwijder-coalitie") and len(nummers) == 2:
        lijst = delen[nummers[0]].get("regels" if soort == "verwijder-regel" else "coalities", [])
        if not 0 <= nummers[1] < len(lijst):
            return None
        del lijst[nummers[1]]
    else:
        return None
    return stand
