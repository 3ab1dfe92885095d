"""Latent workers (values: latentWorkers), loaded by master.cfg: Buildbot's KubeLatentWorker creating
the chart's build pod.

Buildbot's own pod (buildbot/worker/kubernetes.py, getPodSpec) has no labels, security context or
service-account setting, and in a multi-master farm the pod must connect back to the master that
made it: only that master knows the pod's password. The pod here is the one Helm rendered for the
worker (latent-pods.json beside this file: the "restricted" security context, no token, the values'
image, resources, placement, labels and environment). This module adds what only the creating master
knows: the pod's name (Buildbot's, buildbot-<worker>-<sha1 of the master's name>[:6]), the login
(this master pod's stable DNS name and pb port, the worker's name, this master's password for it) and
an owner reference to this master's pod, so that Kubernetes removes the build pods of a master pod
that is gone. Written against the KubeLatentWorker of Buildbot 4 (read from v4.0.3 to the chart's appVersion).
"""
import copy
import json
import os
import secrets

from buildbot import config
from buildbot.interfaces import LatentWorkerCannotSubstantiate
from buildbot.plugins import worker
from buildbot.util import kubeclientservice
from buildbot.worker import kubernetes
from twisted.internet import defer
from twisted.python import failure
from twisted.python import log

HERE = os.path.dirname(os.path.abspath(__file__))
# How often a master looks at a build pod whose worker has not connected yet (Buildbot's default: 10 s).
CHECK_SECONDS = 5
# Reasons of a pod that cannot start, by where Kubernetes reports them.
CONTAINER_STATES = ("initContainerStatuses", "containerStatuses")

_in_cluster = None


def latent_worker(role, name, settings, master_service):
    """The worker of one latentWorkers entry, as this master's role has it."""
    if role not in ("engine", "all"):
        # Web masters and the migration Job declare the worker (builders name it) but never start one:
        # they have no Kubernetes access.
        return worker.Worker(name, secrets.token_hex(32), max_builds=settings["maxBuilds"], properties=settings["properties"])
    if not hasattr(kubernetes.KubeLatentWorker, "_create_pod"):
        config.error("latentWorkers: the chart's latent workers need Buildbot 4 (v4.0.3 or later) in master.image")
    with open(os.path.join(HERE, "latent-pods.json"), encoding="utf-8") as f:
        pod = json.load(f)[name]
    return ChartLatentWorker(
        name,
        pod=pod,
        start_timeout=settings["startTimeout"],
        namespace=os.environ["BUILDBOT_NAMESPACE"],
        # The pod returns to this master: its pod's name under the masters' headless Service.
        masterFQDN="%s.%s" % (os.environ["BUILDBOT_POD_NAME"], master_service),
        kube_config=in_cluster(),
        max_builds=settings["maxBuilds"],
        build_wait_timeout=settings["buildWaitTimeout"],
        # Buildbot's own wait for a worker that never connects; the start check ends it much earlier.
        missing_timeout=settings["startTimeout"] + 60,
        check_instance_interval=CHECK_SECONDS,
        properties=settings["properties"],
    )


def in_cluster():
    """One in-cluster configuration for every latent worker of this master (one HTTP session)."""
    global _in_cluster
    if _in_cluster is None:
        _in_cluster = InClusterConfig()
    return _in_cluster


class InClusterConfig(kubeclientservice.KubeInClusterConfigLoader):
    """The service account's token read again for every request: Kubernetes rotates projected
    tokens (hourly here), and Buildbot reads it once, when the configuration is loaded."""

    def getAuthorization(self):
        with open(self.kube_token_file, encoding="utf-8") as f:
            return defer.succeed("Bearer " + f.read().strip())


class ChartLatentWorker(kubernetes.KubeLatentWorker):
    _started = None
    _cannot_start = None

    def checkConfig(self, name, pod=None, start_timeout=300, **kwargs):
        super().checkConfig(name, **kwargs)

    def reconfigService(self, name, pod=None, start_timeout=300, **kwargs):
        self.pod = pod
        self.start_timeout = start_timeout
        return super().reconfigService(name, **kwargs)

    @defer.inlineCallbacks
    def startService(self):
        yield super().startService()
        # A pod this master left behind (its process was killed while a build ran; the master pod
        # stayed, so Kubernetes did not collect it): the name is this master's, so is the pod.
        try:
            yield self._delete_pod(self._namespace, self.getContainerName())
            log.msg("chart: deleted build pod %s, left behind by this master" % self.getContainerName())
        except kubernetes.KubeJsonError as e:
            if e.reason != "NotFound":
                log.msg("chart: could not delete build pod %s: %s" % (self.getContainerName(), e))
        except Exception as e:  # the API unreachable: the next build's start deletes it
            log.msg("chart: could not delete build pod %s: %s" % (self.getContainerName(), e))

    @defer.inlineCallbacks
    def getPodSpec(self, build):
        env = yield self.createEnvironment(build)
        pod = copy.deepcopy(self.pod)
        pod["apiVersion"] = "v1"
        pod["kind"] = "Pod"
        metadata = pod["metadata"]
        metadata["name"] = self.getContainerName()
        metadata["annotations"] = dict(metadata.get("annotations") or {}, **{"buildbot.net/master": self.master.name})
        metadata["ownerReferences"] = [{
            "apiVersion": "v1",
            "kind": "Pod",
            "name": os.environ["BUILDBOT_POD_NAME"],
            "uid": os.environ["BUILDBOT_POD_UID"],
        }]
        container = pod["spec"]["containers"][0]
        # The master's variables first, so that the values' env may refer to them ({expand: true});
        # every $ doubled: the kubelet reads them as data.
        container["env"] = [{"name": k, "value": str(v).replace("$", "$$")} for k, v in env.items()] + container.get("env", [])
        return pod

    @defer.inlineCallbacks
    def _create_pod(self, namespace, spec):
        self._cannot_start = None
        result = yield super()._create_pod(namespace, spec)
        self._started = self.master.reactor.seconds()
        return result

    @defer.inlineCallbacks
    def check_instance(self):
        """Between the pod's creation and its worker's connection, every CHECK_SECONDS: a pod that
        stopped, or that is not running after startTimeout, fails the build with its reason."""
        name = self.getContainerName()
        res = yield self._http.get(
            "/api/v1/namespaces/%s/pods/%s/status" % (self._namespace, name), **(yield self._get_request_kwargs())
        )
        body = yield res.json()
        if res.code != 200:
            self._cannot_start = "build pod %s: %s %s" % (name, res.code, body.get("message", ""))
            return (False, self._cannot_start)
        status = body.get("status") or {}
        phase = status.get("phase", "Pending")
        if phase in ("Succeeded", "Failed"):
            self._cannot_start = "build pod %s stopped before its worker connected (%s: %s)" % (name, phase, why(status))
        elif self._started is not None and self.master.reactor.seconds() - self._started > self.start_timeout:
            self._cannot_start = "build pod %s did not start within startTimeout (%d s): %s" % (name, self.start_timeout, why(status))
        if self._cannot_start:
            return (False, self._cannot_start)
        return (True, "")

    def _substantiation_failed(self, reason):
        # A pod that cannot start fails the build (EXCEPTION, "worker cannot substantiate") with the
        # pod's reason, instead of Buildbot's retry of the build request after its hour-long wait.
        if self._cannot_start:
            reason = failure.Failure(LatentWorkerCannotSubstantiate(self._cannot_start))
            self._cannot_start = None
        return super()._substantiation_failed(reason)


def why(status):
    """What keeps a pod from running, as Kubernetes reports it: a container's waiting or terminated
    reason (ErrImagePull, ImagePullBackOff, CreateContainerConfigError, Error with its exit code), the
    scheduler's (Unschedulable), else the phase."""
    for field in CONTAINER_STATES:
        for container in status.get(field) or []:
            state = container.get("state") or {}
            for kind in ("waiting", "terminated"):
                detail = state.get(kind)
                if detail and detail.get("reason") not in (None, "Completed", "PodInitializing"):
                    exit_code = " (exit code %s)" % detail["exitCode"] if "exitCode" in detail else ""
                    return "%s %s%s%s" % (container.get("name"), detail["reason"], exit_code, ": " + detail["message"] if detail.get("message") else "")
    for condition in status.get("conditions") or []:
        if condition.get("type") == "PodScheduled" and condition.get("status") == "False":
            return "%s: %s" % (condition.get("reason", "not scheduled"), condition.get("message", ""))
    return status.get("phase", "Pending")
