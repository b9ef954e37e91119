"""A secretary's forward killed with SIGKILL after its Nth file (run as a separate process).

The kill comes from the forward's own progress callback, so the moment is exact: N files
written, the rest not, the numbers committed. No sleeping, no race.
"""

import os
import signal
import sys
from datetime import datetime
from pathlib import Path

from saraban.services.context import open_context
from saraban.services.forwarding import ForwardRequest, forward

url, out, kill_after = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
ctx = open_context(url, user="somchai")


def progress(done: int, _total: int) -> None:
    if done == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)


request = ForwardRequest(
    "ว 812", "อำเภอท่าวังผา", all_children=True, mode="per-recipient", out_dir=out, when=datetime(2024, 1, 20, 10, 0)
)
forward(ctx, request, progress)
