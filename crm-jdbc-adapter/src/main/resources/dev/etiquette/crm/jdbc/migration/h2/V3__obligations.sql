-- Etiquette CRM schema, version 3: obligations, rule sets and notifications (H2).
-- Every key leads with tenant_id, except crm_obligation_due, which claims due work across tenants; instants are
-- BIGINT microseconds since 1970-01-01T00:00:00Z (UTC).
-- H2 compares text by code point, as the library does.
-- Every read the library makes on a hot path has an index that serves it in order, so that recording an
-- interaction and processing due work cost the same however many obligations a party or a tenant has had.

-- An obligation: its JSON document (the library's CrmJson format) and the columns its queries use.
--   settled        1 in a final state (SATISFIED_ON_TIME, SATISFIED_LATE, CANCELLED), else 0
--   next_due_at    Obligation.nextDueAt(): when due-work processing must look at it next; NULL when nothing is
--                  pending (settled, paused, at the end of its escalation chain)
--   escalated      how many escalation steps have fallen
--   exclusive_key  Obligation.exclusiveKey(): "<rule set>/<rule>/<party>" of an unsettled follow-up or dormancy
--                  obligation, NULL otherwise; at most one row of a tenant holds a key (NULLs are distinct)
CREATE TABLE crm_obligation (
    tenant_id       VARCHAR(64)  NOT NULL,
    obligation_id   VARCHAR(64)  NOT NULL,
    version         BIGINT       NOT NULL,
    party_id        VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(128),
    kind            VARCHAR(32)  NOT NULL,
    state           VARCHAR(32)  NOT NULL,
    settled         SMALLINT     NOT NULL,
    assignee_kind   VARCHAR(16)  NOT NULL,
    assignee_name   VARCHAR(200) NOT NULL,
    due_at          BIGINT       NOT NULL,
    next_due_at     BIGINT,
    escalated       INTEGER      NOT NULL,
    exclusive_key   VARCHAR(200),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    document        CLOB         NOT NULL,
    PRIMARY KEY (tenant_id, obligation_id)
);
CREATE UNIQUE INDEX crm_obligation_exclusive
    ON crm_obligation (tenant_id, exclusive_key);
-- A conversation's obligations, oldest first (unsettled ones are filtered from these few rows).
CREATE INDEX crm_obligation_by_conversation
    ON crm_obligation (tenant_id, conversation_id, created_at, obligation_id);
-- A party's unsettled obligations, oldest first, without reading its settled history.
CREATE INDEX crm_obligation_by_party
    ON crm_obligation (tenant_id, party_id, settled, created_at, obligation_id);
-- Due work, earliest first: of every tenant, and of one.
CREATE INDEX crm_obligation_due
    ON crm_obligation (next_due_at);
CREATE INDEX crm_obligation_due_by_tenant
    ON crm_obligation (tenant_id, next_due_at);
-- Searches, by deadline then id: every obligation; the unsettled (or settled) ones; one assignee's.
CREATE INDEX crm_obligation_by_deadline
    ON crm_obligation (tenant_id, due_at, obligation_id);
CREATE INDEX crm_obligation_by_settled_deadline
    ON crm_obligation (tenant_id, settled, due_at, obligation_id);
CREATE INDEX crm_obligation_by_assignee
    ON crm_obligation (tenant_id, assignee_kind, assignee_name, settled, due_at, obligation_id);

-- A version of a rule set, as published: never changed once stored.
CREATE TABLE crm_rule_set (
    tenant_id     VARCHAR(64) NOT NULL,
    rule_set_name VARCHAR(64) NOT NULL,
    version       INTEGER     NOT NULL,
    document      CLOB        NOT NULL,
    PRIMARY KEY (tenant_id, rule_set_name, version)
);

-- The notification log; seq orders the notifications as they were appended.
CREATE TABLE crm_notification (
    tenant_id        VARCHAR(64)  NOT NULL,
    notification_key VARCHAR(200) NOT NULL,
    seq              BIGINT       GENERATED ALWAYS AS IDENTITY,
    obligation_id    VARCHAR(64)  NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    document         CLOB         NOT NULL,
    PRIMARY KEY (tenant_id, notification_key)
);
CREATE INDEX crm_notification_by_obligation
    ON crm_notification (tenant_id, obligation_id, seq);
