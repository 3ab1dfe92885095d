"""The database of a Buildbot pod, from the environment the chart gives it, and the two schema
steps that run before a master starts (the image's own Python, /buildbot_venv/bin/python3):

  chartdb.py wait     until the database answers and its schema is the one this Buildbot knows
                      (an init container of every master: a new master never meets an old schema)
  chartdb.py migrate  until the database answers, then `buildbot upgrade-master` on the working
                      directory (the migration Job; the init container of a sqlite master)

Environment: BUILDBOT_DB_DRIVER (postgresql or sqlite), BUILDBOT_DB_HOST, BUILDBOT_DB_PORT,
BUILDBOT_DB_NAME, BUILDBOT_DB_USER, BUILDBOT_DB_PASSWORD; BUILDBOT_DB_WAIT_SECONDS bounds the wait.
Nothing printed here ever holds the password.
"""
import os
import sys
import time
from urllib.parse import quote


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


def schema_revisions(engine):
    """(the database's schema revision or None, the revision this Buildbot needs)."""
    import alembic.config
    import alembic.runtime.migration
    import alembic.script
    from buildbot.db import model

    scripts = alembic.script.ScriptDirectory.from_config(alembic.config.Config(model.Model.config_path))
    with engine.connect() as conn:
        current = alembic.runtime.migration.MigrationContext.configure(conn).get_current_revision()
    return current, scripts.get_current_head()


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


def main(step):
    import sqlalchemy

    seconds = int(os.environ.get("BUILDBOT_DB_WAIT_SECONDS", "900"))
    engine = sqlalchemy.create_engine(db_url(), poolclass=sqlalchemy.pool.NullPool)

    def answers():
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text("SELECT 1"))
        return None

    wait_for("the " + where(), answers, seconds)
    log("the %s answers" % where())
    if step == "migrate":
        buildbot = os.path.join(os.path.dirname(sys.executable), "buildbot")
        log("upgrading the schema: buildbot upgrade-master " + os.getcwd())
        os.execv(buildbot, [buildbot, "upgrade-master", os.getcwd()])

    def current():
        have, need = schema_revisions(engine)
        if have == need:
            return None
        return "schema revision %s, this Buildbot needs %s (the migration Job upgrades it)" % (have, need)

    wait_for("the schema of the " + where(), current, seconds)
    log("the schema is current")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("wait", "migrate"):
        sys.exit("usage: chartdb.py wait|migrate")
    main(sys.argv[1])
