"""Which of a record's related lists have rows at all, read with the record itself."""

from django.db.models import Exists, OuterRef


def _flag(name):
    return f"has_{name}"


def with_row_flags(queryset, names):
    """`queryset` with, for each of `names` (reverse foreign keys of its model, e.g.
    "goals"), an EXISTS on the relation's indexed foreign key. A page with many optional
    sections reads only those that have rows (an empty section's query costs the app as
    much as a full one), and learns which in the record's own query."""
    model = queryset.model
    flags = {}
    for name in names:
        relation = model._meta.get_field(name)
        rows = relation.related_model._base_manager.filter(
            **{relation.field.attname: OuterRef("pk")}
        )
        flags[_flag(name)] = Exists(rows)
    return queryset.annotate(**flags)


def relations_with_rows(obj, names):
    """The names among `names` that have rows, for `obj` read by `with_row_flags`."""
    return {name for name in names if getattr(obj, _flag(name))}
