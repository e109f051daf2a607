"""Dutch text normalisation for the similarity search: lower case, accents stripped, tokens, stopwords, Dutch
stemming (Snowball), compound splitting against a vocabulary, and the expansion of abbreviations and synonyms
from ``lexicon.yaml``.

``analyseer(tekst)`` gives the tokens with their stems and the extra terms the lexicon and the compound splitter
add; the lexical index (``lexicaal.py``) indexes the stems and the character n-grams of the expanded text, and the
reasons of a hit name the shared terms in their surface form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
import yaml

_TOKEN = re.compile(r"[a-z0-9]+(?:[&][a-z0-9]+)?")

#: Dutch function words (and the year-like numbers handled apart): never a shared term, not stemmed
STOPWOORDEN = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "zullen",
        "per",
        "via",
        "welke",
        "waarin",
        "waarbij",
        "waarmee",
        "hierbij",
        "daarbij",
        "daarnaast",
        "binnen",
        "tussen",
        "sinds",
        "ten",
        "ter",
        "tijdens",
        "jaar",
        "jaren",
        "komende",
        "nieuwe",
        "nieuw",
        "huidige",
        "eerste",
        "tweede",
        "derde",
        "vierde",
        "we",
        "onze",
        "ons",
        "wat",
        "waar",
        "wanneer",
        "hoe",
    ]
)

#: words of every assignment: indexed, but never named as a shared term (they say nothing of the subject)
ALGEMEEN = frozenset(
    [
        "gemeente",
        "gemeenten",
        "college",
        "raad",
        "opdracht",
        "doel",
        "doelen",
        "inclusief",
        "opstellen",
        "actualisatie",
        "actualiseren",
        "evaluatie",
        "evalueren",
        "herijking",
        "advies",
        "opstellen",
        "plan",
        "aanpak",
        "van",
        "voorstel",
        "oplevering",
        "kwartaal",
        "voorjaar",
        "najaar",
        "inwoners",
        "gemeentelijk",
        "gemeentelijke",
        "regio",
        "regionaal",
        "regionale",
        "nodig",
        "behoefte",
        "betrokken",
        "overleg",
        "afstemming",
        "analyse",
        "planning",
        "kader",
        "integraal",
        "integrale",
        "uitvoering",
        "uitvoeringsplan",
    ]
)

_stemmer = snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=200_000)
def stam(woord: str) -> str:
    """The Snowball stem of a normalised word (stopwords and numbers as they are)."""
    if woord in STOPWOORDEN or woord.isdigit():
        return woord
    return str(_stemmer.stemWord(woord))


def normaliseer(tekst: str) -> str:
    """Lower case, accents stripped (``"financiële"`` -> ``"financiele"``), everything but letters, digits and
    ``&`` a space."""
    zonder = unicodedata.normalize("NFKD", tekst.lower())
    zonder = "".join(c for c in zonder if not unicodedata.combining(c))
    return " ".join(_TOKEN.findall(zonder))


def tokens(tekst: str) -> list[str]:
    return _TOKEN.findall(normaliseer(tekst))


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations (``afkorting -> tokens``), synonym groups (a phrase -> the group's concept tokens) and the
    heads of compounds."""

    afkortingen: dict[str, tuple[str, ...]]
    synoniemen: dict[
        tuple[str, ...], tuple[str, ...]
    ]  # stemmed phrase -> the concept (first member) as tokens
    koppen: tuple[str, ...]  # longest first
    woorden: frozenset[str]  # the lexicon's own words (part of the splitting vocabulary)
    langste_frase: int = 1


@functools.lru_cache(maxsize=4)
def lexicon(pad: str | None = None) -> Lexicon:
    """The lexicon from ``lexicon.yaml`` (or ``pad``), loaded once."""
    data = yaml.safe_load(Path(pad or Path(__file__).with_name("lexicon.yaml")).read_text(encoding="utf-8"))
    afkortingen = {
        normaliseer(str(k)).replace(" ", ""): tuple(tokens(str(v))) for k, v in data["afkortingen"].items()
    }
    synoniemen: dict[tuple[str, ...], tuple[str, ...]] = {}
    woorden: set[str] = set()
    for groep in data["synoniemen"]:
        concept = tuple(tokens(str(groep[0])))
        for lid in groep:
            toks = tokens(str(lid))
            woorden.update(toks)
            sleutel = tuple(stam(t) for t in toks if t not in STOPWOORDEN)
            if sleutel and sleutel != tuple(stam(t) for t in concept):
                synoniemen.setdefault(sleutel, concept)
    for v in afkortingen.values():
        woorden.update(v)
    koppen = tuple(sorted({normaliseer(str(k)) for k in data["koppen"]}, key=len, reverse=True))
    woorden.update(koppen)
    return Lexicon(
        afkortingen=afkortingen,
        synoniemen=synoniemen,
        koppen=koppen,
        woorden=frozenset(w for w in woorden if len(w) >= 3),
        langste_frase=max((len(k) for k in synoniemen), default=1),
    )


_VOEGKLANK = ("s", "en", "e", "")


def splits(
    woord: str, woordenschat: Iterable[str] | frozenset[str], lex: Lexicon | None = None
) -> tuple[str, ...]:
    """The parts of a compound, or ``()``: a known head (``-plan``, ``-beleid``, ``-visie`` …) whose rest, without
    a linking ``s``/``e``/``en``, is a known word of at least 4 letters (``rioleringsplan`` -> ``riolering``,
    ``plan``); else, for a long word, a split into two known words of at least 5 and 4 letters
    (``speeltuinrenovatie`` -> ``speeltuin``, ``renovatie``). The vocabulary is the lexicon's words and the words
    of the indexed texts."""
    lex = lex or lexicon()
    kennis = woordenschat if isinstance(woordenschat, frozenset | set) else frozenset(woordenschat)
    if len(woord) < 7:
        return ()

    def bekend(w: str) -> bool:
        return len(w) >= 4 and (w in kennis or w in lex.woorden)

    for kop in lex.koppen:
        if len(woord) > len(kop) + 3 and woord.endswith(kop):
            rest = woord[: -len(kop)]
            for voeg in _VOEGKLANK:
                kern = (
                    rest[: len(rest) - len(voeg)]
                    if voeg and rest.endswith(voeg)
                    else (rest if not voeg else "")
                )
                if kern and bekend(kern):
                    return (kern, kop)
    if len(woord) >= 10:
        for i in range(len(woord) - 4, 4, -1):
            links, rechts = woord[:i], woord[i:]
            if bekend(rechts) and len(links) >= 5:
                for voeg in _VOEGKLANK:
                    kern = links[: len(links) - len(voeg)] if voeg and links.endswith(voeg) else links
                    if voeg and not links.endswith(voeg):
                        continue
                    if bekend(kern):
                        return (kern, rechts)
    return ()


@dataclass(frozen=True)
class Analyse:
    """A text analysed: its content tokens (surface, normalised) with their stems, and the added terms."""

    woorden: tuple[str, ...]  # content tokens in order (no stopwords)
    stammen: tuple[str, ...]  # their stems, aligned with ``woorden``
    extra: tuple[str, ...] = ()  # tokens added by compounds, abbreviations, synonyms (normalised)
    oppervlak: dict[str, str] = field(default_factory=dict)  # stem -> the first surface form in the text

    @property
    def alle_stammen(self) -> tuple[str, ...]:
        return self.stammen + tuple(stam(t) for t in self.extra if t not in STOPWOORDEN)

    def uitgebreide_tekst(self) -> str:
        """The normalised content words and the added terms, for the character n-grams."""
        return " ".join(self.woorden + self.extra)


def analyseer(
    tekst: str,
    woordenschat: frozenset[str] = frozenset(),
    lex: Lexicon | None = None,
    splitcache: dict[str, tuple[str, ...]] | None = None,
) -> Analyse:
    """Tokens, stems, compounds, abbreviations and synonyms of ``tekst`` (see the module). ``splitcache`` keeps
    the compound splits of an index (its vocabulary is fixed), so 100,000 texts split each word once."""
    lex = lex or lexicon()
    cache = {} if splitcache is None else splitcache
    alle = tokens(tekst)
    woorden = [t for t in alle if t not in STOPWOORDEN and not (t.isdigit() and len(t) != 4)]
    stammen = [stam(t) for t in woorden]
    oppervlak: dict[str, str] = {}
    for w, s in zip(woorden, stammen, strict=True):
        oppervlak.setdefault(s, w)
    extra: list[str] = []
    for w in woorden:
        if w in lex.afkortingen:
            extra.extend(t for t in lex.afkortingen[w] if t not in STOPWOORDEN)
        delen = cache.get(w)
        if delen is None:
            delen = cache[w] = splits(w, woordenschat, lex)
        for d in delen:
            extra.append(d)
            oppervlak.setdefault(stam(d), d)
    # an abbreviation's words in full give the abbreviation (for "wet maatschappelijke ondersteuning" -> wmo)
    reeks = " ".join(woorden)
    for afk, volledig in lex.afkortingen.items():
        inhoud = [t for t in volledig if t not in STOPWOORDEN]
        if len(inhoud) >= 2 and " ".join(inhoud) in reeks:
            extra.append(afk)
    # synonyms: phrases of one to ``langste_frase`` stems, also over the compound parts
    reeksen = [stammen, [stam(t) for t in extra]]
    for rij in reeksen:
        for n in range(1, lex.langste_frase + 1):
            for i in range(len(rij) - n + 1):
                concept = lex.synoniemen.get(tuple(rij[i : i + n]))
                if concept:
                    extra.extend(concept)
    return Analyse(tuple(woorden), tuple(stammen), tuple(extra), oppervlak)
