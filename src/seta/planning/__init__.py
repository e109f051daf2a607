"""Fair capacity planning: the pool's capacity per unit and week, the commissioned demand, the board's rules, and
the plan (``kern/``: the pure core with the solver; ``invoer.py``: the database → the core's instance)."""
