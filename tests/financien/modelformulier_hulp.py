"""What a browser would send for a rendered verdeelmodel form (every field's value, the formsets' counts)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from seta.financien.modelformulier import Modelformulier


def _form(data: QueryDict, form: Any) -> None:
    for naam in form.fields:
        bf = form[naam]
        waarde = bf.value()
        if isinstance(waarde, list | tuple):
            for w in waarde:
                data.appendlist(bf.html_name, str(w))
        elif waarde is not None:
            data[bf.html_name] = str(waarde)


def _set(data: QueryDict, formset: Any) -> None:
    if formset is None:
        return
    _form(data, formset.management_form)
    for f in formset.forms:
        _form(data, f)


def postdata(formulier: Modelformulier, **extra: str) -> QueryDict:
    data = QueryDict(mutable=True)
    _form(data, formulier.algemeen)
    _form(data, formulier.sleutel)
    _set(data, formulier.sleutel.percentages)
    _form(data, formulier.regels)
    _set(data, formulier.onderdelen)
    for deel in formulier.onderdelen.forms:
        if deel.sleutel is not None:
            _form(data, deel.sleutel)
            _set(data, deel.sleutel.percentages)
        for sub in (deel.regels, deel.standalone, deel.coalities):
            _set(data, sub)
    for k, v in extra.items():
        data[k] = v
    return data
