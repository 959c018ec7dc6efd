using System.Globalization;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// <c>POST /internal/collections/run</c> (operators): collects the named barbers now, whatever their cadence — one
/// <c>commission-collection</c> message each, building up to the cutoff and charging what is due even when the
/// barber turned auto-collection off. Every barber must be known before anything is queued.
/// </summary>
public static class CollectionRunEndpoint
{
    public const int MaxBarbers = 1000;

    public static async Task<Accepted<CollectionRunResponse>> Handle(
        [FromBody] CollectionRunRequest body, BookingDirectory directory, QueueSender queues, TimeProvider clock, CancellationToken cancellationToken)
    {
        var barberIds = body.BarberIds ?? throw DomainException.Validation("barber_ids", "barber_ids is required.");
        if (barberIds.Count is 0 or > MaxBarbers) throw DomainException.Validation("barber_ids", $"barber_ids must hold 1 to {MaxBarbers} barber ids.");
        if (barberIds.Any(id => id <= 0)) throw DomainException.Validation("barber_ids", "barber_ids must be positive integers.");
        if (barberIds.Distinct().Count() != barberIds.Count) throw DomainException.Validation("barber_ids", "barber_ids must not repeat a barber.");
        var now = clock.GetUtcNow();
        var cutoff = Cutoff(body.Cutoff, now);

        foreach (var barberId in barberIds) await BarberSubject.EnsureKnownAsync(directory, barberId, cancellationToken);
        var queued = new List<CollectionRunQueued>(barberIds.Count);
        foreach (var barberId in barberIds)
        {
            var receipt = await queues.SendAsync(CollectionRequest.QueueName,
                new CollectionRequest(barberId, cutoff, CollectionTriggers.Operator, OperatorRun: true), cancellationToken);
            queued.Add(new CollectionRunQueued(barberId, cutoff, receipt.MessageId));
        }
        return TypedResults.Accepted((string?)null, new CollectionRunResponse(queued, queued.Count, cutoff));
    }

    private static DateTimeOffset Cutoff(string? value, DateTimeOffset now)
    {
        if (value is null) throw DomainException.Validation("cutoff", "cutoff is required: \"now\" or a date-time.");
        if (value == "now") return now;
        // A date-time with its offset (ISO 8601), as every timestamp of the API: a bare local time would be a guess.
        var hasOffset = value.EndsWith('Z') || value.Length > 6 && value[^6] is '+' or '-';
        if (!hasOffset || !DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var cutoff))
            throw DomainException.Validation("cutoff", "cutoff must be \"now\" or an ISO 8601 date-time with an offset.");
        if (cutoff > now) throw DomainException.Validation("cutoff", "cutoff must not be in the future.");
        return cutoff;
    }
}
