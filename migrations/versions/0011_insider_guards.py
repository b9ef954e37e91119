"""on PostgreSQL a login cannot change what judges it (its saraban user: role, clearance,
login, office) nor move the ledger's head to anything but the ledger's last record

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 07:20:00

Row-level security and the ledger guard read ``app_user`` (whose login has which role and
clearance) and the ledger is appended after ``chain_head``. Until now a writer's login had
``UPDATE`` on both: ``update app_user set clearance = 3 where login = current_user`` made an
uncleared clerk cleared, and ``update chain_head set last_hash = '00'`` stopped every write.

- ``app_user``: row-level security. Everyone reads it (names and roles are how saraban shows
  who did what); an administrator changes any row; anyone else changes only their own row,
  and the grants (:mod:`saraban.db.pg_roles`) let them change only its ``password_hash``.
- ``chain_head``: a constraint trigger checked at commit refuses a head that is not the hash
  of the ledger's last record, so only an append (which saraban makes with the record in the
  same transaction) moves it. The grant of ``UPDATE`` stays: ``SELECT … FOR UPDATE`` is how
  appends queue for the head.

The database's owner and superusers are above both, as they are above every table: the
checkpoints held outside the database are what catch them.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARDS = r"""
CREATE OR REPLACE FUNCTION saraban_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'saraban_admin'
                   AND pg_has_role(session_user, g.oid, 'MEMBER'))
$$;
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS saraban_read ON app_user;
DROP POLICY IF EXISTS saraban_manage ON app_user;
DROP POLICY IF EXISTS saraban_own_password ON app_user;
CREATE POLICY saraban_read ON app_user FOR SELECT USING (true);
CREATE POLICY saraban_manage ON app_user FOR ALL USING (saraban_is_admin()) WITH CHECK (saraban_is_admin());
CREATE POLICY saraban_own_password ON app_user FOR UPDATE
    USING (login = session_user) WITH CHECK (login = session_user);

CREATE OR REPLACE FUNCTION saraban_head_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    last text;
    head text;
BEGIN
    SELECT hash INTO last FROM audit_record ORDER BY seq DESC LIMIT 1;
    SELECT last_hash INTO head FROM chain_head WHERE id = 1;
    IF head IS DISTINCT FROM coalesce(last, repeat('0', 64)) THEN
        RAISE EXCEPTION 'saraban: the ledger head (chain_head) may only be the hash of the ledger''s last record';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS chain_head_follows_ledger ON chain_head;
CREATE CONSTRAINT TRIGGER chain_head_follows_ledger AFTER INSERT OR UPDATE ON chain_head
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION saraban_head_guard();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARDS)
        # The grants of app_user change with this revision (saraban.db.pg_roles): a writer
        # keeps only the column of its own password.
        op.execute(
            """
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'saraban_writer') THEN
                    REVOKE INSERT, UPDATE ON app_user FROM saraban_writer;
                    GRANT UPDATE (password_hash) ON app_user TO saraban_writer;
                END IF;
            END $$;
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS chain_head_follows_ledger ON chain_head")
        op.execute("DROP FUNCTION IF EXISTS saraban_head_guard()")
        for policy in ("saraban_read", "saraban_manage", "saraban_own_password"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON app_user")
        op.execute("ALTER TABLE app_user DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS saraban_is_admin()")
