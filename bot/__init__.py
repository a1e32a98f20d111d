"""py3bridge's front: the command-line interface (and, later, the webhook app)."""
