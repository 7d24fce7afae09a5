-- AlterTable
ALTER TABLE "users" DROP COLUMN "preferred_region_id",
ADD COLUMN     "preferred_region_id" UUID;

-- CreateTable
CREATE TABLE "embed_origins" (
    "id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embed_origins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "embed_origins_origin_key" ON "embed_origins"("origin");
