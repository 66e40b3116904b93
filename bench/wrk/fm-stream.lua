-- a native Foundation Models completion streamed as JSON lines
wrk.method = "POST"
wrk.path = "/foundationModels/v1/completion"
wrk.body = '{"modelUri":"gpt://' .. os.getenv("FOLDER") .. '/yandexgpt/latest","completionOptions":{"stream":true},"messages":[{"role":"user","text":"Say hi"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
