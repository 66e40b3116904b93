-- (c) a refused request: no credential at all, answered 401 with the standard JSON error
wrk.method = "GET"
wrk.path = "/compute/v1/instances"
