-- Question versions and options are immutable: attempts point to them from their JSON layout,
-- which no foreign key can guard, so the database itself refuses to change or delete them
-- (docs/decisions/050-versioned-questions.md). A new version or option is always a new row.
-- Rules rather than a PL/pgSQL trigger: the migration runner splits scripts at every semicolon,
-- so a function body cannot be written here. An UPDATE or DELETE fails (with RETURNING, as the
-- ORM sends it: "cannot perform ... RETURNING", without it the cast below names the rule).
CREATE RULE "QuestionVersion_no_update" AS ON UPDATE TO "QuestionVersion"
  DO INSTEAD SELECT ('QuestionVersion rows are immutable: ' || OLD.id)::int;

CREATE RULE "QuestionVersion_no_delete" AS ON DELETE TO "QuestionVersion"
  DO INSTEAD SELECT ('QuestionVersion rows are immutable: ' || OLD.id)::int;

CREATE RULE "QuestionOption_no_update" AS ON UPDATE TO "QuestionOption"
  DO INSTEAD SELECT ('QuestionOption rows are immutable: ' || OLD.id)::int;

CREATE RULE "QuestionOption_no_delete" AS ON DELETE TO "QuestionOption"
  DO INSTEAD SELECT ('QuestionOption rows are immutable: ' || OLD.id)::int;
