"""on PostgreSQL the server itself notes every change to a ledger-covered row, so a change
made outside saraban and then put back is still found

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 16:10:00

``audit verify`` compares each row with its last snapshot: a subject changed in SQL and
changed back, or a clearance raised to read secrets and lowered again, leaves the row as its
snapshot and passed. From this revision a trigger on every covered table writes one line to
``row_change`` for each row inserted, updated or deleted — the table, the row's key, the
operation, the login, the time and the transaction — whoever made the change. saraban writes
a ledger record for each row it changes in the same transaction, so a line with no ledger
record of its transaction, table and row is a change made outside saraban, restored or not.

``row_change`` holds no content (no subject, no reason): every saraban login may read it,
none may write it but the trigger (a ``SECURITY DEFINER`` function owned by the database's
owner), and ``audit_record`` now remembers its transaction. The owner and superusers can
still switch the triggers off (as they can every guard); checkpoints catch what they rewrite.
SQLite has no logins: whoever can write its file is its owner.

A later migration that changes covered rows in SQL must write their ledger records in the
same transaction, or ``verify`` names its changes.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("letter", "register_entry", "routing_event", "app_user", "agency", "amendment", "destruction_list",
          "inbox_message", "dispatch", "mail_cursor", "citation")  # fmt: skip
"""The tables the ledger covers (saraban.services.ledger_watch.COVERED), by name."""

NOTES = r"""
CREATE TABLE IF NOT EXISTS row_change (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    login text NOT NULL DEFAULT session_user,
    txid bigint NOT NULL DEFAULT txid_current(),
    tbl text NOT NULL,
    row_key text,
    op text NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_row_change_txid ON row_change (txid);
ALTER TABLE audit_record ADD COLUMN IF NOT EXISTS txid bigint;
ALTER TABLE audit_record ALTER COLUMN txid SET DEFAULT txid_current();
CREATE INDEX IF NOT EXISTS ix_audit_record_txid ON audit_record (txid);

CREATE OR REPLACE FUNCTION saraban_note_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    said jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    INSERT INTO row_change (tbl, row_key, op)
    VALUES (TG_TABLE_NAME, coalesce(said ->> 'id', said ->> 'account'), TG_OP);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOTES)
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_noted ON {table}")
        op.execute(f"CREATE TRIGGER {table}_noted AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION saraban_note_change()")  # fmt: skip
    # Readable by every saraban group, written by none (the grants of saraban.db.pg_roles).
    op.execute(
        """
        DO $$ DECLARE g text; BEGIN
            FOR g IN SELECT rolname FROM pg_roles
                     WHERE rolname IN ('saraban_writer', 'saraban_reader', 'saraban_admin') LOOP
                EXECUTE format('REVOKE ALL ON row_change FROM %I', g);
                EXECUTE format('GRANT SELECT ON row_change TO %I', g);
            END LOOP;
        END $$;
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_noted ON {table}")
    op.execute("DROP FUNCTION IF EXISTS saraban_note_change()")
    # row_change stays: what it noted is evidence, as the ledger's records are.
