-- Pack question keys scoped to their course (docs/decisions/067-pack-question-keys-per-course.md).
-- A content pack's question id was stored as is in Question.externalId (unique across all
-- courses), so two courses whose packs used the same id shared one question. Pack keys become
-- pack:<courseId>:<id>, as the Moodle importer's are bank:<courseId>:<hash>. No column or index
-- is added or dropped. Existing pack keys are backfilled from their category's course (keys
-- already scoped, bank: or pack:, are left alone, and so is a question
-- whose category has no course: its key stays as it was rather than become NULL). No row is deleted or merged.
UPDATE "Question" AS q
SET "externalId" = 'pack:' || c."courseId" || ':' || q."externalId"
FROM "QuestionCategory" AS c
WHERE c.id = q."categoryId"
  AND c."courseId" IS NOT NULL
  AND q."externalId" IS NOT NULL
  AND q."externalId" NOT LIKE 'bank:%'
  AND q."externalId" NOT LIKE 'pack:%';
