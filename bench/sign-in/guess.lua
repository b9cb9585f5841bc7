-- wrk script: every request guesses a different wrong password for "admin" on /api/me, as an anonymous client would.
-- At the end it tells how the platform answered: 401 means the password was really checked (a PBKDF2 hash),
-- 429 means refused without checking, 503 means all hashers were busy.
local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  return ((data:gsub(".", function(x)
    local r, b = "", x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  checked, refused, busy, other, n = 0, 0, 0, 0, 0
  prefix = tostring(math.random(1, 1000000000))
end

function request()
  n = n + 1
  return wrk.format("GET", "/api/me", { ["Authorization"] = "Basic " .. base64("admin:guess-" .. prefix .. "-" .. n) })
end

function response(status, headers, body)
  if status == 401 then checked = checked + 1
  elseif status == 429 then refused = refused + 1
  elseif status == 503 then busy = busy + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, r, b, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("checked"); r = r + t:get("refused"); b = b + t:get("busy"); o = o + t:get("other")
  end
  io.write(string.format("guesses: %d checked (401), %d refused unchecked (429), %d busy (503), %d other\n", c, r, b, o))
end
