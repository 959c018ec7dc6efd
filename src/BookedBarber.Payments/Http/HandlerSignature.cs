using BookedBarber.Payments.Errors;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.Payments.Http;

/// <summary>
/// What a handler says in its signature, read once: where each parameter comes from (<c>[FromBody]</c> record,
/// <c>[FromRoute]</c> / <c>[FromQuery]</c> / <c>[FromHeader]</c> values, the <see cref="Caller"/>, the <see cref="ApiCall"/>, the request's
/// <see cref="CancellationToken"/>, and services for everything else) and what it answers (the typed results in its
/// return type). The catalog and the OpenAPI document read request and response types from here.
/// </summary>
public sealed class HandlerSignature
{
    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly Func<ApiCall, ValueTask<object?>>[] _binders;
    private readonly Func<object?, Task<IResult>> _awaitResult;

    private HandlerSignature(Delegate handler)
    {
        _method = handler.Method;
        _target = handler.Target;
        var parameters = _method.GetParameters();
        _binders = new Func<ApiCall, ValueTask<object?>>[parameters.Length];
        var route = new List<string>();
        var query = new List<string>();
        var headers = new List<(string, string?)>();
        for (var i = 0; i < parameters.Length; i++)
            _binders[i] = BinderFor(parameters[i], route, query, headers);
        RouteParameters = route;
        QueryParameters = query;
        HeaderParameters = headers;
        (_awaitResult, Responses) = ReadReturnType(_method);
        Shipped = !_method.IsDefined(typeof(NotShippedAttribute));
    }

    public string Name => _method.DeclaringType is { } type ? $"{type.Name}.{_method.Name}" : _method.Name;

    /// <summary>The JSON request record (<c>[FromBody]</c> of a record type), if any.</summary>
    public Type? RequestType { get; private set; }

    /// <summary>None, a JSON object, or raw bytes (<c>[FromBody] byte[]</c>, checked by the handler: webhooks).</summary>
    public BodyKind Body { get; private set; }

    /// <summary>The success answers, from the handler's typed results: status and body type (null when not JSON).</summary>
    public IReadOnlyList<(int Status, Type? Body)> Responses { get; }

    public IReadOnlyList<string> RouteParameters { get; }

    public IReadOnlyList<string> QueryParameters { get; }

    /// <summary>The request headers the handler reads (<c>[FromHeader]</c>), with the parameter's <c>[Description]</c>.</summary>
    public IReadOnlyList<(string Name, string? Description)> HeaderParameters { get; }

    /// <summary>False for a contract route whose capability has not shipped (<see cref="NotShippedAttribute"/>).</summary>
    public bool Shipped { get; }

    public static HandlerSignature Of(Delegate handler) => new(handler);

    public async Task<IResult> InvokeAsync(ApiCall call)
    {
        var arguments = new object?[_binders.Length];
        for (var i = 0; i < _binders.Length; i++) arguments[i] = await _binders[i](call);
        object? returned;
        try
        {
            returned = _method.Invoke(_target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        return await _awaitResult(returned);
    }

    private Func<ApiCall, ValueTask<object?>> BinderFor(ParameterInfo parameter, List<string> route, List<string> query, List<(string, string?)> headers)
    {
        var type = parameter.ParameterType;
        if (type == typeof(ApiCall)) return call => ValueTask.FromResult<object?>(call);
        if (type == typeof(Caller)) return call => ValueTask.FromResult<object?>(call.Caller);
        if (type == typeof(CancellationToken)) return call => ValueTask.FromResult<object?>(call.Aborted);

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            if (Body != BodyKind.None) throw new InvalidOperationException($"{Name} has two [FromBody] parameters.");
            if (type == typeof(byte[]))
            {
                Body = BodyKind.Raw;
                return async call => await JsonBody.ReadBytesAsync(call.Http.Request, call.Aborted);
            }
            Body = BodyKind.Json;
            RequestType = type;
            var read = (Func<ApiCall, Task<object?>>)typeof(HandlerSignature).GetMethod(nameof(ReadJsonAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).CreateDelegate(typeof(Func<ApiCall, Task<object?>>));
            return async call => await read(call);
        }

        if (parameter.GetCustomAttribute<FromRouteAttribute>() is { } fromRoute)
        {
            var name = fromRoute.Name ?? SnakeCase(parameter.Name!);
            route.Add(name);
            if (type == typeof(int)) return call => ValueTask.FromResult<object?>(call.RouteId(name));
            if (type == typeof(string)) return call => ValueTask.FromResult<object?>(call.RouteValue(name));
            throw new InvalidOperationException($"{Name}: route parameter {name} must be an int (a positive id) or a string.");
        }

        if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
        {
            var name = fromQuery.Name ?? SnakeCase(parameter.Name!);
            query.Add(name);
            var parse = QueryParser(type, name)
                ?? throw new InvalidOperationException($"{Name}: query parameter {name} has a type the binder does not read ({type.Name}).");
            return call => ValueTask.FromResult(call.Query(name) is { } raw ? parse(raw) : null);
        }

        if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } fromHeader)
        {
            // Every value sent, so the handler decides what a repeated header means (Idempotency-Key: 400).
            if (type != typeof(StringValues)) throw new InvalidOperationException($"{Name}: header parameter {parameter.Name} must be StringValues.");
            var name = fromHeader.Name ?? parameter.Name!;
            headers.Add((name, parameter.GetCustomAttribute<DescriptionAttribute>()?.Description));
            return call => ValueTask.FromResult<object?>(call.Http.Request.Headers[name]);
        }

        // Anything else is a service the handler uses; resolved per request so scoped services work too.
        return call => ValueTask.FromResult<object?>(call.Http.RequestServices.GetRequiredService(type));
    }

    /// <summary>The query date-time forms read: ISO 8601 with or without seconds, fraction and offset (none means UTC), or a date.</summary>
    private static readonly string[] IsoDateTimes =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>Query values are optional: a value of the wrong form is 400 VALIDATION_ERROR naming the parameter.</summary>
    private static Func<string, object?>? QueryParser(Type type, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return raw => raw;
        if (underlying == typeof(int))
            // Canonical like route ids (05 is refused): one value, one spelling.
            return raw => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && raw == v.ToString(CultureInfo.InvariantCulture) ? v
                : throw DomainException.Validation(name, $"{name} must be a non-negative integer without sign or leading zeros.");
        if (underlying == typeof(decimal))
            return raw => decimal.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                && ExactDecimalConverter.IsExact(raw, v) ? v
                : throw DomainException.Validation(name, $"{name} must be a decimal number of at most 28 significant digits.");
        if (underlying == typeof(bool))
            return raw => raw switch
            {
                "true" => true,
                "false" => false,
                _ => throw DomainException.Validation(name, $"{name} must be true or false."),
            };
        if (underlying == typeof(DateTimeOffset))
            // ISO 8601 only: a lenient parse would read 12/01/2026 as December 1st for a client who meant January 12th.
            return raw => DateTimeOffset.TryParseExact(raw, IsoDateTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v
                : throw DomainException.Validation(name, $"{name} must be an ISO 8601 date-time (2026-01-31T00:00:00Z) or date (2026-01-31).");
        return null;
    }

    private (Func<object?, Task<IResult>>, IReadOnlyList<(int, Type?)>) ReadReturnType(MethodInfo method)
    {
        var returnType = method.ReturnType;
        Func<object?, Task<IResult>> awaiter;
        Type resultType;
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            resultType = returnType.GetGenericArguments()[0];
            var await = typeof(HandlerSignature).GetMethod(nameof(AwaitAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
            awaiter = (Func<object?, Task<IResult>>)await.CreateDelegate(typeof(Func<object?, Task<IResult>>));
        }
        else
        {
            resultType = returnType;
            awaiter = returned => Task.FromResult((IResult)returned!);
        }
        if (!typeof(IResult).IsAssignableFrom(resultType) || resultType == typeof(IResult) || resultType.IsInterface)
            throw new InvalidOperationException($"{Name} must return a typed result (Ok<T>, Created<T>, Results<…>, …), not {returnType.Name}.");
        return (awaiter, Answers(resultType).ToList());
    }

    private static async Task<object?> ReadJsonAsync<T>(ApiCall call) => await JsonBody.ReadAsync<T>(call.Http.Request, call.Aborted);

    private static async Task<IResult> AwaitAsync<TResult>(object? returned) where TResult : IResult => await (Task<TResult>)returned!;

    /// <summary>The typed results a handler may answer with: Results&lt;A, B&gt; lists each of A and B.</summary>
    private static IEnumerable<(int Status, Type? Body)> Answers(Type resultType)
    {
        if (resultType.IsGenericType && resultType.Namespace == typeof(Results<,>).Namespace && resultType.Name.StartsWith("Results`", StringComparison.Ordinal))
        {
            foreach (var part in resultType.GetGenericArguments())
                foreach (var answer in Answers(part)) yield return answer;
            yield break;
        }
        var status = StatusOf(resultType);
        if (status is null) yield break; // e.g. a replayed stored response: documented by the endpoint's own answers
        var body = resultType.IsGenericType && typeof(IValueHttpResult).IsAssignableFrom(resultType) ? resultType.GetGenericArguments()[0] : null;
        yield return (status.Value, body);
    }

    private static int? StatusOf(Type resultType)
    {
        var definition = resultType.IsGenericType ? resultType.GetGenericTypeDefinition() : resultType;
        if (definition == typeof(Ok<>) || definition == typeof(Ok) || definition == typeof(ContentHttpResult) || definition == typeof(FileContentHttpResult)) return StatusCodes.Status200OK;
        if (definition == typeof(Created<>) || definition == typeof(Created)) return StatusCodes.Status201Created;
        if (definition == typeof(Accepted<>) || definition == typeof(Accepted)) return StatusCodes.Status202Accepted;
        if (definition == typeof(NoContent)) return StatusCodes.Status204NoContent;
        return null;
    }

    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
