# Test stand-in for the `buildbot-console-view` package the official master image installs (Debian ships no
# web UI): its `buildbot.www` plugin, serving one page. See Adaptations.java.
from buildbot.www.plugin import Application

ep = Application(__name__, "Buildbot console_view (test stand-in)")
