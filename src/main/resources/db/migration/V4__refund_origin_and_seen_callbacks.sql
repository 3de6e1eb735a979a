-- Refunds made outside this runtime (the Monetix Dashboard) are recorded as refunds of their own.
ALTER TABLE refund ADD COLUMN origin VARCHAR(16) DEFAULT 'ERP' NOT NULL;

-- The signed callbacks already applied to a payment: a duplicate or replayed callback (same signature, so the same
-- bytes) is recognised before it is interpreted.
CREATE TABLE callback_seen (
    payment_id VARCHAR(128) NOT NULL,
    digest     VARCHAR(64) NOT NULL,
    seen_at    BIGINT      NOT NULL,
    PRIMARY KEY (payment_id, digest)
);

