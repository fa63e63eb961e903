"""`python -m bench` (or `make bench`): see bench/harness.py. BENCH_ONLY=name[,name] and BENCH_DURATION=seconds."""

import sys

from bench.harness import main

sys.exit(main())
