-- AlterTable
ALTER TABLE "cv_soegning" ADD COLUMN     "facetterAnslaaet" BOOLEAN NOT NULL DEFAULT false;
