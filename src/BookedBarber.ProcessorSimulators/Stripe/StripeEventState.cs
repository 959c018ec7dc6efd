using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>An Event as created; its JSON is rendered per reader (api_version, pending_webhooks).</summary>
internal sealed record StripeEventState(
    string Id, long Seq, string? Account, bool ConnectAccount, string Type, DateTimeOffset Created, JsonObject Object, JsonObject? PreviousAttributes)
{
    public int PendingWebhooks { get; set; }

    public StripeEventRecord ToRecord() =>
        new(Id, Type, Account, Object["id"]?.GetValue<string>(), Created);
}
