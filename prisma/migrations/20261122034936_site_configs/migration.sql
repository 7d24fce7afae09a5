-- CreateTable
CREATE TABLE "site_configs" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_configs_pkey" PRIMARY KEY ("key")
);
