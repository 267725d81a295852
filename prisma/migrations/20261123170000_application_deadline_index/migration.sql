-- Written by hand: Prisma's schema cannot express a partial index (see the comment on Application in
-- schema.prisma). The open cases with a deadline, in reference order: `overdue=true` walks these rather
-- than the primary key through every closed case. Closed cases have neither due date, so the index holds
-- only the open ones, and PostgreSQL uses it for any condition that implies a due date is set, such as
-- `stage_due_at < $1 OR applicant_due_at < $1`.
CREATE INDEX "application_with_deadline_reference_idx" ON "application"("reference")
  WHERE "stage_due_at" IS NOT NULL OR "applicant_due_at" IS NOT NULL;
