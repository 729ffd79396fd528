-- One user reading pages with their session: GETs of the paths listed in the file PATHS (one per
-- line), picked at random, with the session cookie COOKIE. Prints one line for the run script:
-- RESULT requests p50-ms p95-ms p99-ms errors (any answer other than 200 counts as an error).
local paths = {}
local cookie = os.getenv("COOKIE")
local errors = 0

init = function(args)
  for line in io.lines(os.getenv("PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(42)
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)], { Cookie = cookie, ["Accept-Language"] = "en" })
end

response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.1f %.1f %.1f %d\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status + errors))
end
