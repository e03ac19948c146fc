-- CreateTable
CREATE TABLE "asyl_overgang" (
    "cpr" CHAR(10) NOT NULL,
    "overgangsdato" DATE NOT NULL,
    "cvRedigeringSlutdato" DATE NOT NULL,
    "tidligCvOvergangsdato" DATE,
    "tidligIntegrationskontraktOvergangsdato" DATE,
    "overgangskommune" VARCHAR(8) NOT NULL,
    "rettelseskommentar" VARCHAR(1500),
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opdateret" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asyl_overgang_pkey" PRIMARY KEY ("cpr")
);

-- AddForeignKey
ALTER TABLE "asyl_overgang" ADD CONSTRAINT "asyl_overgang_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the rules of CreateAsylumTransition/UpdateAsylumTransition hold in the table too
-- (9196: CVEditEndDate >= AsylumTransitionDate; 9243: early dates <= AsylumTransitionDate).
ALTER TABLE "asyl_overgang" ADD CONSTRAINT "asyl_overgang_slutdato_check" CHECK ("cvRedigeringSlutdato" >= "overgangsdato");
ALTER TABLE "asyl_overgang" ADD CONSTRAINT "asyl_overgang_tidlig_cv_check" CHECK ("tidligCvOvergangsdato" IS NULL OR "tidligCvOvergangsdato" <= "overgangsdato");
ALTER TABLE "asyl_overgang" ADD CONSTRAINT "asyl_overgang_tidlig_ik_check" CHECK ("tidligIntegrationskontraktOvergangsdato" IS NULL OR "tidligIntegrationskontraktOvergangsdato" <= "overgangsdato");
ALTER TABLE "asyl_overgang" ADD CONSTRAINT "asyl_overgang_kommune_check" CHECK ("overgangskommune" ~ '^(-1|[0-9]{1,8})$');
