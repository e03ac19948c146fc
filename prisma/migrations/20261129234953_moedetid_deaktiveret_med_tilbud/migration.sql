-- Hand-written data migration (docs/borgerbooking-planner.md, "Seats"): DeaktiverMoedetilbud now deactivates the
-- offer's slots too, under their locks. Offers deactivated before that still have active slots; deactivate them.
UPDATE "moedetid" SET "aktiv" = false
 WHERE "aktiv" AND "moedetilbudId" IN (SELECT "id" FROM "moedetilbud" WHERE NOT "aktiv");
