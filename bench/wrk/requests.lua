-- Replays a file of requests written by bench/wrk_load.py: `wrk -s requests.lua <url> -- <file>`.
--
-- File format (text, one request after another):
--   <count>\n
--   then per request: <method> <path> <header count> <body bytes>\n, that many "Name: value\n"
--   lines, the body, and \n.
-- Thread t of T keeps requests t, t+T, t+2T, ... so no two threads send the same one (a POST
-- list can hold one distinct booking per request); a thread's connections take its share in
-- turn, from the start again when it runs out. done() prints one line, "wrk-result <json>": the
-- count of each status, and of answers the gateway's shared cache gave (X-Cache-Status: HIT).

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("id", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

local queue = {}
local position = 1
statuses = {}
cache_hits = 0

local function load(path, id, total)
   local file = assert(io.open(path, "rb"))
   local count = tonumber(file:read("*l"))
   for index = 0, count - 1 do
      local method, target, header_count, body_length = file:read("*l"):match("^(%S+) (%S+) (%d+) (%d+)$")
      local headers = {}
      for _ = 1, tonumber(header_count) do
         local name, value = file:read("*l"):match("^([^:]+): (.*)$")
         headers[name] = value
      end
      local body = nil
      if tonumber(body_length) > 0 then
         body = file:read(tonumber(body_length))
      end
      file:read("*l")
      if index % total == id then
         table.insert(queue, wrk.format(method, target, headers, body))
      end
   end
   file:close()
   assert(#queue > 0, "no requests for thread " .. id .. " in " .. path)
end

function init(args)
   load(args[1], id, tonumber(args[2]))
end

function request()
   local next_request = queue[position]
   position = position % #queue + 1
   return next_request
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if headers["X-Cache-Status"] == "HIT" then
      cache_hits = cache_hits + 1
   end
end

function done(summary, latency, requests)
   local counts, hits = {}, 0
   for _, thread in ipairs(threads) do
      hits = hits + thread:get("cache_hits")
      for status, n in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + n
      end
   end
   local parts = {}
   for status, n in pairs(counts) do
      table.insert(parts, string.format('"%d": %d', status, n))
   end
   local e = summary.errors
   io.write(string.format(
      'wrk-result {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"max_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "cache_hits": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
      latency.max, e.connect, e.read, e.write, e.timeout, hits, table.concat(parts, ", ")))
end
