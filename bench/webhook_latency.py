"""Webhook acknowledgement latency under load, measured from a second process on loopback.

    .venv/bin/python bench/webhook_latency.py [--rate 200] [--seconds 30]

Starts a redis-server and the real web process (gunicorn, as in the Procfile), then a separate
client process sends signed `installation` deliveries at a fixed rate, each with its own delivery
id, and records every request's latency. Afterwards it checks that every delivery was queued
exactly once (and that re-sending some of them queues nothing), and prints p50/p90/p99/max.
Target: p99 <= 50 ms at 200 deliveries/s.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
from redis import Redis  # noqa: E402

from common.local_redis import free_port, start_redis  # noqa: E402
from standin.webhooks import sign  # noqa: E402

SECRET = "bench-secret"


def payload(index):
    return json.dumps({"action": "created", "installation": {"id": 1},
                       "repositories": [{"full_name": "bench/repo-%d" % index}]}).encode()


def client(url, rate, seconds, out_path, duplicates):
    """Send rate*seconds deliveries on schedule; write [latency_ms, status] per request as JSON."""
    total = int(rate * seconds)
    results = [None] * total
    local = threading.local()
    started = time.monotonic()

    def send(index, delivery):
        session = getattr(local, "session", None) or setattr(local, "session", requests.Session()) or local.session
        body = payload(index)
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent = time.perf_counter()
        response = session.post(url, data=body, headers={
            "X-GitHub-Event": "installation", "X-GitHub-Delivery": delivery,
            "X-Hub-Signature-256": sign(SECRET, body), "Content-Type": "application/json"}, timeout=10)
        return (time.perf_counter() - sent) * 1000, response.status_code

    ids = [str(uuid.uuid4()) for _ in range(total)]
    # Few threads: at 200/s a delivery takes a few ms, and more client threads only add GIL waits
    # to what is measured.
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(send, i, ids[i]) for i in range(total)]
        for i, future in enumerate(futures):
            results[i] = future.result()
        again = [pool.submit(send, 0, ids[i]).result()[1] for i in range(duplicates)]
    Path(out_path).write_text(json.dumps({"results": results, "elapsed": time.monotonic() - started,
                                          "duplicate_statuses": again}))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--client", nargs=2, metavar=("URL", "OUT"))
    args = parser.parse_args()
    if args.client:
        return client(args.client[0], args.rate, args.seconds, args.client[1], duplicates=100)
    work = Path(tempfile.mkdtemp(prefix="py3bridge-bench-"))
    redis_proc, redis_url = start_redis(work)
    port = free_port()
    env = dict(os.environ, WEBHOOK_SECRET=SECRET, REDIS_URL=redis_url, APP_ID="1", PRIVATE_KEY="unused",
               PY3BRIDGE_CREDENTIALS=str(work / "none.json"))
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:%d" % port, "--workers", "2",
                            "--log-level", "warning", "bot:create_app()"], cwd=REPO, env=env)  # as in the Procfile
    try:
        for _ in range(100):
            try:
                requests.get("http://127.0.0.1:%d/healthz" % port, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        out = work / "client.json"
        subprocess.run([sys.executable, __file__, "--rate", str(args.rate), "--seconds", str(args.seconds),
                        "--client", "http://127.0.0.1:%d/webhook" % port, str(out)], check=True)
        report(json.loads(out.read_text()), Redis.from_url(redis_url), args)
    finally:
        web.terminate()
        web.wait()
        redis_proc.terminate()


def report(data, redis, args):
    latencies = [r[0] for r in data["results"]]
    statuses = [r[1] for r in data["results"]]
    queued = redis.llen("rq:queue:py3bridge")
    job_ids = set(j.decode() for j in redis.lrange("rq:queue:py3bridge", 0, -1))
    print("deliveries sent: %d in %.1f s (target %.0f/s, achieved %.1f/s)" % (
        len(latencies), data["elapsed"], args.rate, len(latencies) / data["elapsed"]))
    print("HTTP 202: %d, other: %s" % (statuses.count(202), sorted(set(s for s in statuses if s != 202))))
    print("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f" % (
        percentile(latencies, .5), percentile(latencies, .9), percentile(latencies, .99), max(latencies),
        statistics.mean(latencies)))
    print("jobs queued: %d (distinct %d); re-sent %d deliveries answered %s" % (
        queued, len(job_ids), len(data["duplicate_statuses"]), sorted(set(data["duplicate_statuses"]))))
    exactly_once = queued == len(job_ids) == statuses.count(202) == len(latencies) and set(
        data["duplicate_statuses"]) == {200}
    print("every delivery queued exactly once: %s" % ("yes" if exactly_once else "NO"))
    print("target p99 <= 50 ms: %s" % ("met" if percentile(latencies, .99) <= 50 else "NOT met"))


if __name__ == "__main__":
    main()
