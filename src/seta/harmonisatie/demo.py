"""Demo step: the similarity index. Runs last (``builder.STEPS``) and embeds every demo assignment in one bulk pass
(``zoeken.indexeer``): the per-save receiver is not needed here, since the demo inserts its assignments in bulk, and
saves made by earlier steps are indexed by this pass too (their text is what is stored). Without the embedding model
nothing is stored and the search falls back to the lexical method."""

from __future__ import annotations

import time

from seta.demo.builder import DemoContext
from seta.harmonisatie import zoeken


def build(ctx: DemoContext) -> None:
    begin = time.perf_counter()
    geschreven = zoeken.indexeer(zoeken.alle_opdrachten())
    model = zoeken.inbedder()
    if model is None:
        ctx.log("  tekstvectoren: geen taalmodel beschikbaar, zoeken gaat op woorden")
    else:
        ctx.log(
            f"  tekstvectoren: {geschreven} opdrachten ingebed met {model.naam} in {time.perf_counter() - begin:.1f} s"
        )
