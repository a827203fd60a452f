-- Etiquette CRM schema, version 1: customer records (MariaDB).
-- Every key leads with tenant_id, so the tables can be distributed by tenant.
-- Instants are BIGINT microseconds since 1970-01-01T00:00:00Z (UTC).
-- Tables use utf8mb4_nopad_bin: exact, case- and accent-sensitive comparison, trailing spaces significant.

CREATE TABLE crm_party (
    tenant_id   VARCHAR(64)   NOT NULL,
    party_id    VARCHAR(64)   NOT NULL,
    version     BIGINT        NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    name_key    VARCHAR(1000) NOT NULL,
    stage       VARCHAR(64)  ,
    owner_id    VARCHAR(200) ,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    document    LONGTEXT          NOT NULL,
    PRIMARY KEY (tenant_id, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_by_name  ON crm_party (tenant_id, name_key(255), party_id);
CREATE INDEX crm_party_by_stage ON crm_party (tenant_id, stage, party_id);
CREATE INDEX crm_party_by_owner ON crm_party (tenant_id, owner_id, party_id);

CREATE TABLE crm_party_role (
    tenant_id VARCHAR(64) NOT NULL,
    role      VARCHAR(16) NOT NULL,
    party_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, role, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_role_by_party ON crm_party_role (tenant_id, party_id);

CREATE TABLE crm_party_tag (
    tenant_id VARCHAR(64)  NOT NULL,
    tag       VARCHAR(100) NOT NULL,
    party_id  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id, tag, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_tag_by_party ON crm_party_tag (tenant_id, party_id);

-- value_hash: the first 32 hex digits of SHA-256 over "<type>:<value as text>".
CREATE TABLE crm_party_attribute (
    tenant_id  VARCHAR(64) NOT NULL,
    attr_name  VARCHAR(64) NOT NULL,
    value_hash CHAR(32)    NOT NULL,
    party_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, attr_name, value_hash, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_attribute_by_party ON crm_party_attribute (tenant_id, party_id);

-- email: the address lower-cased, for case-insensitive lookup.
CREATE TABLE crm_party_email (
    tenant_id VARCHAR(64)  NOT NULL,
    email     VARCHAR(320) NOT NULL,
    party_id  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id, email, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_email_by_party ON crm_party_email (tenant_id, party_id);

CREATE TABLE crm_party_phone (
    tenant_id VARCHAR(64) NOT NULL,
    phone     VARCHAR(20) NOT NULL,
    party_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, phone, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_phone_by_party ON crm_party_phone (tenant_id, party_id);

CREATE TABLE crm_party_external_id (
    tenant_id   VARCHAR(64)  NOT NULL,
    system_name VARCHAR(64)  NOT NULL,
    external_id VARCHAR(200) NOT NULL,
    party_id    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id, system_name, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_party_external_id_by_party ON crm_party_external_id (tenant_id, party_id);

CREATE TABLE crm_relationship (
    tenant_id       VARCHAR(64) NOT NULL,
    relationship_id VARCHAR(64) NOT NULL,
    version         BIGINT      NOT NULL,
    rel_type        VARCHAR(64) NOT NULL,
    from_party      VARCHAR(64) NOT NULL,
    to_party        VARCHAR(64) NOT NULL,
    valid_from      BIGINT      NOT NULL,
    valid_to        BIGINT,
    created_at      BIGINT      NOT NULL,
    updated_at      BIGINT      NOT NULL,
    document        LONGTEXT        NOT NULL,
    PRIMARY KEY (tenant_id, relationship_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_relationship_by_from ON crm_relationship (tenant_id, from_party);
CREATE INDEX crm_relationship_by_to   ON crm_relationship (tenant_id, to_party);

CREATE TABLE crm_audit (
    tenant_id   VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    record_type VARCHAR(32)  NOT NULL,
    record_id   VARCHAR(64)  NOT NULL,
    audit_action VARCHAR(32)  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    occurred_at BIGINT       NOT NULL,
    changes     LONGTEXT         NOT NULL,
    PRIMARY KEY (tenant_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX crm_audit_by_record ON crm_audit (tenant_id, record_type, record_id, seq);

-- Per-tenant counters (the audit sequence): a row lock orders concurrent appends.
CREATE TABLE crm_tenant_counter (
    tenant_id VARCHAR(64) NOT NULL,
    counter_name VARCHAR(32) NOT NULL,
    current_value BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, counter_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE crm_tenant_settings (
    tenant_id VARCHAR(64) NOT NULL,
    document  LONGTEXT        NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE crm_idempotency (
    tenant_id   VARCHAR(64)  NOT NULL,
    record_type VARCHAR(32)  NOT NULL,
    idem_key    VARCHAR(200) NOT NULL,
    record_id   VARCHAR(64)  NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, record_type, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
