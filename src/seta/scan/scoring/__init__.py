"""Pure scoring core of the cooperation scan (samenwerkingsscan / menukaart).

No Django here: the web, API and command line call these functions.

    from seta.scan.scoring import load_answer_file, scan, render_text
    invoer = load_answer_file("examples/scan/bel-2007.yaml")
    resultaat = scan(invoer.partners, invoer.antwoorden)
    print(render_text(resultaat))
"""

from .cases import (
    Casus,
    agreement,
    agreement_report,
    consistency_check,
    consistency_report,
    load_cases,
    most_similar,
    validate,
)
from .engine import evaluate_factors, scan
from .io import (
    GemeenteLookup,
    ScanInputError,
    ScanInvoer,
    build_schema,
    load_answer_file,
    load_extra_gemeenten,
    load_gemeenten,
    parse_answers,
)
from .model import (
    MENUS,
    WEET_NIET,
    Advies,
    Antwoorden,
    Bron,
    CasusMatch,
    FactorUitkomst,
    MenuAdvies,
    Partner,
    ScanResultaat,
    Werkpunt,
)
from .questions import Vraag, Vragenlijst, load_questions
from .rules import Regelset, load_rules
from .text import render_text, resultaat_als_dict

__all__ = [
    "MENUS",
    "WEET_NIET",
    "Advies",
    "Antwoorden",
    "Bron",
    "Casus",
    "CasusMatch",
    "FactorUitkomst",
    "GemeenteLookup",
    "MenuAdvies",
    "Partner",
    "Regelset",
    "ScanInputError",
    "ScanInvoer",
    "ScanResultaat",
    "Vraag",
    "Vragenlijst",
    "Werkpunt",
    "agreement",
    "agreement_report",
    "build_schema",
    "consistency_check",
    "consistency_report",
    "evaluate_factors",
    "load_answer_file",
    "load_cases",
    "load_extra_gemeenten",
    "load_gemeenten",
    "load_questions",
    "load_rules",
    "most_similar",
    "parse_answers",
    "render_text",
    "resultaat_als_dict",
    "scan",
    "validate",
]
