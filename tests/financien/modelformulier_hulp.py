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


def pagina_postdata(html: str) -> QueryDict:
    """The values a browser would submit from the page's model form (id ``modelformulier``), without a button."""
    import re
    from html import unescape

    form = html.split('id="modelformulier"', 1)[1].split("</form>", 1)[0]
    data = QueryDict(mutable=True)
    for tag in re.findall(r"<input[^>]*>", form):
        naam = re.search(r'name="([^"]*)"', tag)
        if not naam:
            continue
        soort = (re.search(r'type="([^"]*)"', tag) or [None, "text"])[1]
        waarde = re.search(r'value="([^"]*)"', tag)
        if soort in ("checkbox", "radio") and " checked" not in tag:
            continue
        data.appendlist(unescape(naam[1]), unescape(waarde[1]) if waarde else "")
    for naam, inhoud in re.findall(r'<select name="([^"]*)"[^>]*>(.*?)</select>', form, re.S):
        gekozen = re.search(r'<option value="([^"]*)"[^>]*selected', inhoud) or re.search(
            r'<option value="([^"]*)"', inhoud
        )
        data[unescape(naam)] = unescape(gekozen[1]) if gekozen else ""
    for naam, inhoud in re.findall(r'<textarea name="([^"]*)"[^>]*>(.*?)</textarea>', form, re.S):
        data[unescape(naam)] = unescape(inhoud).removeprefix("\n")
    return data
