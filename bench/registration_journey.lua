-- One step of the applicants' journey, for exactly BURST_TOTAL applicants over wrk's keep-alive connections.
--
-- Driven by bench/scenario_registration.py through the environment: BURST_STEP (country, form or post),
-- BURST_TOTAL, BURST_THREADS, BURST_PATH, BURST_RUN (8 hex digits naming this run) and BURST_PAIRS (a file).
-- - country: GET the country step; the answer must be a 200 page asking where the applicant is based.
-- - form: GET the form for a country; each answer's own CSRF cookie, CSRF token and form token are written, one
--   applicant a line, to BURST_PAIRS-<thread>.
-- - post: applicant i (line i of BURST_PAIRS) posts the form with its own cookie and tokens, encoded as a browser
--   encodes it (multipart/form-data); the answer must be the outcome page ("You are registered" or "You are on the
--   waiting list").
-- Thread t sends its share of the total. wrk cannot refuse to send a request, so delay() reserves a slot before each
-- request and parks a connection for good once the share is reserved; when the thread has all its answers it stops
-- itself and prints BURST-THREAD-DONE, and the scenario then interrupts wrk (SIGINT ends its sleep), so wrk's
-- duration is the step's and not -d. wrk may call request() again for a request it could not write (the unsent one
-- is dropped): the database check (one row per applicant) proves the count.

local total = tonumber(os.getenv("BURST_TOTAL"))
local threads = tonumber(os.getenv("BURST_THREADS"))
local workers = {}

function setup(thread)
  thread:set("thread_id", #workers)
  table.insert(workers, thread)
end

local genders = { "female", "male", "other", "undisclosed" }
local countries = { "FR", "KE", "BR", "IN", "DE", "NG", "MX", "JP" }
local PARKED_MS = 3600 * 1000
local BOUNDARY = "----RendezvousBenchBoundary7MA4YWxkTrZu0gW"

function init(args)
  share = math.floor(total / threads) + ((thread_id < total % threads) and 1 or 0)
  reserved, sent, answered, unexpected = 0, 0, 0, 0
  first_unexpected = ""
  step = os.getenv("BURST_STEP")
  run = os.getenv("BURST_RUN")
  path = os.getenv("BURST_PATH")
  pairs_path = os.getenv("BURST_PAIRS")
  applicants = {}
  if step == "form" then
    out = io.open(pairs_path .. "-" .. thread_id, "w")
  elseif step == "post" then
    local index = 0
    for line in io.lines(pairs_path) do
      if index % threads == thread_id then
        local cookie, token, form_token = line:match("^(%S+) (%S+) (%S+)$")
        table.insert(applicants, { cookie = cookie, token = token, form_token = form_token })
      end
      index = index + 1
    end
  end
end

function delay()
  if reserved < share then
    reserved = reserved + 1
    return 0
  end
  return PARKED_MS
end

function request()
  sent = sent + 1
  if step ~= "post" then
    return wrk.format("GET", path)
  end
  -- By request() call: a re-sent request (see above) moves on, and beyond the applicants a form token is made up.
  local n = sent
  local applicant = applicants[(n - 1) % #applicants + 1]
  local form_token = applicant.form_token
  if n > #applicants then
    form_token = string.format("%s-%04x-4000-8000-%012x", run, thread_id, n)
  end
  local index = thread_id * 1000000 + n
  local fields = {
    { "csrfmiddlewaretoken", applicant.token },
    { "form_token", form_token },
    { "given_name", "Applicant" },
    { "family_name", tostring(index) },
    { "email", string.format("applicant-%s-%d-%d@bench.example.org", run, thread_id, n) },
    { "gender", genders[n % 4 + 1] },
    { "country", countries[n % 8 + 1] },
    { "organisation_name", "Bench organisation " .. (n % 40) },
    { "organisation_type", "academia" },
    { "position", "Researcher" },
    { "attendance", "in_person" },
    { "consent", "on" },
  }
  -- As a browser sends the form (enctype multipart/form-data, for its file input): each field a part, and the
  -- nomination letter an empty file part.
  local parts = {}
  for _, field in ipairs(fields) do
    parts[#parts + 1] = "--" .. BOUNDARY .. '\r\nContent-Disposition: form-data; name="' .. field[1] .. '"\r\n\r\n'
      .. field[2] .. "\r\n"
  end
  parts[#parts + 1] = "--" .. BOUNDARY .. '\r\nContent-Disposition: form-data; name="nomination_letter"; filename=""'
    .. "\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
  parts[#parts + 1] = "--" .. BOUNDARY .. "--\r\n"
  local body = table.concat(parts)
  local headers = {
    ["Content-Type"] = "multipart/form-data; boundary=" .. BOUNDARY,
    ["Cookie"] = "csrftoken=" .. applicant.cookie,
  }
  return wrk.format("POST", path, headers, body)
end

local OUTCOMES = { "<h1>You are registered</h1>", "<h1>You are on the waiting list</h1>" }

-- The quoted value right after `prefix` in the page (a plain search: a pattern tried at every position of a 30 KiB
-- page cost the load generator, which shares the server's cores, 0.2 ms a form).
local function value_after(body, prefix)
  local _, last = body:find(prefix, 1, true)
  if not last then
    return nil
  end
  local closing = body:find('"', last + 1, true)
  if not closing or closing == last + 1 then
    return nil
  end
  return body:sub(last + 1, closing - 1)
end

local function check(status, response_headers, body)
  if status ~= 200 then
    return false
  end
  if step == "country" then
    return body:find("country-heading", 1, true) ~= nil
  elseif step == "form" then
    local cookie = (response_headers["Set-Cookie"] or response_headers["set-cookie"] or ""):match("csrftoken=([^;]+)")
    local token = value_after(body, 'name="csrfmiddlewaretoken" value="')
    local form_token = value_after(body, 'name="form_token" value="')
    if not (cookie and token and form_token) then
      return false
    end
    out:write(cookie, " ", token, " ", form_token, "\n")
    return true
  end
  return body:find(OUTCOMES[1], 1, true) or body:find(OUTCOMES[2], 1, true)
end

function response(status, response_headers, body)
  answered = answered + 1
  if not check(status, response_headers, body) then
    unexpected = unexpected + 1
    if first_unexpected == "" then
      first_unexpected = "HTTP " .. status .. ": " .. body:gsub("<[^>]+>", " "):gsub("%s+", " "):sub(1, 160)
    end
  end
  if answered >= share then
    if out then out:close() out = nil end
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
