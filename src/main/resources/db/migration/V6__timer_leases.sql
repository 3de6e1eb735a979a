-- Until when a poller of one instance holds the payment's due timer (epoch millis; 0: nobody). Polls take due rows
-- with FOR UPDATE SKIP LOCKED and lease them, so several instances on one database share the due timers instead of
-- all reading the same oldest rows. Any change of the payment ends the lease.
ALTER TABLE payment ADD COLUMN timer_lease_until BIGINT DEFAULT 0 NOT NULL;
