-- (b) an API-key-checked POST: a Workflows-scoped key starting an execution, with a small JSON body
wrk.method = "POST"
wrk.path = "/workflows/v1/execution/start"
wrk.body = '{"workflowId":"dfq0bench00000000000","input":{"inputJson":"{}"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Api-Key " .. os.getenv("API_KEY")
