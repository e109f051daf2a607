"""PostgreSQL: extended statistics so the planner knows how few groups the allocation's GROUP BY has.

Without them PostgreSQL multiplies the distinct counts of the grouping columns (gemeente, eenheid,
schaal, opdracht), expects tens of thousands of groups, and sorts millions of rows on disk instead of
hashing a few thousand groups (see docs/performance.md). The columns are the ones
``seta.financien.invoer.hours_queryset`` groups by. SQLite has no such statistics: nothing to do.
"""

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS uren_urenregel_groepen (ndistinct) "
        "ON gemeente_id, eenheid_id, schaal, opdracht_id FROM uren_urenregel"
    )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS uren_urenregel_groepen")


class Migration(migrations.Migration):
    dependencies = [("uren", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
