"""The demo database: sample letters written for saraban (not real ones), built through the services."""
