"""The demo database: sample letters written for saraban (not real ones), built through the services."""

DISTRICT = "นน 0023.11"
"""The demo's office: สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา."""
CLERK, SECRETARY, AUDITOR, ADMIN = "สมศรี", "มานพ", "วิชัย", "ประเสริฐ"
"""The demo's people: its clerk, secretary, auditor and administrator."""
