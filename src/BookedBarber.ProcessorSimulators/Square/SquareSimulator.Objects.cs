using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Square;

// What the simulator holds: sellers, locations, payments, fees and idempotency records.
public sealed partial class SquareSimulator
{
    private sealed class SimMerchant(string id, string accessToken)
    {
        public string Id { get; } = id;

        public string AccessToken { get; } = accessToken;

        public List<SimLocation> Locations { get; } = [];

        public string? TokenState { get; set; }
    }

    private sealed record SimLocation(string Id, string Name, string Currency, string Country, string MerchantId, DateTimeOffset CreatedAt)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["timezone"] = "America/New_York",
            ["capabilities"] = new JsonArray("CREDIT_CARD_PROCESSING"),
            ["status"] = "ACTIVE",
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

        public required DateTimeOffset UpdatedAt { get; set; }

        public required string Status { get; init; }

        public string? DeclineCode { get; init; }

        public List<SimFee> Fees { get; } = [];

        public int Version { get; set; }

        public long TotalAmount => Amount + (Tip ?? 0);

        public SquareSimulatedPayment ToSnapshot() => new(
            Id, MerchantId, LocationId, IdempotencyKey, Status, Amount, Tip, AppFee, Currency, ReferenceId, CreatedAt,
            Fees.Sum(f => f.Amount), Fees.Count > 0);

        public JsonObject ToJson()
        {
            JsonObject Money(long amount) => new() { ["amount"] = amount, ["currency"] = Currency };
            var failed = Status == "FAILED";
            var card = new JsonObject
            {
                ["status"] = failed ? "FAILED" : Status == "COMPLETED" ? "CAPTURED" : "AUTHORIZED",
                ["card"] = new JsonObject
                {
                    ["card_brand"] = "VISA",
                    ["last_4"] = "1111",
                    ["exp_month"] = 11,
                    ["exp_year"] = CreatedAt.Year + 3,
                    ["fingerprint"] = "sq-1-simulated-fingerprint-visa-1111",
                    ["card_type"] = "CREDIT",
                    ["prepaid_type"] = "NOT_PREPAID",
                    ["bin"] = "411111",
                },
                ["entry_method"] = "KEYED",
                ["cvv_status"] = "CVV_ACCEPTED",
                ["avs_status"] = "AVS_ACCEPTED",
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

            json["status"] = Status;
            json["delay_duration"] = "PT168H";
            json["delay_action"] = "CANCEL";
            json["delayed_until"] = Rfc3339(CreatedAt.AddDays(7));
            json["source_type"] = "CARD";
            json["card_details"] = card;
            json["location_id"] = LocationId;
            json["order_id"] = OrderId ?? "ord" + Id[..18];
            if (ReferenceId is not null)
            {
                json["reference_id"] = ReferenceId;
            }

            if (CustomerId is not null)
            {
                json["customer_id"] = CustomerId;
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

            json["application_details"] = new JsonObject { ["square_product"] = "ECOMMERCE_API", ["application_id"] = "sandbox-sq0idb-simulator" };
            json["version_token"] = $"{Id[..8]}v{Version}";
            return json;
        }
    }
}
