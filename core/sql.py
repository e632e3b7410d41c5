"""Names for the few queries written out by hand, taken from the models.

A page shown on every request (the desk's review ledger, a list's terms) can spend more
CPU having the ORM build a query with nested subqueries or unions than the database
spends running it. Such a query is written out once, in SQL that PostgreSQL and SQLite
both read, with its tables and columns named from the models (so a renamed field cannot
leave it behind) and every value passed as a parameter, never formatted in.
"""

from typing import Any

from django.db import connection


def table(model: Any) -> str:
    """The model's table, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model: Any, field: str, *, qualified: bool = True) -> str:
    """The column of the model's `field` (a foreign key's "..._id"), quoted, by default
    after its table's name."""
    name = connection.ops.quote_name(model._meta.get_field(field).column)
    return f"{table(model)}.{name}" if qualified else name
