// A real HTTP receiver on loopback for webhook tests: records each request; the reply is chosen per path.
import http from "node:http";

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

export async function startReceiver(reply: (path: string) => number | "hang" = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, body });
      const status = reply(req.url ?? "/");
      if (status === "hang") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
