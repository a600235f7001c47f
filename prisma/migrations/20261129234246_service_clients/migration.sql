-- CreateTable
CREATE TABLE "service_clients" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT[],
    "secret_key_id" TEXT,
    "secret_sealed" BYTEA,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "service_clients_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "service_clients_created_at_id_idx" ON "service_clients"("created_at" DESC, "id" DESC);
