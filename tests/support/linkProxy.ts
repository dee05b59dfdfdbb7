import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP hop between Bureau and the simulator, standing for the office's link: it forwards
 * every request while `up`, and while down it cuts every connection (as a dead link does). It
 * counts what it saw per path kind, so a test can prove Bureau backs off instead of spinning.
 */
export async function startLinkProxy(target: string) {
  const upstream = new URL(target);
  let up = true;
  const counts = { health: 0, documents: 0, feed: 0, other: 0, refused: 0 };
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (path.startsWith('/api/v1/health')) counts.health++;
    else if (path.startsWith('/api/v1/documents/')) counts.documents++;
    else if (path.startsWith('/api/v1/applications?') || path === '/api/v1/applications')
      counts.feed++;
    else counts.other++;
    if (!up) {
      counts.refused++;
      incoming.socket.destroy();
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        answer.on('error', () => outgoing.destroy());
      },
    );
    forward.on('error', () => outgoing.destroy());
    outgoing.on('close', () => forward.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    setUp(value: boolean): void {
      up = value;
      if (!value) server.closeAllConnections();
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
