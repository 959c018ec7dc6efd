using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Square;

// What the simulator holds: sellers, their OAuth tokens, locations, payments, fees, refunds, webhook subscriptions
// and idempotency records. Everything is guarded by _gate.
public sealed partial class SquareSimulator
{
    private sealed class SimMerchant(string id, string applicationId, string applicationSecret, string refreshToken)
    {
        public string Id { get; } = id;

        /// <summary>The OAuth application (client_id) the seller authorized.</summary>
        public string ApplicationId { get; } = applicationId;

        public string ApplicationSecret { get; } = applicationSecret;

        public string RefreshToken { get; } = refreshToken;

        /// <summary>Set by RevokeToken (the whole authorization): no token or refresh works any more.</summary>
        public bool AuthorizationRevoked { get; set; }

        public List<SimLocation> Locations { get; } = [];

        public List<SimSubscription> Subscriptions { get; } = [];
    }

    private sealed class SimToken(string value, SimMerchant merchant, DateTimeOffset expiresAt, IReadOnlyList<string> scopes)
    {
        public string Value { get; } = value;

        public SimMerchant Merchant { get; } = merchant;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public IReadOnlyList<string> Scopes { get; } = scopes;

        public bool Revoked { get; set; }
    }

    private sealed class SimLocation(string id, string name, string currency, string country, string merchantId, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string Currency { get; } = currency;

        public string Country { get; } = country;

        public string MerchantId { get; } = merchantId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public bool Active { get; set; } = true;

        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["timezone"] = "America/New_York",
            ["capabilities"] = Active ? new JsonArray("CREDIT_CARD_PROCESSING", "AUTOMATIC_TRANSFERS") : new JsonArray(),
            ["status"] = Active ? "ACTIVE" : "INACTIVE",
            ["created_at"] = Rfc3339(CreatedAt),
            ["merchant_id"] = MerchantId,
            ["country"] = Country,
            ["language_code"] = "en-US",
            ["currency"] = Currency,
            ["business_name"] = Name,
            ["type"] = "PHYSICAL",
            ["mcc"] = "7241",
        };
    }

    private sealed record SimIdempotencyRecord(JsonObject Request, int Status, JsonNode Response);

    private sealed record SimFee(DateTimeOffset EffectiveAt, string Type, long Amount);

    private sealed class SimSubscription
    {
        public required string Id { get; init; }

        public required string MerchantId { get; init; }

        public required string Name { get; init; }

        public required string NotificationUrl { get; init; }

        public required IReadOnlyList<string> EventTypes { get; init; }

        public required string ApiVersion { get; init; }

        public required string SignatureKey { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public bool Enabled { get; set; } = true;

        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["enabled"] = Enabled,
            ["event_types"] = new JsonArray(EventTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["notification_url"] = NotificationUrl,
            ["api_version"] = ApiVersion,
            ["signature_key"] = SignatureKey,
            ["created_at"] = Rfc3339(CreatedAt),
            ["updated_at"] = Rfc3339(CreatedAt),
        };
    }

    private sealed class SimRefund
    {
        public required string Id { get; init; }

        public required long Sequence { get; init; }

        public required SimPayment Payment { get; init; }

        public required string IdempotencyKey { get; init; }

        public required long Amount { get; init; }

        public string? Reason { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public required DateTimeOffset UpdatedAt { get; set; }

        /// <summary>PENDING, then COMPLETED (or FAILED / REJECTED).</summary>
        public required string Status { get; set; }

        /// <summary>Square gives back the processing fee in proportion to the refund (a negative entry).</summary>
        public long? FeeReturned { get; set; }

        public SquareSimulatedRefund ToSnapshot() => new(Id, Payment.Id, Payment.MerchantId, Payment.LocationId, Status, Amount, Payment.Currency, Reason, CreatedAt);

        public JsonObject ToJson()
        {
            var json = new JsonObject
            {
                ["id"] = Id,
                ["status"] = Status,
                ["location_id"] = Payment.LocationId,
                ["unlinked"] = false,
                ["destination_type"] = "CARD",
                ["amount_money"] = new JsonObject { ["amount"] = Amount, ["currency"] = Payment.Currency },
            };
            if (FeeReturned is { } fee)
            {
                json["processing_fee"] = new JsonArray(new JsonObject
                {
                    ["effective_at"] = Rfc3339(UpdatedAt),
                    ["type"] = "INITIAL",
                    ["amount_money"] = new JsonObject { ["amount"] = -fee, ["currency"] = Payment.Currency },
                });
            }

            json["payment_id"] = Payment.Id;
            json["order_id"] = Payment.OrderIdOrDefault;
            if (Reason is not null)
            {
                json["reason"] = Reason;
            }

            json["created_at"] = Rfc3339(CreatedAt);
            json["updated_at"] = Rfc3339(UpdatedAt);
            return json;
        }
    }

    private sealed class SimPayment
    {
        public required string Id { get; init; }

        public required long Sequence { get; init; }

        public required string MerchantId { get; init; }

        public required string LocationId { get; init; }

        public required string IdempotencyKey { get; init; }

        public required string SourceId { get; init; }

        public required string Currency { get; init; }

        public required long Amount { get; init; }

        public long? Tip { get; init; }

        public long? AppFee { get; init; }

        public string? ReferenceId { get; init; }

        public string? Note { get; init; }

        public string? CustomerId { get; init; }

        public string? OrderId { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        /// <summary>When ListPayments starts showing it (its list is eventually consistent; GetPayment is not).</summary>
        public DateTimeOffset VisibleAt { get; init; }

        public required DateTimeOffset UpdatedAt { get; set; }

        public required string Status { get; set; }

        public string? DeclineCode { get; init; }

        /// <summary>KEYED for online payments; CHIP, CONTACTLESS, SWIPED or KEYED at the chair.</summary>
        public string EntryMethod { get; init; } = "KEYED";

        public string CardBrand { get; init; } = "VISA";

        public string Last4 { get; init; } = "1111";

        /// <summary>ECOMMERCE_API for payments made through the API, SQUARE_POS at the chair.</summary>
        public string Product { get; init; } = "ECOMMERCE_API";

        public List<SimFee> Fees { get; } = [];

        public List<SimRefund> Refunds { get; } = [];

        public int Version { get; set; }

        public long TotalAmount => Amount + (Tip ?? 0);

        public long RefundedAmount => Refunds.Where(r => r.Status == "COMPLETED").Sum(r => r.Amount);

        /// <summary>What can still be refunded: pending refunds hold their amount.</summary>
        public long RefundableAmount => TotalAmount - Refunds.Where(r => r.Status is "COMPLETED" or "PENDING").Sum(r => r.Amount);

        public string OrderIdOrDefault => OrderId ?? "ord" + Id[..18];

        public SquareSimulatedPayment ToSnapshot() => new(
            Id, MerchantId, LocationId, IdempotencyKey, Status, Amount, Tip, AppFee, Currency, ReferenceId, CreatedAt,
            Fees.Sum(f => f.Amount), Fees.Count > 0)
        {
            Note = Note,
            EntryMethod = EntryMethod,
            RefundedAmount = RefundedAmount,
            RefundIds = Refunds.Select(r => r.Id).ToList(),
        };

        public JsonObject ToJson()
        {
            JsonObject Money(long amount) => new() { ["amount"] = amount, ["currency"] = Currency };
            var failed = Status == "FAILED";
            var card = new JsonObject
            {
                ["status"] = failed ? "FAILED" : Status == "COMPLETED" ? "CAPTURED" : "AUTHORIZED",
                ["card"] = new JsonObject
                {
                    ["card_brand"] = CardBrand,
                    ["last_4"] = Last4,
                    ["exp_month"] = 11,
                    ["exp_year"] = CreatedAt.Year + 3,
                    ["fingerprint"] = $"sq-1-simulated-fingerprint-{CardBrand.ToLowerInvariant()}-{Last4}",
                    ["card_type"] = "CREDIT",
                    ["prepaid_type"] = "NOT_PREPAID",
                    ["bin"] = CardBrand == "VISA" ? "411111" : "510510",
                },
                ["entry_method"] = EntryMethod,
                ["cvv_status"] = EntryMethod == "KEYED" ? "CVV_ACCEPTED" : "CVV_NOT_CHECKED",
                ["avs_status"] = EntryMethod == "KEYED" ? "AVS_ACCEPTED" : "AVS_NOT_CHECKED",
                ["statement_description"] = "SQ *BOOKEDBARBER",
                ["card_payment_timeline"] = failed
                    ? new JsonObject()
                    : Status == "COMPLETED"
                        ? new JsonObject { ["authorized_at"] = Rfc3339(CreatedAt), ["captured_at"] = Rfc3339(CreatedAt) }
                        : new JsonObject { ["authorized_at"] = Rfc3339(CreatedAt) },
            };
            if (failed)
            {
                card["errors"] = new JsonArray(new JsonObject
                {
                    ["category"] = "PAYMENT_METHOD_ERROR",
                    ["code"] = DeclineCode,
                    ["detail"] = $"Authorization error: '{DeclineCode}'",
                });
            }
            else
            {
                card["auth_result_code"] = "Pz5Kx1";
            }

            var json = new JsonObject
            {
                ["id"] = Id,
                ["created_at"] = Rfc3339(CreatedAt),
                ["updated_at"] = Rfc3339(UpdatedAt),
                ["amount_money"] = Money(Amount),
            };
            if (Tip is { } tip)
            {
                json["tip_money"] = Money(tip);
            }

            json["total_money"] = Money(TotalAmount);
            if (AppFee is { } appFee)
            {
                json["app_fee_money"] = Money(appFee);
            }

            if (!failed)
            {
                json["approved_money"] = Money(TotalAmount);
            }

            if (Fees.Count > 0)
            {
                var fees = new JsonArray();
                foreach (var fee in Fees)
                {
                    fees.Add(new JsonObject { ["effective_at"] = Rfc3339(fee.EffectiveAt), ["type"] = fee.Type, ["amount_money"] = Money(fee.Amount) });
                }

                json["processing_fee"] = fees;
            }

            if (RefundedAmount > 0)
            {
                json["refunded_money"] = Money(RefundedAmount);
            }

            json["status"] = Status;
            json["delay_duration"] = "PT168H";
            json["delay_action"] = "CANCEL";
            json["delayed_until"] = Rfc3339(CreatedAt.AddDays(7));
            json["source_type"] = "CARD";
            json["card_details"] = card;
            json["location_id"] = LocationId;
            json["order_id"] = OrderIdOrDefault;
            if (ReferenceId is not null)
            {
                json["reference_id"] = ReferenceId;
            }

            if (CustomerId is not null)
            {
                json["customer_id"] = CustomerId;
            }

            if (Refunds.Count > 0)
            {
                json["refund_ids"] = new JsonArray(Refunds.Select(r => (JsonNode?)JsonValue.Create(r.Id)).ToArray());
            }

            if (Note is not null)
            {
                json["note"] = Note;
            }

            json["risk_evaluation"] = new JsonObject { ["created_at"] = Rfc3339(CreatedAt), ["risk_level"] = "NORMAL" };
            if (!failed)
            {
                json["receipt_number"] = Id[..4];
                json["receipt_url"] = $"https://squareupsandbox.com/receipt/preview/{Id}";
            }

            json["application_details"] = new JsonObject { ["square_product"] = Product, ["application_id"] = "sandbox-sq0idb-simulator" };
            json["version_token"] = $"{Id[..8]}v{Version}";
            return json;
        }
    }
}
