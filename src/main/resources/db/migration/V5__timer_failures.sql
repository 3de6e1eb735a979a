-- Failures in a row of the payment's timer action (reset by any change of the payment): the action backs off.
ALTER TABLE payment ADD COLUMN timer_failures INT DEFAULT 0 NOT NULL;
