using BookedBarber.Payments.Errors;
using System.Text;
using Azure.Data.Tables;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyStoreTests(AzuriteFixture azurite)
{
    private readonly IdempotencyStore _store = azurite.Shared.Services.GetRequiredService<IdempotencyStore>();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    private static string Print(string canonical) => IdempotencyStore.Fingerprint(Encoding.UTF8.GetBytes(canonical));

    [Fact]
    public async Task FirstClaim_IsNotAReplay_AndCompletingIt_ReplaysTheExactResponse()
    {
        var key = NewKey();
        var print = Print("""{"amount":75.00,"appointment_id":1}""");

        var claim = await _store.BeginAsync("user-1", key, print, default);
        Assert.Null(claim.Replay);
        Assert.False(claim.IsReplay);

        const string body = """{"payment_id":42,"amount":75.00,"note":"café ✂ 💈"}""";
        Assert.True(await _store.CompleteAsync(claim, 201, body, default));

        var again = await _store.BeginAsync("user-1", key, print, default);
        Assert.Equal((201, body), again.Replay);
        Assert.Equal(claim.DerivedKey, again.DerivedKey);
        var third = await _store.BeginAsync("user-1", key, print, default);
        Assert.Equal((201, body), third.Replay);
    }

    [Fact]
    public async Task EvenAServerError_IsReplayed_AndLargeBodiesSurvive()
    {
        var key = NewKey();
        var print = Print("x");
        var claim = await _store.BeginAsync("user-1", key, print, default);
        var large = "{\"data\":\"" + string.Concat(Enumerable.Repeat("é0123456789", 20_000)) + "\"}"; // ~240 KB of UTF-8
        Assert.True(await _store.CompleteAsync(claim, 500, large, default));

        var replay = (await _store.BeginAsync("user-1", key, print, default)).Replay;
        Assert.Equal(500, replay!.Value.Status);
        Assert.Equal(large, replay.Value.Body);
    }

    [Fact]
    public async Task SameKey_WithADifferentRequest_Is409Reused_WhetherCompletedOrInFlight()
    {
        var completedKey = NewKey();
        var claim = await _store.BeginAsync("user-1", completedKey, Print("a"), default);
        await _store.CompleteAsync(claim, 200, "{}", default);
        var reused = await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-1", completedKey, Print("b"), default));
        Assert.Equal((409, ErrorCodes.IdempotencyKeyReused), (ErrorCodes.StatusOf(reused.Code), reused.Code));

        var inFlightKey = NewKey();
        await _store.BeginAsync("user-1", inFlightKey, Print("a"), default);
        reused = await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-1", inFlightKey, Print("b"), default));
        Assert.Equal((409, ErrorCodes.IdempotencyKeyReused), (ErrorCodes.StatusOf(reused.Code), reused.Code));
        Assert.True(ErrorCodes.All.ContainsKey(ErrorCodes.IdempotencyKeyReused));
    }

    [Fact]
    public async Task TwentyConcurrentRequests_WithOneKey_ExactlyOneRuns_TheOthersAre409InUse()
    {
        var key = NewKey();
        var print = Print("concurrent");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (Claim: await _store.BeginAsync("user-1", key, print, default), Error: (DomainException?)null);
            }
            catch (DomainException ex)
            {
                return (Claim: (IdempotencyClaim?)null, Error: ex);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Claim is not null).Claim!;
        Assert.Null(winner.Replay);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal((409, ErrorCodes.IdempotencyKeyInUse), (ErrorCodes.StatusOf(o.Error!.Code), o.Error.Code)));
        Assert.Equal(19, outcomes.Count(o => o.Error is not null));

        await _store.CompleteAsync(winner, 201, "{\"ok\":true}", default);
        Assert.Equal((201, "{\"ok\":true}"), (await _store.BeginAsync("user-1", key, print, default)).Replay);
    }

    [Fact]
    public async Task TheSameKey_UnderAnotherScope_IsIndependent()
    {
        var key = NewKey();
        var mine = await _store.BeginAsync("user-1", key, Print("a"), default);
        var theirs = await _store.BeginAsync("user-2", key, Print("b"), default);
        Assert.Null(theirs.Replay);
        Assert.NotEqual(mine.DerivedKey, theirs.DerivedKey);

        await _store.CompleteAsync(mine, 201, "{\"who\":1}", default);
        await _store.CompleteAsync(theirs, 402, "{\"who\":2}", default);
        Assert.Equal((201, "{\"who\":1}"), (await _store.BeginAsync("user-1", key, Print("a"), default)).Replay);
        Assert.Equal((402, "{\"who\":2}"), (await _store.BeginAsync("user-2", key, Print("b"), default)).Replay);

        // Separators in scope or key cannot make two pairs collide.
        var a = await _store.BeginAsync("1:2", "3" + key, Print("c"), default);
        var b = await _store.BeginAsync("1", "2:3" + key, Print("d"), default);
        Assert.Null(a.Replay);
        Assert.Null(b.Replay);
    }

    [Fact]
    public async Task AnExpiredRecord_CanBeClaimedAgain_WithANewDerivedKey()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new IdempotencyStore(azurite.Shared.Storage, clock);
        var key = NewKey();
        var first = await store.BeginAsync("user-1", key, Print("a"), default);
        await store.CompleteAsync(first, 201, "{}", default);

        clock.Advance(IdempotencyStore.Retention - TimeSpan.FromSeconds(1));
        Assert.NotNull((await store.BeginAsync("user-1", key, Print("a"), default)).Replay);

        clock.Advance(TimeSpan.FromSeconds(2));
        var later = await store.BeginAsync("user-1", key, Print("something else"), default);
        Assert.Null(later.Replay);
        Assert.NotEqual(first.DerivedKey, later.DerivedKey);

        // The old claim cannot overwrite the new request's record.
        Assert.False(await store.CompleteAsync(first, 500, "{\"stale\":true}", default));
        var inUse = await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("something else"), default));
        Assert.Equal(ErrorCodes.IdempotencyKeyInUse, inUse.Code);
    }

    [Fact]
    public async Task AClaimNamingItsSubject_IsReplayedFromTheSubjectsOutcome_WithoutACompletion()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new IdempotencyStore(azurite.Shared.Storage, clock);
        var key = NewKey();
        var outcomes = new Dictionary<string, (int, string)>();
        Task<(int Status, string Body)?> OutcomeOf(string subject, CancellationToken _) =>
            Task.FromResult<(int, string)?>(outcomes.TryGetValue(subject, out var o) ? o : null);

        var first = await store.BeginAsync("user-1", key, Print("a"), default, "attempt-1", OutcomeOf);
        Assert.Null(first.Replay);
        var inUse = await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("a"), default, "attempt-2", OutcomeOf));
        Assert.Equal(ErrorCodes.IdempotencyKeyInUse, inUse.Code);

        // Settled (by the request, or later by the reconciler): every retry gets its response, even past the lease.
        outcomes["attempt-1"] = (200, "{\"payment_id\":\"pi_1\"}");
        clock.Advance(IdempotencyStore.Lease + TimeSpan.FromMinutes(1));
        var replay = await store.BeginAsync("user-1", key, Print("a"), default, "attempt-3", OutcomeOf);
        Assert.Equal((200, "{\"payment_id\":\"pi_1\"}"), replay.Replay);
        Assert.Equal(first.DerivedKey, replay.DerivedKey);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused,
            (await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("b"), default, "attempt-4", OutcomeOf))).Code);
    }

    [Fact]
    public async Task ATakenOverClaim_NamesTheNewSubject()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new IdempotencyStore(azurite.Shared.Storage, clock);
        var key = NewKey();
        var asked = new List<string>();
        Task<(int Status, string Body)?> OutcomeOf(string subject, CancellationToken _)
        {
            asked.Add(subject);
            return Task.FromResult<(int, string)?>(null);
        }

        await store.BeginAsync("user-1", key, Print("a"), default, "crashed", OutcomeOf);
        clock.Advance(IdempotencyStore.Lease + TimeSpan.FromSeconds(1));
        Assert.Null((await store.BeginAsync("user-1", key, Print("a"), default, "retry", OutcomeOf)).Replay);
        await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("a"), default, "third", OutcomeOf));

        Assert.Equal(["crashed", "retry"], asked);
    }

    [Fact]
    public async Task AnAttemptSilentPastItsLease_IsTakenOver_WithTheSameDerivedKey()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new IdempotencyStore(azurite.Shared.Storage, clock);
        var key = NewKey();
        var crashed = await store.BeginAsync("user-1", key, Print("a"), default);

        clock.Advance(IdempotencyStore.Lease - TimeSpan.FromSeconds(1));
        var inUse = await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("a"), default));
        Assert.Equal((409, ErrorCodes.IdempotencyKeyInUse), (ErrorCodes.StatusOf(inUse.Code), inUse.Code));

        clock.Advance(TimeSpan.FromSeconds(2));
        var retry = await store.BeginAsync("user-1", key, Print("a"), default);
        Assert.Null(retry.Replay);
        Assert.Equal(crashed.DerivedKey, retry.DerivedKey);
        Assert.NotEqual(crashed.ETag, retry.ETag);

        // The new holder's lease is fresh, the crashed attempt can no longer write, and a different request is still refused.
        await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("a"), default));
        Assert.False(await store.CompleteAsync(crashed, 500, "{}", default));
        await store.AbandonAsync(crashed, default);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() => store.BeginAsync("user-1", key, Print("b"), default))).Code);

        Assert.True(await store.CompleteAsync(retry, 201, "{\"id\":1}", default));
        Assert.Equal((201, "{\"id\":1}"), (await store.BeginAsync("user-1", key, Print("a"), default)).Replay);
    }

    [Fact]
    public async Task AnAbandonedKey_CanBeUsedAgain_EvenForADifferentRequest()
    {
        var key = NewKey();
        var claim = await _store.BeginAsync("user-1", key, Print("bad parameters"), default);
        await _store.AbandonAsync(claim, default);
        await _store.AbandonAsync(claim, default); // twice is harmless

        var again = await _store.BeginAsync("user-1", key, Print("good parameters"), default);
        Assert.Null(again.Replay);
        await _store.CompleteAsync(again, 201, "{}", default);
        Assert.NotNull((await _store.BeginAsync("user-1", key, Print("good parameters"), default)).Replay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("clé")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("emoji-💈")]
    public async Task MalformedKeys_Are400ValidationErrors_NamingTheHeader(string key)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-1", key, Print("a"), default));
        Assert.Equal((400, ErrorCodes.ValidationError), (ErrorCodes.StatusOf(ex.Code), ex.Code));
        Assert.Equal("Idempotency-Key", ex.Details["field"]);
    }

    [Fact]
    public async Task KeyLength_Is1To255()
    {
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-1", new string('k', 300), Print("a"), default));
        Assert.Equal((400, ErrorCodes.ValidationError), (ErrorCodes.StatusOf(tooLong.Code), tooLong.Code));
        await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-1", new string('k', 256), Print("a"), default));

        var longest = new string('k', 214) + Guid.NewGuid().ToString("N") + "/\\#?%' ~!"; // 255, with characters keys forbid
        Assert.Equal(255, longest.Length);
        Assert.Null((await _store.BeginAsync("user-1", longest, Print("a"), default)).Replay);
        Assert.Null((await _store.BeginAsync("scope-" + Guid.NewGuid(), "k", Print("a"), default)).Replay);
    }

    [Fact]
    public async Task DerivedKey_IsStable_ShortEnoughForSquare_AndSafeForProcessors()
    {
        var key = NewKey();
        var first = await _store.BeginAsync("user-7", key, Print("a"), default);
        var inFlight = await Assert.ThrowsAsync<DomainException>(() => _store.BeginAsync("user-7", key, Print("a"), default));
        Assert.Equal(ErrorCodes.IdempotencyKeyInUse, inFlight.Code);
        await _store.CompleteAsync(first, 201, "{}", default);
        var replay = await _store.BeginAsync("user-7", key, Print("a"), default);

        Assert.Equal(first.DerivedKey, replay.DerivedKey);
        Assert.InRange(first.DerivedKey.Length, 16, 40);
        Assert.Matches("^[0-9a-f]+$", first.DerivedKey);
        Assert.DoesNotContain(key, first.DerivedKey);
        Assert.NotEqual(first.DerivedKey, (await _store.BeginAsync("user-7", NewKey(), Print("a"), default)).DerivedKey);
    }

    [Fact]
    public void Fingerprint_IsSha256Hex_OfTheCanonicalBody()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IdempotencyStore.Fingerprint([]));
        Assert.Equal(Print("{\"a\":1}"), Print("{\"a\":1}"));
        Assert.NotEqual(Print("{\"a\":1}"), Print("{\"a\":2}"));
    }

    [Fact]
    public async Task Purge_RemovesExpiredRecordsOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var past = new IdempotencyStore(azurite.Shared.Storage, new FakeTimeProvider(now - IdempotencyStore.Retention - TimeSpan.FromMinutes(5)));
        var current = new IdempotencyStore(azurite.Shared.Storage, new FakeTimeProvider(now));
        var expiredCompleted = NewKey();
        var expiredInFlight = NewKey();
        var live = NewKey();
        await past.CompleteAsync(await past.BeginAsync("user-1", expiredCompleted, Print("a"), default), 201, "{}", default);
        await past.BeginAsync("user-1", expiredInFlight, Print("a"), default);
        var liveClaim = await current.BeginAsync("user-1", live, Print("a"), default);
        await current.CompleteAsync(liveClaim, 201, "{\"live\":true}", default);

        var purged = await current.PurgeExpiredAsync(now, default);

        Assert.True(purged >= 2, $"purged {purged}");
        var table = azurite.Shared.Storage.Table(azurite.Shared.Storage.Names.Idempotency);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(IdempotencyStore.Partition("user-1", expiredCompleted), IdempotencyStore.RowKey)).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(IdempotencyStore.Partition("user-1", expiredInFlight), IdempotencyStore.RowKey)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(IdempotencyStore.Partition("user-1", live), IdempotencyStore.RowKey)).HasValue);
        Assert.Equal((201, "{\"live\":true}"), (await current.BeginAsync("user-1", live, Print("a"), default)).Replay);
    }
}
