import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servePGlite, type PGliteServer } from "./pglite-server";

let db: PGlite;
let server: PGliteServer;
let pool: pg.Pool;

beforeAll(async () => {
  db = new PGlite();
  server = await servePGlite(db);
  pool = new pg.Pool({
    connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`,
    max: 10,
  });
  await pool.query("CREATE TABLE t (id int primary key, v text)");
});

afterAll(async () => {
  await pool.end();
  await server.stop();
  await db.close();
});

describe("the embedded database's wire server", () => {
  it("keeps concurrent parameterised queries from different connections apart", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? pool.query("SELECT $1::int AS a, $2::text AS b", [i, `x${i}`])
          : pool.query("SELECT $1::int AS a", [i]),
      ),
    );
    results.forEach((r, i) => expect(r.rows[0]).toEqual(i % 2 ? { a: i, b: `x${i}` } : { a: i }));
  });

  it("holds the session for a client's open transaction, so others never see or join it", async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query("BEGIN");
      await a.query("INSERT INTO t VALUES (1, 'in a transaction')");
      const outside = b.query("SELECT count(*)::int AS n FROM t"); // waits for a's transaction
      await new Promise((r) => setTimeout(r, 50));
      await a.query("ROLLBACK");
      expect((await outside).rows[0].n).toBe(0);
    } finally {
      a.release();
      b.release();
    }
  });

  it("rolls back the transaction of a client that disconnects in the middle of it", async () => {
    const lone = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`,
    });
    lone.on("error", () => {}); // we cut the connection on purpose
    await lone.connect();
    await lone.query("BEGIN");
    await lone.query("INSERT INTO t VALUES (2, 'abandoned')");
    lone.connection.stream.destroy();
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM t WHERE id = 2");
    expect(rows[0].n).toBe(0);
  });
});
