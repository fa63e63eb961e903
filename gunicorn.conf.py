"""Production settings for gunicorn, which reads this file from its working directory: `gunicorn rendezvous.wsgi`.

Threads, not only processes: applications that arrive at the same moment share one seat transaction (group commit in
`registration/services/burst.py`), and a process can only group the requests it is handling at once. With 24 threads
each of 2 workers can hold every request of a burst of 50 connections at once; on 2 cores `make bench` measured the
registration burst at about 100 submissions/s with 2 threads per worker, 140 with 8, 280-370 with 16 and 330-500
with 24 (figures in bench/scenario_registration.py). More processes make smaller groups and were slower.

The programme page under the same threads (issue 19 asks its p99 under 50 ms at concurrency 8): `BENCH_THREADS=<n>
BENCH_ONLY=programme BENCH_DURATION=8 make bench`, 2026-11-30 on a 2-core host shared with other jobs (load average
about 9, so wall-clock figures are the host's more than ours): 24 threads 0.97 ms gunicorn CPU per page, 1,173/s,
p50 3.6 ms, p99 60 ms; 8 threads 1.19 ms, 941/s, p50 4.1 ms, p99 65 ms; 4 threads 1.21 ms, 730/s, p50 5.0 ms,
p99 946 ms. The CPU a page costs does not grow with the threads, and p99 moved with the host's load, not the thread
count, so 24 stays for the registration burst; measure again on a quiet host before trading the burst for the
programme's tail.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
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
