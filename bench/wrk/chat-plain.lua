-- a chat completion answered as one JSON body (the OpenAI-compatible API, IAM token)
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.body = '{"model":"yandexgpt/latest","messages":[{"role":"user","content":"Say hi"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
