"""on PostgreSQL the server itself refuses a ledger record that does not follow the chain,
whose hash is not the hash of what it says, or that is written in another person's name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 05:00:00

The hash is computed as ``saraban.services.ledger.record_hash`` computes it (SHA-256 over the
previous hash and the record's canonical JSON: sorted keys, no spaces, ISO time); a change
there needs a migration here. SQLite has no logins to check: there ``audit verify`` does it.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARD = r"""
CREATE OR REPLACE FUNCTION saraban_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous text;
    body text;
    above boolean;
BEGIN
    SELECT hash INTO previous FROM audit_record ORDER BY seq DESC LIMIT 1;
    IF NEW.prev_hash IS DISTINCT FROM coalesce(previous, repeat('0', 64)) THEN
        RAISE EXCEPTION 'saraban: ledger record refused: it does not follow the last record';
    END IF;
    body := '{"action":' || to_json(NEW.action)::text
        || ',"actor":' || to_json(NEW.actor)::text
        || ',"at":' || to_json(to_char(NEW.at, 'YYYY-MM-DD"T"HH24:MI:SS')
            || CASE WHEN date_part('microseconds', NEW.at)::bigint % 1000000 <> 0
                    THEN to_char(NEW.at, '.US') ELSE '' END)::text
        || ',"entity":' || to_json(NEW.entity)::text
        || ',"entity_id":' || NEW.entity_id::text
        || ',"payload":' || to_json(NEW.payload)::text
        || ',"role":' || to_json(NEW.role)::text || '}';
    IF NEW.hash IS DISTINCT FROM encode(sha256(convert_to(NEW.prev_hash || body, 'UTF8')), 'hex') THEN
        RAISE EXCEPTION 'saraban: ledger record refused: its hash is not the hash of what it says';
    END IF;
    -- The owner and superusers could rewrite the tables anyway (checkpoints are for them);
    -- everyone else writes only in their own name and role.
    SELECT r.rolsuper OR d.datdba = r.oid INTO above FROM pg_roles r, pg_database d
        WHERE r.rolname = session_user AND d.datname = current_database();
    IF NOT coalesce(above, false) AND NOT EXISTS (
        SELECT 1 FROM app_user u WHERE u.name = NEW.actor AND u.login = session_user AND u.role = NEW.role
    ) THEN
        RAISE EXCEPTION 'saraban: ledger record refused: % may not write in the name of %', session_user, NEW.actor;
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_record_guard ON audit_record;
CREATE TRIGGER audit_record_guard BEFORE INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION saraban_ledger_guard();
CREATE OR REPLACE FUNCTION saraban_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'saraban: the ledger (audit_record) is append-only; % refused', TG_OP;
END $$;
DROP TRIGGER IF EXISTS audit_record_append_only ON audit_record;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION saraban_ledger_append_only();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_record_guard ON audit_record")
        op.execute("DROP FUNCTION IF EXISTS saraban_ledger_guard()")
