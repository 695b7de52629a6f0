-- wrk script for `litestone serve`: POSTs wire calls to /api/call.
--   wrk -t2 -c16 -d10s -s bench/serve_load.lua http://127.0.0.1:PORT -- findUnique 1000
--   wrk ... -- findMany 1000
-- args: the action (findUnique by a random id, or a 20-row findMany at a random
-- offset) and how many users rows the database holds.
local mode, rows = "findUnique", 1000

function init(args)
  mode = args[1] or mode
  rows = tonumber(args[2] or rows)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  local body
  if mode == "findMany" then
    body = string.format('{"model":"users","action":"findMany","args":{"orderBy":{"id":"asc"},"limit":20,"offset":%d}}',
      math.random(0, rows - 20))
  else
    body = string.format('{"model":"users","action":"findUnique","args":{"where":{"id":%d}}}', math.random(1, rows))
  end
  return wrk.format(nil, "/api/call", nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  -- done() runs in wrk's main state, where init() never ran: the shell names the mode.
  io.write(string.format("%.0f req/s  p50 %.3f ms  p99 %.3f ms  non-2xx/errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
