-- wrk script of bench/flood: reports from many networks, as fast as the server answers.
-- Arguments: IPv4 networks, IPv6 networks, site key.  wrk's connections all come from
-- 127.0.0.1, which the bench's server trusts as a proxy, so each request names its
-- network in X-Forwarded-For: IPv4 network n is 127.(1+n).0.0/16, a new /24 of it every
-- 40 of its reports; IPv6 network n is the /32 2001:(0d00+n)::, every report from a new
-- /48 of it.  Every report quotes a new passage (a new group, so a notification unless
-- something stops it).  No response callback: wrk counts non-2xx answers itself.
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  nets4 = tonumber(args[1])
  nets6 = tonumber(args[2])
  site = args[3]
  nets = nets4 + nets6
end

local headers = {["Content-Type"] = "text/plain", ["Origin"] = "https://news.example"}

request = function()
  counter = counter + 1
  local n = counter * 8 + id  -- unique across (up to 8) threads
  local net = n % nets
  local round = math.floor(n / nets)
  if net < nets4 then
    headers["X-Forwarded-For"] = string.format("127.%d.%d.9", 1 + net, math.floor(round / 40) % 256)
  else
    headers["X-Forwarded-For"] = string.format("2001:%x:%x::1", 0xd00 + net - nets4, round % 65536)
  end
  local body = string.format(
    '{"site":"%s","url":"https://news.example/2026/11/army","exact":"flood %d %d",' ..
    '"prefix":"He was drafted ","suffix":" the army in May.","title":"Drafted",' ..
    '"lang":"en","time_on_page":30000}', site, net, n)
  return wrk.format("POST", "/api/v1/reports", headers, body)
end
