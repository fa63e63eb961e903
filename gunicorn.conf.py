"""Production settings for gunicorn, which reads this file from its working directory: `gunicorn rendezvous.wsgi`.

Threads, not only processes: applications that arrive at the same moment share one seat transaction (group commit in
`registration/services/burst.py`), and a process can only group the requests it is handling at once. With 24 threads
each of 2 workers can hold every request of a burst of 50 connections at once; on 2 cores `make bench` measured the
registration burst at about 100 submissions/s with 2 threads per worker, 140 with 8, 280-370 with 16 and 330-500
with 24 (figures in bench/scenario_registration.py). More processes make smaller groups and were slower.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "24"))
# Keep-alive connections are cheap for gthread and spare every request a new TCP handshake behind a load balancer.
keepalive = 5
