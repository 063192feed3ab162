"""Database expressions that Django 5.2 offers on one backend only."""

from django.db.models import Aggregate, CharField


class Joined(Aggregate):
    """A text column's values of the group joined with commas, in no particular order
    (PostgreSQL's STRING_AGG, SQLite's GROUP_CONCAT; Django 6 has StringAgg for both)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)
