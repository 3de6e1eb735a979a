# Where does a payment stand? -> POST /v2/payment/status (gate-protocol.md §6). No callback follows it.
# Input: projectId, paymentId.
{general: {project_id: .projectId, payment_id: .paymentId}}
