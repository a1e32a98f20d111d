"""REST endpoints on check runs: create, update, get, list for a commit."""
from datetime import datetime

from flask import request

from .api_common import ApiError, api_blueprint, authorized_repo, created, get_state, json_body, renderer, route

bp = api_blueprint("standin_checks")

STATUSES = ("queued", "in_progress", "completed", "waiting", "requested", "pending")
CONCLUSIONS = ("action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out")


@route(bp, "/repos/<owner>/<name>/check-runs", methods=["POST"])
def create_check_run(owner, name):
    authorized_repo(owner, name)
    body = json_body({})
    if not body.get("name") or not body.get("head_sha"):
        raise ApiError(422, "Validation Failed", [{"resource": "CheckRun", "code": "missing_field"}])
    run = get_state().create_check_run(owner, name, body["name"], body["head_sha"], **_fields(body))
    return created(renderer().check_run(run))


@route(bp, "/repos/<owner>/<name>/check-runs/<int:run_id>")
def get_check_run(owner, name, run_id):
    authorized_repo(owner, name)
    return renderer().check_run(get_state().check_run(run_id, owner, name))


@route(bp, "/repos/<owner>/<name>/check-runs/<int:run_id>", methods=["PATCH"])
def update_check_run(owner, name, run_id):
    authorized_repo(owner, name)
    state, body = get_state(), json_body({})
    state.check_run(run_id, owner, name)
    run = state.update_check_run(run_id, name=body.get("name"), **_fields(body))
    return renderer().check_run(run)


@route(bp, "/repos/<owner>/<name>/commits/<path:ref>/check-runs")
def list_check_runs_for_ref(owner, name, ref):
    """{total_count, check_runs}; ?check_name= and ?status= filter, like GitHub."""
    authorized_repo(owner, name)
    state = get_state()
    sha = state.resolve(owner, name, ref)
    if sha is None:
        raise ApiError(422, f"No commit found for SHA: {ref}")
    runs = state.check_runs_for(owner, name, head_sha=sha, check_name=request.args.get("check_name"))
    if request.args.get("status"):
        runs = [r for r in runs if r.status == request.args["status"]]
    render = renderer()
    return {"total_count": len(runs), "check_runs": [render.check_run(r) for r in runs]}


def _fields(body):
    """The optional check-run fields of a request body, validated, as state keyword arguments."""
    if body.get("status") not in (None, *STATUSES):
        raise ApiError(422, "Validation Failed", [{"resource": "CheckRun", "field": "status", "code": "invalid"}])
    if body.get("conclusion") not in (None, *CONCLUSIONS):
        raise ApiError(422, "Validation Failed", [{"resource": "CheckRun", "field": "conclusion", "code": "invalid"}])
    output = body.get("output")
    return {
        "status": body.get("status"), "conclusion": body.get("conclusion"),
        "output": {k: output.get(k) for k in ("title", "summary", "text") if k in output} if output else None,
        "details_url": body.get("details_url"), "external_id": body.get("external_id"),
        "started_at": _timestamp(body.get("started_at")), "completed_at": _timestamp(body.get("completed_at")),
    }


def _timestamp(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
