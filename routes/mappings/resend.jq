# Ask for a new OTP -> POST /v2/customer/action/resend (seed figure 7).
# Input: projectId, paymentId, callbackUrl?, customer {ipAddress}.
{
  general: ({project_id: .projectId, payment_id: .paymentId}
            + (if .callbackUrl then {merchant_callback_url: .callbackUrl} else {} end)),
  customer: {ip_address: .customer.ipAddress}
}
