"""py3bridge's web side: the webhook app (create_app) and the command line (python -m bot)."""


def create_app(settings=None):
    """Flask application factory. Settings come from the environment unless given (tests)."""
    from flask import Flask

    from bot import setup, webhook
    from common import deliveries
    from common.settings import from_environment

    settings = settings or from_environment()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    # Flask refuses larger bodies (413) on every route. One byte over the cap: reading a stream
    # at its maximum raises even when nothing follows, and /webhook reads up to MAX_BODY + 1 to
    # tell a body of exactly 25 MB from a longer one.
    app.config["MAX_CONTENT_LENGTH"] = webhook.MAX_BODY + 1
    app.config["REDIS"] = deliveries.connect(settings.redis_url)
    app.register_blueprint(webhook.blueprint)
    app.register_blueprint(setup.blueprint)
    return app
