"""One clerk taking numbers as fast as it can (run as a separate process by the test)."""

import sys
from datetime import datetime

from saraban.services.context import open_context
from saraban.services.registers import receive
from tests.services.helpers import parsed

url, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = open_context(url, user="clerk")
for i in range(count):
    receive(ctx, parsed(f"นน 0023.5/{worker * 1000 + i}"), "นน 0023", datetime(2024, 2, 1, 9, 0))
