namespace BookedBarber.Payments.Processors.Square;

/// <summary>
/// The one exception <see cref="SquareClient"/> throws for a failed call: Square's error envelope (first error's
/// <see cref="Category"/>, <see cref="Code"/>, <see cref="Detail"/>; all in <see cref="Errors"/>), the HTTP
/// <see cref="Status"/> (0 when no response arrived) and, for a decline, the FAILED <see cref="Payment"/>.
/// </summary>
public class SquareApiException : Exception
{
    /// <summary>Status when no HTTP response arrived (timeout, connection failure).</summary>
    public const int NoResponse = 0;

    public SquareApiException(
        int status,
        string category,
        string code,
        string? detail,
        IReadOnlyList<SquareError>? errors = null,
        SquarePayment? payment = null,
        Exception? innerException = null)
        : base(FormatMessage(status, category, code, detail), innerException)
    {
        Status = status;
        Category = category;
        Code = code;
        Detail = detail;
        Errors = errors ?? [new SquareError(category, code, detail)];
        Payment = payment;
    }

    /// <summary>HTTP status code, or <see cref="NoResponse"/>.</summary>
    public virtual int Status { get; }

    /// <summary>Square's error category, e.g. PAYMENT_METHOD_ERROR, AUTHENTICATION_ERROR, API_ERROR.</summary>
    public virtual string Category { get; }

    /// <summary>Square's error code, e.g. CARD_DECLINED, UNAUTHORIZED, IDEMPOTENCY_KEY_REUSED; TIMEOUT or CONNECTION_FAILED when no response arrived.</summary>
    public virtual string Code { get; }

    public virtual string? Detail { get; }

    public virtual IReadOnlyList<SquareError> Errors { get; }

    /// <summary>The payment Square returned with the error (status FAILED for a decline), if any.</summary>
    public virtual SquarePayment? Payment { get; }

    /// <summary>True for a decline or other PAYMENT_METHOD_ERROR: the buyer must use another card.</summary>
    public virtual bool IsDecline => Category == "PAYMENT_METHOD_ERROR";

    /// <summary>
    /// True when the same request (with the same idempotency key) may succeed later: no response, 429, or 5xx.
    /// Declines, validation, authentication and idempotency errors are not retryable.
    /// </summary>
    public virtual bool IsRetryable => Status is NoResponse or 429 or >= 500;

    private static string FormatMessage(int status, string category, string code, string? detail) =>
        status == NoResponse
            ? $"Square request failed without a response: {code}{(detail is null ? "" : " — " + detail)}"
            : $"Square returned {status} {category}/{code}{(detail is null ? "" : ": " + detail)}";
}
