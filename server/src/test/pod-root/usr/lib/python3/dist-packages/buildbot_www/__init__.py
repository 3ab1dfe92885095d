# Test stand-in for the `buildbot-www` package (Debian ships no web UI; the official image has it
# from pip): the `base` plugin the web master requires, serving one page. See Adaptations.java.
from buildbot.www.plugin import Application

ep = Application(__name__, "Buildbot UI (test stand-in)")
