-- Approval engine: index only the tasks that have what an index looks up. Most tasks never get a due time or a
-- reminder, and an open task has no actor yet, so these entries were written (on every task insert, and on every
-- update that changes an indexed column) only to be skipped. The lookups name the column (due_at IS NOT NULL …,
-- actor_id = …), so both databases still use the indexes.
DROP INDEX approval_task_actor;
DROP INDEX approval_task_due;
DROP INDEX approval_task_remind;
CREATE INDEX approval_task_actor ON approval_task (actor_id, completed_at) WHERE actor_id IS NOT NULL;
CREATE INDEX approval_task_due ON approval_task (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX approval_task_remind ON approval_task (remind_at) WHERE remind_at IS NOT NULL;
