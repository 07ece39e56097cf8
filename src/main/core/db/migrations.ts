import type Database from 'better-sqlite3'
import { NexusError } from '../../../shared/errors'
import { createEncryptedSecretsTable } from '../secrets/schema'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

/**
 * Numbered migrations, applied in order, each in its own transaction together with the
 * `user_version` bump, so a crash leaves the database at the previous version. Never edit a
 * migration that has shipped: add the next number.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `)
    }
  },
  {
    version: 2,
    name: 'providers, encrypted secrets, model catalog, usage, conversations',
    up: (db) => {
      db.exec(`
        CREATE TABLE providers (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('openai', 'anthropic', 'ollama', 'openai-compatible')),
          name TEXT NOT NULL,
          preset TEXT,
          base_url TEXT,
          enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        -- Key metadata only: the values live in the SecretStore under 'provider:<id>:<key id>'.
        CREATE TABLE provider_keys (
          id TEXT NOT NULL,
          provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
          label TEXT NOT NULL,
          last_four TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (provider_id, id)
        ) STRICT;

        -- Prices in USD per million tokens. 'provider' is a provider kind, preset or id.
        CREATE TABLE model_catalog (
          provider TEXT NOT NULL,
          model TEXT NOT NULL,
          input_per_mtok REAL NOT NULL CHECK (input_per_mtok >= 0),
          output_per_mtok REAL NOT NULL CHECK (output_per_mtok >= 0),
          context_length INTEGER,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (provider, model)
        ) STRICT;

        CREATE TABLE usage (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          provider_id TEXT NOT NULL,
          model TEXT NOT NULL,
          input_tokens INTEGER NOT NULL DEFAULT 0,
          output_tokens INTEGER NOT NULL DEFAULT 0,
          ttft_ms REAL,
          total_ms REAL NOT NULL,
          cost_usd REAL,
          outcome TEXT NOT NULL,
          error_code TEXT,
          purpose TEXT NOT NULL DEFAULT 'chat'
        ) STRICT;
        CREATE INDEX usage_by_time ON usage (at);
        CREATE INDEX usage_by_model ON usage (provider_id, model, at);

        CREATE TABLE conversations (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          model TEXT,
          system_prompt TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX conversations_by_update ON conversations (updated_at);

        CREATE TABLE messages (
          id TEXT PRIMARY KEY,
          conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
          content TEXT NOT NULL CHECK (json_valid(content)),
          model TEXT,
          status TEXT NOT NULL,
          error TEXT CHECK (error IS NULL OR json_valid(error)),
          input_tokens INTEGER,
          output_tokens INTEGER,
          cost_usd REAL,
          ttft_ms REAL,
          total_ms REAL,
          created_at TEXT NOT NULL,
          UNIQUE (conversation_id, seq)
        ) STRICT;
      `)
      createEncryptedSecretsTable(db)
      const seed = db.prepare(
        `INSERT INTO model_catalog (provider, model, input_per_mtok, output_per_mtok, context_length, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`
      )
      const now = new Date().toISOString()
      // List prices when this release was made; users correct them in Settings > Providers.
      for (const [provider, model, input, output, context] of [
        ['openai', 'gpt-4o', 2.5, 10, 128000],
        ['openai', 'gpt-4o-mini', 0.15, 0.6, 128000],
        ['openai', 'gpt-4.1', 2, 8, 1047576],
        ['openai', 'gpt-4.1-mini', 0.4, 1.6, 1047576],
        ['openai', 'o3-mini', 1.1, 4.4, 200000],
        ['openai', 'text-embedding-3-small', 0.02, 0, 8191],
        ['anthropic', 'claude-3-5-haiku-latest', 0.8, 4, 200000],
        ['anthropic', 'claude-sonnet-4-0', 3, 15, 200000],
        ['anthropic', 'claude-opus-4-0', 15, 75, 200000]
      ] as const) {
        seed.run(provider, model, input, output, context, now)
      }
    }
  },
  {
    version: 3,
    name: 'model profiles, observations, breakers, feedback, routing decisions',
    up: (db) => {
      db.exec(`
        -- Profiles extend the catalog: capabilities, per-intent quality with its source, and the
        -- fields the user overrode (kept apart so a catalog update never undoes them).
        ALTER TABLE model_catalog ADD COLUMN capabilities TEXT CHECK (capabilities IS NULL OR json_valid(capabilities));
        ALTER TABLE model_catalog ADD COLUMN quality TEXT CHECK (quality IS NULL OR json_valid(quality));
        ALTER TABLE model_catalog ADD COLUMN overrides TEXT CHECK (overrides IS NULL OR json_valid(overrides));
        ALTER TABLE model_catalog ADD COLUMN origin TEXT NOT NULL DEFAULT 'shipped';

        -- Observed figures per model and time window, kept as history for trends.
        CREATE TABLE model_observations (
          provider_id TEXT NOT NULL,
          model TEXT NOT NULL,
          window_end TEXT NOT NULL,
          calls INTEGER NOT NULL,
          errors INTEGER NOT NULL,
          ttft_p50 REAL,
          ttft_p95 REAL,
          total_p50 REAL,
          total_p95 REAL,
          tokens_per_s REAL,
          PRIMARY KEY (provider_id, model, window_end)
        ) STRICT;

        -- Circuit breakers survive restarts: a provider that was failing stays open.
        CREATE TABLE breaker_state (
          key TEXT PRIMARY KEY,
          state TEXT NOT NULL CHECK (state IN ('closed', 'open', 'half-open')),
          snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE message_feedback (
          message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
          rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
          at TEXT NOT NULL
        ) STRICT;

        -- Prompts labelled by the user's corrections, for the classifier's second stage.
        CREATE TABLE intent_examples (
          id INTEGER PRIMARY KEY,
          text TEXT NOT NULL,
          intent TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;

        -- How an "auto" answer was routed: intent, ranking, fallbacks taken, trace id.
        ALTER TABLE messages ADD COLUMN routing TEXT CHECK (routing IS NULL OR json_valid(routing));
      `)
    }
  },
  {
    version: 4,
    name: 'intent second stage',
    up: (db) => {
      // Which embedding model and dimension intent_vectors holds, and the last example indexed.
      // intent_vectors itself (vec0, sized by the model) is made by routing/intent-knn.ts.
      db.exec('CREATE TABLE intent_knn_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT')
    }
  },
  {
    version: 5,
    name: 'regenerated answers',
    up: (db) => {
      // The answer a regenerate replaced ({ ref, intent }): a mild thumbs down for that model.
      db.exec('ALTER TABLE messages ADD COLUMN regenerated TEXT CHECK (regenerated IS NULL OR json_valid(regenerated))')
    }
  },
  {
    version: 6,
    name: 'event log, durable subscribers, dead letters, sagas',
    up: (db) => {
      db.exec(`
        -- Append-only: rows are never updated; offsets only grow (AUTOINCREMENT never reuses one).
        CREATE TABLE event_log (
          offset INTEGER PRIMARY KEY AUTOINCREMENT,
          topic TEXT NOT NULL,
          payload TEXT NOT NULL CHECK (json_valid(payload)),
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX event_log_at ON event_log (at);
        CREATE INDEX event_log_topic ON event_log (topic, offset);

        -- A durable subscriber has seen every event up to delivered_offset.
        CREATE TABLE event_subscribers (
          name TEXT PRIMARY KEY,
          pattern TEXT NOT NULL,
          delivered_offset INTEGER NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE dead_letters (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          subscriber TEXT NOT NULL,
          event_offset INTEGER NOT NULL,
          topic TEXT NOT NULL,
          payload TEXT NOT NULL CHECK (json_valid(payload)),
          error TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          failed_at TEXT NOT NULL,
          UNIQUE (subscriber, event_offset)
        ) STRICT;

        CREATE TABLE sagas (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'compensating', 'succeeded', 'compensated', 'failed')),
          data TEXT NOT NULL CHECK (json_valid(data)),
          -- Names of the steps done, in order; compensations undo them from the end.
          completed TEXT NOT NULL CHECK (json_valid(completed)),
          error TEXT,
          started_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sagas_status ON sagas (status);
      `)
    }
  },
  {
    version: 7,
    name: 'workflows, versions, runs, tools, trigger state',
    up: (db) => {
      db.exec(`
        CREATE TABLE workflows (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          description TEXT NOT NULL,
          version INTEGER NOT NULL,
          file TEXT NOT NULL CHECK (json_valid(file)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        -- Every save keeps a version, for diff and restore.
        CREATE TABLE workflow_versions (
          workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          file TEXT NOT NULL CHECK (json_valid(file)),
          note TEXT NOT NULL,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (workflow_id, version)
        ) STRICT;

        -- A run keeps the file it ran, so history survives edits and deletes of the workflow.
        CREATE TABLE workflow_runs (
          id TEXT PRIMARY KEY,
          workflow_id TEXT NOT NULL,
          workflow_name TEXT NOT NULL,
          version INTEGER NOT NULL,
          file TEXT NOT NULL CHECK (json_valid(file)),
          status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
          trigger TEXT NOT NULL,
          inputs TEXT NOT NULL CHECK (json_valid(inputs)),
          output TEXT CHECK (output IS NULL OR json_valid(output)),
          error TEXT,
          trace_id TEXT NOT NULL,
          parent_run_id TEXT,
          -- The owner lease: the process running it and its last heartbeat.
          owner_pid INTEGER,
          owner_token TEXT,
          heartbeat_at TEXT,
          started_at TEXT NOT NULL,
          ended_at TEXT
        ) STRICT;
        CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow_id, started_at);
        CREATE INDEX workflow_runs_status ON workflow_runs (status);

        CREATE TABLE workflow_node_runs (
          run_id TEXT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
          node_id TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')),
          attempt INTEGER NOT NULL,
          input TEXT CHECK (input IS NULL OR json_valid(input)),
          output TEXT CHECK (output IS NULL OR json_valid(output)),
          error TEXT,
          started_at TEXT,
          ended_at TEXT,
          PRIMARY KEY (run_id, node_id)
        ) STRICT;

        CREATE TABLE workflow_run_logs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          run_id TEXT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
          node_id TEXT,
          level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
          message TEXT NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX workflow_run_logs_run ON workflow_run_logs (run_id, id);

        CREATE TABLE tools (
          name TEXT PRIMARY KEY,
          definition TEXT NOT NULL CHECK (json_valid(definition)),
          updated_at TEXT NOT NULL
        ) STRICT;

        -- Names of the secrets workflows reference as {{secret.NAME}}; the values live in the SecretStore.
        CREATE TABLE workflow_secrets (
          name TEXT PRIMARY KEY,
          updated_at TEXT NOT NULL
        ) STRICT;

        -- When a schedule last fired, to apply the missed-runs policy after a restart.
        CREATE TABLE workflow_trigger_state (
          workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          last_fired_at TEXT NOT NULL,
          PRIMARY KEY (workflow_id, kind)
        ) STRICT;
      `)
    }
  }
]

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function migrate(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS
): void {
  const current = schemaVersion(db)
  const latest = migrations[migrations.length - 1]?.version ?? 0
  if (current > latest) {
    throw new NexusError(
      'DATABASE_TOO_NEW',
      `The database ${file} has schema version ${current}, but this NEXUS only knows up to ` +
        `${latest}. Update NEXUS, or start it with another --data-dir.`,
      { file, schemaVersion: current, supported: latest }
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
