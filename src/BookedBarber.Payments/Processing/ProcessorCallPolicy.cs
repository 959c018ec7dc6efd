using BookedBarber.Payments.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// How every call to a processor is made (Polly: retry outside, a timeout per attempt inside):
/// <list type="number">
/// <item>The circuit is asked first (<see cref="IProcessorHealth.TryAcquireCallAsync"/>): open → <see cref="ProcessorUnavailableException"/>
/// at once, and the processor is not called.</item>
/// <item>Failures <c>isTransient</c> accepts, and attempt timeouts, are retried with exponential back-off and jitter. That is
/// safe because payment code passes processor-side idempotency keys.</item>
/// <item>Any other exception (a card decline, a validation error) is the processor answering: rethrown at once, no retry,
/// recorded as a success of the processor.</item>
/// <item>When the retries are exhausted, <b>one</b> failure is recorded for the whole call (not one per attempt, so a
/// single slow request cannot open the circuit alone) and <see cref="ProcessorUnavailableException"/> wraps the last exception.</item>
/// <item>The caller's cancellation is rethrown as is and recorded as nothing.</item>
/// </list>
/// Recording never changes a call's outcome: if the health table cannot be written, the charge's result still stands (logged).
/// </summary>
public sealed class ProcessorCallPolicy
{
    private static readonly ResiliencePropertyKey<Func<Exception, bool>> TransientKey = new("bookedbarber.is-transient");

    private readonly IProcessorHealth _health;
    private readonly ILogger<ProcessorCallPolicy> _logger;
    private readonly ResiliencePipeline _pipeline;

    public ProcessorCallPolicy(IProcessorHealth health, TimeProvider clock, ILogger<ProcessorCallPolicy> logger, ProcessorCallPolicyOptions? options = null)
    {
        _health = health;
        _logger = logger;
        Options = options ?? ProcessorCallPolicyOptions.Default;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Options.MaxRetries,
                Delay = Options.BaseDelay,
                MaxDelay = Options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && IsTransient(exception, args.Context)),
            })
            .AddTimeout(Options.AttemptTimeout)
            .Build();
    }

    public ProcessorCallPolicyOptions Options { get; }

    public async Task<T> ExecuteAsync<T>(string processor, Func<CancellationToken, Task<T>> call, Func<Exception, bool> isTransient, CancellationToken cancellationToken)
    {
        var (allowed, refusal) = await AcquireAsync(processor, cancellationToken);
        if (!allowed) throw new ProcessorUnavailableException(processor, refusal ?? "circuit open");

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TransientKey, isTransient);
        call = PaymentsTelemetry.Timed(processor, call);
        T result;
        try
        {
            result = await _pipeline.ExecuteAsync(static async (ctx, state) => await state(ctx.CancellationToken), context, call);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsTransient(ex, isTransient))
        {
            var reason = Describe(ex);
            await RecordAsync(processor, () => _health.RecordFailureAsync(processor, reason, CancellationToken.None));
            var attempts = Options.MaxRetries + 1;
            throw new ProcessorUnavailableException(processor, $"{attempts} attempt{(attempts == 1 ? "" : "s")} failed, the last with {reason}", ex);
        }
        catch (Exception)
        {
            // The processor answered (a decline, a validation error): it is healthy.
            await RecordAsync(processor, () => _health.RecordSuccessAsync(processor, CancellationToken.None));
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        await RecordAsync(processor, () => _health.RecordSuccessAsync(processor, CancellationToken.None));
        return result;
    }

    /// <summary>A short reason for the health record and the error: "timeout", "HTTP 503", or the exception's type and message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException or TimeoutException or TaskCanceledException => "timeout",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException http => $"connection error: {Truncate(http.Message)}",
        _ => $"{exception.GetType().Name}: {Truncate(exception.Message)}",
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static bool IsTransient(Exception exception, ResilienceContext context) =>
        IsTransient(exception, context.Properties.TryGetValue(TransientKey, out var isTransient) ? isTransient : null);

    // An attempt that ran out of time is always the processor's fault.
    private static bool IsTransient(Exception exception, Func<Exception, bool>? isTransient) =>
        exception is TimeoutRejectedException || (isTransient?.Invoke(exception) ?? false);

    private async Task<(bool Allowed, string? Reason)> AcquireAsync(string processor, CancellationToken cancellationToken)
    {
        try
        {
            return await _health.TryAcquireCallAsync(processor, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not knowing the circuit must not stop payments: call the processor.
            _logger.LogWarning(ex, "Could not read the {Processor} circuit; calling it anyway", processor);
            return (true, null);
        }
    }

    private async Task RecordAsync(string processor, Func<Task> record)
    {
        try
        {
            await record();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not record the outcome of a {Processor} call in its circuit", processor);
        }
    }
}
