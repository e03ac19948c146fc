-- AlterTable
ALTER TABLE "cv_haendelse" ADD COLUMN     "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
ALTER COLUMN "cvNummer" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "cv_haendelse_xid_id_idx" ON "cv_haendelse"("xid", "id");

-- CreateIndex
CREATE INDEX "cv_haendelse_cpr_xid_id_idx" ON "cv_haendelse"("cpr", "xid", "id");

-- The deletion of a CV is an event too (CVIsDeleted of GetCVUpdateList/GetUpdatedCVs). No operation of
-- this service deletes a CV; a deletion comes from the citizen's account or the citizen being deleted
-- (ON DELETE CASCADE), so a trigger records it, in the deleting transaction. Its CV number is null when
-- the Jobnet account went in the same cascade.
ALTER TABLE "cv_haendelse" DROP CONSTRAINT "cv_haendelse_type_check";
ALTER TABLE "cv_haendelse" ADD CONSTRAINT "cv_haendelse_type_check" CHECK ("type" IN ('Status', 'Soegbarhed', 'Element', 'Cv'));

CREATE FUNCTION "cv_deleted_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "cv_haendelse" ("cpr", "cvNummer", "type", "operation", "tidspunkt")
  VALUES (OLD."cpr", (SELECT "cvNummer" FROM "jobnet_konto" WHERE "cpr" = OLD."cpr"), 'Cv', 'Delete', clock_timestamp());
  RETURN OLD;
END $$;
CREATE TRIGGER "cv_deleted" AFTER DELETE ON "cv" FOR EACH ROW EXECUTE FUNCTION "cv_deleted_event"();
