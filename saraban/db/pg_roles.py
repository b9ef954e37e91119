"""PostgreSQL: each person is a database login, and the server enforces what their role may do.

saraban's roles map onto three group roles. Readers (auditors) may only ``SELECT``; writers
(clerks, secretaries) and administrators may add and change rows but never delete one, and
may only append to the ledger: ``audit_record`` takes ``INSERT`` and ``SELECT``, and a trigger
refuses any ``UPDATE`` or ``DELETE`` of it, whoever asks. So an auditor's plain SQL cannot
change a register, and a clerk's plain SQL cannot rewrite the log. Migration 0009 installs that
trigger on every PostgreSQL database, with a second one that refuses a new ledger record that
does not follow the chain, whose hash is wrong, or that names another person. (The owner of
the database can still drop the triggers: that is what checkpoints held outside it are for.)
Migration 0011 keeps a login from changing what judges it: a writer changes only the password
of its own ``app_user`` row, and ``chain_head`` can only ever be the hash of the last record.
Migration 0010 adds row-level security: a login sees a secret letter's rows only with the
clearance of its saraban user (see :mod:`saraban.db.row_secrecy`).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

GROUPS = {
    "admin": "saraban_admin",
    "clerk": "saraban_writer",
    "secretary": "saraban_writer",
    "auditor": "saraban_reader",
}

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def who_is_connected(connection: Connection) -> tuple[str, bool]:
    """The login the server says this connection is, and whether it is above saraban's roles
    (a superuser or the database's owner: they could rewrite the tables anyway)."""
    row = connection.execute(
        text(
            "SELECT current_user, r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d"
            " WHERE r.rolname = current_user AND d.datname = current_database()"
        )
    ).one()
    return str(row[0]), bool(row[1])


def ensure_groups(connection: Connection) -> None:
    """Create the group roles if missing and (re)grant their rights on every table."""
    for group in sorted(set(GROUPS.values())):
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :g"), {"g": group}).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {_quote(group)} NOLOGIN"))
    tables = [
        str(name)
        for (name,) in connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        )
    ]
    # The views of migration 0010 show what anyone may know of a secret letter (its number,
    # date and mark): readable by every group, writable by none.
    views = [
        str(name)
        for (name,) in connection.execute(
            text("SELECT viewname FROM pg_views WHERE schemaname = current_schema() ORDER BY viewname")
        )
    ]
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    for group in sorted(set(GROUPS.values())):
        connection.execute(text(f"GRANT CONNECT ON DATABASE {_quote(str(database))} TO {_quote(group)}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {_quote(group)}"))
        for table in tables + views:
            connection.execute(text(f"REVOKE ALL ON {_quote(table)} FROM {_quote(group)}"))
            connection.execute(text(f"GRANT SELECT ON {_quote(table)} TO {_quote(group)}"))
    for group in ("saraban_writer", "saraban_admin"):
        connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}"))
        for table in tables:
            if table == "audit_record":
                connection.execute(text(f"GRANT INSERT ON audit_record TO {group}"))
            elif table == "chain_head":
                connection.execute(text(f"GRANT UPDATE ON chain_head TO {group}"))  # the head moves with each record
            elif table == "app_user" and group == "saraban_writer":
                # What row-level security and the role checks read is not writable by the person
                # they judge: a writer changes only its own password (row-level security, 0011).
                connection.execute(text(f"GRANT UPDATE (password_hash) ON app_user TO {group}"))
            elif table == "row_change":
                pass  # what the server noted of each change (0016): written only by its trigger
            elif table != "alembic_version":
                connection.execute(text(f"GRANT INSERT, UPDATE ON {_quote(table)} TO {group}"))


def ensure_login(connection: Connection, login: str, role: str) -> None:
    """Make ``login`` a database login in the group of saraban role ``role`` (and in no other)."""
    ensure_groups(connection)
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).first()
    if exists is None:
        connection.execute(text(f"CREATE ROLE {_quote(login)} LOGIN"))
    if role == "admin":  # administrators create the logins of the people they add
        connection.execute(text(f"ALTER ROLE {_quote(login)} CREATEROLE"))
    for group in sorted(set(GROUPS.values())):
        verb = "GRANT" if group == GROUPS[role] else "REVOKE"
        connection.execute(text(f"{verb} {_quote(group)} {'TO' if verb == 'GRANT' else 'FROM'} {_quote(login)}"))


def set_login_password(connection: Connection, login: str, password: str) -> None:
    """The database login's own password (what ``users passwd`` sets on PostgreSQL)."""
    # Utility statements take no bind parameters: the literal is quoted (standard strings).
    literal = "'" + password.replace("'", "''") + "'"
    connection.execute(text(f"ALTER ROLE {_quote(login)} PASSWORD {literal}"))
