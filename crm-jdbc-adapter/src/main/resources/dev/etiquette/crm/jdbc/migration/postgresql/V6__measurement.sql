-- Etiquette CRM schema, version 6: measurement (PostgreSQL).
-- Every key leads with tenant_id; instants are BIGINT microseconds since 1970-01-01T00:00:00Z (UTC), durations
-- BIGINT milliseconds, dates (of the tenant's zone) DATE.
-- Text keys use COLLATE "C" so that ORDER BY and comparisons follow code-point order, as the library does.
-- The built-in KPIs are SQL aggregates over the fact columns and tables below (see JdbcFactStore), each served by
-- an index. The write paths keep the facts in step in the statements that write the records; the rows written
-- before this version get theirs from the Java migration V6_1 (Backfill measurement facts), which reads the
-- documents.

-- Conversations: what first response time and time to resolution are computed from (Conversation).
--   opened_at                openedAt
--   first_inbound_at         firstInboundAt; NULL when the party never wrote
--   first_reply_at           firstReplyAt; NULL while there is no reply
--   first_reply_ms           firstReplyAt - firstInboundAt in whole milliseconds (Duration.toMillis)
--   first_reply_business_ms  firstReplyBusinessTime in whole milliseconds
--   resolution_ms            of a RESOLVED conversation, stateChangedAt - openedAt in whole milliseconds, else NULL
ALTER TABLE crm_conversation
    ADD COLUMN opened_at               BIGINT,
    ADD COLUMN first_inbound_at        BIGINT,
    ADD COLUMN first_reply_at          BIGINT,
    ADD COLUMN first_reply_ms          BIGINT,
    ADD COLUMN first_reply_business_ms BIGINT,
    ADD COLUMN resolution_ms           BIGINT;
-- First response times of the conversations whose first inbound interaction fell in a period (index only).
CREATE INDEX crm_conversation_first_reply
    ON crm_conversation (tenant_id, first_inbound_at) INCLUDE (first_reply_ms, first_reply_business_ms)
    WHERE first_reply_ms IS NOT NULL;
-- Resolution times of the conversations resolved in a period (index only).
CREATE INDEX crm_conversation_resolved
    ON crm_conversation (tenant_id, state_changed_at) INCLUDE (resolution_ms)
    WHERE state = 'RESOLVED';

-- Obligations: breaches (breached_at: Obligation.breachedAt). SLA compliance reads the obligations by deadline
-- through crm_obligation_by_deadline (V3).
ALTER TABLE crm_obligation ADD COLUMN breached_at BIGINT;
CREATE INDEX crm_obligation_breached
    ON crm_obligation (tenant_id, breached_at) WHERE breached_at IS NOT NULL;

-- The escalation steps an obligation has reached (EscalationPoint with step <= Obligation.escalated) and when each
-- fell. A step that has fallen never moves; a row whose step is above the obligation's escalated count does not
-- count.
CREATE TABLE crm_obligation_escalation (
    tenant_id     VARCHAR(64) COLLATE "C" NOT NULL,
    obligation_id VARCHAR(64) COLLATE "C" NOT NULL,
    step          INTEGER     NOT NULL,
    due_at        BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, obligation_id, step)
);
CREATE INDEX crm_obligation_escalation_by_instant
    ON crm_obligation_escalation (tenant_id, due_at, obligation_id, step);

-- Contacts denied by etiquette, by the label of the receipt's first denial: "<rule set>/<rule>" when it names a
-- rule, else the check in lower case (consent, do_not_contact, ...); NULL unless DENIED.
ALTER TABLE crm_contact ADD COLUMN denied_by VARCHAR(200) COLLATE "C";
CREATE INDEX crm_contact_denied
    ON crm_contact (tenant_id, denied_by, contact_at) WHERE denied_by IS NOT NULL;

-- Survey answers: of a SURVEY_ANSWER interaction whose string attribute "survey" is at most 200 characters and
-- whose number attribute "score" is a whole number from -1,000 to 1,000, that survey and score; else NULL.
ALTER TABLE crm_interaction
    ADD COLUMN survey VARCHAR(200) COLLATE "C",
    ADD COLUMN score  INTEGER;
CREATE INDEX crm_interaction_survey
    ON crm_interaction (tenant_id, survey, occurred_at) INCLUDE (score) WHERE survey IS NOT NULL;

-- Each party's lifecycle, one row per stage move (Lifecycle.history(), seq from 0): the stage it moved to, when,
-- and when the next move came (NULL for the current stage). The stage at a boundary b is the row with
-- changed_at < b <= until_at (or until_at NULL). A party without a stage has no row.
CREATE TABLE crm_party_stage (
    tenant_id  VARCHAR(64) COLLATE "C" NOT NULL,
    party_id   VARCHAR(64) COLLATE "C" NOT NULL,
    seq        INTEGER     NOT NULL,
    stage      VARCHAR(64) COLLATE "C" NOT NULL,
    changed_at BIGINT      NOT NULL,
    until_at   BIGINT,
    PRIMARY KEY (tenant_id, party_id, seq)
);
CREATE INDEX crm_party_stage_by_stage
    ON crm_party_stage (tenant_id, stage, changed_at, until_at, party_id);

-- The tenant's vision (Vision), whole.
CREATE TABLE crm_vision (
    tenant_id  VARCHAR(64) COLLATE "C" NOT NULL,
    document   TEXT        NOT NULL,
    PRIMARY KEY (tenant_id)
);

-- Measurements (Measurement): one per KPI and period, the period's first day and the day after its last.
--   measured_value  the value; NULL when the period had no data
--   recorded        1 when the host supplied the value, 0 when the library computed it
CREATE TABLE crm_measurement (
    tenant_id      VARCHAR(64) COLLATE "C" NOT NULL,
    kpi_id         VARCHAR(64) COLLATE "C" NOT NULL,
    period_start   DATE             NOT NULL,
    period_end     DATE             NOT NULL,
    version        BIGINT           NOT NULL,
    measured_value DOUBLE PRECISION,
    recorded       SMALLINT         NOT NULL,
    taken_at       BIGINT           NOT NULL,
    document       TEXT             NOT NULL,
    PRIMARY KEY (tenant_id, kpi_id, period_start, period_end)
);

-- The programme's ledger (LedgerEntry): costs and values, never changed.
CREATE TABLE crm_ledger (
    tenant_id  VARCHAR(64)   COLLATE "C" NOT NULL,
    entry_id   VARCHAR(64)   COLLATE "C" NOT NULL,
    entry_kind VARCHAR(16)   COLLATE "C" NOT NULL,
    category   VARCHAR(64)   COLLATE "C" NOT NULL,
    amount     DECIMAL(19,4) NOT NULL,
    entry_date DATE          NOT NULL,
    document   TEXT          NOT NULL,
    PRIMARY KEY (tenant_id, entry_id)
);
CREATE INDEX crm_ledger_by_date
    ON crm_ledger (tenant_id, entry_date, entry_id);
