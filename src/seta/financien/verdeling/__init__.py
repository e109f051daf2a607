"""The pure calculation core of the verdeelmodel (cost allocation): no Django import.

Data in and out are the frozen dataclasses of ``model``; ``engine`` computes; ``io`` reads and
writes the JSON file; ``text`` renders a result as a table. See ``docs/allocation.md``.
"""

from .engine import allocate, compare, key_shares, run, settle
from .model import AllocationInputError, FieldError

__all__ = ["AllocationInputError", "FieldError", "allocate", "compare", "key_shares", "run", "settle"]
