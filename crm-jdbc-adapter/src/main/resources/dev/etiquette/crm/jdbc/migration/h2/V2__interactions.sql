-- Etiquette CRM schema, version 2: the interaction timeline (H2).
-- Every key leads with tenant_id; instants are BIGINT microseconds since 1970-01-01T00:00:00Z (UTC).
-- H2 compares text by code point, as the library does.
-- Each query of the timeline has an index that serves it in order, so that recording an interaction and
-- reading a page cost the same however many interactions a party or a tenant has.

-- Conversation ids are the host's, up to 128 characters, and the audit trail names them.
ALTER TABLE crm_audit ALTER COLUMN record_id SET DATA TYPE VARCHAR(128);

-- An interaction: its JSON document (the library's CrmJson format) and the columns its queries use.
CREATE TABLE crm_interaction (
    tenant_id       VARCHAR(64)  NOT NULL,
    interaction_id  VARCHAR(64)  NOT NULL,
    party_id        VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(128),
    kind            VARCHAR(32)  NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    purpose         VARCHAR(16)  NOT NULL,
    direction       VARCHAR(16)  NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    recorded_at     BIGINT       NOT NULL,
    document        CLOB         NOT NULL,
    PRIMARY KEY (tenant_id, interaction_id)
);
-- A party's timeline, newest first: (occurred_at, interaction_id) descending.
CREATE INDEX crm_interaction_by_party
    ON crm_interaction (tenant_id, party_id, occurred_at DESC, interaction_id DESC);
-- A conversation's interactions, oldest first.
CREATE INDEX crm_interaction_by_conversation
    ON crm_interaction (tenant_id, conversation_id, occurred_at, interaction_id);

-- Each party's latest interaction per channel, kept up to date when an interaction is inserted: the last
-- contact is one row read, not a search through the party's history.
CREATE TABLE crm_interaction_last_contact (
    tenant_id      VARCHAR(64) NOT NULL,
    party_id       VARCHAR(64) NOT NULL,
    channel        VARCHAR(16) NOT NULL,
    occurred_at    BIGINT      NOT NULL,
    interaction_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, party_id, channel)
);

-- A conversation: its JSON document and the columns a reader may want without parsing it.
CREATE TABLE crm_conversation (
    tenant_id        VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(128) NOT NULL,
    version          BIGINT       NOT NULL,
    party_id         VARCHAR(64)  NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    state            VARCHAR(32)  NOT NULL,
    state_changed_at BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    document         CLOB         NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
