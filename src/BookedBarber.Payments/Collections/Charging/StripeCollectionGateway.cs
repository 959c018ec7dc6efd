using System.Globalization;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Processors.Stripe;
using Stripe;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Collects commission at the platform's Stripe with Stripe.net: an account debit (a charge whose source is the
/// barber's Connect account) or an off-session PaymentIntent on the barber's saved card, each with the attempt's
/// idempotency key, so a resend of the same attempt is answered with the first result and never charges twice.
/// Stripe's answer is sorted three ways: a charge (success), a refusal it decided (decline, insufficient balance,
/// restricted or unknown account: a failure carrying its decline_code or code), or "nothing known" (network, timeout,
/// 409 key in use, 429, 5xx: <see cref="CollectionChargeUnavailableException"/>, ask again with the same key).
/// </summary>
/// <remarks>The platform key is read from the settings, not Processing's ProcessorEndpoints: Collections must not import Processing
/// (Processing calls netting in Collections; FeatureDependencyTests).</remarks>
public sealed class StripeCollectionGateway(PaymentsSettings settings, StripeClients stripeClients) : ICollectionChargeGateway
{
    public const string Purpose = "commission_collection";

    public Task<CollectionChargeOutcome> DebitConnectAccountAsync(CollectionCharge charge, string connectAccountId, CancellationToken cancellationToken) =>
        CallAsync(charge, cancellationToken, async client =>
        {
            var debit = await new ChargeService(client).CreateAsync(new ChargeCreateOptions
            {
                Amount = charge.Amount.Minor,
                Currency = Currency(charge),
                Source = connectAccountId,
                Description = charge.Description,
                Metadata = Metadata(charge),
            }, Options(charge), cancellationToken);
            return debit.Status == "failed"
                ? CollectionChargeOutcome.Failure(debit.FailureCode ?? "failed", debit.FailureMessage ?? "The account debit failed.", debit.Id)
                : CollectionChargeOutcome.Success(debit.Id, null);
        });

    public Task<CollectionChargeOutcome> ChargeSavedCardAsync(CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        CallAsync(charge, cancellationToken, async client =>
        {
            if (await NotTheBarbersCardAsync(client, charge, customerId, paymentMethodId, cancellationToken) is { } refused) return refused;
            var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = charge.Amount.Minor,
                Currency = Currency(charge),
                Customer = customerId,
                PaymentMethod = paymentMethodId,
                AllowedPaymentMethodTypes = ["card"],
                OffSession = true,
                Confirm = true,
                Description = charge.Description,
                Metadata = Metadata(charge),
            }, Options(charge), cancellationToken);
            return intent.Status switch
            {
                "succeeded" => CollectionChargeOutcome.Success(intent.LatestChargeId, intent.Id),
                "requires_payment_method" or "canceled" => CollectionChargeOutcome.Failure(
                    intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? "card_declined",
                    intent.LastPaymentError?.Message ?? "The card was declined.", intent.LatestChargeId, intent.Id),
                "requires_action" => CollectionChargeOutcome.Failure("authentication_required",
                    "The card requires authentication, which cannot happen off-session.", intent.LatestChargeId, intent.Id),
                // processing: Stripe has not decided yet; the stuck sweeper asks again later.
                _ => throw new CollectionChargeUnavailableException($"The PaymentIntent {intent.Id} is {intent.Status}; its outcome is not known yet."),
            };
        });

    public async Task<IReadOnlyList<CollectionChargeRecord>> FindChargesAsync(long collectionId, CancellationToken cancellationToken)
    {
        var client = Client();
        // Stripe's search index lags writes by up to a minute; the sweeper only asks about charges hours old.
        var query = $"metadata['collection_id']:'{collectionId.ToString(CultureInfo.InvariantCulture)}'";
        var found = new List<CollectionChargeRecord>();
        try
        {
            await foreach (var charge in new ChargeService(client).SearchAutoPagingAsync(
                               new ChargeSearchOptions { Query = query, Limit = 100 }, cancellationToken: cancellationToken))
            {
                if (IsOurs(charge.Metadata))
                {
                    found.Add(new CollectionChargeRecord(charge.Id, charge.PaymentIntentId, charge.Status, charge.Amount, charge.Currency,
                        Attempt(charge.Metadata), charge.FailureCode));
                }
            }

            // An intent Stripe has not charged yet (processing) has no charge to find.
            await foreach (var intent in new PaymentIntentService(client).SearchAutoPagingAsync(
                               new PaymentIntentSearchOptions { Query = query, Limit = 100 }, cancellationToken: cancellationToken))
            {
                if (IsOurs(intent.Metadata) && found.All(c => c.PaymentIntentId != intent.Id))
                {
                    found.Add(new CollectionChargeRecord(intent.LatestChargeId ?? intent.Id, intent.Id, StatusOf(intent), intent.Amount, intent.Currency,
                        Attempt(intent.Metadata), intent.LastPaymentError?.Code));
                }
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw new CollectionChargeUnavailableException($"Stripe could not be searched for collection {collectionId}: {ex.Message}", ex);
        }

        return found;
    }

    /// <summary>
    /// The saved card must be the barber's: the customer is not one of the platform's client customers (StripeCustomers
    /// tags them client_id; a barber who saved a client's card is shown its ids) nor tagged for another barber, and the
    /// payment method is attached to that customer. Otherwise nothing is charged: a client never pays a barber's commission.
    /// </summary>
    private static async Task<CollectionChargeOutcome?> NotTheBarbersCardAsync(
        StripeClient client, CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var customer = await new CustomerService(client).GetAsync(customerId, cancellationToken: cancellationToken);
        var paymentMethod = await new PaymentMethodService(client).GetAsync(paymentMethodId, cancellationToken: cancellationToken);
        var metadata = customer.Metadata ?? new Dictionary<string, string>();
        var otherBarber = metadata.TryGetValue("barber_id", out var barber) && barber != charge.BarberId.ToString(CultureInfo.InvariantCulture);
        if (!metadata.ContainsKey("client_id") && !otherBarber && paymentMethod.CustomerId == customer.Id) return null;
        return CollectionChargeOutcome.Failure(NotOwned,
            $"The saved card {paymentMethodId} of customer {customerId} is not the barber's own collection card: nothing was charged.");
    }

    /// <summary>The failure code of a collection card that is not the barber's (a client's customer, or a card of another customer).</summary>
    public const string NotOwned = "payment_method_not_owned";

    private async Task<CollectionChargeOutcome> CallAsync(
        CollectionCharge charge, CancellationToken cancellationToken, Func<StripeClient, Task<CollectionChargeOutcome>> call)
    {
        try
        {
            return await call(Client());
        }
        catch (StripeException ex) when (!IsUnavailable(ex, cancellationToken))
        {
            var error = ex.StripeError;
            return CollectionChargeOutcome.Failure(
                error?.DeclineCode ?? error?.Code ?? error?.Type ?? "stripe_error",
                error?.Message ?? ex.Message,
                error?.Charge,
                error?.PaymentIntent?.Id);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw new CollectionChargeUnavailableException(
                $"Stripe did not answer charge {charge.IdempotencyKey} of collection {charge.CollectionId}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Nothing is known: the network, a timeout, 409 (the key is still in use), 429, 5xx — and 400 idempotency_error (the
    /// key was used with other parameters: an earlier request of this attempt exists, so the sweeper must ask Stripe).
    /// </summary>
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        StripeException stripe => (int)stripe.HttpStatusCode is 0 or 409 or 429 or >= 500 || stripe.StripeError?.Type == "idempotency_error",
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private StripeClient Client() => stripeClients.For(
        settings.StripeSecretKey ?? throw new CollectionChargeUnavailableException("The platform's Stripe key is not configured."));

    private static RequestOptions Options(CollectionCharge charge) => new() { IdempotencyKey = charge.IdempotencyKey };

    private static string Currency(CollectionCharge charge) => charge.Amount.Currency.Code.ToLowerInvariant();

    private static Dictionary<string, string> Metadata(CollectionCharge charge) => new()
    {
        ["collection_id"] = charge.CollectionId.ToString(CultureInfo.InvariantCulture),
        ["barber_id"] = charge.BarberId.ToString(CultureInfo.InvariantCulture),
        ["attempt"] = charge.Attempt.ToString(CultureInfo.InvariantCulture),
        ["purpose"] = Purpose,
    };

    private static bool IsOurs(Dictionary<string, string>? metadata) =>
        metadata is not null && (!metadata.TryGetValue("purpose", out var purpose) || purpose == Purpose);

    private static int? Attempt(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("attempt", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : null;

    private static string StatusOf(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => "succeeded",
        "requires_payment_method" or "canceled" => "failed",
        _ => "pending",
    };
}
