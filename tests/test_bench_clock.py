"""The benchmark reads another process's CPU time in nanoseconds, ended threads included."""

import subprocess
import sys
import time

from bench.live import _ticks_seconds, cpu_seconds, process_cpu_clock

# a script thread per run, as Streamlit has: each burns CPU and ends; then the process waits
BURNER = """
import threading, time
def burn():
    start = time.process_time()
    while time.process_time() - start < 0.1:
        pass
for _ in range(3):
    thread = threading.Thread(target=burn)
    thread.start()
    thread.join()
print("done", flush=True)
time.sleep(30)
"""


def test_the_cpu_clock_counts_ended_threads_finer_than_ticks() -> None:
    child = subprocess.Popen([sys.executable, "-c", BURNER], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "done"
        time.sleep(0.05)
        precise = process_cpu_clock(child.pid)
        assert precise is not None
        assert 0.3 <= precise < 1.5  # three ended threads of 0.1 s, plus the interpreter
        assert abs(precise - _ticks_seconds(child.pid)) <= 0.03  # the same time, finer
        assert cpu_seconds(child.pid) >= precise
        assert round(precise * 1000) % 10 != 0 or round(precise * 1e6) % 10_000 != 0
    finally:
        child.kill()
        child.wait()
