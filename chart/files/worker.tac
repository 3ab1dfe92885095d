# Twisted application file of a worker pod, run as `twistd --python=<this file>` in the pod's working
# directory (the image's WORKDIR, /buildbot), which is the worker's base directory.
# Its login comes from the pod: BUILDMASTER and BUILDMASTER_PORT (the worker Service), WORKERNAME,
# and the password in a file only this pod mounts (no variable holds it: builds inherit variables).
# A latent worker's build pod gets all of them from the master that created it (files/chartkube.py),
# the password as WORKERPASS, which is taken out of the environment before any build starts.
import os

from twisted.application import service
from buildbot_worker.bot import Worker

basedir = os.environ.get("BUILDBOT_BASEDIR", os.getcwd())
application = service.Application('buildbot-worker')

buildmaster_host = os.environ["BUILDMASTER"]
port = int(os.environ["BUILDMASTER_PORT"])
workername = os.environ["WORKERNAME"]
passwd = os.environ.pop("WORKERPASS", None)
PASSWORD_FILE = "/etc/buildbot/worker-password"
try:
    if passwd is None:
        with open(PASSWORD_FILE) as f:
            passwd = f.read().strip()  # as the masters read it
except OSError:
    # A pool member the values do not declare (the StatefulSet scaled by hand) has no key: the kubelet
    # leaves a directory where its file would be.
    raise SystemExit("worker %s: no password in %s: set the pool's replicas in the values (helm upgrade), not with kubectl scale"
                     % (workername, PASSWORD_FILE))

# maxRetries None: a worker whose master is away (an upgrade, a restart) keeps reconnecting.
Worker(buildmaster_host, port, workername, passwd, basedir, 600, umask=None, maxdelay=60,
       allow_shutdown=None, maxRetries=None).setServiceParent(application)
