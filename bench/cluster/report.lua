-- wrk script for bench/cluster: POST a ~500-byte report, varied per request, over 500
-- articles of the site's origin; counts 201 answers and answers per node (the front's
-- X-Copydesk-Node header).  Arguments: site key, origin, and optionally a pause in ms
-- before each request (paced load: each connection then sends at most 1000/pause a
-- second).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  site = args[1]
  origin = args[2]
  pause = tonumber(args[3] or "0")
  created = 0
  other = 0
end

local words = {"drafted", "into", "to", "the", "army", "nighttime", "lows", "Celsius",
               "minister", "budget", "council", "harbour", "forecast", "election"}

request = function()
  counter = counter + 1
  local n = counter * 131 + id * 7919
  local w1 = words[(n % #words) + 1]
  local w2 = words[(math.floor(n / 3) % #words) + 1]
  local body = string.format(
    '{"site":"%s","url":"%s/2026/11/story-%d","exact":"%s %s %d",' ..
    '"prefix":"The regional council said on Tuesday that the new harbour plan ",' ..
    '"suffix":" would be put to a vote before the end of the year, officials said.",' ..
    '"start":%d,"end":%d,"suggestion":"%s","comment":"This looks like a typo to me; ' ..
    'the sentence reads oddly and the figure in brackets does not match.",' ..
    '"title":"Council backs harbour plan","lang":"en","website":"","time_on_page":48000}',
    site, origin, n % 500, w1, w2, n, n % 5000, n % 5000 + 12, w1)
  return wrk.format("POST", "/api/v1/reports",
                    {["Content-Type"] = "text/plain", ["Origin"] = origin}, body)
end

delay = function()
  return pause
end

response = function(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  local total, refused = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("created")
    refused = refused + t:get("other")
  end
  io.write(string.format("CREATED %d\nOTHER %d\n", total, refused))
end
