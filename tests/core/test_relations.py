"""relations_with_rows: which related lists of a record have rows, in one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.factories import open_case
from veilignet.cases import services
from veilignet.core.relations import relations_with_rows


def test_names_the_relations_with_rows_in_one_query():
    case = open_case()
    other = open_case()
    services.add_goal(other.members.get().user, other, "Rust in huis")  # another case's
    names = ["goals", "causes", "escalations", "members"]
    with CaptureQueriesContext(connection) as queries:
        assert relations_with_rows(case, names) == {"members"}
    assert len(queries) == 1
    services.add_goal(case.members.get().user, case, "Veilig slapen")
    assert relations_with_rows(case, names) == {"goals", "members"}
