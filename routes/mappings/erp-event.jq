# Outbox event facts -> the event body the ERP receives (erp-contract.md, "Events"), also listed by GET /api/v1/events.
# Input: eventId, type, orderId, paymentId, status, amount (major units, as text), currency, operator?, code?,
# message?, occurredAt, otp? {expiresAt, resendsLeft}, refundId? and origin? ("erp" or "monetix"; refund events),
# corrects? (the eventId a payment.succeeded overturns).
# Applied once, when the event is written: every delivery of one event sends the same bytes. eventId, type and orderId
# are kept as they are, whatever this mapping says.
.
