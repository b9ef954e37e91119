"""saraban: งานสารบรรณ for Thai government offices.

The package root imports nothing so that ``import saraban.parsing`` stays cheap; the
terminal app, the CLI and the services are imported where they are used.
"""

__version__ = "0.1.0"
