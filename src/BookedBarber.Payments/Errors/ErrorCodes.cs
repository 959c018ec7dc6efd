namespace BookedBarber.Payments.Errors;

/// <summary>Every error code the API answers with. The first block is the API reference's own list.</summary>
public static class ErrorCodes
{
    public const string PaymentRoutingFailed = "PAYMENT_ROUTING_FAILED";
    public const string ExternalProcessorUnavailable = "EXTERNAL_PROCESSOR_UNAVAILABLE";
    public const string InvalidPaymentAmount = "INVALID_PAYMENT_AMOUNT";
    public const string CommissionCalculationError = "COMMISSION_CALCULATION_ERROR";
    public const string WebhookSignatureInvalid = "WEBHOOK_SIGNATURE_INVALID";
    public const string InsufficientPermissions = "INSUFFICIENT_PERMISSIONS";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string ExternalApiError = "EXTERNAL_API_ERROR";

    public const string Unauthorized = "UNAUTHORIZED";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string InvalidJson = "INVALID_JSON";
    public const string UnsupportedCurrency = "UNSUPPORTED_CURRENCY";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string Conflict = "CONFLICT";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";
    public const string AppointmentAlreadyPaid = "APPOINTMENT_ALREADY_PAID";
    public const string PaymentInProgress = "PAYMENT_IN_PROGRESS";
    public const string PaymentDeclined = "PAYMENT_DECLINED";
    public const string CardTokenProcessorMismatch = "CARD_TOKEN_PROCESSOR_MISMATCH";
    public const string NotImplemented = "NOT_IMPLEMENTED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The HTTP status the edge answers a code with: the one map from codes to statuses.</summary>
    public static int StatusOf(string code) => All[code].Status;


    /// <summary>HTTP status and a one-line description of each code, for the HTTP edge and the OpenAPI document.</summary>
    public static readonly IReadOnlyDictionary<string, (int Status, string Description)> All = new Dictionary<string, (int, string)>
    {
        [PaymentRoutingFailed] = (400, "Unable to determine payment routing."),
        [ExternalProcessorUnavailable] = (502, "External processor connection failed."),
        [InvalidPaymentAmount] = (400, "Payment amount outside allowed range."),
        [CommissionCalculationError] = (422, "Unable to calculate commission."),
        [WebhookSignatureInvalid] = (400, "Webhook signature verification failed."),
        [InsufficientPermissions] = (403, "The caller lacks the permission the endpoint requires."),
        [RateLimitExceeded] = (429, "Too many requests in this rate-limit window."),
        [ExternalApiError] = (502, "An external service returned an error."),
        [Unauthorized] = (401, "Missing, malformed, expired or untrusted bearer token."),
        [ValidationError] = (400, "A field is missing, of the wrong type or out of range; details.field names it."),
        [InvalidJson] = (400, "The body is not well-formed JSON."),
        [UnsupportedCurrency] = (400, "The currency is not an ISO-4217 code this service supports."),
        [NotFound] = (404, "No such route, or no such object visible to the caller."),
        [MethodNotAllowed] = (405, "The route exists but not for this HTTP method."),
        [UnsupportedMediaType] = (415, "The body must be application/json."),
        [PayloadTooLarge] = (413, "The body is larger than 1 MB."),
        [Conflict] = (409, "The request conflicts with the current state."),
        [IdempotencyKeyReused] = (409, "The Idempotency-Key was already used with a different request."),
        [IdempotencyKeyInUse] = (409, "A request with this Idempotency-Key is still being processed; retry later."),
        [AppointmentAlreadyPaid] = (409, "The appointment is already paid; it cannot be paid twice."),
        [PaymentInProgress] = (409, "Another payment for this appointment is under way."),
        [PaymentDeclined] = (422, "The card was declined; details carry the processor's decline code."),
        [CardTokenProcessorMismatch] = (422, "The card was tokenized for another processor than the one the payment is routed to; details.tokenize_with names the right one."),
        [NotImplemented] = (501, "The capability behind this route has not shipped yet."),
        [ServiceUnavailable] = (503, "A dependency (storage) is unavailable."),
        [InternalError] = (500, "Unexpected server error; quote request_id to support."),
    };
}
