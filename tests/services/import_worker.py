"""An import killed with SIGKILL as it starts storing its Nth file (run as a separate process).

The kill comes from inside the import, just before the Nth file's transaction would
commit, so the moment is exact: N-1 files stored, the rest not. No sleeping, no race.
"""

import os
import signal
import sys

from saraban.services import importing
from saraban.services.context import open_context

url, folder, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = importing.import_bundle
calls = 0


def import_then_die(*args, **kwargs):  # type: ignore[no-untyped-def]
    global calls
    calls += 1
    result = store(*args, **kwargs)
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)  # stored but not committed
    return result


importing.import_bundle = import_then_die
importing.import_paths(open_context(url, user="somchai"), [folder])
