using System.Net;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace BookedBarber.Payments.UnitTests;

public sealed class ProcessorCallPolicyTests
{
    private const string Processor = "square";

    private sealed class DeclinedException() : Exception("card_declined");

    private static readonly Func<Exception, bool> HttpIsTransient = ex => ex is HttpRequestException;

    private readonly Mock<IProcessorHealth> _health = new(MockBehavior.Strict);

    public ProcessorCallPolicyTests()
    {
        _health.Setup(h => h.TryAcquireCallAsync(Processor, It.IsAny<CancellationToken>())).ReturnsAsync((true, (string?)null));
        _health.Setup(h => h.RecordSuccessAsync(Processor, It.IsAny<CancellationToken>())).ReturnsAsync(Closed);
        _health.Setup(h => h.RecordFailureAsync(Processor, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Closed);
    }

    private static ProcessorCircuit Closed => new(CircuitState.Closed, 0, null, null, null);

    private ProcessorCallPolicy Policy(int maxRetries = 2, TimeSpan? attemptTimeout = null) => new(
        _health.Object, TimeProvider.System, NullLogger<ProcessorCallPolicy>.Instance,
        new ProcessorCallPolicyOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10) });

    [Fact]
    public async Task TransientFailureThenSuccess_ReturnsTheResult_AfterOneRetry()
    {
        var calls = 0;
        var result = await Policy().ExecuteAsync(Processor, _ =>
        {
            calls++;
            return calls == 1 ? Task.FromException<string>(new HttpRequestException("boom", null, HttpStatusCode.ServiceUnavailable)) : Task.FromResult("pay_1");
        }, HttpIsTransient, default);

        Assert.Equal("pay_1", result);
        Assert.Equal(2, calls);
        _health.Verify(h => h.RecordSuccessAsync(Processor, It.IsAny<CancellationToken>()), Times.Once);
        _health.Verify(h => h.RecordFailureAsync(Processor, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PersistentTransientFailure_ThrowsUnavailable_WrappingTheLastException_AndRecordsOneFailure()
    {
        var calls = 0;
        var last = (Exception?)null;
        var ex = await Assert.ThrowsAsync<ProcessorUnavailableException>(() => Policy().ExecuteAsync<string>(Processor, _ =>
        {
            calls++;
            last = new HttpRequestException($"attempt {calls}", null, HttpStatusCode.BadGateway);
            return Task.FromException<string>(last);
        }, HttpIsTransient, default));

        Assert.Equal(3, calls);
        Assert.Same(last, ex.InnerException);
        Assert.Equal(Processor, ex.Processor);
        Assert.Contains("HTTP 502", ex.Reason);
        _health.Verify(h => h.RecordFailureAsync(Processor, "HTTP 502", It.IsAny<CancellationToken>()), Times.Once);
        _health.Verify(h => h.RecordSuccessAsync(Processor, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Decline_IsRethrownWithoutRetry_AndCountsAsTheProcessorsSuccess()
    {
        var calls = 0;
        var declined = new DeclinedException();
        var thrown = await Assert.ThrowsAsync<DeclinedException>(() => Policy().ExecuteAsync<string>(Processor, _ =>
        {
            calls++;
            return Task.FromException<string>(declined);
        }, HttpIsTransient, default));

        Assert.Same(declined, thrown);
        Assert.Equal(1, calls);
        _health.Verify(h => h.RecordSuccessAsync(Processor, It.IsAny<CancellationToken>()), Times.Once);
        _health.Verify(h => h.RecordFailureAsync(Processor, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OpenCircuit_RefusesAtOnce_WithoutCallingTheProcessor()
    {
        const string reason = "circuit open until 12:00:30Z after 5 failures: timeout";
        _health.Setup(h => h.TryAcquireCallAsync(Processor, It.IsAny<CancellationToken>())).ReturnsAsync((false, reason));
        var calls = 0;

        var ex = await Assert.ThrowsAsync<ProcessorUnavailableException>(() => Policy().ExecuteAsync(Processor, _ =>
        {
            calls++;
            return Task.FromResult("pay_1");
        }, HttpIsTransient, default));

        Assert.Equal(0, calls);
        Assert.Equal(reason, ex.Reason);
        Assert.Null(ex.InnerException);
        _health.Verify(h => h.RecordSuccessAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _health.Verify(h => h.RecordFailureAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AnAttemptThatRunsOutOfTime_IsCancelledAndRetried_AsATimeout()
    {
        var calls = 0;
        var ex = await Assert.ThrowsAsync<ProcessorUnavailableException>(() => Policy(maxRetries: 1, attemptTimeout: TimeSpan.FromMilliseconds(50)).ExecuteAsync(Processor, async ct =>
        {
            calls++;
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        }, _ => false, default));

        Assert.Equal(2, calls);
        Assert.Contains("timeout", ex.Reason);
        _health.Verify(h => h.RecordFailureAsync(Processor, "timeout", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TheCallersCancellation_IsRethrown_AndRecordsNothing()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy().ExecuteAsync(Processor, async ct =>
        {
            calls++;
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return "never";
        }, _ => true, cancel.Token));

        Assert.Equal(1, calls);
        _health.Verify(h => h.RecordSuccessAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _health.Verify(h => h.RecordFailureAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task WhenTheHealthTableCannotBeWritten_TheChargesResultStillStands()
    {
        _health.Setup(h => h.RecordSuccessAsync(Processor, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));
        _health.Setup(h => h.TryAcquireCallAsync(Processor, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));

        Assert.Equal("pay_1", await Policy().ExecuteAsync(Processor, _ => Task.FromResult("pay_1"), HttpIsTransient, default));
    }

    [Fact]
    public void Reasons_AreShort_AndSayWhatWentWrong()
    {
        Assert.Equal("timeout", ProcessorCallPolicy.Describe(new Polly.Timeout.TimeoutRejectedException()));
        Assert.Equal("HTTP 503", ProcessorCallPolicy.Describe(new HttpRequestException("x", null, HttpStatusCode.ServiceUnavailable)));
        Assert.StartsWith("connection error: ", ProcessorCallPolicy.Describe(new HttpRequestException("refused")));
    }
}
