"""`python -m workers.worker`: an RQ worker that picks up what its previous incarnation left.

Each worker has a stable name (PY3BRIDGE_WORKER_NAME, default: host name). A worker killed in
the middle of a job leaves that job "started" and the repository locked. When a worker with the
same name starts again, nothing else can be running that job, so it releases the job's
repository locks and puts the job back on the queue. Jobs are idempotent, so re-running one
never opens a second pull request.
"""
import logging
import os
import socket
import sys

from rq import Queue, Worker
from rq.job import Job
from rq.registry import StartedJobRegistry

from common import deliveries
from common.settings import from_environment
from workers.services.state import release_locks_held_by

log = logging.getLogger("py3bridge.worker")


def recover_abandoned_jobs(connection, queue, worker_name):
    """Requeue the jobs the previous worker of this name was running. Returns their ids."""
    connection.delete("rq:worker:%s" % worker_name)
    connection.srem("rq:workers", "rq:worker:%s" % worker_name)
    connection.srem("rq:workers:%s" % queue.name, "rq:worker:%s" % worker_name)
    registry = StartedJobRegistry(queue=queue)
    recovered = []
    for job_id, _execution in registry.get_job_and_execution_ids(cleanup=False):
        job = Job.fetch(job_id, connection=connection)
        if job.worker_name != worker_name:
            continue
        release_locks_held_by(connection, job.id)
        registry.remove_executions(job)
        queue.enqueue_job(job)
        recovered.append(job.id)
    return recovered


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = from_environment()
    connection = deliveries.connect(settings.redis_url)
    queue = Queue(settings.queue_name, connection=connection)
    name = os.environ.get("PY3BRIDGE_WORKER_NAME") or socket.gethostname()
    for job_id in recover_abandoned_jobs(connection, queue, name):
        log.info("requeued job %s, abandoned by the previous worker named %s", job_id, name)
    worker = Worker([queue], connection=connection, name=name)
    worker.work(burst="--burst" in argv, logging_level="INFO")


if __name__ == "__main__":
    main()
