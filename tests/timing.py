"""Time what the code under test costs, not what a loaded machine makes it wait: CPU seconds of a process.

A bound on wall-clock seconds fails when CI's two cores are busy with other work; CPU seconds do not grow with
other processes' load. Tests that bound CPU time keep a generous wall-clock bound too, against a hang.
"""

import os
import time
from pathlib import Path

HANG_SECONDS = 60  # a wall-clock bound only against a hang or a wait, sized for a loaded CI machine


def cpu_seconds(pid: int | None = None) -> float:
    """Return a process's CPU seconds so far (user and system, all its threads); this process by default."""
    if pid is None:
        return time.process_time()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # after the (command name)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime, fields 14 and 15


def started_at(pid: int) -> float:
    """Return when a process started, in CLOCK_BOOTTIME seconds (compare with time.clock_gettime of that clock)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19]) / os.sysconf("SC_CLK_TCK")  # starttime, field 22: clock ticks since boot
