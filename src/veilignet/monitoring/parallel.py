"""Independent read-only queries on several database connections at once.

The dashboard's sources are independent aggregate queries, each bound by the CPU of the
one PostgreSQL backend that runs it (grouping sets are never split over parallel
workers); one after another they use one core of the database server. `run()` runs them
on up to `VEILIGNET_MONITORING_CONNECTIONS` connections at once: the caller's own and
one per extra thread (Django gives each thread a connection of its own; a thread closes
its connection when it is done).

It runs them one after another on the caller's connection instead when
- the database is not PostgreSQL (SQLite runs one query at a time anyway, and an
  in-memory database is private to its connection);
- the caller is inside a transaction: another connection would not see its uncommitted
  writes (nor a test's data);
- there is a single call, or the setting is 1.

The threads run in the caller's time zone and language (Django keeps both per thread;
a `__date` lookup, for one, is compiled in the current time zone).

Each connection reads its own snapshot, so the figures of one computation may be a few
hundred milliseconds apart, as between two page loads (they are cached for minutes).
"""

import queue
import threading

from django.conf import settings
from django.db import connections
from django.utils import timezone, translation


def run(calls, using="default"):
    """The results of `calls` (callables without arguments), in their order. Calls are
    taken in order by whichever connection is free, so put the longest first. The first
    error is raised once every thread has stopped; no new call starts after it."""
    calls = list(calls)
    connection = connections[using]
    workers = min(settings.VEILIGNET_MONITORING_CONNECTIONS, len(calls))
    if workers <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return [call() for call in calls]
    pending = queue.SimpleQueue()
    for item in enumerate(calls):
        pending.put(item)
    results, errors = [None] * len(calls), []
    zone, language = timezone.get_current_timezone(), translation.get_language()

    def work():
        while not errors:
            try:
                index, call = pending.get_nowait()
            except queue.Empty:
                return
            try:
                results[index] = call()
            except BaseException as error:  # re-raised in the caller's thread below
                errors.append(error)

    def work_and_close():
        try:
            with timezone.override(zone), translation.override(language):
                work()
        finally:
            connections.close_all()  # this thread's connections only

    threads = [threading.Thread(target=work_and_close) for _ in range(workers - 1)]
    for thread in threads:
        thread.start()
    work()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
