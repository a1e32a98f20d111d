"""Small checkouts for the engine's tests: written from {path: text}, planned into JSON text."""
import json

from workers.engine.planner import make_plan


def write(root, files):
    """Write {relative path: text or bytes} under root (a pathlib.Path), making the folders."""
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())


def uncached_plan(root, **options):
    """make_plan's JSON text for root, without the scan cache."""
    return json.dumps(make_plan(root, use_cache=False, **options).to_json())
