-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "proxy_status" AS ENUM ('ok', 'unhealthy', 'unreachable', 'unregistered');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('owner', 'admin', 'member');

-- CreateTable
CREATE TABLE "replicas" (
    "id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "relay_address" TEXT NOT NULL,
    "database_latency_us" INTEGER NOT NULL DEFAULT 0,
    "version" TEXT NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "primary" BOOLEAN NOT NULL DEFAULT true,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "stopped_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replicas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replica_peer_latencies" (
    "source_replica_id" UUID NOT NULL,
    "target_replica_id" UUID NOT NULL,
    "latency_ms" DOUBLE PRECISION,
    "error" TEXT,
    "measured_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "replica_peer_latencies_pkey" PRIMARY KEY ("source_replica_id","target_replica_id")
);

-- CreateTable
CREATE TABLE "workspace_proxies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "icon" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "wildcard_hostname" TEXT NOT NULL DEFAULT '',
    "derp_enabled" BOOLEAN NOT NULL DEFAULT true,
    "derp_only" BOOLEAN NOT NULL DEFAULT false,
    "region_id" SERIAL NOT NULL,
    "token_hashed_secret" BYTEA NOT NULL,
    "version" TEXT NOT NULL DEFAULT '',
    "replica_id" UUID,
    "status" "proxy_status" NOT NULL DEFAULT 'unregistered',
    "status_reason" TEXT NOT NULL DEFAULT '',
    "status_report" JSONB,
    "status_checked_at" TIMESTAMPTZ(3),
    "location_code" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "workspace_proxies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proxy_status_events" (
    "id" BIGSERIAL NOT NULL,
    "proxy_id" UUID NOT NULL,
    "from_status" "proxy_status",
    "to_status" "proxy_status" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "latency_ms" DOUBLE PRECISION,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proxy_status_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "role" NOT NULL DEFAULT 'member',
    "suspended_at" TIMESTAMPTZ(3),
    "preferred_region_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verifications" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hashed_secret" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "blocked_till" TIMESTAMPTZ(3),

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "licenses" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL,
    "jwt" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "licenses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" TEXT,
    "action" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT,
    "resource_name" TEXT NOT NULL DEFAULT '',
    "ip" TEXT,
    "user_agent" TEXT,
    "diff" JSONB NOT NULL DEFAULT '{}',
    "status_code" INTEGER NOT NULL DEFAULT 200,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "replicas_updated_at_idx" ON "replicas"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "workspace_proxies_region_id_key" ON "workspace_proxies"("region_id");

-- CreateIndex
CREATE UNIQUE INDEX "workspace_proxies_live_name_key" ON "workspace_proxies"("name") WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "proxy_status_events_proxy_id_at_idx" ON "proxy_status_events"("proxy_id", "at");

-- CreateIndex
CREATE INDEX "proxy_status_events_at_idx" ON "proxy_status_events"("at");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions"("token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE INDEX "verifications_identifier_idx" ON "verifications"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_user_id_name_key" ON "api_tokens"("user_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "licenses_uuid_key" ON "licenses"("uuid");

-- CreateIndex
CREATE INDEX "audit_log_time_idx" ON "audit_log"("time");

-- CreateIndex
CREATE INDEX "audit_log_user_id_time_idx" ON "audit_log"("user_id", "time");

-- CreateIndex
CREATE INDEX "audit_log_resource_type_time_idx" ON "audit_log"("resource_type", "time");

-- AddForeignKey
ALTER TABLE "replica_peer_latencies" ADD CONSTRAINT "replica_peer_latencies_source_replica_id_fkey" FOREIGN KEY ("source_replica_id") REFERENCES "replicas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replica_peer_latencies" ADD CONSTRAINT "replica_peer_latencies_target_replica_id_fkey" FOREIGN KEY ("target_replica_id") REFERENCES "replicas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proxy_status_events" ADD CONSTRAINT "proxy_status_events_proxy_id_fkey" FOREIGN KEY ("proxy_id") REFERENCES "workspace_proxies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

