-- Etiquette CRM schema, version 6.2: SLA compliance read from an index alone (H2).
-- slaCounts (JdbcFactStore) counts the obligations whose deadline falls in a period by state, of one kind or of
-- every kind. Through crm_obligation_by_deadline (V3) it had to visit each row for its state and kind; with state and
-- kind in the index the count reads the period's index entries only (H2 has no INCLUDE: they are key columns).
CREATE INDEX crm_obligation_outcomes
    ON crm_obligation (tenant_id, due_at, state, kind);
