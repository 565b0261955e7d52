"""The service's lock: reads run beside each other, a write runs alone, and a waiting write keeps
new reads out (so a stream of reads cannot hold it off). Real threads."""
import threading
import time

from service.shared_matcher import ReadWriteLock

WAIT_S = 5


def test_reads_overlap_and_a_write_waits_for_them_then_goes_before_later_reads():
    lock = ReadWriteLock()
    inside, order = [], []
    both_reading, release_readers, writer_waiting = threading.Event(), threading.Event(), threading.Event()

    def reader(name: str) -> None:
        with lock.reading():
            inside.append(name)
            if len(inside) == 2:
                both_reading.set()
            release_readers.wait(WAIT_S)
            order.append(name)

    def writer() -> None:
        writer_waiting.set()
        with lock.writing():
            order.append("write")

    def late_reader() -> None:
        with lock.reading():
            order.append("late read")

    first, second = threading.Thread(target=reader, args=("a",)), threading.Thread(target=reader, args=("b",))
    first.start()
    second.start()
    assert both_reading.wait(WAIT_S), "two reads are inside the lock at once"
    writing = threading.Thread(target=writer)
    writing.start()
    assert writer_waiting.wait(WAIT_S)
    time.sleep(0.2)  # the writer is now waiting for the two reads
    late = threading.Thread(target=late_reader)
    late.start()
    time.sleep(0.2)
    assert order == [], "neither the write nor the later read ran while the reads held the lock"
    release_readers.set()
    for thread in (first, second, writing, late):
        thread.join(WAIT_S)
    assert sorted(order[:2]) == ["a", "b"] and order[2:] == ["write", "late read"]
