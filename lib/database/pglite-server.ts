// Serves one PGlite database to many clients over the PostgreSQL wire protocol.
//
// PGlite is a single session, so clients must take turns, and a turn must be a whole protocol
// cycle: an extended-protocol Parse/Bind/Describe/Execute run up to its Sync (or a simple Query).
// Interleaving two clients' cycles message by message lets one client's Parse replace the other's
// unnamed statement before its Bind ("bind message supplies 1 parameters, but prepared statement
// requires 2"), which @electric-sql/pglite-socket 0.1.3 does under concurrent load. While a client
// has a transaction open, the session stays with that client until it commits or rolls back.
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
// Sync, simple Query and Flush are where a client waits for answers: a cycle ends there.
const ENDS_CYCLE = new Set(["S", "Q", "H"].map((c) => c.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);

/** A simple-protocol Query message. */
function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
}

type Unit = { connection: Connection; messages: Uint8Array[]; done: () => void };

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Uint8Array[] = [];
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  isClosed = false;

  constructor(
    readonly id: number,
    readonly socket: net.Socket,
    private readonly scheduler: Scheduler,
  ) {}

  receive(data: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    for (;;) {
      const message = this.takeMessage();
      if (!message) return;
      if (message === "ssl") {
        this.socket.write("N"); // no TLS on loopback
        continue;
      }
      if (message[0] === TERMINATE && this.started) {
        // Never forwarded: PGlite has one session, shared by every client.
        this.socket.end();
        return;
      }
      this.pending.push(message);
      const isStartup = !this.started;
      if (isStartup) this.started = true;
      if (isStartup || ENDS_CYCLE.has(message[0]!)) this.flush();
    }
  }

  /** One whole message from the buffer, or null when more bytes are needed. */
  private takeMessage(): Uint8Array | "ssl" | null {
    if (!this.started) {
      if (this.buffer.length < 8) return null;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return null;
      const code = this.buffer.readInt32BE(4);
      const bytes = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST || code === GSS_REQUEST) return "ssl";
      if (code === CANCEL_REQUEST) {
        this.socket.end();
        return null;
      }
      if (code !== PROTOCOL_3) {
        this.socket.destroy();
        return null;
      }
      return new Uint8Array(bytes);
    }
    if (this.buffer.length < 5) return null;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return null;
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return new Uint8Array(bytes);
  }

  /** Hands a complete cycle to the scheduler; cycles of one connection run in order. */
  private flush() {
    const messages = this.pending;
    this.pending = [];
    this.chain = this.chain.then(
      () =>
        new Promise<void>((done) => this.scheduler.submit({ connection: this, messages, done })),
    );
  }

  write(bytes: Uint8Array) {
    if (!this.isClosed && this.socket.writable) this.socket.write(bytes);
  }
}

class Scheduler {
  private queue: Unit[] = [];
  private isRunning = false;
  /** The connection whose open transaction holds the session, if any. */
  private owner: Connection | null = null;

  constructor(private readonly db: PGlite) {}

  submit(unit: Unit) {
    this.queue.push(unit);
    void this.runNext();
  }

  /** A client went away: drop its queued work, and roll back a transaction it left open. */
  release(connection: Connection) {
    this.queue = this.queue.filter((u) => {
      if (u.connection === connection) u.done();
      return u.connection !== connection;
    });
    if (this.owner === connection) {
      // Sent as an ordinary cycle (its answer goes nowhere), so it runs in turn, under the same lock.
      this.queue.unshift({ connection, messages: [simpleQuery("ROLLBACK")], done: () => {} });
      void this.runNext();
    }
  }

  private async runNext(): Promise<void> {
    if (this.isRunning) return;
    const index = this.owner ? this.queue.findIndex((u) => u.connection === this.owner) : 0;
    if (index < 0 || this.queue.length === 0) return;
    const [unit] = this.queue.splice(index, 1);
    this.isRunning = true;
    try {
      await this.db.runExclusive(async () => {
        for (const message of unit!.messages) {
          await this.db.execProtocolRawStream(message, {
            onRawData: (bytes) => unit!.connection.write(bytes),
          });
        }
      });
      this.owner = this.db.isInTransaction() ? unit!.connection : null;
    } catch {
      unit!.connection.socket.destroy();
    } finally {
      this.isRunning = false;
      unit!.done();
      void this.runNext();
    }
  }
}

export type PGliteServer = { port: number; stop: () => Promise<void> };

export async function servePGlite(
  db: PGlite,
  options: { host?: string; port?: number } = {},
): Promise<PGliteServer> {
  await db.waitReady;
  const scheduler = new Scheduler(db);
  const sockets = new Set<net.Socket>();
  let nextId = 1;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connection = new Connection(nextId++, socket, scheduler);
    socket.on("data", (data) => connection.receive(data));
    const close = () => {
      if (connection.isClosed) return;
      connection.isClosed = true;
      sockets.delete(socket);
      scheduler.release(connection);
    };
    socket.on("close", close);
    socket.on("error", close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
