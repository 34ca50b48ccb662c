"""A worker's threads and a publish: after the publish is counted, no thread answers from before it."""

import threading
from types import SimpleNamespace

import pytest

from api.publishing import live


class Sequence:
    """Stand in for the store's reads: a publish sequence the test moves."""

    def __init__(self):
        self.value = 0

    def sequence(self):
        return self.value


def service_at(seq):
    return SimpleNamespace(store=SimpleNamespace(reads=Sequence(), entries=None, messages=None), seq=seq)


@pytest.fixture
def slow_build(monkeypatch):
    """Make building the new service block until the test lets it finish."""
    building, finish = threading.Event(), threading.Event()

    def store_service(reads, translations_dir, default_locale, entries, target, messages):
        building.set()
        assert finish.wait(10)
        return service_at(target)

    monkeypatch.setattr(live, "store_service", store_service)
    return building, finish


def answer_in_thread(worker, answers):
    thread = threading.Thread(target=lambda: answers.append(worker.current().seq))
    thread.start()
    return thread


@pytest.mark.parametrize("counted_before_the_catch_up_began", [True, False])
def test_a_request_during_a_catch_up_after_a_publish_is_answered_from_after_it(
    slow_build, counted_before_the_catch_up_began
):
    building, finish = slow_build
    reads = Sequence()
    worker = live.LiveService(service_at(0), reads, None, "en")
    reads.value = 1  # another worker of this gunicorn committed a publish
    if counted_before_the_catch_up_began:
        worker.generation.value += 1  # ... and counted it; a request starts catching up
    else:
        worker.checked = -1e9  # a poll starts catching up before the publish is counted
    first = threading.Thread(target=worker.current)
    first.start()
    assert building.wait(10)
    if not counted_before_the_catch_up_began:
        worker.generation.value += 1
    answers = []
    second = answer_in_thread(worker, answers)  # the publish's 200 has gone out; this request follows it
    second.join(0.2)
    finish.set()
    first.join(10)
    second.join(10)
    assert answers == [1]


def test_a_poll_during_a_catch_up_does_not_wait_for_it(slow_build):
    building, finish = slow_build
    reads = Sequence()
    worker = live.LiveService(service_at(0), reads, None, "en")
    reads.value, worker.checked = 1, -1e9  # another replica published; the poll is due
    first = threading.Thread(target=worker.current)
    first.start()
    assert building.wait(10)
    worker.checked = -1e9
    answers = []
    answer_in_thread(worker, answers).join(10)  # answered from what is served, at once
    finish.set()
    first.join(10)
    assert answers == [0] and worker.current().seq == 1
