"""Start the app under gunicorn on a throw-away SQLite database with the demo data (bench helper).

The servers start as the tests start theirs (tests/live.py): same options, a log file beside the database.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.live import SECRET, gunicorns

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@contextlib.contextmanager
def gunicorn(workers=2, threads=4, database_url=None, instances=1, extra_env=None, open_now=False):
    """Yield the base URLs of `instances` gunicorn processes sharing one database.

    open_now: add an extra opening from now, so the point behaves as in opening hours.
    """
    tmp = tempfile.mkdtemp(prefix="tdp-bench-")
    settings = {"INSTANCE_PATH": tmp, **(extra_env or {})}
    database_url = database_url or f"sqlite:///{tmp}/bench.sqlite3"
    env = dict(os.environ, SECRET_KEY=SECRET, DATABASE_URL=database_url, **settings)
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade", "heads"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    if open_now:
        subprocess.run(
            flask + ["extra-opening", "--hours", "3"], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = Path(tmp) / "gunicorn.log"
    with gunicorns(instances, database_url, log, workers, threads, settings=settings) as urls:
        yield urls
