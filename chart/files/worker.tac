# Twisted application file of a worker pod, run as `twistd --python=<this file>` in the pod's working
# directory (the image's WORKDIR, /buildbot), which is the worker's base directory.
# Its login comes from the pod: BUILDMASTER and BUILDMASTER_PORT (the worker Service), WORKERNAME,
# and the password in a file only this pod mounts (no variable holds it: builds inherit variables).
import os

from twisted.application import service
from buildbot_worker.bot import Worker

basedir = os.environ.get("BUILDBOT_BASEDIR", os.getcwd())
application = service.Application('buildbot-worker')

buildmaster_host = os.environ["BUILDMASTER"]
port = int(os.environ["BUILDMASTER_PORT"])
workername = os.environ["WORKERNAME"]
with open("/etc/buildbot/worker-password") as f:
    passwd = f.read().strip()  # as the masters read it

# maxRetries None: a worker whose master is away (an upgrade, a restart) keeps reconnecting.
Worker(buildmaster_host, port, workername, passwd, basedir, 600, umask=None, maxdelay=60,
       allow_shutdown=None, maxRetries=None).setServiceParent(application)
