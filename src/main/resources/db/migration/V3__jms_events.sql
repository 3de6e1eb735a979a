-- Events also go to the ERP over JMS (erp.events.jms.enabled): a delivery state of their own, so that one channel
-- failing never holds the other back. NULL: not for JMS (written while JMS events were off).
ALTER TABLE erp_event ADD COLUMN jms_state VARCHAR(16);
ALTER TABLE erp_event ADD COLUMN jms_attempts INT NOT NULL DEFAULT 0;
ALTER TABLE erp_event ADD COLUMN jms_next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE erp_event ADD COLUMN jms_last_error VARCHAR(500);
ALTER TABLE erp_event ADD COLUMN jms_delivered_at BIGINT;
CREATE INDEX erp_event_jms_due ON erp_event (jms_state, jms_next_attempt_at);
