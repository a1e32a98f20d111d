"""The one adapter for the forge: GitHub's API (PyGithub) and git over HTTPS, used only by the services."""
