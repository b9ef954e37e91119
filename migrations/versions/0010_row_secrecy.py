"""on PostgreSQL the server hides a secret letter's rows from a login without the clearance

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 18:00:00

Row-level security on the tables that hold a letter's content (``letter``, ``register_entry``,
``routing_event``, ``amendment``; ``inbox_message`` by the mark read from its letters): a
login sees a row only when its letter's secrecy is within the clearance of the saraban user
tied to that login, so even plain SQL by an uncleared clerk or auditor returns no secret
subject. What the regulation lets anyone know — that an entry exists, its number, its date
and its mark — stays readable through views that carry no content: ``register_index`` (every
register line), ``letter_index`` (every letter's number, date, mark and place in its cascade)
and ``routing_index`` (who sent what to whom, when), which numbering, the register's listing,
the trace and ``audit verify`` read for hidden rows, and ``inbox_index`` (Message-ID and
SHA-256), which keeps a fetch from keeping a hidden e-mail twice.

The database's owner and superusers are not subject to row-level security (they could read
the files anyway); saraban connects as the owner only where one office runs it alone.
SQLite has no logins: there saraban's own read paths are the only ones.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables whose rows belong to one letter, through their ``letter_id``.
_OF_A_LETTER = ('register_entry', 'routing_event', 'amendment')

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION saraban_level(mark text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE mark WHEN 'ลับ' THEN 1 WHEN 'ลับมาก' THEN 2 WHEN 'ลับที่สุด' THEN 3 ELSE 0 END
$$;
-- The highest mark among the letters read from an e-mail's attachments (JSON as saraban
-- keeps it: [{"letters": [{"secrecy": …}, …]}, …]); anything else counts as unmarked.
CREATE OR REPLACE FUNCTION saraban_mail_level(attachments json) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(max(saraban_level(l ->> 'secrecy')), 0)
    FROM json_array_elements(CASE WHEN json_typeof(attachments) = 'array' THEN attachments ELSE '[]' END) a,
         json_array_elements(CASE WHEN json_typeof(a -> 'letters') = 'array' THEN a -> 'letters' ELSE '[]' END) l
$$;
-- The clearance of the saraban user whose login this session is (0 for anyone else). It runs
-- as its owner so that a policy may call it whatever the caller may read.
CREATE OR REPLACE FUNCTION saraban_clearance() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT coalesce(max(clearance), 0) FROM app_user WHERE login = session_user
$$;
"""

# What exists, without content. Views run with their owner's rights, so they list every row;
# a row in a view that the caller's own query of the table does not return is hidden from them.
VIEWS = r"""
CREATE OR REPLACE VIEW letter_index WITH (security_barrier) AS
    SELECT l.id, l.secrecy, l.number_key, l.letter_date, l.doc_no, l.parent_id, l.sender_agency_id,
           l.link_method, l.link_score
    FROM letter l;
-- A receipt stamp's remark is content, except the two notes an import writes when the stamp
-- had no date or no time (saraban.services.importing.NO_DATE, NO_TIME): the trace needs them.
CREATE OR REPLACE VIEW register_index WITH (security_barrier) AS
    SELECT e.id, e.agency_id, e.book, e.series, e.year, e.number, e.letter_id, e.entry_at,
           e.source, e.void, l.secrecy,
           CASE WHEN e.remark IN ('ตรารับไม่ระบุวันที่ (ใช้วันที่ของหนังสือ)', 'ตรารับไม่ระบุเวลา')
                THEN e.remark END AS stamp_note
    FROM register_entry e JOIN letter l ON l.id = e.letter_id;
CREATE OR REPLACE VIEW routing_index WITH (security_barrier) AS
    SELECT r.id, r.letter_id, r.event, r.agency_id, r.to_agency_id, r.at, r.register_entry_id
    FROM routing_event r;
CREATE OR REPLACE VIEW inbox_index WITH (security_barrier) AS
    SELECT m.id, m.message_id, m.raw_sha256 FROM inbox_message m;
"""


def _policies() -> str:
    cleared = "saraban_level(secrecy) <= (SELECT saraban_clearance())"
    # A row of a letter is visible when its letter is: the subquery is itself under the
    # letter's policy, so the rule is written once.
    of_letter = "EXISTS (SELECT 1 FROM letter l WHERE l.id = letter_id)"
    statements = []
    # An e-mail is judged by the mark read from its letters, as saraban's inbox judges it.
    by_mail = "saraban_mail_level(attachments) <= (SELECT saraban_clearance())"
    tables = (('letter', cleared), *((t, of_letter) for t in _OF_A_LETTER), ('inbox_message', by_mail))
    for table, visible in tables:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY saraban_read ON {table} FOR SELECT USING ({visible})",
            # Writing is governed by the grants (an auditor has none); a clerk may register a
            # secret letter handed to them, and may change only what they can see.
            f"CREATE POLICY saraban_add ON {table} FOR INSERT WITH CHECK (true)",
            f"CREATE POLICY saraban_change ON {table} FOR UPDATE USING ({visible}) WITH CHECK (true)",
        ]
    return ";\n".join(statements) + ";"


GRANTS = r"""
DO $$
DECLARE g text;
BEGIN
    FOREACH g IN ARRAY ARRAY['saraban_admin', 'saraban_writer', 'saraban_reader'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
            EXECUTE format('GRANT SELECT ON letter_index, register_index, routing_index, inbox_index TO %I', g);
        END IF;
    END LOOP;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTIONS)
        op.execute(VIEWS)
        op.execute(_policies())
        op.execute(GRANTS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ('letter', *_OF_A_LETTER, 'inbox_message'):
            for policy in ('saraban_read', 'saraban_add', 'saraban_change'):
                op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP VIEW IF EXISTS inbox_index")
        op.execute("DROP VIEW IF EXISTS routing_index")
        op.execute("DROP VIEW IF EXISTS register_index")
        op.execute("DROP VIEW IF EXISTS letter_index")
        op.execute("DROP FUNCTION IF EXISTS saraban_clearance()")
        op.execute("DROP FUNCTION IF EXISTS saraban_mail_level(json)")
        op.execute("DROP FUNCTION IF EXISTS saraban_level(text)")
