# ERP order -> Gate purchase body (POST /v2/payment/mobile/sale, seed figure 1).
# Input: the stored order (payment/GateFacts.sale): projectId, paymentId, callbackUrl?, amount (minor units,
# integer), currency, phone, operator, description?, customer {id, ipAddress, firstName, lastName, email}.
# Output fields are signed as they are: integers stay integers.
{
  general: ({project_id: .projectId, payment_id: .paymentId}
            + (if .callbackUrl then {merchant_callback_url: .callbackUrl} else {} end)),
  customer: {
    id: .customer.id,
    ip_address: .customer.ipAddress,
    first_name: .customer.firstName,
    last_name: .customer.lastName,
    email: .customer.email
  },
  account: {number: .phone},
  payment: ({currency: .currency, amount: .amount}
            + (if .description then {description: .description} else {} end))
}
