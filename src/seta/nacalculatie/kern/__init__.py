"""Pure core of the nacalculatie: actuals against estimate and frame, the learning curve. No Django."""
