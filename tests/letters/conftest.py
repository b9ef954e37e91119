"""A district with its local bodies and the province's circular ว 812, ready to forward."""

from __future__ import annotations

import pytest

from saraban.services.directory import edit_agency, import_dla_file
from saraban.services.importing import import_paths
from tests.conftest import DATA

DISTRICT = "อำเภอท่าวังผา"


@pytest.fixture
def district_ctx(ctx):
    with ctx.writing() as s:
        import_dla_file(s, DATA / "dla_local_bodies_sample.csv")
        edit_agency(s, DISTRICT, code="นน 0023.11")
    import_paths(ctx, [DATA / "letters" / "bundle_nan.txt"])
    return ctx
