"""The database of a Buildbot pod, from the environment the chart gives it, and the schema steps
around a master's start (the image's own Python, /buildbot_venv/bin/python3):

  chartdb.py drain    the migration Job's first step: refuses a schema this Buildbot cannot run
                      (a downgrade, a jump over a major release) with one line and exit 3 (the Job
                      fails at once); else records this Buildbot's schema as the release's and, when
                      the schema changes, waits until every master of another Buildbot has finished
                      its builds and stopped (they watch the record: ChartSchemaGuard in master.cfg)
  chartdb.py migrate  `buildbot upgrade-master` on the working directory once the database answers
                      (the Job's second step; the init container of a sqlite master)
  chartdb.py wait     until the database answers and its schema is the one this Buildbot knows
                      (every master's init container: a new master never meets an old schema); a
                      schema newer than this Buildbot stops it at once with one line

Environment: BUILDBOT_DB_DRIVER (postgresql or sqlite), BUILDBOT_DB_HOST, BUILDBOT_DB_PORT,
BUILDBOT_DB_NAME, BUILDBOT_DB_USER, BUILDBOT_DB_PASSWORD; BUILDBOT_DB_WAIT_SECONDS bounds the
waits for the database, BUILDBOT_DRAIN_SECONDS the wait for the old masters; with CHART_STATE_DIR
set, drain leaves the file `migrate` there when the schema changes (the Job's backup step reads it).
Nothing printed here ever holds the password.
"""
import functools
import json
import os
import subprocess
import sys
import time
from urllib.parse import quote

# Where the release's schema is recorded: Buildbot's own generic state tables (objects and
# object_state, alike in every Buildbot the chart supports), so the chart adds no table.
RECORD = ("buildbot-chart", "ChartSchema", "schema")
# A master counts as running while its heartbeat (every 60 s) is younger than this.
ALIVE_SECONDS = 150
# What a refusal exits with: the Job's podFailurePolicy fails the Job at once on it.
REFUSED = 3


def db_url():
    env = os.environ
    if env.get("BUILDBOT_DB_DRIVER", "sqlite") == "sqlite":
        # Relative to the base directory, the master's working directory.
        return "sqlite:///state.sqlite"
    host = env["BUILDBOT_DB_HOST"]
    if ":" in host:
        host = "[" + host + "]"
    return "postgresql://%s:%s@%s:%d/%s" % (
        quote(env["BUILDBOT_DB_USER"], safe=""),
        quote(env["BUILDBOT_DB_PASSWORD"], safe=""),
        host,
        int(env["BUILDBOT_DB_PORT"]),
        quote(env["BUILDBOT_DB_NAME"], safe=""),
    )


def where():
    env = os.environ
    if env.get("BUILDBOT_DB_DRIVER", "sqlite") == "sqlite":
        return "sqlite database state.sqlite"
    return "database %s at %s:%s" % (env["BUILDBOT_DB_NAME"], env["BUILDBOT_DB_HOST"], env["BUILDBOT_DB_PORT"])


def log(message):
    print("chartdb: " + message, flush=True)


def engine():
    import sqlalchemy

    return sqlalchemy.create_engine(db_url(), poolclass=sqlalchemy.pool.NullPool)


@functools.lru_cache(maxsize=None)  # the image's migration scripts: read once per process
def scripts():
    import alembic.config
    import alembic.script
    from buildbot.db import model

    return alembic.script.ScriptDirectory.from_config(alembic.config.Config(model.Model.config_path))


def head():
    """The schema revision this Buildbot runs on."""
    return scripts().get_current_head()


def version():
    import buildbot

    return buildbot.version


def schema(db):
    """(the database's schema revision or None, whether this Buildbot knows that revision)."""
    import alembic.runtime.migration

    with db.connect() as conn:
        have = alembic.runtime.migration.MigrationContext.configure(conn).get_current_revision()
    known = have is None or have in {r.revision for r in scripts().walk_revisions()}
    return have, known


def recorded(db):
    """The release's schema record {"head": ..., "buildbot": ...}, or None (none yet, or no tables)."""
    import sqlalchemy

    try:
        with db.connect() as conn:
            row = conn.execute(sqlalchemy.text(
                "SELECT s.value_json FROM object_state s JOIN objects o ON o.id = s.objectid "
                "WHERE o.name = :name AND o.class_name = :cls AND s.name = :key"),
                {"name": RECORD[0], "cls": RECORD[1], "key": RECORD[2]}).fetchone()
    except sqlalchemy.exc.DBAPIError:
        return None
    return json.loads(row[0]) if row else None


def record(db, value):
    import sqlalchemy

    params = {"name": RECORD[0], "cls": RECORD[1], "key": RECORD[2], "value": json.dumps(value)}
    with db.begin() as conn:
        row = conn.execute(sqlalchemy.text("SELECT id FROM objects WHERE name = :name AND class_name = :cls"), params).fetchone()
        if row is None:
            conn.execute(sqlalchemy.text("INSERT INTO objects (name, class_name) VALUES (:name, :cls)"), params)
            row = conn.execute(sqlalchemy.text("SELECT id FROM objects WHERE name = :name AND class_name = :cls"), params).fetchone()
        params["id"] = row[0]
        conn.execute(sqlalchemy.text("DELETE FROM object_state WHERE objectid = :id AND name = :key"), params)
        conn.execute(sqlalchemy.text("INSERT INTO object_state (objectid, name, value_json) VALUES (:id, :key, :value)"), params)


def running_masters(db):
    import sqlalchemy

    with db.connect() as conn:
        rows = conn.execute(sqlalchemy.text("SELECT name FROM masters WHERE active = 1 AND last_active >= :since"),
                            {"since": int(time.time()) - ALIVE_SECONDS}).fetchall()
    return [r[0] for r in rows]


def other_schema(db):
    """Why a master of this Buildbot must not run here (another Buildbot's schema is recorded), or None."""
    mine = head()
    rec = recorded(db)
    if rec is None or rec.get("head") == mine:
        return None
    return "the database belongs to Buildbot %s (schema %s) and this master runs Buildbot %s (schema %s)" % (
        rec.get("buildbot"), rec.get("head"), version(), mine)


def refuse(message):
    log(message)
    sys.exit(REFUSED)


def downgrade(have):
    return ("the database's schema %s is newer than Buildbot %s knows: a downgrade, which Buildbot cannot do. "
            "Go back to the newer Buildbot image, or restore the backup taken before the upgrade "
            "(README: Upgrading Buildbot, Rolling back)" % (have, version()))


def wait_for(what, check, seconds):
    """Calls check() every few seconds until it returns None; else logs why and tries again."""
    deadline = time.monotonic() + seconds
    attempt = 0
    while True:
        attempt += 1
        try:
            problem = check()
        except Exception as e:  # the database is still starting, unreachable, or refuses us
            lines = str(e).strip().splitlines() or [type(e).__name__]
            problem = lines[0]
        if problem is None:
            return
        if time.monotonic() >= deadline:
            log("gave up waiting for %s after %d attempts: %s" % (what, attempt, problem))
            sys.exit(1)
        log("waiting for %s (attempt %d): %s" % (what, attempt, problem))
        time.sleep(min(2 * attempt, 10))


def answering(db):
    import sqlalchemy

    seconds = int(os.environ.get("BUILDBOT_DB_WAIT_SECONDS", "900"))

    def answers():
        with db.connect() as conn:
            conn.execute(sqlalchemy.text("SELECT 1"))
        return None

    wait_for("the " + where(), answers, seconds)
    log("the %s answers" % where())


def drain(db):
    have, known = schema(db)
    if not known:
        refuse(downgrade(have))
    if have is None:
        log("a new database: no master to drain")
        return
    mine = head()
    rec = recorded(db) or {}
    before = rec.get("buildbot") or ""
    if before and int(before.split(".")[0]) < int(version().split(".")[0]) - 1:
        refuse("the database was last migrated by Buildbot %s and this is Buildbot %s: Buildbot's upgrade notes go "
               "through each major release in turn; upgrade to the last %s.x release first" % (before, version(), int(version().split(".")[0]) - 1))
    record(db, {"head": mine, "buildbot": version()})
    if have == mine:
        log("the schema is current for Buildbot %s: nothing to drain or migrate" % version())
        return
    log("schema %s -> %s (Buildbot %s): every master of another Buildbot finishes its builds and stops" % (have, mine, version()))

    def drained():
        left = running_masters(db)
        return None if not left else "still running: " + ", ".join(sorted(left))

    wait_for("the old masters to drain", drained, int(os.environ.get("BUILDBOT_DRAIN_SECONDS", "4200")))
    log("no master of another Buildbot runs: the schema can be migrated")
    if os.environ.get("CHART_STATE_DIR"):
        with open(os.path.join(os.environ["CHART_STATE_DIR"], "migrate"), "w") as f:
            f.write("%s -> %s\n" % (have, mine))


def main(step):
    db = engine()
    answering(db)
    if step == "drain":
        drain(db)
        return
    if step == "migrate":
        log("upgrading the schema: buildbot upgrade-master " + os.getcwd())
        buildbot = os.path.join(os.path.dirname(sys.executable), "buildbot")
        done = subprocess.run([buildbot, "upgrade-master", os.getcwd()]).returncode
        if done != 0:
            sys.exit(done)
        record(db, {"head": head(), "buildbot": version()})
        return

    def current():
        have, known = schema(db)
        if not known:
            refuse(downgrade(have))
        if have == head():
            return None
        return "schema revision %s, this Buildbot needs %s (the migration Job upgrades it)" % (have, head())

    wait_for("the schema of the " + where(), current, int(os.environ.get("BUILDBOT_DB_WAIT_SECONDS", "900")))
    log("the schema is current")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("wait", "drain", "migrate"):
        sys.exit("usage: chartdb.py wait|drain|migrate")
    main(sys.argv[1])
