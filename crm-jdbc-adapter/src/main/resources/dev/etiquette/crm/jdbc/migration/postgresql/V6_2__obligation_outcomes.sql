-- Etiquette CRM schema, version 6.2: SLA compliance read from an index alone (PostgreSQL).
-- slaCounts (JdbcFactStore) counts the obligations whose deadline falls in a period by state, of one kind or of
-- every kind. Through crm_obligation_by_deadline (V3) it had to visit each row for its state and kind: with a third
-- of a tenant's obligations in the month, PostgreSQL read the whole table instead (1,000,000 interactions: 730 MB,
-- about 0.3 s a count). With state and kind in the index the count reads the month's index entries only.
CREATE INDEX crm_obligation_outcomes
    ON crm_obligation (tenant_id, due_at) INCLUDE (state, kind);
