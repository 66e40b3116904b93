-- the same chat completion streamed: server-sent events with a usage event, then data: [DONE]
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.body = '{"model":"yandexgpt/latest","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say hi"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
