-- Prints wrk's summary as one JSON line so bench/load.py need not parse wrk's human text.
-- wrk --latency only prints the 50/75/90/99th percentiles; the report needs the 95th.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "socket_errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.connect + errors.read + errors.write + errors.timeout,
    errors.status))
end
