-- CreateTable
CREATE TABLE "borger" (
    "cpr" CHAR(10) NOT NULL,
    "fornavn" VARCHAR(100) NOT NULL,
    "efternavn" VARCHAR(100) NOT NULL,
    "doedsdato" DATE,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "borger_pkey" PRIMARY KEY ("cpr")
);

-- CreateTable
CREATE TABLE "jobagent" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "titel" VARCHAR(100) NOT NULL,
    "email" VARCHAR(255),
    "emailVerificeret" BOOLEAN NOT NULL DEFAULT false,
    "udsendelsesinterval" VARCHAR(20),
    "smsNotifikation" BOOLEAN NOT NULL DEFAULT false,
    "soegeparametre" JSONB NOT NULL,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jobagent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "jobagent_cpr_idx" ON "jobagent"("cpr");

-- CreateIndex
CREATE INDEX "jobagent_email_idx" ON "jobagent"("email");

-- AddForeignKey
ALTER TABLE "jobagent" ADD CONSTRAINT "jobagent_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;
