-- A burst of exactly BURST_TOTAL distinct registration POSTs over wrk's keep-alive connections.
--
-- Driven by bench/scenario_registration.py through the environment: BURST_TOTAL, BURST_THREADS, BURST_PATH,
-- BURST_RUN (8 hex digits naming this run), BURST_CSRF_COOKIE and BURST_CSRF_TOKEN (fetched once beforehand).
-- Thread t sends its share of the total; every request gets its own e-mail address and form token, built from the
-- thread id and a per-thread counter. wrk cannot refuse to send a request, so delay() reserves a slot before each
-- request (wrk calls delay() then request() for a connection) and parks a connection for good once the share is
-- reserved; when the thread has all its answers it stops itself and prints BURST-THREAD-DONE, and the scenario then
-- interrupts wrk (SIGINT ends its sleep), so wrk's duration is the burst's and not -d.
-- wrk calls request() again when it could not start writing a request (EAGAIN) or had to reconnect: the unsent body
-- is dropped, so "sent" (request() calls) may exceed the answers without any extra submission; the scenario's
-- database check (exactly one row per applicant) is what proves the count.

local total = tonumber(os.getenv("BURST_TOTAL"))
local threads = tonumber(os.getenv("BURST_THREADS"))
local workers = {}

function setup(thread)
  thread:set("thread_id", #workers)
  table.insert(workers, thread)
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local genders = { "female", "male", "other", "undisclosed" }
local countries = { "FR", "KE", "BR", "IN", "DE", "NG", "MX", "JP" }
local PARKED_MS = 3600 * 1000

function init(args)
  share = math.floor(total / threads) + ((thread_id < total % threads) and 1 or 0)
  reserved, sent, answered, unexpected = 0, 0, 0, 0
  first_unexpected = ""
  run = os.getenv("BURST_RUN")
  path = os.getenv("BURST_PATH")
  token = urlencode(os.getenv("BURST_CSRF_TOKEN"))
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("BURST_CSRF_COOKIE"),
  }
end

function delay()
  if reserved < share then
    reserved = reserved + 1
    return 0
  end
  return PARKED_MS
end

function request()
  local n = sent
  sent = sent + 1
  local index = thread_id * 1000000 + n
  -- A valid, unique UUID: run id (8 hex), thread (4 hex), counter (12 hex).
  local form_token = string.format("%s-%04x-4000-8000-%012x", run, thread_id, n)
  local body = table.concat({
    "csrfmiddlewaretoken=" .. token,
    "form_token=" .. form_token,
    "given_name=Applicant",
    "family_name=" .. index,
    "email=" .. urlencode(string.format("applicant-%s-%d-%d@bench.example.org", run, thread_id, n)),
    "gender=" .. genders[n % 4 + 1],
    "country=" .. countries[n % 8 + 1],
    "organisation_name=" .. urlencode("Bench organisation " .. (n % 40)),
    "organisation_type=academia",
    "position=Researcher",
    "attendance=in_person",
    "consent=on",
  }, "&")
  return wrk.format("POST", path, headers, body)
end

local OUTCOMES = { "<h1>You are registered</h1>", "<h1>You are on the waiting list</h1>" }

function response(status, response_headers, body)
  answered = answered + 1
  local ok = status == 200 and (body:find(OUTCOMES[1], 1, true) or body:find(OUTCOMES[2], 1, true))
  if not ok then
    unexpected = unexpected + 1
    if first_unexpected == "" then
      first_unexpected = "HTTP " .. status .. ": " .. body:gsub("<[^>]+>", " "):gsub("%s+", " "):sub(1, 160)
    end
  end
  if answered >= share then
    io.write(string.format("BURST-THREAD-DONE %d\n", thread_id))
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local sent_total, unexpected_total, first = 0, 0, ""
  for _, thread in ipairs(workers) do
    sent_total = sent_total + thread:get("sent")
    unexpected_total = unexpected_total + thread:get("unexpected")
    if first == "" then first = thread:get("first_unexpected") end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "sent": %d, "seconds": %.3f, "requests_per_s": %.1f, "p50_ms": %.2f, '
      .. '"p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "non_2xx_3xx": %d, "timeouts": %d, '
      .. '"unexpected": %d, "first_unexpected": "%s"}\n',
    summary.requests, sent_total, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status, summary.errors.timeout,
    unexpected_total, (first:gsub('[\\"]', "'"))))
end
