-- (a) a Bearer-checked GET: IAM token on the IAM-token-only Compute API
wrk.method = "GET"
wrk.path = "/compute/v1/instances"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
