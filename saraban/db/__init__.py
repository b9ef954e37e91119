"""Storage: tables, engines and migrations. No module here builds an engine at import time."""
