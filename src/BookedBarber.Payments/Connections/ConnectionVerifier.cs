using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Processors.Square;
using Stripe;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// Checks credentials AT THE PROCESSOR before they are stored. Square: the token is valid (RetrieveTokenStatus), holds
/// the payment scopes and has not expired; the location exists and is ACTIVE. Stripe (the barber's own account): the
/// key retrieves its account (GET /v1/account), which is the account named, with charges enabled. A failed check is
/// 424 EXTERNAL_PROCESSOR_UNAVAILABLE whose details say which check (<c>check</c>) and about what.
/// </summary>
public sealed class ConnectionVerifier(SquareClient square, IStripeConnectionApi stripe, PaymentsSettings settings, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SquareScopes = ["PAYMENTS_READ", "PAYMENTS_WRITE"];

    public Task<VerifiedAccount> VerifyAsync(string processorType, string? accountId, ConnectionCredentials credentials, CancellationToken cancellationToken) =>
        processorType == ProcessorTypes.Square
            ? VerifySquareAsync(credentials, cancellationToken)
            : VerifyStripeAsync(accountId, credentials, cancellationToken);

    private async Task<VerifiedAccount> VerifySquareAsync(ConnectionCredentials credentials, CancellationToken cancellationToken)
    {
        var token = credentials.AccessToken!;
        var location = credentials.LocationId!;
        SquareTokenStatus status;
        try
        {
            status = await square.GetTokenStatusAsync(token, cancellationToken);
        }
        catch (SquareApiException ex)
        {
            throw ex.IsRetryable ? Unreachable(ProcessorTypes.Square, ex.Code) : Failed(ProcessorTypes.Square, "token_valid",
                "Square refused the access token.", new() { ["processor_code"] = ex.Code });
        }
        var missing = SquareScopes.Where(s => status.Scopes?.Contains(s) != true).ToList();
        if (missing.Count > 0)
            throw Failed(ProcessorTypes.Square, "permissions", "The access token lacks the payment scopes.", new() { ["missing_scopes"] = missing });
        var now = clock.GetUtcNow();
        if (status.ExpiresAt is { } expires && expires <= now)
            throw Failed(ProcessorTypes.Square, "token_valid", "The access token has expired.", new() { ["token_expires_at"] = expires });

        SquareLocation found;
        try
        {
            found = await square.GetLocationAsync(token, location, cancellationToken);
        }
        catch (SquareApiException ex) when (ex.Status == 404)
        {
            throw Failed(ProcessorTypes.Square, "location_exists", "Square has no such location for this token.", new() { ["location_id"] = location });
        }
        catch (SquareApiException ex) when (ex.Status == 403)
        {
            throw Failed(ProcessorTypes.Square, "permissions", "The access token may not read the location.",
                new() { ["location_id"] = location, ["processor_code"] = ex.Code });
        }
        catch (SquareApiException ex)
        {
            throw ex.IsRetryable ? Unreachable(ProcessorTypes.Square, ex.Code) : Failed(ProcessorTypes.Square, "location_exists",
                "Square refused to show the location.", new() { ["location_id"] = location, ["processor_code"] = ex.Code });
        }
        if (found.Status != "ACTIVE")
            throw Failed(ProcessorTypes.Square, "location_active", "The Square location is not active.",
                new() { ["location_id"] = location, ["location_status"] = found.Status });
        return new VerifiedAccount(location, found.Name, (found.Currency ?? "USD").ToUpperInvariant(), status.ExpiresAt,
            TokenStates.Of(null, status.ExpiresAt, now));
    }

    private async Task<VerifiedAccount> VerifyStripeAsync(string? accountId, ConnectionCredentials credentials, CancellationToken cancellationToken)
    {
        StripeAccountInfo account;
        try
        {
            account = await stripe.GetAccountAsync(credentials.SecretKey!, cancellationToken);
        }
        catch (StripeException ex) when ((int)ex.HttpStatusCode is 401)
        {
            throw Failed(ProcessorTypes.Stripe, "api_key_valid", "Stripe refused the secret key.", new() { ["processor_code"] = ex.StripeError?.Code ?? ex.StripeError?.Type });
        }
        catch (StripeException ex) when ((int)ex.HttpStatusCode is 403)
        {
            throw Failed(ProcessorTypes.Stripe, "permissions", "The key may not read its account.", new() { ["processor_code"] = ex.StripeError?.Code ?? ex.StripeError?.Type });
        }
        catch (StripeException ex)
        {
            throw (int)ex.HttpStatusCode is 0 or 429 or >= 500
                ? Unreachable(ProcessorTypes.Stripe, ex.StripeError?.Type ?? "no_response")
                : Failed(ProcessorTypes.Stripe, "api_key_valid", "Stripe refused to show the account.", new() { ["processor_code"] = ex.StripeError?.Code ?? ex.StripeError?.Type });
        }
        if (accountId is not null && accountId != account.Id)
            throw Failed(ProcessorTypes.Stripe, "account_matches", "The secret key belongs to another Stripe account than account_id.",
                new() { ["account_id"] = accountId, ["key_account_id"] = account.Id });
        await RefusePlatformAccountAsync(credentials.SecretKey!, account.Id, cancellationToken);
        if (!account.ChargesEnabled)
            throw Failed(ProcessorTypes.Stripe, "charges_enabled", "The Stripe account cannot take charges yet.", new() { ["account_id"] = account.Id });
        return new VerifiedAccount(account.Id, account.Name, (account.DefaultCurrency ?? "usd").ToUpperInvariant(), null, TokenStates.Valid);
    }

    /// <summary>
    /// The platform's own Stripe account is not a barber's: it holds every barber's centralized payments, which a sync
    /// would make this barber's external transactions. Its key, or any key of its account, is refused.
    /// </summary>
    private async Task RefusePlatformAccountAsync(string key, string accountId, CancellationToken cancellationToken)
    {
        if (settings.StripeSecretKey is not { } platformKey) return;
        var isPlatform = key == platformKey;
        if (!isPlatform)
        {
            try
            {
                isPlatform = (await stripe.GetAccountAsync(platformKey, cancellationToken)).Id == accountId;
            }
            catch (StripeException ex)
            {
                throw Unreachable(ProcessorTypes.Stripe, ex.StripeError?.Type ?? "no_response");
            }
        }
        if (isPlatform)
            throw DomainException.Validation("connection_config.secret_key",
                "connection_config.secret_key belongs to the platform's own Stripe account; connect the barber's own account.");
    }

    private static DomainException Failed(string processor, string check, string message, Dictionary<string, object?> details)
    {
        details["processor_type"] = processor;
        details["check"] = check;
        return new DomainException(ErrorCodes.ExternalProcessorUnavailable, $"{processor} validation failed: {message}", details);
    }

    private static DomainException Unreachable(string processor, string code) =>
        Failed(processor, "processor_reachable", "the processor did not answer; nothing was stored, try again.", new() { ["processor_code"] = code });
}
