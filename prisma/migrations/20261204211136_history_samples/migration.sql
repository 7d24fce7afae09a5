-- CreateTable
CREATE TABLE "replica_latency_samples" (
    "id" BIGSERIAL NOT NULL,
    "replica_id" UUID NOT NULL,
    "peer_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "latency_ms" DOUBLE PRECISION,
    "error" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "replica_latency_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proxy_health_samples" (
    "id" BIGSERIAL NOT NULL,
    "proxy_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "proxy_status" NOT NULL,
    "latency_ms" DOUBLE PRECISION,

    CONSTRAINT "proxy_health_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "replica_latency_samples_replica_id_at_idx" ON "replica_latency_samples"("replica_id", "at");

-- CreateIndex
CREATE INDEX "replica_latency_samples_at_idx" ON "replica_latency_samples"("at");

-- CreateIndex
CREATE INDEX "proxy_health_samples_proxy_id_at_idx" ON "proxy_health_samples"("proxy_id", "at");

-- CreateIndex
CREATE INDEX "proxy_health_samples_at_idx" ON "proxy_health_samples"("at");

-- AddForeignKey
ALTER TABLE "replica_latency_samples" ADD CONSTRAINT "replica_latency_samples_replica_id_fkey" FOREIGN KEY ("replica_id") REFERENCES "replicas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replica_latency_samples" ADD CONSTRAINT "replica_latency_samples_peer_id_fkey" FOREIGN KEY ("peer_id") REFERENCES "replicas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proxy_health_samples" ADD CONSTRAINT "proxy_health_samples_proxy_id_fkey" FOREIGN KEY ("proxy_id") REFERENCES "workspace_proxies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
