-- Prints one machine-readable line after the run: rate, latency percentiles (ms) and errors.
-- A non-2xx/3xx answer counts as an error (wrk's summary.errors.status).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "seconds": %.3f, "requests_per_s": %.1f, "p50_ms": %.2f, "p90_ms": %.2f, '
      .. '"p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "non_2xx_3xx": %d, "timeouts": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status, summary.errors.timeout))
end
