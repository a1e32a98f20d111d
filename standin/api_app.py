"""REST endpoints of the GitHub App itself: the App, its installations, installation tokens,
plus the repository list an installation token sees, the repository itself and /rate_limit.
"""
import time

from .api_common import (ApiError, api_blueprint, authorized_repo, created, get_state, renderer,
                         require_app_jwt, require_token, route)

bp = api_blueprint("standin_app")


@route(bp, "/app")
def get_app():
    require_app_jwt()
    return renderer().app()


@route(bp, "/apps/<slug>")
def get_public_app(slug):
    if slug != get_state().app.slug:
        raise ApiError(404, "Not Found")
    return renderer().app()


@route(bp, "/app/installations")
def list_installations():
    require_app_jwt()
    render = renderer()
    return [render.installation(i) for i in get_state().installations.values()]


@route(bp, "/app/installations/<int:installation_id>")
def get_installation(installation_id):
    require_app_jwt()
    return renderer().installation(_installation(installation_id))


@route(bp, "/app/installations/<int:installation_id>/access_tokens", methods=["POST"])
def create_access_token(installation_id):
    require_app_jwt()
    _installation(installation_id)
    return created(renderer().access_token(get_state().mint_token(installation_id)))


@route(bp, "/repos/<owner>/<name>/installation")
def get_repo_installation(owner, name):
    require_app_jwt()
    installation = get_state().installation_of(owner, name)
    if installation is None:
        raise ApiError(404, "Not Found")
    return renderer().installation(installation)


@route(bp, "/installation/repositories")
def list_installation_repositories():
    token, state = require_token(), get_state()
    if token.installation_id is None:
        raise ApiError(403, "You must authenticate with an installation access token")
    names = state.installations[token.installation_id].repositories
    render = renderer()
    return {"total_count": len(names), "repository_selection": "selected",
            "repositories": [render.repo(state.repos[n]) for n in names]}


@route(bp, "/repos/<owner>/<name>")
def get_repository(owner, name):
    return renderer().repo(authorized_repo(owner, name))


@route(bp, "/rate_limit")
def rate_limit():
    require_token()
    core = {"limit": 5000, "remaining": 4999, "reset": int(time.time()) + 3600, "used": 1}
    return {"resources": {"core": core, "search": core, "graphql": core}, "rate": core}


def _installation(installation_id):
    installation = get_state().installations.get(installation_id)
    if installation is None:
        raise ApiError(404, "Not Found")
    return installation
