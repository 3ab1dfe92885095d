"""A master's part in the chart's upgrades (README: Upgrading Buildbot), and the signed-in role of
its web UI; loaded by master.cfg.

The migration Job records the schema of the release's Buildbot in the database (chartdb.py drain).
A master of another Buildbot then drains: it hands its schedulers and pollers to the other masters,
starts no build, finishes its running ones and stops; master.cfg keeps it from starting again.
Every clean shutdown (the preStop's SIGUSR1 in a roll) hands the schedulers and pollers over first,
so a change arriving while this master finishes its builds is scheduled by a master that stays; and
the chart's schedulers catch up on the changes made while no master held them.
"""
from buildbot.changes import gitpoller
from buildbot.schedulers.basic import SingleBranchScheduler
from buildbot.util import service
from buildbot.www.authz.roles import RolesFromBase
from twisted.internet import defer
from twisted.internet import task
from twisted.internet import threads
from twisted.python import log

import chartdb

# How often a master looks for schedulers and pollers no master holds (Buildbot's default is five
# minutes: that long, nothing would schedule the changes of a handed-over poller).
CLAIM_SECONDS = 10
# How often a running master reads the release's schema record.
WATCH_SECONDS = 5


def hand_over_quickly():
    service.ClusteredBuildbotService.POLL_INTERVAL_SEC = CLAIM_SECONDS


class ChartSchemaGuard(service.BuildbotService):
    name = "chart-schema-guard"

    def checkConfig(self):
        pass

    def reconfigService(self):
        return defer.succeed(None)

    @defer.inlineCallbacks
    def startService(self):
        yield super().startService()
        botmaster = self.master.botmaster
        clean_shutdown = botmaster.cleanShutdown

        @defer.inlineCallbacks
        def hand_over_then_shut_down(quickMode=False, stopReactor=True):
            if not botmaster.shuttingDown:
                yield self.hand_over()
            yield clean_shutdown(quickMode=quickMode, stopReactor=stopReactor)

        botmaster.cleanShutdown = hand_over_then_shut_down
        self.db = chartdb.engine()
        self.watch = task.LoopingCall(self.check)
        self.watch.clock = self.master.reactor
        self.watch.start(WATCH_SECONDS, now=False).addErrback(log.err, "chart: while watching the schema record")

    def stopService(self):
        if self.watch.running:
            self.watch.stop()
        return super().stopService()

    @defer.inlineCallbacks
    def hand_over(self):
        log.msg("chart: clean shutdown: this master hands its schedulers and pollers to the other masters")
        for parent in (self.master.scheduler_manager, self.master.change_svc):
            for child in list(parent):
                yield child.disownServiceParent()

    @defer.inlineCallbacks
    def check(self):
        try:
            why = yield threads.deferToThread(chartdb.other_schema, self.db)
        except Exception as e:  # the database is restarting: the next look will tell
            log.msg("chart: could not read the release's schema record: %s" % e)
            return
        if why and not self.master.botmaster.shuttingDown:
            log.msg("chart: " + why + ": this master drains (no new builds; running ones finish) and stops")
            self.watch.stop()
            yield self.master.botmaster.cleanShutdown()


class CatchingUpScheduler(SingleBranchScheduler):
    """A SingleBranchScheduler that also schedules the changes made while no master held it.

    Buildbot's schedulers see only the changes announced while they run: in a roll or an upgrade
    a poller may record a change before another master has taken the scheduler over, and that
    change would never be built. This one keeps the last change it handled in its state and, each
    time a master activates it, first handles every later change, once.
    """

    STATE = "chart_last_changeid"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._chart_lock = defer.DeferredLock()
        self._chart_seen = None

    @defer.inlineCallbacks
    def startConsumingChanges(self, fileIsImportant=None, change_filter=None, onlyImportant=False):
        # New changes wait behind the lock until the missed ones are handled.
        yield self._chart_lock.acquire()
        try:
            self._chart_seen = yield self.getState(self.STATE, None)
            yield super().startConsumingChanges(fileIsImportant=fileIsImportant, change_filter=change_filter, onlyImportant=onlyImportant)
            latest = (yield self.master.db.changes.getLatestChangeid()) or 0
            if self._chart_seen is None:  # the first run anywhere: from now on
                yield self._chart_handled(latest)
                return
            for changeid in range(self._chart_seen + 1, latest + 1):
                log.msg("chart: scheduler %s handles change %d, made while no master held it" % (self.name, changeid))
                yield self._chart_change(None, {"changeid": changeid}, fileIsImportant, change_filter, onlyImportant)
        finally:
            self._chart_lock.release()

    def _changeCallback(self, key, msg, fileIsImportant, change_filter, onlyImportant):
        return self._chart_lock.run(self._chart_change, key, msg, fileIsImportant, change_filter, onlyImportant)

    @defer.inlineCallbacks
    def _chart_change(self, key, msg, fileIsImportant, change_filter, onlyImportant):
        if self._chart_seen is not None and msg["changeid"] <= self._chart_seen:
            return
        yield self._chart_handled(msg["changeid"])
        yield super()._changeCallback(key, msg, fileIsImportant, change_filter, onlyImportant)

    @defer.inlineCallbacks
    def _chart_handled(self, changeid):
        self._chart_seen = changeid
        yield self.setState(self.STATE, changeid)


class GitPoller(gitpoller.GitPoller):
    """Buildbot's GitPoller, except that a poll stopped half way keeps what it did not reach.

    A poll that its master's stop interrupts (a roll, a drain) saves `lastRev` with only the
    branches it processed; the next master's poller then takes the others as new and records their
    commits without making changes of them, so those commits are never built. This one keeps the
    previous revision of every branch such a poll did not reach. (Same class name: the state Buildbot
    keeps for a GitPoller is found by it.)
    """

    def setState(self, key, value):
        if key != "lastRev" or not self.poll_should_exit():
            return super().setState(key, value)
        return self._keep_unreached(value)

    @defer.inlineCallbacks
    def _keep_unreached(self, reached):
        previous = yield self.getState("lastRev", {})
        kept = dict(previous)
        kept.update(reached)
        log.msg("chart: gitpoller stopped during a poll: keeps the last revision of %s" % sorted(set(kept) - set(reached)))
        yield super().setState("lastRev", kept)


class SignedIn(RolesFromBase):
    """The role `users` for whoever signed in to the web UI (master.cfg's authz: who may read)."""

    def getRolesFromUser(self, userDetails):
        return ["users"] if userDetails.get("username") else []
