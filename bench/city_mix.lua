-- City mix (bench/city_mix.py): each connection is one phone or board polling every interval.
-- A thread owns every CITY_THREADS-th line of CITY_PATHS ("path<TAB>cookie") and as many
-- connections; it hands its paths out in turn, so each is polled about once per interval.
-- The ETag of each path is read back from the answer's hx-get link (answers come uncompressed).
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  paths, cookies, etags, done = {}, {}, {}, {}
  local n, total = 0, tonumber(os.getenv("CITY_THREADS"))
  for line in io.lines(os.getenv("CITY_PATHS")) do
    if n % total == id then
      local path, cookie = line:match("^([^\t]+)\t?(.*)$")
      paths[#paths + 1] = path
      cookies[path] = cookie
    end
    n = n + 1
  end
  i, started = 0, 0
  conns = tonumber(os.getenv("CITY_CONNS_PER_THREAD"))
  interval = tonumber(os.getenv("CITY_INTERVAL_MS"))
  math.randomseed(id * 7919 + os.time())
end

function delay()
  started = started + 1
  if started <= conns then
    return math.random(0, interval)  -- first polls spread over one interval
  end
  return interval - 250 + math.random(0, 500)
end

function request()
  for _ = 1, #paths do
    i = i % #paths + 1
    local path = paths[i]
    if not done[path] then
      local headers = { ["HX-Request"] = "true" }
      if etags[path] then headers["If-None-Match"] = etags[path] end
      if cookies[path] ~= "" then headers["Cookie"] = cookies[path] end
      return wrk.format("GET", path, headers)
    end
  end
  return wrk.format("GET", paths[1], { ["HX-Request"] = "true" })
end

function response(status, headers, body)
  if status == 200 then
    local path = body:match('hx%-get="([^"]+)"')
    if path then etags[path:gsub("&amp;", "&")] = headers["ETag"] or headers["etag"] end
  elseif status == 286 then
    local token = body:match("/feedback%?ticket=([%w_-]+)")
    if token then done["/t/" .. token] = true end  -- htmx stops polling a finished ticket
  end
end
