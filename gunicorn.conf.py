"""Production settings for gunicorn, which reads this file from its working directory: `gunicorn rendezvous.wsgi`.

Threads, not only processes: applications that arrive at the same moment share one seat transaction (group commit in
`registration/services/burst.py`), and a process can only group the requests it is handling at once. With 24 threads
each of 2 workers can hold every request of a burst of 50 connections at once; on 2 cores `make bench` measured the
registration burst at about 100 submissions/s with 2 threads per worker, 140 with 8, 280-370 with 16 and 330-500
with 24 (figures in bench/scenario_registration.py). More processes make smaller groups and were slower.

The programme page under the same threads (issue 19 asks its p99 under 50 ms at concurrency 8): `BENCH_ONLY=programme
make bench`. On 2026-11-30 its p99 was 60-105 ms whatever the thread count: each worker stopped every second or two
for a full garbage collection of 75-160 ms (lazy labels unpickled from the cache on every view built classes in
reference cycles, and each collection walked the whole loaded application). With those cycles gone and the loaded
application frozen (`post_worker_init` below, rendezvous.wsgi.settle), 2026-12-01 on a quiet 2-core host: 2,273
pages/s, 0.75 ms gunicorn CPU per page, p50 3.1 ms, p99 13.4 ms; through nginx with two servers and Redis 1,040/s,
p99 22.6 ms. Later that day, on another 2-core machine, the page measured 1,550 to 4,040 pages/s from run to run
with p99 from 6.5 to 13.6 ms: the eight connections of the bench were split 4 to 4 between the workers, or 5 to 3,
or worse (see worker_class below). With the connections shared evenly: 3,900-4,070 pages/s, p99 6.5-7.4 ms.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gunicorn's gthread worker, taking a new connection only when no other worker holds fewer: with plain gthread, kept
# connections opened one after another (a browser's, a load balancer's pool) all went to one process, which the GIL
# keeps to one core. The board of connection counts it reads is set up by the hooks at the end of this file.
worker_class = "rendezvous.balanced_worker.BalancedThreadWorker"
threads = int(os.environ.get("WEB_THREADS", "24"))
# Keep-alive connections are cheap for gthread and spare every request a new TCP handshake behind a load balancer.
keepalive = 5
# Each worker's main thread touches its heartbeat file between events, and gunicorn's documentation warns that on a
# disk-backed directory this may block the worker (every connection it holds waits with it). Memory-backed where the
# machine has it.
# (S108: gunicorn makes its file there with mkstemp, a fresh name readable by its owner only.)
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_worker_init(worker):
    """Once the application is loaded: see rendezvous.wsgi.settle."""
    from rendezvous.wsgi import settle

    settle()


def on_starting(server):
    """In the master, before any worker: the board where each worker publishes its connection count."""
    from rendezvous.balanced_worker import allocate_board

    allocate_board()


def pre_fork(server, worker):
    """In the master: the new worker's place on the board (a replaced worker's place is free again)."""
    from rendezvous import balanced_worker

    if balanced_worker.board is not None:
        worker.board_slot = balanced_worker.board.claim()


def child_exit(server, worker):
    """In the master, once a worker has exited: its place is free, and nobody waits for it to take a connection."""
    from rendezvous import balanced_worker

    if balanced_worker.board is not None:
        balanced_worker.board.release(getattr(worker, "board_slot", None))
