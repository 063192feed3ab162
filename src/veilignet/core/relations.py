"""Which of a record's related lists have rows at all, in one query."""

from django.db import connections, router


def relations_with_rows(obj, names):
    """The names among `names` (reverse foreign keys of `obj`, e.g. "goals") that have at
    least one row: one `SELECT EXISTS (...), EXISTS (...)` on the relations' indexed
    foreign keys. A page with many optional sections reads only those that have rows;
    an empty section's query costs the app as much as a full one."""
    connection = connections[router.db_for_read(type(obj))]
    quote = connection.ops.quote_name
    tests = []
    for name in names:
        relation = obj._meta.get_field(name)
        table, column = relation.related_model._meta.db_table, relation.field.column
        tests.append(f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = %s)")  # noqa: S608 (names from the models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(tests)}", [obj.pk] * len(tests))
        found = cursor.fetchone()
    return {name for name, exists in zip(names, found, strict=True) if exists}
