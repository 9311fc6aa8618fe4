// Preloaded into kinesis-mock (node -r) by bin/local-stack: kinesis-mock always binds all interfaces and has no
// setting for the host, and local services here must listen on loopback only. Every TCP listen() of the
// process (HTTP, HTTPS and HTTP/2 servers all go through net.Server) is rewritten to 127.0.0.1.
'use strict';
const net = require('net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPipePath(value) {
  return typeof value === 'string' && !/^\d+$/.test(value);
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object') {
    if (first.path !== undefined || first.handle !== undefined || first.fd !== undefined || first._handle !== undefined) {
      return originalListen.apply(this, args);
    }
    return originalListen.call(this, { ...first, host: LOOPBACK }, ...args.slice(1));
  }
  if (first === undefined || typeof first === 'function' || typeof first === 'number' || !isPipePath(first)) {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const port = typeof first === 'function' ? 0 : Number(first ?? 0);
    const backlog = args.slice(1).find((arg) => typeof arg === 'number');
    const options = backlog === undefined ? { port, host: LOOPBACK } : { port, host: LOOPBACK, backlog };
    return callback === undefined ? originalListen.call(this, options) : originalListen.call(this, options, callback);
  }
  return originalListen.apply(this, args);
};
