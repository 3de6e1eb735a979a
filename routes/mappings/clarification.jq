# The customer's OTP -> POST /v2/payment/clarification (seed figure 6).
# Input: projectId, paymentId, callbackUrl?, code.
{
  general: ({project_id: .projectId, payment_id: .paymentId}
            + (if .callbackUrl then {merchant_callback_url: .callbackUrl} else {} end)),
  additional_data: {additional_data: {approval_code: .code}}
}
