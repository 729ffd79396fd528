-- wrk script: POST the JSON bodies of the file named by BODIES (one per line) in turn, and report
-- every failed request: answers that are not 2xx and socket errors (connect, read, write, timeout).
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("AUTH")

request = function()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  if status >= 300 then
    bad = (bad or 0) + 1
    if bad == 1 then io.stderr:write("first bad answer: " .. status .. " " .. body .. "\n") end
  end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("bad") or 0) end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
