"""A real worker process killed between the gateway taking a message and marking it sent loses nothing."""

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from huey.storage import SqliteStorage

from app import timeutil
from app.extensions import db
from app.models import Notification
from app.notifications import engine, outbox
from tests.notifications.conftest import drain

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_killed_before_marking_sent_is_replaced_and_the_repeat_has_the_same_key(
    app, esms, sms_subscriber, tmp_path, monkeypatch
):
    queue_file = str(tmp_path / "queue.sqlite3")
    monkeypatch.setattr(engine.huey, "storage", SqliteStorage(engine.huey.name, filename=queue_file))
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "worker-test",
        "NOTIFY_QUEUE": queue_file,
        "NOTIFY_SMS_PROVIDER": "esms",
        "ESMS_API_URL": app.config["ESMS_API_URL"],
        "NOTIFY_HTTP_TIMEOUT": "30",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "notify", "worker", "--threads", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        esms.plan = [("hold",)]  # the gateway takes the message and answers only after the kill
        outbox.queue_message("called", {"ticket": "B012", "desk": 2}, "t1:call1", subscription=sms_subscriber)
        db.session.commit()
        assert esms.got_request.wait(30), "the worker never reached the gateway"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    esms.released.set()
    db.session.expire_all()
    assert db.session.scalars(db.select(Notification)).one().status == "sending"

    # The lease runs out; the sweep gives the row to a live worker (this process), which sends it again.
    monkeypatch.setattr(engine.huey, "storage", engine.MemoryStorage(engine.huey.name))
    later = timeutil._now() + timedelta(minutes=10)
    monkeypatch.setattr(timeutil, "_now", lambda: later)
    from app.notifications.sender import sweep

    assert sweep() == 1
    drain()
    first, again = esms.bodies()
    assert first["RequestId"] == again["RequestId"] and first["Content"] == again["Content"]
    notification = db.session.scalars(db.select(Notification)).one()
    assert notification.status == "sent" and notification.attempts == 2
    # eSMS had taken the first request: it answers the repeat "124 Duplicate RequestId", one text.
    assert len(esms.taken) == 1 and "duplicate" in notification.provider_ref
