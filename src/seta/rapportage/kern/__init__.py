"""The pure core of the council reports: the content contract, the periods and the Wgr calendar, the figures.

No Django import (import-linter's ``pure-cores`` contract): plain data in, plain data out.
"""
