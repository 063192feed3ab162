"""with_row_flags and relations_with_rows: which related lists of a record have rows,
read with the record in one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.factories import open_case
from veilignet.cases import services
from veilignet.cases.models import Case
from veilignet.core.relations import relations_with_rows, with_row_flags

NAMES = ["goals", "causes", "escalations", "members"]


def _read(case):
    return with_row_flags(Case.objects.filter(pk=case.pk), NAMES).get()


def test_names_the_relations_with_rows_in_the_records_query():
    case = open_case()
    other = open_case()
    services.add_goal(other.members.get().user, other, "Rust in huis")  # another case's
    with CaptureQueriesContext(connection) as queries:
        assert relations_with_rows(_read(case), NAMES) == {"members"}
    assert len(queries) == 1
    services.add_goal(case.members.get().user, case, "Veilig slapen")
    assert relations_with_rows(_read(case), NAMES) == {"goals", "members"}
