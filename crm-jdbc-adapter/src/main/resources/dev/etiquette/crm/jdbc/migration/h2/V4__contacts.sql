-- Etiquette CRM schema, version 4: the contact ledger (H2).
-- Every key leads with tenant_id; instants are BIGINT microseconds since 1970-01-01T00:00:00Z (UTC).
-- H2 compares text by code point, as the library does.
-- Each query of the ledger has an index that serves it in order, so that a reservation (which counts a party's
-- entries in a cap's window) and a page of a party's receipts cost the same however long the ledger grows.

-- An entry of the contact ledger: its JSON document (the library's CrmJson format) and the columns its queries
-- use.
--   contact_at  ContactEntry.at(): the instant of the contact (of the request, not of the decision)
--   status      RESERVED, SENT, RELEASED or DENIED
--   counted     1 when frequency caps count the entry (ContactEntry.counted(): reserved or sent, not exempt),
--               else 0
-- A reservation serializes on the party's row of crm_party (SELECT ... FOR UPDATE), not on this table.
CREATE TABLE crm_contact (
    tenant_id  VARCHAR(64) NOT NULL,
    contact_id VARCHAR(64) NOT NULL,
    version    BIGINT      NOT NULL,
    party_id   VARCHAR(64) NOT NULL,
    contact_at BIGINT      NOT NULL,
    status     VARCHAR(16) NOT NULL,
    counted    SMALLINT    NOT NULL,
    created_at BIGINT      NOT NULL,
    updated_at BIGINT      NOT NULL,
    document   CLOB        NOT NULL,
    PRIMARY KEY (tenant_id, contact_id)
);
-- A party's entries of every status, by instant then id: its receipts, page by page.
CREATE INDEX crm_contact_by_party
    ON crm_contact (tenant_id, party_id, contact_at, contact_id);
-- The entries caps count, by instant then id: a cap's window without the party's denied and released entries.
CREATE INDEX crm_contact_counted
    ON crm_contact (tenant_id, party_id, counted, contact_at, contact_id);
