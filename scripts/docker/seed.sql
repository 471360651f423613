-- The contract's tables (targets/CONTRACT.md), for docker-compose.yml's PostgreSQL: the official image
-- runs this once, when it makes its cluster. The harness seeds its own databases with
-- harness/Bench.Runtime/Database/Seeder.cs; keep the two alike.
CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);
INSERT INTO world SELECT i, 1 + floor(random() * 10000)::int FROM generate_series(1, 10000) AS i;
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL);
INSERT INTO users SELECT i, 'User ' || i, 'user' || i || '@example.com' FROM generate_series(1, 10000) AS i;
ANALYZE world;
ANALYZE users;
