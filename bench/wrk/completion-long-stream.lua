-- a long stream: the legacy completions route scripted with STREAM_CHUNKS text pieces (FakeServerMain --stream-chunks)
wrk.method = "POST"
wrk.path = "/v1/completions"
wrk.body = '{"model":"yandexgpt/latest","stream":true,"prompt":"Say hi"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
