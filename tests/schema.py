"""What the database holds and plans, for tests of indexes: the indexes of a table and
PostgreSQL's plan of a query."""

from django.db import connection


def indexes(table):
    """{index name: its columns} of `table`, every index but the primary key's
    (PostgreSQL lists an index's INCLUDE columns after its keys)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        name: c["columns"] for name, c in constraints.items() if c["index"] and not c["primary_key"]
    }


def plan(sql, params=None, priced_out=("seqscan",)):
    """PostgreSQL's plan of `sql`, with the plan kinds `priced_out` switched off for the
    test's transaction (`SET LOCAL enable_<kind> = off`): a nearly empty test table
    would otherwise be read whole, whatever indexes it has."""
    with connection.cursor() as cursor:
        for kind in priced_out:
            cursor.execute(f"SET LOCAL enable_{kind} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(line for (line,) in cursor.fetchall())
