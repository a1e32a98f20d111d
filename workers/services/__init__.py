"""The service layer: what a delivery's job does to one repository (sync, opening PRs, commands,
dashboard, state), over the forge adapter (workers/forge/) and the engine."""
