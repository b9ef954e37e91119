"""Fixtures the service tests share."""

from tests.services.pg_office import pg_office  # noqa: F401 (a fixture, found by pytest here)
