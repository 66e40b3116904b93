-- The soak mix (bench/soak.sh): four requests in rotation, each answer checked against what that
-- kind of request must get. An answer is recognised by its status and body, which differ for the
-- four kinds; any other answer is "unexpected". Counts per kind sent and answered show misrouted
-- answers (a refused request answered 200 would show as one GET too many): answered may trail sent
-- by the requests still in flight when wrk stops, never exceed it.
local kinds = { "bearer_get", "apikey_post", "refused", "unknown_route" }

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	requests = {
		wrk.format("GET", "/compute/v1/instances", { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }),
		wrk.format("POST", "/workflows/v1/execution/start",
			{ ["Authorization"] = "Api-Key " .. os.getenv("API_KEY"), ["Content-Type"] = "application/json" },
			'{"workflowId":"dfq0soak000000000000","input":{"inputJson":"{}"}}'),
		wrk.format("GET", "/compute/v1/instances", {}),
		wrk.format("GET", "/soak/no/such/route", { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }),
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
	if status == 200 and body:find('"executionId":"', 1, true) then return 2 end
	if status == 401 and body:find("IAM token or API key has to be passed in request", 1, true) then return 3 end
	if status == 404 and body == "" then return 4 end
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
		-- answered beyond sent, or more missing than there are connections: answers went to the wrong kind
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
