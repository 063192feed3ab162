"""A scheduled job never runs twice at once: the job lock across connections and processes."""

import contextlib
import threading

import pytest
from django.core.management import call_command
from django.db import connections

from tests import processes
from veilignet.core.jobs import job_lock
from veilignet.privacy.models import RetentionRun

SCHEDULED = ["run_scheduled_jobs", "governance_daily", "apply_retention", "clear_expired_sessions"]


@contextlib.contextmanager
def held_elsewhere(name):
    """Hold the lock of job `name` from another thread, with its own connection."""
    taken, done = threading.Event(), threading.Event()
    outcome = []

    def hold():
        try:
            with job_lock(name) as acquired:
                outcome.append(acquired)
                taken.set()
                done.wait(timeout=30)
        finally:
            taken.set()
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert taken.wait(timeout=10) and outcome == [True]
        yield
    finally:
        done.set()
        thread.join(timeout=10)


def test_the_lock_is_exclusive_and_released_on_exit():
    with held_elsewhere("bench-job"), job_lock("bench-job") as acquired:
        assert not acquired
    with job_lock("bench-job") as acquired:
        assert acquired
    with job_lock("bench-job") as again, job_lock("other-job") as other:
        assert again and other


@pytest.mark.parametrize("command", SCHEDULED)
def test_a_scheduled_command_skips_while_another_run_holds_its_lock(command, capsys):
    with held_elsewhere(command):
        call_command(command)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{command} is already running elsewhere; this run is skipped." in captured.err
    call_command(command)
    assert capsys.readouterr().out != ""


def test_the_retention_work_happens_once_while_a_run_holds_the_lock():
    with held_elsewhere("apply_retention"):
        call_command("apply_retention")
        assert not RetentionRun.objects.exists()
    call_command("apply_retention")
    assert RetentionRun.objects.count() == 1


@processes.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_second_process_skips_the_job_while_the_first_runs_it():
    with held_elsewhere("apply_retention"):
        skipped = processes.manage("apply_retention")
    assert skipped.returncode == 0
    assert "apply_retention is already running elsewhere" in skipped.stderr
    assert not RetentionRun.objects.exists()
    ran = processes.manage("apply_retention")
    assert ran.returncode == 0, ran.stderr
    assert RetentionRun.objects.count() == 1
