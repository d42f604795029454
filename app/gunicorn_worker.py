"""The worker every gunicorn serving this app runs: `make run`, the deployment unit, the tests' live
servers and the benches start `gunicorn --worker-class app.gunicorn_worker.Worker --threads 4 ...`.

It is gunicorn's threaded worker with one change: a new connection waits for its first request in
the worker's poller, not in one of its few threads. Stock gthread (24 and later) hands every
accepted connection to a thread, which waits up to 5 s for the first bytes. A connection that is
open but silent (a phone's browser preconnecting, a slow mobile network, a load generator between
polls) so holds a thread: four such phones stop a four-thread worker for 5 s, and every poll behind
them waits. Here a thread takes the connection only once its request has arrived, as gunicorn
already does for a kept-alive connection's next request (the same change is proposed upstream,
benoitc/gunicorn#3634).
"""

import selectors
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker

# How long a new connection may stay silent before it is closed: stock gunicorn's wait, or the
# keep-alive time when that is longer.
FIRST_REQUEST_SECONDS = 5.0


class Worker(ThreadWorker):
    def enqueue_req(self, conn):
        if conn.initialized or conn.data_ready:
            super().enqueue_req(conn)  # a request is there: a kept-alive or a woken connection
            return
        # Just accepted (this runs in the main thread): let the poller wake it when bytes arrive.
        conn.sock.setblocking(False)
        conn.timeout = time.monotonic() + max(FIRST_REQUEST_SECONDS, self.cfg.keepalive)
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))
