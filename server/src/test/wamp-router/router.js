// A WAMP router on ADDRESS:PORT at /ws (`node router.js PORT [ADDRESS]`, default 127.0.0.1), for the multi-master integration test (crossbar, which
// the chart deploys, is not packaged for Debian).
//
// Three gaps of fox-wamp 0.7.28, closed here for Buildbot's wamp mq:
// - it ignores the `match` subscribe option and has its own patterns ('*' for one component, '#'
//   for the rest), while Buildbot subscribes with match=wildcard ("org.buildbot.mq.changes..new");
// - it sends EVENT with a null kwargs element when the publisher sent none, which autobahn
//   rejects as a protocol error ("invalid type NoneType for 'kwargs' in EVENT");
// - a failed send to a client that just left (a master shutting down) calls a `close` its socket
//   writer does not have, and the router dies (TypeError: this.close is not a function), taking
//   every master's connection with it: the writer's own close is given that name.
const http = require('http');
const FoxRouter = require('fox-wamp');
const { BaseRealm } = require('fox-wamp/lib/realm');
const { WampSocketWriterContext, WampGate } = require('fox-wamp/lib/wamp/gate');

const cmdTrace = BaseRealm.prototype.cmdTrace;
BaseRealm.prototype.cmdTrace = function (ctx, cmd) {
  const match = cmd.opt && cmd.opt.match;
  if (match === 'wildcard') {
    cmd.uri = cmd.uri.map((part) => (part === '' ? '*' : part));
  } else if (match === 'prefix') {
    cmd.uri = cmd.uri.concat('#');
  }
  return cmdTrace.call(this, ctx, cmd);
};

const sendEvent = WampSocketWriterContext.prototype.sendEvent;
WampSocketWriterContext.prototype.sendEvent = function (cmd) {
  if (cmd.hdr === undefined || cmd.hdr === null) {
    cmd.hdr = {};
  }
  return sendEvent.call(this, cmd);
};

const createContext = WampGate.prototype.createContext;
WampGate.prototype.createContext = function (session, socketWriter) {
  if (typeof socketWriter.close !== 'function') {
    Object.getPrototypeOf(socketWriter).close = function (code, reason) {
      this.wampPkgClose(code, reason);
    };
  }
  return createContext.call(this, session, socketWriter);
};

const port = Number(process.argv[2]);
const address = process.argv[3] || '127.0.0.1';
const server = http.createServer();
const router = new FoxRouter();
router.listenWAMP({ server, path: '/ws' });
server.listen(port, address, () => console.log(`wamp router listening on ${port}`));
