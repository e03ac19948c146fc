-- DropIndex
DROP INDEX "cv_soeg_postnummer_idx";

-- CreateIndex
CREATE INDEX "cv_soeg_postnummer_opdateret_cpr_idx" ON "cv_soeg"("postnummer", "opdateret", "cpr");
