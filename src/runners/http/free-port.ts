import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that nothing listens on right now. Another process may take it before the
 * service binds it; the service then fails to start and the round says so, which is rare enough
 * not to warrant a retry.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => reject(new Error(`could not find a free port on 127.0.0.1: ${error.message}`)));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not find a free port on 127.0.0.1: no port was assigned'))));
    });
  });
}
