"""The pure core of capacity planning (no Django import): the instance (capacity, demand, rules), the fair
shares and the fairness measure, the EDF baseline and the solver (HiGHS). See ``model.py`` for the contract."""
