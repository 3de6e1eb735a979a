# A refund -> POST /v2/payment/mobile/refund (seed figure 12).
# Input: projectId, paymentId, callbackUrl?, amount? (minor units), currency, description?, merchantRefundId,
# customer {ipAddress?}. Amount and currency go together or not at all (Gate codes 3286/3287).
{
  general: ({project_id: .projectId, payment_id: .paymentId}
            + (if .callbackUrl then {merchant_callback_url: .callbackUrl} else {} end)),
  payment: ((if .amount then {amount: .amount, currency: .currency} else {} end)
            + (if .description then {description: .description} else {} end)
            + {merchant_refund_id: .merchantRefundId})
}
+ (if .customer.ipAddress then {customer: {ip_address: .customer.ipAddress}} else {} end)
