# Twisted application file of a worker pod, run as `twistd --python=<this file>` in the pod's working
# directory (the image's WORKDIR, /buildbot), which is the worker's base directory.
# Its login comes from the pod: BUILDMASTER and BUILDMASTER_PORT (the worker Service), WORKERNAME,
# WORKERPASS; the variables named in WORKER_ENVIRONMENT_BLACKLIST are removed before any build runs.
import fnmatch
import os

from twisted.application import service
from buildbot_worker.bot import Worker

basedir = os.environ.get("BUILDBOT_BASEDIR", os.getcwd())
application = service.Application('buildbot-worker')

buildmaster_host = os.environ["BUILDMASTER"]
port = int(os.environ["BUILDMASTER_PORT"])
workername = os.environ["WORKERNAME"]
passwd = os.environ["WORKERPASS"]

for name in list(os.environ):
    if any(fnmatch.fnmatch(name, hidden) for hidden in os.environ.get("WORKER_ENVIRONMENT_BLACKLIST", "WORKERPASS").split()):
        del os.environ[name]

# maxRetries None: a worker whose master is away (an upgrade, a restart) keeps reconnecting.
Worker(buildmaster_host, port, workername, passwd, basedir, 600, umask=None, maxdelay=60,
       allow_shutdown=None, maxRetries=None).setServiceParent(application)
