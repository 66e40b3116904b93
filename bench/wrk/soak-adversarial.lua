-- The adversarial soak mix (SOAK_MIX=adversarial bench/soak.sh, issue 13): four kinds of hostile
-- header sections in rotation, each answer checked against what that kind must get, as in soak.lua.
--   big_headers:  8 headers of 7,000 characters (56 kB, under the 64 KiB the fake reads), a valid token -> 200 {}
--   many_headers: 900 small headers and no credential -> 401, the no-credential message
--   long_value:   one 60,000-character header and a valid API key -> 200 with an executionId
--   oversized:    one 70,000-character header -> 431 in the standard error shape, connection closed
local kinds = { "big_headers", "many_headers", "long_value", "oversized" }

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	local big = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
	for i = 1, 8 do
		big["X-Big-" .. i] = string.rep(string.char(96 + i), 7000)
	end
	local many = {}
	for i = 1, 900 do
		many["X-Many-" .. i] = "v" .. i
	end
	requests = {
		wrk.format("GET", "/compute/v1/instances", big),
		wrk.format("GET", "/compute/v1/instances", many),
		wrk.format("POST", "/workflows/v1/execution/start",
			{ ["Authorization"] = "Api-Key " .. os.getenv("API_KEY"), ["Content-Type"] = "application/json", ["X-Long"] = string.rep("L", 60000) },
			'{"workflowId":"dfq0soak000000000000","input":{"inputJson":"{}"}}'),
		wrk.format("GET", "/compute/v1/instances", { ["X-Oversized"] = string.rep("O", 70000) }),
	}
	n = 0
	unexpected = 0
	last_unexpected = ""
	for i = 1, 4 do
		_G["sent" .. i] = 0
		_G["got" .. i] = 0
	end
end

function request()
	n = n + 1
	local i = (n - 1) % 4 + 1
	_G["sent" .. i] = _G["sent" .. i] + 1
	return requests[i]
end

local function kind(status, body)
	if status == 200 and body == "{}" then return 1 end
	if status == 401 and body:find("IAM token or API key has to be passed in request", 1, true) then return 2 end
	if status == 200 and body:find('"executionId":"', 1, true) then return 3 end
	if status == 431 and body:find("request headers take", 1, true) then return 4 end
	return nil
end

function response(status, headers, body)
	local k = kind(status, body)
	if k == nil then
		unexpected = unexpected + 1
		last_unexpected = status .. " " .. string.sub(body or "", 1, 120)
	else
		_G["got" .. k] = _G["got" .. k] + 1
	end
end

function done(summary, latency, requests)
	local total = { unexpected = 0 }
	for i = 1, 4 do
		total["sent" .. i] = 0
		total["got" .. i] = 0
	end
	local last = ""
	for _, t in ipairs(threads) do
		total.unexpected = total.unexpected + t:get("unexpected")
		for i = 1, 4 do
			total["sent" .. i] = total["sent" .. i] + t:get("sent" .. i)
			total["got" .. i] = total["got" .. i] + t:get("got" .. i)
		end
		if t:get("last_unexpected") ~= "" then last = t:get("last_unexpected") end
	end
	local misrouted = 0
	local line = "soak:"
	for i = 1, 4 do
		local inflight = total["sent" .. i] - total["got" .. i]
		if inflight < 0 or inflight > tonumber(os.getenv("CONNECTIONS") or "32") then
			misrouted = misrouted + math.abs(inflight)
		end
		line = line .. string.format(" %s=%d/%d", kinds[i], total["got" .. i], total["sent" .. i])
	end
	io.write(string.format("%s unexpected=%d misrouted=%d answered=%d\n", line, total.unexpected, misrouted, summary.requests))
	if last ~= "" then
		io.write("soak: last unexpected answer: " .. last .. "\n")
	end
end
