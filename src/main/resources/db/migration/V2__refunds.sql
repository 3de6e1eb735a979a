-- Refunds of a payment. (order_id, refund_id) is the ERP's idempotency key; merchant_refund_id is what the
-- Gate sees, unique in the project, so a refund can be sent at most once.
CREATE TABLE refund (
    order_id           VARCHAR(64)  NOT NULL,
    refund_id          VARCHAR(64)  NOT NULL,
    merchant_refund_id VARCHAR(200) NOT NULL UNIQUE,
    amount_minor       BIGINT       NOT NULL,
    description        VARCHAR(255),
    status             VARCHAR(16)  NOT NULL,
    gate_request_id    VARCHAR(64),
    last_code          VARCHAR(16),
    last_message       VARCHAR(255),
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    PRIMARY KEY (order_id, refund_id)
);
CREATE INDEX refund_request ON refund (gate_request_id);
