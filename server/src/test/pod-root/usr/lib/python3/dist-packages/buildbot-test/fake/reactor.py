# Test stand-in for `buildbot.test.fake.reactor`, which Debian's buildbot leaves out and the
# official image has from pip: Buildbot 4.2's master imports it while storing log lines
# (buildbot/db/logs.py, once monkeypatches.patch_all() has run). Only the name it checks against.
# See Adaptations.java.


class NonThreadPool:
    pass
