"""Demo step: the similarity index. Runs last (``builder.STEPS``) and embeds every demo assignment in one bulk pass
(``zoeken.indexeer``): the per-save receiver is not needed here, since the demo inserts its assignments in bulk, and
saves made by earlier steps are indexed by this pass too (their text is what is stored). Without the embedding model
nothing is stored and the search falls back to the lexical method."""

from __future__ import annotations

import os
import time

from seta.demo.builder import DemoContext
from seta.harmonisatie import zoeken

#: ``SETA_HARMONISATIE_DEMO_INDEX=0`` skips the bulk pass (a search then embeds the missing vectors in memory)
SCHAKELAAR = "SETA_HARMONISATIE_DEMO_INDEX"


def build(ctx: DemoContext) -> None:
    if os.environ.get(SCHAKELAAR, "1") == "0":
        ctx.log(f"  tekstvectoren: overgeslagen ({SCHAKELAAR}=0)")
        return
    begin = time.perf_counter()
    geschreven = zoeken.indexeer(zoeken.alle_opdrachten())
    model = zoeken.inbedder()
    if model is None:
        ctx.log("  tekstvectoren: geen taalmodel beschikbaar, zoeken gaat op woorden")
    else:
        ctx.log(
            f"  tekstvectoren: {geschreven} opdrachten ingebed met {model.naam} in {time.perf_counter() - begin:.1f} s"
        )
