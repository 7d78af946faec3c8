-- PostgreSQL variant of sqlite/V14__operator_reads.sql: the same indexes.
-- The operator page's and the explanations' reads, indexed so that they cost the same however long the jobs and
-- proposals tables grow: the jobs that ended most recently (and the fees of those confirmed since a time), and the
-- proposals and settlements of one counterparty.
CREATE INDEX jobs_by_completion ON jobs (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX proposals_by_counterparty ON proposals (counterparty, id);
