-- Etiquette CRM schema, version 5: the notification outbox (H2).
-- Every key leads with tenant_id, except crm_outbox_claim and crm_outbox_digest, which the relay reads across
-- tenants; instants are BIGINT microseconds since 1970-01-01T00:00:00Z (UTC).
-- H2 compares text by code point, as the library does.
-- Each query of the outbox has an index that serves it in order, so that a claim, a digest run and a page of dead
-- letters cost the same however many deliveries the outbox has delivered.

-- A notification about a contact the rules denied has no obligation.
ALTER TABLE crm_notification ALTER COLUMN obligation_id SET NULL;

-- A delivery in the outbox: its JSON document (the library's CrmJson format: the Delivery) and its state.
--   seq           the order the outbox wrote it in, across tenants
--   delivery_key  Delivery.key(): the idempotency key, unique within the tenant
--   order_key     Delivery.orderKey(): "<recipient>/<channel>"; a tenant's entries of one order key are claimed
--                 in seq order
--   status        HELD, PENDING, IN_FLIGHT, DELIVERED, DEAD or DIGESTED
--   active        1 while PENDING or IN_FLIGHT (the entries a claim looks at, and that hold back later ones of
--                 their order key), else 0
--   due_at        when a PENDING entry may be sent next, when a HELD entry's digest is due
--   lease_owner   the relay that claimed an IN_FLIGHT entry, until lease_until
--   last_error    the last failure, at most 1,000 characters
CREATE TABLE crm_outbox (
    tenant_id    VARCHAR(64)   NOT NULL,
    seq          BIGINT        GENERATED ALWAYS AS IDENTITY,
    delivery_key VARCHAR(500)  NOT NULL,
    order_key    VARCHAR(300)  NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    active       SMALLINT      NOT NULL,
    attempts     INTEGER       NOT NULL,
    due_at       BIGINT        NOT NULL,
    lease_owner  VARCHAR(200),
    lease_until  BIGINT,
    last_error   VARCHAR(1000),
    delivered_at BIGINT,
    created_at   BIGINT        NOT NULL,
    document     CLOB          NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX crm_outbox_key
    ON crm_outbox (tenant_id, delivery_key);
-- Claims: the active entries of every tenant, by seq.
CREATE INDEX crm_outbox_claim
    ON crm_outbox (active, seq);
-- Whether an earlier entry of the same recipient and channel is still active.
CREATE INDEX crm_outbox_order
    ON crm_outbox (tenant_id, order_key, active, seq);
-- Digests: the held entries of every tenant, by tenant, order key, due instant and seq.
CREATE INDEX crm_outbox_digest
    ON crm_outbox (status, tenant_id, order_key, due_at, seq);
-- A tenant's entries of one status, by seq: listings, requeueing the dead ones, counts.
CREATE INDEX crm_outbox_by_status
    ON crm_outbox (tenant_id, status, seq);
