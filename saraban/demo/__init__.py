"""The demo database: sample letters written for saraban (not real ones), built through the services."""

from saraban.paths import DEMO_OFFICE as DISTRICT

__all__ = ["ADMIN", "AUDITOR", "CLERK", "DISTRICT", "SECRETARY"]
CLERK, SECRETARY, AUDITOR, ADMIN = "สมศรี", "มานพ", "วิชัย", "ประเสริฐ"
"""The demo's people: its clerk, secretary, auditor and administrator."""
