// PostgreSQL through postgres.js (the npm package `postgres`): a pool of at most `max` connections,
// opened on demand. Tagged templates send every value as a bind parameter ($1), never as SQL text;
// the driver's default (prepare: true) makes each query a named prepared statement, cached per connection.
import postgres from "postgres";
import { HttpError } from "./http.ts";

export interface World { id: number; randomNumber: number }
export interface User { id: number; name: string; email: string }

export class Database {
  private readonly sql: postgres.Sql;

  constructor(url: string, poolSize: number) {
    // onnotice: the driver prints server notices by default; the contract wants no per-request output.
    this.sql = postgres(url, { max: poolSize, onnotice: () => {} });
  }

  async randomWorld(): Promise<World> {
    const id = 1 + Math.floor(Math.random() * 10_000);
    const [row] = await this.guard(this.sql`SELECT id, randomnumber FROM world WHERE id = ${id}`);
    return { id: row.id, randomNumber: row.randomnumber };
  }

  async user(id: number): Promise<User | undefined> {
    const [row] = await this.guard(this.sql<User[]>`SELECT id, name, email FROM users WHERE id = ${id}`);
    return row;
  }

  async ping(): Promise<void> {
    await this.guard(this.sql`SELECT 1`);
  }

  // The queries are fixed and parameterised, so a failure means the database is unreachable or overloaded: 503.
  private async guard<T>(query: Promise<T>): Promise<T> {
    try {
      return await query;
    } catch (err) {
      throw new HttpError(503, `database unavailable: ${(err as Error).message}`);
    }
  }
}
